"""Round names -> type, programs, category slug: stable across rewordings, new names never crash."""

from __future__ import annotations

import pytest

from eewatch.domain.occupations import load_catalog
from eewatch.domain.taxonomy import canonical_category, classify, programs_in, split_version

KNOWN = [
    # (id, name as published, type, programs, slug, version)
    ("no-program", "No Program Specified", "general", (), None, None),
    ("general", "General", "general", (), None, None),
    ("cec", "Canadian Experience Class", "program", ("CEC",), None, None),
    ("pnp", "Provincial Nominee Program", "program", ("PNP",), None, None),
    ("fst", "Federal Skilled Trades", "program", ("FST",), None, None),
    ("fsw", "Federal Skilled Worker", "program", ("FSW",), None, None),
    ("fst-program", "Federal Skilled Trades Program", "program", ("FST",), None, None),
    (
        "two-programs",
        "Canadian Experience Class and Provincial Nominee Program",
        "program",
        ("CEC", "PNP"),
        None,
        None,
    ),
    ("stem-v1", "STEM occupations (Version 1)", "category", (), "stem", "1"),
    ("stem-2023-1", "STEM occupations (2023-1)", "category", (), "stem", "2023-1"),
    (
        "stem-spelled-out",
        "Science, Technology, Engineering and Math (STEM) occupations (Version 2)",
        "category",
        (),
        "stem",
        "2",
    ),
    ("french", "French language proficiency (Version 1)", "category", (), "french", "1"),
    ("french-hyphen", "French-language proficiency (2023-1)", "category", (), "french", "2023-1"),
    ("healthcare", "Healthcare occupations (Version 1)", "category", (), "healthcare", "1"),
    (
        "healthcare-renamed",
        "Healthcare and social services occupations (Version 2)",
        "category",
        (),
        "healthcare",
        "2",
    ),
    ("trades", "Trade occupations (Version 1)", "category", (), "trades", "1"),
    ("trades-plural", "Trades occupations (2026-1)", "category", (), "trades", "2026-1"),
    ("transport", "Transport occupations (Version 1)", "category", (), "transport", "1"),
    ("agriculture", "Agriculture and agri-food occupations (Version 1)", "category", (), "agriculture", "1"),
    ("education", "Education occupations (Version 1)", "category", (), "education", "1"),
    # The year written before "Version" is kept: 2026's second French list, not "2".
    (
        "french-2026-version-2",
        "French-Language proficiency 2026-Version 2",
        "category",
        (),
        "french",
        "2026-2",
    ),
    ("french-dash-version", "French-language proficiency - Version 2", "category", (), "french", "2"),
]


@pytest.mark.parametrize(
    ("name", "round_type", "programs", "slug", "version"), [k[1:] for k in KNOWN], ids=[k[0] for k in KNOWN]
)
def test_known_names(
    name: str, round_type: str, programs: tuple[str, ...], slug: str | None, version: str | None
) -> None:
    result = classify(name)
    assert (result.round_type, result.programs, result.category, result.category_version) == (
        round_type,
        programs,
        slug,
        version,
    )
    assert result.warnings == ()


#: Categories no pattern names, slugged from their words as a person would (not cut off after three
#: words); their lists ship (data/categories.toml), so they are known: no "unknown category" warning.
CATALOGUED = [
    ("physicians", "Physicians with Canadian work experience (Version 1)", "physicians"),
    ("physicians-2026", "Physicians with Canadian Work Experience, 2026-Version 1", "physicians"),
    ("senior-managers", "Senior managers occupations (2026-1)", "senior-managers"),
    ("senior-managers-experience", "Senior managers with Canadian work experience (2026)", "senior-managers"),
    ("researchers-experience", "Researchers with Canadian work experience (Version 1)", "researchers"),
]


@pytest.mark.parametrize(("name", "slug"), [c[1:] for c in CATALOGUED], ids=[c[0] for c in CATALOGUED])
def test_a_category_whose_list_ships_is_known(name: str, slug: str) -> None:
    result = classify(name)
    assert (result.round_type, result.category, result.warnings) == ("category", slug, ())


INVENTED = [
    ("veterinarians", "Veterinarians who hold a Canadian licence (Version 1)", "veterinarians"),
    ("researchers", "Researchers and scientists (Version 3)", "researchers-scientists"),
]

#: IRCC's names of the categories the patterns do not know: the catalog names them (no warning).
CATALOG_NAMED = [
    ("physicians", "Physicians with Canadian work experience (Version 1)", "physicians", "1"),
    ("physicians-2026", "Physicians with Canadian Work Experience, 2026-Version 1", "physicians", "2026-1"),
    ("senior-managers", "Senior managers with Canadian work experience (2026)", "senior-managers", "2026"),
    ("researchers", "Researchers with Canadian work experience (Version 1)", "researchers", "1"),
    ("military", "Skilled Military Recruits, 2026-Version 1", "military", "2026-1"),
    ("military-plain", "Skilled military recruits", "military", None),
    ("healthcare-2026", "Healthcare and Social Services Occupations, 2026-Version 3", "healthcare", "2026-3"),
    ("trades-2026", "Trades Occupations, 2026-Version 3", "trades", "2026-3"),
]


@pytest.mark.parametrize(
    ("name", "slug", "version"), [i[1:] for i in CATALOG_NAMED], ids=[i[0] for i in CATALOG_NAMED]
)
def test_irccs_names_resolve_through_the_catalog(name: str, slug: str, version: str | None) -> None:
    result = classify(name)
    assert (result.round_type, result.category, result.category_version, result.warnings) == (
        "category",
        slug,
        version,
        (),
    )


def test_the_2026_comma_before_the_version_is_not_part_of_the_name() -> None:
    assert split_version("Skilled Military Recruits, 2026-Version 1") == (
        "Skilled Military Recruits",
        "2026-1",
    )


@pytest.mark.parametrize(("name", "slug"), [i[1:] for i in INVENTED], ids=[i[0] for i in INVENTED])
def test_a_new_category_gets_a_slug_and_a_warning(name: str, slug: str) -> None:
    result = classify(name)
    assert result.round_type == "category"
    assert result.category == slug
    assert len(result.warnings) == 1 and "unknown category" in result.warnings[0]


ALIASES = sorted(a for slug in load_catalog().categories() for a in load_catalog().info(slug).aliases)


@pytest.mark.parametrize("old", ALIASES)
def test_an_old_slug_is_an_alias_of_the_name_its_category_gets_now(old: str) -> None:
    """Each alias was the slug of a published name; that name gets the alias's target now."""
    published = {
        "physicians-canadian-work": "Physicians with Canadian work experience (Version 1)",
        "researchers-canadian-work": "Researchers with Canadian work experience (Version 1)",
        "senior-managers-canadian": "Senior managers with Canadian work experience (Version 1)",
        "skilled-military-recruits": "Skilled Military Recruits, 2026-Version 1",
    }[old]
    new = classify(published).category
    assert load_catalog().canonical(old) == new != old
    assert canonical_category(old) == canonical_category(new) == new
    assert canonical_category("stem") == "stem"


def test_a_new_category_keeps_its_slug_across_versions() -> None:
    first = classify("Physicians with Canadian work experience (Version 1)")
    second = classify("Physicians with Canadian work experience (2027-2)")
    assert first.category == second.category
    assert (first.category_version, second.category_version) == ("1", "2027-2")


def test_empty_name_is_unknown_not_general() -> None:
    result = classify("  ")
    assert result.round_type is None
    assert result.warnings


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "Federal Skilled Worker, Canadian Experience Class, Federal Skilled Trades "
            "and Provincial Nominee Program",
            ("CEC", "FSW", "FST", "PNP"),
        ),
        (
            "Federal Skilled Worker Program, Canadian Experience Class and Federal Skilled Trades Program",
            ("CEC", "FSW", "FST"),
        ),
        ("Provincial Nominee Program", ("PNP",)),
        ("", ()),
    ],
    ids=["all-four", "three", "pnp", "empty"],
)
def test_programs_in(text: str, codes: tuple[str, ...]) -> None:
    assert programs_in(text) == codes


@pytest.mark.parametrize(
    ("name", "base", "version"),
    [
        ("French-Language proficiency 2026-Version 2", "French-Language proficiency", "2026-2"),
        ("French-Language proficiency 2026 - Version 2", "French-Language proficiency", "2026-2"),
        ("STEM occupations (Version 1)", "STEM occupations", "1"),  # unchanged: stored rounds stay
        ("STEM occupations (2023-1)", "STEM occupations", "2023-1"),  # unchanged
        ("Healthcare occupations - Version 2", "Healthcare occupations", "2"),
    ],
)
def test_split_version_keeps_the_year(name: str, base: str, version: str) -> None:
    from eewatch.domain.taxonomy import split_version

    assert split_version(name) == (base, version)
