"""Enumerations: the lists that break a figure down or name what it counts.

    "39 con (11 con trâu, 23 con nghé, 01 con bò, 04 con bê)"       paren
    "06 xã, thị trấn (Lản Nhì Thàng, Khổng Lào, …)"                  paren (names)
    "5,8 tỷ đồng, trong đó: công nghiệp khai thác 0,2 tỷ đồng; …"     trong_do (partial)
    "ban hành 03 văn bản … gồm: Công văn số …; …"                     gom
    "tổng vốn 45.989,5 triệu đồng, cụ thể:" + bullet lines below     bullets

Extraction only: which quantity is the total, where each item is, which figures each
item holds. Whether the numbers agree is for the checks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence

import regex

from .figures import Fraction, Percent, Quantity, UnitFacts

# Words that open a breakdown; "trong đó" lists are partial.
KEYWORD_RE = regex.compile(
    r"(?<![\p{L}])(?P<kw>trong\s+đó|bao\s+gồm|gồm\s+có|gồm|cụ\s+thể|chi\s+tiết)(?:\s+(?:như\s+sau|là|có))?\s*:?",
    regex.IGNORECASE)
# KEYWORD_RE needs one of these in the case-folded text (`re`'s \s holds all of `regex`'s \s; casefold
# maps letter by letter and these letters have no other case-insensitive match): most paragraphs have
# none and are not searched with KEYWORD_RE.
_KEYWORD_GATE = re.compile(r"trong\s+đó|gồm|cụ\s+thể|chi\s+tiết")
KIND_OF = {"trong đó": "trong_do", "bao gồm": "gom", "gồm có": "gom", "gồm": "gom", "cụ thể": "cu_the",
           "chi tiết": "cu_the"}
# A list that says it is not complete.
OPEN_ENDED_RE = regex.compile(
    r"(?:…|\.\.|\bv\.v\b|\bvv\b|\bkhác\b|\bmột số\b|\bnhư\b|\bchẳng hạn\b|\bví dụ\b|\bđiển hình\b|"
    r"\btiêu biểu\b|\bchủ yếu\b|\bnhất là\b|\bđặc biệt là\b)", regex.IGNORECASE)
# Sentence end: a full stop not inside a number, or "!", "?".
SENTENCE_END_RE = regex.compile(r"(?<!\d)\.(?!\d)|[!?]|\.(?=\s|$)")
_SPACES = regex.compile(r"\s+")
_CLAUSE_BREAK = regex.compile(r"[;:!?()]|(?<!\d)\.(?!\d)")  # between a total and its list
BULLET_RE = regex.compile(r"^\s*['‘]?\s*(?P<m>[-–—+•·*○▪►]|\d{1,2}[.)](?!\d)|[a-zđ][)]|\(\d{1,2}\)|\([a-zđ]\))\s*")


@dataclass
class Item:
    start: int
    end: int
    text: str
    quantities: list[Quantity] = field(default_factory=list)  # top-level figures of the item
    percents: list[Percent] = field(default_factory=list)
    fractions: list[Fraction] = field(default_factory=list)
    unit_index: Optional[int] = None  # bullet items: the text unit they are on
    nested: bool = False  # the item carries its own breakdown ("…, trong đó: …")
    head: str = ""  # the item's own words: before a nested "trong đó", parentheses removed


@dataclass
class Enumeration:
    kind: str  # "paren" | "trong_do" | "gom" | "cu_the" | "bullets"
    total: Optional[Quantity]
    start: int  # body span (inline lists) in the unit text
    end: int
    items: list[Item]
    gap: str = ""  # text between the total and the list opener
    inner_kind: str = ""  # "(trong đó …)": the keyword inside a parenthesis
    open_ended: bool = False  # "…", "và các … khác", "một số"
    loose: bool = False  # keyword list with no ":" and no ";": where it ends is a guess

    @property
    def partial(self) -> bool:
        return "trong_do" in (self.kind, self.inner_kind) or self.open_ended


# The characters the loops below act on (everything else is passed over by the regex engine).
_PARENS = regex.compile(r"[()]")
_ITEM_MARKS = regex.compile(r"[()\[\];,]|(?= và | hoặc )")


def matching_paren(text: str, i: int) -> Optional[int]:
    """Index of the ")" closing the "(" at ``i``, or None."""
    depth = 0
    for m in _PARENS.finditer(text, i):
        if text[m.start()] == "(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return None


@lru_cache(maxsize=8)
def _parens_or(sep: str) -> regex.Pattern:
    return regex.compile(r"[()]|" + regex.escape(sep))


def _top_level_has(text: str, start: int, end: int, sep: str) -> bool:
    if text.find(sep, start, end) < 0:
        return False
    if text.find("(", start, end) < 0:
        return True
    depth = 0
    for m in _parens_or(sep).finditer(text, start, end):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            return True
    return False


def split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level items of ``text[start:end]``: split on ";", "," (not a decimal comma) and " và "."""
    spans: list[tuple[int, int]] = []
    semicolons = _top_level_has(text, start, end, ";")
    depth = 0
    s = start
    i = start  # the next position not yet passed over
    for m in _ITEM_MARKS.finditer(text, start):  # no endpos: " và " may run past ``end``
        p = m.start()
        if p >= end:
            break
        if p < i:
            continue  # inside a " và " / " hoặc " already cut
        ch = text[p]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            cut = 0
            if ch == ";":
                cut = 1
            elif semicolons:
                pass
            elif ch == ",":
                if not (p > 0 and text[p - 1].isdigit() and p + 1 < end and text[p + 1].isdigit()):
                    cut = 1
            else:  # " và " or " hoặc " starts here
                cut = 4 if text.startswith(" và ", p) else 6
            if cut:
                spans.append((s, p))
                s = i = p + cut
                continue
        i = p + 1
    spans.append((s, end))
    out = []
    for a, b in spans:
        while a < b and text[a] in " \t:-–+":
            a += 1
        while b > a and text[b - 1] in " \t.;,":
            b -= 1
        if b > a:
            out.append((a, b))
    return out


class _Index:
    """Sorted starts of a unit's facts, for fast span queries on long paragraphs."""

    def __init__(self, facts: UnitFacts):
        self.facts = facts
        self.q_starts = [q.start for q in facts.quantities]
        self.q_ends = [q.end for q in facts.quantities]
        self.p_starts = [p.start for p in facts.percents]
        self.f_starts = [f.start for f in facts.fractions]
        others = sorted([o.start for o in list(facts.percents) + list(facts.fractions) + list(facts.pairs)
                         + list(facts.dates)])
        self.o_starts = others

    def quantities(self, a: int, b: int) -> list[Quantity]:
        return self.facts.quantities[bisect_left(self.q_starts, a):bisect_left(self.q_starts, b)]

    def percents(self, a: int, b: int) -> list[Percent]:
        return self.facts.percents[bisect_left(self.p_starts, a):bisect_left(self.p_starts, b)]

    def fractions(self, a: int, b: int) -> list[Fraction]:
        return self.facts.fractions[bisect_left(self.f_starts, a):bisect_left(self.f_starts, b)]

    def other_between(self, a: int, b: int) -> bool:
        return bisect_left(self.o_starts, a) < bisect_left(self.o_starts, b)


def _index(facts: UnitFacts) -> _Index:
    idx = getattr(facts, "_lists_index", None)
    if idx is None:
        idx = _Index(facts)
        try:
            object.__setattr__(facts, "_lists_index", idx)
        except AttributeError:
            pass
    return idx


def _item(text: str, facts: UnitFacts, a: int, b: int) -> Item:
    nested = False
    m = KEYWORD_RE.search(text, a, b)
    cut = b
    if m and m.group("kw").lower().startswith("trong"):
        cut, nested = m.start(), True
    # figures inside a parenthesis of the item are not its own
    hidden: list[tuple[int, int]] = []
    j = text.find("(", a, cut)
    while j >= 0:
        close = matching_paren(text, j)
        close = cut if close is None or close > cut else close
        hidden.append((j, close + 1))
        j = text.find("(", close + 1, cut)

    def own(s: int, e: int) -> bool:
        return a <= s and e <= cut and not any(x <= s < y for x, y in hidden)

    # the item's text without the hidden parentheses (they are disjoint and in order)
    pieces, pos = [], a
    for x, y in hidden:
        pieces.append(text[pos:x])
        pos = y
    pieces.append(text[pos:cut])
    head = "".join(pieces)
    idx = _index(facts)
    return Item(
        a, b, text[a:b],
        quantities=[q for q in idx.quantities(a, cut) if own(q.start, q.end)],
        percents=[p for p in idx.percents(a, cut) if own(p.start, p.end)],
        fractions=[f for f in idx.fractions(a, cut) if own(f.start, f.end)],
        nested=nested, head=head,
    )


def item_at(text: str, facts: UnitFacts, start: int = 0, end: Optional[int] = None) -> Item:
    """``text[start:end]`` (default: the whole unit, e.g. a Word bullet paragraph) read as one list
    item: its own figures (not those in its brackets), and its head words."""
    return _item(text, facts, start, len(text) if end is None else end)


# "163 trẻ trai và 145 trẻ gái": figures of one item joined only by "và" / "," / "với" and a word or
# two naming each part.
JOINED_RE = regex.compile(r"(?:\s*\p{L}+){0,2}\s*(?:,|\s+và|\s+với)\s+(?:\p{L}+\s+){0,2}")


def joined_figures(item: Item, figures: Sequence[Quantity]) -> bool:
    """Are ``figures`` (of ``item``, in order) separate parts the item holds side by side ("163 trẻ
    trai và 145 trẻ gái"), so that a reader of the list should count each of them?"""
    for a, b in zip(figures, figures[1:]):
        if not JOINED_RE.fullmatch(item.text[a.end - item.start:b.start - item.start]):
            return False
    return True


_KHAC_RE = regex.compile(r"(?<!\p{L})khác(?!\p{L})")


def closed_by_remainder(text: str, enum: Enumeration) -> bool:
    """An inline list marked open-ended only because its last item is the rest with its own figure
    ("…; các khoản thu khác 16.600 triệu đồng"): that remainder makes the list complete."""
    if not enum.open_ended or not enum.items or enum.kind == "bullets":
        return False
    last = enum.items[-1]
    rest = text[enum.start:last.start] + text[last.end:enum.end]
    return (len(last.quantities) == 1 and bool(_KHAC_RE.search(last.text))
            and not OPEN_ENDED_RE.search(rest)
            and not OPEN_ENDED_RE.search(_KHAC_RE.sub(" ", last.text)))


def _total_before(facts: UnitFacts, text: str, pos: int, max_gap: int = 80) -> tuple[Optional[Quantity], str]:
    """The last quantity ending before ``pos`` in the same clause, and the text between."""
    idx = _index(facts)
    k = bisect_right(idx.q_ends, pos) - 1  # quantities do not overlap: ends are sorted too
    if k < 0 or pos - idx.q_ends[k] > max_gap:
        return None, ""
    best = facts.quantities[k]
    if idx.other_between(best.end, pos):
        return None, ""
    gap = text[best.end:pos]
    if _CLAUSE_BREAK.search(gap):
        return None, ""
    return best, gap


def _sentence_end(text: str, pos: int) -> int:
    m = SENTENCE_END_RE.search(text, pos)
    return m.start() if m else len(text)


def inline_enumerations(text: str, facts: UnitFacts) -> list[Enumeration]:
    """Parenthesised and keyword lists inside one text unit."""
    out: list[Enumeration] = []
    i = -1
    while (i := text.find("(", i + 1)) >= 0:
        close = matching_paren(text, i)
        if close is None:
            continue
        total, gap = _total_before(facts, text, i)
        body_start, inner = i + 1, ""
        m = KEYWORD_RE.match(text, body_start) or KEYWORD_RE.match(text, body_start + (text[body_start] == " "))
        if m:
            inner = KIND_OF[_SPACES.sub(" ", m.group("kw").lower())]
            body_start = m.end()
        items = [_item(text, facts, a, b) for a, b in split_items(text, body_start, close)]
        body = text[body_start:close]
        out.append(Enumeration("paren", total, body_start, close, items, gap, inner,
                               bool(OPEN_ENDED_RE.search(body))))
    if _KEYWORD_GATE.search(text.casefold()) is None:
        return out
    for m in KEYWORD_RE.finditer(text):
        kind = KIND_OF[_SPACES.sub(" ", m.group("kw").lower())]
        if m.start() > 0 and text[m.start() - 1] == "(" or text[max(0, m.start() - 2):m.start()] == "( ":
            continue  # handled as a parenthesis
        total, gap = _total_before(facts, text, m.start(), max_gap=60)
        end = _sentence_end(text, m.end())
        # a list ends where a parenthesis opened before it closes
        depth = 0
        for p in _PARENS.finditer(text, m.end(), end):
            if text[p.start()] == "(":
                depth += 1
            else:
                if depth == 0:
                    end = p.start()
                    break
                depth -= 1
        if end <= m.end() or not text[m.end():end].strip():
            continue
        items = [_item(text, facts, a, b) for a, b in split_items(text, m.end(), end)]
        loose = not m.group().rstrip().endswith(":") and not _top_level_has(text, m.end(), end, ";")
        out.append(Enumeration(kind, total, m.end(), end, items, gap, "",
                               bool(OPEN_ENDED_RE.search(text[m.end():end])), loose))
    return out


def bullet_marker(text: str) -> Optional[str]:
    """The kind of bullet a line starts with: "-", "+", "1.", "a)", "(1)"…, or None."""
    m = BULLET_RE.match(text)
    if not m:
        return None
    mk = m.group("m")
    if mk[0].isdigit():
        return "1" + mk[-1]
    if mk[0] == "(":
        return "(1)" if mk[1].isdigit() else "(a)"
    if mk[0].isalpha():
        return "a)"
    return {"–": "-", "—": "-"}.get(mk, mk)


def ends_with_colon(text: str) -> bool:
    return text.rstrip().endswith(":")


def bullet_items(lines: Sequence[tuple[str, UnitFacts, int]], parent_marker: Optional[str]) -> list[Item]:
    """The first-level bullet lines that follow an intro ending in ":".

    ``lines`` are (text, facts, unit index) of the units after the intro, in the same
    table cell. Lines with another bullet kind are nested and skipped; the list stops
    at the first line without a bullet or with the parent's own bullet kind.
    """
    items: list[Item] = []
    level: Optional[str] = None
    nested_open = False  # the last first-level item introduced sub-items ("…, trong đó:")
    for text, facts, index in lines:
        marker = bullet_marker(text)
        if marker is None or marker == parent_marker:
            break
        if level is None:
            level = marker
        if marker != level:
            if nested_open:
                continue
            break  # another bullet kind with no opener: the list is over
        item = _item(text, facts, 0, len(text))
        item.unit_index = index
        items.append(item)
        nested_open = ends_with_colon(text)
    return items


__all__ = ["Item", "Enumeration", "inline_enumerations", "bullet_items", "bullet_marker", "split_items",
           "matching_paren", "ends_with_colon", "item_at", "joined_figures", "closed_by_remainder"]
