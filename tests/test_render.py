"""Rendering is pure: the same event, rule and profile give the same text in every format."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from eewatch.config import Profile, Rule
from eewatch.domain.record import Round
from notifier.events import Event
from notifier.render import (
    ELLIPSIS,
    ZWSP,
    Message,
    escape_markdown,
    fit,
    render_event,
    truncate,
    trusted_link,
)

NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
MI = "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/policies-operational-instructions-agreements/ministerial-instructions/express-entry-rounds/invitations.html?q=254"
STEM = Round(
    id="254",
    number=254,
    date=dt.date(2023, 7, 5),
    held_at=dt.datetime(2023, 7, 5, 13, 38, 22, tzinfo=dt.UTC),
    tie_break_at=dt.datetime(2023, 6, 30, 9, 1, 2, tzinfo=dt.UTC),
    round_type="category",
    programs=("CEC", "FSW", "FST"),
    category="stem",
    category_version="1",
    name="STEM occupations (Version 1)",
    invitations=500,
    crs_min=486,
    url=MI,
)
PREVIOUS = replace(STEM, id="250", number=250, date=dt.date(2023, 6, 28), invitations=600, crs_min=476)
RULE = Rule(name="stem", notify=("json://127.0.0.1/",))
PROFILE = Profile(crs=478, programs=("CEC", "FSW"), categories=("stem",))
EVIL = "STEM <script>alert(1)</script> <!channel> @here [click](http://evil.example) & more"


def new_round(round_: Round, **payload: object) -> Event:
    return Event(1, "new_round", NOW, {"round": round_.to_dict(), **payload}, round_.id)


def test_default_title_names_number_label_invitations_and_crs() -> None:
    message = render_event(new_round(STEM), RULE)
    assert message.title == "Express Entry round #254: STEM occupations, 500 invitations, CRS 486"


def test_body_has_time_programs_tie_break_change_verdict_and_link() -> None:
    text = render_event(new_round(STEM), RULE, PROFILE, PREVIOUS).text
    assert text.splitlines() == [
        "Express Entry round #254: STEM occupations (Version 1)",
        "Date: 2023-07-05",
        "Held at: 2023-07-05 13:38:22 UTC",
        "Invitations: 500",
        "Lowest CRS invited: 486",
        "Programs: Canadian Experience Class, Federal Skilled Worker, Federal Skilled Trades",
        "Tie-break: 2023-06-30 09:01:02 UTC",
        "Change: against round #250 of 2023-06-28: CRS up 10 (476 -> 486), invitations down 100 (600 -> 500)",
        "Your profile: your CRS 478 would not have been invited (cut-off 486)",
        f"Ministerial Instructions: full text: {MI}",
    ]


def test_verdict_invited_at_the_cut_off() -> None:
    text = render_event(new_round(STEM), RULE, replace(PROFILE, crs=486)).text
    assert "your CRS 486 would have been invited (cut-off 486)" in text


def test_the_profile_line_never_says_your_profile_twice() -> None:
    """Emails said "Your profile: your profile (CRS 489) ...": the label is said once."""
    not_eligible = replace(PROFILE, crs=489, programs=("CEC",), categories=("french",))
    unknown = replace(PROFILE, crs=489, programs=("CEC",), categories=(), noc=("21231",))
    stem_2099 = replace(STEM, date=dt.date(2099, 1, 1))  # no STEM list known for that date
    for profile, round_ in ((not_eligible, STEM), (unknown, stem_2099)):
        lines = render_event(new_round(round_), RULE, profile).text.splitlines()
        [line] = [line for line in lines if line.startswith("Your profile:")]
        assert "your profile" not in line.lower().removeprefix("your profile:"), line
        assert line.startswith("Your profile: your CRS 489: "), line
    text = render_event(new_round(STEM), RULE, not_eligible).text
    assert "Your profile: your CRS 489: not eligible for this round" in text


def test_amendment_says_what_changed_old_and_new() -> None:
    old = replace(STEM, id="335", tie_break_at=dt.datetime(2025, 11, 14, 2, 52, 14, tzinfo=dt.UTC))
    new = replace(old, tie_break_at=dt.datetime(2024, 11, 14, 2, 52, 14, tzinfo=dt.UTC))
    event = Event(
        7,
        "round_amended",
        NOW,
        {
            "round": new.to_dict(),
            "previous": old.to_dict(),
            "changes": {"tie_break_at": ["2025-11-14T02:52:14Z", "2024-11-14T02:52:14Z"]},
        },
        "335",
    )
    message = render_event(event, RULE)
    assert message.title == "Express Entry round #335 amended: tie-break"
    assert "- tie-break: 2025-11-14 02:52:14 UTC -> 2024-11-14 02:52:14 UTC" in message.text.splitlines()


def test_source_error_says_what_failed() -> None:
    event = Event(
        3,
        "source_error",
        NOW,
        {"source": "feed", "url": "https://www.canada.ca/x.json", "http_status": 503, "error": "HTTP 503"},
    )
    message = render_event(event, Rule(name="e", notify=("json://h/",), events=("source_error",)))
    assert message.title == "eewatch: the feed failed (HTTP 503)"
    assert "Error: HTTP 503" in message.text
    assert '<a href="https://www.canada.ca/x.json">' in message.html


def test_health_event_is_rendered_generically() -> None:
    event = Event(4, "poll_failing", NOW, {"message": "3 polls failed in a row", "failures": 3})
    message = render_event(event, Rule(name="h", notify=("json://h/",), events=("poll_failing",)))
    assert message.title == "eewatch: poll failing"
    assert message.text.splitlines()[0] == "3 polls failed in a row"
    assert "failures: 3" in message.text


def test_html_escapes_source_content() -> None:
    html = render_event(new_round(replace(STEM, name=EVIL)), RULE).html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<!channel>" not in html
    assert 'href="http' not in html.replace(f'href="{MI}"', "")


def test_markdown_neutralises_mentions_and_links() -> None:
    markdown = render_event(new_round(replace(STEM, name=EVIL)), RULE).markdown
    first = markdown.splitlines()[0]
    assert "<!channel>" not in first and "\\<\u200b!channel\\>" in first
    assert "<script>" not in first and "\\<script\\>" in first
    assert "@here" not in first and f"@{ZWSP}here" in first
    assert "[click]" not in first and "\\[click\\]" in first
    assert "http://evil" not in first and f"http:{ZWSP}//evil" in first


def test_only_canada_ca_https_links_are_links() -> None:
    assert trusted_link(MI) == MI
    assert trusted_link("http://www.canada.ca/x") is None
    assert trusted_link("https://canada.ca.evil.example/x") is None
    assert trusted_link("javascript:alert(1)") is None
    html = render_event(new_round(replace(STEM, url="https://evil.example/x")), RULE).html
    assert "<a " not in html


def test_templates_fill_escaped_fields_per_format() -> None:
    rule = replace(RULE, title="Round {number} ({label})", body="{name}: {crs} <b>{verdict}</b>")
    message = render_event(new_round(replace(STEM, name="A <i>b</i> @channel")), rule, PROFILE)
    assert message.title == "Round 254 (A <i>b</i> @\u200bchannel)"
    assert (
        message.text
        == f"A <i>b</i> @{ZWSP}channel: 486 <b>your CRS 478 would not have been invited (cut-off 486)</b>"
    )
    assert message.html.startswith("A &lt;i&gt;b&lt;/i&gt;")
    assert "&lt;b&gt;your CRS" in message.html  # the template itself is text, not markup
    assert message.markdown.startswith("A \\<i\\>b\\</i\\>")


def test_provisional_is_said() -> None:
    message = render_event(new_round(STEM, provisional=True), RULE)
    assert message.title.startswith("(provisional) ")
    assert "provisional: not yet confirmed" in message.text


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [("hello", 10, "hello"), ("hello world", 6, "hello" + ELLIPSIS), ("abc", 3, "abc"), ("abc", 0, "")],
    ids=["fits", "cut-with-ellipsis", "exact", "no-room"],
)
def test_truncate(text: str, limit: int, expected: str) -> None:
    assert truncate(text, limit) == expected
    assert len(truncate(text, limit)) <= max(limit, 0)


def test_fit_respects_limits_and_never_cuts_html() -> None:
    message = Message("T" * 300, "t" * 50, "m" * 50, "<p>" + "h" * 200 + "</p>")
    title, body, fmt = fit(message, "markdown", 250, 35000)
    assert len(title) == 250 and title.endswith(ELLIPSIS) and body == "m" * 50 and fmt == "markdown"
    title, body, fmt = fit(message, "html", 250, 100)
    assert fmt == "text" and body == "t" * 50
    title, body, fmt = fit(message, "text", 0, 160)  # SMS-like: no title field
    assert title == "" and len(body) == 160 and body.startswith("T" * 100)


def test_escape_markdown_is_literal_for_plain_names() -> None:
    assert escape_markdown("STEM occupations (Version 1)") == "STEM occupations (Version 1)"
