"""What a spider hands to the pipeline: one item per fetch, of the feed or of an announcement."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # annotations only: a 304 needs neither (the cron check's start-up)
    from eewatch.domain.announcement import Announcement
    from eewatch.domain.record import Round

from eewatch.domain.kinds import ARTICLE as ARTICLE
from eewatch.domain.kinds import PAGE as PAGE


class FeedFormatError(ValueError):
    """The document as a whole is not a rounds feed; nothing in it can be used."""


@dataclass(frozen=True)
class Problem:
    """A record that was rejected, and why."""

    index: int
    round_id: str | None
    reason: str


# The items a spider yields (FeedFetch, SourceDocument) are dataclasses, as Scrapy takes them; a
# parse and a target are named tuples: the cron check imports this module, and making a dataclass
# costs it ~0.4 ms each (a named tuple ~0.06 ms). A Problem keeps its ``index`` (a tuple's method).


class FeedParse(NamedTuple):
    """The outcome of parsing one copy of the feed."""

    rounds: tuple[Round, ...]
    problems: tuple[Problem, ...] = ()
    keys: frozenset[str] = frozenset()
    #: Keys every copy so far carried and no record of this one did, under any spelling: the
    #: facts they give are unknown in this copy, not removed (a copy that changed shape).
    unread: frozenset[str] = frozenset()


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


@dataclass
class SourceDocument:
    """One fetch of one announcement: transport facts, and what it said or the error."""

    url: str
    kind: str
    outcome: str
    http_status: int | None = None
    bytes: int | None = None
    body_sha256: str | None = None
    duration_ms: int | None = None
    announcement: Announcement | None = field(default=None, repr=False)
    error: str | None = None

    @property
    def source(self) -> str:
        """The ``fetches.source`` of this document: its kind."""
        return self.kind


class SourceTarget(NamedTuple):
    """One document a spider is to fetch, with what the last good copy gives a re-fetch."""

    url: str
    previous_sha256: str | None = None
