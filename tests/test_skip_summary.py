"""``make test`` without PostgreSQL or Chromium: one summary of skip reasons with counts, not a line
per skipped test (a real pytest run, in a child process, of a few tests that skip)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_skips_are_summed_up_by_reason(tmp_path: Path) -> None:
    (tmp_path / "test_some.py").write_text(
        "import pytest\n"
        "@pytest.mark.parametrize('n', range(3))\n"
        "def test_pg(n):\n    pytest.skip('no PostgreSQL here')\n"
        "def test_browser():\n    pytest.skip('no Chromium here')\n"
        "def test_other_browser():\n    pytest.skip('no Chromium here')\n"
        "def test_runs():\n    assert True\n"
    )
    # The project's own options (addopts), as make test runs them.
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\naddopts = " + _addopts() + " -p tests.support.skip_summary\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith("SKIPPED")], result.stdout
    at = next(i for i, line in enumerate(lines) if "skipped 5 tests, by reason" in line)
    assert [line.strip() for line in lines[at + 1 : at + 3]] == [
        "3  no PostgreSQL here",
        "2  no Chromium here",
    ]


def _addopts() -> str:
    import tomllib

    return str(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    )
