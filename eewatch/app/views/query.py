"""Reading rounds for the views, with category slugs matched through their aliases.

The store filters on the slug as stored; a round stored under a slug eewatch has
since renamed (``senior-managers-canadian``) reads back under the new one
(``senior-managers``, see the catalog's ``aliases``),
so a category filter here matches on the record, after that reading.
"""

from __future__ import annotations

import datetime as dt

from eewatch.domain.record import Round
from eewatch.domain.taxonomy import canonical_category
from eewatch.store.store import Store


def stored_rounds(
    store: Store,
    *,
    category: str | None = None,
    round_type: str | None = None,
    since: dt.date | None = None,
    limit: int | None = None,
    include_provisional: bool = False,
) -> list[Round]:
    """``store.rounds(...)``, newest first, where ``category`` also finds rounds stored under an old slug."""
    if not category:
        return store.rounds(
            round_type=round_type, since=since, limit=limit, include_provisional=include_provisional
        )
    slug = canonical_category(category.lower())
    found = store.rounds(round_type=round_type, since=since, include_provisional=include_provisional)
    matching = [r for r in found if r.category == slug]
    return matching[:limit] if limit else matching


def known_categories(store: Store) -> set[str]:
    """The slugs a ``--category`` may name: the shipped catalog's, the taxonomy's, every category stored."""
    from eewatch.app.names import known_categories as every_known

    return set(every_known(store))


def unknown_category(slug: str, known: set[str]) -> str | None:
    """A one-line error for a slug no known list holds (nearest suggested, as the config says), else None."""
    from eewatch.config import unknown_category as config_says

    slug = canonical_category(slug.lower())
    return None if slug in known else config_says(slug, known)
