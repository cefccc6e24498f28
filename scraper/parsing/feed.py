"""IRCC's rounds feed (``ee_rounds_123_en.json``): bytes -> rounds + problems.

Pure: no I/O, no clock. Accepts the whole document
``{"classes": ..., "rounds": [...]}`` and the bare ``rounds`` array.
A document that cannot be read at all raises :class:`FeedFormatError`; a
record that cannot be trusted is rejected with a reason (a :class:`Problem`),
and the others are kept.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urljoin

from eewatch.domain.fetches import FeedFormatError, FeedParse, Problem
from eewatch.domain.record import DISTRIBUTION_BANDS, Round
from eewatch.domain.taxonomy import classify, programs_in
from scraper.parsing.dates import clean, parse_date, parse_datetime

SITE = "https://www.canada.ca"

#: The keys every record of the feed has carried so far (31 of them).
EXPECTED_KEYS = frozenset(
    {
        "drawNumber",
        "drawNumberURL",
        "drawDate",
        "drawDateFull",
        "drawName",
        "drawSize",
        "drawCRS",
        "mitext",
        "DrawText1",
        "drawText2",
        "drawDateTime",
        "drawCutOff",
        "drawDistributionAsOn",
        *(f"dd{i}" for i in range(1, 19)),
    }
)

_ID = re.compile(r"^(?P<number>\d{1,6})(?P<suffix>[a-z]?)$", re.I | re.ASCII)
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
_INT = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+$|^\d+$", re.ASCII)
_NON_DIGIT = re.compile(r"\D")
#: A lone UTF-16 surrogate: valid in JSON ("\\ud800"), but not Unicode text (cannot be encoded as UTF-8).
_SURROGATE = re.compile("[\ud800-\udfff]")
#: More digits than this in a count cannot be true (MAX_COUNT has 9); checked before ``int()``, which
#: raises past 4,300 digits.
MAX_COUNT_DIGITS = 9
#: A JSON integer literal longer than this is not read as a number (``int()`` would refuse past 4,300).
MAX_LITERAL_DIGITS = 100
#: What :func:`~scraper.parsing.dates.clean` would change: whitespace other than a space,
#: two spaces, a space at either end. Text without any is clean already (most fields are).
_UNCLEAN = re.compile(r"[^\S ]|  |^ | $")
#: The largest count kept: more digits than this is a typo, and would not fit the database's INTEGER.
MAX_COUNT = 999_999_999
# IRCC's CMS path for the public /en/ tree.
_CMS_PREFIX = "/content/canadasite/"


class HugeNumber:
    """A JSON integer literal with too many digits to be any field's value: kept as a marker, so
    the record holding it is dealt with alone (not the whole copy refused by ``int()``)."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<a number of {self.digits} digits>"


def _parse_int(literal: str) -> int | HugeNumber:
    if len(literal) > MAX_LITERAL_DIGITS:
        return HugeNumber(len(literal.lstrip("-")))
    return int(literal)


def unsurrogate(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (the replacement character)."""
    return _SURROGATE.sub("\ufffd", text)


#: Parses one record as ``parse_record(record, site=...)`` does (same Round, or the same RecordError).
RecordParser = Callable[[Mapping[str, Any]], Round]


def parse_feed(body: bytes, *, site: str = SITE, parse: RecordParser | None = None) -> FeedParse:
    """Parse one copy of the feed. Raises :class:`FeedFormatError` if unusable.

    ``parse`` stands in for ``parse_record(record, site=site)`` on each record: a
    long-lived caller passes a memo of it (:class:`scraper.parsing.feed_memo.FeedParser`);
    it must give exactly what ``parse_record`` gives, so the result is the same.
    """
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedFormatError(f"feed is not valid UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise FeedFormatError("feed is empty")
    try:
        document = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise FeedFormatError(
            f"feed is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise FeedFormatError("feed is not usable JSON: nested too deeply") from None
    except ValueError:  # an integer literal past Python's digit limit
        raise FeedFormatError("feed is not usable JSON: a number with too many digits") from None
    if isinstance(document, dict):
        if "rounds" not in document:
            raise FeedFormatError("feed document has no 'rounds' key")
        records = document["rounds"]
    else:
        records = document
    if not isinstance(records, list):
        raise FeedFormatError(f"feed 'rounds' is a {type(records).__name__}, not a list")
    if not records:
        raise FeedFormatError("feed holds no rounds")

    if parse is None:

        def parse(record: Mapping[str, Any]) -> Round:
            return parse_record(record, site=site)

    problems: list[Problem] = []
    keys: set[str] = set()
    by_id: dict[str, list[tuple[int, Round]]] = {}
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            problems.append(Problem(index, None, f"record is a {type(record).__name__}, not an object"))
            continue
        keys.update(record)  # JSON object keys are always strings
        if not keys <= EXPECTED_KEYS:  # an unknown key is reported (feed_shape_changed): valid text only
            keys = {unsurrogate(key) for key in keys}
        try:
            parsed = parse(record)
        except RecordError as exc:
            round_id = _text(record.get("drawNumber"))
            problems.append(Problem(index, unsurrogate(round_id) if round_id else round_id, str(exc)))
            continue
        by_id.setdefault(parsed.id, []).append((index, parsed))
    rounds: list[Round] = []
    for round_id, found in by_id.items():
        first = found[0][1]
        if all(other.content() == first.content() for _, other in found[1:]):
            rounds.append(first)
            problems += [
                Problem(index, round_id, "a second record with this round id; kept the first")
                for index, _ in found[1:]
            ]
        else:
            # Two versions of one round in one copy: the source contradicts itself, so
            # neither is taken (the stored version stands).
            problems += [
                Problem(index, round_id, f"{len(found)} records for round {round_id} disagree; kept neither")
                for index, _ in found
            ]
    rounds.sort(key=lambda r: by_id[r.id][0][0])
    problems.sort(key=lambda p: p.index)
    if not rounds:
        reasons = "; ".join(sorted({p.reason for p in problems}))[:300]
        raise FeedFormatError(f"no usable round in the feed ({len(problems)} rejected: {reasons})")
    renamed = renamed_keys(keys)
    unread = EXPECTED_KEYS - keys - set(renamed.values())
    return FeedParse(tuple(rounds), tuple(problems), frozenset(keys), frozenset(unread))


def _fold(key: str) -> str:
    return _NOT_ALNUM.sub("", key.lower())


_NOT_ALNUM = re.compile(r"[^a-z0-9]")
#: An expected key as folded (lower case, letters and digits only) -> the key.
_FOLDED = {_fold(key): key for key in EXPECTED_KEYS}


def renamed_keys(keys: Iterable[str]) -> dict[str, str]:
    """Unknown keys that are an expected key spelled otherwise (``drawCrs``, ``draw_crs``) -> that key.

    Only where the expected key itself is absent: a record carrying both reads the expected one.
    """
    found: dict[str, str] = {}
    for key in keys:
        if key not in EXPECTED_KEYS:
            target = _FOLDED.get(_fold(key))
            if target is not None and target not in keys:
                found[key] = target
    return found


def is_feed_document(body: bytes) -> bool:
    """Does this look like the rounds feed itself (a JSON document of ``drawNumber`` records)?

    Cheap: the first few kilobytes are enough to tell (an announcement is HTML or prose).
    """
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return (head[:1] in (b"{", b"[") and b'"drawNumber"' in head) or b'"rounds"' in head[:200]


class RecordError(ValueError):
    """One record cannot be made into a round."""


def _text(value: Any) -> str | None:
    """A string field's folded text, or None if absent or not a string."""
    if value is None:
        return None
    if isinstance(value, str):
        return clean(value) if _UNCLEAN.search(value) else value
    return None


def parse_record(record: Mapping[str, Any], *, site: str = SITE) -> Round:
    """One feed record -> a :class:`Round`. Raises :class:`RecordError` if unusable.

    A key spelled otherwise than the feed has always spelled it (``drawCrs`` for ``drawCRS``)
    is read as that key, with a warning.
    """
    warnings: list[str] = []
    if not record.keys() <= EXPECTED_KEYS:
        renamed = renamed_keys(record.keys())
        if renamed:
            record = {**record, **{target: record[key] for key, target in renamed.items()}}
            warnings += [
                f"{unsurrogate(key)} read as {target} (a renamed key)" for key, target in renamed.items()
            ]

    def text(key: str) -> str | None:
        value = record.get(key)
        if isinstance(value, HugeNumber):
            warnings.append(f"{key}: a number with too many digits ({value.digits}); ignored")
            return None
        if value is not None and not isinstance(value, str):
            if isinstance(value, bool) or not isinstance(value, int | float):
                warnings.append(f"{key}: not text ({type(value).__name__}); ignored")
                return None
            if isinstance(value, int) and value.bit_length() > 64:
                warnings.append(f"{key}: a number of {value.bit_length()} bits; ignored")
                return None
            return str(value)
        if value is not None and not value.isascii() and _SURROGATE.search(value):
            warnings.append(f"{key}: a lone surrogate (not Unicode text) replaced by U+FFFD")
            value = unsurrogate(value)
        return _text(value) or None

    round_id = text("drawNumber")
    if not round_id:
        raise RecordError("drawNumber is missing" + (f" ({warnings[-1]})" if warnings else ""))
    match = _ID.match(round_id)
    if not match and _ID.match(round_id.removeprefix("#").strip()):
        warnings.append(f"drawNumber {round_id!r} read as {round_id.removeprefix('#').strip()!r}")
        round_id = round_id.removeprefix("#").strip()
        match = _ID.match(round_id)
    if not match:
        raise RecordError(f"drawNumber {round_id!r} is not a round number")
    number = int(match.group("number"))
    round_id = f"{number}{match.group('suffix').lower()}"

    date = parse_date(text("drawDate"), "drawDate")
    full = parse_date(text("drawDateFull"), "drawDateFull")
    if date.value is None and full.value is None:
        raise RecordError("drawDate is missing or unreadable")
    round_date: dt.date | None
    if date.value is not None:
        round_date = date.value
        warnings.extend(date.warnings)
        if full.value is not None and full.value != round_date:
            warnings.append(f"drawDateFull says {full.value}, drawDate says {round_date}; kept drawDate")
    else:
        round_date = full.value
        warnings.extend(full.warnings)
        warnings.append("drawDate is missing; took drawDateFull")
    assert isinstance(round_date, dt.date)

    held = parse_datetime(text("drawDateTime"), "drawDateTime", reference=round_date)
    warnings.extend(held.warnings)
    held_at = held.value if isinstance(held.value, dt.datetime) else None
    if held_at is not None and held_at.date() != round_date:
        warnings.append(f"drawDateTime is on {held_at.date()}, not the round's date {round_date}")

    cut = parse_datetime(text("drawCutOff"), "drawCutOff", reference=round_date)
    warnings.extend(cut.warnings)
    tie_break_at = cut.value if isinstance(cut.value, dt.datetime) else None
    if tie_break_at is not None:
        limit = held_at or dt.datetime.combine(round_date, dt.time.max, dt.UTC)
        if tie_break_at > limit:
            warnings.append(
                f"drawCutOff {tie_break_at.date()} is after the round: the year is probably a typo"
            )

    name = text("drawName")
    programs = programs_in(text("drawText2"))
    kind = classify(name, programs)
    warnings.extend(kind.warnings)
    if kind.round_type == "program":
        if programs and set(programs) != set(kind.programs):
            warnings.append(
                f"drawText2 names {','.join(programs)} but the round is for {','.join(kind.programs)}"
            )
        programs = kind.programs
    elif not programs:
        warnings.append("drawText2 names no program")

    invitations = _int(text("drawSize"), "drawSize", warnings)
    crs_min = _int(text("drawCRS"), "drawCRS", warnings)

    distribution = _distribution(record, text, warnings)
    as_of = None
    if distribution is not None:
        parsed_as_of = parse_date(text("drawDistributionAsOn"), "drawDistributionAsOn")
        warnings.extend(parsed_as_of.warnings)
        as_of = parsed_as_of.value if isinstance(parsed_as_of.value, dt.date) else None

    return Round(
        id=round_id,
        number=number,
        date=round_date,
        held_at=held_at,
        tie_break_at=tie_break_at,
        round_type=kind.round_type,
        programs=programs,
        category=kind.category,
        category_version=kind.category_version,
        name=name,
        invitations=invitations,
        crs_min=crs_min,
        distribution_as_of=as_of,
        distribution=distribution,
        url=_url(record, site, warnings),
        warnings=tuple(warnings),
    )


def _int(value: str | None, key: str, warnings: list[str]) -> int | None:
    if value is None or value == "":
        warnings.append(f"{key} is missing")
        return None
    if not _INT.match(value):
        warnings.append(f"{key}: {value!r} is not a whole number; left empty")
        return None
    digits = _NON_DIGIT.sub("", value)
    # The length first: int() refuses more than 4,300 digits (ValueError), for the whole copy.
    number = int(digits) if len(digits.lstrip("0")) <= MAX_COUNT_DIGITS else None
    if number is None or number > MAX_COUNT:
        warnings.append(f"{key}: {value[:30]!r} is too large to be true; left empty")
        return None
    return number


def _distribution(record: Mapping[str, Any], text: Any, warnings: list[str]) -> dict[str, int] | None:
    """dd1..dd18 -> bands, or None where none was published (all zero or absent)."""
    raw = [text(f"dd{i}") for i in range(1, 19)]
    if all(v in (None, "", "0") for v in raw):
        return None
    values: dict[str, int] = {}
    for band, value, i in zip(DISTRIBUTION_BANDS, raw, range(1, 19), strict=True):
        number = _int(value, f"dd{i}", warnings)
        if number is not None:
            values[band] = number
    for total, parts in (
        ("451-500", ("491-500", "481-490", "471-480", "461-470", "451-460")),
        ("401-450", ("441-450", "431-440", "421-430", "411-420", "401-410")),
        ("total", ("601-1200", "501-600", "451-500", "401-450", "351-400", "301-350", "0-300")),
    ):
        if total in values and all(p in values for p in parts):
            added = sum(values[p] for p in parts)
            if added != values[total]:
                warnings.append(
                    f"distribution {total} is {values[total]:,} but its parts add up to {added:,}"
                )
    return values


def _url(record: Mapping[str, Any], site: str, warnings: list[str]) -> str | None:
    for key in ("drawNumberURL", "mitext", "DrawText1"):
        value = record.get(key)
        if isinstance(value, str):
            match = _HREF.search(value)
            if match:
                href = match.group(1).strip()
                if not href.isascii() and _SURROGATE.search(href):
                    warnings.append(f"{key}: a lone surrogate in the link; no link kept")
                    break
                if href.startswith(_CMS_PREFIX):
                    href = "/" + href[len(_CMS_PREFIX) :]
                return str(urljoin(site + "/", href))
    warnings.append("no link to the Ministerial Instructions page")
    return None
