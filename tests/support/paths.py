"""Where the tests' files are: the repository, the team's fixtures, the shared real IRCC copies."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_FEED = Path(os.environ.get("EEWATCH_SHARED_FEED", ROOT.parent / "shared" / "fixtures" / "ircc-feed"))


def shared_copies() -> list[Path]:
    """The shared real feed copies, oldest first (the order their README gives); empty where absent."""
    return sorted(SHARED_FEED.glob("ee_rounds_123_en.*.json"))
