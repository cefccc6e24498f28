"""Rounds as JSON, NDJSON or CSV (contract fields only), and atomic file writes."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from eewatch.app.views.safe import vet
from eewatch.domain.record import FIELDS, Round

FORMATS = ("csv", "json", "ndjson")


def write_json(rounds: Sequence[Round], out: TextIO) -> None:
    """A JSON array of contract records (text cleaned and links vetted: :func:`~.safe.vet`)."""
    json.dump([vet(r).to_dict() for r in rounds], out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_ndjson(rounds: Sequence[Round], out: TextIO) -> None:
    """One contract record per line."""
    for item in rounds:
        out.write(json.dumps(vet(item).to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")


#: What a spreadsheet reads as the start of a formula (or of one after a cell break).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a string starting like a formula gets a leading ``'``.

    ``=HYPERLINK(...)``, ``+cmd|...``, ``-2+3``, ``@SUM(...)`` in a round's name would run
    as formulas in Excel, LibreOffice and Google Sheets (CSV injection). Numbers stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(rounds: Sequence[Round], out: TextIO) -> None:
    """One row per round; lists joined with ``;``, the distribution as JSON, empty for null.

    Text cells that a spreadsheet would take for a formula are neutralised (:func:`neutral_cell`).
    """
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in rounds:
        row = vet(item).to_dict()
        row["programs"] = ";".join(row["programs"])
        row["warnings"] = "; ".join(row["warnings"])
        row["distribution"] = json.dumps(row["distribution"]) if row["distribution"] is not None else ""
        writer.writerow({k: ("" if v is None else neutral_cell(v)) for k, v in row.items()})


WRITERS: dict[str, Callable[[Sequence[Round], TextIO], None]] = {
    "json": write_json,
    "ndjson": write_ndjson,
    "csv": write_csv,
}


def render(rounds: Sequence[Round], fmt: str) -> str:
    """The whole export as text."""
    buffer = io.StringIO()
    WRITERS[fmt](rounds, buffer)
    return buffer.getvalue()


@contextlib.contextmanager
def atomic_writer(path: Path, mode: int = 0o644) -> Iterator[TextIO]:
    """Write ``path`` through a temp file in its directory, renamed over it only on success."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
