"""One headless Chromium for many page loads, driven over the DevTools protocol on a pipe.

Starting Chromium costs about 0.8 s of wall time; a page of the report loads in a tenth of that.
:class:`Browser` starts one ``chromium --headless --remote-debugging-pipe`` and opens each page in a
fresh browser context (its own cookies, storage and cache, as a fresh ``--user-data-dir`` had), the
way ``chromium --virtual-time-budget=N --dump-dom`` / ``--screenshot`` do: virtual time paused while
network fetches are pending, the page's timers run until the budget is spent, then the DOM is read
(or the window captured). Everything the page logged to its console, every uncaught exception and
every browser log entry (a failed load, a blocked script) is collected for the test to check.

The protocol on the pipe: JSON messages, each ended by a NUL byte; Chromium reads commands on its
descriptor 3 and writes answers and events on its descriptor 4.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import itertools
import json
import os
import queue
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The same switches the one-shot runs used (less the one-shot ones: --dump-dom, --screenshot).
SWITCHES = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)

#: Serializes the document as ``--dump-dom`` prints it.
DUMP_DOM = (
    "(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n' : '')"
    " + document.documentElement.outerHTML"
)


class BrowserError(RuntimeError):
    """Chromium answered a command with an error, went away, or did not answer in time."""


@dataclass
class Loaded:
    """One page load: the DOM after its scripts ran, what it logged, and a screenshot if asked for."""

    dom: str
    console: list[str] = field(default_factory=list)
    screenshot: bytes | None = None


class Browser:
    """A headless Chromium; :meth:`load` opens a page in a fresh context, waits, and reads it."""

    def __init__(self, executable: str, profile: Path, timeout: float = 60) -> None:
        self.timeout = timeout
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        to_browser_r, from_browser_w = _above_4(to_browser_r), _above_4(from_browser_w)
        # bash gives the two pipe ends to Chromium as descriptors 3 and 4.
        script = f'exec "$0" "$@" 3<&{to_browser_r} 4>&{from_browser_w} {to_browser_r}<&- {from_browser_w}>&-'
        self._process = subprocess.Popen(
            [
                "bash",
                "-c",
                script,
                executable,
                *SWITCHES,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(to_browser_r, from_browser_w),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.stderr: list[str] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._events: dict[str, queue.Queue[dict[str, Any]]] = {}
        self._readers = [
            threading.Thread(target=self._read_pipe, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        self.send("Browser.getVersion")  # answers once the browser is up

    # -- the protocol ----------------------------------------------------------------------------

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and wait for its answer; :class:`BrowserError` on an error answer."""
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        answer: queue.Queue[dict[str, Any]] = queue.Queue()
        with self._lock:
            self._answers[number] = answer
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        try:
            reply = answer.get(timeout=self.timeout)
        except queue.Empty:
            raise BrowserError(f"no answer to {method} in {self.timeout} s") from None
        finally:
            with self._lock:
                self._answers.pop(number, None)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def _read_pipe(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                self._dispatch(json.loads(raw))
        with self._lock:  # the browser is gone: wake every waiting command
            for answer in self._answers.values():
                answer.put({"error": "the browser exited"})

    def _dispatch(self, message: dict[str, Any]) -> None:
        with self._lock:
            if "id" in message:
                answer = self._answers.get(message["id"])
                if answer is not None:
                    answer.put(message)
                return
            events = self._events.get(message.get("sessionId", ""))
        if events is not None:
            events.put(message)

    def _read_stderr(self) -> None:
        assert self._process.stderr is not None
        for line in self._process.stderr:
            self.stderr.append(line.decode("utf-8", errors="replace").rstrip("\n"))

    # -- a page ----------------------------------------------------------------------------------

    def load(
        self, url: str, budget_ms: int = 5000, window: tuple[int, int] | None = None, screenshot: bool = False
    ) -> Loaded:
        """Open ``url`` in a fresh context, run ``budget_ms`` of virtual time, read the DOM (and window)."""
        context = self.send("Target.createBrowserContext")["browserContextId"]
        try:
            create: dict[str, Any] = {"url": "about:blank", "browserContextId": context}
            if window:
                create.update(width=window[0], height=window[1])
            target = self.send("Target.createTarget", create)["targetId"]
            session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            events: queue.Queue[dict[str, Any]] = queue.Queue()
            with self._lock:
                self._events[session] = events
            try:
                return self._load(session, events, url, budget_ms, window, screenshot)
            finally:
                with self._lock:
                    self._events.pop(session, None)
        finally:
            self.send("Target.disposeBrowserContext", {"browserContextId": context})

    def _load(
        self,
        session: str,
        events: queue.Queue[dict[str, Any]],
        url: str,
        budget_ms: int,
        window: tuple[int, int] | None,
        screenshot: bool,
    ) -> Loaded:
        for domain in ("Runtime", "Log", "Page"):
            self.send(f"{domain}.enable", session=session)
        if window:
            metrics = {"width": window[0], "height": window[1], "deviceScaleFactor": 1, "mobile": False}
            self.send("Emulation.setDeviceMetricsOverride", metrics, session=session)
        # As Chromium's own virtual-time tests do: paused until the navigation is under way, then the
        # budget runs (paused while fetches are pending); read once it is spent and the page loaded.
        self.send("Emulation.setVirtualTimePolicy", {"policy": "pause"}, session=session)
        navigated = self.send("Page.navigate", {"url": url}, session=session)
        if navigated.get("errorText"):
            raise BrowserError(f"{url}: {navigated['errorText']}")
        policy = {"policy": "pauseIfNetworkFetchesPending", "budget": budget_ms}
        self.send("Emulation.setVirtualTimePolicy", policy, session=session)
        console: list[str] = []
        waiting = {"Emulation.virtualTimeBudgetExpired", "Page.loadEventFired"}
        while waiting:
            try:
                event = events.get(timeout=self.timeout)
            except queue.Empty:
                raise BrowserError(
                    f"{url}: still waiting for {sorted(waiting)} after {self.timeout} s"
                ) from None
            waiting.discard(event["method"])
            console.extend(_logged(event))
        dom = self.send("Runtime.evaluate", {"expression": DUMP_DOM, "returnByValue": True}, session=session)
        shot = None
        if screenshot:
            captured = self.send("Page.captureScreenshot", {"format": "png"}, session=session)
            shot = base64.b64decode(captured["data"])
        while not events.empty():  # anything logged while it was read
            console.extend(_logged(events.get_nowait()))
        return Loaded(str(dom["result"]["value"]), console, shot)

    def close(self) -> None:
        """Close the browser (politely, then by force)."""
        with contextlib.suppress(BrowserError):
            self.send("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        for reader in self._readers:
            reader.join(timeout=10)
        os.close(self._from_browser)
        if self._process.stderr is not None:
            self._process.stderr.close()


def _above_4(fd: int) -> int:
    """The same pipe end on a descriptor above 4 (so moving it to 3 or 4 never closes the other)."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


def _logged(event: dict[str, Any]) -> list[str]:
    """What a page event says was logged: a console call, an uncaught exception, a log entry."""
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.consoleAPICalled":
        args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
        return [f"console.{params.get('type')}: {args}"]
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        return [f"exception: {details.get('exception', {}).get('description') or details.get('text')}"]
    if method == "Log.entryAdded":
        entry = params.get("entry", {})
        where = f"{entry.get('level')} ({entry.get('source')})"
        return [f"log.{where}: {entry.get('text')} {entry.get('url', '')}"]
    return []
