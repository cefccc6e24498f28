"""eewatch's folders in the user's home: data (the default database) and cache (Apprise's schemes)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["user_dir"]

_XDG = {"data": ("XDG_DATA_HOME", "~/.local/share"), "cache": ("XDG_CACHE_HOME", "~/.cache")}


def user_dir(kind: str) -> Path:
    """eewatch's folder for the user's ``data`` or ``cache``, as platformdirs names it.

    On Linux, the XDG rule platformdirs applies, without importing it (a cron run's
    start-up; tests/test_apprise_schemes.py compares the two); elsewhere, platformdirs.
    """
    if sys.platform == "linux":
        variable, fallback = _XDG[kind]
        base = os.environ.get(variable, "")
        return Path(base if base.strip() else os.path.expanduser(fallback)) / "eewatch"
    import platformdirs

    folder = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
    return Path(folder("eewatch"))
