"""Alert rules as pure functions: event + round + profile -> does this rule match?

Round conditions (``round_types``, ``categories``, ``programs``, ``crs_*``,
``invitations_min``, ``eligible``) apply to events that carry a round; an
event without one (``source_error``, health events) matches on its kind alone.

``categories`` narrows *category* rounds only: with ``round_types = ["general",
"category"]`` and ``categories = ["stem"]`` a rule matches general rounds and
STEM rounds; ``categories`` without ``round_types`` means rounds of those
categories only. ``eligible`` is :func:`eewatch.domain.eligibility.assess`:
``eligible = true`` matches the rounds the profile certainly could be invited
in and, unless the rule says ``unknown = "skip"``, the rounds the data cannot
decide (verdict ``None``: the alert says "eligibility unknown" and why), so an
unknown is never silent; ``eligible = false`` matches only rounds the profile
certainly could not be invited in.
"""

from __future__ import annotations

from typing import Any

from eewatch.config import Profile, Rule
from eewatch.domain.eligibility import Verdict, assess
from eewatch.domain.events import ROUND_AMENDED
from eewatch.domain.occupations import Catalog
from eewatch.domain.record import Round
from eewatch.domain.taxonomy import canonical_category
from notifier.events import Event

__all__ = ["assess", "eligible", "matches", "matching_rules", "round_matches", "would_be_invited"]


def eligible(round_: Round, profile: Profile, catalog: Catalog | None = None) -> bool | None:
    """Could the profile be invited in this round? None: the data cannot say (see ``assess``)."""
    return assess(round_, profile, catalog).eligible


def would_be_invited(round_: Round, profile: Profile | None, verdict: Verdict | None = None) -> bool | None:
    """Would the profile's score have been invited (CRS at or above the cut-off)?

    ``None`` when it cannot be said (no profile score, no published cut-off, or
    a round the profile is not certainly eligible for).
    """
    if profile is None or profile.crs is None or round_.crs_min is None:
        return None
    if (verdict or assess(round_, profile)).eligible is not True:
        return None
    return profile.crs >= round_.crs_min


def _category_ok(rule: Rule, round_: Round) -> bool:
    if not rule.categories:
        return True
    if round_.round_type == "category":
        return round_.category is not None and round_.category in rule.categories
    # A non-category round passes only where the rule names its type itself.
    return bool(rule.round_types)


def round_matches(rule: Rule, round_: Round, profile: Profile | None, catalog: Catalog | None = None) -> bool:
    """Every round condition the rule states holds for this round."""
    checks = (
        not rule.round_types or round_.round_type in rule.round_types,
        _category_ok(rule, round_),
        not rule.programs or bool(set(round_.programs) & set(rule.programs)),
        rule.crs_max is None or (round_.crs_min is not None and round_.crs_min <= rule.crs_max),
        rule.crs_min is None or (round_.crs_min is not None and round_.crs_min >= rule.crs_min),
        rule.invitations_min is None
        or (round_.invitations is not None and round_.invitations >= rule.invitations_min),
        rule.eligible is None or (profile is not None and _eligible_ok(rule, round_, profile, catalog)),
    )
    return all(checks)


def _eligible_ok(rule: Rule, round_: Round, profile: Profile, catalog: Catalog | None) -> bool:
    said = eligible(round_, profile, catalog)
    if said is None:
        return rule.eligible is True and rule.unknown != "skip"
    return said is rule.eligible


def matches(rule: Rule, event: Event, profile: Profile | None, catalog: Catalog | None = None) -> bool:
    """Does this rule want an alert for this event?"""
    if event.kind not in rule.events:
        return False
    if event.kind == ROUND_AMENDED and not published_changes(event):
        return False
    if event.provisional and not rule.include_provisional:
        return False
    round_ = event.round
    if round_ is None:
        return True
    return round_matches(rule, round_, profile, catalog)


def published_changes(event: Event) -> dict[str, Any]:
    """An amendment's changed fields, less what only eewatch renamed (a category slug read as its
    new name): an upgrade that renames a slug stores a new revision but tells nobody IRCC changed it."""
    changes = dict(event.payload.get("changes") or {})
    category = changes.get("category")
    if isinstance(category, list | tuple) and len(category) == 2:
        old, new = category
        if isinstance(old, str) and isinstance(new, str) and canonical_category(old) == new:
            del changes["category"]
    return changes


def matching_rules(
    rules: tuple[Rule, ...], event: Event, profile: Profile | None, catalog: Catalog | None = None
) -> list[Rule]:
    """The rules (in config order) that want an alert for this event (``catalog``: with learned lists)."""
    return [rule for rule in rules if matches(rule, event, profile, catalog)]
