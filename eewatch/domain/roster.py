"""A consultant's client list: profiles from CSV text (pure; the config reads the file).

The columns are the ``[[profiles]]`` keys: ``name`` (required; lowercase letters, digits and
dashes), ``crs``, ``programs`` and ``noc`` (separated by spaces), ``french_nclc``,
``canadian_experience_months``, ``submitted_at`` (ISO 8601 with its zone: ``2026-05-01T09:00:00Z``),
``notify`` (the person's own targets, separated by spaces) and ``categories``. An empty cell is
"not given", never 0.

Every bad row is reported, each with its line number, and nothing is loaded when any is bad.
The errors never repeat a cell's value: names, scores and occupations are personal data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping

from eewatch.domain.eligibility import Profile
from eewatch.domain.record import PROGRAM_CODES

__all__ = [
    "COLUMNS",
    "NAME_PATTERN",
    "RosterError",
    "check_name",
    "parse_roster",
    "parse_submitted_at",
]

COLUMNS = (
    "name",
    "crs",
    "programs",
    "noc",
    "french_nclc",
    "canadian_experience_months",
    "submitted_at",
    "notify",
    "categories",
)
NAME_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
_NOC = re.compile(r"\d{5}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")

#: A check of one target: ``None`` when fine, else what is wrong (without the target itself).
TargetCheck = Callable[[str], "str | None"]


class RosterError(ValueError):
    """Bad rows, each with its line number; ``problems`` holds them one by one."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        many = f"{len(problems)} bad rows" if len(problems) != 1 else "1 bad row"
        super().__init__(f"{source}: {many}, nothing loaded: " + "; ".join(problems))


def check_name(value: str) -> str | None:
    """What is wrong with a profile name (``None``: nothing)."""
    if not NAME_PATTERN.fullmatch(value):
        return "use 1-64 lowercase letters, digits and dashes (not at either end)"
    return None


def parse_submitted_at(value: object) -> dt.datetime:
    """An ISO 8601 time with its zone (or a TOML datetime with an offset) -> aware UTC.

    Raises ``ValueError`` with a message that does not repeat the value.
    """
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ValueError("not an ISO 8601 time (2026-05-01T09:00:00Z)") from None
    else:
        raise ValueError("expected a date and time (2026-05-01T09:00:00Z)")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError("a time without its zone: write Z for UTC (2026-05-01T09:00:00Z)")
    return parsed.astimezone(dt.UTC)


def _int(value: str, low: int, high: int | None) -> int:
    if not re.fullmatch(r"\d{1,6}", value):
        raise ValueError(f"not a whole number from {low} to {high if high is not None else '...'}")
    number = int(value)
    if number < low or (high is not None and number > high):
        raise ValueError(f"out of range {low}..{high if high is not None else ''}")
    return number


def _row_profile(
    cells: Mapping[str, str], check_target: TargetCheck | None
) -> tuple[Profile | None, list[str]]:
    problems: list[str] = []
    values: dict[str, object] = {}

    def field(key: str, parse: Callable[[str], object]) -> None:
        raw = (cells.get(key) or "").strip()
        if not raw:
            return
        try:
            values[key] = parse(raw)
        except ValueError as exc:
            problems.append(f"{key}: {exc}")

    name = (cells.get("name") or "").strip()
    if not name:
        problems.append("name: missing")
    elif (why := check_name(name)) is not None:
        problems.append(f"name: {why}")
    field("crs", lambda v: _int(v, 0, 1200))
    field("french_nclc", lambda v: _int(v, 0, 12))
    field("canadian_experience_months", lambda v: _int(v, 0, None))
    field("submitted_at", parse_submitted_at)
    field("programs", _programs)
    field("noc", _nocs)
    field("categories", _categories)
    field("notify", lambda v: _targets(v, check_target))
    if problems:
        return None, problems
    return Profile(name=name, **values), []  # type: ignore[arg-type]


def _programs(value: str) -> tuple[str, ...]:
    codes = {c.lower(): c for c in PROGRAM_CODES}
    found = []
    for item in value.split():
        if item.lower() not in codes:
            raise ValueError(f"a program is one of {', '.join(PROGRAM_CODES)}")
        found.append(codes[item.lower()])
    return tuple(dict.fromkeys(found))


def _nocs(value: str) -> tuple[str, ...]:
    items = value.split()
    if not all(_NOC.fullmatch(item) for item in items):
        raise ValueError("NOC 2021 codes are five digits each, separated by spaces")
    return tuple(dict.fromkeys(items))


def _categories(value: str) -> tuple[str, ...]:
    items = [item.lower() for item in value.split()]
    if not all(_SLUG.fullmatch(item) for item in items):
        raise ValueError("category slugs (stem, french, ...), separated by spaces")
    return tuple(dict.fromkeys(items))


def _targets(value: str, check: TargetCheck | None) -> tuple[str, ...]:
    items = tuple(dict.fromkeys(value.split()))
    for number, target in enumerate(items, start=1):
        why = check(target) if check is not None else None
        if why is not None:
            raise ValueError(f"target #{number}: {why}")
    return items


def parse_roster(
    text: str,
    source: str = "roster",
    *,
    check_target: TargetCheck | None = None,
    taken: Iterable[str] = (),
) -> tuple[Profile, ...]:
    """The profiles of a CSV roster, in file order; :class:`RosterError` listing every bad row.

    ``taken``: names already used (the ``[[profiles]]`` entries): a row reusing one is bad.
    """
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[str] = []
    try:
        header = next(reader)
    except StopIteration:
        return ()
    except csv.Error as exc:
        raise RosterError(source, [f"line 1: not CSV ({exc})"]) from None
    columns = [h.strip().lower() for h in header]
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown or "name" not in columns or len(set(columns)) != len(columns):
        what = (
            f"unknown column {unknown[0]!r}"
            if unknown
            else "no name column"
            if "name" not in columns
            else "a column is named twice"
        )
        raise RosterError(source, [f"line 1: {what} (columns: {', '.join(COLUMNS)})"])
    seen: dict[str, int] = {}
    taken = set(taken)
    profiles: list[Profile] = []
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"line {start}: not CSV ({exc})")
            break
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns):
            problems.append(f"line {start}: {len(cells)} cells, the header names {len(columns)}")
            continue
        profile, bad = _row_profile(dict(zip(columns, cells, strict=False)), check_target)
        if profile is None:
            problems.append(f"line {start}: " + ", ".join(bad))
            continue
        assert profile.name is not None
        if profile.name in seen:
            problems.append(f"line {start}: name: the same as line {seen[profile.name]}")
            continue
        if profile.name in taken:
            problems.append(f"line {start}: name: also a [[profiles]] entry")
            continue
        seen[profile.name] = start
        profiles.append(profile)
    if problems:
        raise RosterError(source, problems)
    return tuple(profiles)
