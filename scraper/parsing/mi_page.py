"""A round's Ministerial Instructions page: HTML -> the round's facts (pure).

The static pages (``.../express-entry-rounds/invitations-205.html``) carry
the facts as labelled lines under a heading::

    Ministerial Instructions respecting invitations to apply for permanent
    residence under the Express Entry system #205 – September 15, 2021
    Provincial Nominee Program
    Number of invitations issued: 521
    Rank required to be invited to apply: 521th or above
    Date and time of round: September 15, 2021 at 14:59:17 UTC
    CRS score of lowest-ranked candidate invited: 732
    Tie-breaking rule: February 24, 2021 at 10:46:54 UTC

They are read from the page's text by those labels, so a change of markup
does not matter; a change of the labels themselves is an
:class:`~eewatch.domain.announcement.AnnouncementError` naming the missing
label. Category rounds may list their eligible occupations (name and NOC code).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bs4.dammit import UnicodeDammit
from lxml import etree

from eewatch.domain.announcement import (
    PAGE,
    Announcement,
    AnnouncementError,
    Found,
    NotAnnouncement,
    Occupation,
    RoundFacts,
)
from eewatch.domain.taxonomy import classify
from scraper.parsing.dates import parse_date, parse_datetime
from scraper.parsing.feed import MAX_COUNT, MAX_COUNT_DIGITS

#: Field -> the label that introduces it on the page.
LABELS = {
    "invitations": "Number of invitations issued",
    "rank_required": "Rank required to be invited to apply",
    "held_at": "Date and time of round",
    "crs_min": "CRS score of lowest-ranked candidate invited",
    "tie_break_at": "Tie-breaking rule",
}
#: Labels every round's page has carried; without one the page has changed.
REQUIRED = ("invitations", "held_at", "crs_min")

_HEADING = re.compile(
    r"Express\s+Entry\s+system\s*#\s*(?P<id>\d{1,4}[a-z]?)\b\s*[–—-]+\s*(?P<date>[^\n]*)", re.I
)
_INT = re.compile(r"^(?P<n>\d{1,3}(?:[,\u202f ]\d{3})+|\d+)(?![\d.,]\d)")
_FOOTNOTE = re.compile(r"\s*(?:Footnote\s*[\w*†]{0,3}|\[\w{1,3}\]|[*†]+)\s*$", re.I)
_URL_ID = re.compile(r"invitations-(\d{1,4}[a-z]?)\.html?", re.I)
_OCCUPATIONS_TITLE = re.compile(r"\beligible occupations?\b|\boccupations? eligible\b", re.I)
_ROW_NAME_FIRST = re.compile(
    r"^(?P<name>[^\t]*?[A-Za-z][^\t]*?)[\s,:–—-]*\(?\s*(?:NOC\s*(?:2021\s*)?(?:code\s*)?:?\s*)?"
    r"(?P<noc>\d{5})\s*\)?\.?$",
    re.I,
)
_ROW_CODE_FIRST = re.compile(r"^(?P<noc>\d{5})\s*[\t:–—-]?\s*(?P<name>[A-Za-z].*?)\s*$")

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "head")
_BLOCK_TAGS = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "title",
    "tr",
    "ul",
]
_CELL_TAGS = ("td", "th")


def html_text(body: bytes | str) -> str:
    """The visible text of an HTML document: one line per block, tabs between table cells.

    One pass over libxml2's parse events (lxml's target parser, :class:`_TextTarget`), linear
    in the document's size and depth. Building a BeautifulSoup tree and inserting line breaks
    around each block (``insert_before`` looks the node up among its siblings) was quadratic:
    minutes for a few MB of paragraphs or 100,000 nested ``<div>``; and the standard library's
    ``html.parser`` (under BeautifulSoup too) is quadratic on unclosed tags (``"<a " * 400_000``
    did not finish in 10 minutes).
    """
    if isinstance(body, bytes):
        body = UnicodeDammit(body, is_html=True).unicode_markup or ""
    # libxml2 refuses NUL and other C0 controls in a Python string; they are not text anyway.
    body = _CONTROLS.sub(" ", body)
    parser = etree.HTMLParser(
        target=_TextTarget(),
        recover=True,
        huge_tree=True,  # no depth limit: 100,000 nested elements are read, not cut
        remove_comments=True,
        remove_pis=True,
        no_network=True,
    )
    parser.feed(body)
    return tidy_lines(parser.close())


_BLOCK_SET = frozenset(_BLOCK_TAGS)
_DROP_SET = frozenset(_DROP_TAGS)
_WHITESPACE = re.compile(r"\s+")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff]")


#: Stand-ins while the text is built, for what whitespace folding must keep: a block's line
#: break, a cell's tab, and the line breaks, tabs and spaces inside ``<pre>``. C0 controls are
#: removed from the input first (:data:`_CONTROLS`), so none of them can come from the document.
_LINE, _CELL = "\x00", "\x01"
_PRE_KEEP = str.maketrans({" ": "\x02", "\n": "\x03", "\t": "\x04", "\r": "\x05"})
_RESTORE = str.maketrans({_LINE: "\n", _CELL: "\t", "\x02": " ", "\x03": "\n", "\x04": "\t", "\x05": "\r"})


class _TextTarget:
    """Parse events -> text: a line break around each block, a tab after each cell, nothing of
    ``script``, ``style``, ``head``...; whitespace folded except directly in ``<pre>``.

    libxml2 balances the events (implied end tags included), so a stack of names is the
    context. Each event costs a list append; the whitespace is folded once, over the whole
    text, at the end (marks and ``<pre>`` text are kept as stand-ins meanwhile).
    """

    def __init__(self) -> None:
        self._out: list[str] = []
        self._stack: list[str] = []
        self._dropping = 0

    def start(self, tag: str, attrib: object) -> None:
        name = tag.lower() if isinstance(tag, str) else ""
        if name in _DROP_SET:
            self._dropping += 1
        elif not self._dropping and name in _BLOCK_SET:
            self._mark(_LINE)
        self._stack.append(name)

    def end(self, tag: str) -> None:
        name = self._stack.pop() if self._stack else ""
        if name in _DROP_SET:
            self._dropping -= 1
        elif not self._dropping:
            if name in _BLOCK_SET:
                self._mark(_LINE)
            elif name in _CELL_TAGS:
                self._mark(_CELL)

    def data(self, data: str) -> None:
        if self._dropping:
            return
        if self._stack and self._stack[-1] == "pre":
            data = data.translate(_PRE_KEEP)  # kept as it is; elsewhere source line breaks are spaces
        self._out.append(data)

    def comment(self, text: str) -> None:
        pass

    def _mark(self, mark: str) -> None:
        if mark != _LINE or not self._out or self._out[-1] != _LINE:  # blank lines are dropped anyway
            self._out.append(mark)

    def close(self) -> str:
        return _WHITESPACE.sub(" ", "".join(self._out)).translate(_RESTORE)


def tidy_lines(text: str) -> str:
    """Fold spaces within lines, keep one tab between cells, drop empty lines."""
    lines = []
    for raw in text.replace("\r", "\n").split("\n"):
        line = re.sub(r"[ \u00a0\u2007\u202f\f\v]+", " ", raw)
        line = re.sub(r" ?\t[\t ]*", "\t", line).strip(" \t")
        if line:
            lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class _Line:
    text: str
    start: int


def _lines(text: str) -> list[_Line]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append(_Line(line, offset))
        offset += len(line) + 1
    return out


def _label_pattern(label: str) -> re.Pattern[str]:
    words = [re.escape(w).replace(r"\-", "[-\\s]?") for w in label.split()]
    return re.compile(r"^\s*" + r"\s+".join(words) + r"\s*:?\s*(?P<value>.*)$", re.I)


_LABEL_PATTERNS = {name: _label_pattern(label) for name, label in LABELS.items()}


def parse_page(body: bytes | str, url: str = "") -> Announcement:
    """Parse one Ministerial Instructions page. Raises AnnouncementError if it is not one."""
    text = html_text(body)
    return parse_page_text(text, url)


def parse_page_text(text: str, url: str = "") -> Announcement:
    """Parse the text of a Ministerial Instructions page (as :func:`html_text` gives it)."""
    if not text.strip():
        raise NotAnnouncement("the page is empty")
    lines = _lines(text)
    heading = _find_heading(lines)
    labelled = _find_labels(lines)
    if heading is None and not labelled:
        raise NotAnnouncement(
            "not a Ministerial Instructions page: no 'Express Entry system #N – date' heading "
            f"and none of its labels ({LABELS['invitations']}:, {LABELS['crs_min']}:, ...)"
        )
    if heading is None:
        raise AnnouncementError(
            "Ministerial Instructions page without its heading 'Express Entry system #N – date': "
            "the round is unknown (the page's layout may have changed)"
        )
    heading_index, round_id, line = heading
    missing = [LABELS[name] for name in REQUIRED if name not in labelled]
    if missing:
        raise AnnouncementError(
            f"Ministerial Instructions page #{round_id.value}: label "
            + ", ".join(f"'{m}:'" for m in missing)
            + " not found (the page's labels may have changed)"
        )

    warnings: list[str] = []
    date = _heading_date(line, warnings)
    reference = date.value if date is not None else None
    values: dict[str, Found | None] = {}
    for name in ("invitations", "rank_required", "crs_min"):
        values[name] = _int_value(labelled.get(name), LABELS[name], warnings)
    for name in ("held_at", "tie_break_at"):
        values[name] = _datetime_value(labelled.get(name), LABELS[name], reference, warnings)
    if "tie_break_at" not in labelled:
        warnings.append(f"no '{LABELS['tie_break_at']}:' line on the page")
    first_label = min(found.index for found in labelled.values())
    kind = _round_kind(lines[heading_index + 1 : first_label], warnings)
    url_id = _URL_ID.search(url or "")
    if url_id and url_id.group(1).lower() != round_id.value:
        warnings.append(f"the page's address names round {url_id.group(1)} but its heading #{round_id.value}")

    facts = RoundFacts(
        round_id=round_id,
        date=date,
        occupations=_occupations(lines, warnings),
        warnings=tuple(warnings),
        by_context=frozenset(),  # IRCC's own page states each field of its round
        **kind,
        **values,
    )
    return Announcement(PAGE, (facts,))


def _find_heading(lines: list[_Line]) -> tuple[int, Found, _Line] | None:
    """The line ``... Express Entry system #N – date`` and the round id in it."""
    for index, line in enumerate(lines):
        match = _HEADING.search(line.text)
        if match:
            start = line.start + match.start("id")
            found = Found(match.group("id").lower(), start, start + len(match.group("id")), line.text)
            return index, found, line
    return None


@dataclass(frozen=True)
class _Labelled:
    index: int
    value: str
    start: int
    snippet: str


def _find_labels(lines: list[_Line]) -> dict[str, _Labelled]:
    """The first line of each label, with its value (on the same line, else the next)."""
    found: dict[str, _Labelled] = {}
    for index, line in enumerate(lines):
        for name, pattern in _LABEL_PATTERNS.items():
            if name in found:
                continue
            match = pattern.match(line.text)
            if not match:
                continue
            value = match.group("value").strip()
            if value:
                found[name] = _Labelled(index, value, line.start + match.start("value"), line.text)
            elif index + 1 < len(lines):
                after = lines[index + 1]
                found[name] = _Labelled(index, after.text, after.start, f"{line.text}\n{after.text}")
            else:
                found[name] = _Labelled(index, "", line.start + len(line.text), line.text)
            break
    return found


def _heading_date(line: _Line, warnings: list[str]) -> Found | None:
    match = _HEADING.search(line.text)
    assert match is not None
    raw = _FOOTNOTE.sub("", match.group("date")).strip()
    parsed = parse_date(raw, "heading date")
    warnings.extend(parsed.warnings)
    if parsed.value is None:
        if not raw:
            warnings.append("the heading gives no date")
        return None
    start = line.start + match.start("date")
    return Found(parsed.value, start, start + len(raw), line.text)


def _int_value(labelled: _Labelled | None, label: str, warnings: list[str]) -> Found | None:
    if labelled is None:
        return None
    match = _INT.match(labelled.value)
    if not match:
        warnings.append(f"{label}: {labelled.value!r} is not a number; left empty")
        return None
    digits = re.sub(r"\D", "", match.group("n"))
    if len(digits.lstrip("0")) > MAX_COUNT_DIGITS or int(digits) > MAX_COUNT:
        # Checked before int(), which refuses past 4,300 digits; the database's INTEGER past MAX_COUNT.
        warnings.append(f"{label}: {labelled.value[:30]!r} is too large to be true; left empty")
        return None
    number = int(digits)
    return Found(number, labelled.start, labelled.start + match.end(), labelled.snippet)


def _datetime_value(
    labelled: _Labelled | None, label: str, reference: dt.date | None, warnings: list[str]
) -> Found | None:
    if labelled is None:
        return None
    raw = labelled.value
    while True:
        shorter = _FOOTNOTE.sub("", raw)
        if shorter == raw:
            break
        raw = shorter
    parsed = parse_datetime(raw, label, reference=reference)
    warnings.extend(parsed.warnings)
    if parsed.value is None:
        return None
    return Found(parsed.value, labelled.start, labelled.start + len(raw), labelled.snippet)


def _round_kind(between: list[_Line], warnings: list[str]) -> dict[str, Found | None]:
    """The program or category line between the heading and the labels."""
    candidates = [line for line in between if len(line.text) <= 120]
    chosen = None
    for line in candidates:
        kind = classify(line.text)
        if kind.round_type is not None and not kind.warnings:
            chosen = (line, kind)
            break
    if chosen is None and len(candidates) == 1 and len(between) == 1:
        line = candidates[0]
        kind = classify(line.text)
        warnings.extend(kind.warnings)
        chosen = (line, kind)
    if chosen is None:
        warnings.append("no program or category line between the heading and the labels")
        return {}
    line, kind = chosen

    def found(value: object) -> Found:
        return Found(value, line.start, line.start + len(line.text), line.text)

    return {
        "name": found(line.text),
        "round_type": found(kind.round_type),
        "programs": found(kind.programs) if kind.programs else None,
        "category": found(kind.category) if kind.category else None,
        "category_version": found(kind.category_version) if kind.category_version else None,
    }


def _occupations(lines: list[_Line], warnings: list[str]) -> tuple[Occupation, ...]:
    """The eligible occupations (name, NOC code) listed after an 'eligible occupations' title."""
    start = next((i for i, line in enumerate(lines) if _OCCUPATIONS_TITLE.search(line.text)), None)
    if start is None:
        return ()
    rows: list[Occupation] = []
    skipped = 0
    for line in lines[start + 1 :]:
        match = _ROW_NAME_FIRST.match(line.text) or _ROW_CODE_FIRST.match(line.text)
        if match is None:
            if rows or skipped >= 3:
                break
            skipped += 1  # a table's header row or an introductory sentence
            continue
        name = match.group("name").strip(" \t,:–—-")
        rows.append(Occupation(name, match.group("noc"), line.start, line.start + len(line.text), line.text))
    if not rows:
        warnings.append("the page mentions eligible occupations but lists no occupation with a NOC code")
    return tuple(rows)
