"""A fork server for the tests' many ``python -m eewatch ...`` children: the imports paid once.

Most of a ``scrape --once`` child's time is Python importing Scrapy, Twisted,
SQLAlchemy and Apprise. :class:`ForkServer` starts one real child process (the
*zygote*: ``python -m tests.support.forkserver``) that imports those modules
and nothing else (no reactor, no database, no thread, no logging set up), then
forks a child per request. The forked child takes the caller's stdin, stdout,
stderr (passed as file descriptors), working directory and whole environment,
and runs ``python -m MODULE ARGS`` with :func:`runpy.run_module` the way the
interpreter's ``-m`` does: the module runs as ``__main__``, its ``SystemExit``
(or uncaught exception) ends the interpreter normally (threads joined, atexit
handlers run, stdio flushed). What differs from a fresh ``python`` is only what
the preload did beforehand: modules already in ``sys.modules`` (each reads the
environment at call time, never at import) and the hash seed, shared by all
children of one zygote.

The caller gets a :class:`Forked` (``pid``, ``send_signal``, ``kill``, ``wait``,
``returncode``, like :class:`subprocess.Popen`). Signals go through a pidfd the
zygote hands over, so a signal can never reach a recycled pid; the exit status
comes from the zygote, which reaps its children.

Protocol (one Unix socket connection per child): the caller sends one JSON line
``{"argv": [...], "env": {...}, "cwd": ...}`` with three descriptors (stdin,
stdout, stderr) attached; the zygote answers ``{"pid": N}`` with the child's
pidfd attached, then, when the child is gone, ``{"status": S}`` (a wait status).
The zygote ends when its stdin (a pipe from the caller) closes, killing any
child still running.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent

#: What the eewatch commands import, at the top of their modules or on the way: the
#: migrations, the crawl (Scrapy loads its components by name when a crawler starts),
#: the alerts, the report. Importing none of them starts a reactor, a thread or a
#: connection; the zygote checks the first two before it serves.
EEWATCH_PRELOAD = (
    # the commands
    "eewatch.app.cli",
    "eewatch.app.cli.scrape",
    "eewatch.app.cli.status",
    "eewatch.app.cli.run",
    "eewatch.app.cli.outbox",
    # the database: the dialects, the migrations (Alembic renders with Mako)
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "eewatch.store.migrate",
    "eewatch.store.sql_views",
    "alembic.command",
    "alembic.config",
    "alembic.runtime.migration",
    "alembic.autogenerate",
    "mako.template",
    # the crawl: Scrapy's downloader, its handlers, middlewares and extensions
    "scraper.settings",
    "scraper.pipelines",
    "scraper.crawl",
    "scraper.spiders.pages",
    "scraper.spiders.articles",
    "scrapy.core.downloader",
    "scrapy.core.downloader.handlers.datauri",
    "scrapy.core.downloader.handlers.file",
    "scrapy.core.downloader.handlers.ftp",
    "scrapy.core.downloader.handlers.http11",
    "scrapy.core.downloader.handlers.s3",
    "scrapy.downloadermiddlewares.defaultheaders",
    "scrapy.downloadermiddlewares.downloadtimeout",
    "scrapy.downloadermiddlewares.httpauth",
    "scrapy.downloadermiddlewares.httpcache",
    "scrapy.downloadermiddlewares.httpcompression",
    "scrapy.downloadermiddlewares.httpproxy",
    "scrapy.downloadermiddlewares.offsite",
    "scrapy.downloadermiddlewares.redirect",
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.downloadermiddlewares.stats",
    "scrapy.downloadermiddlewares.useragent",
    "scrapy.extensions.closespider",
    "scrapy.extensions.corestats",
    "scrapy.extensions.feedexport",
    "scrapy.extensions.logcount",
    "scrapy.extensions.memdebug",
    "scrapy.extensions.postprocessing",
    "scrapy.extensions.spiderstate",
    "scrapy.extensions.throttle",
    "scrapy.spidermiddlewares.depth",
    "scrapy.spidermiddlewares.httperror",
    "scrapy.spidermiddlewares.metacopy",
    "scrapy.spidermiddlewares.referer",
    "scrapy.spidermiddlewares.start",
    "scrapy.spidermiddlewares.urllength",
    "scrapy.dupefilters",
    "scrapy.logformatter",
    "scrapy.pqueues",
    "scrapy.squeues",
    "scrapy.resolver",
    "scrapy.statscollectors",
    # the alerts, the schedule, the report
    "eewatch.config.secrets",
    "notifier.run",
    "apprise",
    "tests.support.forkserver:load_apprise_plugins",
    "apscheduler.triggers.cron",
    "tzlocal",
    "eewatch.app.views.site",
)

_MAX_MESSAGE = 1 << 20


def load_apprise_plugins() -> None:
    """Import Apprise's plugin modules, as its first URL lookup does (its own load, run early).

    The singleton manager keeps them; ``eewatch.config.apprise_plugins.manager()``
    still runs in each child that needs it, and finds them loaded.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="'imghdr' is deprecated", category=DeprecationWarning)
        from apprise.manager_plugins import NotificationManager

        NotificationManager().load_modules()


def _preload(names: Iterable[str]) -> None:
    """Import each module; ``module:function`` also calls the function."""
    import importlib

    for name in names:
        module, _, function = name.partition(":")
        loaded = importlib.import_module(module)
        if function:
            getattr(loaded, function)()


# -- the caller's side ---------------------------------------------------------------------


class Forked:
    """A child forked by the zygote: the parts of :class:`subprocess.Popen` the tests use."""

    def __init__(self, conn: socket.socket, pid: int, pidfd: int, args: Sequence[str]) -> None:
        self._conn = conn
        self._pidfd = pidfd
        self._lock = threading.Lock()
        self.pid = pid
        self.args = list(args)
        self.returncode: int | None = None

    def send_signal(self, sig: int) -> None:
        """Signal the child, unless it is already gone (never another process on a reused pid)."""
        if self.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):  # exited and reaped already
            signal.pidfd_send_signal(self._pidfd, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def poll(self) -> int | None:
        try:
            return self.wait(0)
        except subprocess.TimeoutExpired:
            return None

    def wait(self, timeout: float | None = None) -> int:
        """The exit code (``-SIG`` where a signal ended it); ``TimeoutExpired`` after ``timeout``."""
        with self._lock:
            if self.returncode is not None:
                return self.returncode
            self._conn.settimeout(timeout)
            try:
                message = _recv_line(self._conn)
            except (TimeoutError, BlockingIOError):
                raise subprocess.TimeoutExpired(self.args, timeout or 0) from None
            self.returncode = os.waitstatus_to_exitcode(int(json.loads(message)["status"]))
            self._conn.close()
            os.close(self._pidfd)
            return self.returncode

    def __del__(self) -> None:
        if self.returncode is None:
            try:
                self._conn.close()  # the zygote kills a child whose caller went away
                os.close(self._pidfd)
            except OSError:
                pass


class ForkServer:
    """One zygote for a session (or a test); ``popen``/``run`` fork ``python -m MODULE ARGS`` from it.

    The zygote runs with this process's environment (minus ``drop_env``), so it imports
    the same code (``PYTHONPATH``) that ``python -m eewatch`` would.
    """

    def __init__(self, preload: Iterable[str] = EEWATCH_PRELOAD, drop_env: Iterable[str] = ()) -> None:
        self._folder = tempfile.mkdtemp(prefix="eewatch-fork-")
        self.address = os.path.join(self._folder, "zygote.sock")
        env = dict(os.environ)
        for name in drop_env:
            env.pop(name, None)
        self._zygote = subprocess.Popen(
            [sys.executable, "-m", "tests.support.forkserver", self.address, *preload],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,
            env=env,
            cwd=ROOT,
        )
        assert self._zygote.stdout is not None
        ready = self._zygote.stdout.readline()
        if ready.strip() != b"ready":
            self._zygote.kill()
            raise RuntimeError(f"the fork server did not start (exit {self._zygote.wait()})")

    def popen(
        self,
        *argv: str,
        env: dict[str, str],
        cwd: str | Path | None = None,
        stdin: int | None = None,
        stdout: int | None = None,
        stderr: int | None = None,
    ) -> Forked:
        """Fork a child running ``python ARGV`` (``ARGV`` starting ``-m MODULE``).

        ``stdin``/``stdout``/``stderr`` are file descriptors (``None``: ``/dev/null``).
        ``env`` is the child's whole environment.
        """
        if len(argv) < 2 or argv[0] != "-m":
            raise ValueError("the fork server runs `-m MODULE ARGS` only")
        devnull = os.open(os.devnull, os.O_RDWR)
        try:
            fds = [devnull if fd is None else fd for fd in (stdin, stdout, stderr)]
            request = {"argv": list(argv[1:]), "env": env, "cwd": str(cwd or os.getcwd())}
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                conn.connect(self.address)
                socket.send_fds(conn, [json.dumps(request).encode() + b"\n"], fds)
                reply, pidfds = _recv_line_fds(conn)
            except BaseException:
                conn.close()
                raise
        finally:
            os.close(devnull)
        if not pidfds:
            conn.close()
            raise RuntimeError(f"the fork server refused: {reply!r}")
        return Forked(conn, int(json.loads(reply)["pid"]), pidfds[0], [sys.executable, *argv])

    def run(
        self, *argv: str, env: dict[str, str], cwd: str | Path | None = None, timeout: float | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Like ``subprocess.run([python, *ARGV], capture_output=True, text=True)``, forked."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            child = self.popen(*argv, env=env, cwd=cwd, stdout=out.fileno(), stderr=err.fileno())
            try:
                code = child.wait(timeout)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
                raise
            out.seek(0)
            err.seek(0)
            return subprocess.CompletedProcess(
                child.args, code, out.read().decode(errors="replace"), err.read().decode(errors="replace")
            )

    def stop(self) -> None:
        if self._zygote.poll() is None:
            assert self._zygote.stdin is not None
            self._zygote.stdin.close()  # the zygote kills what still runs and exits
            try:
                self._zygote.wait(10)
            except subprocess.TimeoutExpired:
                self._zygote.kill()
                self._zygote.wait()
        if self._zygote.stdout is not None:
            self._zygote.stdout.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.address)
        os.rmdir(self._folder)

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def _recv_line(conn: socket.socket) -> bytes:
    return _recv_line_fds(conn)[0]


def _recv_line_fds(conn: socket.socket) -> tuple[bytes, list[int]]:
    """One newline-ended message, and any descriptors that came with it."""
    data, fds = b"", []
    while not data.endswith(b"\n"):
        chunk, got, _flags, _addr = socket.recv_fds(conn, _MAX_MESSAGE, 3)
        fds += got
        if not chunk:
            raise ConnectionError(f"the fork server hung up (after {data!r})")
        data += chunk
    return data, fds


# -- the zygote's side ---------------------------------------------------------------------


class _Child:
    def __init__(self, conn: socket.socket, pid: int, pidfd: int) -> None:
        self.conn, self.pid, self.pidfd = conn, pid, pidfd
        self.listening = True  # for the caller hanging up


def _serve(address: str) -> dict[str, Any] | None:
    """Fork a child per request; returns a request in a forked child, None when told to stop."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "accept")
    selector.register(sys.stdin.fileno(), selectors.EVENT_READ, "stop")
    children: dict[int, _Child] = {}  # by pidfd
    print("ready", flush=True)
    while True:
        for key, _ in selector.select():
            if key.data == "stop":
                for child in children.values():
                    signal.pidfd_send_signal(child.pidfd, signal.SIGKILL)
                    os.waitpid(child.pid, 0)
                return None
            if key.data == "accept":
                conn, _ = listener.accept()
                conn.setblocking(True)
                message, fds = _recv_line_fds(conn)
                request = json.loads(message)
                request["fds"] = fds
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    # The child: nothing of the zygote's but its modules.
                    selector.close()
                    listener.close()
                    conn.close()
                    for child in children.values():
                        child.conn.close()
                        os.close(child.pidfd)
                    return request
                for fd in fds:
                    os.close(fd)
                pidfd = os.pidfd_open(pid)
                socket.send_fds(conn, [json.dumps({"pid": pid}).encode() + b"\n"], [pidfd])
                children[pidfd] = _Child(conn, pid, pidfd)
                selector.register(pidfd, selectors.EVENT_READ, "exit")
                selector.register(conn, selectors.EVENT_READ, "caller")
            elif key.data == "exit":
                child = children.pop(key.fd)
                selector.unregister(key.fd)
                if child.listening:
                    selector.unregister(child.conn)
                _, status = os.waitpid(child.pid, 0)
                with contextlib.suppress(OSError):  # the caller went away
                    child.conn.sendall(json.dumps({"status": status}).encode() + b"\n")
                child.conn.close()
                os.close(child.pidfd)
            elif key.data == "caller":
                # The caller hung up (or wrote, which it never does): the child is not wanted.
                found = [c for c in children.values() if c.listening and c.conn.fileno() == key.fd]
                for child in found:  # none where the child's exit came first in this round
                    selector.unregister(child.conn)
                    child.listening = False
                    signal.pidfd_send_signal(child.pidfd, signal.SIGKILL)


def _become(request: dict[str, Any]) -> None:
    """In the forked child: take the caller's stdio, directory and environment; run the module."""
    import runpy

    stdin, stdout, stderr = request["fds"]
    for fd, target in ((stdin, 0), (stdout, 1), (stderr, 2)):
        os.dup2(fd, target)
    for fd in {stdin, stdout, stderr}:
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    module, *args = request["argv"]
    sys.argv = ["-m", *args]
    sys.path[0] = os.getcwd()  # what `python -m` puts first
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    _address, *_names = sys.argv[1:]
    _preload(_names)
    if "twisted.internet.reactor" in sys.modules:
        raise SystemExit("the preload installed a Twisted reactor: the children could not choose theirs")
    if threading.active_count() != 1:
        raise SystemExit(f"the preload started threads ({threading.enumerate()}): fork is unsafe")
    gc.freeze()  # the preloaded objects: never collected, so a child's pages stay shared with ours
    _request = _serve(_address)
    if _request is not None:
        _become(_request)
