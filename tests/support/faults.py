"""Faults a hostile source can serve, as handlers for :class:`~tests.support.http.FixtureServer`.

Each factory returns a function that takes the server's ``BaseHTTPRequestHandler``
and writes the whole (broken) response itself: set ``server.handler = reset()``.
Every wait is bounded (``MAX_STALL``) and ends early when the client goes away,
so a fault never keeps the test server busy after the test.

:class:`HostServer` is a second loopback server on another address
(``127.0.0.2``), to play "another host" for redirects.
"""

from __future__ import annotations

import gzip
import http.server
import socket
import socketserver
import sqlite3
import struct
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]

#: The longest any fault keeps a connection open (the client times out well before).
MAX_STALL = 15.0


def _head(h: http.server.BaseHTTPRequestHandler, status: int, headers: dict[str, str]) -> None:
    h.send_response(status)
    for key, value in headers.items():
        h.send_header(key, value)
    h.end_headers()


def _write(h: http.server.BaseHTTPRequestHandler, body: bytes) -> None:
    """Write a body; a client that hung up (as it should, on a fault) is not an error here."""
    try:
        h.wfile.write(body)
        h.wfile.flush()
    except OSError:
        h.close_connection = True


def quiet(httpd: socketserver.BaseServer) -> list[str]:
    """Record, instead of printing, the errors a client that hangs up causes in ``httpd``."""
    errors: list[str] = []

    def handle_error(request: object, client_address: object) -> None:
        errors.append(repr(sys.exc_info()[1]))

    httpd.handle_error = handle_error  # type: ignore[method-assign]
    return errors


def status(code: int, body: bytes = b"", content_type: str = "text/plain", **headers: str) -> Handler:
    """A complete response with this status, body and headers."""

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        extra = {key.replace("_", "-"): value for key, value in headers.items()}
        _head(h, code, {"Content-Type": content_type, **extra, "Content-Length": str(len(body))})
        _write(h, body)

    return handle


def reset() -> Handler:
    """Read the request, then reset the connection (RST, no response at all)."""

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.close_connection = True
        h.connection.close()

    return handle


def _gone(h: http.server.BaseHTTPRequestHandler) -> bool:
    """True once the client has closed its side (a read returns EOF or fails)."""
    try:
        h.connection.setblocking(False)
        try:
            return h.connection.recv(1, socket.MSG_PEEK) == b""
        finally:
            h.connection.setblocking(True)
    except BlockingIOError:
        return False
    except OSError:
        return True


def stall(seconds: float = MAX_STALL) -> Handler:
    """Accept the request and send nothing (until the client gives up or ``seconds`` pass)."""

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        deadline = time.monotonic() + min(seconds, MAX_STALL)
        while time.monotonic() < deadline and not _gone(h):
            time.sleep(0.05)
        h.close_connection = True

    return handle


def drip(body: bytes, every: float = 0.2, chunk: int = 16) -> Handler:
    """Headers at once, then the body ``chunk`` bytes per ``every`` seconds (too slow to finish)."""

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        _head(h, 200, {"Content-Type": "application/json", "Content-Length": str(len(body))})
        deadline = time.monotonic() + MAX_STALL
        try:
            for start in range(0, len(body), chunk):
                if time.monotonic() > deadline or _gone(h):
                    break
                h.wfile.write(body[start : start + chunk])
                h.wfile.flush()
                time.sleep(every)
        except OSError:
            pass
        h.close_connection = True

    return handle


def truncate(body: bytes, missing: int = 1000) -> Handler:
    """Promise ``len(body) + missing`` bytes, send ``body``, then close the connection."""

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        _head(h, 200, {"Content-Type": "application/json", "Content-Length": str(len(body) + missing)})
        _write(h, body)
        h.close_connection = True

    return handle


def unsized(body: bytes) -> Handler:
    """A body with no Content-Length, delimited by closing the connection (HTTP/1.0 style)."""

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        _head(h, 200, {"Content-Type": "application/json", "Connection": "close"})
        _write(h, body)
        h.close_connection = True

    return handle


def gzip_bomb(inflated: int) -> tuple[Handler, int]:
    """A small gzip body that inflates to ``inflated`` bytes; returns the handler and its size."""
    body = gzip.compress(b"[" + b" " * (inflated - 2) + b"]", compresslevel=9)

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        _head(h, 200, {**headers, "Content-Length": str(len(body))})
        _write(h, body)

    return handle, len(body)


def redirect(location: str, code: int = 302) -> Handler:
    """Redirect every request to ``location``."""

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        _head(h, code, {"Location": location, "Content-Length": "0"})

    return handle


def redirect_loop() -> Handler:
    """``/a`` -> ``/b`` -> ``/a`` ... whatever path was asked for."""

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        path = h.path.split("?")[0]
        _head(h, 302, {"Location": "/loop-b" if path != "/loop-b" else "/loop-a", "Content-Length": "0"})

    return handle


class HostServer:
    """A loopback HTTP server on another address; records the paths it was asked for."""

    def __init__(self, host: str = "127.0.0.2", body: bytes = b"{}") -> None:
        self.host = host
        self.paths: list[str] = []
        server = self

        class Handle(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.paths.append(self.path)
                _head(self, 200, {"Content-Type": "application/json", "Content-Length": str(len(body))})
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer((host, 0), Handle)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.httpd.server_address[1]}{path}"

    def start(self) -> HostServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# -- what a fault must not change -------------------------------------------------


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of a query on the SQLite file ``db`` (read-only)."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return conn.execute(sql).fetchall()


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every round and revision, byte for byte, and the pool distributions."""
    return {
        "rounds": rows(db, "SELECT * FROM rounds ORDER BY id"),
        "round_revisions": rows(db, "SELECT * FROM round_revisions ORDER BY id"),
        "pool_distributions": rows(db, "SELECT * FROM pool_distributions ORDER BY round_id, band"),
    }


def rounds_lost(before: dict[str, list[tuple[object, ...]]], db: Path) -> int:
    """How many rounds of ``before`` are missing from ``db`` or differ there."""
    now = {row[0]: row for row in snapshot(db)["rounds"]}
    return sum(1 for row in before["rounds"] if now.get(row[0]) != row)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database (the backup API, WAL included)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
