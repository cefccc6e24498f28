"""The report's page of one group of rounds: a program, a category, general (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from eewatch.app.views.groups import Group, label, newest_first
from eewatch.app.views.markup import details, esc, num, page, table
from eewatch.app.views.page_parts import (
    Context,
    crs_figure,
    crs_form,
    rounds_table,
    stats_table,
)
from eewatch.app.views.series import (
    crs_series,
)
from eewatch.app.views.stats import compute_stats
from eewatch.domain.occupations import CategoryVersion
from eewatch.domain.record import Round
from scraper.links import safe_round_url


def occupations_section(versions: Sequence[CategoryVersion]) -> str:
    """Each version of a category's eligibility list: its dates, its source, its occupations."""
    if not versions:
        return ""
    parts = []
    for v in sorted(versions, key=lambda v: v.effective_from, reverse=True):
        until = (
            f"until {v.effective_until} (exclusive)"
            if v.effective_until
            else "still in force as far as known"
        )
        url = safe_round_url(v.source)
        source = f'<a href="{esc(url)}">source</a>' if url else f"source: {esc(v.source)}"
        req = v.requirements
        needs = []
        if req.min_months_experience:
            needs.append(f"at least {req.min_months_experience} months of work experience in one occupation")
        if req.canadian_experience:
            needs.append("Canadian work experience")
        if req.french_nclc_min:
            needs.append(f"French at NCLC {req.french_nclc_min} or higher")
        if req.note:
            needs.append(req.note)
        need_text = f"<p>Requirements: {esc('; '.join(n.rstrip('. ') for n in needs))}.</p>" if needs else ""
        if v.occupations is None:
            occ = "<p>No occupation list: eligibility does not depend on the occupation.</p>"
        else:
            rows = [[esc(o.noc), esc(o.title)] for o in sorted(v.occupations, key=lambda o: o.noc)]
            occ = details(
                f"{len(v.occupations)} occupations (NOC 2021)",
                table(["NOC", "occupation"], rows, css_class="occupations"),
            )
        parts.append(
            f'<section class="version"><h3>Version {esc(v.version)}: {esc(v.title)}</h3>'
            f"<p>In force from {esc(v.effective_from)} {esc(until)}; {source}.</p>{need_text}{occ}</section>"
        )
    return f'<section id="occupations"><h2>Who is eligible: the lists</h2>{"".join(parts)}</section>'


def group_page(ctx: Context, group: Group, rounds: Sequence[Round]) -> str:
    """One group's page: its statistics, its whole CRS history, its occupation lists, every round."""
    rounds = sorted(rounds, key=newest_first)
    versions = ctx.catalog.versions(group.key) if ctx.catalog and group.round_type == "category" else ()
    if not rounds:
        name = versions[-1].title if versions else label(group)
        body = f'<p class="lead">{esc(group.short)}: no rounds stored yet.</p>' + occupations_section(
            versions
        )
        return page(
            title=f"{name} — {ctx.title}",
            heading=name,
            body=body,
            now=ctx.now,
            site_title=ctx.title,
            home=False,
        )
    name = label(group, rounds)
    start = rounds[-1].date
    stats = compute_stats(rounds, ctx.today)
    quiet = (ctx.today - rounds[0].date).days
    body = "\n".join(
        [
            f'<p class="lead">{esc(group.short)}: {num(len(rounds))} rounds, '
            f"{esc(start)} to {esc(rounds[0].date)}; none in the {quiet} days since.</p>",
            crs_form(ctx.your_crs),
            f'<section id="stats"><h2>Statistics</h2>{stats_table(stats, link=False)}</section>',
            crs_figure(
                crs_series(rounds),
                fig_id="crs",
                heading=f"CRS cut-off: {name}",
                start=start,
                end=rounds[0].date,
                your_crs=ctx.your_crs,
            ),
            occupations_section(versions),
            f'<section id="rounds"><h2>Every round</h2>{rounds_table(rounds, with_group=False)}</section>',
        ]
    )
    return page(
        title=f"{name} — {ctx.title}", heading=name, body=body, now=ctx.now, site_title=ctx.title, home=False
    )
