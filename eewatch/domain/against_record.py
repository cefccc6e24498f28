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

What the text gives a round only by context (``RoundFacts.by_context``: a figure
or kind from a clause that names no round, a date that writes no year) is where
the reader most often pairs a value with the wrong round: such a value that every
round the mention names contradicts is left empty, with a warning that gives
both (unless it is a slip of the pen, or the count and cut-off together are
another round's, which the article misdated); an unnumbered mention whose
year-less date the record's round of that day contradicts is not printed.

A round given only a month and day (its year in doubt, ``day_written``) and a
count or cut-off is dated on the one round of that month and day with those
figures, dropped where no round of that day has them, and left undated where
several have; a number without a date and a day without a number that the
record says are one round are printed as one.

The record never supplies a figure or a kind (only the year of a day written
without one): every other value printed is the article's, and where the
article and the record disagree on a round's count or cut-off the mention
keeps the article's figure (``eewatch announcement`` shows both).
Dates after the record's newest round are left alone: a new round is in
articles before it is in the feed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from eewatch.domain.announcement import Announcement, Found, RoundFacts
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
        dated, why = _dated_by_record(facts, rounds)
        if dated is None:
            dropped.append((facts, why))
            continue
        checked, why = _check(dated, rounds, by_number, first, last)
        if checked is None:
            dropped.append((facts, why))
            continue
        kept.append(checked)
    kept = _joined(kept, by_number)
    if (
        not dropped
        and len(kept) == len(announcement.rounds)
        and all(a is b for a, b in zip(kept, announcement.rounds, strict=True))
    ):
        return announcement, []
    warnings = (*announcement.warnings, *(why for _, why in dropped))
    return dataclasses.replace(announcement, rounds=tuple(kept), warnings=warnings), dropped


def _dated_by_record(facts: RoundFacts, rounds: Sequence[Round]) -> tuple[RoundFacts | None, str]:
    """A round the article gives a month and day with no year, and a count or cut-off, read against the
    record: dated on the one round held on that month and day with those figures; not printed where no round
    held on that day (give or take one) has them; left undated where several have.

    The day and the figures are the article's; the record says only which year they are of. "Canada has
    invited 924 ... on March 16 ... at least 754": IRCC's rounds held on a March 16 with 924 at 754 are one,
    of 2022. A year the reader guessed for such a day ("took 2020") that the record's rounds of that day
    contradict, where one round of that month and day has the figures, is read so too."""
    given = [(name, f.value) for name in _FIGURES if (f := getattr(facts, name)) is not None]
    if facts.round_id is not None or not given:
        return facts, ""
    if facts.date is not None:
        return _redated(facts, given, rounds), ""
    written = facts.day_written
    if written is None:
        return facts, ""
    month, day = (int(part) for part in written.value.split("-"))

    def near(r: Round, slack: int) -> bool:
        try:
            return abs((r.date - r.date.replace(month=month, day=day)).days) <= slack
        except ValueError:  # February 29 in another year
            return False

    said = _said(given)
    if not any(near(r, SLACK.days) and _bears(r, given) for r in rounds):
        why = (
            f"date: {written.snippet!r} writes no year, and no round of IRCC's record held on that day "
            f"(give or take one) has {said}; not printed as a round"
        )
        return None, why
    same = [r for r in rounds if near(r, 0) and _bears(r, given)]
    if len(same) != 1:
        return facts, ""
    held = same[0]
    note = (
        f"date: {written.snippet!r} writes no year; IRCC's record has one round on that day with {said}, "
        f"round {held.id} of {held.date.isoformat()}: read as its day"
    )
    dated = dataclasses.replace(
        facts,
        date=Found(held.date, written.start, written.end, written.snippet),
        day_written=None,
        warnings=(*facts.warnings, note),
    )
    return dated, ""


def _redated(facts: RoundFacts, given: list[tuple[str, object]], rounds: Sequence[Round]) -> RoundFacts:
    """A date whose year the text does not write (read in a year the reader guessed), whose figures no round
    of the record within a day of it has: on the one round of that month and day that has them, if one."""
    assert facts.date is not None
    read = facts.date.value
    if "date" not in facts.by_context or not isinstance(read, dt.date):
        return facts

    if any(abs(r.date - read) <= SLACK and _bears(r, given) for r in rounds):
        return facts
    same = [r for r in rounds if (r.date.month, r.date.day) == (read.month, read.day) and _bears(r, given)]
    if len(same) != 1:
        return facts
    held = same[0]
    said = _said(given)
    note = (
        f"date: {facts.date.snippet!r} writes no year and was read as {read.isoformat()}, but IRCC's round "
        f"of that day has other figures; its one round of that day with {said} is round {held.id} of "
        f"{held.date.isoformat()}: read as its day"
    )
    day = Found(held.date, facts.date.start, facts.date.end, facts.date.snippet)
    return dataclasses.replace(facts, date=day, warnings=(*facts.warnings, note))


def _bears(r: Round, given: list[tuple[str, object]]) -> bool:
    """Does round ``r`` of the record have every figure ``given`` ((field, value) pairs)?"""
    return all(_value(r, name) == value for name, value in given)


def _said(given: list[tuple[str, object]]) -> str:
    return " and ".join(f"{name} {value}" for name, value in given)


def _joined(kept: list[RoundFacts], by_number: dict[str, Round]) -> list[RoundFacts]:
    """A round the article numbers but does not date ("this is the 228th draw"), and one it dates but does not
    number ("held on August 3"), that IRCC's record says are one round: one mention, numbered and dated."""
    out = list(kept)
    for numbered in kept:
        number = numbered.round_id
        held = by_number.get(str(number.value)) if number is not None else None
        if number is None or held is None or numbered.date is not None:
            continue
        same = [f for f in out if f.round_id is None and f.date is not None and f.date.value == held.date]
        if len(same) != 1:
            continue
        dated = same[0]
        fields = {
            name: getattr(numbered, name)
            for name in ("round_id", *_FIGURES, *_KIND)
            if getattr(dated, name) is None and getattr(numbered, name) is not None
        }
        day = dated.date.snippet if dated.date is not None else ""
        note = (
            f"round_id: {number.snippet!r} and {day!r} name one round in IRCC's record (round {held.id}, "
            f"{held.date.isoformat()}): read as one"
        )
        joined = dataclasses.replace(dated, warnings=(*dated.warnings, *numbered.warnings, note), **fields)
        out = [joined if f is dated else f for f in out if f is not numbered]
    return out


def _check(
    facts: RoundFacts, rounds: Sequence[Round], by_number: dict[str, Round], first: dt.date, last: dt.date
) -> tuple[RoundFacts | None, str]:
    """The mention as the record bears it out, or None and why it is not printed as a round."""
    matched, named = _matched(facts, rounds, by_number, first, last)
    if matched is None:
        assert facts.date is not None
        day = facts.date.value.isoformat()
        why = (
            f"date: {facts.date.snippet!r} dates a round on {day}, but IRCC's record has no round within a "
            "day of it; not printed as a round"
        )
        return None, why
    if not named:
        return matched, ""
    return _context_doubts(matched, named, rounds)


def _matched(
    facts: RoundFacts, rounds: Sequence[Round], by_number: dict[str, Round], first: dt.date, last: dt.date
) -> tuple[RoundFacts | None, list[Round]]:
    """The mention as the record bears out its number and date (None: a dated round the record has no
    round for), and the record's rounds it names (none where the record cannot say)."""
    numbered = by_number.get(str(facts.round_id.value)) if facts.round_id is not None else None
    if facts.date is None or not isinstance(facts.date.value, dt.date):
        return facts, [numbered] if numbered is not None else []
    day = facts.date.value
    if day < first - SLACK or day > last:
        return facts, []
    near = [r for r in rounds if abs(r.date - day) <= SLACK]
    if facts.round_id is None:
        return (facts, near) if near else (None, [])
    if numbered is None:
        # A number the record lacks may be a round the feed left out: the article is the one source.
        return facts, []
    if abs(numbered.date - day) <= SLACK:
        return facts, [numbered]
    if "date" in facts.by_context and (numbered.date.month, numbered.date.day) == (day.month, day.day):
        # "Held on February 19 ... the 337th overall", its year guessed wrong: the day is the round's, of the
        # year the record gives it.
        note = (
            f"date: {facts.date.snippet!r} writes no year and was read as {day.isoformat()}; IRCC's round "
            f"{numbered.id} was held on that day of {numbered.date.year}: read as its day"
        )
        dated = Found(numbered.date, facts.date.start, facts.date.end, facts.date.snippet)
        return dataclasses.replace(facts, date=dated, warnings=(*facts.warnings, note)), [numbered]
    if near:
        # The day is a round's, the number another's: the number is the doubt.
        note = (
            f"round_id: IRCC's round {numbered.id} was held on {numbered.date.isoformat()}, not on "
            f"{day.isoformat()} as {facts.date.snippet!r} says; left empty"
        )
        return dataclasses.replace(facts, round_id=None, warnings=(*facts.warnings, note)), near
    note = (
        f"date: {facts.date.snippet!r} reads {day.isoformat()}, a day IRCC's record has no round on, and "
        f"round {numbered.id} was held on {numbered.date.isoformat()}; left empty"
    )
    return dataclasses.replace(facts, date=None, warnings=(*facts.warnings, note)), [numbered]


#: The fields a sentence not naming the round may give it, and the kind's fields that go with its type.
_FIGURES = ("invitations", "crs_min")
_KIND = ("round_type", "category", "programs")


def _context_doubts(
    facts: RoundFacts, named: list[Round], rounds: Sequence[Round]
) -> tuple[RoundFacts | None, str]:
    """Values the text gives only by context that every round the mention names contradicts: a figure or
    kind from a sentence that does not name the round is then another round's as likely as this one's, and
    is left empty; a date whose year the text does not write, whose round's every other figure the record
    contradicts, is a year in doubt, and the unnumbered mention is not printed as a round."""
    cleared: dict[str, None] = {}
    notes: list[str] = []
    # "the twelfth draw ... on June 26, 2015. A total of 1,516 invitations ... 463 or more": the count and
    # cut-off of one round of the record together are that article's, dated wrong by the article itself.
    another = _figures_of_a_round(facts, rounds)
    for name in (*_FIGURES, "round_type"):
        found = getattr(facts, name)
        if name not in facts.by_context or found is None or another or not _disagrees(name, found, named):
            continue
        fields = _KIND if name == "round_type" else (name,)
        cleared.update(dict.fromkeys(f for f in fields if getattr(facts, f) is not None))
        notes.append(
            f"{name}: {found.snippet!r} comes from a sentence that does not name this round, and IRCC's "
            f"record gives {_record_values(name, named)}; it may be another round's; left empty"
        )
    if cleared:
        facts = dataclasses.replace(
            facts,
            warnings=(*facts.warnings, *notes),
            by_context=facts.by_context - set(cleared),
            **cleared,  # type: ignore[arg-type]
        )
    figures = [(n, f) for n in _FIGURES if (f := getattr(facts, n)) is not None]
    if (
        facts.round_id is not None
        and "round_id" in facts.by_context
        and figures
        and all(_disagrees(n, f, named) for n, f in figures)
    ):
        # "its 13th Express Entry draw ... 4800 ... 488", "The 15th draw ..., which invited 4,300": round 13
        # of the record (1,581 at 451) is not this one; the ordinal counts the year's draws, and the number
        # is the doubt.
        note = (
            f"round_id: {facts.round_id.snippet!r} may count the year's draws: IRCC's round "
            f"{facts.round_id.value} has other figures than the article gives; left empty"
        )
        if facts.date is None:
            return None, f"{note}; with no date, not printed as a round"
        facts = dataclasses.replace(facts, round_id=None, warnings=(*facts.warnings, note))
    if (
        facts.round_id is None
        and facts.date is not None
        and "date" in facts.by_context
        and figures
        and all(_disagrees(n, f, named) for n, f in figures)
        # One figure alone may be the article's own error ("888" for 681): the year is in doubt only where
        # the figure is another round's of those weeks ("1,842" on "May 13th": May 20's count).
        and (len(figures) > 1 or _of_another_round(*figures[0], facts.date.value, named, rounds))
    ):
        said = ", ".join(repr(f.snippet) for _, f in figures)
        why = (
            f"date: {facts.date.snippet!r} writes no year and was read as {facts.date.value.isoformat()}, "
            f"but IRCC's round of that day has other figures than {said}; the year is in doubt; not printed "
            "as a round"
        )
        return None, why
    return facts, ""


#: How far from the day read another round's figure may be and still be the one a day was paired with.
_WEEKS = dt.timedelta(days=60)


def _of_another_round(
    name: str, found: Found, day: dt.date, named: list[Round], rounds: Sequence[Round]
) -> bool:
    """Is ``found`` the ``name`` of a round of the record within :data:`_WEEKS` of ``day``, not one named?"""
    return any(
        r not in named and abs(r.date - day) <= _WEEKS and _value(r, name) == found.value for r in rounds
    )


def _figures_of_a_round(facts: RoundFacts, rounds: Sequence[Round]) -> bool:
    """Are the mention's count and cut-off (both given) those of one round of the record?"""
    if facts.invitations is None or facts.crs_min is None:
        return False
    figures = (facts.invitations.value, facts.crs_min.value)
    return any((r.invitations, r.crs_min) == figures for r in rounds)


def _disagrees(name: str, found: Found, named: list[Round]) -> bool:
    """Does every round named publish another ``name`` than ``found``, and not by the article's own slip of
    the pen ("3,664" for 3,644; "511" for 510), which stays its claim, shown as a disagreement?"""
    if not _contradicted(name, found.value, named):
        return False
    return name not in _FIGURES or not any(_slip(found.value, _value(r, name)) for r in named)


def _slip(value: object, record: object) -> bool:
    """Is ``value`` the record's figure with a slip of the pen: a cut-off within 2 points, a count with
    its digits swapped or one digit wrong?"""
    if not isinstance(value, int) or not isinstance(record, int) or value == record:
        return False
    if abs(value - record) <= 2:
        return True
    a, b = str(value), str(record)
    one_wrong = sum(x != y for x, y in zip(a, b, strict=False)) == 1
    return len(a) == len(b) and (sorted(a) == sorted(b) or one_wrong)


def _contradicted(name: str, value: object, named: list[Round]) -> bool:
    """Does every round named publish another value for ``name`` than ``value``?"""
    record = [_value(r, name) for r in named]
    return bool(record) and all(v is not None and v != _normal(name, value) for v in record)


def _value(r: Round, name: str) -> object:
    if name == "programs":
        return frozenset(r.programs) or None
    return getattr(r, name)


def _normal(name: str, value: object) -> object:
    return frozenset(value) if name == "programs" and isinstance(value, (tuple, list)) else value


def _record_values(name: str, named: list[Round]) -> str:
    return " or ".join(f"{_value(r, name)!s} (round {r.id})" for r in named)
