"""Messages about people: "you were likely invited", a profile's round alert, a rule's digest (pure).

Who sees a name: a message to a profile's own targets never names the profile (it is
"you"); a message to a rule's targets (the consultant) names the profile it is about; a
digest, one per round, names every profile the rule concerns, with its verdict, and goes
to the rule's targets only.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from eewatch.domain.record import Round
from eewatch.domain.verdicts import PersonalVerdict
from notifier.render import (
    HTML,
    MARKDOWN,
    TEXT,
    Message,
    _escape,
    _Line,
    _num,
    _render_lines,
    defang,
    round_label,
    trusted_link,
    when,
)

__all__ = ["digest_message", "likely_invited_message", "with_profile_and_rules"]

#: What a likely-invited message tells the person to do.
LOG_IN = "log in to your IRCC account"


def _message(title: str, lines: list[_Line]) -> Message:
    return Message(
        title=" ".join(defang(title).split()),
        text=_render_lines(lines, TEXT),
        markdown=_render_lines(lines, MARKDOWN),
        html=_render_lines(lines, HTML),
    )


def _round_lines(round_: Round) -> list[_Line]:
    lines = [
        _Line("Round", f"#{round_.id} {round_label(round_)}, {round_.date.isoformat()}"),
        _Line("Lowest CRS invited", _num(round_.crs_min)),
        _Line("Tie-break", when(round_.tie_break_at)),
        _Line("Invitations", _num(round_.invitations)),
    ]
    link = trusted_link(round_.url)
    if link:
        lines.append(_Line("Ministerial Instructions", "full text", link=link))
    return lines


def _rules_line(rules: Sequence[str]) -> _Line:
    return _Line("Rule" if len(rules) == 1 else "Rules", ", ".join(rules))


#: The round's part of a personal message, rendered once per round for every profile (by format).
_BLOCK: list[tuple[Round, dict[str, str]]] = []


def _round_block(round_: Round) -> dict[str, str]:
    if _BLOCK and _BLOCK[0][0] is round_:
        return _BLOCK[0][1]
    lines = _round_lines(round_)
    block = {fmt: _render_lines(lines, fmt) for fmt in (TEXT, MARKDOWN, HTML)}
    _BLOCK[:] = [(round_, block)]
    return block


def likely_invited_message(
    round_: Round, verdict: PersonalVerdict, rules: Sequence[str], *, name: str | None = None
) -> Message:
    """``You were likely invited in round #422: log in to your IRCC account``, with the reason.

    ``name``: shown to a rule's own targets ("Profile ana-lima was likely invited ..."); ``None``
    for the person's own targets (and the one-person ``[profile]``).
    """
    who = "You were" if name is None else f"Profile {name} was"
    title = f"{who} likely invited in round #{round_.id}: {LOG_IN}"
    head = [_Line(None, title)] + ([_Line("Profile", name)] if name is not None else [])
    head.append(_Line("Why", verdict.reason))
    tail = _rules_line(rules)
    block = _round_block(round_)
    bodies = {}
    for fmt in (TEXT, MARKDOWN, HTML):
        parts = [_one(line.label, line.value, fmt) for line in head]
        if fmt == HTML:  # the lines of one paragraph: "<p>a<br>\nb</p>"
            parts += [block[fmt][3:-4], _one(tail.label, tail.value, fmt)]
            bodies[fmt] = "<p>" + "<br>\n".join(parts) + "</p>"
        else:
            bodies[fmt] = "\n".join([*parts, block[fmt], _one(tail.label, tail.value, fmt)])
    return Message(_title(title), bodies[TEXT], bodies[MARKDOWN], bodies[HTML])


@functools.lru_cache(maxsize=8192)
def _one(label: str | None, value: str, fmt: str) -> str:
    """One rendered line (without the paragraph of HTML): many profiles share titles, rules and
    reasons, so each is escaped once."""
    rendered = _render_lines([_Line(label, value)], fmt)
    return rendered[3:-4] if fmt == HTML else rendered


@functools.lru_cache(maxsize=1024)
def _title(title: str) -> str:
    return " ".join(defang(title).split())


_esc = functools.lru_cache(maxsize=8192)(_escape)


def with_profile_and_rules(message: Message, name: str | None, rules: Sequence[str]) -> Message:
    """A profile's round alert for a rule's targets: which profile it is about, and every rule
    that selected it (two rules, one message)."""
    extra = ([_Line("Profile", name)] if name is not None else []) + (
        [_rules_line(rules)] if len(rules) > 1 else []
    )
    if not extra:
        return message
    title = f"{name}: {message.title}" if name is not None else message.title
    bodies = {}
    for fmt in (TEXT, MARKDOWN, HTML):
        added = _render_lines(extra, fmt)
        body = message.body(fmt)
        if fmt == HTML:
            bodies[fmt] = body.removesuffix("</p>") + "<br>\n" + added.removeprefix("<p>")
        else:
            bodies[fmt] = body + "\n" + added
    return Message(defang(title) if name is not None else title, bodies[TEXT], bodies[MARKDOWN], bodies[HTML])


def digest_message(
    round_: Round, verdicts: Sequence[PersonalVerdict], rules: Sequence[str], *, likely_only: bool
) -> Message:
    """One message per round for a rule's targets: every profile it concerns, with its verdict."""
    count = len(verdicts)
    noun = "profile" if count == 1 else "profiles"
    if likely_only:
        title = f"Round #{round_.id}: {count} {noun} likely invited"
        head = (
            f"Express Entry round #{round_.id} likely invited {count} of your {noun}: they should {LOG_IN}."
        )
    else:
        title = f"Round #{round_.id}: {count} {noun} concerned"
        head = f"Express Entry round #{round_.id} concerns {count} of your {noun}."
    lines = [_Line(None, head), *_round_lines(round_), _rules_line(rules)]
    fixed = {fmt: _render_lines(lines, fmt) for fmt in (TEXT, MARKDOWN, HTML)}
    # One line per profile, escaped once per format: a digest of 10,000 stays cheap.
    rows = [(v.profile, _say(v)) for v in verdicts]
    text = fixed[TEXT] + "".join(f"\n- {_esc(n, TEXT)}: {_esc(s, TEXT)}" for n, s in rows)
    markdown = fixed[MARKDOWN] + "".join(f"\n- **{_esc(n, MARKDOWN)}**: {_esc(s, MARKDOWN)}" for n, s in rows)
    items = "".join(f"<li><b>{_esc(n, HTML)}</b>: {_esc(s, HTML)}</li>" for n, s in rows)
    return Message(defang(title), text, markdown, fixed[HTML] + (f"\n<ul>{items}</ul>" if rows else ""))


def _say(verdict: PersonalVerdict) -> str:
    invited = {True: "likely invited", False: "not invited", None: "unknown"}[verdict.invited]
    margin = f", margin {verdict.margin:+d}" if verdict.margin is not None else ""
    return f"{invited}{margin} ({verdict.reason})"
