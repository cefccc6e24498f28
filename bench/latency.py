"""3. Detection latency: the served copy gains a round; time until the alert arrives.

Measured from the moment the daemon's next scheduled poll reaches the server
(so the wait for the schedule is left out) to the moment the alert reaches a
local SMTP server and a local webhook. If the daemon sends no alert (alerts
not wired in yet), the end point is the ``new_round`` event row instead, and
the figure says so.
"""

from __future__ import annotations

import random
import time

from bench import feeds
from bench.context import Context
from bench.daemon import DaemonProcess, wait_until, write_config
from bench.report import Figure, median, under
from bench.servers import FeedServer, SMTPSink, WebhookServer

NAME = "latency"
SECTION = "3 detection latency"
#: How long the first sample waits for an alert before concluding alerts are not wired.
ALERT_PROBE = 8.0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def alerts_section(targets: list[str], name: str = "bench") -> str:
    quoted = ", ".join(f'"{t}"' for t in targets)
    return f'[[alerts]]\nname = "{name}"\nnotify = [{quoted}]\nevents = ["new_round"]\n'


def run(ctx: Context) -> list[Figure]:
    samples = 6 if ctx.quick else 20
    base = feeds.copy(feeds.NEWEST)
    event_lat: list[float] = []
    smtp_lat: list[float] = []
    hook_lat: list[float] = []
    waits: list[float] = []
    wired = True
    rng = random.Random(7)
    with FeedServer(base) as server, WebhookServer() as hooks:
        smtp = SMTPSink().start()
        try:
            extra = alerts_section([smtp.mailto(), f"json://127.0.0.1:{hooks.port}/hook"])
            config = write_config(ctx.folder("latency"), server.url("/ee.json"), every="1s", extra=extra)
            with DaemonProcess(config) as daemon:
                wait_until(lambda: daemon.scalar("select count(*) from heartbeats"), 60, "the backfill poll")
                for index in range(samples):
                    time.sleep(rng.uniform(0.0, 1.0))  # change at a random point of the schedule
                    round_id = str(1000 + index)
                    n_smtp, n_hooks = len(smtp.arrivals), len(hooks.posts)
                    changed_at = time.monotonic()
                    body_id = server.set_body(feeds.with_new_rounds(base, index + 1, 1000))
                    poll = server.first_with(body_id, 30)
                    seen = wait_until(
                        lambda rid=round_id: daemon.scalar(
                            "select 1 from events where kind = 'new_round' and round_id = ?", rid
                        ),
                        30,
                        f"the new_round event of round {round_id}",
                        interval=0.002,
                    )
                    event_at = time.monotonic() if seen else None
                    waits.append(poll.at - changed_at)
                    event_lat.append(event_at - poll.at)
                    if wired:
                        probe = ALERT_PROBE if index == 0 else 30
                        mail_at = smtp.wait_after(n_smtp, probe)
                        hook_at = hooks.wait_paths({"/hook"}, n_hooks, probe if mail_at is None else 30)
                        if mail_at is None and hook_at is None:
                            wired = False
                            ctx.note(
                                "detection latency: the daemon sent no alert within "
                                f"{ALERT_PROBE:.0f}s of a new round (alerts not wired into the daemon); "
                                "measured to the new_round event row instead"
                            )
                        else:
                            if mail_at is not None:
                                smtp_lat.append(mail_at - poll.at)
                            if hook_at is not None:
                                hook_lat.append(hook_at - poll.at)
                    ctx.say(f"latency sample {index + 1}/{samples}: event {event_lat[-1] * 1000:.0f} ms")
        finally:
            smtp.stop()
    note = f"n={samples}; from the poll's request to"
    figures = []
    if smtp_lat:
        figures.append(under(SECTION, "p95 to SMTP (aiosmtpd)", p95(smtp_lat), "s", 1.0, f"{note} the mail"))
        figures.append(Figure(SECTION, "median to SMTP", median(smtp_lat), "s"))
    if hook_lat:
        figures.append(
            under(SECTION, "p95 to webhook (json://)", p95(hook_lat), "s", 1.0, f"{note} the POST")
        )
        figures.append(Figure(SECTION, "median to webhook", median(hook_lat), "s"))
    if not (smtp_lat or hook_lat):
        figures.append(
            under(
                SECTION,
                "p95 to new_round EVENT ROW",
                p95(event_lat),
                "s",
                1.0,
                f"{note} the event row: NOT the alert (alerts not wired in the daemon)",
            )
        )
    else:
        figures.append(
            Figure(SECTION, "p95 to new_round event row", p95(event_lat), "s", note=f"n={samples}")
        )
    figures.append(Figure(SECTION, "median to new_round event row", median(event_lat), "s"))
    figures.append(Figure(SECTION, "wait for the next poll (excluded)", median(waits), "s", note="median"))
    return figures
