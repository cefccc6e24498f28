"""Latin text written with look-alike letters ("Οn Nοvеmbеr 23" with a Greek omicron and a Cyrillic ie, as
some copied pages are, to dodge duplicate-content filters) read as the Latin letters they imitate (pure).

Only in a word that also has Latin letters: a Greek or Cyrillic word is left as it is. Each letter maps to
one letter, so every position in the text stays where it was."""

from __future__ import annotations

import re

#: Greek and Cyrillic letters drawn like Latin ones.
_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕԁӏΑΒΕΗΙΚΜΝΟΡΤΧΥΖοϲνρ",
    "ABEKMHOPCTXaeopcyxijsdlABEHIKMNOPTXYZocvp",
)
_FOREIGN = re.compile("[\u0370-\u03ff\u0400-\u052f]")
_MIXED = re.compile(r"\w*[A-Za-z]\w*")


def _read(word: re.Match[str]) -> str:
    text = word.group(0)
    return text.translate(_LOOKALIKES) if _FOREIGN.search(text) else text


def latin_lookalikes(text: str) -> str:
    """``text`` with the Greek and Cyrillic look-alikes in words holding Latin letters read as Latin."""
    return _MIXED.sub(_read, text) if _FOREIGN.search(text) else text
