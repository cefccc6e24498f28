"""A pytest plugin: count the ``hostile`` scenarios and what they lost; print one summary line.

A test marked ``hostile`` is one scenario, unless it reports trials of its own
(``record_property("hostile_trials", n)`` and ``record_property("hostile_trials_passed", m)``,
e.g. the crash-consistency test's kills). Losses are what the tests measured,
reported with ``record_property``: ``hostile_rounds_lost``, ``hostile_alerts_duplicated``,
``hostile_alerts_lost`` (integers). A scenario that failed before it could
measure shows up as failed, never as "nothing lost".

Load it with ``pytest_plugins = ["tests.support.hostile_summary"]`` in
``tests/conftest.py`` (or ``-p tests.support.hostile_summary``). It registers the
``hostile`` marker itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

MARKER = "hostile"
COUNTERS = ("rounds_lost", "alerts_duplicated", "alerts_lost")


@dataclass
class Tally:
    """What the hostile scenarios of one session did."""

    tried: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    rounds_lost: int = 0
    alerts_duplicated: int = 0
    alerts_lost: int = 0

    def line(self) -> str:
        skipped = f" ({self.skipped} skipped)" if self.skipped else ""
        return (
            f"hostile: {self.tried} scenarios tried, {self.passed} passed{skipped}, "
            f"{self.rounds_lost} rounds lost, {self.alerts_duplicated} alerts duplicated, "
            f"{self.alerts_lost} alerts lost"
        )

    def add(self, report: pytest.TestReport) -> None:
        """Count one test phase's report (only the phase that decides the outcome counts)."""
        if report.skipped and report.when in ("setup", "call"):
            self.skipped += 1
            return
        if report.when == "setup" and report.failed:
            self.tried += 1
            self.failed += 1
            return
        if report.when != "call":
            return
        props = {name: value for name, value in report.user_properties if name.startswith("hostile_")}
        trials = props.get("hostile_trials")
        if isinstance(trials, int) and trials > 0:
            passed = int(props.get("hostile_trials_passed", trials if report.passed else 0))
            if report.failed:
                passed = min(passed, trials - 1)
            self.tried += trials
            self.passed += passed
            self.failed += trials - passed
        else:
            self.tried += 1
            self.passed += int(report.passed)
            self.failed += int(report.failed)
        for counter in COUNTERS:
            value = props.get(f"hostile_{counter}")
            if isinstance(value, int):
                setattr(self, counter, getattr(self, counter) + value)


class HostileSummary:
    """The plugin object: one :class:`Tally` per session."""

    def __init__(self) -> None:
        self.tally = Tally()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if MARKER in report.keywords:
            self.tally.add(report)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.tally.tried + self.tally.skipped == 0:
            return
        terminalreporter.write_sep("=", "hostile summary")
        terminalreporter.write_line(self.tally.line())


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}: fault injection, crash consistency, fuzzing and secrets (pytest -m hostile)"
    )
    if not config.pluginmanager.has_plugin("hostile-summary"):
        config.pluginmanager.register(HostileSummary(), "hostile-summary")
