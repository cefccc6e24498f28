"""Who an event's alert goes to: rules x profiles -> one delivery per (target, kind, subject).

A rule without ``profiles`` judges the one ``[profile]`` (as always). A rule with
``profiles = "*"`` or a list of names is judged for each of those profiles; a profile it
concerns gets a message at the rule's targets (naming the profile), or, with ``digest``,
the rule's targets get one message per round listing every profile concerned, with its
verdict; with ``to_profiles`` each concerned profile's message also goes to that profile's
own ``notify`` (saying "you", not the name).

``likely_invited`` is derived from a ``new_round`` event: a profile concerns a rule listening
to it when the round meets the rule's conditions and the verdict
(:func:`eewatch.domain.verdicts.judge`) says invited.

Deliveries are keyed by (target, kind, subject): two rules that select the same round for the
same target make one delivery naming both rules.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence

from eewatch.config import Config, Profile, Rule
from eewatch.domain.events import LIKELY_INVITED, NEW_ROUND, TOLD_TO_EVERY_RULE
from eewatch.domain.occupations import Catalog, load_catalog
from eewatch.domain.record import Round
from eewatch.domain.verdicts import PersonalVerdict, judge
from notifier.events import Event
from notifier.personal import digest_message, likely_invited_message, with_profile_and_rules
from notifier.render import Message
from notifier.rules import matches, round_matches
from notifier.secrets import target_key, target_label

__all__ = [
    "DIGEST",
    "Delivery",
    "configured_targets",
    "plan",
    "row_key",
    "rule_digest",
    "rule_profiles",
    "rule_to_profiles",
    "same_target",
    "settings_profiles",
]

#: The subject of a digest (profile names are lowercase letters, digits and dashes: never this).
DIGEST = "*digest"


# -- the configuration's people (read where the config declares them) -----------------------


def rule_profiles(rule: Rule) -> tuple[str, ...] | None:
    """The rule's ``profiles``: ``("*",)`` for every profile, names, or ``None`` (the ``[profile]``)."""
    return rule.profiles


def rule_to_profiles(rule: Rule) -> bool:
    return rule.to_profiles


def rule_digest(rule: Rule) -> bool:
    return rule.digest


def settings_profiles(config: Config) -> tuple[Profile, ...]:
    """Every named profile: the ``[[profiles]]`` entries, then the roster's."""
    return config.profiles


# -- outbox keys ------------------------------------------------------------------------------


def row_key(target: str, kind: str, subject: str | None, event_kind: str) -> str:
    """The outbox ``target_key`` of a delivery (64 characters).

    A plain round or ops alert keeps the target's own hash (rows as before). A delivery about a
    profile, a digest, or a derived kind is the first half of the target's hash and the first half
    of the subject's, so the target is still found by its first 32 characters
    (:func:`same_target`), and no name is stored in the key.
    """
    key = target_key(target)
    if subject is None and kind == event_kind:
        return key
    about = hashlib.sha256(f"{kind}\x00{subject or ''}".encode()).hexdigest()
    return key[:32] + about[:32]


def same_target(key: str) -> str:
    """What identifies the target in any of its row keys."""
    return key[:32]


_LAST: list[tuple[Config, dict[str, str]]] = []


def configured_targets(config: Config) -> dict[str, str]:
    """Every configured target (the rules' and the profiles'), by :func:`same_target` of its key.

    Kept for the last config asked about: a delivery pass asks once per row.
    """
    if _LAST and _LAST[0][0] is config:
        return _LAST[0][1]
    found: dict[str, str] = {}
    for rule in config.alerts:
        for target in rule.notify:
            found.setdefault(same_target(target_key(target)), target)
    for profile in settings_profiles(config):
        for target in profile.notify:
            found.setdefault(same_target(target_key(target)), target)
    _LAST[:] = [(config, found)]
    return found


# -- the plan ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Delivery:
    """One outbox row to be: a target, what it is about, the rules that chose it, and its message."""

    target: str
    kind: str
    subject: str | None
    rules: list[str]
    render: Callable[[list[str]], Message]
    #: For a digest: the profiles it lists, by name, in the order they were concerned.
    verdicts: dict[str, PersonalVerdict] = dataclasses.field(default_factory=dict)
    #: A profile's own target (``to_profiles``): labelled without its address (:func:`own_label`).
    own: bool = False

    def message(self) -> Message:
        return self.render(self.rules)

    def label(self) -> str:
        return own_label(self.target) if self.own else _label(self.target)


#: A rule's target labelled once per pass, not once per profile it carries a message about.
_label = functools.lru_cache(maxsize=256)(target_label)


def own_label(target: str) -> str:
    """How a profile's own target is shown in the outbox and the logs: its scheme and a short hash,
    never its address (a person's email is personal data; and labelling 10,000 addresses through
    Apprise would cost seconds)."""
    scheme = target.split("://", 1)[0].lower() if "://" in target else "tag"
    return f"{scheme}:// (a profile's own target {target_key(target)[:8]})"


class Plan:
    """The deliveries of one event, merged per (target, kind, subject)."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self.by_key: dict[str, Delivery] = {}

    def add(
        self,
        target: str,
        kind: str,
        subject: str | None,
        rule: str,
        render: Callable[[list[str]], Message],
        verdicts: Iterable[PersonalVerdict] = (),
        *,
        own: bool = False,
    ) -> None:
        key = row_key(target, kind, subject, self.event.kind)
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = Delivery(target, kind, subject, [], render, own=own)
        if rule not in found.rules:
            found.rules.append(rule)
        for verdict in verdicts:
            found.verdicts.setdefault(verdict.profile, verdict)

    def deliveries(self) -> list[Delivery]:
        return list(self.by_key.values())


class Judge:
    """Each profile's verdict for the event's round, judged once (every rule reads the same)."""

    def __init__(self, round_: Round, catalog: Catalog | None = None) -> None:
        self.round = round_
        self.catalog = catalog or load_catalog()
        self._said: dict[int, PersonalVerdict] = {}

    def __call__(self, profile: Profile) -> PersonalVerdict:
        key = id(profile)
        said = self._said.get(key)
        if said is None:
            said = self._said[key] = judge(self.round, profile, self.catalog)
        return said


def _selected(rule: Rule, names: tuple[str, ...], everyone: Sequence[Profile]) -> list[Profile]:
    if "*" in names:
        return list(everyone)
    wanted = set(names)
    return [p for p in everyone if p.name in wanted]


def _listens_likely(rule: Rule, event: Event) -> bool:
    """Could ``likely_invited`` of this event concern this rule (a new round it listens for)?"""
    if event.kind != NEW_ROUND or LIKELY_INVITED not in rule.events:
        return False
    return not event.provisional or rule.include_provisional


def _likely(
    rule: Rule, event: Event, round_: Round, profile: Profile, said: PersonalVerdict, catalog: Catalog
) -> bool:
    """Does ``likely_invited`` of this new round concern this rule and profile?"""
    if not _listens_likely(rule, event) or said.invited is not True:
        return False
    return round_matches(rule, round_, profile, catalog)


def plan(
    event: Event,
    rules: Iterable[Rule],
    config: Config,
    plain: Callable[[Rule, Profile | None], Message],
    *,
    catalog: Catalog | None = None,
    matched: set[str] | None = None,
) -> Plan:
    """Every delivery the rules call for about ``event`` (rules in config order).

    ``plain(rule, profile)``: the ordinary alert of the event for a rule and a profile.
    ``matched``: the names of the rules known to match the event for the ``[profile]`` (a storm's
    amendments, matched once per pass); otherwise each is asked.
    An ops event told to every rule goes to each rule's own targets, never per profile.
    """
    result = Plan(event)
    round_ = event.round
    judged = Judge(round_, catalog) if round_ is not None else None
    everyone = settings_profiles(config)
    for rule in rules:
        names = rule_profiles(rule)
        if names is None or round_ is None or judged is None or event.kind in TOLD_TO_EVERY_RULE:
            _one_person(result, rule, event, config.profile, judged, plain, catalog, matched)
            continue
        concerned: list[PersonalVerdict] = []
        likely_only = event.kind not in rule.events
        # What depends on the event alone is asked once per rule, what depends on the person per profile.
        plain_kind = event.kind in rule.events and matches(rule, event, None, round_conditions=False)
        likely_kind = _listens_likely(rule, event)
        for profile in _selected(rule, names, everyone):
            said = judged(profile)
            kinds = []
            if plain_kind and round_matches(rule, round_, profile, judged.catalog):
                kinds.append(event.kind)
            if likely_kind and said.invited is True and round_matches(rule, round_, profile, judged.catalog):
                kinds.append(LIKELY_INVITED)
            if not kinds:
                continue
            concerned.append(said)
            for kind in kinds:
                render = _renderer(kind, round_, said, profile, rule, plain)
                if not rule_digest(rule):
                    for target in rule.notify:
                        result.add(target, kind, profile.name, rule.name, render(profile.name))
                if rule_to_profiles(rule):
                    for target in profile.notify:
                        result.add(target, kind, profile.name, rule.name, render(None), own=True)
        if rule_digest(rule) and concerned:
            kind = LIKELY_INVITED if likely_only else event.kind
            for target in rule.notify:
                result.add(
                    target, kind, DIGEST, rule.name, _digest(result, target, kind, likely_only), concerned
                )
    return result


def _digest(result: Plan, target: str, kind: str, likely_only: bool) -> Callable[[list[str]], Message]:
    round_ = result.event.round
    assert round_ is not None
    key = row_key(target, kind, DIGEST, result.event.kind)

    def render(rules: list[str]) -> Message:
        verdicts = list(result.by_key[key].verdicts.values())
        return digest_message(round_, verdicts, rules, likely_only=likely_only)

    return render


def _renderer(
    kind: str,
    round_: Round,
    said: PersonalVerdict,
    profile: Profile,
    rule: Rule,
    plain: Callable[[Rule, Profile | None], Message],
) -> Callable[[str | None], Callable[[list[str]], Message]]:
    """For a name shown (a rule's targets) or not (the person's own): the message, given the rules."""

    def for_name(name: str | None) -> Callable[[list[str]], Message]:
        if kind == LIKELY_INVITED:
            return lambda rules: likely_invited_message(round_, said, rules, name=name)
        return lambda rules: with_profile_and_rules(plain(rule, profile), name, rules)

    return for_name


def _one_person(
    result: Plan,
    rule: Rule,
    event: Event,
    profile: Profile | None,
    judged: Judge | None,
    plain: Callable[[Rule, Profile | None], Message],
    catalog: Catalog | None = None,
    matched: set[str] | None = None,
) -> None:
    """A rule without ``profiles``: the event's alert, and likely_invited for the ``[profile]``."""
    # Its kind, or an ops event told to every rule (``matched``: already asked, for a storm).
    wanted = rule.name in matched if matched is not None else matches(rule, event, profile, catalog)
    if wanted:
        render: Callable[[list[str]], Message] = lambda rules: with_profile_and_rules(  # noqa: E731
            plain(rule, profile), None, rules
        )
        for target in rule.notify:
            result.add(target, event.kind, None, rule.name, render)
    round_ = event.round
    if profile is None or judged is None or round_ is None:
        return
    said = judged(profile)
    if _likely(rule, event, round_, profile, said, judged.catalog):
        for target in rule.notify:
            result.add(
                target,
                LIKELY_INVITED,
                None,
                rule.name,
                lambda rules: likely_invited_message(round_, said, rules, name=None),
            )
