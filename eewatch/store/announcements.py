"""What announcement pages and articles say, stored and reconciled with the feed.

The official feed is authoritative. A round first seen in an announcement is
stored as *provisional* (with a revision whose source is ``page`` or
``article`` and a ``new_round`` event marked ``provisional``); the feed
confirms it later. Where an announcement disagrees with a stored round, the
stored value stands and the disagreement is kept in ``round_source_warnings``.
Each fetched document is stored in one transaction: its ``fetches`` row, its
observations, any provisional round with its revision and event, the
occupations it lists and the warnings. The occupations a round's page lists
are checked against the shipped list of that round's category in force on the
round's date (``eewatch/domain/occupations.py``): a code on one and not the
other is kept as an ``occupations`` warning on the round. An article is first
read against the confirmed rounds (``eewatch/domain/against_record.py``): a
day with no round is no round's, a number naming another day's round is left
out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from eewatch.domain.against_record import read_against_record
from eewatch.domain.announcement import ARTICLE, RoundFacts
from eewatch.domain.events import NEW_ROUND
from eewatch.domain.fetches import CHANGED, ERROR, SourceDocument
from eewatch.domain.occupations import CategoryVersion, Occupation, Requirements, load_catalog
from eewatch.domain.record import CONFIRMED, PROVISIONAL, Round
from eewatch.store import schema
from eewatch.store.rows import content_hash, insert_fetch, revision_row, round_row, row_to_round
from eewatch.store.schema import round_occupations, round_source_warnings, source_observations

log = logging.getLogger(__name__)

#: Fields an announcement is compared on with the stored round.
COMPARED_FIELDS = ("date", "held_at", "tie_break_at", "round_type", "category", "invitations", "crs_min")
#: The ``round_source_warnings.field`` of a page whose occupation list differs from the shipped one.
OCCUPATIONS = "occupations"
#: Fields an announcement may fill in on a provisional round that lacks them.
FILLABLE_FIELDS = (
    "held_at",
    "tie_break_at",
    "round_type",
    "programs",
    "category",
    "category_version",
    "name",
    "invitations",
    "crs_min",
    "url",
)


@dataclass
class SourceSummary:
    """What storing one fetched document did."""

    fetch_id: int
    outcome: str
    provisional: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)
    #: Rounds an unnumbered mention was matched to (date and count or cut-off): independent confirmations.
    linked: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    occupations: int = 0
    #: Rounds whose listed occupations differ from the shipped list in force on their date.
    occupation_mismatches: list[str] = field(default_factory=list)
    events: int = 0
    error: str | None = None


def compare_facts(facts: Mapping[str, Any], stored: Round) -> dict[str, tuple[Any, Any]]:
    """Fields where an announcement's values (JSON) differ from a stored round: ``{field: (source, stored)}``.

    A field the round lacks is not a disagreement; programs are compared only
    for program rounds (elsewhere an article's list is the eligible programs).
    """
    current = stored.to_dict()
    differences: dict[str, tuple[Any, Any]] = {}
    for name in COMPARED_FIELDS:
        if name in facts and current[name] is not None and facts[name] != current[name]:
            differences[name] = (facts[name], current[name])
    if (
        "programs" in facts
        and stored.round_type == "program"
        and facts.get("round_type") == "program"
        and set(facts["programs"]) != set(current["programs"])
    ):
        differences["programs"] = (facts["programs"], current["programs"])
    return differences


def record_document(conn: Connection, doc: SourceDocument, now: dt.datetime) -> SourceSummary:
    """Store one fetched announcement and what it says (in the caller's transaction)."""
    fetch_id = _insert_fetch(conn, doc, now)
    summary = SourceSummary(fetch_id=fetch_id, outcome=doc.outcome, error=doc.error)
    announcement = doc.announcement
    dropped: list[tuple[RoundFacts, str]] = []
    if doc.outcome == CHANGED and announcement is not None and doc.kind == ARTICLE:
        # An article is read against IRCC's record: a day with no confirmed round is no round's.
        announcement, dropped = read_against_record(announcement, confirmed_rounds(conn))
    for facts, why in dropped:
        # What the article said of it is kept, as an unnumbered mention no stored round matches.
        _observe(conn, doc, fetch_id, now, None, "unnumbered", facts, [*facts.warnings, why])
    if doc.outcome == ERROR:
        _observe(conn, doc, fetch_id, now, None, "error", None, [], error=doc.error)
    elif doc.outcome == CHANGED and announcement is not None:
        baseline = not _has_confirmed_rounds(conn)
        for facts in announcement.rounds:
            _apply_facts(conn, doc, facts, fetch_id, now, baseline, summary)
        if not announcement.rounds:
            if not dropped:  # the rounds dropped are each observed above, with their facts and why
                _observe(conn, doc, fetch_id, now, None, "unnumbered", None, list(announcement.warnings))
            named = doc.announcement is not None and doc.announcement.rounds
            summary.skipped.append(
                "the document names no round IRCC's record bears out"
                if named
                else "the document names no round"
            )
    conn.execute(
        update(schema.fetches)
        .where(schema.fetches.c.id == fetch_id)
        .values(
            rounds_seen=len(announcement.rounds) if announcement else None,
            new_rounds=len(summary.provisional),
            amended_rounds=len(summary.filled),
            stale_rounds=0,
        )
    )
    return summary


def _apply_facts(
    conn: Connection,
    doc: SourceDocument,
    facts: RoundFacts,
    fetch_id: int,
    now: dt.datetime,
    baseline: bool,
    summary: SourceSummary,
) -> None:
    """Observe one round's facts: a provisional round, a fill-in, or a comparison."""
    warnings = list(facts.warnings)
    if facts.round_id is None:
        linked = link_unnumbered(conn, facts)
        if linked is None:
            _observe(conn, doc, fetch_id, now, None, "unnumbered", facts, warnings)
            summary.skipped.append("facts about a round the document does not number")
            return
        # A stored round of the same date whose count or cut-off the mention states too: the
        # mention is that round's (an independent confirmation); what else it says is compared.
        stored = row_to_round(linked._mapping)
        status = linked._mapping["status"]
        summary.compared.append(stored.id)
        summary.linked.append(stored.id)
        for name, (source_value, stored_value) in compare_facts(facts.values(), stored).items():
            _upsert_warning(conn, stored.id, doc, name, source_value, stored_value, status, now)
            summary.disagreements.append(f"{stored.id} {name}")
        _observe(conn, doc, fetch_id, now, stored.id, "linked", facts, warnings)
        return
    round_id = str(facts.round_id.value)
    r = schema.rounds
    row = conn.execute(select(r).where(r.c.id == round_id)).first()
    if row is None:
        new = facts.to_round(doc.kind, doc.url)
        if new is None:
            _observe(conn, doc, fetch_id, now, round_id, "undated", facts, warnings)
            summary.skipped.append(f"round {round_id}: unknown and undated; not stored")
            return
        _insert_provisional(conn, new, doc, fetch_id, now, baseline)
        summary.provisional.append(round_id)
        summary.events += 1
        action = "provisional"
    else:
        stored = row_to_round(row._mapping)
        status = row._mapping["status"]
        values = facts.values()
        if status == PROVISIONAL and _fill(conn, stored, facts, doc, fetch_id, now):
            summary.filled.append(round_id)
            action = "filled"
        else:
            action = "compared"
        summary.compared.append(round_id)
        for name, (source_value, stored_value) in compare_facts(values, stored).items():
            _upsert_warning(conn, round_id, doc, name, source_value, stored_value, status, now)
            summary.disagreements.append(f"{round_id} {name}")
    _observe(conn, doc, fetch_id, now, round_id, action, facts, warnings)
    summary.occupations += _store_occupations(conn, round_id, facts, doc.url, now)
    if _check_occupations(conn, round_id, facts, doc, now):
        summary.occupation_mismatches.append(round_id)


def confirmed_rounds(conn: Connection) -> list[Round]:
    """The rounds the official feed confirmed: IRCC's record as stored."""
    r = schema.rounds
    return [row_to_round(row._mapping) for row in conn.execute(select(r).where(r.c.status == CONFIRMED))]


def link_unnumbered(conn: Connection, facts: RoundFacts) -> Any:
    """The one stored round a mention without a number must be: the same date, and the same
    invitations or the same cut-off; None when not exactly one (the other fact is then compared)."""
    if facts.date is None or (facts.invitations is None and facts.crs_min is None):
        return None
    r = schema.rounds
    rows = conn.execute(select(r).where(r.c.date == facts.date.value, r.c.status == CONFIRMED)).all()
    matching = [
        row
        for row in rows
        if any(
            f is not None and row._mapping[name] == f.value
            for name, f in (("invitations", facts.invitations), ("crs_min", facts.crs_min))
        )
    ]
    return matching[0] if len(matching) == 1 else None


def stored_match(conn: Connection, facts: RoundFacts) -> tuple[Round | None, dict[str, tuple[Any, Any]]]:
    """The stored round a mention is about (by its number, else by date and count or cut-off), and
    where the mention disagrees with it: ``(None, {})`` when no stored round matches."""
    r = schema.rounds
    row = (
        conn.execute(select(r).where(r.c.id == str(facts.round_id.value))).first()
        if facts.round_id is not None
        else link_unnumbered(conn, facts)
    )
    if row is None:
        return None, {}
    stored = row_to_round(row._mapping)
    return stored, compare_facts(facts.values(), stored)


def _insert_provisional(
    conn: Connection, item: Round, doc: SourceDocument, fetch_id: int, now: dt.datetime, baseline: bool
) -> None:
    digest = content_hash(item)
    conn.execute(
        insert(schema.rounds).values(
            **round_row(item, digest, PROVISIONAL), revision_count=1, first_seen=now, updated_at=now
        )
    )
    conn.execute(insert(schema.round_revisions).values(**revision_row(item, digest, doc.kind, now, fetch_id)))
    conn.execute(
        insert(schema.events).values(
            kind=NEW_ROUND,
            round_id=item.id,
            fetch_id=fetch_id,
            created_at=now,
            baseline=baseline,
            payload={
                "round": item.to_dict(),
                "provisional": True,
                "source": {"kind": doc.kind, "url": doc.url},
            },
        )
    )
    log.info(
        "round %s first seen in an announcement %s (%s): stored as provisional", item.id, doc.kind, doc.url
    )


def _fill(
    conn: Connection, stored: Round, facts: RoundFacts, doc: SourceDocument, fetch_id: int, now: dt.datetime
) -> bool:
    """Give a provisional round the facts it lacks; True if it gained any (a new revision)."""
    offered = facts.to_round(doc.kind, doc.url)
    if offered is None:
        offered = Round(id=stored.id, number=stored.number, date=stored.date)
        offered = _with_values(offered, facts, doc)
    changes = {
        name: getattr(offered, name)
        for name in FILLABLE_FIELDS
        if getattr(stored, name) in (None, ()) and getattr(offered, name) not in (None, ())
    }
    if not changes:
        return False
    filled = _replace(stored, changes)
    digest = content_hash(filled)
    r = schema.rounds
    conn.execute(
        update(r)
        .where(r.c.id == stored.id)
        .values(
            **round_row(filled, digest, PROVISIONAL), revision_count=r.c.revision_count + 1, updated_at=now
        )
    )
    rv = schema.round_revisions
    known = conn.execute(
        select(rv.c.id).where(rv.c.round_id == stored.id, rv.c.content_hash == digest)
    ).first()
    if known is None:
        conn.execute(insert(rv).values(**revision_row(filled, digest, doc.kind, now, fetch_id)))
    return True


def _with_values(base: Round, facts: RoundFacts, doc: SourceDocument) -> Round:
    """``base`` with the facts an undated announcement states."""
    values = {name: f.value for name, f in facts.found().items() if name in FILLABLE_FIELDS}
    if "programs" in values:
        values["programs"] = tuple(values["programs"])
    if doc.kind == "page":
        values["url"] = doc.url
    return _replace(base, values)


def _replace(item: Round, changes: Mapping[str, Any]) -> Round:
    return dataclasses.replace(item, **changes)


def _has_confirmed_rounds(conn: Connection) -> bool:
    r = schema.rounds
    return conn.execute(select(r.c.id).where(r.c.status == CONFIRMED).limit(1)).first() is not None


def _insert_fetch(conn: Connection, doc: SourceDocument, now: dt.datetime) -> int:
    warnings = doc.announcement.warnings if doc.announcement else ()
    return insert_fetch(conn, now, doc, [{"reason": w} for w in warnings])


def _observe(
    conn: Connection,
    doc: SourceDocument,
    fetch_id: int,
    now: dt.datetime,
    round_id: str | None,
    action: str,
    facts: RoundFacts | None,
    warnings: list[str],
    error: str | None = None,
) -> None:
    conn.execute(
        insert(source_observations).values(
            fetch_id=fetch_id,
            kind=doc.kind,
            url=doc.url,
            fetched_at=now,
            round_id=round_id,
            action=action,
            facts=facts.to_dict() if facts is not None else None,
            warnings=warnings,
            error=error,
        )
    )


def _upsert_warning(
    conn: Connection,
    round_id: str,
    doc: SourceDocument,
    name: str,
    source_value: Any,
    stored_value: Any,
    status: str,
    now: dt.datetime,
) -> None:
    """Keep one row per round, source, field and pair of values; move its ``last_seen``."""
    w = round_source_warnings
    rows = conn.execute(
        select(w.c.id, w.c.source_value, w.c.stored_value).where(
            w.c.round_id == round_id, w.c.source_url == doc.url, w.c.field == name
        )
    ).all()
    for row in rows:
        if row.source_value == source_value and row.stored_value == stored_value:
            conn.execute(update(w).where(w.c.id == row.id).values(last_seen=now, stored_status=status))
            return
    conn.execute(
        insert(w).values(
            round_id=round_id,
            source_kind=doc.kind,
            source_url=doc.url,
            field=name,
            source_value=source_value,
            stored_value=stored_value,
            stored_status=status,
            first_seen=now,
            last_seen=now,
        )
    )
    log.warning(
        "round %s: %s %s says %s %r, the stored (%s) round %r; kept the stored value",
        round_id,
        doc.kind,
        doc.url,
        name,
        source_value,
        status,
        stored_value,
    )


def _store_occupations(conn: Connection, round_id: str, facts: RoundFacts, url: str, now: dt.datetime) -> int:
    """Add the occupations this document lists for the round (new ones only)."""
    if not facts.occupations:
        return 0
    o = round_occupations
    known = {
        row.noc_code
        for row in conn.execute(select(o.c.noc_code).where(o.c.round_id == round_id, o.c.source_url == url))
    }
    rows = []
    for item in facts.occupations:
        if item.noc_code not in known:
            known.add(item.noc_code)
            rows.append(
                {
                    "round_id": round_id,
                    "occupation": item.name,
                    "noc_code": item.noc_code,
                    "source_url": url,
                    "first_seen": now,
                }
            )
    if rows:
        conn.execute(insert(o), rows)
    return len(rows)


def learned_lists(conn: Connection) -> tuple[CategoryVersion, ...]:
    """The occupation lists round pages gave for category rounds no shipped list covers (one per page).

    Each is dated by its round (``effective_from``) and sourced by its page's URL; the catalog uses it
    for that category from that date until a shipped version covers the date.
    """
    o, r = round_occupations, schema.rounds
    rows = conn.execute(
        select(o.c.round_id, o.c.source_url, o.c.noc_code, o.c.occupation, r.c.category, r.c.date)
        .join(r, r.c.id == o.c.round_id)
        .where(r.c.category.is_not(None))
        .order_by(o.c.id)
    ).all()
    catalog = load_catalog()
    pages: dict[tuple[str, str], list[Any]] = {}
    for row in rows:
        if catalog.version_on(row.category, row.date) is None:
            pages.setdefault((row.round_id, row.source_url), []).append(row)
    learned = []
    for (round_id, url), found in pages.items():
        first = found[0]
        seen: dict[str, str] = {}
        for row in found:
            seen.setdefault(row.noc_code, row.occupation)
        learned.append(
            CategoryVersion(
                category=first.category,
                version="learned",
                effective_from=first.date,
                effective_until=None,
                source=url,
                occupations=tuple(Occupation(noc, title) for noc, title in seen.items()),
                requirements=Requirements(note="As listed on the round's Ministerial Instructions page."),
                title=first.category,
                source_note=f"learned from the Ministerial Instructions page of round #{round_id}",
                learned=True,
            )
        )
    return tuple(learned)


def _check_occupations(
    conn: Connection, round_id: str, facts: RoundFacts, doc: SourceDocument, now: dt.datetime
) -> bool:
    """Compare the occupations a page lists with the shipped list in force on the round's date.

    A difference is kept as an ``occupations`` warning (source value: the codes only the page
    lists and those only the shipped list has; stored value: the shipped list's name). True if any.
    """
    if not facts.occupations:
        return False
    r = schema.rounds
    row = conn.execute(select(r.c.category, r.c.date, r.c.status).where(r.c.id == round_id)).first()
    if row is None or row.category is None:
        return False
    version = load_catalog().version_on(row.category, row.date)
    if version is None or version.occupations is None:
        return False
    listed = {item.noc_code for item in facts.occupations}
    only_page, only_shipped = sorted(listed - version.nocs), sorted(version.nocs - listed)
    if not only_page and not only_shipped:
        return False
    difference = {"not_in_shipped": only_page, "missing_from_page": only_shipped}
    shipped = f"{row.category} {version.version}"
    _upsert_warning(conn, round_id, doc, OCCUPATIONS, difference, shipped, row.status, now)
    return True


# -- for the feed's path and the views -----------------------------------------


def record_feed_disagreements(conn: Connection, round_ids: Iterable[str], now: dt.datetime) -> int:
    """Compare the latest observation of each source with rounds the feed just confirmed.

    Meant to run in the feed's transaction, right after provisional rounds
    become confirmed; returns how many disagreements were recorded.
    """
    ids = list(dict.fromkeys(round_ids))
    if not ids:
        return 0
    r, obs = schema.rounds, source_observations
    rounds = {row.id: row_to_round(row._mapping) for row in conn.execute(select(r).where(r.c.id.in_(ids)))}
    latest = (
        select(func.max(obs.c.id))
        .where(obs.c.round_id.in_(ids), obs.c.facts.is_not(None))
        .group_by(obs.c.round_id, obs.c.url)
    )
    count = 0
    for row in conn.execute(select(obs).where(obs.c.id.in_(latest))):
        stored = rounds.get(row.round_id)
        if stored is None:
            continue
        doc = SourceDocument(url=row.url, kind=row.kind, outcome=CHANGED)
        for name, (source_value, stored_value) in compare_facts(fact_values(row.facts), stored).items():
            _upsert_warning(conn, row.round_id, doc, name, source_value, stored_value, CONFIRMED, now)
            count += 1
    return count


def fact_values(facts: Mapping[str, Any] | None) -> dict[str, Any]:
    """The values of a stored ``RoundFacts.to_dict()``, by field name."""
    fields = (facts or {}).get("fields") or {}
    return {name: found["value"] for name, found in fields.items() if found is not None}


def source_warnings(conn: Connection, round_ids: Iterable[str]) -> dict[str, list[str]]:
    """Disagreements of announcements with the stored rounds, as lines to show with each round.

    Only those that still hold against the round's current values are given.
    """
    ids = list(dict.fromkeys(round_ids))
    if not ids:
        return {}
    r, w = schema.rounds, round_source_warnings
    rounds = {row.id: row for row in conn.execute(select(r).where(r.c.id.in_(ids)))}
    rows = conn.execute(select(w).where(w.c.round_id.in_(ids)).order_by(w.c.id)).all()
    out: dict[str, list[str]] = {}
    for row in rows:
        stored_row = rounds.get(row.round_id)
        if stored_row is None:
            continue
        if row.field == OCCUPATIONS:
            out.setdefault(row.round_id, []).append(_occupations_line(row))
            continue
        current = row_to_round(stored_row._mapping).to_dict().get(row.field)
        if current == row.source_value or current is None:
            continue
        who = "the feed" if stored_row._mapping["status"] == CONFIRMED else "the stored (provisional) round"
        out.setdefault(row.round_id, []).append(
            f"{row.source_kind} {row.source_url} says {row.field} {_show(row.source_value)}; "
            f"{who} says {_show(current)}"
        )
    return out


def static_page_urls(conn: Connection, limit: int) -> list[str]:
    """The MI page URLs of the newest stored rounds whose page is static (``invitations-N.html``)."""
    r = schema.rounds
    query = (
        select(r.c.url)
        .where(r.c.url.like("https://www.canada.ca/%/invitations-%.htm%"))
        .order_by(r.c.date.desc(), r.c.number.desc())
        .limit(limit)
    )
    return [row.url for row in conn.execute(query)]


def _occupations_line(row: Any) -> str:
    """``page URL lists NOC 21231 not on the shipped stem 2025 list; ... lacks 21301``."""
    value = row.source_value if isinstance(row.source_value, dict) else {}
    parts = []
    if value.get("not_in_shipped"):
        parts.append(
            f"lists NOC {', '.join(value['not_in_shipped'])} not on the shipped {row.stored_value} list"
        )
    if value.get("missing_from_page"):
        parts.append(
            f"lacks NOC {', '.join(value['missing_from_page'])} of the shipped {row.stored_value} list"
        )
    return f"{row.source_kind} {row.source_url} " + "; ".join(parts or ["differs from the shipped list"])


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value) or "-"
    return str(value)
