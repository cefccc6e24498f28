"""A real HTTP server on loopback that serves what a test tells it to."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Reply:
    """What the server answers for one path."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    #: Answer 304 to a matching If-None-Match (an ETag is derived from the body).
    conditional: bool = True


@dataclass
class Hit:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FixtureServer:
    """Serve :class:`Reply` objects by path; record every request.

    ``handler`` may be set for full control (fault injection): it receives the
    ``BaseHTTPRequestHandler`` and must write the whole response itself.
    """

    def __init__(self) -> None:
        self.replies: dict[str, Reply] = {}
        self.hits: list[Hit] = []
        self.handler: Callable[[http.server.BaseHTTPRequestHandler], None] | None = None
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _record(self) -> bytes:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.hits.append(Hit(self.command, self.path, dict(self.headers.items()), body))
                return body

            def do_GET(self) -> None:
                self._record()
                if server.handler is not None:
                    server.handler(self)
                    return
                reply = server.replies.get(self.path.split("?")[0])
                if reply is None:
                    self._send(404, b"not found", {"Content-Type": "text/plain"})
                    return
                headers = {"Content-Type": "application/json", **reply.headers}
                if reply.conditional and reply.status == 200:
                    etag = '"' + hashlib.sha256(reply.body).hexdigest()[:16] + '"'
                    headers.setdefault("ETag", etag)
                    if self.headers.get("If-None-Match") == headers["ETag"]:
                        self._send(304, b"", {"ETag": headers["ETag"]})
                        return
                self._send(reply.status, reply.body, headers)

            def do_POST(self) -> None:
                self._record()
                if server.handler is not None:
                    server.handler(self)
                    return
                self._send(200, b"{}", {"Content-Type": "application/json"})

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body and self.command != "HEAD":
                    self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self, path: str, body: bytes, status: int = 200, **headers: str) -> str:
        """Serve ``body`` at ``path`` from now on; returns its URL."""
        self.replies[path] = Reply(body, status, dict(headers))
        return self.url(path)

    def start(self) -> FixtureServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
