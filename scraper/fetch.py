"""Turn what the downloader returned into an item (pure): one decision for the feed and announcements.

Every decision about a response or a failure lives here, as pure functions the
spider and the downloader middlewares call: what a response means, whether its
Content-Type may hold the feed, how long a ``Retry-After`` lets us wait within
the poll's budget, which hosts may be fetched, and one clear line per failure.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlparse

from eewatch.domain.fetches import (
    CHANGED,
    ERROR,
    NOT_MODIFIED,
    UNCHANGED,
    FeedFetch,
    FeedFormatError,
    FeedParse,
    SourceDocument,
)
from eewatch.domain.userinfo import mask_userinfo, scrub_userinfo

if TYPE_CHECKING:
    from eewatch.domain.announcement import Parser

#: Media types the feed may be served as. IRCC serves ``application/json``; CDNs and
#: file copies sometimes say ``text/plain`` or ``application/octet-stream`` (or nothing).
ACCEPTED_MEDIA_TYPES = frozenset({"application/json", "text/json", "text/plain", "application/octet-stream"})


class Judgement(NamedTuple):
    """What one response means, before its kind of item is built."""

    outcome: str
    body_sha256: str | None = None
    parsed: Any = None
    error: str | None = None


def judge_response(
    *,
    status: int,
    body: bytes,
    previous_sha256: str | None,
    parse: Callable[[bytes], Any],
    errors: type[Exception] | tuple[type[Exception], ...],
    what: str,
    content_type: str | None = None,
    check_content_type: bool = False,
    retry_after: str | None = None,
    url: str | None = None,
) -> Judgement:
    """The one fetch decision, for the feed and announcements alike.

    304: not modified. Not 2xx: an error naming the status (and ``Retry-After``).
    A refused Content-Type (``check_content_type``): an error. The same bytes as
    the last good copy: unchanged, not parsed again. Otherwise the bytes are
    parsed; a parse failure of the ``errors`` kind is an error saying why.
    """
    if status == 304:
        return Judgement(NOT_MODIFIED)
    where = f" at {url}" if url else ""
    if not 200 <= status < 300:
        hint = f" (Retry-After: {retry_after.strip()[:40]})" if retry_after and retry_after.strip() else ""
        return Judgement(ERROR, error=f"HTTP {status} from the {what}{hint}{where}")
    import hashlib  # a body to hash (never a 304's: the cron check's start-up)

    digest = hashlib.sha256(body).hexdigest()
    refused = content_type_problem(content_type) if check_content_type else None
    if refused:
        return Judgement(ERROR, digest, error=refused)
    if previous_sha256 is not None and digest == previous_sha256:
        return Judgement(UNCHANGED, digest)
    try:
        parsed = parse(body)
    except errors as exc:
        hint = f" (Content-Type {content_type})" if content_type and "json" not in content_type else ""
        return Judgement(ERROR, digest, error=f"{exc}{hint}" if check_content_type else str(exc))
    return Judgement(CHANGED, digest, parsed=parsed)


def feed_fetch_from_response(
    *,
    url: str,
    status: int,
    body: bytes,
    etag: str | None,
    last_modified: str | None,
    previous_sha256: str | None,
    duration_ms: int | None,
    content_type: str | None = None,
    retry_after: str | None = None,
    parse: Callable[[bytes], FeedParse] | None = None,
) -> FeedFetch:
    """A :class:`FeedFetch` for one response of the feed (see :func:`judge_response`).

    ``parse`` reads a new copy: :func:`~scraper.parsing.feed.parse_feed`, or the
    same with a memo in a long-lived spider (:class:`scraper.parsing.feed_memo.FeedParser`).
    The parser is imported only when a body is to be read (not for a 304: the cron check).
    """
    judged = judge_response(
        status=status,
        body=body,
        previous_sha256=previous_sha256,
        parse=parse or _parse_feed,
        errors=FeedFormatError,
        what="feed",
        content_type=content_type,
        check_content_type=True,
        retry_after=retry_after,
        url=url,
    )
    return FeedFetch(
        url=mask_userinfo(url),
        outcome=judged.outcome,
        http_status=status,
        etag=etag,
        last_modified=last_modified,
        bytes=len(body),
        body_sha256=judged.body_sha256,
        duration_ms=duration_ms,
        parsed=judged.parsed,
        error=scrub_userinfo(judged.error) if judged.error else None,
    )


def _parse_feed(body: bytes) -> FeedParse:
    from scraper.parsing.feed import parse_feed

    return parse_feed(body)


def document_from_response(
    *,
    url: str,
    kind: str,
    status: int,
    body: bytes,
    parse: Parser,
    previous_sha256: str | None = None,
    duration_ms: int | None = None,
) -> SourceDocument:
    """A :class:`SourceDocument` for one response of an announcement (see :func:`judge_response`)."""
    from eewatch.domain.announcement import AnnouncementError

    judged = judge_response(
        status=status,
        body=body,
        previous_sha256=previous_sha256,
        parse=lambda data: parse(data, url),
        errors=AnnouncementError,
        what=kind,
        url=url,
    )
    return SourceDocument(
        url=url,
        kind=kind,
        outcome=judged.outcome,
        http_status=status,
        bytes=len(body),
        body_sha256=judged.body_sha256,
        duration_ms=duration_ms,
        announcement=judged.parsed,
        error=scrub_userinfo(judged.error) if judged.error else None,
    )


def feed_fetch_from_failure(url: str, message: str, status: int | None = None) -> FeedFetch:
    """A fetch that produced no usable response (connection error, timeout, size cap)."""
    return FeedFetch(url=mask_userinfo(url), outcome=ERROR, http_status=status, error=scrub_userinfo(message))


def content_type_problem(content_type: str | None) -> str | None:
    """Why a response of this Content-Type cannot be the feed, or None if it may be.

    No Content-Type at all (a ``file://`` copy, a bare server) is accepted: the
    parser still checks the bytes. A type that names something else (an HTML
    page, an image) is refused even if its bytes happen to parse.
    """
    if content_type is None or not content_type.strip():
        return None
    media = content_type.split(";", 1)[0].strip().lower()
    if media in ACCEPTED_MEDIA_TYPES or media.endswith("+json"):
        return None
    return f"the feed was served as {media!r}, not JSON: refused (a portal or error page?)"


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delay-seconds or an HTTP-date), or None."""
    if value is None:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{1,10}", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def retry_wait(
    retry_after: float | None, *, elapsed: float, timeout: float, budget: float, cap: float
) -> float | None:
    """How long to wait before the next try, or None if the next try would overrun the poll.

    The next try starts after the wait and may take up to ``timeout``; the whole
    poll (every try and wait) stays within ``budget`` seconds. A ``Retry-After``
    longer than ``cap`` is more than a poll should wait: no retry.
    """
    wait = 0.0 if retry_after is None else retry_after
    if wait > cap:
        return None
    if elapsed + wait + timeout > budget:
        return None
    return wait


def host_allowed(url: str, hosts: Iterable[str]) -> bool:
    """True if ``url`` is on one of ``hosts`` (ports and schemes aside), or is a local file."""
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return True
    host = (parsed.hostname or "").lower().rstrip(".")
    return host in {h.lower().rstrip(".") for h in hosts}


# Patterns as text, compiled on first use (``re``'s cache): a cron check meets no error to describe.
#: The host in Twisted's two DNS messages: "address 'HOST' not found: ..." and
#: "no results for hostname lookup: HOST."
_DNS_HOST = r"address '([^']+)'|hostname lookup: (?=\S)([^\s:]+)"
_INNER = r"twisted\.[\w.]*?\.?(\w+(?:Error|Lost|Done|Refused))(?::\s*([^>\]]*))?"


def describe_error(name: str, text: str, *, max_bytes: int | None = None) -> str:
    """One line saying why a request produced no usable response, from the exception's name and text."""
    text = text.strip()
    lowered = text.lower()
    cap = f" of {max_bytes:,} bytes" if max_bytes else ""
    if (
        "maxsize" in lowered
        or "max size" in lowered
        or "larger than" in lowered
        or (name == "DownloadCancelledError" and not text)
    ):
        return f"response over the size cap{cap}: {text or 'the body grew past it; download stopped'}"[:500]
    if name == "DownloadTimeoutError" or name == "TimeoutError":
        return f"timeout: no complete response in time ({text or name})"[:500]
    if name == "ResponseDataLossError" or "_DataLoss" in text:
        return "truncated body: the connection closed before the promised Content-Length arrived"
    if name == "IgnoreRequest" and "max redirections" in lowered:
        return f"too many redirects (a redirect loop?): {text}"
    if name == "IgnoreRequest" and "offsite" in lowered:
        return f"refused a redirect to another host: {text}"[:500]
    if name == "IgnoreRequest" and "another host" in lowered:
        return text[:500]
    if name == "DNSLookupError" or "dns lookup failed" in lowered:
        found = re.search(_DNS_HOST, text)
        host = f" for {(found.group(1) or found.group(2)).rstrip('.')[:200]}" if found else ""
        said = re.sub(r"^dns lookup failed:?\s*", "", text, flags=re.I)
        detail = "" if found or not said else f" ({said[:200]})"
        return (
            f"DNS lookup failed{host}{detail}: check the network, "
            "or read a saved copy with scrape --once --feed FILE"
        )
    if name in ("FileNotFoundError",) or "no such file" in lowered:
        return f"no such file: {text[:300]}"
    inner = re.search(_INNER, text)
    if inner and name in {"DownloadFailedError", "ResponseFailed", "ResponseNeverReceived"}:
        what, detail = inner.group(1), (inner.group(2) or "").strip()
        return f"connection failed ({what}): {detail or 'closed before a complete response'}"[:500]
    return f"{name}: {text or name}"[:500]
