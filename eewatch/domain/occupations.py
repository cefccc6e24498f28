"""Express Entry category eligibility lists: a pure loader and queries over `data/categories.toml`.

Each category (``stem``, ``healthcare``...) has one or more *versions* of its eligibility list. A version
is in force from ``effective_from`` (inclusive) until ``effective_until`` (exclusive: the first day it no
longer applies, normally the next version's ``effective_from``); no ``effective_until`` means it is the
current one as far as the data file knows. Standard library only; no other eewatch module is imported.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeGuard

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "categories.toml"

_NOC = re.compile(r"\d{5}")
_VERSION = re.compile(r"\d{4}(-\d+)?")
#: Category slugs are the round records' own: ``stem``, ``senior-managers`` (no underscores).
_CATEGORY = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_VERSION_KEYS = frozenset(
    {
        "version",
        "title",
        "effective_from",
        "effective_until",
        "source",
        "source_note",
        "corroborated_by",
        "requirements",
        "occupations",
    }
)
_REQUIREMENT_KEYS = frozenset({"min_months_experience", "canadian_experience", "french_nclc_min", "note"})
_CATEGORY_KEYS = frozenset({"title", "names", "aliases", "versions"})
_TOP_KEYS = frozenset({"schema", "check_url", "categories"})
#: Where a person checks the lists when the file does not say (the file's ``check_url`` wins).
CHECK_URL = (
    "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/"
    "submit-profile/rounds-invitations/category-based-selection.html"
)


def name_key(name: str) -> str:
    """A name compared as words: ``"Skilled Military Recruits,"`` -> ``"skilled military recruits"``."""
    return " ".join(re.findall(r"[a-z0-9]+", name.lower()))


@dataclass(frozen=True)
class Occupation:
    """One NOC 2021 unit group: its 5-digit code and its title."""

    noc: str
    title: str


@dataclass(frozen=True)
class Requirements:
    """What IRCC states beyond the occupation."""

    min_months_experience: int | None = None
    canadian_experience: bool = False
    french_nclc_min: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class CategoryVersion:
    """One version of one category's eligibility list."""

    category: str
    version: str
    effective_from: date
    effective_until: date | None
    source: str
    occupations: tuple[Occupation, ...] | None  # None: the category has no occupation list (French)
    requirements: Requirements
    title: str
    source_note: str | None = None
    corroborated_by: tuple[str, ...] = ()
    #: Learned from a round's Ministerial Instructions page (``source``, dated ``effective_from``),
    #: not shipped: used only where no shipped version covers the date.
    learned: bool = False

    def covers(self, noc: str) -> bool | None:
        """Whether `noc` is on this list; None when the category has no occupation list."""
        if self.occupations is None:
            return None
        return any(o.noc == noc for o in self.occupations)

    def in_force(self, day: date) -> bool:
        """Whether this version applies on `day` (from inclusive, until exclusive)."""
        return self.effective_from <= day and (self.effective_until is None or day < self.effective_until)

    @property
    def nocs(self) -> frozenset[str]:
        """The NOC codes on the list (empty when there is no list)."""
        return frozenset(o.noc for o in self.occupations or ())


@dataclass(frozen=True)
class CategoryInfo:
    """What the file says of a category besides its versions: its title, IRCC's names for it, old slugs."""

    slug: str
    title: str
    names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


class Catalog:
    """All versions of all categories, validated."""

    def __init__(
        self,
        versions: tuple[CategoryVersion, ...],
        infos: tuple[CategoryInfo, ...] = (),
        check_url: str = CHECK_URL,
    ) -> None:
        by_category: dict[str, list[CategoryVersion]] = {}
        for v in versions:
            by_category.setdefault(v.category, []).append(v)
        self._by_category = {
            c: tuple(sorted(vs, key=lambda v: v.effective_from)) for c, vs in by_category.items()
        }
        self.check_url = check_url
        self._infos = {i.slug: i for i in infos}
        self._by_name = {name_key(n): i.slug for i in infos for n in (*i.names, i.title)}
        self._by_alias = {a: i.slug for i in infos for a in i.aliases}
        self._learned: dict[str, tuple[CategoryVersion, ...]] = {}
        self._titles: dict[str, str] = {}
        for v in versions:
            for o in v.occupations or ():
                self._titles.setdefault(o.noc, o.title)

    def with_learned(self, learned: tuple[CategoryVersion, ...]) -> Catalog:
        """This catalog, plus lists learned from round pages (used where no shipped version covers a day)."""
        out = Catalog(self.all_versions(), tuple(self._infos.values()), self.check_url)
        by_category: dict[str, list[CategoryVersion]] = {}
        for v in learned:
            by_category.setdefault(v.category, []).append(v)
        out._learned = {c: tuple(sorted(vs, key=lambda v: v.effective_from)) for c, vs in by_category.items()}
        return out

    def all_learned(self) -> tuple[CategoryVersion, ...]:
        """Every list learned from round pages."""
        return tuple(v for vs in self._learned.values() for v in vs)

    def learned(self, category: str) -> tuple[CategoryVersion, ...]:
        """The lists learned from round pages for ``category``, oldest first."""
        return self._learned.get(category, ())

    def categories(self) -> tuple[str, ...]:
        """The category slugs, in the order of the data file."""
        return tuple(self._by_category)

    def versions(self, category: str) -> tuple[CategoryVersion, ...]:
        """The versions of `category`, oldest first (empty for an unknown category)."""
        return self._by_category.get(category, ())

    def all_versions(self) -> tuple[CategoryVersion, ...]:
        """Every version of every category."""
        return tuple(v for vs in self._by_category.values() for v in vs)

    def version_on(self, category: str, day: date) -> CategoryVersion | None:
        """The version of `category` in force on `day`, or None (not yet, retired, or not in the data).

        Where no shipped version covers ``day``, the newest list learned from a round page of that
        category dated on or before ``day`` (until a shipped version covers it)."""
        shipped = next((v for v in self.versions(category) if v.in_force(day)), None)
        if shipped is not None:
            return shipped
        return next((v for v in reversed(self.learned(category)) if v.effective_from <= day), None)

    def lookup_version(self, category: str, label: str) -> CategoryVersion | None:
        """The version of `category` labelled `label` ("2023", "2025", "2026-2"...), or None."""
        return next((v for v in self.versions(category) if v.version == label), None)

    def info(self, category: str) -> CategoryInfo | None:
        """The category's title, names and aliases (None for a category not in the file)."""
        return self._infos.get(category)

    def category_named(self, name: str) -> str | None:
        """The slug of the category IRCC calls ``name`` (its title or one of its ``names``), or None."""
        return self._by_name.get(name_key(name))

    def canonical(self, slug: str) -> str:
        """A slug as the file names it now: an old slug (``aliases``) -> the category's slug."""
        return self._by_alias.get(slug, slug)

    def title_of(self, noc: str) -> str | None:
        """The NOC title as the data file gives it, or None for a code on no list."""
        return self._titles.get(noc)


def load_catalog(path: Path | None = None) -> Catalog:
    """Load and validate the data file; the default file is read once and cached."""
    if path is None:
        return _default_catalog()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _default_catalog() -> Catalog:
    return _load(DEFAULT_PATH)


def _load(path: Path) -> Catalog:
    with path.open("rb") as fh:
        try:
            raw = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not valid TOML: {exc}") from exc
    return parse_catalog(raw)


def parse_catalog(raw: dict[str, Any]) -> Catalog:
    """Build a Catalog from already-parsed TOML; raises ValueError naming the category/version at fault."""
    categories = raw.get("categories")
    if not isinstance(categories, dict) or not categories:
        raise ValueError("the data file has no [categories] table")
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise ValueError(f"the data file: unknown keys {sorted(unknown)}")
    check_url = raw.get("check_url", CHECK_URL)
    if not isinstance(check_url, str) or not check_url.startswith("https://www.canada.ca/"):
        raise ValueError("check_url must be an https://www.canada.ca/ URL")
    versions: list[CategoryVersion] = []
    infos: list[CategoryInfo] = []
    for slug, table in categories.items():
        if not _CATEGORY.fullmatch(slug):
            raise ValueError(
                f"category {slug!r}: slug must be lowercase letters and digits joined by hyphens "
                "(senior-managers)"
            )
        if not isinstance(table, dict):
            raise ValueError(f"category {slug!r}: must be a table")
        entries = table.get("versions")
        if not isinstance(entries, list) or not entries:
            raise ValueError(f"category {slug!r}: no [[versions]]")
        default_title = table.get("title")
        parsed = [_parse_version(slug, default_title, entry) for entry in entries]
        _check_versions(slug, parsed)
        versions.extend(parsed)
        infos.append(_parse_info(slug, table, parsed))
    _check_titles(versions)
    _check_names(infos)
    return Catalog(tuple(versions), tuple(infos), check_url)


def _parse_info(slug: str, table: dict[str, Any], versions: list[CategoryVersion]) -> CategoryInfo:
    unknown = set(table) - _CATEGORY_KEYS
    if unknown:
        raise ValueError(f"category {slug!r}: unknown keys {sorted(unknown)}")
    lists = {}
    for key in ("names", "aliases"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError(f"category {slug!r}: {key} must be a list of non-empty strings")
        lists[key] = tuple(value)
    for alias in lists["aliases"]:
        if not _CATEGORY.fullmatch(alias) or alias == slug:
            raise ValueError(f"category {slug!r}: alias {alias!r} must be another hyphenated slug")
    title = table.get("title") or versions[-1].title
    return CategoryInfo(slug=slug, title=title, names=lists["names"], aliases=lists["aliases"])


def _check_names(infos: list[CategoryInfo]) -> None:
    """A name or alias means one category only, and no alias is another category's slug."""
    slugs = {i.slug for i in infos}
    seen: dict[str, str] = {}
    for info in infos:
        for key in {name_key(n) for n in (*info.names, info.title)} | set(info.aliases):
            if key in slugs - {info.slug} or seen.setdefault(key, info.slug) != info.slug:
                raise ValueError(f"category {info.slug!r}: the name or alias {key!r} is another category's")


def _parse_version(slug: str, default_title: Any, entry: Any) -> CategoryVersion:
    if not isinstance(entry, dict):
        raise ValueError(f"category {slug!r}: each version must be a table")
    label = entry.get("version")
    where = f"category {slug!r} version {label!r}"
    if not isinstance(label, str) or not _VERSION.fullmatch(label):
        raise ValueError(f"{where}: version label must look like '2025' or '2026-2'")
    unknown = set(entry) - _VERSION_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    title = entry.get("title", default_title)
    if not isinstance(title, str) or not title:
        raise ValueError(f"{where}: no title (set it on the category or the version)")
    start = entry.get("effective_from")
    end = entry.get("effective_until")
    if not _is_date(start):
        raise ValueError(f"{where}: effective_from must be a TOML date (YYYY-MM-DD)")
    if end is not None and not _is_date(end):
        raise ValueError(f"{where}: effective_until must be a TOML date (YYYY-MM-DD) or absent")
    if end is not None and not start < end:
        raise ValueError(f"{where}: effective_from {start} is not before effective_until {end}")
    source = entry.get("source")
    if not isinstance(source, str) or not source.startswith("https://www.canada.ca/"):
        raise ValueError(f"{where}: source must be an https://www.canada.ca/ URL")
    source_note = entry.get("source_note")
    if source_note is not None and not isinstance(source_note, str):
        raise ValueError(f"{where}: source_note must be a string")
    corroborated = entry.get("corroborated_by", [])
    if not isinstance(corroborated, list) or not all(isinstance(u, str) for u in corroborated):
        raise ValueError(f"{where}: corroborated_by must be a list of URLs")
    return CategoryVersion(
        category=slug,
        version=label,
        effective_from=start,
        effective_until=end,
        source=source,
        occupations=_parse_occupations(where, entry.get("occupations")),
        requirements=_parse_requirements(where, entry.get("requirements", {})),
        title=title,
        source_note=source_note,
        corroborated_by=tuple(corroborated),
    )


def _is_date(value: Any) -> TypeGuard[date]:
    # tomllib gives datetime for date-times; a datetime is a date subclass, so exclude it explicitly.
    return isinstance(value, date) and type(value) is date


def _parse_occupations(where: str, value: Any) -> tuple[Occupation, ...] | None:
    if value == "any":
        return None
    if not isinstance(value, list) or not value:
        raise ValueError(f'{where}: occupations must be a non-empty list or the string "any"')
    seen: set[str] = set()
    out: list[Occupation] = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"noc", "title"}:
            raise ValueError(f"{where}: each occupation must have exactly noc and title, got {item!r}")
        noc, title = item["noc"], item["title"]
        if not isinstance(noc, str) or not _NOC.fullmatch(noc):
            raise ValueError(f"{where}: NOC code {noc!r} is not a 5-digit string")
        if not isinstance(title, str) or not title.strip():
            raise ValueError(f"{where}: NOC {noc} has no title")
        if noc in seen:
            raise ValueError(f"{where}: duplicate NOC {noc}")
        seen.add(noc)
        out.append(Occupation(noc=noc, title=title))
    return tuple(out)


def _parse_requirements(where: str, value: Any) -> Requirements:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: requirements must be a table")
    unknown = set(value) - _REQUIREMENT_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown requirement keys {sorted(unknown)}")
    months = value.get("min_months_experience")
    if months is not None and (type(months) is not int or months <= 0):
        raise ValueError(f"{where}: min_months_experience must be a positive integer")
    canadian = value.get("canadian_experience", False)
    if type(canadian) is not bool:
        raise ValueError(f"{where}: canadian_experience must be true or false")
    nclc = value.get("french_nclc_min")
    if nclc is not None and (type(nclc) is not int or not 1 <= nclc <= 12):
        raise ValueError(f"{where}: french_nclc_min must be an integer from 1 to 12")
    note = value.get("note")
    if note is not None and not isinstance(note, str):
        raise ValueError(f"{where}: requirements.note must be a string")
    return Requirements(
        min_months_experience=months, canadian_experience=canadian, french_nclc_min=nclc, note=note
    )


def _check_versions(slug: str, versions: list[CategoryVersion]) -> None:
    labels: set[str] = set()
    for v in versions:
        if v.version in labels:
            raise ValueError(f"category {slug!r} version {v.version!r}: duplicate version label")
        labels.add(v.version)
    ordered = sorted(versions, key=lambda v: v.effective_from)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.effective_until is None or earlier.effective_until > later.effective_from:
            raise ValueError(
                f"category {slug!r} version {earlier.version!r} overlaps version {later.version!r}: "
                f"{earlier.version!r} runs until {earlier.effective_until or 'open-ended'}, "
                f"{later.version!r} starts {later.effective_from}"
            )


def _check_titles(versions: list[CategoryVersion]) -> None:
    titles: dict[str, tuple[str, str]] = {}
    for v in versions:
        for o in v.occupations or ():
            where = f"category {v.category!r} version {v.version!r}"
            first = titles.setdefault(o.noc, (o.title, where))
            if first[0] != o.title:
                raise ValueError(f"{where}: NOC {o.noc} titled {o.title!r}, but {first[1]} has {first[0]!r}")
