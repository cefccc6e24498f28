"""A pytest plugin: the skipped tests as one short summary, grouped by reason, with counts.

Without PostgreSQL or Chromium a plain run skips many tests; ``-ra`` would list each
location on a line of its own. This plugin prints, after the run::

    skipped 85 tests, by reason:
      70  PostgreSQL tests need $EEWATCH_TEST_PG_URL (...)
      15  headless Chromium not found (...)

``addopts`` asks pytest for ``-rfEX`` (failures, errors, unexpected passes), not ``s``;
``pytest -rs`` still lists every skip.
"""

from __future__ import annotations

from collections import Counter

import pytest


def skip_reason(report: pytest.TestReport) -> str:
    """The reason a test was skipped, as written to ``pytest.skip`` (no "Skipped: " prefix)."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return str(reason).removeprefix("Skipped: ").strip()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if isinstance(r, pytest.TestReport)]
    if not skipped:
        return
    reasons = Counter(skip_reason(r) for r in skipped)
    terminalreporter.write_sep("-", f"skipped {len(skipped)} tests, by reason")
    width = len(str(max(reasons.values())))
    for reason, count in reasons.most_common():
        terminalreporter.write_line(f"  {count:>{width}}  {reason}")
