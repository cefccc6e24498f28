"""An article's rounds read against IRCC's record: a day the record has no round on is no round's.

An article names many dates: the round it reports, earlier rounds, a provincial
draw, the launch of a category, a rule change. The reader decides from the text
alone which are rounds, and sometimes decides wrong (a provincial invitation, a
year guessed from the wrong sentence). Where IRCC's own record of rounds is at
hand (the store, fed by the official feed), a mention it dates within the
record's span but on a day with no round, give or take a day, is not printed as
a round: the announcement's warnings say which date it was and why. A mention
whose number and date name two different rounds of the record keeps the one
the record bears out. A mention numbered with a number the record lacks is left
alone, whatever its date: it may be a round the feed left out.

The record never supplies a value: every value still printed is the article's,
and where the article and the record disagree on a round's count or cut-off
the mention keeps the article's figure (``eewatch announcement`` shows both).
Dates after the record's newest round are left alone: a new round is in
articles before it is in the feed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from eewatch.domain.announcement import Announcement, RoundFacts
from eewatch.domain.record import Round

#: An article dated in another time zone may name the day after the round.
SLACK = dt.timedelta(days=1)


def against_record(announcement: Announcement, record: Iterable[Round]) -> Announcement:
    """``announcement`` with the mentions IRCC's ``record`` cannot bear out dropped or trimmed."""
    return read_against_record(announcement, record)[0]


def read_against_record(
    announcement: Announcement, record: Iterable[Round]
) -> tuple[Announcement, list[tuple[RoundFacts, str]]]:
    """:func:`against_record`, and each mention it dropped with the warning that says why (a store keeps
    them as observations: nothing an article said is lost)."""
    rounds = list(record)
    if not rounds:
        return announcement, []
    # A record that holds round 1 covers every day before it too: no round was ever held then.
    first = dt.date.min + SLACK if any(r.number == 1 for r in rounds) else min(r.date for r in rounds)
    last = max(r.date for r in rounds)
    by_number = {r.id: r for r in rounds}
    kept: list[RoundFacts] = []
    dropped: list[tuple[RoundFacts, str]] = []
    for facts in announcement.rounds:
        checked = _check(facts, rounds, by_number, first, last)
        if checked is None:
            assert facts.date is not None
            day = facts.date.value
            why = (
                f"date: {facts.date.snippet!r} dates a round on {day.isoformat()}, but IRCC's record has no "
                f"round within a day of it; not printed as a round"
            )
            dropped.append((facts, why))
            continue
        kept.append(checked)
    if not dropped and all(a is b for a, b in zip(kept, announcement.rounds, strict=True)):
        return announcement, []
    warnings = (*announcement.warnings, *(why for _, why in dropped))
    return dataclasses.replace(announcement, rounds=tuple(kept), warnings=warnings), dropped


def _check(
    facts: RoundFacts, rounds: Sequence[Round], by_number: dict[str, Round], first: dt.date, last: dt.date
) -> RoundFacts | None:
    """The mention as the record bears it out; None for a dated round the record has no round for."""
    if facts.date is None or not isinstance(facts.date.value, dt.date):
        return facts
    day = facts.date.value
    if day < first - SLACK or day > last:
        return facts
    near = [r for r in rounds if abs(r.date - day) <= SLACK]
    if facts.round_id is None:
        return facts if near else None
    numbered = by_number.get(str(facts.round_id.value))
    if numbered is None:
        # A number the record lacks may be a round the feed left out: the article is the one source.
        return facts
    if abs(numbered.date - day) <= SLACK:
        return facts
    if near:
        # The day is a round's, the number another's: the number is the doubt.
        note = (
            f"round_id: IRCC's round {numbered.id} was held on {numbered.date.isoformat()}, not on "
            f"{day.isoformat()} as {facts.date.snippet!r} says; left empty"
        )
        return dataclasses.replace(facts, round_id=None, warnings=(*facts.warnings, note))
    note = (
        f"date: {facts.date.snippet!r} reads {day.isoformat()}, a day IRCC's record has no round on, and "
        f"round {numbered.id} was held on {numbered.date.isoformat()}; left empty"
    )
    return dataclasses.replace(facts, date=None, warnings=(*facts.warnings, note))
