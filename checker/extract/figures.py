"""Find the figures of one text unit: references, dates, ranges, fractions, percents, quantities.

Scanners run in priority order over NFC text and claim spans, so "983/UBND-TNMT"
is a document reference (not a date), "10/5/2021" a date (not a fraction),
"15/17 xã" a fraction and "24/24h" a shift pattern (neither).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import calendar
from dataclasses import dataclass, field
from typing import Optional

import regex

from .numbers import NUM, NUMBER_RE, Number, number_at
from .units import Unit, counted_noun_at, is_known_unit, measured_unit_at

_B = r"(?<![\p{L}\d/.,])"  # left boundary of a figure
_E = r"(?![\d/]|[.,]\d)"  # right boundary


# slots=True: a long report holds tens of thousands of these facts, and without a per-instance
# __dict__ each one takes about half the memory.
@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class DocRef(Span):
    number: str  # "983"
    year: Optional[int]  # "30/2020/NĐ-CP" -> 2020
    symbol: str  # "UBND-TNMT", "KL/TW"


@dataclass(frozen=True, slots=True)
class DateFact(Span):
    day: Optional[int]
    month: Optional[int]
    year: Optional[int]
    kind: str  # "dmy" | "dm" | "my" | "dmy-words"

    @property
    def valid(self) -> bool:
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        if not 1 <= self.day <= 31:
            return False
        if self.month is None:
            return True
        year = self.year if self.year is not None else 2024  # a leap year: 29/2 allowed
        return self.day <= calendar.monthrange(year, self.month)[1]


@dataclass(frozen=True, slots=True)
class YearRange(Span):
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Quantity:
    number: Number
    unit: Optional[Unit]
    unit_text: str = ""
    end: int = 0  # end of the unit (or of the number when there is none)

    @property
    def start(self) -> int:
        return self.number.start

    @property
    def value(self):
        return self.number.value


@dataclass(frozen=True, slots=True)
class Fraction(Span):
    """"3.425ha/3.750ha", "15/17 xã", "229/231 dự án": part over whole of one thing."""

    part: Quantity
    whole: Quantity


@dataclass(frozen=True, slots=True)
class Pair(Span):
    """"389 hộ/1.709 khẩu", "06 lớp/152 học viên": two quantities of different things."""

    left: Quantity
    right: Quantity


@dataclass(frozen=True, slots=True)
class Percent(Span):
    number: Number


@dataclass
class UnitFacts:
    refs: list[DocRef] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    ranges: list[YearRange] = field(default_factory=list)
    fractions: list[Fraction] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    percents: list[Percent] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)  # every other number, unit or not
    shifts: list[Span] = field(default_factory=list)  # "24/24h", "24/7"


DOC_REF_RE = regex.compile(
    r"(?<![\p{L}\d/])(?P<num>\d{1,6}(?:[a-z])?)(?:/(?P<year>(?:19|20)\d{2}))?"
    r"/(?P<sym>[A-ZĐ][A-ZĐa-zđ0-9&]*(?:[-–][A-ZĐa-zđ0-9&]+)*)"
    r"|(?<![\p{L}\d/])(?P<num2>\d{1,6})-(?P<sym2>[A-ZĐ]{1,6}/[A-ZĐ]{1,6}(?:[-–][A-ZĐ]+)*)"
)
DMY_RE = regex.compile(_B + r"(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)")
DMY_WORDS_RE = regex.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})(?!\d)", regex.IGNORECASE)
MY_RE = regex.compile(
    r"tháng\s+(?P<m>\d{1,2})(?:\s*/\s*|\s+năm\s+)(?P<y>\d{4})(?![\d/])", regex.IGNORECASE)
YEAR_RANGE_RE = regex.compile(
    r"(?<![\p{L}\d/.,])(?P<a>(?:19|20)\d{2})\s*[-–—]\s*(?P<b>\d{4})(?![\d/])")
SHIFT_RE = regex.compile(_B + r"24\s*/\s*(?:24|7)\s*(?:h|giờ)?(?![\p{L}\d])", regex.IGNORECASE)
SLASH_RE = regex.compile(rf"{_B}(?P<a>{NUM})(?P<ua>\s?\p{{L}}[\p{{L}}²]*(?:\s\p{{L}}+){{0,2}})?\s*/\s*(?P<b>{NUM})(?![\d])")
# Words right before a d/m that make it a date ("ngày 10/8", "đến 25/7", "các ngày 01/6").
DATE_CUES = regex.compile(
    r"(?:ngày|đến|tới|từ|trước|sau|vào|hết|hạn|đầu|cuối|nay|lúc|và|,|-|–)\s*$", regex.IGNORECASE)
_NGAY_BEFORE = regex.compile(r"(?<!\p{L})ngày\s*$", regex.IGNORECASE)
FRACTION_CUES = regex.compile(r"(?:đạt|chiếm|tỷ lệ|tỉ lệ|được|là|có|còn|mới)\s*$", regex.IGNORECASE)


_ANY_DIGIT = regex.compile(r"\d")


def has_digit(text: str) -> bool:
    """Does ``text`` hold a digit (``regex``'s \\d, as the figure patterns)? Without one it has no figure."""
    return _ANY_DIGIT.search(text) is not None


def extract(text: str) -> UnitFacts:
    """All figures of one NFC text, each span claimed once."""
    facts = UnitFacts()
    taken = _Claims()
    free, claim = taken.free, taken.claim

    if not has_digit(text):  # most units have no figure: one C-level scan, then out
        return facts

    slash = "/" in text  # cheap guards: skip the scans that cannot match (same results, less time)
    month = "tháng" in text.lower()

    for m in (DOC_REF_RE.finditer(text) if slash else ()):
        if m.group("num"):
            facts.refs.append(DocRef(m.start(), m.end(), m.group(), m.group("num"),
                                     int(m.group("year")) if m.group("year") else None, m.group("sym")))
        else:
            facts.refs.append(DocRef(m.start(), m.end(), m.group(), m.group("num2"), None, m.group("sym2")))
        claim(m.start(), m.end())

    for rx, kind in (((DMY_WORDS_RE, "dmy-words"),) if month else ()) + ((DMY_RE, "dmy"),):
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                facts.dates.append(DateFact(m.start(), m.end(), m.group(), int(m.group("d")),
                                            int(m.group("m")), int(m.group("y")), kind))
                claim(m.start(), m.end())
    for m in (MY_RE.finditer(text) if month else ()):
        if free(m.start(), m.end()):
            facts.dates.append(DateFact(m.start(), m.end(), m.group(), None, int(m.group("m")),
                                        int(m.group("y")), "my"))
            claim(m.start(), m.end())

    dash = "-" in text or "–" in text or "—" in text  # YEAR_RANGE_RE needs one
    for m in (YEAR_RANGE_RE.finditer(text) if dash else ()):
        if free(m.start(), m.end()):
            facts.ranges.append(YearRange(m.start(), m.end(), m.group(), int(m.group("a")), int(m.group("b"))))
            claim(m.start(), m.end())

    for m in (SHIFT_RE.finditer(text) if slash else ()):
        if free(m.start(), m.end()):
            facts.shifts.append(Span(m.start(), m.end(), m.group()))
            claim(m.start(), m.end())

    for m in (SLASH_RE.finditer(text) if slash else ()):
        if free(m.start(), m.end()):
            _slash(text, m, facts, claim)

    # The numbers claim nothing: a later number starts after the "%" or unit-less end of an earlier
    # one (matches do not overlap and "%"/" %" are no digits), so only the claims above can hide it.
    percents, quantities = facts.percents, facts.quantities
    claimed = free if taken.starts else None
    for m in NUMBER_RE.finditer(text):
        s, e = m.span()
        if claimed is not None and not claimed(s, e):
            continue
        try:
            number = number_at(text, s, e)
        except ValueError:  # digits of another script Babel cannot group: not a figure we can check
            continue
        after = text[e:e + 2]
        if after[:1] == "%" or after == " %":
            end = e + (1 if after[:1] == "%" else 2)
            percents.append(Percent(s, end, text[s:end], number))
            continue
        quantities.append(_quantity(text, number))

    facts.dates.sort(key=lambda d: d.start)
    return facts


class _Claims:
    """Claimed spans as disjoint sorted intervals: ``free`` and ``claim`` in O(log n) (+ a memmove),
    so a 1 MB paragraph with 100.000 figures stays linear (a plain list scan was quadratic)."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, e) - 1  # the last interval starting before e
        return i < 0 or self.ends[i] <= s

    def claim(self, s: int, e: int) -> None:
        lo = bisect_left(self.ends, s)  # first interval that ends at or after s: may touch/overlap
        hi = bisect_right(self.starts, e)  # intervals from lo to hi-1 touch or overlap [s, e]
        if lo < hi:
            s = min(s, self.starts[lo])
            e = max(e, self.ends[hi - 1])
        self.starts[lo:hi] = [s]
        self.ends[lo:hi] = [e]


def _quantity(text: str, number: Number) -> Quantity:
    found = measured_unit_at(text, number.end) or counted_noun_at(text, number.end)
    if not found:
        return Quantity(number, None, "", number.end)
    unit, s, e = found
    return Quantity(number, unit, text[s:e], e)


def _slash(text: str, m: regex.Match, facts: UnitFacts, claim) -> None:
    """Tell apart "15/17 xã" (fraction), "389 hộ/1.709 khẩu" (pair) and "10/8" (date)."""
    try:
        a = number_at(text, m.start("a"), m.end("a"))
        b = number_at(text, m.start("b"), m.end("b"))
    except ValueError:
        return
    left = _quantity(text, a) if m.group("ua") else Quantity(a, None, "", a.end)
    right = _quantity(text, b)
    if left.unit is not None and right.unit is not None and left.unit.dimension != right.unit.dimension:
        facts.pairs.append(Pair(m.start(), right.end, text[m.start():right.end], left, right))
        claim(m.start(), right.end)
        return
    is_plain = left.unit is None and not is_known_unit(right.unit) and "," not in a.text + b.text \
        and "." not in a.text + b.text
    # "ngày 30/2 tổ chức": right after "ngày" a plain d/m is a date even before a counted noun
    after_ngay = left.unit is None and "," not in a.text + b.text and "." not in a.text + b.text \
        and _NGAY_BEFORE.search(text[max(0, m.start() - 8):m.start()])
    if (is_plain or after_ngay) and _reads_as_day_month(text, m.start(), int(a.value), int(b.value)):
        facts.dates.append(DateFact(m.start(), b.end, text[m.start():b.end], int(a.value), int(b.value),
                                    None, "dm"))
        claim(m.start(), b.end)
        return
    end = right.end if is_known_unit(right.unit) else m.end()
    facts.fractions.append(Fraction(m.start(), end, text[m.start():end], left, right))
    claim(m.start(), end)


def _reads_as_day_month(text: str, start: int, day: int, month: int) -> bool:
    """A bare d/m with no unit after it: a date unless the words before make it a ratio."""
    before = text[max(0, start - 25):start]
    if not (1 <= month <= 12 and 1 <= day <= 31) and not DATE_CUES.search(before):
        return False
    if DATE_CUES.search(before):
        return True
    return not FRACTION_CUES.search(before)


__all__ = [
    "extract", "has_digit", "UnitFacts", "DocRef", "DateFact", "YearRange", "Fraction", "Pair", "Percent",
    "Quantity", "Span",
]
