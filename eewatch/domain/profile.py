"""``[profile]``: the person alerts are for (the eligibility rules read it: eewatch/domain/eligibility.py).

Its own module so loading a config does not import the eligibility rules and the catalog.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

__all__ = ["Profile"]


@dataclass(frozen=True, repr=False)
class Profile:
    """``[profile]``, a ``[[profiles]]`` entry or a roster row: a person alerts are for.

    Personal data: its ``repr`` shows no value (a profile in a log line or a traceback says
    nothing about the person).
    """

    crs: int | None = None
    programs: tuple[str, ...] = ()
    #: Explicit category override: categories the person knows they are eligible for.
    categories: tuple[str, ...] = ()
    #: Their occupations, as NOC 2021 codes ("21231").
    noc: tuple[str, ...] = ()
    #: The lowest of their four French NCLC levels.
    french_nclc: int | None = None
    canadian_experience_months: int | None = None
    #: ``[[profiles]]`` and roster profiles have a name (lowercase letters, digits, dashes);
    #: the one-person ``[profile]`` has none.
    name: str | None = None
    #: When the Express Entry profile was submitted (UTC): decides a tie at the cut-off.
    submitted_at: dt.datetime | None = None
    #: The person's own alert targets (Apprise URLs or ``tag:NAME``).
    notify: tuple[str, ...] = ()

    def __repr__(self) -> str:
        given = ", ".join(f.name for f in fields(self) if getattr(self, f.name) not in (None, ()))
        return f"Profile(<personal data: {given or 'empty'}>)"

    @property
    def states_occupation_facts(self) -> bool:
        """Whether the profile says anything a category's list can be checked against."""
        return bool(self.noc) or self.french_nclc is not None
