"""Would a profile have been invited? (pure)

Eligibility is the alert rules' own definition
(:func:`eewatch.domain.eligibility.assess`): a general round, a program round
for one of the profile's programs, a category round in one of its categories
or whose list in force on the round's date has one of its NOC codes. A round
whose eligibility the data cannot decide is not counted, but counted as
"eligibility unknown". A round without a published cut-off is eligible but its
outcome is unknown, never "not invited"; so is a tie at the cut-off that the profile's
``submitted_at`` and the round's tie-break time cannot decide
(:func:`eewatch.domain.verdicts.judge`, the one verdict).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from eewatch.app.views.groups import newest_first
from eewatch.config import Profile
from eewatch.domain.eligibility import assess
from eewatch.domain.occupations import Catalog
from eewatch.domain.record import Round
from eewatch.domain.verdicts import judge

__all__ = ["Chance", "Chances", "Profile", "compute_chances"]


@dataclass(frozen=True)
class Chance:
    """One eligible round and whether the profile's score reached its cut-off (None: unknown)."""

    round: Round
    invited: bool | None
    #: The profile's CRS minus the cut-off; None if no cut-off was published.
    margin: int | None


@dataclass(frozen=True)
class Chances:
    """The last eligible rounds, newest first, and the tally."""

    profile: Profile
    rounds: tuple[Chance, ...]
    #: Rounds in the same span whose eligibility the data cannot decide, with the reason.
    undecided: tuple[tuple[Round, str], ...] = ()

    @property
    def invited(self) -> int:
        return sum(1 for c in self.rounds if c.invited is True)

    @property
    def not_invited(self) -> int:
        return sum(1 for c in self.rounds if c.invited is False)

    @property
    def unknown(self) -> int:
        return sum(1 for c in self.rounds if c.invited is None)

    @property
    def rate(self) -> float | None:
        """Share of the rounds with a known outcome that would have invited; None if none known."""
        known = self.invited + self.not_invited
        return self.invited / known if known else None


def compute_chances(
    rounds: Iterable[Round], profile: Profile, last: int = 10, catalog: Catalog | None = None
) -> Chances:
    """Of the ``last`` rounds the profile was eligible for, which would have invited it (CRS >= cut-off)."""
    if profile.crs is None:
        raise ValueError("the profile has no CRS score")
    if last < 1:
        raise ValueError("last must be at least 1")
    chosen: list[Round] = []
    undecided: list[tuple[Round, str]] = []
    for item in sorted(rounds, key=newest_first):
        if len(chosen) == last:
            break
        verdict = assess(item, profile, catalog)
        if verdict.eligible is True:
            chosen.append(item)
        elif verdict.eligible is None:
            undecided.append((item, verdict.reason))
    return Chances(profile, tuple(_chance(r, profile, catalog) for r in chosen), tuple(undecided))


def _chance(item: Round, profile: Profile, catalog: Catalog | None) -> Chance:
    """The verdict's ``invited`` and ``margin`` (a tie is decided by the tie-break, or unknown)."""
    said = judge(item, profile, catalog)
    return Chance(item, said.invited, said.margin)
