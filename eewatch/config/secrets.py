"""Checks of the config file beyond its values: a secret in a file others can read.

A password written into a URL (``json://bob:PASSWORD@host``, a database URL),
a secret-looking query value (``?token=...``) or a secret-looking key with a
literal value (``password = "..."``) in a file readable by group or others
gives one warning line that names the key, never the secret. A ``${VAR}``
reference is not a secret: its value lives in the environment.

Call :func:`config_file_warnings` once the file is known to parse, and log each
line as a warning.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

_VAR_ONLY = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$")
_SECRET_NAME = re.compile(r"pass|pwd|token|secret|key|auth|sig|cred", re.I)


def config_file_warnings(path: Path) -> list[str]:
    """Warnings about ``path``: readable by others while it holds a literal secret."""
    if os.name != "posix":
        return []
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []  # loading the config reports these
    if not mode & (stat.S_IRGRP | stat.S_IROTH):
        return []
    where = sorted(set(secret_places(data)))
    if not where:
        return []
    return [
        f"{path}: readable by others (mode {mode:04o}) while it holds a secret ({', '.join(where[:5])}): "
        f"chmod 600 {path}, or write the secret as ${{VAR}} and set VAR in the environment"
    ]


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
