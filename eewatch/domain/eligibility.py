"""Could this profile be invited in this round? (pure domain code)

A general round is open to every profile; a program round to the candidates of
its programs; a category round to those the category's list in force on the
round's date admits (``occupations.Catalog.version_on``), or to a profile that
names the category itself (``categories``, the explicit override). Where the
data cannot decide (no known list for that category on that date, a category
never seen, a round of unknown type, a profile without any NOC for a round that
needs one), the verdict is ``None`` and its reason starts "eligibility unknown:"
and names the canada.ca page to check: never a silent "no". A fact left out of
the profile that describes the person (``french_nclc``,
``canadian_experience_months``) means they have none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from eewatch.domain.occupations import Catalog, CategoryVersion, load_catalog
from eewatch.domain.profile import Profile
from eewatch.domain.record import PROGRAM_LABELS, Round
from eewatch.domain.taxonomy import CATEGORY_SLUGS

__all__ = [
    "Profile",
    "Verdict",
    "assess",
    "category_label",
    "eligible_rounds",
    "shipped_category_names",
    "unknown",
    "unknown_list",
]


@dataclass(frozen=True)
class Verdict:
    """``eligible``: True, False, or None when the data cannot say; ``reason`` says why, in words."""

    eligible: bool | None
    reason: str


#: Short names of the categories in reasons; others are shown by their slug.
_SHORT = {"stem": "STEM", "french": "French-language proficiency"}


def category_label(slug: str) -> str:
    """``STEM``, ``healthcare``, ``senior-managers``: how a reason names a category."""
    return _SHORT.get(slug, slug)


def _list_name(version: CategoryVersion, on: dt.date) -> str:
    """``STEM (2023 list)``; a version applied in a later year says since when it is in force
    (``French-language proficiency (2023 rules, in force since 2023-05-31)`` for a 2026 round), so
    it never reads as an out-of-date list; a learned list names the page it was learned from."""
    if version.learned:
        return (
            f"{category_label(version.category)} (the list learned from {version.source}, "
            f"the page of {version.effective_from.isoformat()})"
        )
    noun = "list" if version.occupations is not None else "rules"
    since = version.effective_from
    tail = f", in force since {since.isoformat()}" if on.year > since.year else ""
    return f"{category_label(version.category)} ({version.version} {noun}{tail})"


def shipped_category_names(catalog: Catalog | None = None) -> frozenset[str]:
    """The category slugs eewatch ships: the catalog's and the round-name taxonomy's."""
    catalog = catalog or load_catalog()
    return frozenset(catalog.categories()) | frozenset(CATEGORY_SLUGS)


def assess(round_: Round, profile: Profile, catalog: Catalog | None = None) -> Verdict:
    """Could ``profile`` be invited in ``round_``? See the module docstring."""
    if round_.round_type == "general":
        return Verdict(True, "general round: open to every profile")
    if round_.round_type == "program":
        return _program(round_, profile)
    if round_.round_type == "category":
        return _category(round_, profile, catalog or load_catalog())
    return unknown(
        f"the type of the round of {round_.date.isoformat()} is unknown", catalog or load_catalog()
    )


def _program(round_: Round, profile: Profile) -> Verdict:
    programs = ", ".join(round_.programs) or "no program"
    shared = [p for p in round_.programs if p in profile.programs]
    if shared:
        return Verdict(True, f"eligible: a {PROGRAM_LABELS.get(shared[0], shared[0])} round ({shared[0]})")
    mine = ", ".join(profile.programs) or "none given"
    return Verdict(False, f"not eligible: a {programs} round; your programs: {mine}")


def unknown(what: str, catalog: Catalog) -> Verdict:
    """``eligibility unknown: <what>; check <canada.ca page>``: the data cannot decide, said as such."""
    return Verdict(None, f"eligibility unknown: {what}; check {catalog.check_url}")


def _category(round_: Round, profile: Profile, catalog: Catalog) -> Verdict:
    slug = round_.category
    day = round_.date.isoformat()
    if not slug:
        return unknown(f"a category round of {day} names no category eewatch can read", catalog)
    label = category_label(slug)
    if slug in profile.categories:
        return Verdict(True, f"eligible: {label} is in your [profile] categories")
    # A profile that lists its categories and gives no occupation has said which rounds are its own.
    stated_only = bool(profile.categories) and not profile.noc
    version = catalog.version_on(slug, round_.date)
    if version is None:
        if stated_only:
            return Verdict(False, f"not eligible: {label} is not in your [profile] categories")
        if slug not in catalog.categories():
            return unknown(f"{label} is a category eewatch has never seen (round of {day})", catalog)
        return unknown(f"no {label} list known for {day}", catalog)
    if version.occupations is None:
        fact = f"{_list_name(version, round_.date)} has no occupation list"
        return _requirements(version, profile, fact, round_.date)
    if not profile.noc:
        if stated_only:
            return Verdict(False, f"not eligible: {label} is not in your [profile] categories")
        return unknown(
            f"your [profile] gives no noc to check against {_list_name(version, round_.date)}", catalog
        )
    listed = [code for code in profile.noc if version.covers(code)]
    if not listed:
        codes = ", ".join(profile.noc)
        return Verdict(False, f"not eligible: NOC {codes} is not in {_list_name(version, round_.date)}")
    return _requirements(
        version, profile, f"NOC {listed[0]} is in {_list_name(version, round_.date)}", round_.date
    )


def _requirements(version: CategoryVersion, profile: Profile, fact: str, on: dt.date) -> Verdict:
    """The stated requirements beyond the occupation.

    A fact that describes the person and is left out of the profile means they have none: no
    ``french_nclc`` is no French test result, no ``canadian_experience_months`` is none.
    """
    needs = version.requirements
    if needs.french_nclc_min is not None:
        if profile.french_nclc is None:
            return Verdict(
                False,
                f"not eligible: {_list_name(version, on)} needs French NCLC {needs.french_nclc_min}; "
                "your [profile] gives no french_nclc (no French result)",
            )
        if profile.french_nclc < needs.french_nclc_min:
            return Verdict(
                False,
                f"not eligible: {_list_name(version, on)} needs French NCLC {needs.french_nclc_min}; "
                f"yours is {profile.french_nclc}",
            )
        least_nclc = needs.french_nclc_min
        fact = f"French NCLC {profile.french_nclc} meets {_list_name(version, on)} (NCLC {least_nclc})"
    if needs.canadian_experience:
        least = needs.min_months_experience or 1
        months = profile.canadian_experience_months
        if months is None or months < least:
            yours = "none given in [profile] canadian_experience_months" if months is None else str(months)
            return Verdict(
                False,
                f"not eligible: {_list_name(version, on)} needs {least} months of Canadian work experience; "
                f"yours: {yours}",
            )
    return Verdict(True, f"eligible: {fact}")


def unknown_list(round_: Round, catalog: Catalog | None = None) -> str | None:
    """Why the catalog has no list for this category round, in words; None when it has one (or it is no
    category round). ``"no STEM list known for version 2026-3 (round #423 of 2026-07-01)"``."""
    if round_.round_type != "category" or not round_.category:
        return None
    catalog = catalog or load_catalog()
    if catalog.version_on(round_.category, round_.date) is not None:
        return None
    version = round_.category_version or "unnamed"
    where = f"round #{round_.id} of {round_.date.isoformat()}"
    if round_.category not in catalog.categories():
        return f"{round_.category!r} (version {version}) is a category eewatch has never seen ({where})"
    return f"no {category_label(round_.category)} list known for version {version} ({where})"


def eligible_rounds(rounds: Iterable[Round], profile: Profile, catalog: Catalog | None = None) -> list[Round]:
    """The rounds ``profile`` could be invited in (verdict True), in the order given."""
    catalog = catalog or load_catalog()
    return [r for r in rounds if assess(r, profile, catalog).eligible is True]
