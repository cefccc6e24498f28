"""A TCP gate on loopback in front of a real server: forward, or cut, or accept and never answer.

For database outages: point eewatch at ``gate.port``; :meth:`Gate.cut` drops every
connection and closes each new one at once (the server is down), :meth:`Gate.open`
forwards again. ``Gate(None)`` accepts connections and never answers (a port that
hangs), whatever the mode.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class Gate:
    """Listens on 127.0.0.1 (a port the kernel picks); forwards to ``target`` while open."""

    def __init__(self, target: tuple[str, int] | None) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.is_open = target is not None
        self.accepted = 0
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._stopped = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self._stopped:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                self.accepted += 1
                if self.target is None:  # hang: hold the connection, never answer
                    self._sockets.append(client)
                    continue
                if not self.is_open:
                    client.close()
                    continue
                try:
                    upstream = socket.create_connection(self.target, timeout=5)
                except OSError:
                    client.close()
                    continue
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """The server is down: drop every connection, close each new one at once."""
        with self._lock:
            self.is_open = False
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def open(self) -> None:
        """The server is back."""
        with self._lock:
            self.is_open = True

    def stop(self) -> None:
        self._stopped = True
        self.cut()
        self.listener.close()
