"""The report's front page (pure)."""

from __future__ import annotations

from eewatch.app.views.groups import group_of, group_rounds, label
from eewatch.app.views.markup import esc, num, page
from eewatch.app.views.page_parts import (
    CRS_YEARS,
    POOL_PAGE,
    Context,
    category_multiples,
    crs_figure,
    crs_form,
    group_link,
    latest_by_kind,
    months_figure,
    pool_figure,
    round_link,
    rounds_table,
    stats_table,
    unsafe_links_note,
    years_before,
)
from eewatch.app.views.series import (
    crs_series,
)
from eewatch.app.views.stats import compute_stats, type_totals


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
        crs_form(ctx.your_crs),
        f'<section id="latest"><h2>The latest round of each kind</h2>{latest_by_kind(rounds)}</section>',
        crs_figure(
            crs_series(rounds, include=lambda g: g.round_type in ("general", "program"), start=start),
            fig_id="crs-programs",
            heading="CRS cut-off of general and program rounds",
            start=start,
            end=ctx.end,
            your_crs=ctx.your_crs,
        ),
        category_multiples(ctx, start),
        months_figure(ctx),
        pool_figure(ctx),
        unsafe_links_note(rounds),
        f'<section id="rounds"><h2>Every round</h2><p class="note">Newest first. Filter by kind, category, '
        "program and year, search by number, sort by a column: the address keeps the choice, so it can be "
        f"shared.</p>{rounds_table(rounds)}</section>",
        f'<section id="stats"><h2>Statistics</h2><p>As of {esc(ctx.today)}; 12m = the last 365 days. '
        "On a phone, the narrow columns only.</p>"
        f"{stats_table([*stats, *totals])}</section>",
        '<section id="groups"><h2>Every round type and category</h2><ul class="groups">'
        + "".join(f"<li>{group_link(g, label(g, items))}</li>" for g, items in grouped.items())
        + f'<li><a href="{POOL_PAGE}">The pool</a></li></ul></section>',
    ]
    return page(
        title=ctx.title,
        heading=ctx.title,
        body="\n".join(sections),
        now=ctx.now,
        site_title=ctx.title,
        home=True,
    )
