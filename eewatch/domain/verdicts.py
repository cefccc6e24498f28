"""Was this profile invited in this round? The one personal verdict (pure domain code).

IRCC invites, in a round, every eligible candidate above the cut-off score, and of the
candidates at exactly the cut-off those whose profile was submitted at or before the
round's tie-break time. So, for a profile and a round:

* ``eligible``: :func:`eewatch.domain.eligibility.assess` (True, False, None: unknown);
* ``invited``: True when eligible and the CRS is above the cut-off, or equal to it and the
  profile was submitted at or before the tie-break; False when not eligible, below the
  cut-off, or equal and submitted after; None when it cannot be decided (eligibility
  unknown, no score or no cut-off, or a tie without a submission time or a tie-break time);
* ``margin``: CRS minus the cut-off (None without either);
* ``reason``: one line a person reads.

Alerts, ``eewatch chances``, ``eewatch verdict`` and the notifier's digests all read this.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eewatch.domain.eligibility import Profile, assess
from eewatch.domain.occupations import Catalog, load_catalog
from eewatch.domain.record import Round

__all__ = ["ONE_PERSON", "PersonalVerdict", "judge", "judge_all", "profile_name"]

#: How a verdict names the one-person ``[profile]`` (it has no name of its own).
ONE_PERSON = "[profile]"


@dataclass(frozen=True)
class PersonalVerdict:
    """One profile's verdict for one round."""

    profile: str
    round: str
    eligible: bool | None
    invited: bool | None
    margin: int | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape: ``{profile, round, eligible, invited, margin, reason}``."""
        return {
            "profile": self.profile,
            "round": self.round,
            "eligible": self.eligible,
            "invited": self.invited,
            "margin": self.margin,
            "reason": self.reason,
        }


def profile_name(profile: Profile) -> str:
    """The profile's name, or ``[profile]`` for the one-person form."""
    return profile.name or ONE_PERSON


def _minute(value: dt.datetime, seconds: bool) -> str:
    value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S UTC" if seconds else "%Y-%m-%d %H:%M UTC")


def _times(submitted: dt.datetime, tie_break: dt.datetime) -> tuple[str, str]:
    """Both times to the minute, or to the second where the minutes would read the same."""
    seconds = _minute(submitted, False) == _minute(tie_break, False) and submitted != tie_break
    return _minute(submitted, seconds), _minute(tie_break, seconds)


def judge(round_: Round, profile: Profile, catalog: Catalog | None = None) -> PersonalVerdict:
    """The profile's verdict for the round (see the module docstring)."""
    said = assess(round_, profile, catalog)
    name, rid = profile_name(profile), round_.id
    crs, cutoff = profile.crs, round_.crs_min
    margin = crs - cutoff if crs is not None and cutoff is not None else None

    def verdict(invited: bool | None, reason: str) -> PersonalVerdict:
        return PersonalVerdict(name, rid, said.eligible, invited, margin, reason)

    if said.eligible is False:
        return verdict(False, said.reason)
    if said.eligible is None:
        unknown = "eligibility unknown: "
        return verdict(None, said.reason if said.reason.startswith(unknown) else unknown + said.reason)
    if crs is None:
        return verdict(None, "no CRS score in the profile: cannot say")
    if cutoff is None or margin is None:
        return verdict(None, "the round published no cut-off score: cannot say")
    if margin > 0:
        return verdict(True, f"invited: CRS {crs} is {margin} above the cut-off {cutoff}")
    if margin < 0:
        return verdict(False, f"not invited: CRS {crs} is {-margin} below the cut-off {cutoff}")
    tie_break = round_.tie_break_at
    if tie_break is None:
        return verdict(None, f"a tie at the cut-off {cutoff}, and the round published no tie-break time")
    if profile.submitted_at is None:
        return verdict(
            None, f"a tie at the cut-off {cutoff}: give submitted_at to compare with the tie-break"
        )
    submitted, rule = _times(profile.submitted_at, tie_break)
    if profile.submitted_at < tie_break:
        where = "before"
    elif profile.submitted_at == tie_break:
        where = "at"
    else:
        return verdict(
            False,
            f"not invited on the tie-break: same score {cutoff}, profile submitted {submitted}, "
            f"after the tie-break {rule}",
        )
    return verdict(
        True,
        f"invited on the tie-break: same score {cutoff}, profile submitted {submitted}, "
        f"{where} the tie-break {rule}",
    )


def judge_all(
    round_: Round, profiles: Iterable[Profile], catalog: Catalog | None = None
) -> list[PersonalVerdict]:
    """Every profile's verdict for one round, in the order given (the catalog read once)."""
    catalog = catalog or load_catalog()
    return [judge(round_, profile, catalog) for profile in profiles]
