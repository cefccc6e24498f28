"""CPU of importing ``eewatch.config`` and loading a config, in fresh processes; JSON on stdout.

``python -m bench.config_load [CONFIG] [--runs N]``: each run is a new interpreter that
imports the config package, then loads CONFIG (default: the repo's ``config.toml``),
timing both with ``time.process_time``. Prints the medians in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

_CHILD = """
import json, sys, time
t0 = time.process_time()
import eewatch.config as c
t1 = time.process_time()
c.load_config(sys.argv[1], env={})
t2 = time.process_time()
print(json.dumps({"import_ms": (t1 - t0) * 1000, "load_ms": (t2 - t1) * 1000}))
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.config_load")
    parser.add_argument(
        "config", nargs="?", default=str(Path(__file__).resolve().parent.parent / "config.toml")
    )
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args(argv)
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, args.config], check=True, capture_output=True, text=True
        ).stdout
        runs.append(json.loads(out))
    medians = {key: round(statistics.median(r[key] for r in runs), 1) for key in ("import_ms", "load_ms")}
    total = round(statistics.median(r["import_ms"] + r["load_ms"] for r in runs), 1)
    sys.stdout.write(
        json.dumps({"config": args.config, "runs": args.runs, **medians, "total_ms": total}) + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
