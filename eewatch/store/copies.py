"""The copy write path: one copy of the feed against the stored state, in the fetch's transaction.

A round missing from a later copy is never deleted (canada.ca serves stale
copies). A changed value of a known round is an amendment: a new revision and
a ``round_amended`` event. Events are written in the same transaction as the
data they describe. Rows are written through :mod:`eewatch.store.rows`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from eewatch.domain.events import (
    NEW_ROUND,
    ROUND_AMENDED,
    ROUND_REJECTED,
    ROUND_RESTORED,
    ROUND_WITHDRAWN,
    SOURCE_ERROR,
)
from eewatch.domain.fetches import CHANGED, ERROR, FeedFetch
from eewatch.domain.record import CONFIRMED, CONTENT_FIELDS, FIELDS, PROVISIONAL, Round
from eewatch.store import announcements, schema
from eewatch.store.reads import copy_time
from eewatch.store.rows import (
    chunks,
    content_hash,
    diff_rounds,
    event_row,
    insert_events,
    insert_fetch,
    replace_distributions,
    revision_row,
    round_row,
    row_to_round,
)

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass
class FetchSummary:
    """What storing one fetch of the feed did."""

    fetch_id: int
    outcome: str
    new: list[str] = field(default_factory=list)
    amended: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    unchanged: int = 0
    events: int = 0
    error: str | None = None
    #: The first copy stored in an empty database: its rounds are history, not news.
    baseline: bool = False
    #: What storing found doubtful (a round dated where no round can be).
    warnings: list[str] = field(default_factory=list)
    #: Rounds a current copy no longer carries (told once), and rounds told withdrawn that came back.
    withdrawn: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    #: Rounds whose stored facts a copy that changed shape left unread: kept, not amended to unknown.
    kept: list[str] = field(default_factory=list)
    #: Rejected records that would have been the newest round: ``fetches.problems`` entries.
    rejected_newest: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class CopyMemo:
    """Round id -> the Round object last stored from the feed, and -> its content hash.

    A long-lived caller's parser hands back the same Round object for an unchanged
    record (scraper/parsing/feed_memo.py), so its hash is not computed again.
    """

    rounds: dict[str, Round] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)


def record_copy(
    conn: Connection, fetch: FeedFetch, now: dt.datetime, memo: CopyMemo, progress: Progress | None = None
) -> FetchSummary:
    """Store one fetch of the feed and what it found, in the caller's transaction."""
    fetch_id = _insert_feed_fetch(conn, fetch, now)
    summary = FetchSummary(fetch_id=fetch_id, outcome=fetch.outcome, error=fetch.error)
    if fetch.outcome == ERROR:
        payload = {
            "source": fetch.source,
            "url": fetch.url,
            "http_status": fetch.http_status,
            "error": fetch.error,
        }
        insert_events(conn, [event_row(SOURCE_ERROR, None, fetch_id, now, payload)])
        summary.events = 1
    elif fetch.outcome == CHANGED and fetch.parsed is not None:
        parsed = fetch.parsed
        rejected = {p.round_id for p in parsed.problems if p.round_id}
        _apply_copy(
            conn, parsed.rounds, rejected, fetch_id, now, summary, fetch.source, progress, memo, parsed.unread
        )
        problems = _problems(fetch)
        summary.rejected_newest = _rejected_newest(conn, problems, now)
        if summary.rejected_newest:
            summary.events += _tell_rejected(conn, summary.rejected_newest, fetch_id, fetch.source, now)
        conn.execute(
            update(schema.fetches)
            .where(schema.fetches.c.id == fetch_id)
            .values(
                problems=problems + [{"reason": w} for w in summary.warnings] or None,
                rounds_seen=len(fetch.parsed.rounds),
                new_rounds=len(summary.new),
                amended_rounds=len(summary.amended),
                stale_rounds=len(summary.stale),
            )
        )
    return summary


def _apply_copy(
    conn: Connection,
    incoming: Sequence[Round],
    rejected: set[str],
    fetch_id: int,
    now: dt.datetime,
    summary: FetchSummary,
    source: str,
    progress: Progress | None,
    memo: CopyMemo,
    unread: frozenset[str] = frozenset(),
) -> None:
    """Store one copy of the feed: classify each round against the stored state, then write."""
    current = _stored_state(conn)
    baseline = not any(state.status == CONFIRMED for state in current.values())
    summary.warnings = _implausible_dates(incoming, now)
    plan = _classify(current, incoming, rejected, memo)
    olds: dict[str, Round] = {}  # stored rounds read for this copy, by id
    if unread and plan.differs:
        summary.kept = _keep_known_facts(conn, current, plan, unread, olds)
    stale_copy = _is_stale(current, plan, incoming, now)
    known = _revision_hashes(conn, [item.id for item, _ in plan.differs + plan.confirmed])
    amended, stale = _amended_or_stale(plan, known, stale_copy)
    pending: list[dict[str, Any]] = []
    pending += _insert_new(conn, plan.new, fetch_id, now, source, baseline, progress)
    pending += _confirm(conn, plan.confirmed, known, fetch_id, now, source, baseline)
    pending += _amend(conn, amended, known, fetch_id, now, source, olds)
    if not stale_copy:
        carried = {item.id for item in incoming}
        withdrawn, restored, told = _withdrawals(conn, plan, carried, fetch_id, now)
        pending += told
        summary.withdrawn, summary.restored = withdrawn, restored
    _follow_copy(conn, plan.moved, plan.gone, fetch_id, source, now)
    insert_events(conn, pending)
    if stale:
        log.warning(
            "stale copy: %d round(s) in an older version (%s); kept the newer",
            len(stale),
            ", ".join(sorted(stale)[:10]),
        )
    summary.new = [item.id for item, _ in plan.new + plan.confirmed]
    summary.amended = [item.id for item, _ in amended]
    summary.stale = stale
    summary.unchanged = plan.unchanged
    summary.events = len(pending)
    summary.baseline = baseline and bool(plan.new)


def _classify(
    current: dict[str, _Stored], incoming: Sequence[Round], rejected: set[str], memo: CopyMemo
) -> _CopyPlan:
    """What each round of a copy is against the stored state (one pass; the copy is the whole history).

    A round's content hash is the last copy's when the parser handed back the same
    Round object (the memo), so an unchanged copy costs no hashing.
    """
    memo_rounds, memo_hashes = memo.rounds, memo.hashes
    plan = _CopyPlan()
    rounds: dict[str, Round] = {}
    hashes: dict[str, str] = {}
    for item in incoming:
        rid = item.id
        digest = memo_hashes[rid] if memo_rounds.get(rid) is item else content_hash(item)
        rounds[rid] = item
        hashes[rid] = digest
        stored = current.get(rid)
        if stored is None:
            plan.new.append((item, digest))
            continue
        if stored.marker != digest:
            plan.moved.append((rid, stored.marker, digest))
        if stored.status == PROVISIONAL:
            plan.confirmed.append((item, digest))
        elif stored.digest == digest:
            plan.unchanged += 1
        else:
            plan.differs.append((item, digest))
    memo.rounds, memo.hashes = rounds, hashes  # bounded: the rounds of the copy just read
    plan.gone = [
        (rid, state.marker)
        for rid, state in current.items()
        if state.marker is not None and rid not in hashes
    ]
    # A copy that lacks a round the feed has published (and that it did not merely
    # garble: rejected records are not missing) is an older copy served again.
    plan.lacking = [
        rid
        for rid, state in current.items()
        if state.status == CONFIRMED and rid not in hashes and rid not in rejected
    ]
    return plan


# -- the steps of storing a copy -----------------------------------------------------


@dataclass(frozen=True)
class _Stored:
    """A stored round as a copy is compared with it."""

    digest: str
    status: str
    #: The version the latest copy carried (None: it lacked the round).
    marker: str | None
    date: dt.date | None = None
    number: int = 0


@dataclass
class _CopyPlan:
    """What one copy brings, round by round."""

    new: list[tuple[Round, str]] = field(default_factory=list)
    #: Provisional rounds the feed now carries.
    confirmed: list[tuple[Round, str]] = field(default_factory=list)
    #: Confirmed rounds in another version than stored: amended, or stale.
    differs: list[tuple[Round, str]] = field(default_factory=list)
    #: (round, version the last copy carried, the one this copy carries).
    moved: list[tuple[str, str | None, str]] = field(default_factory=list)
    #: Rounds the last copy carried and this one lacks, with the version it carried.
    gone: list[tuple[str, str]] = field(default_factory=list)
    #: Confirmed rounds this copy lacks (and did not merely garble): a stale copy's, or withdrawn.
    lacking: list[str] = field(default_factory=list)
    unchanged: int = 0


def _stored_state(conn: Connection) -> dict[str, _Stored]:
    r = schema.rounds
    query = select(r.c.id, r.c.content_hash, r.c.status, r.c.latest_copy_hash, r.c.date, r.c.number)
    return {row.id: _Stored(*row[1:]) for row in conn.execute(query)}


def _is_stale(
    current: dict[str, _Stored], plan: _CopyPlan, incoming: Sequence[Round], now: dt.datetime
) -> bool:
    """Is this a whole copy older than what is stored: does it lack a round newer than its own newest?

    canada.ca's CDN serves older copies again: they end before rounds published since.
    A source that withdraws a round still carries its newest rounds, so a copy that lacks
    only rounds at or below its newest is current, and what it lacks is withdrawn. (A
    withdrawn newest round looks like a stale copy until a newer round is published; dates
    no round can have never count as the newest.)
    """
    if not plan.lacking:
        return False
    dated = [(r.date, r.number) for r in incoming if plausible_date(r.date, now)]
    newest = max(dated, default=None)
    for rid in plan.lacking:
        state = current[rid]
        if state.date is None or not plausible_date(state.date, now):
            continue
        if newest is None or (state.date, state.number) > newest:
            return True
    return False


def _amended_or_stale(
    plan: _CopyPlan, known: dict[str, set[str]], stale_copy: bool
) -> tuple[list[tuple[Round, str]], list[str]]:
    """Which rounds in another version than stored are amended, and which are a stale copy's.

    A stale copy is a whole copy older than what is stored (:func:`_is_stale`): its
    earlier versions are not news. In a current copy, a round in any other version, an
    earlier one included, is what the source says now: an amendment (IRCC corrects
    typos back to what it first published).
    """
    if not stale_copy:
        return list(plan.differs), []
    amended = [(item, digest) for item, digest in plan.differs if digest not in known.get(item.id, ())]
    stale = [item.id for item, digest in plan.differs if digest in known.get(item.id, ())]
    return amended, stale


#: The first round of invitations was held on 2015-01-31: a date before 2015 is a typo.
EARLIEST_ROUND = dt.date(2015, 1, 1)


def plausible_date(day: dt.date, now: dt.datetime) -> bool:
    """A round date eewatch believes: from 2015 to tomorrow (by the clock)."""
    return EARLIEST_ROUND <= day <= now.date() + dt.timedelta(days=1)


def _implausible_dates(incoming: Sequence[Round], now: dt.datetime) -> list[str]:
    """Warnings for rounds dated where no round can be (before 2015, after tomorrow).

    They are stored as published (the record is the source's); "the latest round"
    (health, status) never counts them, and the warning is logged and kept on the fetch.
    """
    notes = []
    for item in incoming:
        if not plausible_date(item.date, now):
            note = (
                f"round {item.id}: date {item.date.isoformat()} is not a possible round date "
                "(before 2015 or after tomorrow)"
            )
            log.warning("%s", note)
            notes.append(note)
    return notes


def _insert_new(
    conn: Connection,
    new: list[tuple[Round, str]],
    fetch_id: int,
    now: dt.datetime,
    source: str,
    baseline: bool,
    progress: Progress | None,
) -> list[dict[str, Any]]:
    """Rounds never seen: their rows, revisions and distributions; their ``new_round`` events."""
    r, rv = schema.rounds, schema.round_revisions
    done = 0
    for chunk in chunks(new, 100):
        rows = [
            {
                **round_row(item, digest, CONFIRMED),
                "first_seen": now,
                "updated_at": now,
                "latest_copy_hash": digest,
            }
            for item, digest in chunk
        ]
        conn.execute(insert(r), rows)
        done += len(chunk)
        if progress:
            progress(done, len(new))
    if not new:
        return []
    conn.execute(insert(rv), [revision_row(item, digest, source, now, fetch_id) for item, digest in new])
    replace_distributions(conn, [item for item, _ in new])
    return [
        event_row(NEW_ROUND, item.id, fetch_id, now, {"round": item.to_dict()}, baseline=baseline)
        for item, _ in new
    ]


def _confirm(
    conn: Connection,
    confirmed: list[tuple[Round, str]],
    known: dict[str, set[str]],
    fetch_id: int,
    now: dt.datetime,
    source: str,
    baseline: bool,
) -> list[dict[str, Any]]:
    """Rounds first seen in an announcement, now in the official feed: the feed's values win."""
    _write_versions(conn, confirmed, known, fetch_id, now, source)
    pending = [
        event_row(
            NEW_ROUND, item.id, fetch_id, now, {"round": item.to_dict(), "confirmed": True}, baseline=baseline
        )
        for item, _ in confirmed
    ]
    if confirmed:
        announcements.record_feed_disagreements(conn, [item.id for item, _ in confirmed], now)
    return pending


def _empty(value: Any) -> bool:
    return value is None or value == () or value == {} or value == ""


def _keep_known_facts(
    conn: Connection,
    current: dict[str, _Stored],
    plan: _CopyPlan,
    unread: frozenset[str],
    olds: dict[str, Round],
) -> list[str]:
    """A copy that changed shape (``unread``: keys no record carried) amends no fact to unknown.

    Each round it states otherwise keeps its stored value for every fact this copy leaves
    empty; what remains different is an amendment as ever. Returns the rounds where a stored
    fact was kept. ``plan`` is changed in place (the rounds now the same are unchanged).
    """
    olds.update(_stored_rounds(conn, [item.id for item, _ in plan.differs]))
    stored = olds
    note = f"the copy lacks {', '.join(sorted(unread))}: kept the stored "
    differs: list[tuple[Round, str]] = []
    digests: dict[str, str] = {}
    kept: list[str] = []
    for item, digest in plan.differs:
        old = stored[item.id]
        facts = {name: getattr(old, name) for name in CONTENT_FIELDS if _empty(getattr(item, name))}
        facts = {name: value for name, value in facts.items() if not _empty(value)}
        if not facts:
            differs.append((item, digest))
            continue
        kept.append(item.id)
        merged = replace(item, **facts, warnings=(*item.warnings, note + ", ".join(facts)))
        merged_digest = content_hash(merged)
        digests[item.id] = merged_digest
        if merged_digest == current[item.id].digest:
            plan.unchanged += 1
        else:
            differs.append((merged, merged_digest))
    plan.differs = differs
    plan.moved = [
        (rid, marker, digests.get(rid, digest))
        for rid, marker, digest in plan.moved
        if marker != digests.get(rid, digest)
    ]
    if kept:
        log.warning("%s for %d round(s)", note.rstrip(" :") + " facts", len(kept))
    return kept


def _withdrawals(
    conn: Connection, plan: _CopyPlan, carried: set[str], fetch_id: int, now: dt.datetime
) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """In a current copy: rounds it lacks are withdrawn (told once), and rounds told withdrawn
    that it carries (``carried``: the copy's round ids) are restored. Returns both and their events."""
    told = _told_withdrawn(conn)
    withdrawn = [rid for rid in plan.lacking if rid not in told]
    restored = sorted(told & carried)
    if not withdrawn and not restored:
        return [], [], []
    stored = _stored_rounds(conn, [*withdrawn, *restored])
    events = []
    for rid in withdrawn:
        message = f"round {rid} is no longer in the feed: IRCC withdrew it (its history is kept)"
        log.warning("%s", message)
        payload = {"round": stored[rid].to_dict(), "message": message}
        events.append(event_row(ROUND_WITHDRAWN, rid, fetch_id, now, payload))
    for rid in restored:
        message = f"round {rid} is back in the feed after it was withdrawn"
        log.warning("%s", message)
        payload = {"round": stored[rid].to_dict(), "message": message}
        events.append(event_row(ROUND_RESTORED, rid, fetch_id, now, payload))
    return withdrawn, restored, events


def _told_withdrawn(conn: Connection) -> set[str]:
    """The rounds whose last withdrawal or restoration event is a withdrawal (few: read them all)."""
    e = schema.events
    query = (
        select(e.c.round_id, e.c.kind).where(e.c.kind.in_((ROUND_WITHDRAWN, ROUND_RESTORED))).order_by(e.c.id)
    )
    last = {row.round_id: row.kind for row in conn.execute(query)}
    return {rid for rid, kind in last.items() if kind == ROUND_WITHDRAWN}


_NUMBER = re.compile(r"\d{1,6}")


def _rejected_newest(
    conn: Connection, problems: list[dict[str, Any]], now: dt.datetime
) -> list[dict[str, Any]]:
    """The rejected records that would have been the newest round, marked ``newest`` in ``problems``.

    A record whose round number is above every stored round's (and not stored), or one at
    the top of the copy (the feed lists the newest first) whose number cannot be read.
    """
    if not problems:
        return []
    r = schema.rounds
    top = conn.execute(
        select(func.max(r.c.number)).where(
            r.c.status == CONFIRMED, r.c.date >= EARLIEST_ROUND, r.c.date <= now.date() + dt.timedelta(days=1)
        )
    ).scalar()
    found = []
    for problem in problems:
        if "index" not in problem:
            continue
        rid = problem.get("round_id")
        match = _NUMBER.search(rid) if isinstance(rid, str) else None
        if match is None:
            newest = problem.get("index") == 0
        else:
            stored = conn.execute(select(r.c.status).where(r.c.id == rid)).scalar()
            newest = stored != CONFIRMED and (top is None or int(match.group()) > top)
        if newest:
            problem["newest"] = True
            found.append(problem)
    return found


def _tell_rejected(
    conn: Connection, rejected: list[dict[str, Any]], fetch_id: int, source: str, now: dt.datetime
) -> int:
    """One ``round_rejected`` event per rejected newest round, unless the copy before said the same."""
    f = schema.fetches
    before = conn.execute(
        select(f.c.problems)
        .where(f.c.source == source, f.c.outcome == CHANGED, f.c.rounds_seen.is_not(None), f.c.id < fetch_id)
        .order_by(f.c.id.desc())
        .limit(1)
    ).scalar()
    said = {(p.get("round_id"), p.get("reason")) for p in before or () if p.get("newest")}
    events = []
    for problem in rejected:
        rid, reason = problem.get("round_id"), problem.get("reason")
        if (rid, reason) in said:
            continue
        said.add((rid, reason))
        log.warning("a record that may be the newest round was rejected: #%s: %s", rid or "?", reason)
        message = (
            f"a record that may be a new round ({'#' + rid if rid else 'at the top of the feed'}) "
            f"was rejected: {reason}. Nothing of it was stored; eewatch status stays unhealthy until a copy "
            "stores it or drops it."
        )
        payload = {"round_id": rid, "reason": reason, "message": message}
        events.append(event_row(ROUND_REJECTED, rid, fetch_id, now, payload))
    insert_events(conn, events)
    return len(events)


#: Round amendments logged one by one; past this many, one line says how many more.
LOGGED_AMENDMENTS = 20


def _amend(
    conn: Connection,
    amended: list[tuple[Round, str]],
    known: dict[str, set[str]],
    fetch_id: int,
    now: dt.datetime,
    source: str,
    olds: dict[str, Round],
) -> list[dict[str, Any]]:
    """Confirmed rounds the source now states otherwise: a ``round_amended`` event, and a revision

    unless the version is one it published before (a correction back to it). Written in
    batches: a copy that amends every round of a long history costs a few statements per
    500 rounds, not several per round.
    """
    old_rounds = olds
    old_rounds.update(_stored_rounds(conn, [item.id for item, _ in amended if item.id not in olds]))
    pending = []
    changed: dict[str, Iterable[str]] = {}
    for n, (item, _) in enumerate(amended):
        old = old_rounds[item.id]
        changes = diff_rounds(old, item)
        changed[item.id] = changes.keys()
        payload = {"round": item.to_dict(), "previous": old.to_dict(), "changes": changes}
        pending.append(event_row(ROUND_AMENDED, item.id, fetch_id, now, payload))
        if n < LOGGED_AMENDMENTS:
            log.info("round %s amended: %s", item.id, ", ".join(changes))
    if len(amended) > LOGGED_AMENDMENTS:
        log.info("... and %d more rounds amended", len(amended) - LOGGED_AMENDMENTS)
    _write_versions(conn, amended, known, fetch_id, now, source, changed)
    return pending


def _stored_rounds(conn: Connection, round_ids: Sequence[str]) -> dict[str, Round]:
    """Round id -> the stored round, for these rounds."""
    r = schema.rounds
    found: dict[str, Round] = {}
    for chunk in chunks(round_ids, 500):
        for row in conn.execute(select(r).where(r.c.id.in_(chunk))):
            found[row.id] = row_to_round(row._mapping)
    return found


#: The columns rows.round_row fills, less the key.
_ROW_COLUMNS = tuple(name for name in (*FIELDS, "status", "content_hash") if name != "id")
#: Written with every version: what is derived from the facts (not a fact itself).
_ALWAYS = frozenset({"warnings", "status", "content_hash"})
_UPDATES: dict[tuple[str, ...], Any] = {}


def _version_update(columns: tuple[str, ...]) -> Any:
    """One UPDATE of these columns of a round's row, run once per batch (executemany); built once."""
    statement = _UPDATES.get(columns)
    if statement is None:
        r = schema.rounds
        statement = (
            update(r)
            .where(r.c.id == bindparam("b_id"))
            .values(
                {
                    **{name: bindparam(f"v_{name}") for name in columns},
                    "revision_count": r.c.revision_count + 1,
                    "updated_at": bindparam("v_updated_at"),
                }
            )
        )
        _UPDATES[columns] = statement
    return statement


def _write_versions(
    conn: Connection,
    versions: Sequence[tuple[Round, str]],
    known: dict[str, set[str]],
    fetch_id: int,
    now: dt.datetime,
    source: str,
    changed: dict[str, Iterable[str]] | None = None,
) -> None:
    """Known rounds now read as these versions (confirmed): their rows, a revision for each
    version not stored before, their pools.

    ``changed``: round id -> the facts that differ from the stored row (amendments): only
    those columns are written (one statement per set of changed facts), and a round's pool
    rows only when its distribution changed. Without it, every column and pool.
    """
    if not versions:
        return
    groups: dict[tuple[str, ...], list[tuple[Round, str]]] = {}
    for item, digest in versions:
        columns = _ROW_COLUMNS
        if changed is not None:
            facts = _ALWAYS | set(changed[item.id])
            columns = tuple(name for name in _ROW_COLUMNS if name in facts)
        groups.setdefault(columns, []).append((item, digest))
    for columns, group in groups.items():
        statement = _version_update(columns)
        for chunk in chunks(group, 500):
            rows = []
            for item, digest in chunk:
                values = round_row(item, digest, CONFIRMED)
                rows.append({"b_id": item.id, "v_updated_at": now, **{f"v_{k}": values[k] for k in columns}})
            conn.execute(statement, rows)
    rv = schema.round_revisions
    for chunk in chunks(versions, 500):
        fresh = [
            revision_row(item, digest, source, now, fetch_id)
            for item, digest in chunk
            if digest not in known.get(item.id, ())
        ]
        if fresh:
            conn.execute(insert(rv), fresh)
    pools = {"distribution", "distribution_as_of"}
    replace_distributions(
        conn,
        [item for item, _ in versions if changed is None or pools & set(changed[item.id])],
    )


def _revision_hashes(conn: Connection, round_ids: Sequence[str]) -> dict[str, set[str]]:
    """Round id -> the content hashes of its stored revisions, for these rounds only."""
    rv = schema.round_revisions
    known: dict[str, set[str]] = {}
    for chunk in chunks(list(dict.fromkeys(round_ids)), 500):
        for row in conn.execute(select(rv.c.round_id, rv.c.content_hash).where(rv.c.round_id.in_(chunk))):
            known.setdefault(row.round_id, set()).add(row.content_hash)
    return known


def _follow_copy(
    conn: Connection,
    moved: list[tuple[str, str | None, str]],
    gone: list[tuple[str, str]],
    fetch_id: int,
    source: str,
    now: dt.datetime,
) -> None:
    """Record which version of each round this copy carried, writing only what differs from the last copy.

    ``rounds.latest_copy_hash`` names the version the latest copy carried (NULL:
    it lacked the round). A version the last copy carried and this one carries
    too is still being seen: nothing is written (its ``last_seen`` reads as the
    latest copy's time, :meth:`Store.revisions`). A version this copy no longer
    carries (``gone`` rounds, and the old side of ``moved``) gets the time of the
    last copy that did; one it carries anew, this copy's time. So ``last_seen``
    is what it was when every copy moved it, and a copy costs writes for what
    changed, not for the whole history. New rounds are inserted with their marker.
    """
    r, rv = schema.rounds, schema.round_revisions
    entering = [{"b_id": rid, "b_hash": digest} for rid, _, digest in moved]
    leaving = [{"b_id": rid, "b_hash": old} for rid, old, _ in moved if old is not None]
    leaving += [{"b_id": rid, "b_hash": old} for rid, old in gone]
    revision = (rv.c.round_id == bindparam("b_id"), rv.c.content_hash == bindparam("b_hash"))
    if leaving:
        previous = copy_time(conn, source, before=fetch_id)
        if previous is not None:  # never None: a marker was set by a copy before this one
            conn.execute(update(rv).where(*revision).values(last_seen=previous), leaving)
    if entering:
        conn.execute(update(rv).where(*revision).values(last_seen=now), entering)
        conn.execute(
            update(r).where(r.c.id == bindparam("b_id")).values(latest_copy_hash=bindparam("b_hash")),
            entering,
        )
    for chunk in chunks([rid for rid, _ in gone], 500):
        conn.execute(update(r).where(r.c.id.in_(chunk)).values(latest_copy_hash=None))


def _problems(fetch: FeedFetch) -> list[dict[str, Any]]:
    """The records a copy's parse rejected, as the ``fetches.problems`` column holds them."""
    if not (fetch.parsed and fetch.parsed.problems):
        return []
    return [{"index": p.index, "round_id": p.round_id, "reason": p.reason} for p in fetch.parsed.problems]


def _insert_feed_fetch(conn: Connection, fetch: FeedFetch, now: dt.datetime) -> int:
    return insert_fetch(
        conn,
        now,
        fetch,
        _problems(fetch),
        # A changed copy's counts are set once its rounds are stored; other fetches add none.
        **({} if fetch.outcome == CHANGED else {"new_rounds": 0, "amended_rounds": 0, "stale_rounds": 0}),
    )
