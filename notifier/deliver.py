"""Delivery through Apprise: one ``Apprise()`` per service, results checked per target.

A send counts only when Apprise reports SUCCESS for every service of the
target; ``None``/NOMATCH (nothing loaded, a tag matching nothing), False,
an unloadable URL, a missing ``${VAR}`` or any exception is a failure whose
redacted reason is kept on the outbox row.
"""

from __future__ import annotations

import contextvars
import dataclasses
import logging
import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

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


def send_message(
    target: str,
    message: Message,
    notifications: NotificationSettings,
    env: Mapping[str, str] | None = None,
) -> SendOutcome:
    """Send one message to one configured target (an Apprise URL or ``tag:NAME``)."""
    env = os.environ if env is None else env
    secrets = secret_values(target, env)
    with redacting(secrets):
        try:
            services = _load(target, notifications, env)
        except MissingSecret as exc:
            return SendOutcome(False, str(exc))
        except Exception as exc:
            return SendOutcome(False, redact(f"cannot load the target: {type(exc).__name__}: {exc}", secrets))
        if not services:
            what = (
                "the tag matched no service" if target.startswith("tag:") else "Apprise cannot load this URL"
            )
            return SendOutcome(False, what)
        # What each loaded service holds private (a tag's services are known only now).
        secrets = secrets.union(*(service_secrets(service) for service in services))
        with redacting(secrets):
            results = tuple(_send_one(service, message, notifications, secrets) for service in services)
    failed = [r for r in results if not r.ok]
    if failed:
        if len(results) == 1:  # the target is that service: its label is shown beside the error already
            return SendOutcome(False, failed[0].detail, results)
        return SendOutcome(False, "; ".join(f"{r.label}: {r.detail}" for r in failed), results)
    return SendOutcome(True, None, results)


def _load(target: str, notifications: NotificationSettings, env: Mapping[str, str]) -> list[Any]:
    import apprise

    holder = apprise.Apprise()
    if target.startswith("tag:"):
        if notifications.apprise_config is None:
            raise MissingSecret("tag targets need [notifications] apprise_config")
        config = apprise.AppriseConfig()
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


def _send_one(
    service: Any, message: Message, notifications: NotificationSettings, secrets: set[str]
) -> ServiceResult:
    import apprise
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
            single = apprise.Apprise()
            single.add(service)
            result = single.notify(body=body, title=title, body_format=fmt, timeout=notifications.timeout)
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


def deliver_due(
    store: Store,
    config: Config,
    clock: Clock = utcnow,
    *,
    env: Mapping[str, str] | None = None,
    limit: int = 1000,
    hooks: Hooks | None = None,
) -> DeliveryReport:
    """Send every due outbox row (pending and due, or left ``sending`` by a crash)."""
    settings = config
    notifications = settings.notifications
    hooks = hooks or Hooks()
    report = DeliveryReport()
    for _ in range(limit):
        claimed = outbox.claim(store, clock(), notifications)
        if not claimed:
            break
        row = claimed[0]
        if hooks.before_send:
            hooks.before_send(row)
        target = _target_of(settings, row)
        if target is None:
            outcome = SendOutcome(False, f"rule {row.rule!r} no longer has this target in the config")
        else:
            outcome = send_message(target, row.message, notifications, env)
        if hooks.after_send:
            hooks.after_send(row, outcome)
        now = clock()
        if outcome.ok:
            outbox.record_sent(store, row, now)
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
        report.results.append(
            TargetResult(
                row.id, row.event_id, row.rule, row.target_label, status, row.attempts, outcome.error
            )
        )
    return report


def _target_of(settings: Config, row: outbox.OutboxRow) -> str | None:
    """The configured target of a row: a rule's or a profile's (a row about a profile or a digest
    is found by the first half of its key, :func:`notifier.audience.same_target`)."""
    return configured_targets(settings).get(same_target(row.target_key))
