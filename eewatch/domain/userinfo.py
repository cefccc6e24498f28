"""Credentials written into a URL (``http://user:password@host/``): split off, and masked wherever shown.

A feed mirror may need a user and password in its URL. The request sends them
as HTTP Basic authentication (:func:`split_userinfo`); everything eewatch
shows or stores (logs, ``status``, the ``fetches`` rows, event payloads and
the alerts made of them) holds the URL with its user part masked
(:func:`mask_userinfo`), and any text that may quote it is scrubbed
(:func:`scrub_userinfo`).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

MASK = "***"

#: ``scheme://userinfo@`` anywhere in a text (the userinfo up to the authority's last ``@``).
_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^/?#\s@]*(?:@[^/?#\s@]*)*)@")


def mask_userinfo(url: str) -> str:
    """``url`` with its user and password replaced by ``***`` (unchanged when it has none)."""
    return scrub_userinfo(url)


def scrub_userinfo(text: str) -> str:
    """Every ``scheme://user:password@`` in ``text`` as ``scheme://***@``."""
    if "@" not in text:
        return text
    return _USERINFO.sub(lambda m: f"{m.group('scheme')}{MASK}@", text)


def split_userinfo(url: str) -> tuple[str, str | None, str | None]:
    """``url`` without its user part, and that user and password (decoded), if it has them."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url, None, None
    if "@" not in parts.netloc:
        return url, None, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    bare = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return bare, unquote(user), unquote(password) if password else None
