"""Words for matching an indicator across reports: Unicode, tone placement, abbreviations.

"hoà" and "hòa", "thuỷ" and "thủy" give the same key; "TTHC" is "thủ tục hành chính".
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
import regex
import yaml

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
WORD_RE = regex.compile(r"[\p{L}\p{M}]+(?:[&-][\p{L}\p{M}]+)*|\d+(?:[.,]\d+)*")


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    from ..ruleset import default_rules_dir  # rules/ in a checkout, checker/_rules when installed

    with open(default_rules_dir() / "data" / "abbreviations.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {unicodedata.normalize("NFC", k): unicodedata.normalize("NFC", v)
            for k, v in (data.get("abbreviations") or {}).items()}


@lru_cache(maxsize=50000)
def syllable_key(word: str) -> str:
    """Lower case, tone mark moved to the end of the syllable: "hoà" == "hòa" == "hoa\u0300"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in TONES]
    base = "".join(c for c in decomposed if c not in TONES)
    return unicodedata.normalize("NFC", base) + "".join(tones[:1])


def words(text: str) -> list[str]:
    """Normalised syllables of ``text``: abbreviations expanded, tone placement unified."""
    abbr = abbreviations()
    out: list[str] = []
    for m in WORD_RE.finditer(unicodedata.normalize("NFC", text)):
        token = m.group()
        full = abbr.get(token)
        if full is not None:
            out.extend(syllable_key(w.group()) for w in WORD_RE.finditer(full))
        elif "&" in token or ("-" in token and token.isupper()):
            out.extend(syllable_key(p) for p in regex.split(r"[&-]", token) if p)
        else:
            out.extend(syllable_key(p) for p in token.split("-") if p)
    return out


def key_text(text: str) -> str:
    return " ".join(words(text))
