"""The exact HTTP requests Apprise's plugins make, captured at ``requests``' transport (never sent).

Slack's, Discord's, Telegram's... servers cannot be reached from the tests: the
plugin runs for real (URL, headers, JSON body, its own logging), and only
``HTTPAdapter.send`` is replaced by an answer in the service's shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests


@dataclass
class Sent:
    """One request as it would have gone on the wire."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes

    def text(self) -> str:
        """The body as the service reads it (JSON decoded, so ``\\u003c`` is ``<``)."""
        try:
            return json.dumps(json.loads(self.body), ensure_ascii=False)
        except ValueError:
            return self.body.decode("utf-8", "replace")


@pytest.fixture
def wire(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Sent]]:
    """Every HTTP request Apprise's plugins make, answered as the services answer, never sent."""
    sent: list[Sent] = []

    def send(self: Any, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        body = request.body or b""
        sent.append(
            Sent(
                str(request.method),
                str(request.url),
                dict(request.headers),
                body if isinstance(body, bytes) else body.encode(),
            )
        )
        response = requests.Response()
        response.status_code = 200
        response.url, response.request = str(request.url), request
        host = urlsplit(str(request.url)).hostname or ""
        if host == "hooks.slack.com":
            response._content, response.headers["Content-Type"] = b"ok", "text/plain"
        else:
            response._content = b'{"ok": true, "result": {"message_id": 1}, "id": "1"}'
            response.headers["Content-Type"] = "application/json"
        return response

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    yield sent
