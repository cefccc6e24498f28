"""``eewatch categories``: each category's versions, the one in force on a date, and its occupations.

The JSON (``categories_to_dict``) is a contract, documented in docs/categories.md: version
``"format": 1``; keys are only ever added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from eewatch.app.views.term import Cell, render_table
from eewatch.domain.occupations import Catalog, CategoryVersion

FORMAT = 1


def _version(v: CategoryVersion, on: dt.date) -> dict[str, Any]:
    needs = v.requirements
    return {
        "version": v.version,
        "title": v.title,
        "effective_from": v.effective_from.isoformat(),
        "effective_until": v.effective_until.isoformat() if v.effective_until else None,
        "in_force": v.in_force(on),
        "requirements": {
            "min_months_experience": needs.min_months_experience,
            "canadian_experience": needs.canadian_experience,
            "french_nclc_min": needs.french_nclc_min,
            "note": needs.note,
        },
        "occupations": None
        if v.occupations is None
        else [{"noc": o.noc, "title": o.title} for o in v.occupations],
        "source": v.source,
        "source_note": v.source_note,
        "corroborated_by": list(v.corroborated_by),
    }


def unknown_periods(versions: tuple[CategoryVersion, ...]) -> list[dict[str, str | None]]:
    """The gaps between a category's versions (and after a version that ends): no list is known there.

    ``{"from": "2025-02-27", "until": "2026-02-18"}``; ``until`` None: from then on.
    """
    gaps: list[dict[str, str | None]] = []
    for i, v in enumerate(versions):
        if v.effective_until is None:
            continue
        following = versions[i + 1] if i + 1 < len(versions) else None
        if following is None or following.effective_from > v.effective_until:
            until = following.effective_from.isoformat() if following else None
            gaps.append({"from": v.effective_until.isoformat(), "until": until})
    return gaps


def categories_to_dict(catalog: Catalog, on: dt.date, only: str | None = None) -> dict[str, Any]:
    """The documented JSON: every category (or ``only``), its versions, and the one in force ``on``."""
    out = []
    for slug in catalog.categories():
        if only is not None and slug != only:
            continue
        info = catalog.info(slug)
        versions = catalog.versions(slug)
        current = catalog.version_on(slug, on)
        out.append(
            {
                "category": slug,
                "title": info.title if info else versions[-1].title,
                "names": list(info.names) if info else [],
                "aliases": list(info.aliases) if info else [],
                "in_force": current.version if current else None,
                "status": "unknown" if current is None else "known",
                "versions": [_version(v, on) for v in versions],
                "unknown_periods": unknown_periods(versions),
            }
        )
    return {"format": FORMAT, "on": on.isoformat(), "check_url": catalog.check_url, "categories": out}


def render_categories(data: dict[str, Any], *, colour: bool = False) -> str:
    """The table: one line per version (in force marked), then the occupations of the version in force."""
    rows = []
    for cat in data["categories"]:
        for v in cat["versions"]:
            occupations = v["occupations"]
            rows.append(
                [
                    Cell(cat["category"]),
                    Cell(v["version"]),
                    Cell(f"{v['effective_from']} -> {v['effective_until'] or ''}"),
                    Cell("in force" if v["in_force"] else ""),
                    Cell("any" if occupations is None else str(len(occupations))),
                    Cell(_needs(v["requirements"])),
                ]
            )
        for gap in cat["unknown_periods"]:
            span = f"{gap['from']} -> {gap['until'] or ''}"
            rows.append([Cell(cat["category"]), Cell("-"), Cell(span), Cell("unknown"), Cell("?"), Cell("")])
    header = ("category", "version", "in force from -> until", f"on {data['on']}", "occupations", "needs")
    text = render_table(header, rows, colour=colour).rstrip("\n") + "\n"
    for cat in data["categories"]:
        current = next((v for v in cat["versions"] if v["in_force"]), None)
        if current is None:
            text += (
                f"\n{cat['category']} on {data['on']}: no list known (unknown); check {data['check_url']}\n"
            )
            continue
        text += f"\n{cat['title']} ({cat['category']} {current['version']} list, in force on {data['on']}):\n"
        if current["occupations"] is None:
            text += f"  no occupation list: {current['requirements']['note'] or ''}\n"
        else:
            text += "".join(f"  {o['noc']}  {o['title']}\n" for o in current["occupations"])
        text += f"  source: {current['source']}\n"
    return text


def _needs(requirements: dict[str, Any]) -> str:
    parts = []
    if requirements["min_months_experience"]:
        where = " in Canada" if requirements["canadian_experience"] else ""
        parts.append(f"{requirements['min_months_experience']} months{where}")
    if requirements["french_nclc_min"]:
        parts.append(f"NCLC {requirements['french_nclc_min']}")
    return ", ".join(parts) or "-"
