"""Which category lists hold an occupation, and the rounds held under each (pure).

For one NOC 2021 code: every category version eewatch knows (the shipped
catalog, ``eewatch/domain/data/categories.toml``), whether the code is on it,
its dates and source, and the stored rounds of that category held while it was
in force, with whether a given CRS would have been invited. Stored category
rounds that no known version covers (a category IRCC created after this
release, or a date after the last known list) are listed too, with
``eligible`` unknown, never left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eewatch.app.views.term import Cell, cell, render_table
from eewatch.domain.eligibility import category_label
from eewatch.domain.occupations import Catalog, CategoryVersion
from eewatch.domain.record import Round


@dataclass(frozen=True)
class HeldRound:
    """A stored round held under a version, and whether the CRS given would have been invited."""

    round: Round
    invited: bool | None


@dataclass(frozen=True)
class VersionAnswer:
    """One category version (``version`` None: stored rounds no known version covers)."""

    category: str
    version: CategoryVersion | None
    eligible: bool | None
    rounds: tuple[HeldRound, ...]


@dataclass(frozen=True)
class OccupationAnswer:
    noc: str
    title: str | None
    crs: int | None
    categories: tuple[VersionAnswer, ...]


def answer_occupation(
    noc: str, rounds: Iterable[Round], catalog: Catalog, crs: int | None = None
) -> OccupationAnswer:
    """Every version of every category for ``noc``, with the stored category rounds under each."""
    pending = sorted((r for r in rounds if r.round_type == "category" and r.category), key=_oldest_first)
    answers: list[VersionAnswer] = []
    for version in (*catalog.all_versions(), *catalog.all_learned()):
        under = [
            r
            for r in pending
            if r.category == version.category and catalog.version_on(r.category, r.date) is version
        ]
        eligible = version.covers(noc)
        answers.append(VersionAnswer(version.category, version, eligible, _held(under, eligible, crs)))
    covered = {id(h.round) for a in answers for h in a.rounds}
    rest: dict[str, list[Round]] = {}
    for item in pending:
        if id(item) not in covered and item.category is not None:
            rest.setdefault(item.category, []).append(item)
    for slug, items in rest.items():
        answers.append(VersionAnswer(slug, None, None, _held(items, None, crs)))
    return OccupationAnswer(noc, catalog.title_of(noc), crs, tuple(answers))


def _under(catalog: Catalog, item: Round) -> CategoryVersion | None:
    return catalog.version_on(item.category, item.date) if item.category else None


def _oldest_first(item: Round) -> tuple[dt.date, int, str]:
    return (item.date, item.number, item.id)


def _held(items: Iterable[Round], eligible: bool | None, crs: int | None) -> tuple[HeldRound, ...]:
    def invited(item: Round) -> bool | None:
        if eligible is not True or crs is None or item.crs_min is None:
            return None
        return crs >= item.crs_min

    return tuple(HeldRound(item, invited(item)) for item in items)


def answer_to_dict(answer: OccupationAnswer) -> dict[str, Any]:
    """The JSON of ``eewatch eligibility --format json``."""
    return {
        "noc": answer.noc,
        "title": answer.title,
        "crs": answer.crs,
        "categories": [_version_dict(a) for a in answer.categories],
    }


def _version_dict(answer: VersionAnswer) -> dict[str, Any]:
    v = answer.version
    return {
        "category": answer.category,
        "title": v.title if v else None,
        "version": v.version if v else None,
        "effective_from": v.effective_from.isoformat() if v else None,
        "effective_until": v.effective_until.isoformat() if v and v.effective_until else None,
        "eligible": answer.eligible,
        "requirements": _requirements(v) if v else None,
        "source": v.source if v else None,
        "note": None if v else "no known list covers these rounds: eligibility unknown",
        "rounds": [
            {
                "id": h.round.id,
                "date": h.round.date.isoformat(),
                "name": h.round.name,
                "category_version": h.round.category_version,
                "invitations": h.round.invitations,
                "crs_min": h.round.crs_min,
                "invited": h.invited,
            }
            for h in answer.rounds
        ],
    }


def _requirements(version: CategoryVersion) -> dict[str, Any]:
    needs = version.requirements
    return {
        "occupation_list": version.occupations is not None,
        "min_months_experience": needs.min_months_experience,
        "canadian_experience": needs.canadian_experience,
        "french_nclc_min": needs.french_nclc_min,
    }


HEADER = ("category", "version", "in force", "NOC listed?", "rounds", "invited")


def render_answer(answer: OccupationAnswer, *, colour: bool = False) -> str:
    """A table, one row per category version, then what the words mean."""
    rows: list[list[Cell]] = []
    for a in answer.categories:
        v = a.version
        listed = {
            True: cell("yes", "green"),
            False: cell("no", "red"),
            None: cell("no list" if v is not None else "unknown", "dim"),
        }[a.eligible]
        if v is None:
            span = "no known list"
        else:
            until = v.effective_until.isoformat() if v.effective_until else "(open)"
            span = f"{v.effective_from.isoformat()} -> {until}"
        decided = [h for h in a.rounds if h.invited is not None]
        invited = f"{sum(h.invited is True for h in decided)} of {len(decided)}" if decided else None
        rows.append(
            [
                cell(category_label(a.category)),
                cell(v.version if v else None),
                cell(span),
                listed,
                cell(len(a.rounds), right=True),
                cell(invited, right=True),
            ]
        )
    title = answer.title or "on no list eewatch knows"
    head = f"NOC {answer.noc}: {title}\n"
    foot = (
        "in force: from (inclusive) -> until (exclusive). 'no list': the category has no occupation list "
        "(French: NCLC 7); 'unknown': stored rounds no known list covers.\n"
    )
    if answer.crs is not None:
        foot += (
            f"invited: rounds whose cut-off CRS {answer.crs} reached, of those with a list holding the NOC.\n"
        )
    return head + render_table(HEADER, rows, colour=colour) + foot
