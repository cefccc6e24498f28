"""Which links found in fetched content eewatch may follow (pure).

The feed's ``drawNumberURL`` (and an announcement's links) are content, not
configuration: whoever can change the feed, or serve a copy of it, chooses
them. Following any of them would let a hostile copy make eewatch fetch its
internal network (``http://127.0.0.1:8765/internal/admin/...``, a cloud metadata
address) from the machine it runs on. Only canada.ca's own static Ministerial
Instructions pages may be fetched from content: :func:`allowed_round_page`.
Configured sources (``[[sources]] url``) are the operator's choice and are not
checked here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Hosts that serve the rounds' Ministerial Instructions pages.
ROUND_PAGE_HOSTS = frozenset({"www.canada.ca", "canada.ca"})

#: The path of a round's static page: ``/en/immigration-refugees-citizenship/.../invitations-205.html``
#: (or the French tree): lowercase segments of letters, digits and hyphens only (no ``..``, no
#: percent-escapes, no empty segment), ending in ``invitations-N.html``.
_ROUND_PAGE_PATH = re.compile(
    r"/(?:en|fr)/immigration-[a-z0-9-]+(?:/[a-z0-9-]+){1,8}/invitations-\d{1,4}[a-z]?\.html?", re.ASCII
)
#: Characters no canada.ca round page address holds (whitespace, controls, quotes, backslash, ``%``).
_ODD = re.compile(r"[^\x21-\x7e]|[\\\"'<>%`{}|^]")


def allowed_round_page(url: str) -> bool:
    """True only for ``https://www.canada.ca/{en,fr}/immigration-…/invitations-N.html`` (no user,
    no port but 443, no query): a link from a feed or page that eewatch may fetch."""
    if not isinstance(url, str) or len(url) > 500 or _ODD.search(url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and parts.hostname in ROUND_PAGE_HOSTS
        and parts.netloc.lower() in ROUND_PAGE_HOSTS | {f"{h}:443" for h in ROUND_PAGE_HOSTS}
        and port in (None, 443)
        and not parts.query
        and _ROUND_PAGE_PATH.fullmatch(parts.path) is not None
    )
