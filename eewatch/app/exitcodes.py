"""Exit codes of ``scrape`` and ``eewatch`` (documented in the README)."""

OK = 0  # success, including "nothing changed"
INTERNAL = 1  # a bug: an unexpected exception
CONFIG = 2  # bad command line or configuration
SOURCE = 3  # a source failed: fetch error, HTTP error, malformed document
STORAGE = 4  # the database could not be opened or written
DELIVERY = 5  # some alerts could not be delivered (they stay in the outbox)
UNHEALTHY = 6  # ``eewatch status``: the watcher is not healthy
LOCKED = 7  # ``eewatch run``: another daemon already runs on this database
