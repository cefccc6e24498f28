"""What the report's pages share (pure): the context, links, tables, the charts' figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from eewatch.app.views import svg
from eewatch.app.views.groups import Group, group_of, group_rounds, newest_first
from eewatch.app.views.markup import MISSING, details, esc, num, table
from eewatch.app.views.safe import UNSAFE_LINK
from eewatch.app.views.series import (
    Series,
    crs_series,
    invitations_by_month,
    pool_comparison,
)
from eewatch.app.views.stats import GroupStats
from eewatch.domain.eligibility import Profile, assess
from eewatch.domain.occupations import Catalog
from eewatch.domain.record import Round
from scraper.links import safe_round_url

CRS_YEARS = 3
MONTHS = 24
POOL_PAGE = "pool.html"


@dataclass(frozen=True)
class Context:
    """What every page needs: the rounds (newest first), the time, the title, the reader's CRS, the lists."""

    rounds: Sequence[Round]
    now: dt.datetime
    title: str
    your_crs: int | None = None
    catalog: Catalog | None = None
    #: ``[profile]``: the "your CRS" line is drawn only on charts of rounds it could enter.
    profile: Profile | None = None

    def not_yours(self, rounds: Sequence[Round]) -> str | None:
        """Why the profile could not enter these rounds (judged on the newest), or None: draw the line."""
        if self.profile is None or self.your_crs is None or not rounds:
            return None
        newest = max(rounds, key=lambda r: (r.date, r.number or 0))
        said = assess(newest, self.profile, self.catalog)
        if said.eligible is True:
            return None
        if said.eligible is None:
            return f"your CRS is not drawn: {said.reason.partition('; check ')[0]}"
        return f"your CRS is not drawn: {said.reason}"

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def end(self) -> dt.date:
        """Charts run to the newest round (not to an empty today)."""
        return self.rounds[0].date if self.rounds else self.today


def years_before(day: dt.date, years: int) -> dt.date:
    return dt.date(day.year - years, day.month, 1)


def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def padded(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """A chart's time axis: the data's span and a little room on each side (at least a month)."""
    pad = dt.timedelta(days=max(15, (end - start).days // 50))
    return start - pad, end + pad


def page_name(group: Group) -> str:
    return f"{group.slug}.html"


def round_link(item: Round) -> str:
    """The round's id, linked to its Ministerial Instructions page when it is one on www.canada.ca."""
    url = safe_round_url(item.url)
    if url:
        return f'<a href="{esc(url)}">#{esc(item.id)}</a>'
    return f"#{esc(item.id)}"


def swatch(fill: str) -> str:
    """A legend's colour square."""
    return f'<span class="swatch" style="background:{esc(fill)}"></span>'


def group_link(group: Group, text: str | None = None) -> str:
    return f'<a href="{esc(page_name(group))}">{esc(text or group.short)}</a>'


def short_group_link(group: Group) -> str:
    """``french`` linked, with ``category:french`` as its tooltip: narrow enough for a phone."""
    return f'<a href="{esc(page_name(group))}" title="{esc(group.short)}">{esc(group.key)}</a>'


def crs_form(your_crs: int | None) -> str:
    """Where a reader gives a score: a plain GET form (``?crs=489``); report.js draws it without a reload."""
    value = f' value="{your_crs}"' if your_crs is not None else ""
    return (
        '<form class="your-crs" method="get"><label>Your CRS score '
        f'<input name="crs" type="number" min="0" max="1200" inputmode="numeric"{value}></label> '
        '<button type="submit">Show on the charts</button></form>'
    )


def rounds_table(rounds: Sequence[Round], *, with_group: bool = True, table_id: str = "rounds-table") -> str:
    """Every round given, newest first: complete without JavaScript; report.js sorts and filters it."""
    header = ["round", "date", *(["kind"] if with_group else []), "name", "CRS cut-off", "invitations"]
    rows = []
    attrs = []
    for item in rounds:
        group = group_of(item)
        rows.append(
            [
                round_link(item),
                esc(item.date.isoformat()),
                *([short_group_link(group)] if with_group else []),
                esc(item.name),
                esc(item.crs_min),
                num(item.invitations),
            ]
        )
        attrs.append(
            f'data-number="{item.number}" data-date="{item.date.isoformat()}" data-year="{item.date.year}" '
            f'data-type="{esc(item.round_type or "unknown")}" data-category="{esc(item.category or "")}" '
            f'data-programs="{esc(" ".join(item.programs))}" data-group="{esc(group.short)}" '
            f'data-crs="{"" if item.crs_min is None else item.crs_min}" '
            f'data-invitations="{"" if item.invitations is None else item.invitations}"'
        )
    n = len(header)
    return table(
        header,
        rows,
        numeric=(n - 2, n - 1),
        wide=(n - 3,),
        row_attrs=attrs,
        css_class="rounds",
        table_id=table_id,
        sortable={1: "date", n - 2: "crs", n - 1: "invitations"},
    )


def latest_by_kind(rounds: Sequence[Round]) -> str:
    """The newest round of every group, newest first."""
    latest = sorted((items[0] for items in group_rounds(rounds).values()), key=newest_first)
    rows = [
        [
            short_group_link(group_of(r)),
            round_link(r),
            esc(r.date.isoformat()),
            esc(r.crs_min),
            num(r.invitations),
        ]
        for r in latest
    ]
    return table(
        ["kind", "round", "date", "CRS cut-off", "invitations"], rows, numeric=(3, 4), css_class="latest"
    )


def series_legend(series: Sequence[Series], colours: Sequence[int] | None = None) -> str:
    items = []
    for position, s in enumerate(series):
        index = colours[position] if colours is not None else position
        name = group_link(s.group, s.label) if s.group else esc(s.label)
        items.append(f"<li>{svg.legend_marker(index)}{name}</li>")
    return f'<ul class="legend">{"".join(items)}</ul>'


def _most_recent(series: list[Series], limit: int = svg.MAX_SERIES) -> tuple[list[Series], list[Series]]:
    """At most ``limit`` series, those with the most recent points; the rest are left for their pages."""
    if len(series) <= limit:
        return series, []
    ranked = sorted(series, key=lambda s: max((p.date for p in s.points), default=dt.date.min), reverse=True)
    keep = {id(s) for s in ranked[:limit]}
    return [s for s in series if id(s) in keep], [s for s in series if id(s) not in keep]


def crs_data_table(series: Sequence[Series]) -> str:
    rows = [
        [esc(p.date.isoformat()), esc(s.label), f"#{esc(p.round_id)}", esc(p.value)]
        for s in series
        for p in s.points
    ]
    rows.sort(key=lambda r: r[0], reverse=True)
    return details("Data table", table(["date", "group", "round", "CRS cut-off"], rows, numeric=(3,)))


def _missing_note(series: Sequence[Series]) -> str:
    missing = [f"{s.label}: #{', #'.join(s.missing)}" for s in series if s.missing]
    if not missing:
        return ""
    return f'<p class="note">No cut-off published (left out): {esc("; ".join(missing))}.</p>'


def crs_figure(
    series: Sequence[Series],
    *,
    fig_id: str,
    heading: str,
    start: dt.date,
    end: dt.date,
    your_crs: int | None = None,
    intro: str = "",
) -> str:
    """A CRS line chart (at most :data:`svg.MAX_SERIES` lines) with its legend and data table."""
    if not series:
        return f'<section id="{fig_id}"><h2>{esc(heading)}</h2><p>No rounds in this period.</p></section>'
    shown, left_out = _most_recent(list(series))
    latest = "; ".join(f"{s.label}: {s.points[-1].value} on {s.points[-1].date}" for s in shown if s.points)
    desc = f"Lowest CRS score invited, per round, {start} to {end}. Latest: {latest or 'none published'}."
    x0, x1 = padded(start, end)
    chart = svg.line_chart(shown, start=x0, end=x1, title=heading, desc=desc, your_crs=your_crs)
    more = ""
    if left_out:
        links = ", ".join(group_link(s.group, s.label) for s in left_out if s.group)
        more = f'<p class="note">Not drawn here (older rounds; see their pages): {links}.</p>'
    gap = f"Rounds more than {svg.GAP_DAYS} days apart are not joined."
    return (
        f'<section id="{fig_id}"><h2>{esc(heading)}</h2>{intro}<figure>{chart}'
        f'<figcaption>{series_legend(shown)}<span class="note">{gap}</span></figcaption></figure>'
        f"{more}{_missing_note(series)}{crs_data_table(series)}</section>"
    )


def category_multiples(ctx: Context, start: dt.date) -> str:
    """One small chart per category, all on the same axes, so they compare at a glance."""
    heading = "CRS cut-off of category rounds"
    series = crs_series(ctx.rounds, include=lambda g: g.round_type == "category", start=start)
    if not series:
        empty = "<p>No category rounds in this period.</p>"
        return f'<section id="crs-categories"><h2>{heading}</h2>{empty}</section>'
    values = [p.value for s in series for p in s.points]
    y_range = svg.crs_range(values, [ctx.your_crs] if ctx.your_crs is not None else [])
    x0, x1 = padded(start, ctx.end)
    cells = []
    for s in series:
        last = f"latest {s.points[-1].value} on {s.points[-1].date}" if s.points else "no cut-off published"
        chart = svg.line_chart(
            [s],
            start=x0,
            end=x1,
            title=f"CRS cut-off: {s.label}",
            desc=f"Lowest CRS score invited in {s.label} rounds, {start} to {ctx.end}; {last}.",
            width=420,
            height=230,
            y_range=y_range,
            your_crs=ctx.your_crs,
            css_class="small",
            not_yours=(not_yours := ctx.not_yours([r for r in ctx.rounds if group_of(r) == s.group])),
        )
        name = group_link(s.group, s.label) if s.group else esc(s.label)
        why_not = f'<p class="note not-yours">{esc(not_yours)}</p>' if not_yours else ""
        cells.append(
            f'<figure class="multiple"><figcaption>{name} <span class="note">{esc(last)}</span>'
            f"</figcaption>{chart}{why_not}</figure>"
        )
    return (
        f'<section id="crs-categories"><h2>{heading}</h2>'
        f'<p class="note">Same axes in every chart, {esc(start)} to {esc(ctx.end)}; '
        f"rounds more than {svg.GAP_DAYS} days apart are not joined.{_yours_legend(ctx)}</p>"
        f'<div class="multiples">{"".join(cells)}</div>'
        f"{_missing_note(series)}{crs_data_table(series)}</section>"
    )


def _yours_legend(ctx: Context) -> str:
    """What the dashed line claims, where a profile decides where it is drawn."""
    if ctx.profile is None or ctx.your_crs is None:
        return ""
    return (
        f" The dashed line (- - your CRS {ctx.your_crs}) is drawn only on the charts of categories your "
        "[profile] could enter (by the list in force on the newest round); the others say why not."
    )


def months_figure(ctx: Context) -> str:
    first = months_before(ctx.end, MONTHS)
    months = invitations_by_month(ctx.rounds, first, ctx.end)
    total = sum(m.total for m in months)
    heading = "Invitations per month"
    desc = f"Invitations issued per month, stacked by round type, {months[0].month} to {months[-1].month}."
    chart = svg.month_bars(months, title=heading, desc=desc)
    kinds = [k for k in svg.TYPE_COLOURS if any(k in m.by_type for m in months)]
    legend = "".join(f"<li>{swatch(svg.TYPE_COLOURS[k])}{esc(k)}</li>" for k in kinds)
    rows = [
        [
            esc(m.month),
            esc(m.rounds),
            *(num(m.by_type.get(k)) if k in m.by_type else ("" if m.rounds else MISSING) for k in kinds),
            num(m.total) if m.rounds else MISSING,
            esc(m.missing or ""),
        ]
        for m in reversed(months)
    ]
    header = ["month", "rounds", *kinds, "total", "rounds without a count"]
    data = details("Data table", table(header, rows, numeric=tuple(range(1, len(header)))))
    return (
        f'<section id="invitations"><h2>{heading}</h2>'
        f"<p>{num(total)} invitations in the {len(months)} months shown.</p>"
        f'<figure>{chart}<figcaption><ul class="legend">{legend}</ul></figcaption></figure>{data}</section>'
    )


def pool_figure(ctx: Context) -> str:
    heading = "The pool: candidates per CRS band"
    comparison = pool_comparison(ctx.rounds)
    more = f'<p>The pool over time, and where a score sits: <a href="{POOL_PAGE}">the pool page</a>.</p>'
    if comparison is None:
        return f'<section id="pool"><h2>{heading}</h2><p>No pool distribution published.</p></section>'
    latest, earlier = comparison.latest, comparison.earlier
    when = f"on {latest.distribution_as_of} (published with round #{latest.id})"
    if earlier is not None:
        intro = (
            f"{when}, against {earlier.distribution_as_of} (round #{earlier.id}), about three months before."
        )
    else:
        intro = f"{when}. No distribution from about three months before is stored."
    desc = f"Candidates in the Express Entry pool per CRS band {intro}"
    chart = svg.pool_bars(comparison, title=heading, desc=desc)
    rows = []
    for band, old, new in comparison.rows():
        change = f"{new - old:+,}" if old is not None and new is not None else MISSING
        rows.append([esc(band), num(old) if earlier else MISSING, num(new), change])
    old_total = earlier.distribution.get("total") if earlier and earlier.distribution else None
    new_total = latest.distribution.get("total") if latest.distribution else None
    change = f"{new_total - old_total:+,}" if old_total is not None and new_total is not None else MISSING
    rows.append(["<strong>total</strong>", num(old_total), num(new_total), change])
    header = [
        "CRS band",
        str(earlier.distribution_as_of) if earlier else "earlier",
        str(latest.distribution_as_of),
        "change",
    ]
    legend = (
        '<ul class="legend"><li><span class="swatch earlier"></span>'
        f"{esc(earlier.distribution_as_of if earlier else 'none')}</li>"
        f'<li><span class="swatch latest"></span>{esc(latest.distribution_as_of)}</li></ul>'
    )
    return (
        f'<section id="pool"><h2>{heading}</h2><p>{esc(intro)}</p>{more}'
        f"<figure>{chart}<figcaption>{legend}</figcaption></figure>"
        f"{details('Data table', table(header, rows, numeric=(1, 2, 3)))}</section>"
    )


def stats_table(stats: Sequence[GroupStats], *, link: bool = True) -> str:
    header = [
        "group",
        "rounds",
        "last round",
        "days ago",
        "avg gap (days)",
        "rounds 12m",
        "invited 12m",
        "CRS latest",
        "CRS min 12m",
        "CRS median 12m",
        "trend 12m",
    ]
    rows = [
        [
            group_link(s.group) if link and s.group.key != s.group.round_type else esc(s.group.short),
            num(s.rounds),
            f"{esc(s.last_date)} #{esc(s.last_id)}",
            num(s.days_since),
            num(s.average_gap_days),
            num(s.rounds_12m),
            num(s.invitations_12m),
            esc(s.crs_latest),
            esc(s.crs_min_12m),
            num(
                s.crs_median_12m, 0 if s.crs_median_12m is None or float(s.crs_median_12m).is_integer() else 1
            ),
            esc(s.trend),
        ]
        for s in stats
    ]
    notes = "".join(f"<li>{esc(s.group.short)}: {esc(n)}</li>" for s in stats for n in s.notes)
    notes_html = f'<ul class="note">{notes}</ul>' if notes else ""
    # On a phone: group, last round, CRS latest, CRS min 12m (the rest are "wide").
    return (
        table(header, rows, numeric=(1, 3, 4, 5, 6, 7, 8, 9), wide=(1, 3, 4, 5, 6, 9, 10), css_class="stats")
        + notes_html
    )


def unsafe_links_note(rounds: Sequence[Round]) -> str:
    """The links from the feed that were not made links (not on www.canada.ca), as text."""
    notes = [
        f"#{esc(r.id)}: {esc(w.removeprefix(UNSAFE_LINK))}"
        for r in rounds
        for w in r.warnings
        if w.startswith(UNSAFE_LINK)
    ]
    if not notes:
        return ""
    return (
        '<p class="note" id="unsafe-links">Links in the feed not on https://www.canada.ca, '
        f"shown as text only: {'; '.join(notes)}.</p>"
    )
