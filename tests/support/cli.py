"""Running the ``eewatch`` command line in tests: in this process, or in a real child process.

Two functions, named for what they run, so a test says which it uses:

- :func:`cli` calls ``eewatch.app.cli.main(argv)`` in this process, with its own environment,
  working directory, standard streams and logging, all restored afterwards. Fast, and enough for
  every command that starts no Twisted reactor (the reactor cannot be restarted in one process).
- :func:`cli_process` runs ``python -m eewatch ARGS`` as a real child process: for ``scrape`` and
  ``run`` (the reactor), and for what only a process shows (signals, exit with threads, imports).

Both return a :class:`subprocess.CompletedProcess` (``returncode``, ``stdout``, ``stderr``) and
never read the developer's ``$EEWATCH_CONFIG``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from tests.support.forkserver import ForkServer

#: Commands that start a Twisted reactor: a reactor cannot be restarted in one process.
REACTOR_COMMANDS = frozenset({"scrape", "run"})


def child_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without ``EEWATCH_CONFIG``, updated with ``env``."""
    full = dict(os.environ)
    full.pop("EEWATCH_CONFIG", None)
    full.update(env or {})
    return full


def run_python(
    *argv: str,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
    via: ForkServer | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGV`` in a real child process (forked from ``via`` when a test passes one)."""
    full_env = child_env(env)
    if via is not None:
        return via.run(*argv, env=full_env, cwd=cwd, timeout=timeout)
    return subprocess.run(
        [sys.executable, *argv],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def cli_process(
    *args: str,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
    via: ForkServer | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``eewatch ARGS`` in a real child process (forked from ``via`` when a test passes one)."""
    return run_python("-m", "eewatch", *args, env=env, cwd=cwd, timeout=timeout, via=via)


def cli(
    *args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``eewatch ARGS`` in this process; what it printed and its exit code, as a child's would be."""
    command = next((a for a in args if not a.startswith("-")), None)
    if command in REACTOR_COMMANDS:
        raise ValueError(f"eewatch {command} starts a Twisted reactor: run it with cli_process()")
    from eewatch.app.cli import main

    out, err = _stream(), _stream()
    with _environment(child_env(env)), _cwd(cwd), _streams(out, err), _logging():
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors, --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return subprocess.CompletedProcess(["eewatch", *args], code, _text(out), _text(err))


def _stream() -> io.TextIOWrapper:
    """A text stream over bytes, like a child's piped stdout: not a terminal, has ``.buffer``."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", errors="replace")


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _cwd(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    saved = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(saved)


@contextlib.contextmanager
def _streams(out: io.TextIOWrapper, err: io.TextIOWrapper) -> Iterator[None]:
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), out, err
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


@contextlib.contextmanager
def _logging() -> Iterator[None]:
    """The command configures the root logger (handlers on the test's stderr): undo that afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
