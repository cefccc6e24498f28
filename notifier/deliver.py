"""Delivery through Apprise: one ``Apprise()`` per service, results checked per target.

A send counts only when Apprise reports SUCCESS for every service of the
target; ``None``/NOMATCH (nothing loaded, a tag matching nothing), False,
an unloadable URL, a missing ``${VAR}`` or any exception is a failure whose
redacted reason is kept on the outbox row.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import itertools
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from eewatch.config import Config, NotificationSettings
from eewatch.domain.clock import Clock, utcnow
from eewatch.store.store import Store
from notifier import outbox
from notifier.audience import configured_targets, same_target
from notifier.render import HTML, TEXT, Message, fit
from notifier.secrets import (
    MissingSecret,
    expand,
    human_label,
    redact,
    redacting,
    secret_values,
    service_secrets,
)

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class ServiceResult:
    """What one service (one URL) did with a message; ``label`` has no secret."""

    label: str
    ok: bool
    detail: str


@dataclasses.dataclass(frozen=True)
class SendOutcome:
    """The result of sending one message to one target."""

    ok: bool
    error: str | None = None
    services: tuple[ServiceResult, ...] = ()
    #: The send was still running at the timeout and was left behind (see :func:`bounded`).
    abandoned: bool = False


@dataclasses.dataclass(frozen=True)
class TargetResult:
    """One outbox row's delivery attempt, as reported (no secrets)."""

    outbox_id: int
    event_id: int
    rule: str
    target: str
    status: str
    attempts: int
    error: str | None = None


@dataclasses.dataclass
class DeliveryReport:
    """What one delivery pass did."""

    sent: int = 0
    failed: int = 0
    retrying: int = 0
    results: list[TargetResult] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class Hooks:
    """Test seams around the send (e.g. to kill the process at the worst moment)."""

    #: After the row is committed as ``sending``, before Apprise is called.
    before_send: Callable[[outbox.OutboxRow], None] | None = None
    #: After Apprise returned, before the result is recorded.
    after_send: Callable[[outbox.OutboxRow, SendOutcome], None] | None = None


@dataclasses.dataclass(frozen=True)
class Loaded:
    """One configured target, loaded: its Apprise services (None if it cannot load) and its secrets."""

    services: tuple[Any, ...] | None
    secrets: frozenset[str]
    error: str | None = None
    #: One ``Apprise`` holding each service, made once and reused for every send.
    holders: tuple[Any, ...] = ()


def load_target(target: str, notifications: NotificationSettings, env: Mapping[str, str]) -> Loaded:
    """Parse a target once (an Apprise URL or ``tag:NAME``) into the services a send reuses."""
    secrets = secret_values(target, env)
    with redacting(secrets):
        try:
            services = _load(target, notifications, env)
        except MissingSecret as exc:
            return Loaded(None, frozenset(secrets), str(exc))
        except Exception as exc:
            error = redact(f"cannot load the target: {type(exc).__name__}: {exc}", secrets)
            return Loaded(None, frozenset(secrets), error)
        if not services:
            what = (
                "the tag matched no service" if target.startswith("tag:") else "Apprise cannot load this URL"
            )
            return Loaded(None, frozenset(secrets), what)
        # What each loaded service holds private (a tag's services are known only now).
        secrets = secrets.union(*(service_secrets(service) for service in services))
    import apprise

    holders = []
    for service in services:
        _bound_service(service, notifications.timeout)
        holder = apprise.Apprise(asset=service.asset)
        holder.add(service)
        holders.append(holder)
    return Loaded(tuple(services), frozenset(secrets), None, tuple(holders))


def _bound_service(service: Any, timeout: float) -> None:
    """``[notifications] timeout`` governs the service's connect and read timeouts (Apprise's own: 4 s),

    and the send runs in the caller's thread: no Apprise worker pool (whose threads a process
    waits for at exit), no Apprise deadline (eewatch bounds the whole send, see :func:`bounded`).
    """
    service.socket_connect_timeout = float(timeout)
    service.socket_read_timeout = float(timeout)
    asset = getattr(service, "asset", None)
    if asset is not None:
        asset.async_mode = False
        asset._service_timeout = 0


def send_loaded(loaded: Loaded, message: Message, notifications: NotificationSettings) -> SendOutcome:
    """Send one message through a loaded target's services."""
    if loaded.services is None:
        return SendOutcome(False, loaded.error)
    with redacting(loaded.secrets):
        results = tuple(
            _send_one(service, holder, message, set(loaded.secrets))
            for service, holder in zip(loaded.services, loaded.holders, strict=True)
        )
    failed = [r for r in results if not r.ok]
    if failed:
        if len(results) == 1:  # the target is that service: its label is shown beside the error already
            return SendOutcome(False, failed[0].detail, results)
        return SendOutcome(False, "; ".join(f"{r.label}: {r.detail}" for r in failed), results)
    return SendOutcome(True, None, results)


#: A send still running this long after ``[notifications] timeout`` is abandoned.
ABANDON_GRACE = 1.0


def bounded(send: Callable[[], SendOutcome], timeout: float) -> SendOutcome:
    """Run ``send`` in a daemon thread; past ``timeout`` (+ a grace) it is abandoned as a failure.

    A webhook that answers a byte a second never trips a read timeout; the thread left
    sending is a daemon, so it never keeps the process from exiting.
    """
    box: list[SendOutcome] = []

    def run() -> None:
        try:
            box.append(send())
        except BaseException as exc:  # never lose the failure
            box.append(SendOutcome(False, f"{type(exc).__name__} while sending"))

    context = contextvars.copy_context()
    thread = threading.Thread(target=context.run, args=(run,), name="eewatch-send", daemon=True)
    thread.start()
    thread.join(timeout + ABANDON_GRACE)
    if not box:
        return SendOutcome(
            False,
            f"no complete answer within [notifications] timeout ({timeout:g} s): send abandoned",
            abandoned=True,
        )
    return box[0]


def send_message(
    target: str,
    message: Message,
    notifications: NotificationSettings,
    env: Mapping[str, str] | None = None,
) -> SendOutcome:
    """Send one message to one configured target (an Apprise URL or ``tag:NAME``)."""
    env = os.environ if env is None else env
    return bounded(
        lambda: send_loaded(load_target(target, notifications, env), message, notifications),
        notifications.timeout,
    )


def _load(target: str, notifications: NotificationSettings, env: Mapping[str, str]) -> list[Any]:
    import apprise

    holder = apprise.Apprise(asset=apprise.AppriseAsset(async_mode=False, service_timeout=0))
    if target.startswith("tag:"):
        if notifications.apprise_config is None:
            raise MissingSecret("tag targets need [notifications] apprise_config")
        config = apprise.AppriseConfig(asset=holder.asset)
        if not config.add(str(notifications.apprise_config)):
            raise ValueError(f"cannot read Apprise config {notifications.apprise_config}")
        holder.add(config)
        return list(holder.find(tag=target[4:], match_always=False))
    if not holder.add(expand(target, env)):
        return []
    return list(holder)


# -- the text part of an HTML email ------------------------------------------------------
#
# Apprise's email plugin sends HTML as multipart/alternative and derives the text/plain part
# from the HTML itself (link targets lost, lines indented). The message has a text body of its
# own, complete: while one HTML message is sent, the email plugin's HTML -> text conversion of
# exactly that HTML returns our text instead. A context variable carries it (Apprise copies the
# context into its worker threads); any other conversion goes to Apprise's own converter.

_PLAIN_TEXT: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar(
    "eewatch_plain_text", default=None
)
_hook_lock = threading.Lock()


def _install_text_part_hook() -> bool:
    """Route the email plugin's HTML -> text conversion through :data:`_PLAIN_TEXT`; False if
    this Apprise has no such conversion (its own text part is sent then)."""
    try:
        from apprise.plugins.email import base as email_base
    except ImportError:
        return False
    with _hook_lock:
        original = getattr(email_base, "convert_between", None)
        if original is None:
            return False
        if getattr(original, "eewatch_text_part", False):
            return True

        def convert_between(from_format: Any, to_format: Any, content: str) -> Any:
            ours = _PLAIN_TEXT.get()
            target = getattr(to_format, "value", to_format)
            if ours is not None and target == TEXT and content == ours[0]:
                return ours[1]
            return original(from_format, to_format, content)

        convert_between.eewatch_text_part = True  # type: ignore[attr-defined]
        email_base.convert_between = convert_between
    return True


def _send_one(service: Any, holder: Any, message: Message, secrets: set[str]) -> ServiceResult:
    """One service's send, through its reused ``Apprise`` ``holder``."""
    from apprise.result import AppriseResultStatus

    label = human_label(redact(str(service.url(privacy=True)), secrets))
    try:
        resolve = getattr(service, "resolve_format", None)
        preferred = resolve(None) if resolve else service.notify_format
        fmt = getattr(preferred, "value", str(preferred) or TEXT)
        title_max, body_max = int(service.title_maxlen), int(service.body_maxlen)
        title, body, fmt = fit(message, fmt, title_max, body_max)
        # An email's text part: our text, fitted the same way (not text made from the HTML).
        plain = (body, fit(message, TEXT, title_max, body_max)[1]) if fmt == HTML else None
        if plain is not None:
            _install_text_part_hook()
        token = _PLAIN_TEXT.set(plain)
        try:
            result = holder.notify(body=body, title=title, body_format=fmt)
        finally:
            _PLAIN_TEXT.reset(token)
    except Exception as exc:
        return ServiceResult(label, False, redact(f"{type(exc).__name__}: {exc}", secrets))
    if result is None:
        return ServiceResult(label, False, "nothing was notified (no service matched)")
    status = getattr(result, "status", None)
    if status == AppriseResultStatus.NOMATCH:
        return ServiceResult(label, False, "nothing was notified (no service matched)")
    if not result:
        try:
            why = _why(result)
        except Exception as exc:  # never lose the failure over its explanation
            why = f"FAILURE ({type(exc).__name__} reading Apprise's result)"
        return ServiceResult(label, False, redact(why, secrets))
    return ServiceResult(label, True, "sent")


def _why(result: Any) -> str:
    """The failure's status and the last warnings Apprise captured."""
    status = getattr(getattr(result, "status", None), "name", "FAILURE")
    messages: list[str] = []
    logs = getattr(result, "logs", None)
    if callable(logs):
        for entry in logs():
            level = getattr(entry, "level", 0)
            if isinstance(level, str):
                level = logging.getLevelName(level.upper())
            text = str(getattr(entry, "message", ""))
            if isinstance(level, int) and level >= logging.WARNING and text and text not in messages:
                messages.append(text)
    return f"{status}: " + (" | ".join(messages[-3:]) or "the service did not accept the message")


#: Sends running at once in one delivery pass, and at most this many to one host.
WORKERS = 16
PER_HOST = 8
#: Outbox rows claimed (committed ``sending``) per transaction.
CLAIM_BATCH = 50


def deliver_due(
    store: Store,
    config: Config,
    clock: Clock = utcnow,
    *,
    env: Mapping[str, str] | None = None,
    limit: int | None = None,
    hooks: Hooks | None = None,
) -> DeliveryReport:
    """Send every due outbox row (pending and due, or left ``sending`` by a crash).

    Rows are claimed :data:`CLAIM_BATCH` at a time, each batch committed ``sending``
    before any of it is sent; sent concurrently (:data:`WORKERS` threads, at most
    :data:`PER_HOST` to one host, one target's rows one after another, each target
    parsed once and its Apprise object reused); each result is recorded by this thread
    as it arrives. A row this pass attempted waits for the next pass even if its retry
    is due at once. ``limit``: at most this many rows (None: every due row).
    """
    notifications = config.notifications
    hooks = hooks or Hooks()
    report = DeliveryReport()
    targets = _Targets(config, notifications, os.environ if env is None else env)
    after = 0
    while limit is None or len(report.results) < limit:
        size = CLAIM_BATCH if limit is None else min(CLAIM_BATCH, limit - len(report.results))
        claimed = outbox.claim(store, clock(), notifications, limit=size, after_id=after)
        if not claimed:
            break
        after = max(row.id for row in claimed)
        for results in _send_all(claimed, targets, notifications, hooks):
            for row, outcome in results:
                if hooks.after_send:
                    hooks.after_send(row, outcome)
            _record(store, results, clock(), notifications, report)
    return report


class _Targets:
    """The configured targets (the rules' and the profiles'), each loaded on first use and reused.

    A row about a profile or a digest is found by the first half of its key
    (:func:`notifier.audience.same_target`), and shares its target's lane and loaded services.
    """

    def __init__(self, config: Config, notifications: NotificationSettings, env: Mapping[str, str]) -> None:
        self.by_key = configured_targets(config)
        self.notifications = notifications
        self.env = env
        self.loaded: dict[str, Loaded] = {}

    def target(self, row: outbox.OutboxRow) -> str | None:
        return self.by_key.get(same_target(row.target_key))

    def send(self, row: outbox.OutboxRow) -> SendOutcome:
        """Send ``row`` (only ever one row of a target at a time: its lane's worker)."""
        target = self.target(row)
        if target is None:
            return SendOutcome(False, f"rule {row.rule!r} no longer has this target in the config")

        def send() -> SendOutcome:
            loaded = self.loaded.get(same_target(row.target_key))
            if loaded is None:
                key = same_target(row.target_key)
                loaded = self.loaded[key] = load_target(target, self.notifications, self.env)
            return send_loaded(loaded, row.message, self.notifications)

        outcome = bounded(send, self.notifications.timeout)
        if outcome.abandoned:
            # The abandoned send may still be using this target's Apprise object: the next row
            # of the target gets a fresh one.
            self.loaded.pop(same_target(row.target_key), None)
        return outcome


def _host(target: str | None) -> str:
    """Where a target sends (its URL's host), for the per-host bound; never shown."""
    if target is None or target.startswith("tag:"):
        return target or ""
    try:
        return urlsplit(target).hostname or target.split("://", 1)[0]
    except ValueError:
        return target.split("://", 1)[0]


def _send_all(
    rows: list[outbox.OutboxRow], targets: _Targets, notifications: NotificationSettings, hooks: Hooks
) -> Iterator[list[tuple[outbox.OutboxRow, SendOutcome]]]:
    """Send ``rows`` on worker threads; yield the (row, outcome) pairs completed since the last yield."""
    lanes: dict[str, list[outbox.OutboxRow]] = {}
    for row in rows:
        lanes.setdefault(same_target(row.target_key), []).append(row)
    by_host: dict[str, list[list[outbox.OutboxRow]]] = {}
    for lane in lanes.values():
        by_host.setdefault(_host(targets.target(lane[0])), []).append(lane)
    # Hosts taken in turn, so one busy host's lanes do not hold every worker.
    order: queue.SimpleQueue[list[outbox.OutboxRow]] = queue.SimpleQueue()
    for round_ in itertools.zip_longest(*by_host.values()):
        for lane in round_:
            if lane is not None:
                order.put(lane)
    slots = {host: threading.BoundedSemaphore(PER_HOST) for host in by_host}
    done: queue.SimpleQueue[tuple[outbox.OutboxRow, SendOutcome]] = queue.SimpleQueue()

    def work() -> None:
        while True:
            try:
                lane = order.get_nowait()
            except queue.Empty:
                return
            host = _host(targets.target(lane[0]))
            for row in lane:
                try:
                    with slots[host]:
                        if hooks.before_send:
                            hooks.before_send(row)
                        outcome = targets.send(row)
                except Exception as exc:  # never leave a row without an outcome
                    outcome = SendOutcome(False, f"{type(exc).__name__} while sending")
                done.put((row, outcome))

    for _ in range(min(WORKERS, len(lanes))):
        threading.Thread(target=work, name="eewatch-delivery", daemon=True).start()
    left = len(rows)
    while left:
        arrived = [done.get()]  # wait for one, then take every other result already there
        while len(arrived) < left:
            try:
                arrived.append(done.get_nowait())
            except queue.Empty:
                break
        left -= len(arrived)
        yield arrived


def _record(
    store: Store,
    results: list[tuple[outbox.OutboxRow, SendOutcome]],
    now: dt.datetime,
    notifications: NotificationSettings,
    report: DeliveryReport,
) -> None:
    """Record sends: the successes in one transaction, each failure in its own (retry, or failed)."""
    outbox.record_sent_many(store, [row for row, outcome in results if outcome.ok], now)
    for row, outcome in results:
        if outcome.ok:
            status = outbox.SENT
            report.sent += 1
            log.info("alert sent: rule %s, event %s -> %s", row.rule, row.event_id, row.target_label)
        else:
            error = outcome.error or "failed"
            status = outbox.record_failure(store, row, now, error, notifications)
            if status == outbox.FAILED:
                report.failed += 1
                log.error(
                    "alert FAILED for good after %d attempts: rule %s -> %s: %s",
                    row.attempts,
                    row.rule,
                    row.target_label,
                    error,
                )
            else:
                report.retrying += 1
                log.warning(
                    "alert not delivered (attempt %d, will retry): rule %s -> %s: %s",
                    row.attempts,
                    row.rule,
                    row.target_label,
                    error,
                )
        label, attempts = row.target_label, row.attempts
        report.results.append(
            TargetResult(row.id, row.event_id, row.rule, label, status, attempts, outcome.error)
        )
