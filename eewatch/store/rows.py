"""One mapping between the round record and its rows, for the feed and the announcements alike.

A :class:`~eewatch.domain.record.Round` becomes a ``rounds`` row, a
``round_revisions`` row, and back; a fetch of any source becomes a ``fetches``
row; an event an ``events`` row. Every writer uses these, so a column is named
in one place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, insert

from eewatch.domain.fetches import FeedFetch, SourceDocument
from eewatch.domain.record import CONTENT_FIELDS, FIELDS, Round
from eewatch.store import schema

T = TypeVar("T")

FETCH_INSERT = insert(schema.fetches)


def content_hash(round_: Round) -> str:
    """A stable hash of a round's published facts (not its derived warnings).

    Text the source sent that UTF-8 cannot encode (a lone surrogate) is hashed
    as its escaped form, so one odd character never blocks a copy.
    """
    blob = json.dumps(round_.content(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "backslashreplace")).hexdigest()


def round_row(item: Round, digest: str, status: str) -> dict[str, Any]:
    """A :class:`Round` -> the values of its ``rounds`` row (without the bookkeeping columns)."""
    values = {name: getattr(item, name) for name in FIELDS}
    values["programs"] = list(item.programs)
    values["warnings"] = list(item.warnings)
    values["distribution"] = dict(item.distribution) if item.distribution is not None else None
    return {**values, "status": status, "content_hash": digest}


def row_to_round(row: Mapping[Any, Any]) -> Round:
    """A ``rounds`` row -> :class:`Round` (the columns bear the record's field names)."""
    values = {name: row[name] for name in FIELDS}
    values["programs"] = tuple(values["programs"] or ())
    values["warnings"] = tuple(values["warnings"] or ())
    return Round(**values)


def revision_row(item: Round, digest: str, source: str, now: dt.datetime, fetch_id: int) -> dict[str, Any]:
    """A ``round_revisions`` row: one published version of a round, first seen now."""
    return {
        "round_id": item.id,
        "content_hash": digest,
        "record": item.to_dict(),
        "source": source,
        "first_seen": now,
        "last_seen": now,
        "first_fetch_id": fetch_id,
    }


def diff_rounds(old: Round, new: Round) -> dict[str, list[Any]]:
    """Fields whose published value changed: ``{field: [old, new]}``, JSON-ready."""
    a, b = old.content(), new.content()
    return {key: [a[key], b[key]] for key in CONTENT_FIELDS if a[key] != b[key]}


def insert_fetch(
    conn: Connection,
    now: dt.datetime,
    fetch: FeedFetch | SourceDocument,
    problems: list[dict[str, Any]] | None,
    **columns: Any,
) -> int:
    """Write the ``fetches`` row of one fetch of any source (its transport facts); returns its id."""
    values = {
        "fetched_at": now,
        "source": fetch.source,
        "url": fetch.url,
        "duration_ms": fetch.duration_ms,
        "http_status": fetch.http_status,
        "etag": getattr(fetch, "etag", None),
        "last_modified": getattr(fetch, "last_modified", None),
        "bytes": fetch.bytes,
        "body_sha256": fetch.body_sha256,
        "outcome": fetch.outcome,
        "error": fetch.error,
        "problems": problems or None,
        **columns,
    }
    result = conn.execute(FETCH_INSERT, values)
    key = result.inserted_primary_key
    assert key is not None, "an INSERT of one row has a primary key"
    return int(key[0])


def event_row(
    kind: str,
    round_id: str | None,
    fetch_id: int | None,
    now: dt.datetime,
    payload: dict[str, Any],
    *,
    baseline: bool = False,
) -> dict[str, Any]:
    """An ``events`` row."""
    return {
        "kind": kind,
        "round_id": round_id,
        "fetch_id": fetch_id,
        "created_at": now,
        "baseline": baseline,
        "payload": payload,
    }


def insert_events(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(schema.events), rows)


def replace_distributions(conn: Connection, items: Iterable[Round]) -> None:
    """The pool distribution rows of these rounds, as they now read."""
    pd = schema.pool_distributions
    items = list(items)
    for chunk in chunks([item.id for item in items], 500):
        conn.execute(pd.delete().where(pd.c.round_id.in_(chunk)))
    rows = [
        {"round_id": item.id, "band": band, "as_of": item.distribution_as_of, "candidates": count}
        for item in items
        if item.distribution
        for band, count in item.distribution.items()
    ]
    if rows:
        conn.execute(insert(pd), rows)


def chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
