"""``[profile]``: the person alerts are for (the eligibility rules read it: eewatch/domain/eligibility.py).

Its own module so loading a config does not import the eligibility rules and the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Profile"]


@dataclass(frozen=True)
class Profile:
    """``[profile]``: the person alerts are for."""

    crs: int | None = None
    programs: tuple[str, ...] = ()
    #: Explicit category override: categories the person knows they are eligible for.
    categories: tuple[str, ...] = ()
    #: Their occupations, as NOC 2021 codes ("21231").
    noc: tuple[str, ...] = ()
    #: The lowest of their four French NCLC levels.
    french_nclc: int | None = None
    canadian_experience_months: int | None = None

    @property
    def states_occupation_facts(self) -> bool:
        """Whether the profile says anything a category's list can be checked against."""
        return bool(self.noc) or self.french_nclc is not None
