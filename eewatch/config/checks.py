"""What spans sections, and the category names the config writes (checked once the store is open)."""

from __future__ import annotations

from collections.abc import Iterable

from eewatch.config.model import Config
from eewatch.config.values import bad, did_you_mean


def check_across(config: Config, where: str) -> None:
    """``eligible`` needs a profile, ``tag:`` targets an Apprise config file, a rule's ``profiles``
    names profiles that exist (an error says which entry of the list, never the name)."""
    names = {p.name for p in config.profiles}
    for rule in config.alerts:
        label = f"[[alerts]] {rule.name}"
        if rule.eligible is not None and rule.profiles is None and config.profile is None:
            raise bad(where, f"{label} eligible", "needs a [profile] section")
        for number, name in enumerate(rule.profiles or (), start=1):
            if name != "*" and name not in names:
                nobody = "no profile of that name in [[profiles]] or the [roster]"
                raise bad(where, f"{label} profiles #{number}", nobody)
        for target in rule.notify:
            if target.startswith("tag:") and config.notifications.apprise_config is None:
                raise bad(where, f"{label} notify", f'{target} needs [notifications] apprise_config = "path"')


def check_category_names(config: Config, known: Iterable[str]) -> None:
    """Every category the config names is ``known`` (case-insensitively), else :class:`ConfigError`.

    ``known``: the shipped names (:func:`eewatch.domain.eligibility.shipped_category_names`)
    and the categories present in the database, so a category IRCC creates later is
    known as soon as a copy of the feed brings it. Called by the app once the store is open.
    """
    names = {k.lower() for k in known}
    where = str(config.path) if config.path else "<config>"
    places: list[tuple[str, tuple[str, ...]]] = []
    if config.profile is not None:
        places.append(("[profile] categories", config.profile.categories))
    places += [(f"[[profiles]] #{n} categories", p.categories) for n, p in enumerate(config.profiles, 1)]
    places += [(f"[[alerts]] {rule.name} categories", rule.categories) for rule in config.alerts]
    for label, slugs in places:
        for slug in slugs:
            if slug.lower() not in names:
                raise bad(where, label, unknown_category(slug, names))


def unknown_category(name: str, known: Iterable[str]) -> str:
    """``unknown category 'stme' (did you mean 'stem'?; known: french, stem, ...)``."""
    names = sorted(set(known))
    return f"unknown category {name!r}{did_you_mean(name, names)} (known: {', '.join(names)})"
