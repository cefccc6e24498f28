"""One alert pass (``notifier.run.run_alerts``) on a prepared database, timed; JSON on stdout.

Run by the fan-out bench as a child when the daemon does not send alerts itself:
``python -m bench.alert_pass CONFIG``.
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> int:
    from eewatch.config import load_config
    from eewatch.store.store import Store
    from notifier.run import run_alerts

    config = load_config(argv[0])
    store = Store.open(config.database.url)
    try:
        started = time.monotonic()
        report = run_alerts(store, config)
        seconds = time.monotonic() - started
    finally:
        store.close()
    sys.stdout.write(json.dumps({"seconds": seconds, "sent": report.sent, "failed": report.failed}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
