"""Run children and read what a process costs: CPU, peak and current memory, fds."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

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
    """Run ``argv`` to completion; wall, CPU and peak RSS of that process alone."""
    out = log.open("ab") if log else subprocess.DEVNULL
    started = time.monotonic()
    try:
        child = subprocess.Popen(
            argv, env=env, cwd=cwd, stdout=out, stderr=out, stdin=subprocess.DEVNULL, start_new_session=True
        )
    finally:
        if log:
            out.close()  # type: ignore[union-attr]
    timer = threading.Timer(timeout, _kill_group, (child.pid,))
    timer.daemon = True
    timer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    wall = time.monotonic() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return ChildRun(wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024, child.returncode)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


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
