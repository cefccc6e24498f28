"""Run children and read what a process costs: CPU, peak and current memory, fds."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class ChildRun:
    """One child process, start to exit (``os.wait4`` rusage)."""

    wall: float
    user: float
    sys: float
    maxrss_mb: float
    returncode: int

    @property
    def cpu(self) -> float:
        return self.user + self.sys


def run_child(
    argv: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
    log: Path | None = None,
) -> ChildRun:
    """Run ``argv`` to completion; wall, CPU and peak RSS of that process alone.

    The child is started by a small process of its own (:mod:`bench.spawner`), not forked
    from the bench: Linux counts a child's peak RSS from the size of the process that
    forked it, so a child of the bench could never read smaller than the bench itself.
    """
    request = {
        "argv": [str(a) for a in argv],
        "env": dict(os.environ if env is None else env),
        "cwd": str(cwd) if cwd is not None else None,
        "log": str(log) if log is not None else None,
        "timeout": timeout,
    }
    answer = _spawner().ask(request)
    if "error" in answer:
        raise OSError(f"could not start {argv[0]}: {answer['error']}")
    return ChildRun(
        answer["wall"], answer["user"], answer["sys"], answer["maxrss_kib"] / 1024, answer["returncode"]
    )


class Spawner:
    """The running :mod:`bench.spawner` process: one request, one answer, in turn."""

    def __init__(self) -> None:
        script = Path(__file__).with_name("spawner.py")
        # -S: no site-packages (the spawner needs the standard library only), so it stays small.
        self.process = subprocess.Popen(
            [sys.executable, "-S", "-u", str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.lock = threading.Lock()

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            assert self.process.stdin is not None and self.process.stdout is not None
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise OSError(f"bench/spawner.py exited ({self.process.poll()})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=10)


_SPAWNER: list[Spawner] = []


def _spawner() -> Spawner:
    """The one spawner of this bench process, started on first use, stopped at exit."""
    if not _SPAWNER or _SPAWNER[0].process.poll() is not None:
        _SPAWNER[:] = [Spawner()]
        atexit.register(_SPAWNER[0].close)
    return _SPAWNER[0]


def cpu_seconds(pid: int) -> float:
    """utime + stime of a running process (all its threads), from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_mb(pid: int) -> float:
    """Resident set size now (VmRSS), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def fd_count(pid: int) -> int:
    """Open file descriptors of a process."""
    return len(os.listdir(f"/proc/{pid}/fd"))


#: /proc/net/tcp state codes (include/net/tcp_states.h).
TCP_STATES = {
    1: "ESTABLISHED",
    2: "SYN_SENT",
    3: "SYN_RECV",
    4: "FIN_WAIT1",
    5: "FIN_WAIT2",
    6: "TIME_WAIT",
    7: "CLOSE",
    8: "CLOSE_WAIT",
    9: "LAST_ACK",
    10: "LISTEN",
    11: "CLOSING",
}


@dataclass(frozen=True)
class TcpSocket:
    """One TCP socket from /proc/PID/net/tcp{,6}: ports and state."""

    local_port: int
    remote_port: int
    state: str


def fd_targets(pid: int) -> dict[int, str]:
    """What each open fd of a process is: ``os.readlink`` of /proc/PID/fd/N.

    A path, ``socket:[INODE]``, ``pipe:[INODE]``, ``anon_inode:[eventpoll]``, ...
    An fd closed between the listing and the readlink is left out.
    """
    found: dict[int, str] = {}
    for name in os.listdir(f"/proc/{pid}/fd"):
        with contextlib.suppress(OSError):
            found[int(name)] = os.readlink(f"/proc/{pid}/fd/{name}")
    return found


def tcp_sockets(pid: int) -> dict[str, TcpSocket]:
    """TCP sockets of the process's network namespace, by inode (as in ``socket:[INODE]``)."""
    found: dict[str, TcpSocket] = {}
    for table in ("tcp", "tcp6"):
        try:
            lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 10:
                continue
            local, remote, state, inode = fields[1], fields[2], int(fields[3], 16), fields[9]
            found[inode] = TcpSocket(
                int(local.rsplit(":", 1)[1], 16),
                int(remote.rsplit(":", 1)[1], 16),
                TCP_STATES.get(state, str(state)),
            )
    return found
