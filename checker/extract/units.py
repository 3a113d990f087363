"""Units of measure and counted nouns as written in Vietnamese reports.

Measured units convert within a dimension (ha <-> m², tấn <-> tạ <-> kg,
triệu đồng <-> tỷ đồng); counted nouns ("06 xã", "04 dự án") only compare to the
same noun.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex


@dataclass(frozen=True, slots=True)
class Unit:
    canonical: str  # the spelling we normalise to, e.g. "ha", "m²", "triệu đồng"
    dimension: str  # "area", "mass", "money", "length", "time", or "count:<noun>"
    factor: Decimal  # multiplier to the dimension's base unit

    @property
    def is_count(self) -> bool:
        return self.dimension.startswith("count:")


def _u(canonical: str, dimension: str, factor: str | int) -> Unit:
    return Unit(canonical, dimension, Decimal(str(factor)))


# spelling (lower case) -> unit. Longer spellings are tried first.
MEASURED: dict[str, Unit] = {
    "ha": _u("ha", "area", 10000), "héc ta": _u("ha", "area", 10000), "hécta": _u("ha", "area", 10000),
    "hecta": _u("ha", "area", 10000), "héc-ta": _u("ha", "area", 10000),
    "m2": _u("m²", "area", 1), "m²": _u("m²", "area", 1), "km2": _u("km²", "area", 10**6),
    "km²": _u("km²", "area", 10**6),
    "tấn": _u("tấn", "mass", 1000), "tạ": _u("tạ", "mass", 100), "yến": _u("yến", "mass", 10),
    "kg": _u("kg", "mass", 1),
    "km": _u("km", "length", 1000), "m": _u("m", "length", 1),
    "đồng": _u("đồng", "money", 1), "nghìn đồng": _u("nghìn đồng", "money", 1000),
    "ngàn đồng": _u("nghìn đồng", "money", 1000), "triệu đồng": _u("triệu đồng", "money", 10**6),
    "tỷ đồng": _u("tỷ đồng", "money", 10**9), "tỉ đồng": _u("tỷ đồng", "money", 10**9),
    "nghìn tỷ đồng": _u("nghìn tỷ đồng", "money", 10**12),
    "usd": _u("USD", "usd", 1), "triệu usd": _u("triệu USD", "usd", 10**6),
    "tỷ usd": _u("tỷ USD", "usd", 10**9),
    "giờ": _u("giờ", "time", 60), "phút": _u("phút", "time", 1),
    "tạ/ha": _u("tạ/ha", "yield", 100), "tấn/ha": _u("tấn/ha", "yield", 1000),
}

# Counted nouns that take more than one syllable; any other word after a number is
# taken as a one-syllable noun ("06 xã", "39 con").
COUNT_NOUNS = (
    "lượt người", "lượt khách", "học viên", "dự án", "đơn vị", "trường hợp", "đối tượng", "sản phẩm",
    "văn bản", "hồ sơ", "thuê bao", "cán bộ", "công chức", "viên chức", "doanh nghiệp", "cơ sở",
    "thủ tục", "gia súc", "gia cầm", "thị trấn", "trẻ em", "giấy chứng nhận", "chuyên mục",
    "công trình", "hợp tác xã", "học sinh", "giáo viên", "bệnh nhân", "vụ việc", "đơn thư",
    "công dân", "lao động", "nhân khẩu", "biên chế", "tổ chức", "cơ quan", "phường", "đặc khu",
    "bản tin", "chương trình", "mô hình", "lớp học", "phòng học", "điểm trường", "đề án",
    "kế hoạch", "quyết định", "nghị quyết", "tin bài", "người nghiện", "người dân", "hộ gia đình",
    "hộ nghèo", "hộ cận nghèo", "xe mô tô", "xe ô tô", "con trâu", "con bò", "con nghé", "con bê",
    "con lợn", "chỉ tiêu", "tiêu chí", "nhiệm vụ", "điểm dân cư",
)

_MEASURED_RE = regex.compile(
    r"\s?(" + "|".join(regex.escape(k) for k in sorted(MEASURED, key=len, reverse=True)) + r")(?![\p{L}\d])",
    regex.IGNORECASE,
)
_COUNT_RE = regex.compile(
    r"\s(" + "|".join(regex.escape(k) for k in sorted(COUNT_NOUNS, key=len, reverse=True))
    + r"|\p{Ll}+"
    # a counted noun written as a capital abbreviation ("11.946 TTHC", "25 DN", "12 HTX"), not the
    # start of a symbol ("12 UBND-VP", "5 TTHC/ngày")
    + r"|\p{Lu}{2,6}(?![/\-–]\s*[\p{L}\d]))(?![\p{L}\d])"
)
# Capital words after a number that are not what it counts: Roman numerals ("Phần 2 II"), plan
# ("đạt 5 KH"), bodies, places and document types written after a figure, indices.
_ROMAN_RE = regex.compile(r"[IVXLC]+")
# the two words before the number are in capitals too: a heading typed in capitals ("NHIỆM VỤ NĂM
# 2026 TỈNH …"); one capital word before is often the abbreviation of the figure before ("12 HTX, 3 CSGD")
_CAPS_WORD_BEFORE_RE = regex.compile(r"(?<!\p{L})\p{Lu}{2,}\s+\p{Lu}{2,}[\s:,(]*\d[\d.,]*$")
NOT_ABBREVIATIONS = frozenset("""KH TW CP VN TP HCM ĐVT GDP CPI GRDP COVID BC QĐ NQ NĐ CT TT KL HD CV TB
UBND HĐND MTTQ ĐU HU TU BCH BTV TTg AM PM""".split())
# Words that follow a number without being what it counts.
NOT_NOUNS = frozenset("""và hoặc với của là có đã đang được trong trên dưới từ đến tới so theo tại cho
năm tháng ngày quý tuần lần khi nếu thì mà để về bằng hơn gần khoảng trên
chiếm đạt tăng giảm""".split())  # verbs: "OM 18 chiếm 38,5%" names a variety, counts no "chiếm"


def measured_unit_at(text: str, pos: int) -> Optional[tuple[Unit, int, int]]:
    """A measured unit starting at ``pos`` (after a number): (unit, start, end)."""
    m = _MEASURED_RE.match(text, pos)
    if not m:
        return None
    spelled = m.group(1).lower()
    if spelled in ("m",) and text[m.end():m.end() + 1] in "²2":
        return None
    unit = MEASURED[spelled]
    # "tạ/ha" style yields are matched whole; a bare "m" only with a space or glued.
    return unit, m.start(1), m.end(1)


def _abbreviation_ok(text: str, pos: int, noun: str) -> bool:
    """A capital word after the number at ``pos`` read as a counted abbreviation ("25 DN")."""
    if noun in NOT_ABBREVIATIONS or noun.lower() in NOT_NOUNS or _ROMAN_RE.fullmatch(noun):
        return False
    return not _CAPS_WORD_BEFORE_RE.search(text, max(0, pos - 40), pos)


def counted_noun_at(text: str, pos: int) -> Optional[tuple[Unit, int, int]]:
    """A counted noun right after a number ("06 xã" -> xã)."""
    m = _COUNT_RE.match(text, pos)
    if not m:
        return None
    noun = m.group(1)
    if noun in NOT_NOUNS:
        return None
    if noun.isupper() and not _abbreviation_ok(text, pos, noun):
        return None
    return _count_unit(noun), m.start(1), m.end(1)


@lru_cache(maxsize=4096)
def _count_unit(noun: str) -> Unit:
    """One (immutable) Unit per counted noun, shared: a report counts "hộ" thousands of times."""
    return Unit(noun, f"count:{noun}", Decimal(1))


def unit_spelling(text: str) -> str:
    """The unit exactly as written (for the "same unit spelled two ways" rule)."""
    return text

# One-syllable nouns commonly counted in reports; with COUNT_NOUNS and the measured
# units they tell "15/17 xã" (a fraction) from "đến 10/8 hoàn thành" (a date).
KNOWN_SINGLE_NOUNS = frozenset("""xã hộ con người khẩu lượt buổi điểm đơn lớp bản thôn tổ trẻ vụ cây
lồng tin bài cặp xe phòng ban ngành trường huyện tỉnh liều lần cuộc đợt hội chiếc cái căn nhà bộ
em cháu ca mẫu tấm suất phần gói hồ đoàn khu làng ấp phường công ngày tháng""".split())


def is_known_unit(unit: Optional[Unit]) -> bool:
    if unit is None:
        return False
    if not unit.is_count:
        return True
    noun = unit.canonical
    return noun in COUNT_NOUNS or noun.split()[0] in KNOWN_SINGLE_NOUNS


# Nouns that count heads of livestock ("512 gia súc (lợn 440 con; …)").
_CON_TOTALS = frozenset({"gia súc", "gia cầm", "vật nuôi", "con"})


def head(unit: Unit) -> str:
    return unit.canonical.split()[0].lower()


def comparable(total: Optional[Unit], part: Optional[Unit]) -> bool:
    """Can ``part`` be a share of ``total``? Same dimension for measures; for counts the
    same noun or the same head word ("39 con" / "11 con trâu", "10.084 lượt người" / "1.569 lượt")."""
    if total is None or part is None:
        return False
    if not total.is_count or not part.is_count:
        return total.dimension == part.dimension
    if head(total) == head(part):
        return True
    return total.canonical.lower() in _CON_TOTALS and head(part) == "con"


def to_base(value, unit: Optional[Unit]):
    return value * (unit.factor if unit is not None else 1)
