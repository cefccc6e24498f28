"""Alert messages, rendered (pure) as text, Markdown and HTML.

Everything that comes from the source (round names, error texts, changed
values, links) is untrusted: it is HTML-escaped for HTML, and for Markdown
(CommonMark, which Apprise turns into Slack mrkdwn, Discord ...) ``\\``, ``<``,
``>``, ``[``, ``]`` are backslash-escaped so it can form neither a link nor a
``<!channel>``; in every format mentions (``@channel``, ``@here``, ``@room``, ``@user``,
Discord's ``<@123>`` and ``<@&role>``, Slack's ``<!here>``...) and bare URLs are broken
with a zero-width space.
Only a Ministerial Instructions link on canada.ca becomes a link.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import string
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from eewatch.config import TEMPLATE_FIELDS, Profile, Rule
from eewatch.domain.events import (
    DELIVERY_FAILING,
    NEW_ROUND,
    ROUND_AMENDED,
    ROUND_RESTORED,
    ROUND_WITHDRAWN,
    SOURCE_ERROR,
)
from eewatch.domain.occupations import Catalog
from eewatch.domain.record import PROGRAM_LABELS, Round
from eewatch.domain.taxonomy import split_version
from eewatch.domain.verdicts import judge
from notifier.events import Event
from notifier.rules import assess

TEXT, MARKDOWN, HTML = "text", "markdown", "html"
FORMATS = (TEXT, MARKDOWN, HTML)
ZWSP = "\u200b"
ELLIPSIS = "…"

FIELD_NAMES = {
    "held_at": "time of the round",
    "tie_break_at": "tie-break",
    "crs_min": "lowest CRS invited",
    "invitations": "invitations",
    "date": "date",
    "name": "name",
    "round_type": "round type",
    "programs": "programs",
    "category": "category",
    "category_version": "category version",
    "distribution": "CRS distribution of the pool",
    "distribution_as_of": "distribution as of",
    "url": "link",
    "number": "number",
    "id": "id",
}


@dataclasses.dataclass(frozen=True)
class Message:
    """One alert in every format; frozen into the outbox at enqueue time."""

    title: str
    text: str
    markdown: str
    html: str

    def body(self, fmt: str) -> str:
        return {TEXT: self.text, MARKDOWN: self.markdown, HTML: self.html}[fmt]


@dataclasses.dataclass(frozen=True)
class _Line:
    """A labelled line of a message; ``value`` is untrusted unless ``trusted``."""

    label: str | None
    value: str
    link: str | None = None


# -- neutralising untrusted text ---------------------------------------------------

#: An ``@`` that starts a mention in some service: ``@channel``/``@here``/``@all``/``@everyone``
#: (Slack, Mattermost, Rocket.Chat, Discord), ``@room`` and ``@user:server`` (Matrix), ``@username``
#: (Telegram, Mattermost), ``<@123>``/``<@!123>``/``<@&role>`` (Discord, and Apprise's Discord plugin
#: turns them into ``allow_mentions``), ``<@U123>`` (Slack), ``@**all**`` (Zulip). Any ``@`` followed
#: by a word character or one of ``& ! * #`` gets a zero-width space after it: no service's syntax
#: (nor Apprise's own detection, ``@(&?)[0-9]+``) matches ``@\u200b...``.
_MENTION = re.compile(r"@(?=[\w&!*#])")
#: A ``<`` opening a service's special token: Slack ``<!channel>``/``<!here>``/``<#C123>``/
#: ``<@U123>``, Discord ``<#123>``/``<@123>``, Google Chat ``<users/all>``, Teams ``<at>``.
_TOKEN_OPEN = re.compile(r"<(?=[!#@]|users/|at>)", re.I)
_URLISH = re.compile(r"(?<=[a-z])(://)|\b(www)(\.)", re.I)


def defang(text: str) -> str:
    """Break mentions, service tokens and bare URLs so no client pings or auto-links them."""
    text = _TOKEN_OPEN.sub("<" + ZWSP, _MENTION.sub("@" + ZWSP, text))
    return _URLISH.sub(lambda m: ":" + ZWSP + "//" if m.group(1) else "www" + ZWSP + ".", text)


def escape_markdown(text: str) -> str:
    """Untrusted text -> CommonMark that shows it literally: no link, tag or ``<!channel>``.

    ``\\ < > [ ]`` are backslash-escaped (Apprise turns ``\\<`` into Slack's ``&lt;``
    and escapes ``&`` itself); emphasis characters are left alone (harmless).
    """
    return re.sub(r"([\\<>\[\]])", r"\\\1", defang(text))


def escape_html(text: str) -> str:
    return html.escape(defang(text), quote=True)


def _escape(text: str, fmt: str) -> str:
    if fmt == HTML:
        return escape_html(text)
    if fmt == MARKDOWN:
        return escape_markdown(text)
    return defang(text)


def trusted_link(url: str | None) -> str | None:
    """A link we are willing to make clickable: https on canada.ca only."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    on_canada_ca = host == "canada.ca" or host.endswith(".canada.ca")
    if parts.scheme == "https" and on_canada_ca and not re.search(r"[\s<>\"'\\`]", url):
        return url
    return None


# -- facts -> words -----------------------------------------------------------------


def when(value: str | dt.datetime | None) -> str:
    """An ISO time (or datetime) as ``2024-11-14 13:38:22 UTC``; dates as they are."""
    if value is None or value == "":
        return "-"
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        value = parsed
    if value.tzinfo is None:
        return value.isoformat(sep=" ")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def round_label(round_: Round) -> str:
    """``STEM occupations``, ``Provincial Nominee Program``, ``General``."""
    if round_.name:
        base, _version = split_version(round_.name)
        return re.sub(r"\s+", " ", base).strip() or round_.name
    if round_.round_type == "program":
        return ", ".join(PROGRAM_LABELS.get(p, p) for p in round_.programs)
    return round_.category or round_.round_type or "round"


def _num(value: int | None) -> str:
    return f"{value:,}" if value is not None else "?"


def change_against(current: Round, previous: Round | None) -> str | None:
    """``CRS up 10 (476 -> 486), invitations down 100 (600 -> 500)`` against the previous round."""
    if previous is None:
        return None
    parts = []
    for what, old, new in (
        ("CRS", previous.crs_min, current.crs_min),
        ("invitations", previous.invitations, current.invitations),
    ):
        if old is None or new is None:
            continue
        if new == old:
            parts.append(f"{what} unchanged ({_num(new)})")
        else:
            direction = "up" if new > old else "down"
            parts.append(f"{what} {direction} {abs(new - old):,} ({_num(old)} -> {_num(new)})")
    if not parts:
        return None
    return f"against round #{previous.id} of {previous.date.isoformat()}: " + ", ".join(parts)


def verdict(round_: Round, profile: Profile | None, catalog: Catalog | None = None) -> str | None:
    """What the round means for the profile, or ``None`` without a profile score.

    Shown after the label "Your profile", so it starts with the score, never "your profile" again.
    """
    if profile is None or profile.crs is None:
        return None
    said = judge(round_, profile, catalog)
    if said.eligible is False:
        return f"your CRS {profile.crs}: not eligible for this round"
    if said.eligible is None:
        return f"your CRS {profile.crs}: eligibility unknown"
    if round_.crs_min is None:
        return f"your CRS {profile.crs}: no cut-off published"
    if said.margin == 0:  # a tie: the submission time against the tie-break decides
        return f"your CRS {profile.crs}: {said.reason}"
    if said.invited:
        return f"your CRS {profile.crs} would have been invited (cut-off {round_.crs_min})"
    return f"your CRS {profile.crs} would not have been invited (cut-off {round_.crs_min})"


def why(round_: Round, rule: Rule, profile: Profile | None, catalog: Catalog | None = None) -> str | None:
    """Why the round concerns the profile (``eligible: NOC 21231 is in STEM (2023 list)``).

    Said when the rule uses ``eligible`` or the profile gives its occupations; else ``None``.
    """
    if profile is None or (rule.eligible is None and not profile.noc):
        return None
    return assess(round_, profile, catalog).reason


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, list):
        return ", ".join(PROGRAM_LABELS.get(str(v), str(v)) for v in value)
    if isinstance(value, dict):
        return f"{len(value)} bands"
    if isinstance(value, str) and re.match(r"^\d{4}-\d\d-\d\dT", value):
        return when(value)
    return str(value)


def describe_changes(changes: Mapping[str, Any]) -> list[str]:
    """``{"tie_break_at": [old, new]}`` -> ``["tie-break: 2025-... -> 2024-..."]``."""
    lines = []
    for field, pair in changes.items():
        old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        lines.append(f"{FIELD_NAMES.get(field, field)}: {_value(old)} -> {_value(new)}")
    return lines


# -- the message --------------------------------------------------------------------


def render_event(
    event: Event,
    rule: Rule,
    profile: Profile | None = None,
    previous: Round | None = None,
    catalog: Catalog | None = None,
) -> Message:
    """The alert for one event and rule. ``previous``: the last round of the same kind."""
    fields, title, lines = _default_message(event, rule, profile, previous, catalog)
    if rule.title is not None:
        title = string.Formatter().vformat(rule.title, (), {k: defang(v) for k, v in fields.items()})
    else:
        title = defang(title)  # a title is plain text everywhere: break mentions and URLs
    title = " ".join(title.split())
    if rule.body is not None:
        return Message(
            title=title,
            text=_format_template(rule.body, fields, TEXT),
            markdown=_format_template(rule.body, fields, MARKDOWN),
            html=_format_template(rule.body, fields, HTML).replace("\n", "<br>\n"),
        )
    return Message(
        title=title,
        text=_render_lines(lines, TEXT),
        markdown=_render_lines(lines, MARKDOWN),
        html=_render_lines(lines, HTML),
    )


def render_mass_amendment(events: Sequence[Event], rule: Rule, limit: int = 20) -> Message:
    """One alert for many rounds amended by one copy of the feed (a storm collapsed)."""
    lines = [
        _Line(None, f"One copy of the feed amended {len(events)} rounds at once (rule {rule.name})."),
    ]
    for event in events[:limit]:
        round_ = event.round
        name = f"#{round_.id} {round_label(round_)}" if round_ is not None else f"#{event.round_id}"
        changes = describe_changes(event.payload.get("changes") or {})
        lines.append(_Line(None, f"{name}: {'; '.join(changes) or 'changed'}"))
    if len(events) > limit:
        lines.append(_Line(None, f"... and {len(events) - limit} more (eewatch rounds --format json)"))
    title = defang(f"{len(events)} Express Entry rounds amended at once")
    return Message(
        title=title,
        text=_render_lines(lines, TEXT),
        markdown=_render_lines(lines, MARKDOWN),
        html=_render_lines(lines, HTML),
    )


def probe_message(rule_name: str, now: dt.datetime) -> Message:
    """A message for ``eewatch notify --test``."""
    title = "eewatch test alert"
    line = f"A test alert of rule {rule_name!r}, sent {when(now)}. If you can read this, delivery works."
    return Message(title, defang(line), escape_markdown(line), f"<p>{escape_html(line)}</p>")


def _format_template(template: str, fields: Mapping[str, str], fmt: str) -> str:
    escaped = {key: _escape(value, fmt) for key, value in fields.items()}
    if fmt == HTML:
        # The template's own text is the operator's, but it is still text.
        pieces = []
        for literal, field, _spec, _conv in string.Formatter().parse(template):
            pieces.append(html.escape(literal, quote=False))
            if field is not None:
                pieces.append(escaped[field])
        return "".join(pieces)
    return string.Formatter().vformat(template, (), escaped)


def _render_lines(lines: list[_Line], fmt: str) -> str:
    out = []
    for line in lines:
        value = _escape(line.value, fmt)
        if line.link and fmt == MARKDOWN:
            # A bare URL: Slack, Discord and CommonMark all make it a link.
            value = line.link
        elif line.link and fmt == HTML:
            value = f'<a href="{html.escape(line.link, quote=True)}">{value}</a>'
        elif line.link:
            value = f"{value}: {line.link}"
        if line.label is None:
            out.append(value)
        elif fmt == MARKDOWN:
            out.append(f"**{line.label}:** {value}")
        elif fmt == HTML:
            out.append(f"<b>{html.escape(line.label)}:</b> {value}")
        else:
            out.append(f"{line.label}: {value}")
    if fmt == HTML:
        return "<p>" + "<br>\n".join(out) + "</p>"
    return "\n".join(out)


def _default_message(
    event: Event, rule: Rule, profile: Profile | None, previous: Round | None, catalog: Catalog | None = None
) -> tuple[dict[str, str], str, list[_Line]]:
    fields = dict.fromkeys(TEMPLATE_FIELDS, "") | {"event": event.kind, "rule": rule.name}
    round_ = event.round
    if round_ is None:
        return _non_round_message(event, fields)
    label = round_label(round_)
    change = change_against(round_, previous) if event.kind == NEW_ROUND else None
    changes = describe_changes(event.payload.get("changes") or {}) if event.kind == ROUND_AMENDED else []
    said = verdict(round_, profile, catalog)
    reason = why(round_, rule, profile, catalog)
    link = trusted_link(round_.url)
    fields |= {
        "round": round_.id,
        "number": str(round_.number),
        "name": round_.name or "",
        "label": label,
        "date": round_.date.isoformat(),
        "held_at": when(round_.held_at),
        "tie_break_at": when(round_.tie_break_at),
        "invitations": _num(round_.invitations),
        "crs": _num(round_.crs_min),
        "programs": ", ".join(PROGRAM_LABELS.get(p, p) for p in round_.programs) or "-",
        "change": change or "",
        "changes": "; ".join(changes),
        "verdict": said or "",
        "eligibility": reason or "",
        "url": round_.url or "",
    }
    facts = f"{label}, {_num(round_.invitations)} invitations, CRS {_num(round_.crs_min)}"
    provisional = "(provisional) " if event.provisional else ""
    if event.kind in (ROUND_WITHDRAWN, ROUND_RESTORED):
        gone = event.kind == ROUND_WITHDRAWN
        title = f"Express Entry round #{round_.id} {'withdrawn' if gone else 'back in the feed'}: {facts}"
        said = (
            "IRCC's feed no longer lists this round (eewatch keeps its history)."
            if gone
            else "IRCC's feed lists this round again, after it was withdrawn."
        )
        lines = [_Line(None, f"Express Entry round #{round_.id}: {round_.name or label}"), _Line(None, said)]
    elif event.kind == ROUND_AMENDED:
        what = ", ".join(FIELD_NAMES.get(f, f) for f in (event.payload.get("changes") or {}))
        title = f"{provisional}Express Entry round #{round_.id} amended: {what or 'details'}"
        lines = [_Line(None, f"IRCC changed round #{round_.id} ({label}, {round_.date.isoformat()}):")]
        lines += [_Line(None, f"- {c}") for c in changes]
    else:
        title = f"{provisional}Express Entry round #{round_.id}: {facts}"
        lines = [_Line(None, f"Express Entry round #{round_.id}: {round_.name or label}")]
    lines += [
        _Line("Date", round_.date.isoformat()),
        _Line("Held at", when(round_.held_at)),
        _Line("Invitations", _num(round_.invitations)),
        _Line("Lowest CRS invited", _num(round_.crs_min)),
        _Line("Programs", fields["programs"]),
        _Line("Tie-break", when(round_.tie_break_at)),
    ]
    if change:
        lines.append(_Line("Change", change))
    if said:
        lines.append(_Line("Your profile", said))
    if reason:
        # "eligibility unknown: ...; check <canada.ca page>": the page as a link of its own.
        said_reason, _, check = reason.partition("; check ")
        lines.append(_Line("Eligibility", said_reason if trusted_link(check) else reason))
        if trusted_link(check):
            lines.append(_Line("Check the lists", "IRCC's category-based selection page", link=check))
    if event.provisional:
        lines.append(_Line("Note", "provisional: not yet confirmed by the official feed"))
    if link:
        lines.append(_Line("Ministerial Instructions", "full text", link=link))
    elif round_.url:
        lines.append(_Line("Ministerial Instructions", round_.url))
    return fields, title, lines


def _non_round_message(event: Event, fields: dict[str, str]) -> tuple[dict[str, str], str, list[_Line]]:
    payload = event.payload
    if event.kind == SOURCE_ERROR:
        source = str(payload.get("source") or "source")
        status = payload.get("http_status")
        error = str(payload.get("error") or "unknown error")
        fields["error"] = error
        fields["url"] = str(payload.get("url") or "")
        bad_status = isinstance(status, int) and not 200 <= status < 300
        title = f"eewatch: the {source} failed" + (f" (HTTP {status})" if bad_status else "")
        url = str(payload.get("url") or "-")
        lines = [
            _Line(None, f"Fetching the {source} failed; nothing from this copy was stored."),
            _Line("URL", url, link=trusted_link(url)),
            _Line("HTTP status", str(status) if status is not None else "-"),
            _Line("Error", error),
            _Line("When", when(event.created_at)),
        ]
        return fields, title, lines
    if event.kind == DELIVERY_FAILING:
        target = str(payload.get("target") or "a target")
        error = str(payload.get("error") or "unknown error")
        fields["error"] = error
        title = f"eewatch: alerts to {target} are failing"
        lines = [
            _Line(None, f"Every attempt to send an alert of rule {payload.get('rule')} to {target} failed."),
            _Line(None, "It stays in the outbox: eewatch outbox --failed shows it, --retry sends it again."),
            _Line("Error", error),
            _Line("When", when(event.created_at)),
        ]
        return fields, title, lines
    message = str(payload.get("message") or event.kind.replace("_", " "))
    fields["error"] = message
    title = f"eewatch: {event.kind.replace('_', ' ')}"
    lines = [_Line(None, message), _Line("When", when(event.created_at))]
    lines += [_Line(str(key), _value(value)) for key, value in sorted(payload.items()) if key != "message"]
    return fields, title, lines


# -- length limits ------------------------------------------------------------------


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis when cut."""
    if limit <= 0 or len(text) <= limit:
        return text if limit > 0 else ""
    return text[: max(0, limit - 1)].rstrip() + ELLIPSIS


def fit(message: Message, fmt: str, title_max: int, body_max: int) -> tuple[str, str, str]:
    """Title, body and format within a service's limits (``title_max`` 0: no title field).

    HTML is never cut mid-tag: when it does not fit, the text version is cut instead.
    """
    title = message.title
    body = message.body(fmt)
    if title_max <= 0:
        body = f"{title}\n{body}" if fmt != HTML else f"<p><b>{html.escape(title)}</b></p>\n{body}"
        title = ""
        if fmt == HTML and len(body) > body_max:
            fmt, body = TEXT, f"{message.title}\n{message.text}"
    else:
        title = truncate(title, title_max)
    if fmt == HTML and len(body) > body_max:
        fmt, body = TEXT, message.text
    return title, truncate(body, body_max), fmt
