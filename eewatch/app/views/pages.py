"""The report's HTML pages (pure): the index and one page per group of rounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from eewatch.app.views import svg
from eewatch.app.views.groups import Group, group_of, group_rounds, label, newest_first
from eewatch.app.views.markup import MISSING, details, esc, num, page, table
from eewatch.app.views.series import (
    Series,
    crs_series,
    invitations_by_month,
    pool_comparison,
)
from eewatch.app.views.stats import GroupStats, compute_stats, type_totals
from scraper.domain.links import safe_round_url
from scraper.domain.record import Round

LATEST_ROUNDS = 15
CRS_YEARS = 3
MONTHS = 24


@dataclass(frozen=True)
class Context:
    """What every page needs: the rounds (newest first), the time, the title."""

    rounds: Sequence[Round]
    now: dt.datetime
    title: str

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def end(self) -> dt.date:
        """Charts run to today, or to the newest round if it is dated later."""
        return max([self.today, *(r.date for r in self.rounds[:1])])


def years_before(day: dt.date, years: int) -> dt.date:
    return dt.date(day.year - years, day.month, 1)


def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


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


def rounds_table(rounds: Sequence[Round], *, with_group: bool = True) -> str:
    header = ["round", "date", *(["type"] if with_group else []), "name", "CRS cut-off", "invitations"]
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
        attrs.append(f'data-group="{esc(group.short)}"')
    n = len(header)
    return table(header, rows, numeric=(n - 2, n - 1), wide=(n - 3,), row_attrs=attrs, css_class="rounds")


def crs_figure(series: Sequence[Series], *, fig_id: str, heading: str, start: dt.date, end: dt.date) -> str:
    """A CRS line chart with its legend and data table."""
    if not series:
        return f'<section id="{fig_id}"><h2>{esc(heading)}</h2><p>No rounds in this period.</p></section>'
    latest = "; ".join(f"{s.label}: {s.points[-1].value} on {s.points[-1].date}" for s in series if s.points)
    desc = f"Lowest CRS score invited, per round, {start} to {end}. Latest: {latest or 'none published'}."
    chart = svg.line_chart(series, start=start, end=end, title=heading, desc=desc)
    legend = "".join(
        f"<li>{swatch(svg.colour(i))}{group_link(s.group, s.label)}</li>" for i, s in enumerate(series)
    )
    rows = [
        [esc(p.date.isoformat()), esc(s.label), f"#{esc(p.round_id)}", esc(p.value)]
        for s in series
        for p in s.points
    ]
    rows.sort(key=lambda r: r[0], reverse=True)
    missing = [f"{s.label}: #{', #'.join(s.missing)}" for s in series if s.missing]
    note = (
        f'<p class="note">No cut-off published (left out): {esc("; ".join(missing))}.</p>' if missing else ""
    )
    data = details("Data table", table(["date", "group", "round", "CRS cut-off"], rows, numeric=(3,)))
    return (
        f'<section id="{fig_id}"><h2>{esc(heading)}</h2><figure>{chart}'
        f'<figcaption><ul class="legend">{legend}</ul></figcaption></figure>{note}{data}</section>'
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
        f'<section id="pool"><h2>{heading}</h2><p>{esc(intro)}</p>'
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
    return table(header, rows, numeric=(1, 3, 4, 5, 6, 7, 8, 9), css_class="stats") + notes_html


def index_page(ctx: Context) -> str:
    """The front page."""
    rounds = ctx.rounds
    if not rounds:
        body = "<p>No rounds stored yet. Run <code>scrape --once</code>, then build the report again.</p>"
        return page(
            title=ctx.title, heading=ctx.title, body=body, now=ctx.now, site_title=ctx.title, home=True
        )
    newest = rounds[0]
    start = years_before(ctx.end, CRS_YEARS)
    stats = compute_stats(rounds, ctx.today)
    totals = [t for t in type_totals(rounds, ctx.today) if t.group.round_type in ("program", "category")]
    grouped = group_rounds(rounds)
    sections = [
        f'<p class="lead">{num(len(rounds))} rounds stored. The newest: {round_link(newest)} on '
        f"{esc(newest.date)}, {esc(group_of(newest).short)}, "
        f"{(ctx.today - newest.date).days} days before {esc(ctx.today)}.</p>",
        f'<section id="latest"><h2>Latest rounds</h2>{rounds_table(rounds[:LATEST_ROUNDS])}</section>',
        crs_figure(
            crs_series(rounds, include=lambda g: g.round_type == "category", start=start),
            fig_id="crs-categories",
            heading="CRS cut-off of category rounds",
            start=start,
            end=ctx.end,
        ),
        crs_figure(
            crs_series(rounds, include=lambda g: g.round_type in ("general", "program"), start=start),
            fig_id="crs-programs",
            heading="CRS cut-off of general and program rounds",
            start=start,
            end=ctx.end,
        ),
        months_figure(ctx),
        pool_figure(ctx),
        f'<section id="stats"><h2>Statistics</h2><p>As of {esc(ctx.today)}; 12m = the last 365 days.</p>'
        f"{stats_table([*stats, *totals])}</section>",
        '<section id="groups"><h2>Every round type and category</h2><ul class="groups">'
        + "".join(f"<li>{group_link(g, label(g, items))}</li>" for g, items in grouped.items())
        + "</ul></section>",
    ]
    return page(
        title=ctx.title,
        heading=ctx.title,
        body="\n".join(sections),
        now=ctx.now,
        site_title=ctx.title,
        home=True,
    )


def group_page(ctx: Context, group: Group, rounds: Sequence[Round]) -> str:
    """One group's page: its statistics, its whole CRS history and every round."""
    rounds = sorted(rounds, key=newest_first)
    name = label(group, rounds)
    start = rounds[-1].date
    stats = compute_stats(rounds, ctx.today)
    body = "\n".join(
        [
            f'<p class="lead">{esc(group.short)}: {num(len(rounds))} rounds, '
            f"{esc(start)} to {esc(rounds[0].date)}.</p>",
            f'<section id="stats"><h2>Statistics</h2>{stats_table(stats, link=False)}</section>',
            crs_figure(
                crs_series(rounds),
                fig_id="crs",
                heading=f"CRS cut-off: {name}",
                start=dt.date(start.year, start.month, 1),
                end=ctx.end,
            ),
            f'<section id="rounds"><h2>Every round</h2>{rounds_table(rounds, with_group=False)}</section>',
        ]
    )
    return page(
        title=f"{name} — {ctx.title}", heading=name, body=body, now=ctx.now, site_title=ctx.title, home=False
    )
