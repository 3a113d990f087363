"""The Vietnamese word list (Viet74K, shipped offline by underthesea on PyPI).

Loaded once per process and shared: rules ask whether a syllable sequence is a word.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """Lower-cased NFC entries, single and multi-syllable ("hành vi", "ngày ngày")."""
    path = files("underthesea").joinpath("corpus/data/Viet74K.txt")
    text = path.read_text(encoding="utf-8")
    return frozenset(unicodedata.normalize("NFC", line.strip().lower()) for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every syllable that occurs in some entry."""
    out: set[str] = set()
    for entry in words():
        out.update(entry.replace("-", " ").split())
    return frozenset(out)


def is_word(*syllables_: str) -> bool:
    return " ".join(s.lower() for s in syllables_) in words()
