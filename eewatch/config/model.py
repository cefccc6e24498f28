"""The sections: each key declared once, as a field with its type, its default and its check.

``key(default, check)`` declares a key of a :class:`Section`; its metadata holds the check its
TOML value passes (eewatch/config/values.py); the one loader (eewatch/config/sections.py)
reads every section through them. How to add a key or a section: docs/architecture.md,
"Adding a config key".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, ClassVar, dataclass_transform

from eewatch.config import values as v
from eewatch.domain.events import DEFAULT_EVENTS, EVENT_KINDS
from eewatch.domain.kinds import ARTICLE, PAGE

# ``[profile]`` is declared in the domain (eewatch/domain/profile.py) and re-exported here.
from eewatch.domain.profile import Profile as Profile
from eewatch.domain.record import PROGRAM_CODES, ROUND_TYPES

FEED_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"

#: Default polling: every 5 minutes in the hours IRCC runs rounds (weekdays,
#: business hours in Ottawa), hourly outside them.
DEFAULT_CRON = ("*/5 9-18 * * mon-fri", "0 * * * *")

#: The report's title where ``[report] title`` is not set.
DEFAULT_REPORT_TITLE = "Express Entry rounds of invitations"

#: ``[[sources]] kind``: a Ministerial Instructions page, an article, or the static MI
#: pages of the rounds already stored.
STORED_PAGES = "stored-pages"
SOURCE_KINDS = (PAGE, ARTICLE, STORED_PAGES)

#: No more ``[feed] retries`` than this: every try may take the whole timeout.
MAX_RETRIES = 10

_MISSING: Any = dataclasses.MISSING


def key(
    default: Any = _MISSING, check: v.Check = v.unchecked, *, factory: Any = _MISSING, missing: str = ""
) -> Any:
    """A key of a section: its default (or ``factory``) and the check its value passes.

    No default: the key is required, and ``missing`` says what to write when it is absent.
    """
    meta = {"check": check, "missing": missing}
    return dataclasses.field(default=default, default_factory=factory, metadata=meta)


@dataclass_transform(kw_only_default=True, frozen_default=True)
class Section:
    """A frozen dataclass whose methods every section shares, instead of one set generated for each.

    ``@dataclass(frozen=True)`` writes and compiles five methods for every class, about 0.6 ms
    a section on every start (a cron check's). A subclass is a dataclass all the same
    (``dataclasses.fields``, ``replace``); these methods read its fields. Keywords only.
    """

    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]

    def __init_subclass__(cls) -> None:
        dataclasses.dataclass(init=False, repr=False, eq=False)(cls)

    def __init__(self, **given: Any) -> None:
        for f in dataclasses.fields(self):
            if f.name in given:
                value = given.pop(f.name)
            elif f.default is not dataclasses.MISSING:
                value = f.default
            elif f.default_factory is not dataclasses.MISSING:
                value = f.default_factory()
            else:
                raise TypeError(f"{type(self).__name__}() needs {f.name}")
            object.__setattr__(self, f.name, value)
        if given:
            raise TypeError(f"{type(self).__name__}() has no {', '.join(given)}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in dataclasses.fields(self))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Section) or type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self))
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


class FeedConfig(Section):
    """``[feed]``: the official JSON feed and how politely to fetch it."""

    url: str = key(FEED_URL, v.typed(str, nonblank=True))
    timeout: float = key(30.0, v.typed(float))
    #: Extra tries after a failed one (0: none).
    retries: int = key(2, v.whole())
    max_bytes: int = key(16 * 1024 * 1024, v.whole())
    user_agent: str = key(
        "eewatch (+https://github.com/eewatch/eewatch; Express Entry round watcher)", v.typed(str)
    )


class DatabaseConfig(Section):
    """``[database]``: an SQLAlchemy URL."""

    url: str = key(check=v.database_url, factory=v.default_database_url)


class Rule(Section):
    """One ``[[alerts]]`` entry. ``None`` or empty means "no condition"."""

    name: str = key(check=v.rule_name, missing="every rule needs a name")
    #: Required, unless ``to_profiles`` (the profiles' own targets) is the rule's only audience.
    notify: tuple[str, ...] = key((), v.targets)
    events: tuple[str, ...] = key(DEFAULT_EVENTS, v.choices(EVENT_KINDS, nonempty=True))
    round_types: tuple[str, ...] = key((), v.choices(ROUND_TYPES))
    categories: tuple[str, ...] = key((), v.slugs)
    programs: tuple[str, ...] = key((), v.choices(PROGRAM_CODES))
    crs_max: int | None = key(None, v.whole(0, 1200))
    crs_min: int | None = key(None, v.whole(0, 1200))
    invitations_min: int | None = key(None, v.whole(0))
    eligible: bool | None = key(None, v.flag)
    #: With ``eligible = true``, a round whose eligibility the data cannot decide: "alert" (the alert
    #: says "eligibility unknown" and why) or "skip".
    unknown: str = key("alert", v.one_of(("alert", "skip")))
    include_provisional: bool = key(False, v.flag)
    title: str | None = key(None, v.template)
    body: str | None = key(None, v.template)
    #: ``"*"`` (kept as ``("*",)``) or names of ``[[profiles]]``/roster profiles: the rule is judged
    #: for each; ``None``: the one ``[profile]``.
    profiles: tuple[str, ...] | None = key(None, v.profile_selector)
    #: Each concerned profile's message also goes to that profile's own ``notify``.
    to_profiles: bool = key(False, v.flag)
    #: One message per round to ``notify`` listing every profile concerned, instead of one each.
    digest: bool = key(False, v.flag)


class RosterConfig(Section):
    """``[roster]``: a CSV file of profiles (a consultant's clients), beside the config."""

    csv: Path | None = key(None, v.beside_config)


class NotificationSettings(Section):
    """``[notifications]``: the Apprise config file and the retry policy."""

    apprise_config: Path | None = key(None, v.beside_config)
    max_attempts: int = key(8, v.whole(1))
    backoff_seconds: float = key(60.0, v.positive)
    backoff_max_seconds: float = key(6 * 3600.0, v.positive)
    timeout: float = key(60.0, v.positive)
    #: A row left ``sending`` longer than this is taken for a crash mid-send
    #: and tried again (at most one duplicate, see docs/alerts.md).
    sending_timeout_seconds: float = key(900.0, v.positive)
    #: More amendments than this in one copy make one summary alert per rule, not one each.
    mass_amendment_threshold: int = key(10, v.whole(1))


class ScheduleConfig(Section):
    """``[schedule]``: when the daemon polls (seconds); ``every`` or ``cron``, not both."""

    every: float | None = key(None, v.positive_duration)
    cron: tuple[str, ...] = key(DEFAULT_CRON, v.crons)
    timezone: str = key("America/Toronto", v.timezone)
    #: Default: 20 s, or a tenth of ``every`` if that is less.
    jitter: float = key(20.0, v.duration)
    retry_every: float = key(60.0, v.duration)
    misfire_grace: float = key(300.0, v.duration)
    #: How often the daemon reads the ``[[sources]]`` (announcement pages change rarely).
    sources_every: float = key(3600.0, v.positive_duration)


class HealthConfig(Section):
    """``[health]``: when eewatch tells its operator something is wrong (daemon and cron alike)."""

    failures_before_alert: int = key(3, v.whole(1))
    stale_after_days: float = key(21.0, v.positive)
    unhealthy_after: float = key(3 * 3600.0, v.duration)
    #: ``eewatch status`` is unhealthy when an alert has waited this long to be delivered.
    undelivered_after: float = key(3600.0, v.duration)


class ReportConfig(Section):
    """``[report]``: ``out`` None means no report is built after a change."""

    out: Path | None = key(None, v.user_path)
    title: str = key(DEFAULT_REPORT_TITLE, v.text)
    site_url: str | None = key(None, v.web_url)


class SourceConfig(Section):
    """One ``[[sources]]`` entry: an announcement page or article to read besides the feed."""

    kind: str = key(check=v.one_of(SOURCE_KINDS), missing=f"one of {', '.join(SOURCE_KINDS)}")
    #: Required for a page or an article, not used with ``stored-pages`` (checked by the section).
    url: str | None = key(None)
    #: For ``stored-pages``: how many of the newest static pages to read.
    limit: int = key(20, v.whole(1))


#: ``[profile]``'s keys: :class:`Profile` is the domain's, so its checks are declared here.
PROFILE_CHECKS: dict[str, v.Check] = {
    "crs": v.whole(0, 1200),
    "programs": v.choices(PROGRAM_CODES),
    "categories": v.slugs,
    "noc": v.noc_codes,
    "french_nclc": v.whole(0, 12),
    "canadian_experience_months": v.whole(0),
    "submitted_at": v.submitted_at,
}

#: ``[[profiles]]``' keys: ``[profile]``'s, a name and the person's own targets. An error never
#: repeats a value (names, scores and occupations are personal data).
PROFILES_CHECKS: dict[str, v.Check] = {
    **PROFILE_CHECKS,
    "name": v.profile_name,
    "crs": v.private(v.whole(0, 1200), "expected a whole number from 0 to 1200"),
    "noc": v.private(v.noc_codes, "expected NOC 2021 codes (five digits each: '21231')"),
    "french_nclc": v.private(v.whole(0, 12), "expected a whole number from 0 to 12"),
    "canadian_experience_months": v.private(v.whole(0), "expected a whole number of months"),
    "notify": v.targets,
}


class Config(Section):
    """The whole configuration; every section has defaults."""

    feed: FeedConfig = key(factory=FeedConfig)
    database: DatabaseConfig = key(factory=DatabaseConfig)
    profile: Profile | None = None
    #: The named profiles: ``[[profiles]]``, then the ``[roster]``'s rows.
    profiles: tuple[Profile, ...] = ()
    roster: RosterConfig = key(factory=RosterConfig)
    alerts: tuple[Rule, ...] = ()
    notifications: NotificationSettings = key(factory=NotificationSettings)
    schedule: ScheduleConfig = key(factory=ScheduleConfig)
    health: HealthConfig = key(factory=HealthConfig)
    report: ReportConfig = key(factory=ReportConfig)
    sources: tuple[SourceConfig, ...] = ()
    path: Path | None = None

    def rule(self, name: str) -> Rule | None:
        """The ``[[alerts]]`` rule of this name."""
        return next((r for r in self.alerts if r.name == name), None)

    def named_profile(self, name: str) -> Profile | None:
        """The ``[[profiles]]`` or roster profile of this name."""
        return next((p for p in self.profiles if p.name == name), None)
