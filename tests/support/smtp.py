"""A real SMTP server on loopback (aiosmtpd) that records what it receives.

Use it as a context manager or through a fixture::

    with SMTPServer() as smtp:
        url = smtp.mailto_url(to="me@example.com")
        ...
        smtp.wait_for(1)
        message = smtp.messages[0].message  # an email.message.EmailMessage

``user``/``password`` make the server offer AUTH LOGIN/PLAIN over the plain
connection (loopback only), so URLs that carry a password can be tested.
The server can be stopped and started again on the same port to play a
target that is down, then back.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    """One message the server accepted."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    def part(self, content_type: str) -> str | None:
        """The decoded text of the first part of this content type (``text/plain``, ``text/html``)."""
        for part in self.message.walk():
            if part.get_content_type() == content_type and not part.is_multipart():
                return str(part.get_content())
        return None


class _Handler:
    def __init__(self, server: SMTPServer) -> None:
        self.server = server

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        with self.server.lock:
            self.server.messages.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
            )
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SMTPServer:
    """aiosmtpd on 127.0.0.1 and a random port; ``messages`` holds what arrived."""

    def __init__(self, *, user: str | None = None, password: str | None = None) -> None:
        self.port = _free_port()
        self.user = user
        self.password = password
        self.messages: list[Received] = []
        self.lock = threading.Lock()
        self.logins: list[str] = []
        self._controller: Controller | None = None

    def _authenticate(self, _server: Any, _session: Any, _envelope: Any, mechanism: str, data: Any) -> Any:
        if isinstance(data, LoginPassword):
            ok = data.login.decode() == self.user and data.password.decode() == self.password
            if ok:
                self.logins.append(data.login.decode())
            return AuthResult(success=ok)
        return AuthResult(success=False, handled=False)

    def start(self) -> SMTPServer:
        """Start (or restart, on the same port)."""
        kwargs: dict[str, Any] = {}
        if self.user is not None:
            kwargs = {"authenticator": self._authenticate, "auth_require_tls": False}
        self._controller = Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port, ready_timeout=10, **kwargs
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        """Stop listening: the target is down until :meth:`start` again."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SMTPServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def mailto_url(self, to: str = "me@example.com", sender: str = "eewatch@example.com") -> str:
        """An Apprise ``mailto://`` URL for this server (plain SMTP, no TLS)."""
        auth = f"{self.user}:{self.password}@" if self.user is not None else ""
        return f"mailto://{auth}127.0.0.1:{self.port}?mode=insecure&to={to}&from={sender}"

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        """Wait (bounded) until at least ``count`` messages arrived; return them all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.01)
        with self.lock:
            raise AssertionError(f"expected {count} message(s), got {len(self.messages)} in {timeout}s")
