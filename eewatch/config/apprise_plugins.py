"""Which URL schemes Apprise knows, without loading its plugins (about 0.3 s) on every run.

The list is kept in the user's cache folder (``apprise-schemes.json``), keyed on the installed
Apprise (its version and package file): a new Apprise, an unreadable cache or a scheme it does not
know loads the plugins once and rewrites it, so a scheme is refused by the plugins, never by a stale
cache. Apprise 2.3 imports ``imghdr``, which warns on Python 3.11-3.12: the plugins load with that
one warning ignored, every other warning still an error.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

from eewatch.config.dirs import user_dir

CACHE_NAME = "apprise-schemes.json"


@cache
def manager() -> Any:
    """Apprise's plugin manager, with every plugin module loaded."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="'imghdr' is deprecated", category=DeprecationWarning)
        from apprise.manager_plugins import NotificationManager

        loaded = NotificationManager()
        loaded.load_modules()
    return loaded


def installed_apprise() -> str | None:
    """What identifies the installed Apprise (version, package file, its size and time); None if absent."""
    from importlib.util import find_spec

    spec = find_spec("apprise")
    if spec is None or not spec.origin:
        return None
    try:
        info = os.stat(spec.origin)
        head = Path(spec.origin).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", head, re.MULTILINE)
    version = found.group(1) if found else "?"
    return f"{version} {spec.origin} {info.st_size} {info.st_mtime_ns}"


class Schemes:
    """``scheme in schemes``: the cached list first; a miss asks the loaded plugins (and refreshes it)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_dir("cache") / CACHE_NAME
        self.key = installed_apprise()
        self.cached = self._read()
        self.loaded: frozenset[str] | None = None

    def __contains__(self, scheme: object) -> bool:
        if not isinstance(scheme, str):
            return False
        if scheme in self.cached:
            return True
        if self.loaded is None:
            self.loaded = frozenset(str(s).lower() for s in manager().schemas())
            self._write(self.loaded)
        return scheme in self.loaded

    def _read(self) -> frozenset[str]:
        if self.key is None:
            return frozenset()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return frozenset()
        schemes = data.get("schemes") if isinstance(data, dict) and data.get("apprise") == self.key else None
        if isinstance(schemes, list) and all(isinstance(s, str) for s in schemes):
            return frozenset(schemes)
        return frozenset()

    def _write(self, schemes: frozenset[str]) -> None:
        """Keep the list for the next run (atomically; a cache that cannot be written is no error)."""
        if self.key is None:
            return
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(
                json.dumps({"apprise": self.key, "schemes": sorted(schemes)}), encoding="utf-8"
            )
            os.replace(temporary, self.path)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


@cache
def schemes() -> Schemes:
    """The schemes Apprise knows, for ``in`` checks (one list per process)."""
    return Schemes()
