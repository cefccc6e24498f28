"""The report in a real headless Chromium: loads clean, scripts run, charts drawn; screenshots saved.

Console messages are read from Chromium's log (``--enable-logging=stderr``):
the page must log nothing at all. Failed requests are read from the server's
own log. Screenshots go to ``test-artifacts/`` for a person to look at.
Needs Debian's ``chromium``; skips with a reason where it is absent.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import re
import shutil
import struct
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from eewatch.app.views.site import build_report
from eewatch.foundation.clock import FrozenClock
from eewatch.foundation.db.store import Store
from tests.conftest import ROOT, shared_copies
from tests.support.fetches import copy_fetch

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"
FIXTURES = Path(__file__).parent / "fixtures" / "views"
PHONE_WIDTH = 390

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)"),
]

#: A page that shows the report at a phone's width (headless windows are at least 500 px wide).
PHONE_FRAME = (
    '<!doctype html><html><head><link rel="icon" href="favicon.svg"></head><body style="margin:0">'
    f'<iframe src="index.html" '
    f'style="width:{PHONE_WIDTH}px;height:2600px;border:0;display:block"></iframe></body></html>'
).encode()


class SiteServer:
    """Serve a directory on 127.0.0.1 and log the status of every request."""

    def __init__(self, root: Path) -> None:
        self.requests: list[tuple[str, int]] = []
        log = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/__phone.html":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(PHONE_FRAME)))
                    self.end_headers()
                    self.wfile.write(PHONE_FRAME)
                    return
                super().do_GET()

            def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
                log.append((self.path, int(code) if str(code).isdigit() else 0))

            def log_message(self, format: str, *args: object) -> None:
                pass

        handler = functools.partial(Handler, directory=str(root.resolve()))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{path}"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _load(store: Store, body: bytes) -> None:
    store.record_feed_fetch(copy_fetch(body, url="file:feed"))


@pytest.fixture(params=["fixture", "shared"])
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The report of the written fixture, and of the newest real IRCC copy (skips where absent)."""
    now = dt.datetime(2025, 3, 2, 14, tzinfo=dt.UTC)
    store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}", FrozenClock(now))
    if request.param == "shared":
        copies = shared_copies()
        if not copies:
            pytest.skip("shared IRCC feed copies not found")
        _load(store, copies[-1].read_bytes())
    else:
        _load(store, (FIXTURES / "rounds.json").read_bytes())
    build_report(store, tmp_path / "site", FrozenClock(now))
    store.close()
    yield request.param, tmp_path / "site"


def chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def console_messages(stderr: str) -> list[str]:
    """Console lines Chromium logged (``...:INFO:CONSOLE:12] "message", source: ...``)."""
    return [line for line in stderr.splitlines() if re.search(r":CONSOLE[:(\]]", line)]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("page", ["index.html", "category-french.html", "category-stem.html"])
def test_page_loads_clean_and_draws_charts(site: tuple[str, Path], tmp_path: Path, page: str) -> None:
    name, root = site
    if not (root / page).exists():
        pytest.skip(f"no {page} in the {name} data")
    with SiteServer(root) as server:
        result = chromium(tmp_path, server.url(page), "--virtual-time-budget=5000", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    failed = [(path, code) for path, code in server.requests if code >= 400]
    assert failed == []
    assert {"/report.css", "/report.js"} <= {path for path, _ in server.requests}
    dom = result.stdout
    assert 'data-enhanced="yes"' in dom  # report.js ran to its end
    charts = re.findall(r'<svg class="chart [^"]*"', dom)
    assert len(charts) == (4 if page == "index.html" else 1)
    assert len(re.findall(r"<circle ", dom)) >= 2
    assert "<polyline " in dom
    if page == "index.html":
        assert '<label class="filter">' in dom  # the table filter was added
        assert len(re.findall(r'<rect class="latest"', dom)) == 15  # one bar per CRS band


@pytest.mark.parametrize(
    ("view", "path", "window"),
    [("desktop", "index.html", (1280, 2600)), ("phone", "__phone.html", (500, 2600))],
    ids=["desktop", "phone"],
)
def test_screenshot(
    site: tuple[str, Path], tmp_path: Path, view: str, path: str, window: tuple[int, int]
) -> None:
    name, root = site
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"dashboard-{name}-{view}.png"
    shot.unlink(missing_ok=True)
    with SiteServer(root) as server:
        result = chromium(
            tmp_path,
            server.url(path),
            "--virtual-time-budget=5000",
            f"--window-size={window[0]},{window[1]}",
            f"--screenshot={shot}",
        )
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    assert [p for p, code in server.requests if code >= 400] == []
    assert png_size(shot) == window
    assert shot.stat().st_size > 20_000  # a drawn page, not a blank one
