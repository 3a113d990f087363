"""Indicators: a figure plus the words around it (subject, unit of measure, period, kind).

kind:
  cumulative  "lũy kế", "từ đầu năm … đến nay", "tính đến … đã …", "tổng số … đến nay"
  earlier     a figure quoted for an earlier period ("tháng trước: 1.200 hồ sơ", "(cùng kỳ: 85%)")
  plan        a plan target ("kế hoạch năm 2026 là 1.000 hồ sơ", "chỉ tiêu giao: 95%")
  current     everything else (the figure of the period)

Only figures with a unit of measure, a counted noun or a percent become indicators; a
subject needs at least two content words. Keys are compared exactly: when in doubt, no match.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

import regex

from ..context import sentence_context
from ..extract.figures import extract
from ..model import Document, Location, TextUnit
from .normalize import words

# function words and verbs that carry no identity of the indicator
STOP = frozenset(
    """đã được là có với của và các những trong trên tại cho đến từ nay tính đạt chiếm tổng số lượng
    toàn gồm như sau cụ thể đó này khoảng hơn gần trên dưới thì mà để về bằng theo so tăng giảm
    thời điểm báo cáo hiện kỳ tháng quý năm đầu trước ngày lũy luỹ kế lượt tỷ lệ tỉ cùng""".split())
STOP_KEYS = frozenset(words(" ".join(STOP)))
SENTENCE_END = regex.compile(r"(?<!\d)\.(?=\s|$)|[!?]|\n|\.\s*$")
LEFT_STOP = regex.compile(r"[,;:()\[\]]")
RIGHT_STOP = regex.compile(r"[,;:().\[\]]|\s(?:đạt|chiếm|tăng|giảm|so với|trong đó|bằng|gồm)(?!\p{L})")

STRONG_CUM = regex.compile(r"lũy kế|luỹ kế|(?:từ|tính từ)\s+đầu\s+năm", regex.IGNORECASE)
WEAK_CUM = regex.compile(r"tính đến|đến nay|đến thời điểm|đến hết|tổng số\b.{0,120}\bđến nay", regex.IGNORECASE)
NOT_CUM = regex.compile(r"(?<!\p{L})(?:trong tháng|trong quý|trong kỳ|trong tuần|đang|còn|hiện có|tồn|dư nợ)(?!\p{L})",
                        regex.IGNORECASE)
DONE = regex.compile(r"(?<!\p{L})đã(?!\p{L})", regex.IGNORECASE)
PLAN_CUE = regex.compile(
    r"(?:kế hoạch|chỉ tiêu)(?:\s+(?:năm|giao|được giao|đề ra|đặt ra|cả năm))*(?:\s+(?:19|20)\d{2})?"
    r"(?:\s+(?:giao|được giao|đề ra))?\s*(?:là|:)?\s*$", regex.IGNORECASE)
EARLIER_CUE = regex.compile(
    r"(?P<cue>tháng trước|kỳ trước|quý trước|cùng kỳ(?:\s+năm\s+(?:trước|(?:19|20)\d{2}))?"
    r"|(?:so với|\()\s*tháng\s+(?P<m>\d{1,2})(?:\s*/\s*|\s+năm\s+)?(?P<y>(?:19|20)\d{2})?)"
    r"\s*\(?\s*(?:là|đạt|có|:)?\s*$", regex.IGNORECASE)
TOTAL = regex.compile(r"tổng số", regex.IGNORECASE)
CLAUSE_END = regex.compile(r"[;:]")
ADJUSTED = regex.compile(r"điều chỉnh", regex.IGNORECASE)


@dataclass(frozen=True)
class Indicator:
    unit: TextUnit
    start: int  # figure span in unit.ntext
    end: int
    value: Decimal  # in the base unit of its dimension
    shown: str  # "2.313 thủ tục", as written
    measure: str  # "count:thủ tục", "money", "%"
    subject: tuple[str, ...]
    kind: str  # cumulative | earlier | plan | current
    earlier: str = ""  # the earlier-period cue ("tháng trước", "tháng 02/2026")
    earlier_month: Optional[tuple[int, Optional[int]]] = None
    adjusted: bool = False
    subject_text: str = ""  # the words the subject was read from, as written
    of_kind: str = ""  # earlier quotes: kind of the figure they are quoted next to

    @property
    def key(self) -> tuple:
        return (self.kind, self.measure, self.subject)

    def sentence(self) -> str:
        return sentence_context(self.unit, self.start, self.end)


def content(text: str, drop: frozenset = frozenset()) -> tuple[str, ...]:
    return tuple(w for w in words(text) if w not in STOP_KEYS and w not in drop and not w[0].isdigit())


def _figures(text: str):
    facts = extract(text)
    out = []
    for q in facts.quantities:
        if q.unit is None:
            continue
        measure = q.unit.dimension
        out.append((q.number.start, q.end, q.value * q.unit.factor, text[q.number.start:q.end], measure))
    for p in facts.percents:
        out.append((p.start, p.end, p.number.value, p.text, "%"))
    spans = sorted([(s.start, s.end) for s in facts.dates + facts.refs + facts.ranges + facts.fractions + facts.pairs]
                   + [(f[0], f[1]) for f in out] + [(q.number.start, q.end) for q in facts.quantities])
    return sorted(out), spans


def unit_indicators(unit: TextUnit, drop: frozenset = frozenset()) -> list[Indicator]:
    text = unit.ntext
    figures, spans = _figures(text)
    found: list[Indicator] = []
    for start, end, value, shown, measure in figures:
        s_start = 0
        for m in SENTENCE_END.finditer(text, 0, start):
            s_start = m.end()
        before = text[s_start:start]
        left_from = s_start
        for m in LEFT_STOP.finditer(text, s_start, start):
            left_from = m.end()
        for a, b in spans:
            if left_from < b <= start:
                left_from = b
        r = RIGHT_STOP.search(text, end)
        right_to = r.start() if r else len(text)
        for a, b in spans:
            if end <= a < right_to:
                right_to = a
        left = text[left_from:start]
        right = " ".join(text[end:right_to].split()[:6])
        kind, earlier, month = "current", "", None
        em = EARLIER_CUE.search(text[max(s_start, start - 60):start])
        if em:
            kind, earlier = "earlier", em.group("cue")
            if em.group("m"):
                month = (int(em.group("m")), int(em.group("y")) if em.group("y") else None)
            left = text[left_from:start - len(em.group())] if left_from <= start - len(em.group()) else ""
        elif PLAN_CUE.search(text[max(s_start, start - 50):start]):
            kind = "plan"
            cue = PLAN_CUE.search(text[max(s_start, start - 50):start])
            if not content(text[left_from:start - len(cue.group())], drop):
                # "Cây lúa vụ Đông Xuân, kế hoạch 1.998 ha": the subject is the clause before the cue
                back = s_start
                for m in LEFT_STOP.finditer(text, s_start, max(s_start, left_from - 1)):
                    back = m.end()
                left = text[back:start - len(cue.group())]
        elif STRONG_CUM.search(before) or (WEAK_CUM.search(before) and (DONE.search(left) or TOTAL.search(before))):
            clause = text[max([s_start] + [m.end() for m in CLAUSE_END.finditer(text, s_start, start)]):start]
            if not NOT_CUM.search(clause):
                kind = "cumulative"
        subject = content(left + " " + right, drop)
        subject_text = " ".join((left + " … " + right).split()).strip(" …")
        of_kind = ""
        if kind == "earlier" and len(subject) < 2:
            # "đạt 90,11% (tháng trước: 88,5%)": the quote takes the subject of the figure it follows
            prev = [f for f in found if f.measure == measure and f.kind != "earlier" and f.start >= s_start]
            if prev:
                subject, subject_text, of_kind = prev[-1].subject, prev[-1].subject_text, prev[-1].kind
        if len(subject) < 2:
            continue
        found.append(Indicator(unit, start, end, value, shown, measure, subject, kind, earlier, month,
                               bool(ADJUSTED.search(text[s_start:right_to + 200])), subject_text, of_kind))
    return found


def document_indicators(doc: Document, skip_from: Optional[int] = None,
                        drop: frozenset = frozenset()) -> list[Indicator]:
    """Indicators of a document; units from ``skip_from`` on (the next-period part) are left out."""
    out: list[Indicator] = []
    for unit in doc.units():
        if skip_from is not None and unit.index >= skip_from:
            break
        if unit.ntext.startswith("---- footnotes"):
            break
        out.extend(unit_indicators(unit, drop))
    return out


def unique_index(indicators: list[Indicator]) -> dict[tuple, Indicator]:
    """Indicators whose key occurs once in the document (ambiguous keys dropped)."""
    counts: dict[tuple, list[Indicator]] = {}
    for ind in indicators:
        counts.setdefault(ind.key, []).append(ind)
    return {k: v[0] for k, v in counts.items() if len(v) == 1}


def located(unit: TextUnit, start: int, end: int, path: str) -> Location:
    """A location in another report: its label names the file."""
    loc = unit.location(start, end)
    name = path.replace("\\", "/").rsplit("/", 1)[-1] if path else ""
    return loc.model_copy(update={"label": f"{name} — {loc.label}" if name else loc.label})
