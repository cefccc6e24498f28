"""The Atom feed of rounds (RFC 4287): one entry per round, amendments as updates.

An entry's ``id`` never changes (``tag:eewatch,2015:round/254``). Its
``published`` is when the round was held (``held_at``, else its date at
00:00 UTC), not when eewatch first saw it, so a backfill gives every entry its
own time. Its ``updated`` is the same until the round is amended; then it is
when we first saw the newest revision, so readers show an amended round again,
and the content lists what changed. The feed's ``updated`` is its newest
entry's, so an unchanged store gives the same feed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eewatch.app.views.groups import group_of, label
from eewatch.app.views.safe import clean_text, vet
from eewatch.domain.record import CONTENT_FIELDS, Round

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ID = "tag:eewatch,2015:rounds"
#: Entries in the feed: the rounds most recently published or amended.
DEFAULT_ENTRIES = 50


def entry_id(round_id: str) -> str:
    """The stable id of a round's entry."""
    return f"tag:eewatch,2015:round/{round_id}"


@dataclass(frozen=True)
class Amendment:
    """One change of a published round: when we saw it, and ``{field: [old, new]}``."""

    seen: dt.datetime
    changes: dict[str, list[Any]]


@dataclass(frozen=True)
class History:
    """When a round was first seen, when it last changed, and its amendments (oldest first)."""

    published: dt.datetime
    updated: dt.datetime
    amendments: tuple[Amendment, ...]


def history(revisions: Sequence[Mapping[str, Any]]) -> History:
    """A round's history from its ``round_revisions`` rows (oldest first)."""
    if not revisions:
        raise ValueError("a stored round has at least one revision")
    ordered = sorted(revisions, key=lambda r: (r["first_seen"], r["id"]))
    amendments = []
    for before, after in itertools.pairwise(ordered):
        old, new = before["record"], after["record"]
        changes = {k: [old.get(k), new.get(k)] for k in CONTENT_FIELDS if old.get(k) != new.get(k)}
        amendments.append(Amendment(after["first_seen"], changes))
    return History(ordered[0]["first_seen"], ordered[-1]["first_seen"], tuple(amendments))


def round_time(item: Round) -> dt.datetime:
    """When the round was held: ``held_at``, else its date at 00:00 UTC."""
    if item.held_at is not None:
        return item.held_at
    return dt.datetime.combine(item.date, dt.time(), tzinfo=dt.UTC)


def entry_times(item: Round, hist: History) -> tuple[dt.datetime, dt.datetime]:
    """An entry's ``published`` (the round's time) and ``updated`` (its last amendment seen, if any)."""
    published = round_time(item)
    if not hist.amendments:
        return published, published
    return published, max(published, hist.updated)


def iso(moment: dt.datetime) -> str:
    """RFC 3339 in UTC with a ``Z``."""
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def entry_title(item: Round, amended: bool) -> str:
    """``Round #337 (amended): French language proficiency — 800 invitations, CRS 428``."""
    invitations = (
        f"{item.invitations:,} invitations" if item.invitations is not None else "invitations not published"
    )
    crs = f"CRS {item.crs_min}" if item.crs_min is not None else "CRS not published"
    name = item.name or label(group_of(item))
    return f"Round #{item.id}{' (amended)' if amended else ''}: {name} — {invitations}, {crs}"


def entry_text(item: Round, hist: History) -> str:
    """A plain-text summary of the round, then its amendments."""
    lines = [
        f"Round #{item.id} on {item.date.isoformat()} ({group_of(item).short}).",
        f"Invitations: {item.invitations:,}."
        if item.invitations is not None
        else "Invitations: not published.",
        f"Lowest CRS invited: {item.crs_min}." if item.crs_min is not None else "Lowest CRS: not published.",
    ]
    if item.tie_break_at:
        lines.append(f"Tie-breaking rule: {iso(item.tie_break_at)}.")
    if item.programs:
        lines.append("Programs: " + ", ".join(item.programs) + ".")
    for amendment in hist.amendments:
        changed = "; ".join(f"{k}: {old!r} → {new!r}" for k, (old, new) in amendment.changes.items())
        lines.append(f"Amended (seen {iso(amendment.seen)}): {changed}.")
    return "\n".join(lines)


def render_atom(
    rounds: Sequence[Round],
    histories: Mapping[str, History],
    *,
    title: str,
    now: dt.datetime,
    site_url: str | None = None,
    entries: int = DEFAULT_ENTRIES,
) -> bytes:
    """The feed document. ``site_url`` (ending in ``/``) makes the self and alternate links absolute."""
    rounds = [vet(r) for r in rounds]
    title = clean_text(title)
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    times = {r.id: entry_times(r, histories[r.id]) for r in rounds if r.id in histories}
    chosen = sorted(
        (r for r in rounds if r.id in times),
        key=lambda r: (times[r.id][1], r.date, r.number),
        reverse=True,
    )[:entries]
    updated = max((times[r.id][1] for r in chosen), default=now)
    base = site_url or ""
    sub(feed, "id", FEED_ID)
    sub(feed, "title", title)
    sub(feed, "subtitle", "Express Entry rounds of invitations, as published by IRCC on canada.ca")
    sub(feed, "updated", iso(updated))
    author = sub(feed, "author")
    sub(author, "name", "eewatch")
    sub(feed, "generator", "eewatch")
    sub(feed, "link", rel="alternate", type="text/html", href=f"{base}index.html")
    if site_url:
        sub(feed, "link", rel="self", type="application/atom+xml", href=f"{base}feed.xml")
    for item in chosen:
        hist = histories[item.id]
        entry = sub(feed, "entry")
        sub(entry, "id", entry_id(item.id))
        sub(entry, "title", entry_title(item, bool(hist.amendments)))
        published, entry_updated = times[item.id]
        sub(entry, "published", iso(published))
        sub(entry, "updated", iso(entry_updated))
        href = item.url or f"{base}{group_of(item).slug}.html"
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        group = group_of(item)
        sub(entry, "category", term=group.short, label=label(group, [item]))
        sub(entry, "summary", entry_text(item, hist), type="text")
    ET.indent(feed)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"
