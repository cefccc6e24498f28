"""Which links from a source may become links in what eewatch writes (pure, standard library only).

A round's link comes from the feed, which nobody here controls. Only pages on
IRCC's own site become links: ``https://www.canada.ca/...`` as is, and
``http://www.canada.ca/...`` upgraded to https. Everything else (another host,
a protocol-relative ``//host/path``, ``javascript:``, ``data:``, user info or a
port in the authority, control characters or spaces) is refused: callers keep
such a value as text, with a warning, never as a link.
"""

from __future__ import annotations

import re
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
