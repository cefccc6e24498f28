"""``[[sources]]``: announcement pages and articles to read besides the feed.

::

    [[sources]]
    url = "https://www.canada.ca/.../express-entry-rounds/invitations-205.html"
    kind = "page"

    [[sources]]
    url = "https://example.org/news/express-entry-draw-254"
    kind = "article"

    # The MI pages of stored rounds whose page is static (invitations-N.html).
    [[sources]]
    kind = "stored-pages"
    limit = 20

A ``url`` may also be a local path or a ``file://`` URL (for testing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eewatch.foundation.config import Config, ConfigError, register_section
from scraper.domain.parsing.announcement import ARTICLE, PAGE

#: ``kind = "stored-pages"``: the static MI pages of rounds already stored.
STORED_PAGES = "stored-pages"
KINDS = (PAGE, ARTICLE, STORED_PAGES)
DEFAULT_STORED_LIMIT = 20


@dataclass(frozen=True)
class SourceConfig:
    """One ``[[sources]]`` entry."""

    kind: str
    url: str | None = None
    #: For ``stored-pages``: how many of the newest static pages to read.
    limit: int = DEFAULT_STORED_LIMIT


def parse_sources(raw: Any, where: str) -> tuple[SourceConfig, ...]:
    """Validate the ``[[sources]]`` array of tables."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(
            f"{where}: [[sources]] must be an array of tables ([[sources]] url = ..., kind = ...)"
        )
    return tuple(_source(entry, where, index) for index, entry in enumerate(raw, start=1))


def _source(entry: Any, where: str, index: int) -> SourceConfig:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: [[sources]] #{index}: must be a table")
    for key in entry:
        if key not in ("url", "kind", "limit"):
            raise ConfigError(f"{where}: [[sources]] {key}: unknown key (expected url, kind, limit)")
    kind = entry.get("kind")
    if kind is None:
        raise ConfigError(f"{where}: [[sources]] kind: missing (one of {', '.join(KINDS)})")
    if not isinstance(kind, str) or kind not in KINDS:
        raise ConfigError(f"{where}: [[sources]] kind: {kind!r} is not one of {', '.join(KINDS)}")
    url = entry.get("url")
    if kind == STORED_PAGES:
        if url is not None:
            raise ConfigError(f"{where}: [[sources]] url: not used with kind = {STORED_PAGES!r}")
    elif not isinstance(url, str) or not url.strip():
        raise ConfigError(f"{where}: [[sources]] url: a non-empty string is required for kind = {kind!r}")
    limit = entry.get("limit", DEFAULT_STORED_LIMIT)
    if "limit" in entry and kind != STORED_PAGES:
        raise ConfigError(f"{where}: [[sources]] limit: only used with kind = {STORED_PAGES!r}")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ConfigError(f"{where}: [[sources]] limit: expected a positive int, got {limit!r}")
    return SourceConfig(kind=kind, url=url.strip() if url else None, limit=limit)


def configured_sources(config: Config) -> tuple[SourceConfig, ...]:
    """The ``[[sources]]`` of a loaded config (none if the section is absent)."""
    return tuple(config.extra.get("sources") or ())


register_section("sources", parse_sources)
