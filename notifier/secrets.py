"""Secrets in targets: ``${VAR}`` expansion at send time, labels, hashes and redaction.

A target in the config is an Apprise URL (or ``tag:NAME``) in which
``${VAR}`` stands for a secret held in the environment. The expanded URL
exists only while sending; what is stored or shown is :func:`target_label`
(secrets masked) and :func:`target_key` (a hash of the unexpanded string).
While sending, :func:`redacting` scrubs the secret values from every log
record created in the process (Apprise's plugins and urllib3 log request
URLs at DEBUG, and some services carry their token in the URL path).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from eewatch.config.secrets import SECRET_NAME

MASK = "****"

_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class MissingSecret(Exception):
    """A ``${VAR}`` of a target is not set in the environment (names the variable, never a value)."""


def variables(target: str) -> list[str]:
    """The ``${VAR}`` names a target uses."""
    return _VAR.findall(target)


def expand(target: str, env: Mapping[str, str]) -> str:
    """``target`` with every ``${VAR}`` replaced by its value from ``env``."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if not env.get(name):
            raise MissingSecret(f"environment variable {name} is not set")
        return env[name]

    return _VAR.sub(value, target)


def target_key(target: str) -> str:
    """A stable hash of the configured (unexpanded) target: identifies it in the outbox."""
    return hashlib.sha256(target.encode()).hexdigest()


def secret_values(target: str, env: Mapping[str, str]) -> set[str]:
    """What must never be shown of this target: the values of its ``${VAR}``s, the password and
    secret-looking query values written into the URL, and what Apprise's plugin for it declares
    private (:func:`service_secrets`: tokens, webhook ids, keys), custom headers, payload fields
    and a webhook's path included."""
    found = {env[name] for name in variables(target) if env.get(name)}
    expanded = _VAR.sub(lambda m: env.get(m.group(1), ""), target)
    with contextlib.suppress(ValueError):
        parts = urlsplit(expanded)
        if parts.password:
            found.add(unquote(parts.password))
        for key, value in parse_qsl(parts.query):
            if SECRET_NAME.search(key) and value:
                found.add(value)
    if not target.startswith("tag:"):
        service = _instantiate(expanded)
        if service is not None:
            found |= service_secrets(service)
    return {s for s in found if len(s) >= 3}


#: Apprise's custom arguments: ``+Header=value``, ``:payload_field=value``, ``-query_arg=value``.
_CUSTOM_ARG_PREFIXES = ("+", ":", "-")


def service_secrets(service: Any) -> set[str]:
    """The private values of one loaded Apprise service, by Apprise's own declaration.

    Every plugin lists its URL's parts in ``template_tokens`` and ``template_args``; the
    ones marked ``private: True`` (passwords, tokens, webhook ids and keys: what
    ``url(privacy=True)`` masks) are read from the attribute they map to. A plugin cannot
    know what the user put in a custom header (``+X-Api-Key=...``), payload field
    (``:token=...``) or query argument (``-sig=...``): those values are all private too; so
    are the token-like segments of a custom webhook's path (``json://host/hooks/9f2c...``).
    """
    found: set[str] = set()
    for table in ("template_tokens", "template_args"):
        specs = getattr(service, table, None)
        if not isinstance(specs, Mapping):
            continue
        for key, spec in specs.items():
            if isinstance(spec, Mapping) and spec.get("private"):
                found |= _strings(getattr(service, str(spec.get("map_to", key)), None))
    with contextlib.suppress(Exception):
        query = urlsplit(str(service.url(privacy=False))).query
        for key, value in parse_qsl(query):
            if key.startswith(_CUSTOM_ARG_PREFIXES) and value:
                found.add(value)
    if hasattr(service, "payload_extras"):  # a custom webhook (json://, xml://, form://): its path
        path = str(getattr(service, "fullpath", "") or "")
        found |= {segment for segment in path.split("/") if token_like(segment)}
    return {s for s in found if len(s) >= 3}


#: A word of a name in a URL path: ``hook``, ``Alerts``, ``v1``, ``alerts2026``, ``2026``, ``API``.
_NAME_WORD = re.compile(r"[a-z]+\d{0,4}|[A-Z][a-z]+\d{0,4}|[A-Z]{1,6}\d{0,4}|\d{1,4}")
#: Longer than any word of a name.
_LONGEST_WORD = 24


def token_like(segment: str) -> bool:
    """Is this URL path segment a credential rather than a name? The one rule (docs/alerts.md).

    A name is words (split on ``-``, ``_``, ``.``, ``~``), each lower case, capitalized or a short
    acronym, with at most four digits at its end, or a number of at most four digits:
    ``could-be-invited``, ``stem-or-general``, ``api``, ``v1``, ``alerts2026`` stay readable, so a
    label still says which endpoint it is. Anything else is token-shaped and masked: hex
    (``9f2c1a7b``), letters and digits mixed (``T0K3N``), a UUID, a word over 24 characters.
    """
    words = [w for w in re.split(r"[-_.~]+", unquote(segment)) if w]
    return any(len(w) > _LONGEST_WORD or not _NAME_WORD.fullmatch(w) for w in words)


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value} if value else set()
    if isinstance(value, Mapping):
        return {v for v in value.values() if isinstance(v, str) and v}
    if isinstance(value, list | tuple | set | frozenset):
        return {v for v in value if isinstance(v, str) and v}
    return set()


def _instantiate(url: str) -> Any:
    """Apprise's service for ``url`` (or None), loaded with every piece of the URL masked in logs."""
    import apprise

    pieces = {p for p in re.split(r"[/:@?&=#,;\s]+", url.partition("://")[2]) if len(p) >= 3}
    with redacting(pieces), contextlib.suppress(Exception):
        return apprise.Apprise.instantiate(url) or None
    return None


def redact(text: str, secrets: set[str] | frozenset[str]) -> str:
    """``text`` with every secret (and its URL-quoted form) replaced by ``****``."""
    for secret in sorted(secrets, key=len, reverse=True):
        for form in {secret, quote(secret, safe=""), quote(secret)}:
            if form:
                text = text.replace(form, MASK)
    return text


def target_label(target: str) -> str:
    """The target for people, never a secret: ``mailto://127.0.0.1:8025 (to me@example.com)``,
    ``slack (#ee)``, ``json://127.0.0.1:8080/hook``, ``tag:family``.

    It is made from Apprise's privacy form of the URL (or, where ``${VAR}`` is unexpanded, the URL
    with its password and secret-looking query values masked), less the user, the password and the
    query (Apprise's settings: ``?overflow=upstream&retry=0...``): only ever less than that form.
    """
    if target.startswith("tag:"):
        return target
    return human_label(_masked_url(target))


def _masked_url(target: str) -> str:
    """Apprise's privacy form, or ours where ``${VAR}`` is unexpanded."""
    if "${" not in target:
        service = _instantiate(target)
        if service is not None:
            with contextlib.suppress(Exception):
                return redact(str(service.url(privacy=True)), service_secrets(service))
        return redact(_mask_url(target), secret_values(target, {}))
    # Literal secrets beside ${VAR}s: load the URL with a stand-in per variable, mask what
    # the plugin holds private, except the stand-ins (the ${VAR} names are kept).
    stand_ins = {name: f"eewatchvar{i}x" for i, name in enumerate(variables(target))}
    service = _instantiate(expand(target, stand_ins))
    literal = set()
    if service is not None:
        literal = {s for s in service_secrets(service) if not any(v in s for v in stand_ins.values())}
    return redact(_mask_url(target), literal)


_MAIL_SCHEMES = ("mailto", "mailtos")
_CHANNEL = re.compile(r"^[#@]")


def human_label(label: str) -> str:
    """A masked URL (a label as stored by earlier versions, or Apprise's privacy form) -> the label
    for people; a label already for people is returned as it is. Drops, never adds: the user, the
    password and the query go, but for an email's recipients; Slack shows its channels only."""
    if label.startswith("tag:") or " " in label or "://" not in label:
        return label
    scheme, _, rest = label.partition("://")
    rest, _, query = rest.partition("?")
    netloc, _, path = rest.partition("/")
    host = netloc.rsplit("@", 1)[-1]
    segments = [unquote(s) for s in path.split("/") if s]
    params = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        params[unquote(key).lower()] = unquote(value)
    scheme = scheme.lower()
    if scheme in _MAIL_SCHEMES:
        recipients = [s for s in segments if "@" in s]
        recipients += [r for r in re.split(r"[\s,]+", params.get("to", "")) if r and r not in recipients]
        return f"{scheme}://{host}" + (f" (to {', '.join(recipients)})" if recipients else "")
    if scheme == "slack":
        # The path holds the tokens (masked) and the channels; only the channels say anything.
        channels = [s for s in [*segments, *params.get("to", "").split(",")] if _CHANNEL.match(s.strip())]
        return "slack" + (f" ({', '.join(c.strip() for c in channels)})" if channels else "")
    return f"{scheme}://{host}" + "".join(f"/{quote(s, safe='@${}:*.')}" for s in segments)


def _apprise_privacy_url(url: str) -> str | None:
    import apprise

    with contextlib.suppress(Exception):
        service = apprise.Apprise.instantiate(url)
        if service:
            return str(service.url(privacy=True))
    return None


def _mask_url(target: str) -> str:
    """Mask the password and secret-looking query values; keep ``${VAR}`` names (not secrets)."""
    scheme, sep, rest = target.partition("://")
    if not sep:
        return "(not a URL)"
    query = ""
    if "?" in rest:
        rest, query = rest.split("?", 1)
    if "@" in rest:
        userinfo, host = rest.rsplit("@", 1)
        if ":" in userinfo:
            user, password = userinfo.split(":", 1)
            if not _VAR.fullmatch(password):
                password = MASK
            userinfo = f"{user}:{password}"
        rest = f"{userinfo}@{host}"
    if query:
        pairs = []
        for pair in query.split("&"):
            key, eq, value = pair.partition("=")
            if eq and SECRET_NAME.search(key) and not _VAR.fullmatch(value):
                value = MASK
            pairs.append(f"{key}{eq}{value}")
        rest += "?" + "&".join(pairs)
    return f"{scheme}://{rest}"


# -- log redaction while sending ---------------------------------------------------

_lock = threading.Lock()
_active: Counter[str] = Counter()
_installed = False


def _install_factory() -> None:
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        secrets = frozenset(_active)
        if secrets:
            _scrub(record, secrets)
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


def _scrub(record: logging.LogRecord, secrets: frozenset[str]) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a broken format: keep the raw text only
        message = str(record.msg)
    cleaned = redact(message, secrets)
    if cleaned != message or record.args:
        record.msg, record.args = cleaned, None
    if record.exc_info:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info), secrets)
        record.exc_info = None


@contextlib.contextmanager
def redacting(secrets: set[str] | frozenset[str]) -> Iterator[None]:
    """While inside, every log record created in this process has these secrets masked."""
    with _lock:
        _install_factory()
        _active.update(secrets)
    try:
        yield
    finally:
        with _lock:
            _active.subtract(secrets)
            for secret in [s for s, n in _active.items() if n <= 0]:
                del _active[secret]
