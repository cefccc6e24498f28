"""The ``[report]`` config section: where the daemon writes the static report, if anywhere.

[report]
out = "/var/www/eewatch"      # default: none (no report)
title = "Express Entry rounds"
site_url = "https://example.org/eewatch/"   # makes the feed's links absolute
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from eewatch.foundation.config import ConfigError, register_section

#: The report's title where ``[report] title`` is not set.
DEFAULT_TITLE = "Express Entry rounds of invitations"


@dataclasses.dataclass(frozen=True)
class ReportConfig:
    """``[report]``: ``out`` None means the daemon builds no report."""

    out: Path | None = None
    title: str = DEFAULT_TITLE
    site_url: str | None = None


def parse_report(raw: Any, where: str) -> ReportConfig:
    """Validate the ``[report]`` table (absent: the defaults)."""
    if raw is None:
        return ReportConfig()
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [report] must be a table")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in ("out", "title", "site_url"):
            raise ConfigError(f"{where}: [report] {key}: unknown key (out, title, site_url)")
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: [report] {key}: expected a non-empty string")
        values[key] = value.strip()
    if "out" in values:
        values["out"] = Path(values["out"]).expanduser()
    site_url = values.get("site_url")
    if site_url is not None and not site_url.startswith(("https://", "http://")):
        raise ConfigError(f"{where}: [report] site_url: expected an http(s) URL")
    return ReportConfig(**values)


register_section("report", parse_report)
