"""Loopback servers the benchmarks talk to: the feed, webhooks, SMTP.

Everything binds 127.0.0.1 on a free port, runs in daemon threads and is
stopped by the bench that started it.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Request:
    """One request the feed server answered."""

    at: float  # time.monotonic() when it arrived
    wall: float  # time.time() when it arrived
    status: int
    body_id: int  # which body was current (see FeedServer.set_body)


class _Quiet(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)


class _Server:
    """A threading HTTP server on loopback with a start/stop pair."""

    handler: type[http.server.BaseHTTPRequestHandler]

    def __init__(self) -> None:
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self.handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> Any:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


class _FeedHandler(_Quiet):
    def do_GET(self) -> None:
        owner: FeedServer = self.server.owner  # type: ignore[attr-defined]
        status, body, headers = owner.answer(self.headers.get("If-None-Match"))
        self.send(status, body, headers)


class FeedServer(_Server):
    """Serves one body at every path; logs every request with its time.

    ``conditional=True`` sends an ETag and answers a matching If-None-Match
    with 304; ``conditional=False`` sends no validator at all, so every poll
    gets a 200 with the whole body. ``sequence`` (optional) picks the body by
    request number, for soaks that alternate copies without a coordinator.
    """

    handler = _FeedHandler

    def __init__(self, body: bytes = b"", *, conditional: bool = True) -> None:
        super().__init__()
        self.conditional = conditional
        self.lock = threading.Condition()
        self.requests: list[Request] = []
        self.sequence: Callable[[int], tuple[int, bytes]] | None = None
        self._body, self._body_id, self._etag = b"", 0, ""
        self.set_body(body)

    def set_body(self, body: bytes) -> int:
        """Serve ``body`` from now on; returns its id (a counter)."""
        with self.lock:
            self._body = body
            self._body_id += 1
            self._etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            return self._body_id

    def answer(self, if_none_match: str | None) -> tuple[int, bytes, dict[str, str]]:
        with self.lock:
            if self.sequence is not None:
                body_id, body = self.sequence(len(self.requests))
                etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            else:
                body_id, body, etag = self._body_id, self._body, self._etag
            headers = {"Content-Type": "application/json"}
            status = 200
            if self.conditional:
                headers["ETag"] = etag
                if if_none_match == etag:
                    status, body = 304, b""
            self.requests.append(Request(time.monotonic(), time.time(), status, body_id))
            self.lock.notify_all()
        return status, body, headers

    def count(self) -> int:
        with self.lock:
            return len(self.requests)

    def wait_for(self, count: int, timeout: float) -> Request:
        """Block (bounded) until ``count`` requests arrived; the ``count``-th one."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while len(self.requests) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self.requests)} of {count} requests in {timeout:.0f}s")
                self.lock.wait(left)
            return self.requests[count - 1]

    def first_with(self, body_id: int, timeout: float) -> Request:
        """Block (bounded) until a request was answered with body ``body_id``."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                found = next((r for r in self.requests if r.body_id == body_id), None)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no request got body {body_id} in {timeout:.0f}s")
                self.lock.wait(left)


class _HookHandler(_Quiet):
    def do_POST(self) -> None:
        owner: WebhookServer = self.server.owner  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if owner.latency:
            time.sleep(owner.latency)  # a service's round trip: the POST is answered after it
        owner.record(self.path.split("?")[0], body)
        self.send(200, b"{}", {"Content-Type": "application/json"})


class WebhookServer(_Server):
    """Accepts POSTs at any path (Apprise ``json://``); logs path and arrival time."""

    handler = _HookHandler

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__()
        #: Seconds each POST takes to answer (a remote service's round trip).
        self.latency = latency
        self.lock = threading.Condition()
        self.posts: list[tuple[float, str, bytes]] = []

    def record(self, path: str, body: bytes) -> None:
        with self.lock:
            self.posts.append((time.monotonic(), path, body))
            self.lock.notify_all()

    def wait_count(self, count: int, timeout: float) -> bool:
        """Wait (bounded) until ``count`` POSTs arrived in all."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while len(self.posts) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.lock.wait(left)
            return True

    def wait_paths(self, paths: set[str], since: int, timeout: float) -> float | None:
        """Monotonic time when every path in ``paths`` had a POST after index ``since``; None on timeout."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                seen: set[str] = set()
                for at, path, _ in self.posts[since:]:
                    seen.add(path)
                    if paths <= seen:
                        return at
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.lock.wait(left)


class SMTPSink:
    """aiosmtpd on loopback; logs arrival times of messages."""

    def __init__(self) -> None:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.lock = threading.Condition()
        self.arrivals: list[float] = []
        self._controller: Any = None

    def start(self) -> SMTPSink:
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, _server: Any, _session: Any, _envelope: Any) -> str:
                with sink.lock:
                    sink.arrivals.append(time.monotonic())
                    sink.lock.notify_all()
                return "250 OK"

        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, ready_timeout=10)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def mailto(self) -> str:
        return f"mailto://127.0.0.1:{self.port}?mode=insecure&to=bench@example.com&from=eewatch@example.com"

    def wait_after(self, index: int, timeout: float) -> float | None:
        """Arrival time of message number ``index`` (0-based); None on timeout."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while len(self.arrivals) <= index:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.lock.wait(left)
            return self.arrivals[index]
