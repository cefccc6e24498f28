"""A hostile source: ``scrape --once`` (a real process) against faults served on loopback.

For every fault: exit 3, no traceback, one clear error line, one ``source_error``
event, the rounds, revisions and distributions byte for byte as before, and the
next run with a good copy exits 0 and stores it.

To keep the file fast, a module fixture runs every scenario at once (each with
its own loopback server and its own copy of the baseline database, a few child
processes at a time); each test then checks its own scenario's record.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from eewatch.app import exitcodes
from tests.support import faults
from tests.support.cli import cli_process
from tests.support.forkserver import ForkServer
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES, shared_copies

# One worker runs this module: its module fixture runs every CLI case at once (--dist loadgroup).
pytestmark = [pytest.mark.hostile, pytest.mark.xdist_group("test_hostile_sources")]

FEED_PATH = "/ee_rounds_123_en.json"
#: The good copy: 8 rounds, the newest #305.
GOOD = (FIXTURES / "feed" / "small.json").read_bytes()
NEW_ROUND = "305"
MAX_BYTES = 64 * 1024
OVER_CAP = b'{"rounds": [' + b" " * 300_000 + b"]}"
#: Child processes at once (each is mostly CPU: a Python and Scrapy start).
WORKERS = 4


def _without_newest(body: bytes) -> bytes:
    document = json.loads(body)
    document["rounds"] = document["rounds"][1:]
    return json.dumps(document).encode()


#: What the database holds before each fault: the good copy without its newest round.
BASELINE = _without_newest(GOOD)


def _malformed_copy() -> bytes | None:
    copies = [p for p in shared_copies() if "MALFORMED" in p.name]
    return copies[0].read_bytes() if copies else None


@dataclass
class World:
    """What a scenario's fault may need: its server's port, the other host's URL."""

    port: int
    other_host: str | None


@dataclass(frozen=True)
class Scenario:
    """One fault, what its error must say, and how the fetch is configured."""

    id: str
    expect: str
    fault: Callable[[World], faults.Handler]
    #: Long enough that a fault's outcome never hinges on a loaded machine's speed (a 1 s timeout
    #: once cut the 64 KiB over-cap body short under load 19: a timeout, not the cap); only the
    #: timeout scenarios set a short one.
    timeout: float = 10.0
    retries: int = 0
    max_bytes: int = MAX_BYTES
    needs: str | None = None  # "other_host", "malformed": skipped where missing


@dataclass
class Outcome:
    """What happened when a scenario ran: the two runs and the database around them."""

    before: dict[str, list[tuple[Any, ...]]]
    source_errors_before: int
    fault_run: subprocess.CompletedProcess[str]
    after_fault: dict[str, list[tuple[Any, ...]]]
    source_errors: list[str]
    last_fetch: list[tuple[Any, ...]]
    recovery_run: subprocess.CompletedProcess[str]
    after_recovery: dict[str, list[tuple[Any, ...]]]
    rounds_lost: int
    integrity: list[tuple[Any, ...]]
    times: list[float] = field(default_factory=list)
    other_host_paths: list[str] = field(default_factory=list)


def _refused(world: World) -> faults.Handler:
    """Never called: the scenario fetches a port nobody listens on."""
    return faults.status(500)


SCENARIOS = [
    Scenario("http-500", "HTTP 500 from the feed", lambda w: faults.status(500, b"<h1>oops</h1>"), retries=1),
    Scenario(
        "http-503-retry-after",
        "HTTP 503 from the feed (Retry-After: 1)",
        lambda w: faults.status(503, b"busy", Retry_After="1"),
        timeout=2.0,
        retries=1,  # budget 2 * 2 s: a 1 s wait and a 2 s try fit
    ),
    Scenario(
        "http-429-retry-after-past-budget",
        "HTTP 429 from the feed (Retry-After: 3600)",
        lambda w: faults.status(429, b"slow down", Retry_After="3600"),
        retries=2,
    ),
    Scenario("http-404", "HTTP 404 from the feed", lambda w: faults.status(404, b"not found"), retries=2),
    Scenario("connection-reset", "connection failed (ConnectionLost)", lambda w: faults.reset()),
    Scenario("connection-refused", "Connection was refused", _refused),
    Scenario("timeout-stall", "timeout: no complete response in time", lambda w: faults.stall(), timeout=1.0),
    Scenario(
        "timeout-drip",
        "timeout: no complete response in time",
        lambda w: faults.drip(GOOD, every=0.2, chunk=64),  # ~40 s for the body; the timeout is 1 s
        timeout=1.0,
    ),
    Scenario("truncated-body", "truncated body", lambda w: faults.truncate(GOOD[: len(GOOD) // 2])),
    Scenario(
        "truncated-body-valid-json",
        "truncated body",
        lambda w: faults.truncate(GOOD, missing=500),  # the JSON is whole, the promised length is not
    ),
    Scenario(
        "html-error-page-200",
        "the feed was served as 'text/html', not JSON",
        lambda w: faults.status(200, b"<html><body>Service unavailable</body></html>", "text/html"),
    ),
    Scenario("empty-200", "feed is empty", lambda w: faults.status(200, b"", "application/json")),
    Scenario(
        "wrong-content-type",
        "the feed was served as 'image/png', not JSON",
        lambda w: faults.status(200, GOOD, "image/png"),  # the good copy's bytes: still refused
    ),
    Scenario("redirect-loop", "too many redirects", lambda w: faults.redirect_loop()),
    Scenario(
        "redirect-other-host",
        "refused a redirect to another host: http://127.0.0.2",
        lambda w: faults.redirect(f"{w.other_host}{FEED_PATH}"),
        needs="other_host",
    ),
    Scenario(
        "redirect-localhost",
        "refused a redirect to another host: http://localhost",
        lambda w: faults.redirect(f"http://localhost:{w.port}{FEED_PATH}"),
    ),
    Scenario(
        "over-size-cap",
        f"response over the size cap of {MAX_BYTES:,} bytes",
        lambda w: faults.status(200, OVER_CAP, "application/json"),
    ),
    Scenario(
        "over-size-cap-unsized",
        f"response over the size cap of {MAX_BYTES:,} bytes",
        lambda w: faults.unsized(OVER_CAP),
    ),
    Scenario(
        "over-size-cap-gzip-bomb",
        f"response over the size cap of {MAX_BYTES:,} bytes",
        lambda w: faults.gzip_bomb(50 * 1024 * 1024)[0],
    ),
    Scenario(
        "invalid-utf8",
        "feed is not valid UTF-8",
        lambda w: faults.status(200, b'{"rounds": [{"drawNumber": "306\xff\xfe"}]}', "application/json"),
    ),
    Scenario(
        "json-wrong-shape-no-rounds",
        "feed document has no 'rounds' key",
        lambda w: faults.status(200, b'{"data": [1, 2]}', "application/json"),
    ),
    Scenario(
        "real-malformed-copy",
        "feed is not valid JSON",
        lambda w: faults.status(200, _malformed_copy() or b"", "application/json"),
        max_bytes=4 * 1024 * 1024,
        needs="malformed",
    ),
]


def _write_config(path: Path, timeout: float, retries: int, max_bytes: int = MAX_BYTES) -> None:
    path.write_text(f"[feed]\ntimeout = {timeout}\nretries = {retries}\nmax_bytes = {max_bytes}\n")


def _scrape(db: Path, config: Path, url: str, forks: ForkServer) -> subprocess.CompletedProcess[str]:
    """``scrape --once`` in a real process, forked from ``forks`` (the imports done once)."""
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{db}"}
    return cli_process(
        "scrape", "--once", "--feed", url, "--config", str(config), env=env, timeout=90, via=forks
    )


def _source_errors(db: Path) -> list[str]:
    rows = faults.rows(db, "SELECT payload FROM events WHERE kind = 'source_error' ORDER BY id")
    return [json.loads(payload)["error"] for (payload,) in rows]


def _run(
    scenario: Scenario, baseline: Path, folder: Path, other: faults.HostServer | None, forks: ForkServer
) -> Outcome:
    """The fault run, then the recovery run, each on this scenario's own server and database."""
    folder.mkdir()
    db, config = folder / "eewatch.sqlite", folder / "config.toml"
    faults.copy_database(baseline, db)
    server = FixtureServer().start()
    faults.quiet(server.httpd)
    times: list[float] = []
    try:
        url = server.url(FEED_PATH)
        if scenario.id == "connection-refused":
            closed = FixtureServer()
            url = f"http://127.0.0.1:{closed.port}{FEED_PATH}"
            closed.httpd.server_close()  # the port was ours; nobody listens on it now
        handler = scenario.fault(World(server.port, other.url().rstrip("/") if other else None))

        def timed(h: Any) -> None:
            times.append(time.monotonic())
            handler(h)

        server.handler = timed
        _write_config(config, scenario.timeout, scenario.retries, scenario.max_bytes)
        before = faults.snapshot(db)
        errors_before = len(_source_errors(db))
        fault_run = _scrape(db, config, url, forks)
        after_fault = faults.snapshot(db)
        lost = faults.rounds_lost(before, db)
        errors = _source_errors(db)
        last_fetch = faults.rows(db, "SELECT outcome FROM fetches ORDER BY id DESC LIMIT 1")

        server.handler = None
        server.serve(FEED_PATH, GOOD)
        _write_config(config, 30.0, 0)  # a calm network: the recovery must not hinge on timing
        recovery_run = _scrape(db, config, server.url(FEED_PATH), forks)
        lost += faults.rounds_lost(before, db)
        return Outcome(
            before=before,
            source_errors_before=errors_before,
            fault_run=fault_run,
            after_fault=after_fault,
            source_errors=errors,
            last_fetch=last_fetch,
            recovery_run=recovery_run,
            after_recovery=faults.snapshot(db),
            rounds_lost=lost,
            integrity=faults.rows(db, "PRAGMA integrity_check"),
            times=times,
            other_host_paths=list(other.paths) if other else [],
        )
    finally:
        server.stop()


@pytest.fixture(scope="module")
def baseline_db(tmp_path_factory: pytest.TempPathFactory, fork_server: ForkServer) -> Path:
    """A database that stored BASELINE (7 rounds) through the real CLI."""
    folder = tmp_path_factory.mktemp("baseline")
    (folder / "baseline.json").write_bytes(BASELINE)
    (folder / "config.toml").write_text("")
    db = folder / "baseline.sqlite"
    result = _scrape(db, folder / "config.toml", str(folder / "baseline.json"), fork_server)
    assert result.returncode == exitcodes.OK, result.stderr
    assert faults.rows(db, "SELECT count(*) FROM rounds") == [(7,)]
    return db


@pytest.fixture(scope="module")
def other_host() -> Iterator[faults.HostServer | None]:
    """A server on 127.0.0.2 (another host, still loopback) serving the good copy; None if unbindable."""
    try:
        server = faults.HostServer("127.0.0.2", body=GOOD).start()
    except OSError:
        yield None
        return
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def outcomes(
    baseline_db: Path,
    other_host: faults.HostServer | None,
    tmp_path_factory: pytest.TempPathFactory,
    fork_server: ForkServer,
) -> dict[str, Outcome | BaseException]:
    """Every runnable scenario, run a few at a time."""
    root = tmp_path_factory.mktemp("hostile")
    runnable = [s for s in SCENARIOS if _missing(s, other_host) is None]
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {
            s.id: pool.submit(_run, s, baseline_db, root / s.id, other_host, fork_server) for s in runnable
        }
    # A scenario whose run broke fails its own tests, not the others'.
    found: dict[str, Outcome | BaseException] = {}
    for key, future in futures.items():
        error = future.exception()
        found[key] = future.result() if error is None else error
    return found


def _missing(scenario: Scenario, other_host: faults.HostServer | None) -> str | None:
    if scenario.needs == "other_host" and other_host is None:
        return "cannot bind 127.0.0.2 (another loopback host) here"
    if scenario.needs == "malformed" and _malformed_copy() is None:
        return "the shared MALFORMED copy of the IRCC feed is absent (../shared/fixtures/ircc-feed)"
    return None


def outcome(outcomes: dict[str, Outcome | BaseException], key: str) -> Outcome:
    """A scenario's record, or its run's exception raised here."""
    found = outcomes[key]
    if isinstance(found, BaseException):
        raise found
    return found


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if " ERROR eewatch." in line]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_a_fault_loses_nothing_and_recovers(
    scenario: Scenario,
    outcomes: dict[str, Outcome | BaseException],
    other_host: faults.HostServer | None,
    record_property: Callable[[str, object], None],
) -> None:
    reason = _missing(scenario, other_host)
    if reason:
        pytest.skip(reason)
    out = outcome(outcomes, scenario.id)
    record_property("hostile_rounds_lost", out.rounds_lost)
    fault = out.fault_run

    assert fault.returncode == exitcodes.SOURCE, fault.stderr
    assert "Traceback" not in fault.stderr, fault.stderr
    lines = error_lines(fault.stderr)
    assert len(lines) == 1 and scenario.expect in lines[0], fault.stderr
    assert out.after_fault == out.before, "the fault changed the stored rounds"
    assert len(out.source_errors) == out.source_errors_before + 1
    assert scenario.expect in out.source_errors[-1]
    assert out.last_fetch == [("error",)]

    recovery = out.recovery_run
    assert recovery.returncode == exitcodes.OK, recovery.stderr
    stored = {row[0] for row in out.after_recovery["rounds"]}
    assert stored == {row[0] for row in out.before["rounds"]} | {NEW_ROUND}
    assert out.rounds_lost == 0
    assert out.integrity == [("ok",)]


def test_500_is_retried_at_once(outcomes: dict[str, Outcome | BaseException]) -> None:
    assert len(outcome(outcomes, "http-500").times) == 2  # the first try and one retry


def test_retry_after_is_waited_out(outcomes: dict[str, Outcome | BaseException]) -> None:
    times = outcome(outcomes, "http-503-retry-after").times
    assert len(times) == 2
    assert times[1] - times[0] >= 0.9, "the retry did not wait for Retry-After: 1"


def test_a_retry_after_past_the_budget_is_not_retried(outcomes: dict[str, Outcome | BaseException]) -> None:
    out = outcome(outcomes, "http-429-retry-after-past-budget")
    assert len(out.times) == 1, "retried although Retry-After is past the poll's budget"
    assert "beyond this poll's budget" in out.fault_run.stderr


def test_404_is_not_retried(outcomes: dict[str, Outcome | BaseException]) -> None:
    assert len(outcome(outcomes, "http-404").times) == 1


def test_redirects_to_other_hosts_fetch_nothing_there(
    outcomes: dict[str, Outcome | BaseException], other_host: faults.HostServer | None
) -> None:
    if other_host is None:
        pytest.skip("cannot bind 127.0.0.2 (another loopback host) here")
    assert outcome(outcomes, "redirect-other-host").other_host_paths == [], "the other host was fetched"
    assert len(outcome(outcomes, "redirect-localhost").times) == 1, "the redirect to localhost was followed"


def test_a_redirect_loop_stops(outcomes: dict[str, Outcome | BaseException]) -> None:
    assert 2 <= len(outcome(outcomes, "redirect-loop").times) <= 10


def test_a_gzip_bomb_is_small_on_the_wire() -> None:
    """The bomb is under the cap as sent: only inflating it breaks the cap."""
    _, compressed = faults.gzip_bomb(50 * 1024 * 1024)
    assert compressed < MAX_BYTES


def test_a_redirect_on_the_same_host_is_followed(
    http_server: FixtureServer, baseline_db: Path, tmp_path: Path, fork_server: ForkServer
) -> None:
    """The control: refusing other hosts must not refuse canada.ca moving the file on its own host."""
    db, config = tmp_path / "eewatch.sqlite", tmp_path / "config.toml"
    faults.copy_database(baseline_db, db)
    _write_config(config, 30.0, 0)
    http_server.serve("/moved.json", GOOD)
    http_server.serve(FEED_PATH, b"", status=301, Location="/moved.json")
    result = _scrape(db, config, http_server.url(FEED_PATH), fork_server)
    assert result.returncode == exitcodes.OK, result.stderr
    assert [hit.path for hit in http_server.hits] == [FEED_PATH, "/moved.json"]
    assert faults.rows(db, f"SELECT count(*) FROM rounds WHERE id = '{NEW_ROUND}'") == [(1,)]


def test_parse_retry_after_forms() -> None:
    from scraper.fetch import parse_retry_after

    now = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    assert parse_retry_after("120", now) == 120
    assert parse_retry_after("Wed, 25 Nov 2026 12:00:30 GMT", now) == 30
    assert parse_retry_after("Wed, 25 Nov 2026 11:00:00 GMT", now) == 0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("-5", now) is None


def test_retry_wait_stays_within_the_budget() -> None:
    from scraper.fetch import retry_wait

    assert retry_wait(None, elapsed=0, timeout=30, budget=90, cap=120) == 0
    assert retry_wait(30, elapsed=0, timeout=30, budget=90, cap=120) == 30
    assert retry_wait(30, elapsed=31, timeout=30, budget=90, cap=120) is None
    assert retry_wait(200, elapsed=0, timeout=1, budget=1000, cap=120) is None


def test_content_types() -> None:
    from scraper.fetch import content_type_problem

    json_types = ("application/json", "application/json; charset=utf-8", "text/plain", "a/x+json")
    accepted_types = (None, "", *json_types)
    for accepted in accepted_types:
        assert content_type_problem(accepted) is None, accepted
    for refused in ("text/html", "text/html; charset=utf-8", "image/png", "application/xml"):
        assert "refused" in (content_type_problem(refused) or ""), refused
