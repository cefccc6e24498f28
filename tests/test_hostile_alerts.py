"""Crash consistency and secrets, with alerts going to a real receiver on loopback.

* ``scrape --once`` is SIGKILLed at seeded random moments while new rounds are
  stored and alerted (``json://`` to a local server), then run again. Every
  round is stored, every alert arrives, and an alert arrives twice only where
  docs/alerts.md allows it: at most once more per kill that left its outbox
  row ``sending``.
* Secrets in Apprise URLs (from the environment and written literally) never
  show in logs at debug level, errors, ``eewatch status``/``outbox``, or the
  database file's bytes, while the receiver does get them.
"""

from __future__ import annotations

import base64
import json
import os
import random
import signal
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from eewatch.app import exitcodes
from tests.support import faults
from tests.support.cli import cli_process
from tests.support.feeds import FEED_PATH, numbered_feed
from tests.support.forkserver import ForkServer
from tests.support.http import FixtureServer

pytestmark = pytest.mark.hostile

SEED = 20261125
CHAINS = 4
TRIALS_PER_CHAIN = 13  # 52 kills in all
SENDING_TIMEOUT = 2.0


def alert_config(path: Path, feed_url: str, targets: list[str], **notifications: float) -> None:
    settings = {
        "timeout": 1,
        "sending_timeout_seconds": SENDING_TIMEOUT,
        "backoff_seconds": 1,
        **notifications,
    }
    lines = [
        "[feed]",
        f'url = "{feed_url}"',
        "timeout = 10",
        "retries = 0",
        "[notifications]",
        *(f"{key} = {value}" for key, value in settings.items()),
        "[[alerts]]",
        'name = "all"',
        f"notify = {json.dumps(targets)}",
        'title = "round={round}"',
        'body = "{event} {round}"',
    ]
    path.write_text("\n".join(lines) + "\n")


def cli_args(config: Path, *args: str) -> list[str]:
    """``python`` arguments: ``-m eewatch ARGS --config CONFIG``."""
    return ["-m", "eewatch", *args, "--config", str(config)]


def child_env(db: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("EEWATCH_CONFIG", None)
    env["EEWATCH_DATABASE_URL"] = f"sqlite:///{db}"
    env.update(extra or {})
    return env


def posted_rounds(server: FixtureServer) -> Counter[str]:
    """How many alerts the receiver got per round (from the ``round=N`` title)."""
    found: Counter[str] = Counter()
    for hit in list(server.hits):
        if hit.method == "POST":
            title = json.loads(hit.body).get("title", "")
            if title.startswith("round="):
                found[title.removeprefix("round=")] += 1
    return found


# -- crash consistency -----------------------------------------------------------------


@dataclass
class Chain:
    """One database killed and re-run ``TRIALS_PER_CHAIN`` times; what it saw."""

    seed: int
    kills: int = 0
    trials_ok: int = 0
    at_risk: Counter[str] = field(default_factory=Counter)
    served: set[str] = field(default_factory=set)
    baseline: set[str] = field(default_factory=set)
    posts: Counter[str] = field(default_factory=Counter)
    stored: set[str] = field(default_factory=set)
    new_round_events: Counter[str] = field(default_factory=Counter)
    outbox: Counter[str] = field(default_factory=Counter)
    integrity: list[tuple[Any, ...]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def run_chain(seed: int, folder: Path, forks: ForkServer) -> Chain:
    """One chain; every ``scrape --once`` is a real process forked from ``forks``.

    A forked child runs the whole of ``scrape --once`` but for the imports (which write
    nothing), so the kills land across the part that does: ``typical``, the span the
    random moments are drawn from, is that of a forked run.
    """
    rng = random.Random(seed)
    chain = Chain(seed)
    folder.mkdir()
    db, config = folder / "eewatch.sqlite", folder / "config.toml"
    server = FixtureServer().start()
    faults.quiet(server.httpd)
    try:
        alert_config(config, server.url(FEED_PATH), [f"json://127.0.0.1:{server.port}/hook"])
        env = child_env(db)
        count = 3
        server.serve(FEED_PATH, numbered_feed(count))
        started = time.monotonic()
        first = forks.run(*cli_args(config, "scrape", "--once"), env=env, timeout=60)
        typical = time.monotonic() - started
        if first.returncode != exitcodes.OK:
            chain.problems.append(f"baseline run exited {first.returncode}: {first.stderr[-500:]!r}")
            return chain
        chain.baseline = {str(400 + i) for i in range(count)}
        chain.served |= chain.baseline
        for trial in range(TRIALS_PER_CHAIN):
            count += 1
            server.serve(FEED_PATH, numbered_feed(count))
            chain.served.add(str(400 + count - 1))
            delay = rng.uniform(0, typical)
            process = forks.popen(*cli_args(config, "scrape", "--once"), env=env)  # output: /dev/null
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            chain.kills += 1
            sending = faults.rows(db, "SELECT round_id FROM alert_outbox WHERE status = 'sending'")
            chain.at_risk.update(str(r) for (r,) in sending)
            again = forks.run(*cli_args(config, "scrape", "--once"), env=env, timeout=60)
            stored = {r for (r,) in faults.rows(db, "SELECT id FROM rounds")}
            if again.returncode == exitcodes.OK and chain.served <= stored:
                chain.trials_ok += 1
            else:
                chain.problems.append(
                    f"trial {trial} (kill after {delay:.3f}s): exit {again.returncode}, "
                    f"missing {sorted(chain.served - stored)}: {again.stderr[-300:]!r}"
                )
        # Rows a kill left `sending` are claimed again once sending_timeout_seconds have passed.
        time.sleep(SENDING_TIMEOUT + 0.5)
        final = forks.run(*cli_args(config, "scrape", "--once"), env=env, timeout=60)
        if final.returncode != exitcodes.OK:
            chain.problems.append(f"final run exited {final.returncode}: {final.stderr[-500:]!r}")
        chain.posts = posted_rounds(server)
        chain.stored = {r for (r,) in faults.rows(db, "SELECT id FROM rounds")}
        chain.new_round_events = Counter(
            r for (r,) in faults.rows(db, "SELECT round_id FROM events WHERE kind = 'new_round'")
        )
        chain.outbox = Counter(s for (s,) in faults.rows(db, "SELECT status FROM alert_outbox"))
        chain.integrity = faults.rows(db, "PRAGMA integrity_check")
        return chain
    finally:
        server.stop()


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_and_duplicates_only_in_the_send_window(
    tmp_path: Path, record_property: Any, fork_server: ForkServer
) -> None:
    with ThreadPoolExecutor(CHAINS) as pool:
        chains = list(
            pool.map(lambda i: run_chain(SEED + i, tmp_path / f"chain{i}", fork_server), range(CHAINS))
        )

    kills = sum(c.kills for c in chains)
    lost_rounds = sum(len(c.served - c.stored) for c in chains)
    alerted = [(c, r) for c in chains for r in c.served - c.baseline]
    lost_alerts = sum(1 for c, r in alerted if c.posts[r] == 0)
    duplicates = sum(max(0, c.posts[r] - 1) for c, r in alerted)
    record_property("hostile_trials", kills)
    record_property("hostile_trials_passed", sum(c.trials_ok for c in chains))
    record_property("hostile_rounds_lost", lost_rounds)
    record_property("hostile_alerts_lost", lost_alerts)
    record_property("hostile_alerts_duplicated", duplicates)

    for chain in chains:
        where = f"seed {chain.seed}"
        assert not chain.problems, f"{where}: {chain.problems}"
        assert chain.kills == TRIALS_PER_CHAIN
        assert chain.served <= chain.stored, f"{where}: rounds lost: {sorted(chain.served - chain.stored)}"
        assert set(chain.new_round_events.values()) == {1}, f"{where}: a round got two new_round events"
        assert chain.integrity == [("ok",)], where
        assert dict(chain.outbox) == {"sent": len(chain.served - chain.baseline)}, f"{where}: {chain.outbox}"
        assert not set(chain.posts) & chain.baseline, f"{where}: a baseline round was alerted"
        for round_id in chain.served - chain.baseline:
            posts = chain.posts[round_id]
            assert posts >= 1, f"{where}: the alert for round {round_id} was lost"
            assert posts - 1 <= chain.at_risk[round_id], (
                f"{where}: round {round_id} alerted {posts} times, but only {chain.at_risk[round_id]} "
                "kill(s) left its row sending (docs/alerts.md: at most one duplicate per such crash)"
            )
    assert kills >= 50
    assert lost_rounds == 0 and lost_alerts == 0


# -- secrets ---------------------------------------------------------------------------

ENV_PASSWORD = "pw-env-7f3a9c1e"
ENV_TOKEN = "tok-env-51d2e8b4"
LITERAL_PASSWORD = "pw-literal-c4e1b7d0"
SECRETS = (ENV_PASSWORD, ENV_TOKEN, LITERAL_PASSWORD)


def test_secrets_never_leave_the_environment(
    tmp_path: Path, http_server: FixtureServer, fork_server: ForkServer
) -> None:
    faults.quiet(http_server.httpd)
    closed = FixtureServer()
    down_port = closed.port
    closed.httpd.server_close()  # nobody listens: a failing target, so errors are written too
    port = http_server.port
    targets = [
        f"json://alice:${{HOOK_PASSWORD}}@127.0.0.1:{port}/hook",
        f"json://127.0.0.1:{port}/hooks/${{HOOK_TOKEN}}",
        f"json://bob:{LITERAL_PASSWORD}@127.0.0.1:{port}/literal",
        f"json://carol:${{HOOK_PASSWORD}}@127.0.0.1:{down_port}/down",
    ]
    db, config = tmp_path / "eewatch.sqlite", tmp_path / "config.toml"
    alert_config(config, http_server.url(FEED_PATH), targets, max_attempts=1)
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{db}", "HOOK_PASSWORD": ENV_PASSWORD, "HOOK_TOKEN": ENV_TOKEN}

    outputs: list[str] = []
    http_server.serve(FEED_PATH, numbered_feed(3))
    baseline = cli_process("scrape", "--once", "-vv", "--config", str(config), env=env, via=fork_server)
    assert baseline.returncode == exitcodes.OK, baseline.stderr
    http_server.serve(FEED_PATH, numbered_feed(4))
    for log_format in ("text", "json"):
        result = cli_process(
            "scrape",
            "--once",
            "-vv",
            "--log-format",
            log_format,
            "--config",
            str(config),
            env=env,
            via=fork_server,
        )
        outputs += [result.stdout, result.stderr]
        if log_format == "text":
            assert result.returncode == exitcodes.DELIVERY, result.stderr  # the target that is down
            assert "DEBUG" in result.stderr  # debug logging really was on
    for args in (("status",), ("status", "--format", "json"), ("outbox",), ("outbox", "--format", "json")):
        result = cli_process(*args, "-vv", "--config", str(config), env=env, via=fork_server)
        assert "Traceback" not in result.stderr, result.stderr
        outputs += [result.stdout, result.stderr]

    # The secrets did travel where they belong: to the receiver.
    auth = {
        hit.path: hit.headers.get("Authorization", "") for hit in http_server.hits if hit.method == "POST"
    }
    assert base64.b64encode(f"alice:{ENV_PASSWORD}".encode()).decode() in auth["/hook"]
    assert f"/hooks/{ENV_TOKEN}" in auth
    assert base64.b64encode(f"bob:{LITERAL_PASSWORD}".encode()).decode() in auth["/literal"]
    shown = " ".join(outputs)
    assert "/down" in shown, "the failing target was not reported"
    assert "****" in shown, "no target label was shown masked: the test did not exercise the display paths"

    files = [p for p in tmp_path.iterdir() if p.name.startswith("eewatch.sqlite")]
    stored = b"".join(p.read_bytes() for p in files)
    for secret in SECRETS:
        for text in outputs:
            assert secret not in text, f"{secret} leaked into the output:\n{text[-2000:]}"
        assert secret.encode() not in stored, f"{secret} is in the database file"


# -- the config file's permissions -------------------------------------------------------


def test_a_world_readable_config_holding_a_secret_is_warned_about(tmp_path: Path) -> None:
    from eewatch.config.secrets import config_file_warnings

    config = tmp_path / "config.toml"
    config.write_text(
        f'[[alerts]]\nname = "me"\nnotify = ["json://bob:{LITERAL_PASSWORD}@127.0.0.1:9/x"]\n',
        encoding="utf-8",
    )
    config.chmod(0o644)
    warnings = config_file_warnings(config)
    assert len(warnings) == 1 and "readable by others" in warnings[0] and "0644" in warnings[0]
    assert LITERAL_PASSWORD not in warnings[0]
    config.chmod(0o600)
    assert config_file_warnings(config) == []


def test_a_readable_config_without_secrets_is_fine(tmp_path: Path) -> None:
    from eewatch.config.secrets import config_file_warnings

    config = tmp_path / "config.toml"
    config.write_text(
        '[[alerts]]\nname = "me"\nnotify = ["json://bob:${HOOK_PASSWORD}@127.0.0.1:9/x", "tag:family"]\n'
        '[feed]\nurl = "https://www.canada.ca/x.json"\n',
        encoding="utf-8",
    )
    config.chmod(0o644)
    assert config_file_warnings(config) == []
