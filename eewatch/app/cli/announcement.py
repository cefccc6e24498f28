"""``eewatch announcement``: what one MI page or article says, field by field, with where it came from.

Nothing is stored. A URL is fetched once (urllib); a path is read. With a database, the article is
read against IRCC's record of rounds (:mod:`eewatch.domain.against_record`) and each round it names
is compared with the stored one.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlparse

from eewatch.app import exitcodes
from eewatch.app.cli import Context, command_parser
from eewatch.config import Config
from eewatch.domain.against_record import against_record
from eewatch.domain.announcement import (
    ARTICLE,
    FACT_FIELDS,
    PAGE,
    Announcement,
    AnnouncementError,
    NotAnnouncement,
)
from eewatch.domain.record import Round
from eewatch.store.store import Store
from scraper.parsing.bounded import parse_article, parse_page
from scraper.parsing.feed import is_feed_document


class SourceUnreadable(Exception):
    """The document could not be fetched or read."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "announcement",
        run,
        help="parse one MI page or article and show what it says (stores nothing)",
        description="Parse one Ministerial Instructions page or article (a URL or a file) and print "
        "each round's facts with where in the text they came from. Nothing is stored. With a database, "
        "a day IRCC's record has no round on is not printed as an article's round (a warning says so) and "
        "each round is compared with the stored one.",
    )
    parser.add_argument("source", metavar="PATH_OR_URL", help="an http(s) URL, a file:// URL or a path")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument(
        "--kind",
        choices=(PAGE, ARTICLE, "auto"),
        default="auto",
        help="page: an MI page; article: prose; auto: a page if it is one, else an article",
    )


def run(ctx: Context) -> int:
    args, config = ctx.args, ctx.config
    try:
        body = read_source(args.source, config)
    except SourceUnreadable as exc:
        return ctx.error(f"cannot read {args.source}: {exc}", exitcodes.SOURCE)
    try:
        announcement = parse(body, args.source, args.kind)
    except AnnouncementError as exc:
        return ctx.error(f"{args.source}: {exc}", exitcodes.SOURCE)
    if not announcement.rounds:
        return ctx.error(
            f"{args.source}: no round of invitations found in this {announcement.kind}", exitcodes.SOURCE
        )
    announcement, matches = read_against_store(config, announcement)
    if not announcement.rounds:
        return ctx.error(
            f"{args.source}: no round of invitations found in this {announcement.kind} that IRCC's record "
            f"bears out: {'; '.join(announcement.warnings[-3:])}",
            exitcodes.SOURCE,
        )
    if args.format == "json":
        write_json(announcement, args.source, sys.stdout, matches)
    else:
        write_table(announcement, args.source, sys.stdout, matches)
    return exitcodes.OK


Matches = list[tuple[Round | None, dict[str, tuple[Any, Any]]]] | None


def read_against_store(config: Config, announcement: Announcement) -> tuple[Announcement, Matches]:
    """Where a database is there to read (none is made): an article read against IRCC's record (the
    rounds the official feed confirmed; a day with no round is no round's), and what the stored rounds
    say of each mention."""
    url = config.database.url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return announcement, None
    with Store.open(url, migrate=False) as store:
        if announcement.kind == ARTICLE:  # an MI page is IRCC's own: it is compared, never trimmed
            announcement = against_record(announcement, store.rounds())
        return announcement, store.stored_matches(announcement.rounds)


def parse(body: bytes, source: str, kind: str) -> Announcement:
    """Parse as the kind asked; ``auto`` tries a page, then (its labels incomplete) an article.

    The rounds feed itself is refused with a pointer to the command that reads it.
    """
    if is_feed_document(body):
        raise NotAnnouncement(
            f"this is the rounds feed, not an announcement: read it with scrape --once --feed {source}"
        )
    if kind == PAGE:
        return parse_page(body, source)
    if kind == ARTICLE:
        return parse_article(body, source)
    try:
        return parse_page(body, source)
    except AnnouncementError as exc:
        if "empty" in str(exc):
            raise
        # Not a page, or a page whose labels are incomplete (an article quoting one label):
        # read it as an article before giving up.
        article = parse_article(body, source)
        if not article.rounds:
            raise NotAnnouncement(f"{exc}; read as an article, it names no round either") from None
        note = f"read as an article: as a Ministerial Instructions page, {exc}"
        return dataclasses.replace(article, warnings=(*article.warnings, note))


def read_source(source: str, config: Config) -> bytes:
    """The bytes of a URL (one GET, size-capped) or a file."""
    scheme = urlparse(source).scheme.lower()
    if scheme in ("http", "https"):
        request = urllib.request.Request(source, headers={"User-Agent": config.feed.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=config.feed.timeout) as response:
                body = response.read(config.feed.max_bytes + 1)
        except urllib.error.HTTPError as exc:
            raise SourceUnreadable(f"HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise SourceUnreadable(str(getattr(exc, "reason", exc))) from None
        if len(body) > config.feed.max_bytes:
            raise SourceUnreadable(f"larger than {config.feed.max_bytes} bytes")
        return bytes(body)
    if scheme == "file":
        path = Path(urllib.request.url2pathname(urlparse(source).path))
    elif "://" in source:
        raise SourceUnreadable(f"unsupported URL scheme {scheme!r}")
    else:
        path = Path(source).expanduser()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceUnreadable(exc.strerror or str(exc)) from None


def write_json(announcement: Announcement, source: str, out: TextIO, matches: Matches = None) -> None:
    """The whole result: each round's fields with value, span and snippet; with a database, the
    stored round each is about and where they differ (``stored``)."""
    data = {"source": source, **announcement.to_dict()}
    if matches is not None:
        for mention, (stored, differences) in zip(data["rounds"], matches, strict=True):
            mention["stored"] = {
                "round": stored.id if stored is not None else None,
                "differences": {name: {"here": a, "stored": b} for name, (a, b) in differences.items()},
            }
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_table(announcement: Announcement, source: str, out: TextIO, matches: Matches = None) -> None:
    """Per round: field, value, where (character span) and the text it came from; with a database,
    the stored round it is about and where they differ."""
    out.write(f"{source} ({announcement.kind}): {len(announcement.rounds)} round(s)\n")
    for index, facts in enumerate(announcement.rounds):
        title = f"round {facts.round_id.value}" if facts.round_id else "a round the text does not number"
        out.write(f"\n{title}\n")
        rows = [("field", "value", "where", "text")]
        for name in FACT_FIELDS:
            found = getattr(facts, name)
            if found is None and name == "date" and facts.day_written is not None:
                written = facts.day_written
                rows.append(
                    (name, "-", f"{written.start}-{written.end}", f"(year in doubt) {written.snippet!r}")
                )
                continue
            if found is None:
                rows.append((name, "-", "", "(not stated)"))
                continue
            value = found.json_value()
            shown = ",".join(value) if isinstance(value, list) else str(value)
            rows.append((name, shown, f"{found.start}-{found.end}", _short(found.snippet)))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            out.write(f"  {line}  {row[3]}".rstrip() + "\n")
        if facts.occupations:
            out.write(f"  eligible occupations ({len(facts.occupations)}):\n")
            for item in facts.occupations:
                out.write(f"    NOC {item.noc_code}  {item.name}\n")
        for warning in facts.warnings:
            out.write(f"  warning: {warning}\n")
        if matches is not None:
            out.write(f"  {_stored_line(*matches[index])}\n")
    for warning in announcement.warnings:
        out.write(f"warning: {warning}\n")


def _stored_line(stored: Round | None, differences: dict[str, tuple[Any, Any]]) -> str:
    if stored is None:
        return "stored: no stored round matches"
    if not differences:
        return f"stored: round {stored.id} agrees"
    said = "; ".join(f"{name} {a!r} here, {b!r} stored" for name, (a, b) in differences.items())
    return f"stored: round {stored.id} disagrees: {said}"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
