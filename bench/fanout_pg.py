"""Several deliverers on one PostgreSQL outbox: a likely_invited fan-out to a slow webhook.

``python -m bench.fanout_pg [--pg URL] [--messages N] [--workers 1,2,4] [--delay-ms 50]``
(``--pg`` defaults to ``$EEWATCH_TEST_PG_URL``) prints JSON. A fresh database gets round #422 and
N profiles the round invited, each with its own ``json://`` path on one local webhook that answers
each POST after ``--delay-ms``; one ``to_profiles`` rule makes N outbox rows. Then, for each worker
count W, the rows are made due again and W processes (``python -m bench.fanout_pg --deliver
CONFIG``: what a daemon's retry job runs, ``notifier.deliver.deliver_due``) deliver them together,
claiming rows with ``FOR UPDATE SKIP LOCKED``. The figure is the wall time until every process
ended; "exactly once" means every path got one POST and none got two.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.servers import WebhookServer, _HookHandler

ROOT = Path(__file__).resolve().parent.parent


class _SlowHandler(_HookHandler):
    delay = 0.05

    def do_POST(self) -> None:
        time.sleep(self.delay)
        super().do_POST()


class SlowWebhook(WebhookServer):
    handler = _SlowHandler


def _database(server_url: str) -> tuple[str, Any, str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"eewatch_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(server_url).set(database=name).render_as_string(hide_password=False), admin, name


def prepare(folder: Path, url: str, messages: int, port: int) -> Path:
    from bench.profiles import NOW, copy_of
    from eewatch.config import load_config
    from eewatch.domain.fetches import CHANGED, FeedFetch
    from eewatch.store.store import Store
    from notifier import outbox
    from scraper.parsing.feed import parse_feed

    rows = ["name,crs,programs,noc,submitted_at,notify"]
    rows += [
        f"p{n:05d},600,FSW,31301,2026-01-01T00:00:00Z,json://127.0.0.1:{port}/p{n:05d}"
        for n in range(messages)
    ]
    (folder / "clients.csv").write_text("\n".join(rows) + "\n")
    config_path = folder / "config.toml"
    config_path.write_text(
        f'[database]\nurl = "{url}"\n\n[roster]\ncsv = "clients.csv"\n\n[notifications]\ntimeout = 30\n\n'
        '[[alerts]]\nname = "clients"\nevents = ["likely_invited"]\nprofiles = "*"\nto_profiles = true\n'
    )
    config = load_config(config_path, env={})
    numbers = {r["drawNumber"] for r in json.loads(copy_of(None))["rounds"]}
    with Store.open(url) as store:
        base = parse_feed(copy_of(numbers - {"422"}))
        store.record_feed_fetch(FeedFetch(url="bench", outcome=CHANGED, parsed=base, body_sha256="a"))
        outbox.enqueue(store, config, NOW)
        store.record_feed_fetch(
            FeedFetch(url="bench", outcome=CHANGED, parsed=parse_feed(copy_of(None)), body_sha256="b")
        )
        made = outbox.enqueue(store, config, NOW)
    if made.enqueued != messages:
        raise SystemExit(f"expected {messages} outbox rows, got {made.enqueued}")
    return config_path


def reset(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE alert_outbox SET status = 'pending', attempts = 0, sent_at = NULL, "
                "last_attempt_at = NULL, last_error = NULL, next_attempt_at = now() - interval '1 hour'"
            )
        )
    engine.dispose()


def deliver(config_path: str) -> int:
    """One worker: deliver due rows until none is left (a daemon's retry job, run to the end)."""
    from eewatch.config import load_config
    from eewatch.store.store import Store
    from notifier.deliver import deliver_due

    config = load_config(config_path, env={})
    sent = 0
    with Store.open(config.database.url) as store:
        while True:
            report = deliver_due(store, config, limit=100_000)
            sent += report.sent
            if not report.results:
                break
    sys.stdout.write(json.dumps({"sent": sent}) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fanout_pg", description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("EEWATCH_TEST_PG_URL"))
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--delay-ms", type=float, default=50.0)
    parser.add_argument("--deliver", metavar="CONFIG", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.deliver:
        return deliver(args.deliver)
    if not args.pg:
        parser.error("give --pg URL or set $EEWATCH_TEST_PG_URL")
    _SlowHandler.delay = args.delay_ms / 1000
    url, admin, name = _database(args.pg)
    figures: dict[str, Any] = {"messages": args.messages, "delay_ms": args.delay_ms, "runs": []}
    try:
        with SlowWebhook() as hooks, tempfile.TemporaryDirectory() as tmp:
            config = prepare(Path(tmp), url, args.messages, hooks.port)
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            for workers in (int(w) for w in args.workers.split(",")):
                reset(url)
                with hooks.lock:
                    hooks.posts.clear()
                started = time.monotonic()
                children = [
                    subprocess.Popen(
                        [sys.executable, "-m", "bench.fanout_pg", "--deliver", str(config)],
                        stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL,
                        text=True,
                        env=env,
                        cwd=ROOT,
                    )
                    for _ in range(workers)
                ]
                sent = [json.loads(child.communicate()[0] or "{}").get("sent", 0) for child in children]
                seconds = time.monotonic() - started
                with hooks.lock:
                    paths = [path for _, path, _ in hooks.posts]
                once = len(paths) == args.messages and len(set(paths)) == args.messages
                figures["runs"].append(
                    {"workers": workers, "seconds": round(seconds, 2), "posts": len(paths),
                     "distinct": len(set(paths)), "sent_per_worker": sent, "exactly_once": once}
                )  # fmt: skip
                sys.stderr.write(f"{workers} worker(s): {seconds:.1f} s, {len(paths)} POSTs, once={once}\n")
    finally:
        from sqlalchemy import text

        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    one = next((r["seconds"] for r in figures["runs"] if r["workers"] == 1), None)
    for run in figures["runs"]:
        run["speedup"] = round(one / run["seconds"], 2) if one else None
    sys.stdout.write(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
