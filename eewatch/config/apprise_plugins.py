"""Load Apprise's plugins once, quietly.

Apprise 2.3's PGP support imports ``imghdr``, which warns (DeprecationWarning)
on Python 3.11-3.12; with warnings as errors that would break the first
lookup of any scheme. Loading the plugins here, with that one warning
ignored, keeps every other warning an error.
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Any


@cache
def plugins() -> Any:
    """Apprise's plugin manager, with every plugin module loaded."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="'imghdr' is deprecated", category=DeprecationWarning)
        from apprise.manager_plugins import NotificationManager

        manager = NotificationManager()
        manager.load_modules()
    return manager
