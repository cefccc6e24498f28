"""The shipped category eligibility data (eewatch/domain/data/categories.toml) and its pure loader.

Counts are the ones IRCC states or that follow from IRCC's stated changes; each assertion names where the
number comes from. IRCC's own pages could not be read in full from the stored copies (see
docs/categories.md, "Provenance"), so the counts were taken from reproductions of IRCC's tables, cross-checked
against the added/removed counts IRCC gave for February 27, 2025.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from eewatch.domain.occupations import CategoryVersion, load_catalog

CHANGE_2025 = date(2025, 2, 27)  # IRCC's 2025 category changes (Minister's announcement, February 27, 2025)
CHANGE_2026 = date(2026, 2, 18)  # IRCC's 2026 categories (Minister's announcement, February 18, 2026)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _version(catalog, category: str, label: str) -> CategoryVersion:
    version = catalog.lookup_version(category, label)
    assert version is not None, f"{category} {label} missing from the data file"
    return version


# (category, version, count, where the count comes from)
STATED_COUNTS = [
    # MI #254 (STEM occupations 2023-1); 24-row table reproduced by imcaconsultancy.com and canadim.com.
    ("stem", "2023", 24, "IRCC 2023 STEM table"),
    # 2024-25 Report to Parliament, Annex B; "now includes 11 occupations" (19 removed, 6 added).
    ("stem", "2025", 11, "IRCC 2025 list: 24 - 19 + 6"),
    # IRCC May 31, 2023 announcement: "35 in total" (reported by CIC News, June 28, 2023).
    ("healthcare", "2023", 35, "IRCC 2023 healthcare list"),
    # Annex B; February 27, 2025: 8 added, 6 removed; "37 eligible occupations" (May 2, 2025 draw report).
    ("healthcare", "2025", 37, "IRCC 2025 list: 35 - 6 + 8"),
    # MI #261 (Trade occupations 2023-1): "10 Trade occupations".
    ("trades", "2023", 10, "IRCC 2023 trades table"),
    # Annex B; "now encompasses a total of 25 occupations" (19 added, 4 removed).
    ("trades", "2025", 25, "IRCC 2025 list: 10 - 4 + 19"),
    # MI #264 (Transport occupations 2023-1): "10 occupations".
    ("transport", "2023", 10, "IRCC 2023 transport table"),
    # February 18, 2026 announcement: "one of four occupations" (CIC News, February 2026).
    ("transport", "2026", 4, "IRCC 2026 transport table"),
    # MI #267 (Agriculture and agri-food occupations 2023-1): 3 occupations.
    ("agriculture", "2023", 3, "IRCC 2023 agriculture table"),
    # Annex B; 2 removed, leaving butchers as the sole occupation.
    ("agriculture", "2025", 1, "IRCC 2025 list: 3 - 2"),
    # Annex B; new education category "listing five eligible occupations".
    ("education", "2025", 5, "IRCC 2025 education table"),
    # 2026 categories table as reproduced by CIC News / makehomecanada (February 18, 2026).
    ("physicians", "2025", 3, "IRCC physicians table"),
    ("researchers", "2026", 2, "IRCC 2026 researchers table"),
    ("senior-managers", "2026", 4, "IRCC 2026 senior managers table"),
    ("military", "2026", 3, "IRCC 2026 skilled military recruits table"),
    # 2026 lists (February 18, 2026), as reproduced (../helpers/2026-facts.md): healthcare, STEM and
    # education kept their 2025 codes; trades lost 63200 (cooks) and gained 63201 (butchers): 25.
    ("healthcare", "2026", 37, "IRCC 2026 healthcare list (the 2025 codes)"),
    ("stem", "2026", 11, "IRCC 2026 STEM list (the 2025 codes)"),
    ("trades", "2026", 25, "IRCC 2026 trades list: 25 - cooks + butchers"),
    ("education", "2026", 5, "IRCC 2026 education list (the 2025 codes)"),
]


@pytest.mark.parametrize(("category", "label", "count", "source"), STATED_COUNTS)
def test_each_list_has_the_count_its_source_states(catalog, category, label, count, source):
    version = _version(catalog, category, label)
    assert version.occupations is not None
    assert len(version.occupations) == count, source


def test_every_version_in_the_file_has_a_stated_count_here(catalog):
    """A version added to the data file without a count test here fails, so nobody adds a list unchecked."""
    checked = {(c, v) for c, v, _, _ in STATED_COUNTS} | {("french", "2023")}
    assert {(v.category, v.version) for v in catalog.all_versions()} == checked


# (category, added, removed) on February 27, 2025, as IRCC stated them.
CHANGES_2025 = [("stem", 6, 19), ("healthcare", 8, 6), ("trades", 19, 4), ("agriculture", 0, 2)]


@pytest.mark.parametrize(("category", "added", "removed"), CHANGES_2025)
def test_2025_changes_match_the_added_and_removed_counts_ircc_stated(catalog, category, added, removed):
    before = _version(catalog, category, "2023").nocs
    after = _version(catalog, category, "2025").nocs
    assert (len(after - before), len(before - after)) == (added, removed)


def test_software_engineers_left_stem_in_2025_and_mechanical_engineers_joined(catalog):
    stem_2023 = _version(catalog, "stem", "2023")
    stem_2025 = _version(catalog, "stem", "2025")
    assert stem_2023.covers("21231") is True
    assert stem_2025.covers("21231") is False
    assert stem_2025.covers("21301") is True
    assert stem_2023.covers("21301") is False


def test_architects_and_architecture_and_science_managers_are_in_stem_2023(catalog):
    stem_2023 = _version(catalog, "stem", "2023")
    assert stem_2023.covers("21200") is True
    assert stem_2023.covers("20011") is True


def test_instructors_of_persons_with_disabilities_moved_from_healthcare_to_education(catalog):
    assert _version(catalog, "healthcare", "2023").covers("42203") is True
    assert _version(catalog, "healthcare", "2025").covers("42203") is False
    assert _version(catalog, "education", "2025").covers("42203") is True


def test_version_on_switches_at_the_february_27_2025_change(catalog):
    day_before = CHANGE_2025 - timedelta(days=1)
    for category in ("stem", "healthcare", "trades", "agriculture"):
        assert catalog.version_on(category, day_before).version == "2023"
        assert catalog.version_on(category, CHANGE_2025).version == "2025"
    assert catalog.version_on("transport", day_before).version == "2023"
    assert catalog.version_on("transport", CHANGE_2025) is None  # category removed in 2025
    assert catalog.version_on("education", day_before) is None  # category created in 2025
    assert catalog.version_on("education", CHANGE_2025).version == "2025"


def test_version_on_at_the_february_18_2026_change(catalog):
    day_before = CHANGE_2026 - timedelta(days=1)
    for category in ("stem", "healthcare", "trades", "education"):
        assert catalog.version_on(category, day_before).version == "2025"
        assert catalog.version_on(category, CHANGE_2026).version == "2026"
    assert catalog.version_on("agriculture", CHANGE_2026) is None  # retired in 2026
    assert catalog.version_on("transport", day_before) is None
    assert catalog.version_on("transport", CHANGE_2026).version == "2026"
    assert catalog.version_on("researchers", CHANGE_2026).requirements.canadian_experience is True


def test_version_on_before_the_first_list_is_none(catalog):
    assert catalog.version_on("stem", date(2023, 5, 30)) is None
    assert catalog.version_on("stem", date(2023, 5, 31)).version == "2023"


def test_french_has_no_occupation_list_and_requires_nclc_7(catalog):
    french = catalog.version_on("french", date(2025, 6, 1))
    assert french is not None
    assert french.occupations is None
    assert french.covers("21231") is None
    assert french.requirements.french_nclc_min == 7


def test_the_2026_trades_list_has_butchers_and_no_cooks(catalog):
    trades_2026, trades_2025 = _version(catalog, "trades", "2026"), _version(catalog, "trades", "2025")
    assert trades_2026.nocs == (trades_2025.nocs - {"63200"}) | {"63201"}
    for category in ("healthcare", "stem", "education"):
        assert _version(catalog, category, "2026").nocs == _version(catalog, category, "2025").nocs


def test_requirements_follow_the_2026_twelve_month_rule(catalog):
    assert _version(catalog, "stem", "2025").requirements.min_months_experience == 6
    for category in ("healthcare", "stem", "trades", "education"):
        needs = _version(catalog, category, "2026").requirements
        assert needs.min_months_experience == 12, category
        assert "need not be continuous" in needs.note, category
    assert _version(catalog, "transport", "2026").requirements.min_months_experience == 12
    assert _version(catalog, "transport", "2026").requirements.canadian_experience is False
    assert _version(catalog, "senior-managers", "2026").requirements.canadian_experience is True


def test_every_version_names_a_canada_ca_source(catalog):
    for v in catalog.all_versions():
        assert v.source.startswith("https://www.canada.ca/"), (v.category, v.version)


def test_queries(catalog):
    assert catalog.title_of("21231") == "Software engineers and designers"
    assert catalog.title_of("99999") is None
    assert "stem" in catalog.categories()
    assert [v.version for v in catalog.versions("stem")] == ["2023", "2025", "2026"]
    assert catalog.versions("nope") == ()
    assert catalog.lookup_version("stem", "2024") is None
    assert load_catalog() is load_catalog()  # the default file is loaded once


# ---------------------------------------------------------------------------------------- bad files

GOOD_VERSION = """
[[categories.stem.versions]]
version = "{label}"
effective_from = {start}
{until}
source = "https://www.canada.ca/x.html"
requirements = {{ min_months_experience = 6 }}
occupations = [ {occupations} ]
"""


def _write(tmp_path: Path, *versions: str, head: str = '[categories.stem]\ntitle = "STEM"\n') -> Path:
    path = tmp_path / "categories.toml"
    path.write_text(head + "".join(versions), encoding="utf-8")
    return path


def _v(label="2023", start="2023-05-31", until="2025-02-27", occupations='{ noc = "21231", title = "A" }'):
    return GOOD_VERSION.format(
        label=label,
        start=start,
        until=f"effective_until = {until}" if until else "",
        occupations=occupations,
    )


def test_a_well_formed_crafted_file_loads(tmp_path):
    catalog = load_catalog(_write(tmp_path, _v(), _v(label="2025", start="2025-02-27", until=None)))
    assert [v.version for v in catalog.versions("stem")] == ["2023", "2025"]


@pytest.mark.parametrize(
    ("versions", "message"),
    [
        # overlap: the 2023 list runs past the start of the 2025 one
        ((_v(until="2025-03-01"), _v(label="2025", start="2025-02-27", until=None)), "overlaps"),
        # an open-ended version followed by another
        ((_v(until=None), _v(label="2025", start="2025-02-27", until=None)), "overlaps"),
        ((_v(occupations='{ noc = "2123", title = "A" }'),), "5-digit"),
        ((_v(occupations='{ noc = 21231, title = "A" }'),), "5-digit"),
        (
            (_v(occupations='{ noc = "21231", title = "A" }, { noc = "21231", title = "A" }'),),
            "duplicate NOC",
        ),
        ((_v(), _v(start="2025-02-27", until=None)), "duplicate version"),
        ((_v(start="2025-02-27", until="2023-05-31"),), "not before"),
        ((_v(label="23"),), "version label"),
        ((_v(occupations=""),), "occupations"),
    ],
)
def test_the_loader_rejects_a_bad_file_naming_the_category_and_version(tmp_path, versions, message):
    with pytest.raises(ValueError, match=message) as err:
        load_catalog(_write(tmp_path, *versions))
    assert "'stem'" in str(err.value)


def test_the_loader_rejects_a_noc_titled_differently_in_two_lists(tmp_path):
    path = _write(
        tmp_path,
        _v(occupations='{ noc = "21231", title = "A" }'),
        _v(label="2025", start="2025-02-27", until=None, occupations='{ noc = "21231", title = "B" }'),
    )
    with pytest.raises(ValueError, match="NOC 21231 titled"):
        load_catalog(path)


def test_the_loader_rejects_a_non_canada_ca_source(tmp_path):
    path = _write(tmp_path, _v().replace("https://www.canada.ca/x.html", "https://example.com/"))
    with pytest.raises(ValueError, match=r"'stem' version '2023': source"):
        load_catalog(path)


def test_the_loader_rejects_invalid_toml(tmp_path):
    path = tmp_path / "categories.toml"
    path.write_text("[categories.stem\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid TOML"):
        load_catalog(path)


def test_category_slugs_are_the_records_hyphenated_ones(tmp_path, catalog):
    # The round records' slugs are [a-z0-9-]; the data file uses the same ones.
    assert "senior-managers" in catalog.categories() and "senior_managers" not in catalog.categories()
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in catalog.categories())
    path = (
        _write(tmp_path, _v()).read_text(encoding="utf-8").replace("categories.stem", "categories.senior_x")
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(path, encoding="utf-8")
    with pytest.raises(ValueError, match="hyphens"):
        load_catalog(bad)


def test_irccs_names_and_old_slugs_resolve_to_the_catalog_category(catalog):
    assert catalog.category_named("Skilled Military Recruits") == "military"
    assert catalog.category_named("Skilled Military Recruits,") == "military"  # IRCC's 2026 comma
    assert catalog.category_named("Physicians with Canadian Work Experience") == "physicians"
    assert catalog.category_named("Healthcare and social services occupations") == "healthcare"
    assert catalog.category_named("Transport drivers") is None
    assert catalog.canonical("skilled-military-recruits") == "military"
    assert catalog.canonical("senior-managers-canadian") == "senior-managers"
    assert catalog.canonical("stem") == "stem"
    assert catalog.check_url.startswith("https://www.canada.ca/")


@pytest.mark.parametrize(
    ("category_extra", "message"),
    [
        ('aliases = ["stem"]', "another category's"),
        ('names = ["STEM occupations"]', "another category's"),
        ('aliases = ["Not A Slug"]', "hyphenated slug"),
        ("colour = 1", "unknown keys ['colour']"),
    ],
)
def test_the_loader_rejects_an_alias_or_name_that_is_not_its_own(tmp_path, category_extra, message):
    path = tmp_path / "c.toml"
    path.write_text(
        f"""
[categories.stem]
title = "STEM occupations"

[[categories.stem.versions]]
version = "2023"
effective_from = 2023-05-31
source = "https://www.canada.ca/x"
occupations = "any"

[categories.other]
title = "Other occupations"
{category_extra}

[[categories.other.versions]]
version = "2023"
effective_from = 2023-05-31
source = "https://www.canada.ca/x"
occupations = "any"
"""
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        load_catalog(path)
