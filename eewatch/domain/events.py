"""Event kinds: what the store and the poll write, and what alert rules listen to (one list)."""

from __future__ import annotations

NEW_ROUND = "new_round"
ROUND_AMENDED = "round_amended"
#: A new round likely invited a profile (score above the cut-off, or equal and submitted by the
#: tie-break): derived by the notifier from a ``new_round`` event, per profile; never stored alone.
LIKELY_INVITED = "likely_invited"
SOURCE_ERROR = "source_error"
POLL_FAILING = "poll_failing"
POLL_RECOVERED = "poll_recovered"
FEED_STALE = "feed_stale"
FEED_SHAPE_CHANGED = "feed_shape_changed"
#: An alert target failed for good (every attempt): told once, through the other targets.
DELIVERY_FAILING = "delivery_failing"
#: A round the feed published is gone from a current copy (not a stale one): IRCC withdrew it.
ROUND_WITHDRAWN = "round_withdrawn"
#: A round told withdrawn is back in a current copy.
ROUND_RESTORED = "round_restored"
#: A record eewatch rejected would have been the newest round: a new round may be missing.
ROUND_REJECTED = "round_rejected"
#: A category round arrived whose eligibility list eewatch does not know (a new category or version):
#: told once per category and version.
CATEGORY_UNKNOWN = "category_unknown"

#: Every event kind, in the order the docs list them.
EVENT_KINDS: tuple[str, ...] = (
    NEW_ROUND,
    ROUND_AMENDED,
    LIKELY_INVITED,
    SOURCE_ERROR,
    POLL_FAILING,
    POLL_RECOVERED,
    FEED_STALE,
    FEED_SHAPE_CHANGED,
    DELIVERY_FAILING,
    ROUND_WITHDRAWN,
    ROUND_RESTORED,
    ROUND_REJECTED,
    CATEGORY_UNKNOWN,
)

#: What a rule listens to when it does not say.
DEFAULT_EVENTS: tuple[str, ...] = (NEW_ROUND, ROUND_AMENDED, ROUND_WITHDRAWN, ROUND_RESTORED)

#: Ops events every rule's owner is told of, whatever the rule's ``events`` and conditions:
#: each says a round may be missing or read wrong, which no rule condition can judge.
TOLD_TO_EVERY_RULE: frozenset[str] = frozenset({FEED_SHAPE_CHANGED, ROUND_REJECTED})
