"""The report's pool page: candidates per CRS band, and where a score sits (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from eewatch.app.views import svg
from eewatch.app.views.markup import MISSING, details, esc, num, page, table
from eewatch.app.views.page_parts import (
    Context,
    crs_form,
    padded,
    series_legend,
)
from eewatch.app.views.series import (
    COARSE_BANDS,
    DETAIL_BANDS,
    distributions,
    pool_series,
)


def pool_page(ctx: Context) -> str:
    """The pool: the latest distribution with a score marked, the pool's size and its bands over time."""
    published = distributions(ctx.rounds)
    heading = "The Express Entry pool"
    if not published:
        body = "<p>No pool distribution published.</p>"
        return page(
            title=f"{heading} — {ctx.title}",
            heading=heading,
            body=body,
            now=ctx.now,
            site_title=ctx.title,
            home=False,
        )
    latest = published[-1]
    dist = latest.distribution or {}
    rows = [(band, dist.get(band)) for band in DETAIL_BANDS]
    total = dist.get("total")
    yours = ""
    if ctx.your_crs is not None:
        yours = your_band_text(ctx.your_crs, rows)
    chart = svg.band_bars(
        rows,
        title=f"The pool on {latest.distribution_as_of}",
        desc=f"Candidates per CRS band on {latest.distribution_as_of} (published with round #{latest.id}); "
        f"{'' if total is None else f'{total:,} in all.'}",
        your_crs=ctx.your_crs,
    )
    first, last = published[0].distribution_as_of, latest.distribution_as_of
    assert first is not None and last is not None
    x0, x1 = padded(first, last)
    sizes = pool_series(published, ("total",))
    coarse = pool_series(published, COARSE_BANDS)
    size_chart = svg.line_chart(
        sizes,
        start=x0,
        end=x1,
        title="Candidates in the pool",
        desc=f"The pool's size, {first} to {last}.",
        zero=True,
        unit="candidates",
    )
    bands_chart = svg.line_chart(
        coarse,
        start=x0,
        end=x1,
        title="Candidates per CRS band",
        desc=f"Candidates per CRS band (the bands IRCC totals), {first} to {last}.",
        zero=True,
        unit="candidates",
    )
    header = ["as of", "round", *COARSE_BANDS, "total"]
    numeric = tuple(range(2, len(header)))
    table_rows = [
        [
            esc(r.distribution_as_of),
            f"#{esc(r.id)}",
            *(num((r.distribution or {}).get(b)) for b in COARSE_BANDS),
            num((r.distribution or {}).get("total")),
        ]
        for r in reversed(published)
    ]
    body = "\n".join(
        [
            f'<p class="lead">{num(len(published))} distributions published with the rounds, '
            f"{esc(first)} to {esc(last)}. The latest: {esc(last)}, {num(total)} candidates.</p>",
            crs_form(ctx.your_crs),
            f'<section id="latest-pool"><h2>Where a score sits: the pool on {esc(last)}</h2>'
            f'<p class="your-band" aria-live="polite">{yours}</p><figure>{chart}</figure></section>',
            f'<section id="pool-size"><h2>The pool\'s size over time</h2><figure>{size_chart}'
            f"<figcaption>{series_legend(sizes)}</figcaption></figure></section>",
            f'<section id="pool-bands"><h2>The pool by CRS band over time</h2><figure>{bands_chart}'
            f'<figcaption>{series_legend(coarse)}<span class="note">Publications more than '
            f"{svg.GAP_DAYS} days apart are not joined.</span></figcaption></figure>"
            f"{details('Data table', table(header, table_rows, numeric=numeric))}</section>",
        ]
    )
    return page(
        title=f"{heading} — {ctx.title}",
        heading=heading,
        body=body,
        now=ctx.now,
        site_title=ctx.title,
        home=False,
    )


def your_band_text(crs: int, rows: Sequence[tuple[str, int | None]]) -> str:
    """``A CRS of 489 is in band 481-490 (3,000 candidates); 20,000 candidates are in that band or above.``"""
    above = 0
    for band, value in rows:
        low, high = (int(v) for v in band.split("-"))
        above += value or 0
        if low <= crs <= high:
            count = num(value) if value is not None else MISSING
            return (
                f"A CRS of {crs} is in band {band} ({count} candidates); "
                f"{above:,} candidates are in that band or above."
            )
    return f"A CRS of {crs} is in no published band."
