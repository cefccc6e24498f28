"""The deploy/ files: systemd units verified by systemd-analyze, cron lines parsed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from apscheduler.triggers.cron import CronTrigger

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
UNITS = ("eewatch.service", "eewatch-scrape.service", "eewatch-scrape.timer")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_units_verify(tmp_path: Path) -> None:
    bindir = Path(sys.executable).parent
    for name in UNITS:
        text = (DEPLOY / name).read_text().replace("/opt/eewatch/.venv/bin", str(bindir))
        (tmp_path / name).write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / n) for n in UNITS)],
        capture_output=True,
        text=True,
        check=False,
    )
    problems = [line for line in result.stderr.splitlines() if "eewatch" in line]
    assert result.returncode == 0 and not problems, result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_timer_calendars_parse() -> None:
    calendars = re.findall(r"^OnCalendar=(.+)$", (DEPLOY / "eewatch-scrape.timer").read_text(), re.M)
    assert len(calendars) == 2
    for spec in calendars:
        result = subprocess.run(
            ["systemd-analyze", "calendar", spec], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr


def test_cron_lines_are_valid_and_run_scrape_once() -> None:
    lines = [
        line
        for line in (DEPLOY / "crontab").read_text().splitlines()
        if line.strip() and not line.startswith("#") and "=" not in line.split()[0]
    ]
    assert len(lines) == 4
    for line in lines:
        fields = line.split()
        CronTrigger.from_crontab(" ".join(fields[:5]))
    assert sum("scrape --once" in line for line in lines) == 3
