"""Category names the user writes, checked against every name eewatch knows (exit 2 with a suggestion).

Known: the shipped catalog's categories, the round-name taxonomy's, and the
categories of the rounds in the database (a category IRCC creates later is
known as soon as a copy of the feed brings it). Case-insensitive.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from eewatch.config import (
    Config,
    ConfigError,
    check_category_names,
    did_you_mean,
    unknown_category,
)
from eewatch.domain.record import PROGRAM_CODES
from eewatch.store.store import Store


def known_categories(store: Store) -> frozenset[str]:
    """Shipped names and the categories present in the database."""
    from eewatch.domain.eligibility import shipped_category_names  # only where a name is to check

    return shipped_category_names() | frozenset(store.categories())


def check_config_names(config: Config, store: Store) -> None:
    """Every category in ``[profile]`` and ``[[alerts]]`` is known; else :class:`ConfigError`.

    A config that names no category costs nothing (no catalog read, no query): cron runs often.
    """
    named = any(rule.categories for rule in config.alerts) or (
        config.profile is not None and bool(config.profile.categories)
    )
    if named:
        check_category_names(config, known_categories(store))


def resolve_category(name: str, known: Iterable[str], option: str = "--category") -> str:
    """A category given on the command line, as its slug (lowercase); unknown -> :class:`ConfigError`."""
    from eewatch.domain.taxonomy import canonical_category

    slug = canonical_category(name.strip().lower())
    names = {k.lower() for k in known}
    if slug not in names:
        raise ConfigError(f"{option} {name}: {unknown_category(name, names)}")
    return slug


def program_code(value: str) -> str:
    """An argparse ``type``: a program code (CEC, FSW, FST, PNP), any case; else a usage error (exit 2)."""
    code = value.strip().upper()
    if code not in PROGRAM_CODES:
        raise argparse.ArgumentTypeError(
            f"unknown program {value!r}{did_you_mean(value, PROGRAM_CODES)} "
            f"(one of: {', '.join(PROGRAM_CODES)})"
        )
    return code
