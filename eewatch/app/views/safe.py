"""What a round from the feed may carry into the files and terminals eewatch writes to.

* Text: control characters (C0 but tab and newline, DEL, C1), the two
  non-characters XML 1.0 forbids, lone surrogates and bidirectional overrides
  are written as visible escapes (``\\x1b``, ``\\u202e``): XML stays well formed,
  a terminal shows them instead of obeying them.
* Links: only ``https://www.canada.ca/...`` (see :mod:`scraper.links`);
  any other value is dropped from ``url`` and kept, as text, in a warning.
* File names: slugs are bounded (long ones end in a short hash, so two long
  names stay apart).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from typing import Any

from eewatch.domain.record import Round
from scraper.links import safe_round_url

log = logging.getLogger(__name__)

#: Longest slug (file names are ``category-<slug>.html``: far below any file system's 255 bytes).
MAX_SLUG = 60

_UNSAFE_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean_text(value: str) -> str:
    """``value`` with what XML or a terminal cannot take written as a visible escape."""
    return _UNSAFE_TEXT.sub(_escape, value)


#: How the warning of a link kept as text begins.
UNSAFE_LINK = "link not on https://www.canada.ca, kept as text: "


def unsafe_link_warning(url: str) -> str:
    return f"{UNSAFE_LINK}{clean_text(url)!r}"


def vet(item: Round) -> Round:
    """The round with its text cleaned and its ``url`` either a safe link or None (then a warning)."""
    url = safe_round_url(item.url)
    warnings = tuple(clean_text(w) for w in item.warnings)
    if item.url is not None and url is None:
        note = unsafe_link_warning(item.url)
        if note not in warnings:
            log.warning("round %s: %s", clean_text(item.id), note)
            warnings = (*warnings, note)
    changed: dict[str, Any] = {
        "id": clean_text(item.id),
        "name": clean_text(item.name) if item.name is not None else None,
        "category": clean_text(item.category) if item.category is not None else None,
        "category_version": (
            clean_text(item.category_version) if item.category_version is not None else None
        ),
        "programs": tuple(clean_text(p) for p in item.programs),
        "url": url,
        "warnings": warnings,
    }
    if all(getattr(item, k) == v for k, v in changed.items()):
        return item
    return dataclasses.replace(item, **changed)


def bounded_slug(slug: str, limit: int = MAX_SLUG) -> str:
    """``slug`` if short enough, else its start and a hash of the whole: unique and bounded."""
    if len(slug) <= limit:
        return slug
    digest = hashlib.sha256(slug.encode()).hexdigest()[:10]
    return f"{slug[: limit - 11].rstrip('-')}-{digest}"
