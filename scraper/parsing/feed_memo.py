"""The feed parser for a long-lived process: each record's parse remembered between copies.

The feed is the whole history: every copy repeats every round, and a copy that
brings one new round is otherwise the copy before. Reading a record into a
:class:`~eewatch.domain.record.Round` (dates, taxonomy, distribution, link) costs about
0.1 ms, so re-reading 100,000 records for one new one took seconds. Parsing is
pure (:func:`scraper.parsing.feed.parse_record`: no I/O, no clock), so the
daemon remembers each record's parse, keyed on the record's exact contents:

- the key is the SHA-256 of ``marshal.dumps(record)``, which writes the record's
  keys and values in order with their types (``1``, ``1.0``, ``true`` and ``"1"``
  all differ, as they do to the parser); two records with one key are the same
  record, value for value;
- only rounds are remembered; a record the parser rejects is read again each time;
- memory is bounded: the entries the last copy used (a copy's entries replace the
  previous copy's), at most ``max_records`` of them (about 1 KB each). A copy
  that cannot be read at all leaves the previous entries in place.

The document itself (``json.loads`` of the whole body, duplicates, problems,
keys) is read every time by :func:`~scraper.parsing.feed.parse_feed`; only the
per-record work is saved. ``FeedParser()(body)`` equals ``parse_feed(body)``.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Mapping
from typing import Any, cast

from eewatch.domain.record import Round
from scraper.parsing.feed import SITE, FeedParse, parse_feed, parse_record

#: Records remembered per copy (about 1 KB each): beyond it, records are parsed without a memo.
MAX_RECORDS = 200_000


def record_key(record: Mapping[str, Any]) -> bytes | None:
    """The memo key of one decoded JSON record, or None where it cannot have one (too deeply nested)."""
    try:
        return hashlib.sha256(marshal.dumps(cast("dict[str, Any]", record), 4)).digest()
    except ValueError:
        return None


class FeedParser:
    """``parse_feed`` with a memo of ``parse_record`` (one per long-lived caller; not thread-safe)."""

    def __init__(self, *, site: str = SITE, max_records: int = MAX_RECORDS) -> None:
        self.site = site
        self.max_records = max_records
        self._previous: dict[bytes, Round] = {}
        self._current: dict[bytes, Round] = {}
        #: Records read from the memo and parsed anew by the last call (for tests and logs).
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._previous)

    def __call__(self, body: bytes) -> FeedParse:
        self._current, self.hits, self.misses = {}, 0, 0
        try:
            parsed = parse_feed(body, site=self.site, parse=self._parse)
        except BaseException:
            self._current = {}  # an unreadable copy: keep what the last good one used
            raise
        self._previous, self._current = self._current, {}
        return parsed

    def _parse(self, record: Mapping[str, Any]) -> Round:
        key = record_key(record)
        if key is None:
            self.misses += 1
            return parse_record(record, site=self.site)
        found = self._current.get(key) or self._previous.get(key)
        if found is not None:
            self.hits += 1
        else:
            self.misses += 1
            found = parse_record(record, site=self.site)  # a RecordError propagates, not remembered
        if len(self._current) < self.max_records:
            self._current[key] = found
        return found
