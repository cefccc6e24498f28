"""pyproject.toml: what ``pip install`` reads, without a deprecation warning."""

from __future__ import annotations

import re
import tomllib

from tests.support.paths import ROOT


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_license_is_an_spdx_expression_and_the_build_backend_reads_it() -> None:
    """A ``{ text = ... }`` table makes setuptools warn on every install (deprecated by PEP 639);
    the SPDX string needs setuptools 77 or later, so the build requirement says so."""
    data = _pyproject()
    assert data["project"]["license"] == "MIT"
    (requirement,) = [r for r in data["build-system"]["requires"] if r.startswith("setuptools")]
    minimum = re.fullmatch(r"setuptools>=(\d+)(?:\.\d+)*", requirement)
    assert minimum and int(minimum.group(1)) >= 77, requirement
