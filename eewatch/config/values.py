"""The checks of one value: ``check(value, label, where)`` returns what eewatch keeps, or raises.

``label`` names the section and key (``[feed] timeout``), ``where`` the file; every
:class:`ConfigError` is one line, ``{where}: {label}: what is wrong``. A check with
arguments (``whole(1, 12)``, ``choices(ALLOWED)``) is made by a function that returns it.
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from eewatch.config.dirs import user_dir

Check = Callable[[Any, str, str], Any]

#: Names a title/body template may use, as ``{name}``.
TEMPLATE_FIELDS = (
    *("event", "round", "number", "name", "label", "date", "held_at", "tie_break_at", "invitations"),
    *("crs", "programs", "change", "changes", "verdict", "eligibility", "url", "error", "rule"),
)
_DURATION = re.compile(r"^\s*(\d{1,12}(?:\.\d{1,9})?)\s*(ms|s|m|h|d)?\s*$")
_UNITS: dict[str | None, float] = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}
#: No duration eewatch takes is longer than this (a typo beyond it would overflow a timer).
MAX_DURATION = 366 * 86400.0
_NO_FILE = ("<defaults>", "<config>")  # ``where`` when the values come from no file
#: URL schemes eewatch runs on, and what to write for the ones people try.
_DATABASE_HINTS = {
    "postgres": "write postgresql+psycopg://USER@HOST/DB (SQLAlchemy does not take postgres://)",
    "postgresql": "write postgresql+psycopg://USER@HOST/DB (eewatch's driver is psycopg 3)",
    "mysql": "eewatch runs on SQLite and PostgreSQL only (MySQL would also need a driver: mysqlclient)",
    "mariadb": "eewatch runs on SQLite and PostgreSQL only (MariaDB would also need a driver: mariadb)",
    "other": "eewatch runs on sqlite:///PATH or postgresql+psycopg://",
}
_PG = "postgresql+psycopg://USER@HOST/DB"
_RELATIVE = "%s: %s: %s is relative to the working directory (%s); use sqlite:////absolute/path"


class ConfigError(Exception):
    """A configuration problem, as one line for the operator."""


def bad(where: str, label: str, what: str) -> ConfigError:
    return ConfigError(f"{where}: {label}: {what}")


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'stem'?)`` for the nearest known name, case-insensitively; else ''."""
    choices = {k.lower(): k for k in known}
    import difflib  # only when a name is wrong

    close = difflib.get_close_matches(name.lower(), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {choices[close[0]]!r}?)" if close else ""


def typed(kind: type[str | float], *, nonblank: bool = False) -> Check:
    """A ``str`` or ``float`` (an int is one, a boolean not; integers: whole()); ``nonblank``: not empty."""
    accepted = (int, float) if kind is float else (kind,)

    def check(value: Any, label: str, where: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, accepted):
            got = "a boolean" if isinstance(value, bool) else type(value).__name__
            raise bad(where, label, f"expected {kind.__name__}, got {got}")
        if nonblank and not str(value).strip():
            raise bad(where, label, "must not be empty")
        return float(value) if kind is float else value

    return check


def whole(low: int | None = None, high: int | None = None) -> Check:
    """An integer in ``low..high`` (an end is open when None)."""

    def check(value: Any, label: str, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad(where, label, f"expected an integer, got {type(value).__name__}")
        if (low is not None and value < low) or (high is not None and value > high):
            raise bad(where, label, f"{value} is out of range {low}..{high if high is not None else ''}")
        return value

    return check


def text(value: Any, label: str, where: str) -> str:
    """A non-empty string, stripped."""
    if not isinstance(value, str) or not value.strip():
        raise bad(where, label, "expected a non-empty string")
    return value.strip()


def positive(value: Any, label: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise bad(where, label, "expected a positive number")
    return float(value)


def flag(value: Any, label: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise bad(where, label, f"expected true or false, got {type(value).__name__}")
    return value


def strings(value: Any, label: str, where: str) -> tuple[str, ...]:
    """A string or a list of non-empty strings, stripped, without repeats."""
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise bad(where, label, "expected a list of strings")
    return tuple(dict.fromkeys(v.strip() for v in value))


def choices(allowed: tuple[str, ...], *, nonempty: bool = False) -> Check:
    """Names from ``allowed``, matched case-insensitively, returned as ``allowed`` spells them."""
    by_lower = {a.lower(): a for a in allowed}

    def check(value: Any, label: str, where: str) -> tuple[str, ...]:
        for item in (items := strings(value, label, where)):
            if item.lower() not in by_lower:
                hint = did_you_mean(item, allowed)
                raise bad(where, label, f"unknown value {item!r}{hint} (one of: {', '.join(allowed)})")
        if nonempty and not items:
            raise bad(where, label, "must not be empty")
        return tuple(dict.fromkeys(by_lower[item.lower()] for item in items))

    return check


def one_of(allowed: tuple[str, ...]) -> Check:
    """One name from ``allowed``, spelt exactly."""

    def check(value: Any, label: str, where: str) -> str:
        if not isinstance(value, str) or value not in allowed:
            hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
            raise bad(where, label, f"{value!r} is not one of {', '.join(allowed)}{hint}")
        return value

    return check


def slugs(value: Any, label: str, where: str) -> tuple[str, ...]:
    """Category slugs, lower case; a slug eewatch has since renamed is read as the new one."""
    from eewatch.domain.taxonomy import canonical_category

    items = tuple(dict.fromkeys(s.lower() for s in strings(value, label, where)))
    for item in items:
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", item):
            raise bad(where, label, f"{item!r} is not a category slug (e.g. stem, french)")
    return tuple(dict.fromkeys(canonical_category(item) for item in items))


def noc_codes(value: Any, label: str, where: str) -> tuple[str, ...]:
    """NOC 2021 codes: five digits (a TOML integer is read as its digits)."""
    items = value if isinstance(value, list) else [value]
    items = [str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in items]
    for code in (codes := strings(items, label, where)):
        if not re.fullmatch(r"\d{5}", code):
            raise bad(where, label, f"{code!r} is not a NOC 2021 code (five digits: '21231')")
    return codes


def duration(value: Any, label: str, where: str) -> float:
    """``"90s"``, ``"5m"``, ``"1h"``, ``"2d"`` or a number of seconds -> seconds."""
    if isinstance(value, bool):
        raise bad(where, label, "expected a duration like '5m', got a boolean")
    if isinstance(value, int | float):
        seconds = float(value)
    elif match := _DURATION.match(str(value)):
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    else:
        raise bad(where, label, f"{value!r} is not a duration like '90s', '5m' or '1h'")
    if seconds < 0:
        raise bad(where, label, "must not be negative")
    if seconds > MAX_DURATION:
        raise bad(where, label, f"{value!r} is longer than a year")
    return seconds


def positive_duration(value: Any, label: str, where: str) -> float:
    if (seconds := duration(value, label, where)) <= 0:
        raise bad(where, label, "must be positive")
    return seconds


def crons(value: Any, label: str, where: str) -> tuple[str, ...]:
    """A cron expression or a list of them (the section checks them in its time zone)."""
    value = (value,) if isinstance(value, str) else value
    if not isinstance(value, list | tuple) or not value or not all(isinstance(c, str) for c in value):
        raise bad(where, label, "expected a cron expression or a list of them")
    return tuple(value)


def timezone(value: Any, label: str, where: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only for a time zone written in the config

    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise bad(where, label, f"unknown time zone {value!r}") from None
    return str(value)


def user_path(value: Any, label: str, where: str) -> Path:
    return Path(text(value, label, where)).expanduser()


def beside_config(value: Any, label: str, where: str) -> Path:
    """A path; a relative one names a file beside the config file."""
    path = user_path(value, label, where)
    return path if path.is_absolute() or where in _NO_FILE else Path(where).parent / path


def web_url(value: Any, label: str, where: str) -> str:
    if not (url := text(value, label, where)).startswith(("https://", "http://")):
        raise bad(where, label, "expected an http(s) URL")
    return url


def targets(value: Any, label: str, where: str) -> tuple[str, ...]:
    """Apprise URLs (``${VAR}`` for secrets) or ``tag:NAME``; a target is never echoed."""
    from eewatch.config.apprise_plugins import schemes as known_schemes

    if not (found := strings(value, label, where)):
        raise bad(where, label, "must name at least one target")
    schemas = known_schemes()
    for number, target in enumerate(found, start=1):
        at = f"{label} #{number}"
        for var in re.findall(r"\$\{([^}]*)\}", target):
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", var):
                raise bad(where, at, f"bad variable ${{{var}}}")
        if target.startswith("tag:"):
            if not re.fullmatch(r"tag:[\w.-]+", target):
                raise bad(where, at, "a tag is tag:NAME")
            continue
        scheme = target.split("://", 1)[0].lower() if "://" in target else ""
        if not scheme or scheme not in schemas:  # never echo the target: it may hold a secret
            raise bad(where, at, f"not an Apprise URL (unknown scheme {scheme or '(none)'!r})")
    return found


def template(value: Any, label: str, where: str) -> str:
    """A title/body template naming only :data:`TEMPLATE_FIELDS`."""
    if not isinstance(value, str):
        raise bad(where, label, "expected a string")
    try:
        parsed = list(string.Formatter().parse(value))
    except ValueError as exc:
        raise bad(where, label, f"bad template: {exc}") from None
    for _text, field, spec, conversion in parsed:
        if field is not None and (field not in TEMPLATE_FIELDS or spec or conversion):
            use = ", ".join(TEMPLATE_FIELDS)
            raise bad(where, label, f"unknown placeholder {{{field}}} (use: {use})")
    return value


def rule_name(value: Any, label: str, where: str) -> str:
    if not re.fullmatch(r"[\w.-]{1,64}", name := text(value, label, where)):
        raise bad(where, label, "use 1-64 letters, digits, '_', '-' or '.'")
    return name


def submitted_at(value: Any, label: str, where: str) -> Any:
    """When an Express Entry profile was submitted: a TOML datetime with its offset (or an ISO 8601
    string with its zone), kept in UTC. The value is never echoed (personal data)."""
    from eewatch.domain.roster import parse_submitted_at

    try:
        return parse_submitted_at(value)
    except ValueError as exc:
        raise bad(where, label, str(exc)) from None


def profile_name(value: Any, label: str, where: str) -> str:
    """A ``[[profiles]]`` name: lowercase letters, digits and dashes (never echoed)."""
    from eewatch.domain.roster import check_name

    if not isinstance(value, str):
        raise bad(where, label, "expected a string")
    if (why := check_name(value.strip())) is not None:
        raise bad(where, label, why)
    return value.strip()


def profile_selector(value: Any, label: str, where: str) -> tuple[str, ...]:
    """A rule's ``profiles``: ``"*"`` (every profile, kept as ``("*",)``) or a list of names."""
    if value == "*":
        return ("*",)
    if not isinstance(value, list) or not value:
        raise bad(where, label, 'expected "*" or a list of profile names')
    return tuple(dict.fromkeys(profile_name(item, f"{label} #{n}", where) for n, item in enumerate(value, 1)))


def private(check: Check, expected: str) -> Check:
    """``check``, whose error never repeats the value (a score, an occupation): says ``expected``."""

    def quiet(value: Any, label: str, where: str) -> Any:
        try:
            return check(value, label, where)
        except ConfigError:
            raise bad(where, label, expected) from None

    return quiet


def unchecked(value: Any, label: str, where: str) -> Any:
    """For a key its section checks, with the keys it depends on."""
    return value


def default_database_url() -> str:
    """A SQLite file in the user's data directory."""
    return f"sqlite:///{user_dir('data') / 'eewatch.sqlite'}"


def database_url(value: Any, label: str, where: str) -> str:
    """``[database] url``: a relative SQLite path names a file beside the config file."""
    url, prefix = typed(str)(value, label, where).strip(), "sqlite:///"
    path = url[len(prefix) :]
    relative = path and "?" not in path and not path.startswith(("/", ":memory:", "file:"))
    if url.startswith(prefix) and where not in _NO_FILE and relative:
        url = prefix + str((Path(where).parent / path).resolve())
    return check_database_url(url, label, where)


def check_database_url(url: str, label: str, where: str) -> str:
    """A database URL eewatch can run on, or a ConfigError saying what to write instead.

    A relative SQLite path is allowed with a warning: it depends on the working directory.
    """
    if "://" not in (url := url.strip()):
        file = Path(url).expanduser().resolve()
        raise bad(where, label, f"{url!r} is not a URL: write sqlite:///{file} (a file) or {_PG}")
    scheme, path = url.split("://", 1)
    if (scheme := scheme.lower()) in ("sqlite", "sqlite+pysqlite"):
        if path in ("", "/", "/:memory:") or "mode=memory" in path:
            forgets = "an in-memory database forgets everything when the command exits"
            raise bad(where, label, f"{forgets}: use a file (sqlite:///PATH)")
        if not path.startswith("//") and "uri=true" not in path:
            logging.getLogger("eewatch.config").warning(_RELATIVE, where, label, url, Path.cwd())
        return url
    if scheme in ("postgresql+psycopg", "postgresql+psycopg2"):
        return url
    hint = _DATABASE_HINTS.get(scheme.split("+")[0], _DATABASE_HINTS["other"])
    raise bad(where, label, f"{scheme}:// is not a database eewatch runs on: {hint}")
