"""The eewatch daemon (``python scheduler.py``): placeholder until the daemon lands."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    sys.stderr.write("the daemon is not built yet: run `scrape --once` from cron\n")
    sys.exit(2)
