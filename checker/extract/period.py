"""The reporting period of a document, read from its title and headings.

"KINH TẾ - XÃ HỘI ... THÁNG 01" (year from the next lines: "tháng đầu năm 2021"),
"Kết quả ... tháng 6 năm 2021", "6 THÁNG ĐẦU NĂM 2021", "QUÝ II NĂM 2021", "NĂM 2025".
Also the "next period" headings ("NHIỆM VỤ TRỌNG TÂM THÁNG 02") and the signing date
of the report ("Lâm Đồng, ngày 24 tháng 11 năm 2025"; the day may be left blank).
A period is only taken from a title that reads as a report of results (BÁO CÁO, ĐÁNH GIÁ,
KẾT QUẢ, TÌNH HÌNH, TỔNG KẾT, SƠ KẾT); plans and notices have no reporting period.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional, Sequence

import regex

from ..structure import heading_number

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}

_YEAR = r"(?:\s*(?:,\s*)?(?:năm\s+|/\s*)(?P<y>(?:19|20)\d{2}))?"
PERIOD_RE = regex.compile(
    r"(?P<half>6\s+tháng\s+(?P<hw>đầu|cuối)\s+năm)" + r"(?:\s+(?P<hy>(?:19|20)\d{2}))?"
    r"|(?P<nine>9\s+tháng(?:\s+đầu)?\s+năm)(?:\s+(?P<ny>(?:19|20)\d{2}))?"
    r"|(?<!\p{L})quý\s+(?P<q>IV|I{1,3}|[1-4])(?![\p{L}\d])" + _YEAR.replace("P<y>", "P<qy>")
    + r"|(?<!\p{L})tháng\s+(?P<m>\d{1,2})(?:" + _YEAR.replace("P<y>", "P<my>")[3:-2] + r"|(?![\d/]|[.,]\d))(?![\d/])"
    r"|(?<!\p{L})(?<!tháng\s)(?<!đầu\s)năm\s+(?P<yy>(?:19|20)\d{2})(?![\d/])",
    regex.IGNORECASE,
)
REPORT_CUE = regex.compile(r"BÁO CÁO|ĐÁNH GIÁ|KẾT QUẢ|TÌNH HÌNH|TỔNG KẾT|SƠ KẾT", regex.IGNORECASE)
NEXT_CUE = regex.compile(r"NHIỆM VỤ|PHƯƠNG HƯỚNG|CÔNG TÁC TRỌNG TÂM", regex.IGNORECASE)
# after a report cue ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 6") the next period must be joined by "VÀ";
# "Kết quả năm 2023; Kế hoạch … năm 2024": a plan joined the same way is the next period too
JOINED_NEXT_CUE = regex.compile(
    r"(?:(?<!\p{L})VÀ|[,;])\s*(?:MỘT SỐ\s+)?(?:PHƯƠNG HƯỚNG|NHIỆM VỤ|CÔNG TÁC TRỌNG TÂM|KẾ HOẠCH)", regex.IGNORECASE)
DONE_WORD = regex.compile(r"(?<!\p{L})(?:đã|được)(?!\p{L})", regex.IGNORECASE)
YEAR_NEAR = regex.compile(r"(?<!\p{L})năm\s+((?:19|20)\d{2})(?![\d/])", regex.IGNORECASE)
# a place name: "Lâm Đồng", "Quận 11", "Phan Rang-Tháp Chàm", "Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"
_PLACE_WORD = r"[\p{Lu}][\p{L}.]*(?:-[\p{Lu}][\p{L}.]*)*"
_PLACE = _PLACE_WORD + r"(?:\s+(?:" + _PLACE_WORD + r"|\d{1,3}|phố|xã|thị|trấn|[-–])){0,5}"
SIGNED_RE = regex.compile(  # "Lâm Đồng, ngày 24 tháng 11 năm 2025" at a line start, after a TAB or the motto
    r"(?:^|\t|Hạnh\s+phúc\s*[-–—]*\s*)\s*" + _PLACE + r"\s*,\s*"
    r"ngày\s*(?P<d>\d{1,2})?[\s.…_]*tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d{2})")
TITLE_UNITS = 30  # the title is looked for among the first units only
MAX_TITLE_LEN = 260


@dataclass(frozen=True)
class Period:
    kind: str  # "month" | "quarter" | "half" | "nine" | "year"
    year: int
    index: int  # month 1-12, quarter 1-4, half 1-2; 0 for nine/year
    start: date
    end: date
    text: str = ""  # as found

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"tháng {self.index:02d}/{self.year}"
        if self.kind == "quarter":
            return f"quý {'I II III IV'.split()[self.index - 1]}/{self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if self.kind == "nine":
            return f"9 tháng đầu năm {self.year}"
        return f"năm {self.year}"


@dataclass(frozen=True)
class PeriodMention:
    """A period expression in a text, the year possibly missing ("THÁNG 02")."""

    kind: str
    index: int
    year: Optional[int]
    start: int
    end: int
    text: str

    def resolve(self, year: int) -> Period:
        return make_period(self.kind, self.index, self.year or year, self.text)


@dataclass(frozen=True)
class NextHeading:
    unit_index: int
    mention: PeriodMention
    period: Period


@dataclass(frozen=True)
class ReportPeriod:
    period: Optional[Period]
    unit_index: Optional[int]  # where the period was read (None: from settings)
    next_headings: tuple[NextHeading, ...] = ()
    signed: Optional[date] = None  # signing date; day unknown -> last day of the month
    signed_exact: bool = False

    @property
    def next_start(self) -> Optional[int]:
        """Index of the first unit of the next-period part (None when there is none)."""
        return self.next_headings[0].unit_index if self.next_headings else None


def make_period(kind: str, index: int, year: int, text: str = "") -> Period:
    if kind == "month":
        start = date(year, index, 1)
        end = date(year, index, calendar.monthrange(year, index)[1])
    elif kind == "quarter":
        start = date(year, 3 * index - 2, 1)
        end = date(year, 3 * index, calendar.monthrange(year, 3 * index)[1])
    elif kind == "half":
        start = date(year, 1 if index == 1 else 7, 1)
        end = date(year, 6, 30) if index == 1 else date(year, 12, 31)
    elif kind == "nine":
        start, end = date(year, 1, 1), date(year, 9, 30)
    else:
        start, end = date(year, 1, 1), date(year, 12, 31)
    return Period(kind, year, index, start, end, text)


def mentions(text: str) -> list[PeriodMention]:
    """Every period expression in ``text`` (NFC), in order."""
    found = []
    for m in PERIOD_RE.finditer(text):
        if m.group("half"):
            found.append(PeriodMention("half", 1 if m.group("hw").lower() == "đầu" else 2,
                                       _int(m.group("hy")), m.start(), m.end(), m.group()))
        elif m.group("nine"):
            found.append(PeriodMention("nine", 0, _int(m.group("ny")), m.start(), m.end(), m.group()))
        elif m.group("q"):
            q = m.group("q").upper()
            found.append(PeriodMention("quarter", ROMAN.get(q) or int(q), _int(m.group("qy")),
                                       m.start(), m.end(), m.group()))
        elif m.group("m"):
            month = int(m.group("m"))
            if 1 <= month <= 12:
                found.append(PeriodMention("month", month, _int(m.group("my")), m.start(), m.end(), m.group()))
        else:
            found.append(PeriodMention("year", 0, int(m.group("yy")), m.start(), m.end(), m.group()))
    return found


def parse_period(text: str) -> Optional[Period]:
    """A period written by the user ("tháng 6/2021", "quý II năm 2021", "năm 2021")."""
    for mention in mentions(text or ""):
        if mention.year is not None:
            return mention.resolve(mention.year)
    return None


def _int(s: Optional[str]) -> Optional[int]:
    return int(s) if s else None


def _is_heading_like(text: str, heading_level: Optional[int]) -> bool:
    t = text.strip()
    if not t or len(t) > MAX_TITLE_LEN:
        return False
    if heading_level:
        return True
    letters = [c for c in t if c.isalpha()]
    if len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.7 * len(letters):
        return True
    return bool(heading_number(t))


def _signed_date(texts: Sequence[str]) -> tuple[Optional[date], bool]:
    for t in texts[:TITLE_UNITS]:
        m = SIGNED_RE.search(t)
        if not m:
            continue
        y, mo = int(m.group("y")), int(m.group("m"))
        if not 1 <= mo <= 12:
            continue
        last = calendar.monthrange(y, mo)[1]
        if m.group("d") and 1 <= int(m.group("d")) <= last:
            return date(y, mo, int(m.group("d"))), True
        return date(y, mo, last), False
    return None, False


def detect(texts: Sequence[str], heading_levels: Sequence[Optional[int]] = (),
           override: Optional[str] = None) -> ReportPeriod:
    """The report period of a document given the NFC text of its units in reading order."""
    levels = list(heading_levels) + [None] * (len(texts) - len(heading_levels))
    signed, exact = _signed_date(texts)
    period: Optional[Period] = None
    where: Optional[int] = None
    title_end = -1
    if override:
        period = parse_period(override)
    if period is None:
        period, where, title_end = _title_period(texts, levels, signed)
    headings: list[NextHeading] = []
    if period is not None:
        for i, text in enumerate(texts):
            if i <= title_end or not _is_heading_like(text, levels[i]):
                continue
            cue = NEXT_CUE.search(text)
            if not cue:
                continue
            if REPORT_CUE.search(text, 0, cue.start()):
                cue = JOINED_NEXT_CUE.search(text)
                if not cue:
                    continue
            label = heading_number(text)
            body_start = text.find(label) + len(label) if label else 0
            if cue.start() - body_start > 40 or len(text) > 160:
                continue  # a numbered task that mentions "nhiệm vụ", not a section heading
            after = [m for m in mentions(text) if m.start > cue.start()]
            if not after or after[0].start - cue.end() > 40 or regex.search(r"[.;:]", text[cue.end():after[0].start]):
                continue
            if DONE_WORD.search(text, cue.end(), after[0].start):
                continue  # "NHIỆM VỤ ĐÃ THỰC HIỆN TRONG THÁNG 02": the results, not the next period
            mention = after[0]
            if not _is_section_heading(text, levels[i], label, mention):
                continue
            year = mention.year or _next_year(period, mention)
            headings.append(NextHeading(i, mention, mention.resolve(year)))
    return ReportPeriod(period, where, tuple(headings), signed, exact)


def _is_section_heading(text: str, level: Optional[int], label: Optional[str], mention: PeriodMention) -> bool:
    """"II. NHIỆM VỤ TRỌNG TÂM THÁNG 7", not "2. Nhiệm vụ tháng 3: tổ chức giao quân." (a task)."""
    letters = [c for c in text if c.isalpha()]
    if level or (letters and sum(c.isupper() for c in letters) >= 0.7 * len(letters)):
        return True
    if label and (label.startswith("Phần") or regex.fullmatch(r"[IVXLC]+", label)):
        return True
    return len(text) <= 100 and not regex.search(r"[.;:]\s*\S", text[mention.end:])


def _next_year(period: Period, mention: PeriodMention) -> int:
    """Year of a next-period heading written without one ("THÁNG 01" after "THÁNG 12/2021")."""
    if mention.kind == "month" and period.kind == "month" and mention.index < period.index:
        return period.year + 1
    if mention.kind == "quarter" and period.kind == "quarter" and mention.index < period.index:
        return period.year + 1
    return period.year


DOC_TYPE_RE = regex.compile(
    r"^\s*(?P<t>BÁO CÁO|KẾ HOẠCH|THÔNG BÁO|THAM LUẬN|CHƯƠNG TRÌNH|QUYẾT ĐỊNH|TỜ TRÌNH|ĐỀ ÁN|"
    r"CÔNG VĂN|NGHỊ QUYẾT|CHỈ THỊ|HƯỚNG DẪN|TÓM TẮT)\b")
HEADER_RE = regex.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập|^\s*Số\s*:|^\s*V/v", regex.IGNORECASE)


def _title_period(texts, levels, signed) -> tuple[Optional[Period], Optional[int], int]:
    """Look for the report period in the title block among the first units."""
    limit = min(len(texts), TITLE_UNITS)
    for i in range(limit):
        t = texts[i].strip()
        m = DOC_TYPE_RE.match(t)
        if m and t.isupper() or (m and len(t) <= 20):
            if m.group("t") not in {"BÁO CÁO", "TÓM TẮT"}:
                return None, None, -1  # a plan, a notice...: no reporting period
            break
    i = 0
    while i < limit:
        text = texts[i].strip()
        if HEADER_RE.search(text) or SIGNED_RE.search(text) or not text:
            i += 1
            continue
        number = heading_number(text)
        if number and number != "Phần thứ nhất" and not number.startswith("Phần"):
            break  # the body has begun
        follows_bao_cao = i > 0 and texts[i - 1].strip().upper().startswith("BÁO CÁO")
        titled = (len(text) <= MAX_TITLE_LEN and regex.match(r"(?:Báo cáo|BÁO CÁO)\s", text)
                  and not regex.search(r"số\s*\d|\d/\S*[A-ZĐ]", text))  # not "Báo cáo số 12/BC-UBND ..."
        if not (_is_heading_like(text, levels[i]) or follows_bao_cao or titled):
            i += 1
            continue
        j, block = i, []
        while j < limit and len(block) < 4 and (j == i or _is_heading_like(texts[j], levels[j])):
            if heading_number(texts[j]) and j > i and not texts[j].lstrip().startswith("Phần"):
                break
            block.append(texts[j].strip())
            j += 1
        joined = " ".join(b for b in block if b)
        if follows_bao_cao:
            joined = "BÁO CÁO " + joined
        found = _period_in_title(joined, texts[j:j + 3], signed)
        if found is not None:
            return found, i, j - 1
        i = max(j, i + 1)
    return None, None, -1


# multi-year reviews ("tổng kết 10 năm thực hiện ...", "giai đoạn 2016 - 2020") have no single period
MULTI_YEAR = regex.compile(r"\d+\s+năm\s+(?:thực hiện|thi hành|triển khai)|giai đoạn|(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}",
                           regex.IGNORECASE)
# "thực hiện Nghị quyết số 15 năm 2012": the year of a cited document, not the period
CITED_YEAR = regex.compile(r"(?:Nghị quyết|Luật|Chỉ thị|Kết luận|Nghị định|Thông tư|Pháp lệnh|số)(?:\s+\S+){0,3}\s*$",
                           regex.IGNORECASE)


def _period_in_title(title: str, following: Sequence[str], signed: Optional[date]) -> Optional[Period]:
    cue = REPORT_CUE.search(title)
    if not cue or MULTI_YEAR.search(title):
        return None
    nxt = JOINED_NEXT_CUE.search(title, cue.end())
    for mention in mentions(title):
        if mention.start < cue.start():
            continue
        if nxt is not None and mention.start > nxt.start():
            break
        if mention.kind == "year" and CITED_YEAR.search(title[max(0, mention.start - 40):mention.start]):
            continue
        year = mention.year if mention.year is not None else _year_for(mention, [title[mention.end:]] + list(following),
                                                                          signed)
        if year is None:
            continue
        period = mention.resolve(year)
        if signed is not None and (signed < period.start or (signed - period.end).days > 400):
            return None  # signed before the period began or over a year after: not a report of it
        return period
    return None


def _year_for(mention: PeriodMention, following: Sequence[str], signed: Optional[date]) -> Optional[int]:
    """The year of "THÁNG 01": from the next lines ("tháng đầu năm 2021") or the signing date."""
    for text in following:
        m = YEAR_NEAR.search(text[:300])
        if m:
            return int(m.group(1))
    if signed is not None:
        if mention.kind == "month" and mention.index > signed.month:
            return signed.year - 1
        return signed.year
    return None


def next_period(period: Period) -> Period:
    """The period of the same kind right after ("tháng 12/2021" -> "tháng 01/2022"; 9 tháng -> quý IV)."""
    y = period.year
    if period.kind == "month":
        return make_period("month", 1, y + 1) if period.index == 12 else make_period("month", period.index + 1, y)
    if period.kind == "quarter":
        return make_period("quarter", 1, y + 1) if period.index == 4 else make_period("quarter", period.index + 1, y)
    if period.kind == "half":
        return make_period("half", 1, y + 1) if period.index == 2 else make_period("half", 2, y)
    if period.kind == "nine":
        return make_period("quarter", 4, y)
    return make_period("year", 0, y + 1)


def day_after(period: Period) -> date:
    return period.end + timedelta(days=1)


__all__ = ["Period", "PeriodMention", "ReportPeriod", "NextHeading", "detect", "mentions", "parse_period",
           "make_period", "next_period", "day_after"]
