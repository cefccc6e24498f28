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

from collections.abc import Iterable
from dataclasses import dataclass

from eewatch.domain.occupations import Catalog, CategoryVersion, load_catalog
from eewatch.domain.profile import Profile
from eewatch.domain.record import PROGRAM_LABELS, Round
from eewatch.domain.taxonomy import CATEGORY_SLUGS

__all__ = ["Profile", "Verdict", "assess", "category_label", "eligible_rounds", "shipped_category_names"]


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


def _list_name(version: CategoryVersion) -> str:
    return f"{category_label(version.category)} ({version.version} list)"


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
        fact = f"{category_label(slug)} ({version.version}) has no occupation list"
        return _requirements(version, profile, fact)
    if not profile.noc:
        return Verdict(None, f"no [profile] noc to check against {_list_name(version)}: the data cannot say")
    listed = [code for code in profile.noc if version.covers(code)]
    if not listed:
        codes = ", ".join(profile.noc)
        return Verdict(False, f"not eligible: NOC {codes} is not in {_list_name(version)}")
    return _requirements(version, profile, f"NOC {listed[0]} is in {_list_name(version)}")


def _requirements(version: CategoryVersion, profile: Profile, fact: str) -> Verdict:
    """The stated requirements beyond the occupation, checked where the profile states the facts."""
    needs = version.requirements
    unknown: list[str] = []
    if needs.french_nclc_min is not None:
        if profile.french_nclc is None:
            unknown.append(f"French NCLC {needs.french_nclc_min} (no [profile] french_nclc)")
        elif profile.french_nclc < needs.french_nclc_min:
            return Verdict(
                False,
                f"not eligible: {_list_name(version)} needs French NCLC {needs.french_nclc_min}; "
                f"yours is {profile.french_nclc}",
            )
        else:
            fact = (
                f"French NCLC {profile.french_nclc} meets {_list_name(version)} "
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
                f"not eligible: {_list_name(version)} needs {least} months of Canadian work experience; "
                f"yours: {months}",
            )
    if unknown:
        return Verdict(None, f"{fact}, but it also needs {' and '.join(unknown)}: the data cannot say")
    return Verdict(True, f"eligible: {fact}")


def eligible_rounds(rounds: Iterable[Round], profile: Profile, catalog: Catalog | None = None) -> list[Round]:
    """The rounds ``profile`` could be invited in (verdict True), in the order given."""
    catalog = catalog or load_catalog()
    return [r for r in rounds if assess(r, profile, catalog).eligible is True]
