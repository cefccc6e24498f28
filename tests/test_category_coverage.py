"""Every category round IRCC published meets the catalog: its category, and its list wherever one is known.

Read from every real copy in ``../shared/fixtures/ircc-feed/`` (skipped where absent) and from the
project's own 2026 copy: a category round whose slug the catalog does not hold, or whose date a catalog
list covers but eewatch reads as "unknown", fails here with its number and name.
"""

from __future__ import annotations

from pathlib import Path

from eewatch.domain.eligibility import Profile, assess
from eewatch.domain.occupations import load_catalog
from scraper.parsing.feed import FeedFormatError, parse_feed
from tests.support.paths import FIXTURES

CATALOG = load_catalog()
#: A profile with an occupation, French and Canadian experience: "unknown" can only come from the data.
PERSON = Profile(crs=480, noc=("31301",), french_nclc=9, canadian_experience_months=24)


def _category_rounds(copies: list[Path]) -> dict[tuple[str, str], object]:
    found = {}
    for copy in copies:
        try:
            parsed = parse_feed(copy.read_bytes())
        except FeedFormatError:  # the copy canada.ca served malformed: nothing to read
            continue
        for round_ in parsed.rounds:
            if round_.round_type == "category":
                found[(round_.id, round_.name or "")] = round_
    return found


def test_every_real_category_round_resolves_to_a_catalog_category_and_list(shared_feed: list[Path]) -> None:
    rounds = _category_rounds([*shared_feed, FIXTURES / "feed" / "2026.json"])
    assert len(rounds) >= 40  # the shared copies: every category round from #252 to #337, and 2026
    for (number, name), round_ in rounds.items():
        assert round_.category in CATALOG.categories(), (number, name, round_.category)
        assert not [w for w in round_.warnings if "category" in w], (number, name, round_.warnings)
        version = CATALOG.version_on(round_.category, round_.date)
        assert version is not None, (number, name, round_.date)
        verdict = assess(round_, PERSON, CATALOG)
        assert verdict.eligible is not None, (number, name, verdict.reason)


def test_the_2026_copy_meets_the_2026_lists() -> None:
    rounds = _category_rounds([FIXTURES / "feed" / "2026.json"])
    versions = {n: CATALOG.version_on(r.category, r.date) for (n, _), r in rounds.items()}
    assert {n: (v.category, v.version) for n, v in versions.items()} == {
        "422": ("healthcare", "2026"),
        "408": ("trades", "2026"),
        "402": ("senior-managers", "2026"),
        "401": ("french", "2023"),
        "398": ("healthcare", "2026"),
        "397": ("physicians", "2025"),
        "421": ("physicians", "2025"),
    }
