"""Hostile world II: a round name cannot ping anyone, in any service that has mentions.

The feed's ``drawName`` (and every other value from a source) is untrusted. In
Discord ``<@98765>`` pings a user and ``<@&123456789012345678>`` a role (and
Apprise's Discord plugin, in Markdown embeds, adds them to ``allow_mentions``);
Slack has ``<!channel>``, ``<!here>``, ``<@U123>``; Mattermost and Rocket.Chat
``@channel``/``@all``/``@here``; Matrix ``@room``; Telegram ``@username``; Google
Chat ``<users/all>``. Each test sends a real rendered alert through Apprise's
real plugin and reads the exact HTTP request it made; only the network is
replaced (``requests``' transport answers as the service would).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

from eewatch.config import NotificationSettings, Rule
from eewatch.domain.record import Round
from notifier.deliver import send_message
from notifier.events import Event
from notifier.render import ZWSP, render_event
from tests.support.wire import Sent

pytestmark = pytest.mark.hostile

NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
HOSTILE = (
    "STEM <@&123456789012345678> <@98765> <@!4242> <!channel> <!here> <@U123ABC> <#C999> "
    "@channel @all @here @everyone @room @eewatch_admin:matrix.org @**all** <users/all>"
)
ROUND = Round(
    id="437",
    number=437,
    date=dt.date(2026, 11, 20),
    round_type="category",
    category="stem",
    name=HOSTILE,
    invitations=500,
    crs_min=481,
)
#: What would ping someone somewhere, in any of the services (checked on the JSON-decoded request).
PINGS = re.compile(
    r"<@[&!]?[0-9]+>?|@&?[0-9]{4,}|<@U|<!(?:channel|here|everyone)|<#C|<users/"
    r"|@(?:channel|all|here|everyone|room|eewatch_admin|\*\*all)\b",
    re.I,
)


def alert(body_template: str | None = None) -> Any:
    rule = Rule(name="all", notify=("json://127.0.0.1/",), body=body_template)
    return render_event(Event(1, "new_round", NOW, {"round": ROUND.to_dict()}, ROUND.id), rule)


SERVICES = {
    "discord": "discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js",
    "discord-embeds": "discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js?format=markdown",
    "slack": "slack://T1234ABCD/B5678EFGH/abcdefghijklmnopqrstuvwx/#ee",
    "teams-workflow": "workflow://prod-01.westus.logic.azure.com:443/workflow1234/signature5678",
    "telegram": "tgram://123456789:abcdefghijklmnopqrstuvwxyz_ABCDEFG/-1001234567890/",
    "matrix": "matrix://user:token@127.0.0.1:8008?mode=slack",
    "mattermost": "mmost://127.0.0.1:8065/tokenabcdefghijkl",
    "google-chat": "gchat://workspace/key/token",
    "json": "json://127.0.0.1:8080/hook",
}


@pytest.mark.parametrize("template", [None, "{name} | {label}"], ids=["default", "template"])
@pytest.mark.parametrize("service", sorted(SERVICES))
def test_no_service_request_carries_a_mention(wire: list[Sent], service: str, template: str | None) -> None:
    outcome = send_message(SERVICES[service], alert(template), NotificationSettings(timeout=5), env={})
    assert outcome.ok, outcome
    posts = [s for s in wire if s.method == "POST"]
    assert posts, wire
    for request in posts:
        text = request.text()
        found = PINGS.findall(text)
        assert not found, f"{service} would ping {found}: {request.url} {text[:600]}"
        assert "123456789012345678" in text  # the name is still shown, broken with a zero-width space
        assert f"@{ZWSP}" in text or "@\\u200b" in text
        payload = json.loads(request.body) if request.body.startswith(b"{") else {}
        for key in ("allow_mentions", "allowed_mentions"):
            mentions = payload.get(key) or {}
            assert not any(mentions.get(k) for k in ("parse", "users", "roles")), payload[key]
        assert "👉" not in text  # Apprise's Discord ping line


def test_discord_request_is_exact(wire: list[Sent]) -> None:
    assert send_message(SERVICES["discord"], alert("{name}"), NotificationSettings(timeout=5), env={}).ok
    [request] = wire
    assert request.url == "https://discord.com/api/webhooks/4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js"
    payload = json.loads(request.body)
    assert "allow_mentions" not in payload and "allowed_mentions" not in payload
    name = payload["content"].split("\r\n", 1)[1]
    assert name.startswith(f"STEM <{ZWSP}@{ZWSP}&123456789012345678> <{ZWSP}@{ZWSP}98765> ")
