"""Word auto-numbering: turn (numId, level) into the label Word displays ("1.2.", "a)", "II.")."""

from __future__ import annotations

from typing import Optional

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VAL = f"{{{W}}}val"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def to_roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def to_letter(n: int) -> str:
    # Word: a..z, then aa..zz
    n = max(1, n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return to_roman(n)
    if fmt == "lowerRoman":
        return to_roman(n).lower()
    if fmt == "upperLetter":
        return to_letter(n).upper()
    if fmt == "lowerLetter":
        return to_letter(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Level:
    __slots__ = ("fmt", "text", "start")

    def __init__(self, fmt: str, text: str, start: int):
        self.fmt, self.text, self.start = fmt, text, start


class Numbering:
    """Definitions from numbering.xml: numId -> abstract levels (with start overrides)."""

    def __init__(self, root: Optional[etree._Element]):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        if root is None:
            return
        for absn in root.iter(_q("abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in absn.iter(_q("lvl")):
                ilvl = lvl.get(_q("ilvl"), "0")
                fmt = lvl.find(_q("numFmt"))
                text = lvl.find(_q("lvlText"))
                start = lvl.find(_q("start"))
                levels[int(ilvl) if ilvl.isdigit() else 0] = Level(
                    fmt.get(VAL, "decimal") if fmt is not None else "decimal",
                    text.get(VAL, "") if text is not None else "",
                    int(start.get(VAL)) if start is not None and start.get(VAL, "").isdigit() else 1,
                )
            self.abstract[absn.get(_q("abstractNumId"), "")] = levels
        for num in root.iter(_q("num")):
            abs_ref = num.find(_q("abstractNumId"))
            overrides: dict[int, int] = {}
            for ov in num.iter(_q("lvlOverride")):
                so = ov.find(_q("startOverride"))
                ilvl = ov.get(_q("ilvl"), "0")
                if so is not None and so.get(VAL, "").isdigit() and ilvl.isdigit():
                    overrides[int(ilvl)] = int(so.get(VAL))
            if abs_ref is not None:
                self.nums[num.get(_q("numId"), "")] = (abs_ref.get(VAL, ""), overrides)


BULLET_LABEL = "•"


class NumberingState:
    """Counters as Word advances them while laying out the document, in order."""

    def __init__(self, numbering: Numbering):
        self.defs = numbering
        self.counters: dict[str, dict[int, int]] = {}

    def next_label(self, num_id: str, ilvl: int) -> Optional[str]:
        if num_id == "0" or num_id not in self.defs.nums:
            return None
        abs_id, overrides = self.defs.nums[num_id]
        levels = self.defs.abstract.get(abs_id, {})
        level = levels.get(ilvl)
        if level is None or level.fmt == "none":
            return None
        if level.fmt == "bullet":
            # Word draws a bullet glyph (often a Symbol-font private-use character): readers see "•"
            return BULLET_LABEL
        # Word keeps counters per abstract list shared by nums that point to it.
        counters = self.counters.setdefault(abs_id, {})
        start = overrides.get(ilvl, level.start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        label = level.text
        for k in range(ilvl + 1):
            lv = levels.get(k)
            if lv is None:
                continue
            value = counters.get(k, overrides.get(k, lv.start))
            label = label.replace(f"%{k + 1}", format_number(value, lv.fmt))
        return label.strip() or None
