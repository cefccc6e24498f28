"""What a spider hands to the pipeline: one item per fetch."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scraper.domain.parsing.feed import FeedParse

#: Outcomes of one fetch.
CHANGED = "changed"  # a new copy, parsed
UNCHANGED = "unchanged"  # 200 with the same bytes as the last good copy: not parsed
NOT_MODIFIED = "not_modified"  # 304 to a conditional GET
ERROR = "error"  # fetch failed or the document could not be used


@dataclass
class FeedFetch:
    """One fetch of the rounds feed: transport facts, and the parse or the error."""

    url: str
    outcome: str
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    bytes: int | None = None
    body_sha256: str | None = None
    duration_ms: int | None = None
    parsed: FeedParse | None = field(default=None, repr=False)
    error: str | None = None
    source: str = "feed"
    #: Set by the store pipeline: what storing this fetch did.
    summary: Any = field(default=None, repr=False)
