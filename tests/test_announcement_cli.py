"""``eewatch announcement``: one page or article, field by field, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from tests.support.cli import cli
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES


def announce(tmp_path: Path, config: Path, *args: str):
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'never.sqlite'}"}
    return cli("announcement", *args, "--config", str(config), env=env)


def test_a_page_as_json_with_provenance(tmp_path: Path, empty_config: Path) -> None:
    result = announce(
        tmp_path, empty_config, str(FIXTURES / "pages" / "invitations-254-stem.html"), "--format", "json"
    )
    assert result.returncode == exitcodes.OK, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "page"
    (facts,) = data["rounds"]
    assert facts["fields"]["crs_min"]["value"] == 486
    assert facts["fields"]["crs_min"]["snippet"] == "CRS score of lowest-ranked candidate invited: 486"
    assert facts["fields"]["programs"] is None  # not stated: null, not []
    assert facts["occupations"][0] == {
        "occupation": "Architects",
        "noc_code": "21200",
        "start": facts["occupations"][0]["start"],
        "end": facts["occupations"][0]["end"],
        "snippet": "Architects\t21200",
    }
    assert not (tmp_path / "never.sqlite").exists()  # nothing stored


def test_an_article_as_a_table(tmp_path: Path, empty_config: Path) -> None:
    result = announce(tmp_path, empty_config, str(FIXTURES / "articles" / "two-rounds-in-one.txt"))
    assert result.returncode == exitcodes.OK, result.stderr
    out = result.stdout
    assert "(article): 2 round(s)" in out and "round 256" in out and "round 257" in out
    line = next(row for row in out.splitlines() if row.strip().startswith("crs_min") and "791" in row)
    assert "'CRS score of 791'" in line
    assert "(not stated)" in out


def test_a_url_is_fetched(http_server: FixtureServer, tmp_path: Path, empty_config: Path) -> None:
    url = http_server.serve(
        "/invitations-205.html",
        (FIXTURES / "pages" / "invitations-205.html").read_bytes(),
        **{"Content-Type": "text/html"},
    )
    result = announce(tmp_path, empty_config, url, "--kind", "page", "--format", "json")
    assert result.returncode == exitcodes.OK, result.stderr
    assert json.loads(result.stdout)["rounds"][0]["fields"]["invitations"]["value"] == 521
    assert http_server.hits[0].headers["User-Agent"].startswith("eewatch")


@pytest.mark.parametrize(
    ("name", "kind", "message"),
    [
        ("labels-changed-209.html", "page", "'Number of invitations issued:'"),
        ("unrelated.html", "auto", "not a Ministerial Instructions page"),
        ("unrelated.html", "page", "not a Ministerial Instructions page"),
        ("empty.html", "auto", "empty"),
    ],
)
def test_bad_pages_are_a_clear_source_error(
    tmp_path: Path, empty_config: Path, name: str, kind: str, message: str
) -> None:
    result = announce(tmp_path, empty_config, str(FIXTURES / "pages" / name), "--kind", kind)
    assert result.returncode == exitcodes.SOURCE
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_an_article_without_a_round(tmp_path: Path, empty_config: Path) -> None:
    result = announce(
        tmp_path, empty_config, str(FIXTURES / "articles" / "no-round.txt"), "--kind", "article"
    )
    assert result.returncode == exitcodes.SOURCE and "no round of invitations found" in result.stderr


def test_missing_file_and_http_errors(http_server: FixtureServer, tmp_path: Path, empty_config: Path) -> None:
    missing = announce(tmp_path, empty_config, str(tmp_path / "nope.html"))
    assert missing.returncode == exitcodes.SOURCE and "cannot read" in missing.stderr
    gone = announce(tmp_path, empty_config, http_server.url("/gone.html"))
    assert gone.returncode == exitcodes.SOURCE and "HTTP 404" in gone.stderr


def test_an_article_with_a_page_label_falls_back_to_the_article_reader(
    tmp_path: Path, empty_config: Path
) -> None:
    """A line starting 'Tie-breaking rule:' made it a page without its heading (exit 3); now an article."""
    result = announce(
        tmp_path, empty_config, str(FIXTURES / "articles" / "tie-break-line.txt"), "--format", "json"
    )
    assert result.returncode == exitcodes.OK, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "article"
    [found] = data["rounds"]
    assert found["fields"]["round_id"]["value"] == "337" and found["fields"]["crs_min"]["value"] == 428


def test_the_feed_itself_is_refused_with_a_pointer(tmp_path: Path, empty_config: Path) -> None:
    feed = FIXTURES / "feed" / "small.json"
    result = announce(tmp_path, empty_config, str(feed))
    assert result.returncode == exitcodes.SOURCE
    assert "this is the rounds feed" in result.stderr and "scrape --once --feed" in result.stderr
    assert result.stdout == ""


def test_a_page_with_incomplete_labels_is_read_as_an_article_and_says_so(
    tmp_path: Path, empty_config: Path
) -> None:
    page = FIXTURES / "pages" / "labels-changed-209.html"
    result = announce(tmp_path, empty_config, str(page), "--format", "json")
    assert result.returncode == exitcodes.OK, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "article"
    assert any("'Number of invitations issued:'" in w for w in data["warnings"]), data["warnings"]


def test_with_a_database_each_round_says_what_the_stored_round_says(
    tmp_path: Path, empty_config: Path
) -> None:
    from eewatch.store.store import Store
    from tests.support.feeds import ROUND_254, feed_fetch, feed_with

    db = tmp_path / "stored.sqlite"
    with Store.open(f"sqlite:///{db}") as store:
        store.record_feed_fetch(feed_fetch(feed_with(ROUND_254)))
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{db}"}
    page = str(FIXTURES / "pages" / "invitations-254-stem.html")
    table = cli("announcement", page, "--config", str(empty_config), env=env)
    assert table.returncode == exitcodes.OK, table.stderr
    assert "stored: round 254 disagrees: crs_min 486 here, 491 stored" in table.stdout
    data = json.loads(
        cli("announcement", page, "--format", "json", "--config", str(empty_config), env=env).stdout
    )
    assert data["rounds"][0]["stored"] == {
        "round": "254",
        "differences": {"crs_min": {"here": 486, "stored": 491}},
    }


def _record(tmp_path: Path) -> dict[str, str]:
    """A database holding IRCC's rounds #254 (July 5, 2023) and #260 (August 1, 2023)."""
    from eewatch.store.store import Store
    from tests.support.feeds import ROUND_254, feed_fetch, feed_with

    later = {"drawNumber": "260", "drawDate": "2023-08-01", "drawDateFull": "August 1, 2023"}
    db = tmp_path / "record.sqlite"
    with Store.open(f"sqlite:///{db}") as store:
        store.record_feed_fetch(feed_fetch(feed_with(ROUND_254, later)))
    return {"EEWATCH_DATABASE_URL": f"sqlite:///{db}"}


def test_with_a_database_a_day_irccs_record_has_no_round_on_is_no_round(
    tmp_path: Path, empty_config: Path
) -> None:
    # A province's draw on a day IRCC held no round, beside the federal round of July 5 (our words), named
    # so that the text alone cannot tell it apart ("the province" is no provincial program's name).
    article = tmp_path / "provincial.txt"
    article.write_text(
        "On July 5, 2023, Canada invited 500 candidates with STEM occupations with a lowest score of 486.\n\n"
        "On July 20, 2023, the province's stream invited 350 candidates from the pool with scores as low "
        "as 301.\n"
    )
    alone = announce(tmp_path, empty_config, str(article), "--format", "json")
    assert alone.returncode == exitcodes.OK, alone.stderr
    days = [r["fields"]["date"]["value"] for r in json.loads(alone.stdout)["rounds"]]
    assert days == ["2023-07-05", "2023-07-20"]  # the text alone cannot tell the provincial draw apart
    env = _record(tmp_path)
    table = cli("announcement", str(article), "--config", str(empty_config), env=env)
    assert table.returncode == exitcodes.OK, table.stderr
    assert "(article): 1 round(s)" in table.stdout
    assert "stored: round 254 disagrees: crs_min 486 here, 491 stored" in table.stdout
    assert (
        "warning: date: 'July 20, 2023' dates a round on 2023-07-20, but IRCC's record has no round within "
        "a day of it; not printed as a round"
    ) in table.stdout
    # Only that round: nothing left to print is a source error that says why.
    # (the text does not name the province: "Alberta invited ..." is a province's draw to the reader alone)
    article.write_text("On July 20, 2023, the province's stream invited 350 candidates from the pool: 301.\n")
    none = cli("announcement", str(article), "--config", str(empty_config), env=env)
    assert none.returncode == exitcodes.SOURCE
    assert "no round of invitations found in this article that IRCC's record bears out" in none.stderr
    assert "2023-07-20" in none.stderr


def test_a_round_whose_year_is_in_doubt_shows_the_day_it_was_written_with(
    tmp_path: Path, empty_config: Path
) -> None:
    # Feed #218: March 16, 2022, PNP, 924 at 754; the text writes no year for it.
    article = tmp_path / "no-year.txt"
    article.write_text(
        "On March 16, Canada invited 924 candidates with provincial nominations. The cut-off was 754.\n\n"
        "Admission targets for 2025 and 2026 are higher.\n"
    )
    result = announce(tmp_path, empty_config, str(article))
    assert result.returncode == exitcodes.OK, result.stderr
    line = next(row for row in result.stdout.splitlines() if row.strip().startswith("date"))
    assert "(year in doubt) 'March 16'" in line and "3-11" in line
    as_json = announce(tmp_path, empty_config, str(article), "--format", "json")
    (facts,) = json.loads(as_json.stdout)["rounds"]
    assert facts["fields"]["date"] is None and facts["day_written"]["value"] == "03-16"
