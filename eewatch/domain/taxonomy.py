"""Round names -> round type, programs and category slug (pure).

IRCC rewords category names ("STEM occupations (2023-1)" became
"STEM occupations (Version 1)"), and adds categories every year. A category
keeps one slug across rewordings and versions, so a user's ``stem`` rule keeps
matching; a name never seen before becomes a category of its own, with a
warning, never a crash and never a silent "general".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from eewatch.domain.occupations import Catalog, load_catalog

#: Program names as IRCC writes them -> program code. Longest first.
PROGRAM_NAMES = (
    (re.compile(r"canadian experience class", re.I), "CEC"),
    (re.compile(r"federal skilled workers?(?: program)?", re.I), "FSW"),
    (re.compile(r"federal skilled trades?(?: program)?", re.I), "FST"),
    (re.compile(r"provincial nominee(?:s)?(?: program)?", re.I), "PNP"),
)

#: Round names that mean "no program or category": a general round.
_GENERAL = re.compile(r"^(?:no program specified|general(?: round)?|all programs|express entry)$", re.I)

#: Known categories: slug, pattern over the category's name. Order matters:
#: the first match wins.
KNOWN_CATEGORIES = (
    ("stem", re.compile(r"\bstem\b|science,? technology,? engineering", re.I)),
    ("french", re.compile(r"\bfrench\b|francophone", re.I)),
    ("healthcare", re.compile(r"\bhealth", re.I)),
    ("transport", re.compile(r"\btransport", re.I)),
    ("agriculture", re.compile(r"\bagri(?:culture|-food|food)", re.I)),
    ("trades", re.compile(r"\btrades?\b", re.I)),
    ("education", re.compile(r"\beducation", re.I)),
)

CATEGORY_SLUGS = tuple(slug for slug, _ in KNOWN_CATEGORIES)

# Other categories (physicians, military...) are named by the occupation catalog: IRCC's names for
# each (``names``) and the slugs an earlier eewatch gave them (``aliases``, e.g. the first three words
# "skilled-military-recruits"), in ``data/categories.toml``. The catalog is read only for a name or
# slug the patterns above do not know, so parsing the usual rounds costs no file read.

# "(Version 1)", "(2023-1)", "(Version 2025-1)", "- Version 2", "2026-Version 2", "v2"
_VERSION = re.compile(
    r"\s*(?:\((?:version\s*)?(?P<a>[\w.-]+)\)"
    r"|(?:\b(?P<year>(?:19|20)\d\d)\s*)?[-–]\s*version\s*(?P<b>[\w.-]+)"
    r"|\bv(?P<c>\d[\w.-]*))\s*$",
    re.I,
)
_FILLER = {
    "occupations",
    "occupation",
    "and",
    "the",
    "of",
    "in",
    "with",
    "for",
    "language",
    "proficiency",
    "category",
    "based",
    "selection",
}


@dataclass(frozen=True)
class Classification:
    """What a round's name says about its type."""

    round_type: str | None
    programs: tuple[str, ...] = ()
    category: str | None = None
    category_version: str | None = None
    warnings: tuple[str, ...] = ()


def programs_in(text: str | None) -> tuple[str, ...]:
    """Program codes named in a text such as ``drawText2``, in contract order."""
    if not text:
        return ()
    found = {code for pattern, code in PROGRAM_NAMES if pattern.search(text)}
    return tuple(code for code in ("CEC", "FSW", "FST", "PNP") if code in found)


#: Program codes as a name may carry them: "(CEC)", "PNP".
_CODES = re.compile(r"\b(CEC|FSW|FST|PNP)\b")
#: Words a program round's name may carry besides the programs: versions, years, "program", "round".
_PROGRAM_NOISE = re.compile(
    r"\b(?:programs?|programmes?|rounds?|draws?|only|version|v\d+|(?:19|20)\d\d(?:-\d+)?|\d{1,2})\b"
    r"|[\s,&()\[\]/:;.\-–—]|\band\b",
    re.I,
)


def _named_programs(name: str) -> tuple[tuple[str, ...], str]:
    """The programs a name names (by name or code), and what is left of the name without them."""
    rest = name
    found: set[str] = set()
    for pattern, code in PROGRAM_NAMES:
        if pattern.search(rest):
            found.add(code)
            rest = pattern.sub(" ", rest)
    for code in _CODES.findall(rest):
        found.add(code)
    rest = _CODES.sub(" ", rest)
    return tuple(code for code in ("CEC", "FSW", "FST", "PNP") if code in found), rest


def _only_programs(name: str) -> tuple[str, ...]:
    """The programs a name consists of, or () if it says anything else.

    Versions, years, codes and words such as "Program" or "round" do not make it say
    anything else: "Canadian Experience Class (CEC)", "Canadian Experience Class,
    2026-Version 1" and "Provincial Nominee Program 2026" are program rounds.
    """
    programs, rest = _named_programs(name)
    if programs and not _PROGRAM_NOISE.sub("", rest):
        return programs
    return ()


def split_version(name: str) -> tuple[str, str | None]:
    """``"STEM occupations (Version 1)"`` -> ``("STEM occupations", "1")``.

    A year written before the version stays with it: ``"French-Language proficiency
    2026-Version 2"`` -> ``("French-Language proficiency", "2026-2")``. ``"(Version 1)"``
    stays ``"1"`` and ``"(2023-1)"`` stays ``"2023-1"`` (changing them would amend every
    stored category round on upgrade).
    """
    match = _VERSION.search(name)
    if not match:
        return name.strip(), None
    version = match.group("a") or match.group("b") or match.group("c")
    if match.group("year"):
        version = f"{match.group('year')}-{version}"
    # IRCC's 2026 names put a comma before the version ("Skilled Military Recruits, 2026-Version 1").
    return name[: match.start()].strip().rstrip(",;:").strip(), version


#: Where a category's name stops naming who and starts qualifying them:
#: "Physicians | with Canadian work experience".
_QUALIFIER = re.compile(r"\s(?:with|who|having|from|holding)\s", re.I)


def category_slug(base_name: str) -> tuple[str, bool]:
    """The stable slug of a category name without its version; True if known.

    An unknown name is named by who it is for, as a person would:
    "Senior managers with Canadian work experience" is ``senior-managers``.
    """
    for slug, pattern in KNOWN_CATEGORIES:
        if pattern.search(base_name):
            return slug, True
    named = _catalog().category_named(base_name)
    if named is not None:
        return named, True
    head = _QUALIFIER.split(f" {base_name} ", maxsplit=1)[0]
    words = [w for w in re.findall(r"[a-z0-9]+", head.lower()) if w not in _FILLER]
    if not words:  # the name was all qualifier
        words = [w for w in re.findall(r"[a-z0-9]+", base_name.lower()) if w not in _FILLER]
    return "-".join(words[:3]) or "unnamed", False


def canonical_category(slug: str) -> str:
    """A category slug as eewatch names it now: an old slug (the catalog's ``aliases``) -> the new one."""
    if slug in CATEGORY_SLUGS:
        return slug
    return _catalog().canonical(slug)


def _catalog() -> Catalog:
    return load_catalog()


def catalogued_categories() -> frozenset[str]:
    """The categories whose lists eewatch ships (``data/categories.toml``): known, though no
    pattern above names them (physicians, senior-managers: slugged from the words of their name)."""
    return frozenset(_catalog().categories())


def category_spellings(slug: str) -> tuple[str, ...]:
    """Every slug a category may be stored under: its name now (any case given) and its old ones."""
    slug = canonical_category(slug.strip().lower())
    info = _catalog().info(slug)
    return (slug, *sorted(info.aliases if info else ()))


def classify(name: str | None, invited: Sequence[str] = ()) -> Classification:
    """Classify a round by its published name (``drawName``).

    ``invited``: the programs ``drawText2`` names. A name that names programs and words
    eewatch cannot place, and no category it knows, is a program round where ``drawText2``
    names exactly those programs (with a warning naming the words); otherwise it is read
    as a new category, with a warning (and ``category_unknown`` tells the operator: no list
    is known for it).
    """
    if name is None or not name.strip():
        return Classification(None, warnings=("round name is empty: type unknown",))
    name = re.sub(r"\s+", " ", name).strip()
    if _GENERAL.match(name):
        return Classification("general")
    programs = _only_programs(name)
    if programs:
        return Classification("program", programs=programs)
    base, version = split_version(name)
    named, _ = _named_programs(name)
    if named and set(named) == set(invited) and not any(p.search(base) for _, p in KNOWN_CATEGORIES):
        note = f"round name {name!r} names {', '.join(named)} and other words: read as a program round"
        return Classification("program", programs=named, warnings=(note,))
    slug, known = category_slug(base)
    known = known or slug in catalogued_categories()
    warnings = () if known else (f"unknown category {name!r}: given the slug {slug!r}",)
    return Classification("category", category=slug, category_version=version, warnings=warnings)
