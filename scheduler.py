"""The eewatch daemon: ``python scheduler.py [--config PATH] [-v] [--log-format json]``.

The same as ``eewatch run``; see ``eewatch/app/daemon/service.py`` for how it works.
"""

from __future__ import annotations

import sys

from eewatch.app.cli import main

if __name__ == "__main__":
    sys.exit(main(["run", *sys.argv[1:]]))
