"""Recognising headings and their numbering labels (shared by model and rules)."""

from __future__ import annotations

from typing import Optional

import regex

# "Phần thứ nhất", "I.", "II.", "1.", "1.2.", "1.2.3" at the start of a short line.
HEADING_NUMBER = regex.compile(
    r"^\s*(?:(?P<part>Phần\s+thứ\s+\w+)"
    r"|(?P<roman>[IVXLC]{1,6})\.(?=\s)"
    r"|(?P<arabic>\d{1,2}(?:\.\d{1,2}){1,3}(?=\.?\s)|\d{1,2}(?=\.\s)))"
)
# the title of a numbering column: "TT", "STT", "Số TT", "Số thứ tự" (readers and table rules)
TT_TITLE = regex.compile(r"^(?:s?tt|số tt|số thứ tự)\.?$", regex.IGNORECASE)


def is_tt_title(title: str) -> bool:
    return TT_TITLE.match(title.strip()) is not None


MAX_HEADING_CHARS = 250


def heading_number(text: str) -> Optional[str]:
    """The numbering label a heading-like line starts with ("1.3", "II", "Phần thứ hai")."""
    if len(text) > MAX_HEADING_CHARS:
        return None
    m = HEADING_NUMBER.match(text)
    if not m:
        return None
    return m.group("part") or m.group("roman") or m.group("arabic")


def section_label(paragraph) -> Optional[str]:
    """Label of the section a paragraph opens, or None when it is not a heading."""
    if paragraph.numbering and (paragraph.heading_level or len(paragraph.text) <= MAX_HEADING_CHARS):
        label = paragraph.numbering.strip().rstrip(".").rstrip(")")
        if regex.fullmatch(r"[IVXLC]+|\d+(?:\.\d+)*", label):
            return label
    number = heading_number(paragraph.text)
    if number:
        return number
    if paragraph.heading_level:
        return " ".join(paragraph.text.split()[:4]) or None
    return None


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(text: str) -> Optional[int]:
    """Value of a well-formed Roman numeral ("IV" → 4), else None."""
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return total
