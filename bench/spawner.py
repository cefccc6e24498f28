"""A small process that starts the bench's children, so their peak RSS is their own.

Linux counts a child's peak RSS (``ru_maxrss``) from the memory of the process that
forked it: a child of the bench process (tens of MiB: feeds, servers) could never read
less than the bench's size, so every small process measured the same. This process
stays small (the standard library's ``json`` and ``threading``, run with ``python -S``):
the bench asks it for each child, one JSON line per request, and reads back the
child's ``os.wait4`` figures, one JSON line per answer.

Request: ``{"argv": [...], "env": {...}, "cwd": str | null, "log": str | null, "timeout": float}``.
Answer: ``{"wall": s, "user": s, "sys": s, "maxrss_kib": n, "returncode": n}``, or
``{"error": "..."}`` when the child could not be started.
"""

import contextlib
import json
import os
import signal
import sys
import threading
import time


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def spawn(request: dict) -> dict:
    """Run one child to completion: its wall time, CPU and peak RSS."""
    log = request.get("log")
    out = os.open(log or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    null = os.open(os.devnull, os.O_RDONLY)
    argv, env, cwd = request["argv"], request["env"], request.get("cwd")
    started = time.monotonic()
    try:
        pid = os.fork()
        if pid == 0:  # the child: its own session, stdin from /dev/null, stdout and stderr to the log
            try:
                os.setsid()
                if cwd:
                    os.chdir(cwd)
                os.dup2(null, 0)
                os.dup2(out, 1)
                os.dup2(out, 2)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
    finally:
        os.close(out)
        os.close(null)
    timer = threading.Timer(request.get("timeout", 120), _kill_group, (pid,))
    timer.daemon = True
    timer.start()
    try:
        _, status, usage = os.wait4(pid, 0)
    finally:
        timer.cancel()
    return {
        "wall": time.monotonic() - started,
        "user": usage.ru_utime,
        "sys": usage.ru_stime,
        "maxrss_kib": usage.ru_maxrss,
        "returncode": os.waitstatus_to_exitcode(status),
    }


def main() -> None:
    for line in sys.stdin:
        try:
            answer = spawn(json.loads(line))
        except OSError as exc:
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
