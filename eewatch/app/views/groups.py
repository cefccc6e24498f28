"""Which series a round belongs to: general, a program (or set of programs), or a category."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from eewatch.app.views.safe import bounded_slug
from eewatch.domain.record import PROGRAM_LABELS, Round
from eewatch.domain.taxonomy import split_version

#: Round types in display order; "unknown" holds rounds whose name gave no type.
TYPE_ORDER = ("general", "program", "category", "unknown")


@dataclass(frozen=True, order=True)
class Group:
    """A series of comparable rounds: ``("category", "stem")``, ``("program", "PNP")``, ..."""

    round_type: str
    key: str

    @property
    def slug(self) -> str:
        """A file-name-safe id: ``general``, ``program-pnp``, ``category-stem`` (bounded in length)."""
        if self.round_type in ("general", "unknown"):
            return self.round_type
        key = re.sub(r"[^a-z0-9]+", "-", self.key.lower()).strip("-") or "unnamed"
        return f"{self.round_type}-" + bounded_slug(key)

    @property
    def short(self) -> str:
        """``general``, ``program:PNP``, ``category:stem``; ``category (all)`` for a whole type."""
        if self.key == self.round_type:
            return (
                self.round_type if self.round_type in ("general", "unknown") else f"{self.round_type} (all)"
            )
        return f"{self.round_type}:{self.key}"


def group_of(item: Round) -> Group:
    """The group of one round."""
    if item.round_type == "category":
        return Group("category", item.category or "unnamed")
    if item.round_type == "program":
        return Group("program", ",".join(item.programs) or "unnamed")
    if item.round_type == "general":
        return Group("general", "general")
    return Group("unknown", "unknown")


def sort_key(group: Group) -> tuple[int, str]:
    """General first, then programs, categories, and rounds of unknown type."""
    order = TYPE_ORDER.index(group.round_type) if group.round_type in TYPE_ORDER else len(TYPE_ORDER)
    return order, group.key


def group_rounds(rounds: Iterable[Round]) -> dict[Group, list[Round]]:
    """Rounds by group (groups in display order, rounds newest first)."""
    grouped: dict[Group, list[Round]] = {}
    for item in rounds:
        grouped.setdefault(group_of(item), []).append(item)
    return {
        group: sorted(items, key=newest_first)
        for group, items in sorted(grouped.items(), key=lambda kv: sort_key(kv[0]))
    }


def newest_first(item: Round) -> tuple[int, int, str]:
    """Sort key putting the newest round first (date, then number)."""
    return (-item.date.toordinal(), -item.number, item.id)


def label(group: Group, rounds: Iterable[Round] = ()) -> str:
    """A readable name: the newest round's category name without its version, or the program names."""
    if group.round_type == "general":
        return "General (all programs)"
    if group.round_type == "program":
        return " + ".join(PROGRAM_LABELS.get(code, code) for code in group.key.split(","))
    if group.round_type == "category":
        for item in sorted(rounds, key=newest_first):
            if item.name:
                return split_version(item.name)[0]
        return group.key.replace("-", " ").capitalize()
    return "Rounds of unknown type"
