"""Checks of the config file beyond its values: who may read it, who may write it, where ``${VAR}`` is.

A literal secret (a password in a URL, ``?token=...``, ``password = "..."``) in a file group or
others may read, or a secret or a ``${VAR}`` in one they may write (whoever edits it can send any
environment variable to any host), gives one warning line naming the key, never the secret:
:func:`config_file_warnings`, called once the file parses. ``${VAR}`` is expanded in ``[[alerts]]
notify`` targets only, at send time (notifier/secrets.py); anywhere else loading refuses it
(:func:`refuse_misplaced_variables`). Why: docs/alerts.md, "Secrets".
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
#: A key or query parameter whose value is a secret (the notifier masks the same names in what it logs).
SECRET_NAME = re.compile(r"pass|pwd|token|secret|key|auth|sig|cred", re.I)


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
    variables = any(_ANY_VAR.search(text) for *_, text in _strings(data))
    warnings = []
    if mode & (stat.S_IWGRP | stat.S_IWOTH) and (where or variables):
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


def _strings(
    data: Any, label: str = "", keys: tuple[str | int, ...] = ()
) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """Every string in the TOML ``data``: its key as the loader names it (``[[alerts]] me title``),
    the keys (and list indexes) leading to it, the string."""
    if isinstance(data, dict):
        for key, item in data.items():
            array = not label and key in ("alerts", "sources", "profiles")
            inner = f"{label} {key}".strip() if label else f"[[{key}]]" if array else f"[{key}]"
            yield from _strings(item, inner, (*keys, key))
    elif isinstance(data, list):
        for index, item in enumerate(data, start=1):
            name = item.get("name") if isinstance(item, dict) else None
            if label == "[[profiles]]":  # a profile's name is a person's: its number only
                name = f"#{index}"
            yield from _strings(item, f"{label} {name}" if isinstance(name, str) else label, (*keys, index))
    elif isinstance(data, str):
        yield label, keys, data


def misplaced_variables(data: Mapping[str, Any]) -> Iterator[str]:
    """The keys outside ``[[alerts]] notify`` whose values hold a ``${VAR}`` (never expanded there)."""
    from eewatch.config.values import TEMPLATE_FIELDS

    for label, keys, text in _strings(data):
        names = _ANY_VAR.findall(text)
        if keys[0] == "alerts" and "notify" in keys:
            continue
        if keys[0] == "alerts" and keys[-1] in ("title", "body"):  # ${crs}: a $ before a placeholder
            names = [name for name in names if name not in TEMPLATE_FIELDS]
        if names:
            yield label


def refuse_misplaced_variables(data: Mapping[str, Any], where: str) -> None:
    """A ``${VAR}`` outside ``[[alerts]] notify`` is a :class:`ConfigError` naming the key."""
    for label in misplaced_variables(data):
        database = label.startswith("[database]")
        hint = "; for a database password set $EEWATCH_DATABASE_URL instead" if database else ""
        raise ConfigError(
            f"{where}: {label}: ${{...}} is read from the environment only in [[alerts]] notify "
            f"targets; write the value itself here{hint}"
        )


def secret_places(data: Mapping[str, Any]) -> Iterator[str]:
    """The keys (``[[alerts]] me notify``, ``[database] url``) whose values hold a literal secret."""
    for label, keys, text in _strings(data):
        named = isinstance(keys[-1], str) and SECRET_NAME.search(keys[-1])
        if (named and _literal(text)) or _url_secret(text):
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
    return any(SECRET_NAME.search(key) and _literal(item) for key, item in query)
