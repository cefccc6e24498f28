"""The report in a real headless Chromium: loads clean, scripts run, charts drawn; screenshots saved.

One Chromium per module (per xdist worker), driven over the DevTools protocol
(``tests/support/browser.py``): each page opens in a fresh browser context and is
read after 5 s of virtual time, as ``chromium --virtual-time-budget=5000 --dump-dom``
did, less the 0.8 s of starting a browser per page. Console messages, uncaught
exceptions and browser log entries are read from the protocol: the page must log
nothing at all; the browser's own log (``--enable-logging=stderr``) must hold no
console line either. Failed requests are read from the server's own log.
Screenshots go to ``test-artifacts/`` for a person to look at.
Needs Debian's ``chromium``; skips with a reason where it is absent.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import http.server
import re
import shutil
import struct
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from eewatch.app.views.groups import newest_first
from eewatch.app.views.site import build_report
from eewatch.app.views.svg import MAX_SERIES
from eewatch.domain.clock import FrozenClock
from eewatch.domain.record import Round
from eewatch.store.store import Store
from tests.support.browser import Browser
from tests.support.fetches import copy_fetch
from tests.support.paths import ROOT, shared_copies

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"
FIXTURES = Path(__file__).parent / "fixtures" / "views"
PHONE_WIDTH = 390
PHONE_HEIGHT = 3000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)"),
]

#: A page that shows a report page at a phone's width (headless windows are at least 500 px wide), and
#: writes onto its own <body> how wide the page inside is: the test reads it from the dumped DOM.
PHONE_FRAME = """<!doctype html><html><head><link rel="icon" href="favicon.svg"></head><body style="margin:0">
<iframe id="phone" src="{page}" style="width:{width}px;height:{height}px;border:0;display:block"></iframe>
<script>
var frame = document.getElementById("phone");
frame.addEventListener("load", function () {{
  setTimeout(function () {{
    var page = frame.contentDocument.documentElement;
    document.body.setAttribute("data-scroll-width", String(page.scrollWidth));
    document.body.setAttribute("data-client-width", String(page.clientWidth));
    document.body.setAttribute("data-enhanced", page.getAttribute("data-enhanced") || "no");
    var wide = [];
    frame.contentDocument.querySelectorAll(".table-wrap").forEach(function (wrap) {{
      var table = wrap.querySelector("table");
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.closest("details")) {{
        wide.push(table.className || table.id || "table");
      }}
    }});
    document.body.setAttribute("data-wide-tables", wide.join(" "));
  }}, 300);
}});
</script></body></html>"""


#: A page that shows a report page and works its first line chart as a person would: focus (the keyboard's
#: Tab), Home, then the pointer over a mark; it writes the value shown each time onto its own <body>.
PROBE_FRAME = """<!doctype html><html><head><link rel="icon" href="favicon.svg"></head><body style="margin:0">
<iframe id="page" src="{page}" style="width:1200px;height:1600px;border:0;display:block"></iframe>
<script>
var frame = document.getElementById("page");
frame.addEventListener("load", function () {{
  setTimeout(function () {{
    var doc = frame.contentDocument, win = frame.contentWindow;
    var chart = doc.querySelector("svg.line-chart");
    var tip = doc.querySelector(".tip");
    function shown() {{ return tip && !tip.hidden ? tip.textContent : ""; }}
    frame.focus();
    chart.focus();
    document.body.setAttribute("data-focused", doc.activeElement === chart ? "yes" : "no");
    document.body.setAttribute("data-on-focus", shown());
    chart.dispatchEvent(new win.KeyboardEvent("keydown", {{ key: "Home", bubbles: true }}));
    document.body.setAttribute("data-on-home", shown());
    chart.dispatchEvent(new win.KeyboardEvent("keydown", {{ key: "ArrowRight", bubbles: true }}));
    document.body.setAttribute("data-on-right", shown());
    var marks = chart.querySelectorAll("[data-tip]");
    var mark = marks[Math.floor(marks.length / 2)];
    var box = mark.getBoundingClientRect();
    chart.dispatchEvent(new win.MouseEvent("mousemove", {{
      clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true }}));
    document.body.setAttribute("data-hovered", mark.getAttribute("data-tip"));
    document.body.setAttribute("data-on-hover", shown());
    document.body.setAttribute("data-probed", "yes");
  }}, 300);
}});
</script></body></html>"""


def probe_frame(query: str) -> bytes:
    page = dict(urllib.parse.parse_qsl(query)).get("page", "index.html")
    if not re.fullmatch(r"[\w.-]+\.html", page):
        page = "index.html"
    return PROBE_FRAME.format(page=page).encode()


def phone_frame(query: str) -> bytes:
    """The report page ``?page=`` in a frame ``?width=`` px wide (the phone's, by default)."""
    args = dict(urllib.parse.parse_qsl(query))
    page = args.get("page", "index.html")
    if not re.fullmatch(r"[\w.-]+\.html", page):
        page = "index.html"
    width = int(args["width"]) if args.get("width", "").isdigit() else PHONE_WIDTH
    return PHONE_FRAME.format(page=page, width=width, height=PHONE_HEIGHT).encode()


class SiteServer:
    """Serve a directory on 127.0.0.1 and log the status of every request."""

    def __init__(self, root: Path) -> None:
        self.requests: list[tuple[str, int]] = []
        log = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                path, _, query = self.path.partition("?")
                if path in ("/__phone.html", "/__probe.html"):
                    body = phone_frame(query) if path == "/__phone.html" else probe_frame(query)
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
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


@pytest.fixture(scope="module", params=["fixture", "shared"])
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path, list[Round]]]:
    """The report of the written fixture, and of the newest real IRCC copy (skips where absent).

    Built once per module: the pages are only read by the browser.
    """
    tmp_path = tmp_path_factory.mktemp(f"site-{request.param}")
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
    rounds = sorted(store.rounds(), key=newest_first)
    store.close()
    yield request.param, tmp_path / "site", rounds


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for the module's page loads (each in a fresh browser context)."""
    assert CHROMIUM is not None
    chromium = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chromium
    finally:
        chromium.close()
    assert console_messages("\n".join(chromium.stderr)) == []  # nothing the protocol missed


def console_messages(stderr: str) -> list[str]:
    """Console lines Chromium logged (``...:INFO:CONSOLE:12] "message", source: ...``)."""
    return [line for line in stderr.splitlines() if re.search(r":CONSOLE[:(\]]", line)]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def load(browser: Browser, root: Path, path: str) -> tuple[str, list[tuple[str, int]]]:
    """The DOM after the scripts ran, and the server's log; fails on anything logged or a failed request."""
    with SiteServer(root) as server:
        page = browser.load(server.url(path), budget_ms=5000)
    assert page.console == [], path
    assert [(p, code) for p, code in server.requests if code >= 400] == []
    return page.dom, server.requests


def chart_series(dom: str) -> list[list[str]]:
    """Per chart, the colours of its series."""
    charts = re.findall(r'<svg class="chart .*?</svg>', dom, re.S)
    return [re.findall(r'<g class="series"[^>]*data-colour="([^"]+)"', chart) for chart in charts]


@pytest.mark.parametrize("page", ["index.html", "pool.html", "category-french.html", "category-stem.html"])
def test_page_loads_clean_and_draws_charts(
    site: tuple[str, Path, list[Round]], browser: Browser, page: str
) -> None:
    _, root, rounds = site
    dom, requests = load(browser, root, page)
    assert {"/report.css", "/report.js"} <= {path for path, _ in requests}
    assert 'data-enhanced="yes"' in dom  # report.js ran to its end
    series = chart_series(dom)
    assert series or "no rounds stored yet" in dom, "no chart drawn"
    for colours in series:
        assert len(colours) <= MAX_SERIES
        assert len(set(colours)) == len(colours), colours  # pairwise distinct
    if page == "index.html":
        assert '<form class="filters" role="search">' in dom  # the table's controls were added
        assert len(re.findall(r'<rect class="latest mark"', dom)) == 15  # one bar per CRS band
        assert f'data-shown="{len(rounds)}"' in dom
    if page == "category-stem.html" and any(r.category == "stem" for r in rounds):
        assert '<section id="occupations">' in dom


def visible_rounds(dom: str) -> list[int]:
    """The numbers of the full table's shown rows, in the order shown."""
    table = re.search(r'<table id="rounds-table".*?</table>', dom, re.S)
    assert table, "no table of rounds"
    rows = re.findall(r"<tr ([^>]*data-number=[^>]*)>", table.group(0))
    return [int(re.search(r'data-number="(\d+)"', r).group(1)) for r in rows if " hidden" not in f" {r}"]  # type: ignore[union-attr]


def expected_rounds(rounds: list[Round], query: dict[str, str]) -> list[int]:
    """What the table must show for ``query``, computed from the database's rounds (newest first)."""
    kept = [
        r
        for r in rounds
        if (not query.get("type") or r.round_type == query["type"])
        and (not query.get("category") or r.category == query["category"])
        and (not query.get("program") or query["program"] in r.programs)
        and (not query.get("year") or r.date.year == int(query["year"]))
        and (not query.get("q") or str(r.number).startswith(query["q"]))
    ]
    sort = query.get("sort", "-date")
    key = sort.lstrip("-")
    if key != "date":
        sign = -1 if sort.startswith("-") else 1

        def value(r: Round) -> int | None:
            return r.crs_min if key == "crs" else r.invitations

        kept.sort(key=lambda r: (value(r) is None, sign * (value(r) or 0)))  # unpublished last, stable
    return [r.number for r in kept]


QUERIES = [
    "",
    "category=stem",
    "type=program",
    "year=2024",
    "sort=-crs",
    "sort=crs",
    "type=category&year=2024&sort=-crs",
    "program=PNP&sort=-invitations",
    "q=39",
]


@pytest.mark.parametrize("query", QUERIES, ids=[q or "all" for q in QUERIES])
def test_the_table_filters_and_sorts_from_the_address(
    site: tuple[str, Path, list[Round]], browser: Browser, query: str
) -> None:
    _, root, rounds = site
    dom, _ = load(browser, root, f"index.html?{query}" if query else "index.html")
    shown = visible_rounds(dom)
    expected = expected_rounds(rounds, dict(urllib.parse.parse_qsl(query)))
    assert shown == expected
    assert f'data-shown="{len(expected)}"' in dom
    if not query:
        assert len(shown) == len(rounds)  # one row per stored round


@pytest.mark.parametrize("width", [PHONE_WIDTH, 1280])
@pytest.mark.parametrize("page", ["index.html", "pool.html", "category-stem.html", "general.html"])
def test_no_sideways_scroll(
    site: tuple[str, Path, list[Round]], browser: Browser, page: str, width: int
) -> None:
    """Neither the page nor a table scrolls sideways (data tables folded in <details> may, on a phone)."""
    name, root, _ = site
    if not (root / page).exists():
        pytest.skip(f"no {page} in the {name} data")
    dom, _ = load(browser, root, f"__phone.html?page={page}&width={width}")
    body = re.search(r"<body[^>]*>", dom)
    assert body, "no body"
    attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', body.group(0)))
    assert attrs.get("enhanced") == "yes", "the frame did not report"
    scroll, client = int(attrs["scroll-width"]), int(attrs["client-width"])
    assert client <= width and scroll <= client, f"{page}: {scroll} px wide in {client} px"
    assert attrs["wide-tables"] == "", (
        f"{page}: tables scrolling sideways at {width} px: {attrs['wide-tables']}"
    )


@pytest.mark.parametrize("page", ["index.html", "pool.html", "category-stem.html"])
def test_values_on_keyboard_focus_and_hover(
    site: tuple[str, Path, list[Round]], browser: Browser, page: str
) -> None:
    name, root, _ = site
    if not (root / page).exists():
        pytest.skip(f"no {page} in the {name} data")
    dom, _ = load(browser, root, f"__probe.html?page={page}")
    body = re.search(r"<body[^>]*>", dom)
    assert body and 'data-probed="yes"' in body.group(0), "the probe did not run"
    attrs = {k: html.unescape(v) for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', body.group(0))}
    tips = set(re.findall(r'data-tip="([^"]*)"', (root / page).read_text()))
    tips = {html.unescape(t) for t in tips}
    assert attrs["focused"] == "yes"
    assert attrs["on-focus"] in tips  # focusing the chart shows a value (the newest)
    assert attrs["on-home"] in tips and attrs["on-right"] in tips
    assert (
        attrs["on-home"] != attrs["on-focus"] and attrs["on-right"] != attrs["on-home"]
    )  # keys walk the marks
    assert attrs["on-hover"] == attrs["hovered"]


SHOTS = [
    ("desktop", "index.html", "index.html?crs=489", (1280, 2600)),
    ("phone", "index.html", "__phone.html?page=index.html", (500, PHONE_HEIGHT)),
    ("desktop", "pool.html", "pool.html?crs=489", (1280, 1800)),
    ("phone", "pool.html", "__phone.html?page=pool.html", (500, PHONE_HEIGHT)),
    ("desktop", "category-stem.html", "category-stem.html", (1280, 2200)),
    ("phone", "category-stem.html", "__phone.html?page=category-stem.html", (500, PHONE_HEIGHT)),
]


@pytest.mark.parametrize(
    ("view", "page", "path", "window"), SHOTS, ids=[f"{v}-{p.removesuffix('.html')}" for v, p, _, _ in SHOTS]
)
def test_screenshot(
    site: tuple[str, Path, list[Round]],
    browser: Browser,
    view: str,
    page: str,
    path: str,
    window: tuple[int, int],
) -> None:
    name, root, _ = site
    if not (root / page).exists():
        pytest.skip(f"no {page} in the {name} data")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"report-{name}-{page.removesuffix('.html')}-{view}.png"
    shot.unlink(missing_ok=True)
    with SiteServer(root) as server:
        loaded = browser.load(server.url(path), budget_ms=5000, window=window, screenshot=True)
    assert loaded.screenshot is not None
    shot.write_bytes(loaded.screenshot)
    assert loaded.console == []
    assert [p for p, code in server.requests if code >= 400] == []
    assert png_size(shot) == window
    assert shot.stat().st_size > 20_000  # a drawn page, not a blank one
