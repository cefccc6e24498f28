"""Event kinds: what the store and the poll write, and what alert rules listen to (one list)."""

from __future__ import annotations

NEW_ROUND = "new_round"
ROUND_AMENDED = "round_amended"
SOURCE_ERROR = "source_error"
POLL_FAILING = "poll_failing"
POLL_RECOVERED = "poll_recovered"
FEED_STALE = "feed_stale"
FEED_SHAPE_CHANGED = "feed_shape_changed"
#: An alert target failed for good (every attempt): told once, through the other targets.
DELIVERY_FAILING = "delivery_failing"
#: A category round arrived whose eligibility list eewatch does not know (a new category or version):
#: told once per category and version.
CATEGORY_UNKNOWN = "category_unknown"

#: Every event kind, in the order the docs list them.
EVENT_KINDS: tuple[str, ...] = (
    NEW_ROUND,
    ROUND_AMENDED,
    SOURCE_ERROR,
    POLL_FAILING,
    POLL_RECOVERED,
    FEED_STALE,
    FEED_SHAPE_CHANGED,
    DELIVERY_FAILING,
    CATEGORY_UNKNOWN,
)

#: What a rule listens to when it does not say.
DEFAULT_EVENTS: tuple[str, ...] = (NEW_ROUND, ROUND_AMENDED)
