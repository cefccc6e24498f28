"""Could this profile be invited in this round? (pure domain code)

A general round is open to every profile; a program round to the candidates of
its programs; a category round to those the category's list in force on the
round's date admits (``occupations.Catalog.version_on``), or to a profile that
names the category itself (``categories``, the explicit override). Where the
data cannot say (no known list for that category on that date, a round of
unknown type or category, a requirement the profile does not state), the
verdict is ``None``, with a reason: never a silent "no".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from eewatch.domain.occupations import Catalog, CategoryVersion, load_catalog
from eewatch.domain.record import PROGRAM_LABELS, Round
from eewatch.domain.taxonomy import CATEGORY_SLUGS

__all__ = ["Profile", "Verdict", "assess", "category_label", "eligible_rounds", "shipped_category_names"]


@dataclass(frozen=True)
class Profile:
    """``[profile]``: the person alerts are for."""

    crs: int | None = None
    programs: tuple[str, ...] = ()
    #: Explicit category override: categories the person knows they are eligible for.
    categories: tuple[str, ...] = ()
    #: Their occupations, as NOC 2021 codes ("21231").
    noc: tuple[str, ...] = ()
    #: The lowest of their four French NCLC levels.
    french_nclc: int | None = None
    canadian_experience_months: int | None = None

    @property
    def states_occupation_facts(self) -> bool:
        """Whether the profile says anything a category's list can be checked against."""
        return bool(self.noc) or self.french_nclc is not None


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
    it never reads as an out-of-date list."""
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
    return Verdict(None, "the round's type is unknown: the data cannot say")


def _program(round_: Round, profile: Profile) -> Verdict:
    programs = ", ".join(round_.programs) or "no program"
    shared = [p for p in round_.programs if p in profile.programs]
    if shared:
        return Verdict(True, f"eligible: a {PROGRAM_LABELS.get(shared[0], shared[0])} round ({shared[0]})")
    mine = ", ".join(profile.programs) or "none given"
    return Verdict(False, f"not eligible: a {programs} round; your programs: {mine}")


def _category(round_: Round, profile: Profile, catalog: Catalog) -> Verdict:
    slug = round_.category
    if not slug:
        return Verdict(None, "a category round with no known category: the data cannot say")
    if slug in profile.categories:
        return Verdict(True, f"eligible: {category_label(slug)} is in your [profile] categories")
    if not profile.states_occupation_facts:
        return Verdict(
            False,
            f"not eligible: {category_label(slug)} is not in your [profile] categories "
            "(give [profile] noc to check the category's occupation lists)",
        )
    version = catalog.version_on(slug, round_.date)
    if version is None:
        return Verdict(
            None,
            f"no known {category_label(slug)} list in force on {round_.date.isoformat()}: "
            "the data cannot say",
        )
    if version.occupations is None:
        fact = f"{_list_name(version, round_.date)} has no occupation list"
        return _requirements(version, profile, fact, round_.date)
    if not profile.noc:
        return Verdict(
            None, f"no [profile] noc to check against {_list_name(version, round_.date)}: the data cannot say"
        )
    listed = [code for code in profile.noc if version.covers(code)]
    if not listed:
        codes = ", ".join(profile.noc)
        return Verdict(False, f"not eligible: NOC {codes} is not in {_list_name(version, round_.date)}")
    return _requirements(
        version, profile, f"NOC {listed[0]} is in {_list_name(version, round_.date)}", round_.date
    )


def _requirements(version: CategoryVersion, profile: Profile, fact: str, on: dt.date) -> Verdict:
    """The stated requirements beyond the occupation, checked where the profile states the facts."""
    needs = version.requirements
    unknown: list[str] = []
    if needs.french_nclc_min is not None:
        if profile.french_nclc is None:
            unknown.append(f"French NCLC {needs.french_nclc_min} (no [profile] french_nclc)")
        elif profile.french_nclc < needs.french_nclc_min:
            return Verdict(
                False,
                f"not eligible: {_list_name(version, on)} needs French NCLC {needs.french_nclc_min}; "
                f"yours is {profile.french_nclc}",
            )
        else:
            fact = (
                f"French NCLC {profile.french_nclc} meets {_list_name(version, on)} "
                f"(NCLC {needs.french_nclc_min})"
            )
    if needs.canadian_experience:
        least = needs.min_months_experience or 1
        months = profile.canadian_experience_months
        if months is None:
            unknown.append(
                f"{least} months of Canadian work experience (no [profile] canadian_experience_months)"
            )
        elif months < least:
            return Verdict(
                False,
                f"not eligible: {_list_name(version, on)} needs {least} months of Canadian work experience; "
                f"yours: {months}",
            )
    if unknown:
        return Verdict(None, f"{fact}, but it also needs {' and '.join(unknown)}: the data cannot say")
    return Verdict(True, f"eligible: {fact}")


def eligible_rounds(rounds: Iterable[Round], profile: Profile, catalog: Catalog | None = None) -> list[Round]:
    """The rounds ``profile`` could be invited in (verdict True), in the order given."""
    catalog = catalog or load_catalog()
    return [r for r in rounds if assess(r, profile, catalog).eligible is True]
