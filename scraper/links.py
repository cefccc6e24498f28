"""Which links from fetched content eewatch may show or follow (pure, standard library only).

The feed's ``drawNumberURL`` (and an announcement's links) are content, not
configuration: whoever can change the feed, or serve a copy of it, chooses them.

- :func:`safe_round_url`: only pages on IRCC's own site become links in what
  eewatch writes: ``https://www.canada.ca/...`` as is, ``http://www.canada.ca/...``
  upgraded to https. Anything else (another host, ``//host/path``, ``javascript:``,
  ``data:``, user info or a port, control characters or spaces) is kept as text
  with a warning by the caller, never as a link.
- :func:`allowed_round_page`: only canada.ca's static Ministerial Instructions
  pages may be *fetched* from content (``[[sources]] kind = "stored-pages"``);
  following any link would let a hostile copy make eewatch fetch its internal
  network. Configured sources (``[[sources]] url``) are the operator's choice.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

#: The one host whose pages become links.
HOST = "www.canada.ca"
#: Longest link accepted (canada.ca's are under 300 characters).
MAX_LENGTH = 2000

_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\\<>\"'`\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe_round_url(url: str | None) -> str | None:
    """``url`` as an https link on www.canada.ca, or None when it must not become a link."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > MAX_LENGTH or _UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("https", "http") or parts.netloc.lower() != HOST:
        return None
    if not parts.path.startswith("/"):
        return None
    return urlunsplit(("https", HOST, parts.path, parts.query, parts.fragment))


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


def feed_location(value: str) -> str:
    """An http(s)/file URL as given, or a local path made into a file:// URL."""
    if "://" in value:
        return value
    return Path(value).expanduser().resolve().as_uri()
