"""``build_report``: write the whole static site, atomically.

The site is built into a fresh directory next to ``out_dir``, then ``out_dir``
(a symlink) is switched to it with one ``rename``: a reader sees the old site
or the new one, never half of either. The previous build is kept (a page
being read may still fetch its CSS); older ones are removed.

Each build lists the files eewatch wrote in ``.eewatch-manifest``. A file someone
added to the site by hand (``CNAME``, a verification file) is not in it, so it is
carried into the next build: only what eewatch wrote is replaced or dropped.
``DIR`` as a symlink to a folder eewatch did not make (a web root) is refused:
re-pointing it would leave that folder as it was, unsaid.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from eewatch.app.views.atom import History, history, render_atom
from eewatch.app.views.export import render
from eewatch.app.views.group_page import group_page
from eewatch.app.views.groups import Group, group_rounds, newest_first
from eewatch.app.views.index_page import index_page
from eewatch.app.views.page_parts import POOL_PAGE, Context, page_name
from eewatch.app.views.pool_page import pool_page
from eewatch.app.views.safe import clean_text, vet
from eewatch.config import DEFAULT_REPORT_TITLE
from eewatch.domain.clock import Clock
from eewatch.domain.eligibility import Profile
from eewatch.domain.occupations import Catalog, load_catalog
from eewatch.domain.record import Round
from eewatch.store.store import Store

log = logging.getLogger(__name__)

#: A file in every build: lets a later build recognise the directory as ours.
MARKER = ".eewatch-report"
#: The names of the files eewatch wrote in a build, one a line (anything else was added by hand).
MANIFEST = ".eewatch-manifest"
STATIC = ("report.css", "report.js", "favicon.svg")
KEEP_BUILDS = 2


class ReportError(Exception):
    """The report could not be written where asked."""


@dataclass(frozen=True)
class ReportSummary:
    """What a build wrote."""

    out_dir: Path
    build_dir: Path
    rounds: int
    pages: tuple[str, ...]
    files: tuple[str, ...] = field(default=())
    generated_at: dt.datetime | None = None


def build_report(
    store: Store,
    out_dir: Path | str,
    clock: Clock,
    *,
    title: str = DEFAULT_REPORT_TITLE,
    site_url: str | None = None,
    crs: int | None = None,
    profile: Profile | None = None,
) -> ReportSummary:
    """Read the store and write the site to ``out_dir`` (index, pool, group pages, feed.xml, rounds.json/csv).

    ``crs`` (``[profile] crs``) is drawn on the CRS charts and the pool; a reader's ``?crs=`` replaces it.
    """
    out_dir = Path(out_dir).expanduser().absolute()
    current = _current_site(out_dir)  # refuses a symlink eewatch did not make, before writing anything
    now = clock()
    rounds = store.rounds()
    versions = store.all_revisions()  # one query, not two per round
    histories: dict[str, History] = {r.id: history(versions.get(r.id, [])) for r in rounds}
    files = render_site(rounds, histories, now=now, title=title, site_url=site_url, crs=crs, profile=profile)
    build_dir = _write_build(out_dir, files, _added_by_hand(current, files) if current else [])
    _switch(out_dir, build_dir)
    _prune(out_dir, keep=build_dir)
    pages = tuple(sorted(name for name in files if name.endswith(".html")))
    log.info("report: %d rounds, %d pages -> %s", len(rounds), len(pages), out_dir)
    return ReportSummary(out_dir, build_dir, len(rounds), pages, tuple(sorted(files)), now)


def render_site(
    rounds: Sequence[Round],
    histories: Mapping[str, History],
    *,
    now: dt.datetime,
    title: str,
    site_url: str | None,
    crs: int | None = None,
    catalog: Catalog | None = None,
    profile: Profile | None = None,
) -> dict[str, bytes]:
    """Every file of the site, by name (pure, but for loading the shipped category lists by default)."""
    rounds = sorted((vet(r) for r in rounds), key=newest_first)
    title = clean_text(title)
    ctx = Context(
        rounds,
        now,
        title,
        crs if crs is not None and 0 <= crs <= 1200 else None,
        catalog or _catalog(),
        profile,
    )
    files: dict[str, bytes] = {"index.html": index_page(ctx).encode()}
    if not rounds:
        return _with_static(files, rounds, histories, now=now, title=title, site_url=site_url)
    files[POOL_PAGE] = pool_page(ctx).encode()
    groups = group_rounds(rounds)
    for group, items in groups.items():
        files[page_name(group)] = group_page(ctx, group, items).encode()
    listed = {g.key for g in groups if g.round_type == "category"}
    for category in ctx.catalog.categories() if ctx.catalog else ():
        if category not in listed:
            group = Group("category", category)
            files[page_name(group)] = group_page(ctx, group, []).encode()
    return _with_static(files, rounds, histories, now=now, title=title, site_url=site_url)


def _catalog() -> Catalog | None:
    """The category lists shipped with eewatch; None (and a warning) if they cannot be read."""
    try:
        return load_catalog()
    except Exception as exc:  # the report is still worth writing without them
        log.warning("report: category lists not shown: %s", exc)
        return None


def _with_static(
    files: dict[str, bytes],
    rounds: Sequence[Round],
    histories: Mapping[str, History],
    *,
    now: dt.datetime,
    title: str,
    site_url: str | None,
) -> dict[str, bytes]:
    files["feed.xml"] = render_atom(rounds, histories, title=title, now=now, site_url=_slash(site_url))
    files["rounds.json"] = render(rounds, "json").encode()
    files["rounds.csv"] = render(rounds, "csv").encode()
    static = resources.files("eewatch.app.views").joinpath("static")
    for name in STATIC:
        files[name] = static.joinpath(name).read_bytes()
    files[MARKER] = f"built {now.isoformat()}\n".encode()
    files[MANIFEST] = "".join(f"{name}\n" for name in sorted({*files, MANIFEST})).encode()
    return files


def _slash(url: str | None) -> str | None:
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def builds_dir(out_dir: Path) -> Path:
    """Where the builds live: ``.NAME.builds`` next to ``out_dir``."""
    return out_dir.parent / f".{out_dir.name}.builds"


def _current_site(out_dir: Path) -> Path | None:
    """The folder ``out_dir`` shows now if eewatch wrote it (a build, or an old real copy); else None.

    A symlink to anything but one of eewatch's builds is refused: it is someone's folder
    (a web root), and re-pointing the link would leave that folder unchanged without a word.
    """
    if out_dir.is_symlink():
        target = Path(os.path.realpath(out_dir))
        if target.parent != Path(os.path.realpath(builds_dir(out_dir))):
            raise ReportError(
                f"{out_dir}: is a symlink to {target}, a folder eewatch did not make; refusing to "
                f"re-point it (that folder would never be updated). Give --out a path of its own "
                f"(eewatch keeps it a symlink to its newest build) and serve that, or remove the link"
            )
        return target if target.is_dir() else None
    if out_dir.is_dir() and (out_dir / MARKER).exists():
        return out_dir
    return None


#: What a build wrote before builds kept a manifest.
_LEGACY = {"feed.xml", "rounds.json", "rounds.csv", MARKER, *STATIC}


def _added_by_hand(site: Path, files: Mapping[str, bytes]) -> list[Path]:
    """The entries of ``site`` that eewatch did not write (not in its manifest): kept in the next build."""
    manifest = site / MANIFEST
    try:
        wrote = set(manifest.read_text(encoding="utf-8").splitlines())
    except FileNotFoundError:  # a build from before manifests: eewatch wrote its pages and these
        wrote = {p.name for p in site.iterdir() if p.name.endswith(".html")} | _LEGACY
    added = []
    for entry in sorted(site.iterdir()):
        if entry.name in wrote or entry.name == MANIFEST:
            continue
        if entry.name in files:
            log.warning(
                "report: %s was added to the site by hand, and eewatch now writes a file of that "
                "name: the added one is replaced (it stays in the previous build, %s)",
                entry.name,
                site,
            )
            continue
        added.append(entry)
    return added


def _write_build(out_dir: Path, files: dict[str, bytes], added: Sequence[Path] = ()) -> Path:
    if not out_dir.parent.is_dir():
        raise ReportError(f"{out_dir.parent}: directory does not exist")
    root = builds_dir(out_dir)
    root.mkdir(exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix="build-", dir=root))
    try:
        for name, data in files.items():
            (build / name).write_bytes(data)
            os.chmod(build / name, 0o644)
        for entry in added:  # what someone added to the site by hand, as it is
            if entry.is_symlink():
                (build / entry.name).symlink_to(os.readlink(entry))
            elif entry.is_dir():
                shutil.copytree(entry, build / entry.name, symlinks=True)
            else:
                shutil.copy2(entry, build / entry.name)
        os.chmod(build, 0o755)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return build


def _switch(out_dir: Path, build: Path) -> None:
    """Point ``out_dir`` at ``build`` with one atomic rename of a symlink."""
    if out_dir.exists() and not out_dir.is_symlink():
        if not out_dir.is_dir():
            raise ReportError(f"{out_dir}: exists and is not a directory")
        if any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
            raise ReportError(f"{out_dir}: not empty and not an eewatch report; refusing to replace it")
        # A real directory from elsewhere (empty, or an old copy of ours): move it aside once.
        aside = Path(tempfile.mkdtemp(prefix="old-", dir=builds_dir(out_dir)))
        out_dir.rename(aside / "site")
    link = out_dir.parent / f".{out_dir.name}.link-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(os.path.relpath(build, out_dir.parent), target_is_directory=True)
    os.replace(link, out_dir)


def _prune(out_dir: Path, keep: Path) -> None:
    """Remove older builds, keeping the current one and the one before it."""
    root = builds_dir(out_dir)
    entries = sorted((p for p in root.iterdir() if p != keep), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_BUILDS - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
