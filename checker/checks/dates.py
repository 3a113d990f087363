"""Dates, terms, reporting period and commemorations (rules NT001-NT012).

Every check reads the dates the shared extractor found (``ctx.facts(unit).dates``,
``.ranges``), so "24/24h", "15/17 xã", "06 lớp/152 học viên" and "983/UBND-TNMT" are
never dates here. Checks stay quiet when they cannot be sure: no reporting period,
no year, no name for a commemoration -> no finding.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field

from ..context import CheckContext
from ..extract.figures import DateFact, YearRange
from ..extract.period import Period, ReportPeriod, detect, next_period
from ..findings import Finding
from ..ruleset import RuleSpec, default_rules_dir
from . import register

# ---------------------------------------------------------------- shared helpers

CLAUSE_BREAK = regex.compile(r"[;!?\n]|\.(?!\d)(?!\s*\d)|:\s")


CLAUSE_REACH = 600  # a clause is read at most this far each side: linear on a 1 MB line without breaks


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a span: between sentence breaks (";", "." not in a number)."""
    left = max(0, start - CLAUSE_REACH)
    for m in CLAUSE_BREAK.finditer(text, left, start):
        left = m.end()
    stop = min(len(text), end + CLAUSE_REACH)
    m = CLAUSE_BREAK.search(text, end, stop)
    return left, (m.start() if m else stop)


def fmt_date(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def report_period(ctx: CheckContext) -> ReportPeriod:
    """The reporting period of the document (cached for all rules of one run)."""
    rp = ctx.cache.get("dates.period")
    if rp is None:
        units = ctx.units()
        rp = detect([u.ntext for u in units], [u.heading_level for u in units], ctx.settings.period)
        ctx.cache["dates.period"] = rp
    return rp


def resolve_year(day: int, month: int, period: Period) -> Optional[date]:
    """A day-month without a year: the year that puts it nearest the reporting period."""
    best: Optional[tuple[int, date]] = None
    for y in (period.year - 1, period.year, period.year + 1):
        if day > calendar.monthrange(y, month)[1]:
            continue
        d = date(y, month, day)
        gap = 0 if period.start <= d <= period.end else min(abs((d - period.start).days),
                                                            abs((d - period.end).days))
        if best is None or gap < best[0]:
            best = (gap, d)
    return best[1] if best else None


def full_date(fact: DateFact, period: Optional[Period]) -> Optional[date]:
    if not fact.valid or fact.day is None or fact.month is None:
        return None
    if fact.year is not None:
        try:
            return date(fact.year, fact.month, fact.day)
        except ValueError:
            return None
    if period is None:
        return None
    return resolve_year(fact.day, fact.month, period)


# ---------------------------------------------------------------- NT001 impossible dates

DATE_LIST_SEP_RE = regex.compile(r"\s*(?:,|và)\s*(?:ngày\s*)?")
NUMBER_WORD_BEFORE_RE = regex.compile(r"số\s*$", regex.IGNORECASE)
MONTH_WORD_BEFORE_RE = regex.compile(r"(?<!\p{L})tháng\s+$", regex.IGNORECASE)

MONTH_DAYS = "tháng {m} có {n} ngày"


class ImpossibleDateParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # a d/m without a year is only judged when the word before makes it a date
    dm_cue: str = r"(?:ngày|các ngày|mùng|hôm)\s*$"


def _why_invalid(day: Optional[int], month: Optional[int], year: Optional[int]) -> Optional[str]:
    if month is not None and not 1 <= month <= 12:
        return f"không có tháng {month} (một năm có 12 tháng)"
    if day is None or month is None:
        return None
    if not 1 <= day <= 31:
        return f"không có ngày {day} (một tháng có nhiều nhất 31 ngày)"
    if month == 2 and day > 29 and year is None:
        return "tháng 2 có nhiều nhất 29 ngày"
    if month == 2 and day == 29 and year is not None and not calendar.isleap(year):
        return f"năm {year} không phải năm nhuận: tháng 2 có 28 ngày"
    limit = calendar.monthrange(year if year is not None else 2024, month)[1]
    if day > limit:
        return MONTH_DAYS.format(m=month, n=limit)
    return None


@register("impossible_date", ImpossibleDateParams)
def impossible_date(ctx: CheckContext, rule: RuleSpec, p: ImpossibleDateParams) -> Iterable[Finding]:
    """31/6/2021, 29/2/2021, tháng 13/2021; 31/6 after "ngày"; 29/2 when the period gives a non-leap year."""
    cue = regex.compile(p.dm_cue, regex.IGNORECASE)
    rp = report_period(ctx)
    for unit in ctx.units():
        facts = ctx.facts(unit)
        text = unit.ntext
        prev_end = -100
        for fact in facts.dates:
            before = text[max(0, fact.start - 12):fact.start]
            in_list = prev_end >= 0 and fact.start - prev_end <= 8 and DATE_LIST_SEP_RE.fullmatch(
                text[prev_end:fact.start] or "x")
            prev_end = fact.end if fact.valid else prev_end
            if NUMBER_WORD_BEFORE_RE.search(before):
                continue
            year = fact.year
            if fact.kind == "dm":
                if not (cue.search(before) or in_list):
                    continue
                if year is None and rp.period is not None and fact.day == 29 and fact.month == 2:
                    year = rp.period.year if rp.period.kind != "month" or rp.period.index <= 6 else None
            reason = _why_invalid(fact.day, fact.month, year)
            if reason is None:
                continue
            yield ctx.finding(rule, unit, fact.start, fact.end, reason=reason,
                              evidence={"date": fact.text, "reason": reason, "arithmetic": reason})


# ---------------------------------------------------------------- NT002 malformed list member

LIST_MEMBER = regex.compile(r"(?<![\d.,/])(?P<d>\d{1,2})(?P<sep>[,.])(?P<m>\d{1,2})(?![\d%]|[.,]\d|\s*%)")


@register("date_list_member")
def date_list_member(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """"các ngày 01/6, ngày 16/6, 26/6, 28,6": a member written with "," or "." instead of "/"."""
    from ..extract.units import counted_noun_at, is_known_unit, measured_unit_at

    for unit in ctx.units():
        dates = [d for d in ctx.facts(unit).dates if d.kind in ("dm", "dmy") and d.valid]
        if len(dates) < 2:
            continue
        text = unit.ntext
        for prev, last in zip(dates, dates[1:]):
            if not DATE_LIST_SEP_RE.fullmatch(text[prev.end:last.start]):
                continue
            m = LIST_MEMBER.match(text, last.end + _sep_len(text, last.end))
            if not m or m.start() == last.end:
                continue
            day, month = int(m.group("d")), int(m.group("m"))
            if not (1 <= day <= 31 and 1 <= month <= 12) or month != last.month:
                continue  # a list of one month's days: the odd member must be that month
            noun = counted_noun_at(text, m.end())
            if measured_unit_at(text, m.end()) or (noun and is_known_unit(noun[0])):
                continue
            fixed = f"{m.group('d')}/{m.group('m')}"
            yield ctx.finding(rule, unit, m.start(), m.end(), suggestion=f"Có lẽ là “{fixed}”", fixed=fixed,
                              evidence={"list": text[dates[0].start:m.end()], "member": m.group(),
                                        "arithmetic": f"danh sách ngày tháng {last.month}: "
                                                      f"{text[dates[0].start:m.end()]} → {fixed}"})


def _sep_len(text: str, pos: int) -> int:
    m = DATE_LIST_SEP_RE.match(text, pos)
    return m.end() - pos if m else 0


# ---------------------------------------------------------------- NT003 "tháng" + full date

@register("month_before_full_date")
def month_before_full_date(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """"hoàn thiện trong tháng 5/7/2021": "tháng" followed by day/month/year."""
    for unit in ctx.units():
        text = unit.ntext
        for fact in ctx.facts(unit).dates:
            if fact.kind != "dmy" or not fact.valid:
                continue
            m = MONTH_WORD_BEFORE_RE.search(text[max(0, fact.start - 10):fact.start])
            if not m:
                continue
            start = fact.start - (len(text[max(0, fact.start - 10):fact.start]) - m.start())
            yield ctx.finding(
                rule, unit, start, fact.end,
                suggestion=f"Ghi “ngày {fact.text}” hoặc “tháng {fact.month}/{fact.year}”",
                evidence={"written": text[start:fact.end],
                          "arithmetic": f"“{text[start:fact.end]}”: ngày {fact.day} tháng {fact.month} năm {fact.year}, "
                                        f"hay cả tháng {fact.month}/{fact.year}?"})


# ---------------------------------------------------------------- NT004-NT006 ranges and terms

TERM_WORD = regex.compile(
    r"(?P<w>nhiệm\s+kỳ|giai\s+đoạn|thời\s+kỳ|năm\s+học|niên\s+khóa|niên\s+khoá|niên\s+độ|khóa|khoá|vụ(?:\s+\p{L}+){1,2}?(?:\s+năm)?"
    r"|kế\s+hoạch(?:\s+\p{L}+){0,3}|chiến\s+lược|quy\s+hoạch|từ\s+năm|năm)\s*(?:\(\s*)?$", regex.IGNORECASE)


def _term_before(text: str, r: YearRange) -> Optional[regex.Match]:
    return TERM_WORD.search(text[max(0, r.start - 40):r.start])


def _year_ok(y: int) -> bool:
    return 1900 <= y <= 2100


@register("reversed_range")
def reversed_range(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """"nhiệm kỳ 2021 – 2020": a term or period whose last year is before its first."""
    for unit in ctx.units():
        text = unit.ntext
        for r in ctx.facts(unit).ranges:
            if not _year_ok(r.last) or r.last >= r.first:
                continue
            term = _term_before(text, r)
            if term is None or term.group("w").lower() == "năm":
                continue  # "so sánh năm 2021 - 2020" may be a comparison, not a range
            word = " ".join(term.group("w").split())
            yield ctx.finding(rule, unit, r.start, r.end, term=word,
                              evidence={"range": r.text, "arithmetic": f"{r.last} < {r.first}"})


class TermSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    pattern: str  # matched (case-insensitive) against the text right before the range
    years: int = Field(ge=1, le=20)
    irregular: list[str] = Field(default_factory=list)  # real terms of another length, "2007-2011"


class TermLengthParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    terms: list[TermSpec] = Field(default_factory=list)


def _term_specs(ctx: CheckContext, p: TermLengthParams) -> list[TermSpec]:
    specs = list(p.terms)
    for phrase, years in (ctx.settings.term_lengths or {}).items():
        words = [regex.escape(w) for w in phrase.split()]
        if words and isinstance(years, int) and years > 0:
            # the phrase, then words without figures or sentence breaks ("Đại hội Đảng bộ tỉnh lần thứ XI, nhiệm kỳ")
            specs.append(TermSpec(label=phrase, pattern=r"(?<!\p{L})" + r"\s+".join(words) + r"[^.;:()\d]{0,60}$",
                                  years=years))
    return specs


@register("term_length", TermLengthParams)
def term_length(ctx: CheckContext, rule: RuleSpec, p: TermLengthParams) -> Iterable[Finding]:
    """Known terms have a fixed length: nhiệm kỳ Quốc hội/HĐND 5 năm, năm học 1 năm."""
    specs = [(s, regex.compile(s.pattern, regex.IGNORECASE)) for s in _term_specs(ctx, p)]
    for unit in ctx.units():
        text = unit.ntext
        for r in ctx.facts(unit).ranges:
            if not _year_ok(r.last) or r.last < r.first:
                continue
            before = text[max(0, r.start - 80):r.start]
            for spec, rx in specs:
                if not rx.search(before):
                    continue
                if r.last - r.first != spec.years and f"{r.first}-{r.last}" not in spec.irregular:
                    expected = f"{r.first} - {r.first + spec.years}"
                    yield ctx.finding(
                        rule, unit, r.start, r.end, term=spec.label, years=spec.years, span=r.last - r.first,
                        suggestion=f"Có lẽ là “{expected}”",
                        evidence={"arithmetic": f"{r.last} − {r.first} = {r.last - r.first} năm ≠ {spec.years} năm",
                                  "term": spec.label})
                break


@dataclass
class _TermUse:
    unit: object
    range: YearRange
    word: str


@register("term_two_ways")
def term_two_ways(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """The same term (same word, same first year) written with another last year, once, off by one."""
    uses: dict[tuple[str, int], list[_TermUse]] = {}
    for unit in ctx.units():
        text = unit.ntext
        for r in ctx.facts(unit).ranges:
            if not _year_ok(r.last) or r.last <= r.first:
                continue
            term = _term_before(text, r)
            if term is None:
                continue
            word = " ".join(term.group("w").lower().split())
            if word not in {"nhiệm kỳ", "giai đoạn", "thời kỳ", "năm học", "niên khóa", "niên khoá"}:
                continue
            uses.setdefault((word, r.first), []).append(_TermUse(unit, r, word))
    for (word, first), group in uses.items():
        counts: dict[int, int] = {}
        for u in group:
            counts[u.range.last] = counts.get(u.range.last, 0) + 1
        if len(counts) < 2:
            continue
        usual, n = max(counts.items(), key=lambda kv: kv[1])
        if n < 2 or list(counts.values()).count(n) > 1:
            continue
        reference = next(u for u in group if u.range.last == usual)
        for u in group:
            last = u.range.last
            if last == usual or counts[last] != 1 or abs(last - usual) != 1:
                continue
            yield ctx.finding(
                rule, u.unit, u.range.start, u.range.end, term=word, usual=f"{first} - {usual}", times=n,
                suggestion=f"Thống nhất với “{word} {first} - {usual}” ({n} lần trong văn bản)",
                related=reference.unit.location(reference.range.start, reference.range.end),
                evidence={"this": u.range.text, "elsewhere": f"{word} {first} - {usual} ({n} lần)",
                          "arithmetic": f"{word} {first} - {usual} ({n} lần) ≠ {word} {u.range.text} (1 lần)"})


# ---------------------------------------------------------------- NT007-NT009 reporting period

@register("next_period_heading")
def next_period_heading(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """After a report of THÁNG 01 the tasks section is for THÁNG 02 (the period right after)."""
    rp = report_period(ctx)
    if rp.period is None:
        return
    expected = rp.period.end + timedelta(days=1)
    units = ctx.units()
    for h in rp.next_headings:
        if h.period.start <= expected <= h.period.end:
            continue
        unit = units[h.unit_index]
        m = h.mention
        yield ctx.finding(
            rule, unit, m.start, m.end, period=rp.period.label, stated=h.period.label,
            expected=next_period(rp.period).label,
            evidence={"report_period": rp.period.label, "next_period_expected_from": fmt_date(expected),
                      "heading_says": h.period.label,
                      "arithmetic": f"kỳ báo cáo {rp.period.label} ({fmt_date(rp.period.start)} – "
                                    f"{fmt_date(rp.period.end)}) → kỳ sau từ {fmt_date(expected)}; "
                                    f"đề mục ghi {h.period.label}"})


class DoneAfterParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    grace_days: int = Field(10, ge=0, le=90)  # days after the period a report may still cover (no signing date)
    done: str = r"(?<!\p{L})đã(?!\p{L})"
    not_done: str = (r"dự kiến|(?<!\p{L})sẽ(?!\p{L})|kế hoạch|phấn đấu|chuẩn bị|(?<!\p{L})chưa(?!\p{L})|đề nghị|"
                     r"yêu cầu|thời hạn|(?<!\p{L})hạn(?!\p{L})|trước ngày|(?<!\p{L})đến(?!\p{L})|tính đến|từ ngày|"
                     r"diễn ra|định hướng|mục tiêu|tiếp tục|trong thời gian tới")


@register("done_after_period", DoneAfterParams)
def done_after_period(ctx: CheckContext, rule: RuleSpec, p: DoneAfterParams) -> Iterable[Finding]:
    """An action reported as done ("đã ...") on a date after the reporting period ends."""
    rp = report_period(ctx)
    if rp.period is None:
        return
    period = rp.period
    limit = period.end + timedelta(days=p.grace_days)
    if rp.signed is not None and rp.signed > period.end:
        limit = rp.signed
    done = regex.compile(p.done, regex.IGNORECASE)
    not_done = regex.compile(p.not_done, regex.IGNORECASE)
    stop = rp.next_start
    for unit in ctx.units():
        if unit.index <= (rp.unit_index or 0) or (stop is not None and unit.index >= stop):
            continue
        text = unit.ntext
        for fact in ctx.facts(unit).dates:
            d = full_date(fact, period)
            if d is None or d <= limit:
                continue
            left, right = clause_bounds(text, fact.start, fact.end)
            clause = text[left:right]
            if not done.search(text, left, fact.end) and not done.search(text, fact.end, min(right, fact.end + 25)):
                continue
            if not_done.search(clause):
                continue
            yield ctx.finding(
                rule, unit, fact.start, fact.end, period=period.label, period_end=fmt_date(period.end),
                evidence={"date": fmt_date(d), "report_period": f"{period.label}: {fmt_date(period.start)} – "
                                                                f"{fmt_date(period.end)}",
                          "arithmetic": f"{fmt_date(d)} > {fmt_date(period.end)}"})


class PastDeadlineParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    future: str = r"dự kiến|phấn đấu|(?<!\p{L})sẽ(?!\p{L})|chậm nhất|hạn chót"
    as_of: str = r"(?:tính|lũy kế|luỹ kế|cộng dồn|số liệu)\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$"
    deadline: str = (r"(?:trước|đến|vào|trong|chậm nhất|hạn)\s+(?:ngày\s+|hết\s+ngày\s+)?$")
    # in the tasks part of a report (after "NHIỆM VỤ … KỲ TỚI") or of a notice/plan, a deadline is
    # future by its place: "hoàn thành … trước ngày …" needs no "dự kiến"
    task_deadline: str = r"(?:trước|chậm nhất|hạn)\s+(?:ngày\s+|hết\s+ngày\s+)?$"
    task_done: str = r"hoàn\s+thành|xong|báo\s+cáo|trình"
    # not a deadline of the task: a past one cited ("chậm so với yêu cầu … trước ngày …")
    cited: str = (r"(?<!\p{L})(?:đã|chậm|quá\s+hạn|trễ\s+hạn|theo\s+yêu\s+cầu|yêu\s+cầu\s+tại|(?:theo|tại)\s+"
                  r"(?:Thông\s+báo|Kế\s+hoạch|Văn\s+bản|Công\s+văn|Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị|Kết\s+luận"
                  r"|chỉ\s+đạo))(?!\p{L})")
    # a notice or plan without reporting period: deadlines more than this before the signing date
    signed_slack_days: int = Field(7, ge=0, le=120)


TASKS_HEADING_RE = regex.compile(
    r"^\s*(?:(?:PHẦN\s+)?(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)/:-]\s*)?(?:MỘT\s+SỐ\s+|CÁC\s+)?"
    r"(?:NHIỆM\s+VỤ|PHƯƠNG\s+HƯỚNG|TỔ\s+CHỨC\s+THỰC\s+HIỆN)(?!\p{L})", regex.IGNORECASE)


SENTENCE_INSIDE_RE = regex.compile(r"[.;:]\s*\S")


def tasks_start(ctx: CheckContext, rp: ReportPeriod) -> Optional[int]:
    """Index of the first unit of the tasks part: the next-period heading of a report, else (a notice,
    a plan, a follow-up report) the first short heading "Nhiệm vụ …" / "Phương hướng …" /
    "Tổ chức thực hiện" after the title."""
    if rp.next_start is not None:
        return rp.next_start
    cached = ctx.cache.get("dates.tasks_start", -1)
    if cached != -1:
        return cached
    from ..structure import heading_number
    found = None
    for unit in ctx.units()[5:]:
        text = unit.ntext.strip()
        m = TASKS_HEADING_RE.match(text)
        if unit.in_table or len(text) > 120 or not m:
            continue
        if unit.heading_level or heading_number(text) or text.isupper():
            if not SENTENCE_INSIDE_RE.search(text, m.end()):
                found = unit.index
                break
    ctx.cache["dates.tasks_start"] = found
    return found


@register("past_deadline_as_future", PastDeadlineParams)
def past_deadline_as_future(ctx: CheckContext, rule: RuleSpec, p: PastDeadlineParams) -> Iterable[Finding]:
    """"dự kiến hoàn thành trước 05/7/2021" in a report of tháng 8/2021: the deadline has passed.
    In the tasks part (of a report, or of a notice/plan with a signing date) "hoàn thành … trước ngày"
    is a deadline by its place."""
    rp = report_period(ctx)
    period = rp.period
    tasks = tasks_start(ctx, rp)
    if period is not None:
        limit, basis = period.start, f"{period.label}, bắt đầu {fmt_date(period.start)}"
        first = rp.unit_index or 0
    elif rp.signed is not None and rp.signed_exact and tasks is not None:
        limit = rp.signed - timedelta(days=p.signed_slack_days)
        basis, first = f"văn bản ký ngày {fmt_date(rp.signed)}", tasks
    else:
        return
    future = regex.compile(p.future, regex.IGNORECASE)
    deadline = regex.compile(p.deadline, regex.IGNORECASE)
    task_deadline = regex.compile(p.task_deadline, regex.IGNORECASE)
    task_done = regex.compile(p.task_done, regex.IGNORECASE)
    cited = regex.compile(p.cited, regex.IGNORECASE)
    as_of = regex.compile(p.as_of, regex.IGNORECASE)
    # in the tasks part of a report signed on a known day, a deadline before the signing is stale too
    # ("CÔNG TÁC TRỌNG TÂM THÁNG 03" of a report signed 12/3: "hoàn thành trước ngày 01/3")
    task_limit, task_basis = limit, basis
    if period is not None and rp.signed is not None and rp.signed_exact:
        signed_limit = rp.signed - timedelta(days=p.signed_slack_days)
        if signed_limit > limit:
            task_limit, task_basis = signed_limit, f"văn bản ký ngày {fmt_date(rp.signed)}"
    for unit in ctx.units():
        if unit.index <= first:
            continue
        in_tasks = tasks is not None and unit.index >= tasks
        text = unit.ntext
        for fact in ctx.facts(unit).dates:
            d = full_date(fact, period)
            if d is None or d >= (task_limit if in_tasks else limit):
                continue
            if in_tasks and d >= limit:
                basis_here, limit_here = task_basis, task_limit
            else:
                basis_here, limit_here = basis, limit
            if not deadline.search(text[max(0, fact.start - 25):fact.start]):
                continue
            if as_of.search(text[max(0, fact.start - 30):fact.start]):
                continue
            left, _ = clause_bounds(text, fact.start, fact.end)
            lead = text[max(left, fact.start - 120):fact.start]
            if regex.search(r"(?<!\p{L})đã(?!\p{L})", lead):
                continue
            if not future.search(lead):
                if not (in_tasks and task_deadline.search(text[max(0, fact.start - 25):fact.start])
                        and task_done.search(lead) and not cited.search(lead) and "(" not in lead):
                    continue
            yield ctx.finding(
                rule, unit, fact.start, fact.end, basis=basis_here,
                evidence={"deadline": fmt_date(d), "compared_with": basis_here,
                          "arithmetic": f"{fmt_date(d)} < {fmt_date(limit_here)}"})


# ---------------------------------------------------------------- NT010-NT012 commemorations

@dataclass(frozen=True)
class Commemoration:
    name: str
    day: int
    month: int
    year: Optional[int]
    lunar: bool
    patterns: tuple


class CommemorationEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str
    day: int = Field(ge=1, le=31)
    month: int = Field(ge=1, le=12)
    year: Optional[int] = None
    calendar: str = "solar"
    patterns: list[str] = Field(default_factory=list)


def calendar_path() -> Path:
    return default_rules_dir() / "data" / "commemorations.yaml"


@lru_cache(maxsize=4)
def _load_calendar(path: str) -> tuple[Commemoration, ...]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return tuple(_entry(e) for e in raw.get("commemorations", []))


def _entry(raw: dict) -> Commemoration:
    e = CommemorationEntry.model_validate(raw)
    patterns = e.patterns or [r"\s+".join(regex.escape(w) for w in e.name.split())]
    return Commemoration(e.name, e.day, e.month, e.year, e.calendar == "lunar",
                         tuple(regex.compile(p, regex.IGNORECASE) for p in patterns))


def commemorations(ctx: CheckContext) -> list[Commemoration]:
    found = ctx.cache.get("dates.commemorations")
    if found is None:
        found = list(_load_calendar(str(calendar_path())))
        for raw in ctx.settings.commemorations or []:
            try:
                found.append(_entry(raw))
            except Exception:  # a bad user entry is skipped, not fatal  # noqa: BLE001
                continue
        ctx.cache["dates.commemorations"] = found
    return found


# Patterns whose literal letters may not be literal text: inline flags ("(?x)" makes "#…" a
# comment), character escapes (\u1EA1, \N{…}), backreferences, fuzzy constraints ("{e<=1}").
_OPAQUE_PATTERN = regex.compile(r"\(\?(?!P<|[:=!<>#])|\\[xuUNg0-9]|(?<!\\[pPN])\{[^}]*[a-zA-Z]")
_QUANTIFIER = "?*+{"


def _plain_letter(ch: str) -> bool:
    """A letter whose case-insensitive matches in `regex` all share its str.casefold() (checked by
    brute force over every code point for Latin, Latin-1, Latin Extended-A/B and the Vietnamese
    block; the dotted/dotless i of Turkish are the exceptions, and "ı" in the text is folded to "i")."""
    o = ord(ch)
    return (o < 0x250 or 0x1E00 <= o < 0x1F00) and ch.isalpha() and ch not in "ıİ"


def fold_for_words(text: str) -> str:
    """What `required_words` are looked for in."""
    return text.casefold().replace("ı", "i")


def required_words(pattern: str) -> Optional[tuple[str, ...]]:
    """The runs of literal letters (2 or more) that every match of ``pattern`` contains, case-folded:
    letters outside any group, character class or escape, not under a quantifier. None when the
    pattern has a top-level "|" or a construct this reading does not understand (then it must
    always be run)."""
    if _OPAQUE_PATTERN.search(pattern):
        return None
    runs: list[str] = []
    cur, depth, i, n = "", 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        letter = depth == 0 and _plain_letter(ch) and not (i + 1 < n and pattern[i + 1] in _QUANTIFIER)
        if letter:
            cur += ch
            i += 1
            continue
        if cur:
            runs.append(cur)
            cur = ""
        if ch == "\\":
            i += 2
            if pattern[i - 1:i] in ("p", "P") and pattern[i:i + 1] == "{":
                i = pattern.find("}", i) + 1 or n
            continue
        if ch == "[":  # skip the class: "[^]…]", "[]…]", escapes inside
            j = i + 1
            j += pattern[j:j + 1] == "^"
            j += pattern[j:j + 1] == "]"
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
        i += 1
    if cur:
        runs.append(cur)
    return tuple(r.casefold() for r in runs if len(r) >= 2)


class _NamePatterns:
    """The commemoration patterns that can match somewhere in one document, in calendar order, each
    with one word it needs (the rarest in the first ~200.000 characters; None: no such word, always
    run). A pattern with a needed word nowhere in the document is left out, and ``gate`` finds any
    of the needed words (plain substrings of the case-folded paragraph) in one C-level search, so
    most paragraphs are passed over without looking at the 50-odd patterns one by one."""

    CHUNK = 200_000  # characters folded at a time (a 500-page report is 1,7 M: no second copy of it)

    def __init__(self, comms: list[Commemoration], texts: list[str]):
        self.comms = comms
        self.table: list[tuple[Commemoration, list]] = []
        wanted = {rx.pattern: required_words(rx.pattern) for c in comms for rx in c.patterns}
        missing = {w for words in wanted.values() for w in words or ()}
        sample = None
        chunk: list[str] = []
        size = 0
        for i, text in enumerate(texts):
            chunk.append(text)
            size += len(text) + 1
            if (size < self.CHUNK and i + 1 < len(texts)) or not missing:
                continue
            folded = fold_for_words("\n".join(chunk))  # no word spans a "\n"
            if sample is None:
                sample = folded
            missing = {w for w in missing if w not in folded}
            chunk, size = [], 0
        sample = sample or ""
        for c in comms:
            live = []
            for rx in c.patterns:
                words = wanted[rx.pattern]
                if not words:
                    live.append((rx, None))
                    continue
                if not missing.intersection(words):
                    live.append((rx, min(words, key=lambda w: (sample.count(w), -len(w)))))
            if live:
                self.table.append((c, live))
        anchors = {w for _, live in self.table for _, w in live}
        self.gate: Optional[re.Pattern] = None
        if anchors and None not in anchors:
            self.gate = re.compile("|".join(re.escape(w) for w in sorted(anchors, key=lambda w: (-len(w), w))))


def _name_patterns(ctx: CheckContext, comms: list[Commemoration]) -> _NamePatterns:
    found = ctx.cache.get("dates.commemorations.live")
    if found is None or found.comms is not comms:
        found = ctx.cache["dates.commemorations.live"] = _NamePatterns(comms, [u.ntext for u in ctx.units()])
    return found


NAME_TO_DATE_GAP = regex.compile(r"\s*(?:\(\s*)?(?:ngày\s+)?", regex.IGNORECASE)


def _named_dates(ctx: CheckContext, unit, comms: list[Commemoration]):
    """(commemoration, name match, the date written right after the name) in one unit."""
    text = unit.ntext
    names = _name_patterns(ctx, comms)
    if not names.table:
        return
    folded = fold_for_words(text)
    if names.gate is not None and names.gate.search(folded) is None:
        return  # every pattern needs a word that is not in the paragraph
    dates = ctx.facts(unit).dates
    for c, patterns in names.table:
        for rx, word in patterns:
            if word is not None and word not in folded:
                continue  # case-insensitive pattern, a word it needs is missing: no match
            for m in rx.finditer(text):
                gap = NAME_TO_DATE_GAP.match(text, m.end())
                at = gap.end() if gap else m.end()
                fact = next((d for d in dates if d.start == at), None)
                yield c, m, fact


def _solar_of_lunar(c: Commemoration, year: int) -> Optional[date]:
    try:
        from lunardate import LunarDate
    except ImportError:  # pragma: no cover - declared dependency
        return None
    try:
        return LunarDate(year, c.month, c.day).to_solar_date()
    except (ValueError, AttributeError):
        try:
            return LunarDate(year, c.month, c.day).toSolarDate()
        except ValueError:
            return None


@register("commemoration_day")
def commemoration_day(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """The date written right after a commemoration's name must be its day (matched by name)."""
    comms = commemorations(ctx)
    rp = report_period(ctx)
    for unit in ctx.units():
        text = unit.ntext
        seen: set[int] = set()
        for c, m, fact in _named_dates(ctx, unit, comms):
            if fact is None or not fact.valid or fact.start in seen:
                continue
            seen.add(fact.start)
            if c.lunar:
                if (fact.day, fact.month) == (c.day, c.month):
                    continue  # "Tết Trung thu 15/8": the lunar day written without "âm lịch"
                if regex.match(r"\s*(?:\(?\s*)?(?:âm\s+lịch|ÂL)", text[fact.end:fact.end + 12], regex.IGNORECASE):
                    if (fact.day, fact.month) != (c.day, c.month):
                        yield _wrong_day(ctx, rule, unit, fact, c, f"{c.day:02d}/{c.month:02d} âm lịch")
                    continue
                year = fact.year or (rp.period.year if rp.period else None)
                if year is None:
                    continue
                solar = _solar_of_lunar(c, year)
                written = full_date(fact, rp.period) if fact.year is None else date(fact.year, fact.month, fact.day)
                if solar is None or written is None or abs((written - solar).days) <= 1:
                    continue
                yield _wrong_day(ctx, rule, unit, fact, c, f"{fmt_date(solar)} (ngày {c.day:02d}/{c.month:02d} "
                                                            f"âm lịch năm {year})")
                continue
            if (fact.day, fact.month) != (c.day, c.month):
                other = _anniversary_pair(ctx, unit, fact)
                if other is not None and (other.day, other.month) == (c.day, c.month):
                    # "(04/02/1930 - 03/02/2021)": both ends of an anniversary pair fall on the day
                    yield _wrong_day(ctx, rule, unit, fact, c, f"{c.day:02d}/{c.month:02d}")
                    continue
                if _opens_other_range(ctx, unit, fact):
                    continue  # "Quốc khánh (01/9 - 04/9/2023)": the days off, not the day itself
                yield _wrong_day(ctx, rule, unit, fact, c, f"{c.day:02d}/{c.month:02d}")
                continue
            # "(03/02/1931 - 03/02/2021)": the first date of the pair is the founding date
            pair = regex.match(r"\s*[-–—]\s*", text[fact.end:fact.end + 5])
            if c.year and fact.year and pair and fact.year != c.year:
                yield ctx.finding(
                    rule, unit, fact.start, fact.end, name=c.name, right=f"{c.day:02d}/{c.month:02d}/{c.year}",
                    message=f"{c.name} bắt đầu từ năm {c.year}; văn bản ghi năm {fact.year}",
                    suggestion=f"{c.day:02d}/{c.month:02d}/{c.year}",
                    evidence={"name": c.name, "founded": f"{c.day:02d}/{c.month:02d}/{c.year}", "written": fact.text,
                              "arithmetic": f"{c.name}: {c.day:02d}/{c.month:02d}/{c.year} ≠ {fact.text}"})
                continue
            # "(03/02/1930 - 04/02/2021)": the anniversary itself falls on the same day
            other = _anniversary_pair(ctx, unit, fact)
            if other is not None and other.start not in seen and (other.day, other.month) != (c.day, c.month):
                seen.add(other.start)
                yield _wrong_day(ctx, rule, unit, other, c, f"{c.day:02d}/{c.month:02d}")


def _anniversary_pair(ctx, unit, fact: DateFact) -> Optional[DateFact]:
    """"(03/02/1930 - 03/02/2021)": the date after the dash when both dates carry a year and the
    years are far apart (an anniversary counted from the founding day, not a few days off)."""
    text = unit.ntext
    m = regex.match(r"\s*[-–—]\s*(?:ngày\s+)?", text[fact.end:fact.end + 12], regex.IGNORECASE)
    if not m or fact.year is None:
        return None
    other = next((d for d in ctx.facts(unit).dates if d.start == fact.end + m.end()), None)
    if other is None or other.year is None or other.year - fact.year < 5 or not other.valid:
        return None
    return other


def _opens_other_range(ctx, unit, fact: DateFact) -> bool:
    """The date opens a range ("01/9 - 04/9/2023", "10/02 đến 16/02") whose other end is another day."""
    text = unit.ntext
    m = regex.match(r"\s*(?:[-–—]|đến|tới)\s*(?:ngày\s+)?", text[fact.end:fact.end + 12], regex.IGNORECASE)
    if not m:
        return False
    other = next((d for d in ctx.facts(unit).dates if d.start == fact.end + m.end()), None)
    return other is None or (other.day, other.month) != (fact.day, fact.month)


def _wrong_day(ctx, rule, unit, fact: DateFact, c: Commemoration, right: str) -> Finding:
    suggestion = None
    if not c.lunar:
        suggestion = f"{c.day:02d}/{c.month:02d}" + (f"/{fact.year}" if fact.year else "")
    since = f" (từ năm {c.year})" if c.year else ""
    return ctx.finding(rule, unit, fact.start, fact.end, name=c.name, right=right, suggestion=suggestion,
                       evidence={"name": c.name, "day": right, "written": fact.text,
                                 "arithmetic": f"{c.name}: {right}{since} ≠ {fact.text}"})


ANNIV_RE = regex.compile(r"kỷ\s+niệ[mn]\s+(?P<n>\d{1,3})\s+năm(?!\s+(?:19|20)\d{2})", regex.IGNORECASE)
PAIR_RE = regex.compile(
    r"\(\s*(?:(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*)?(?P<a>(?:1[6-9]|20)\d{2})\s*[-–—]\s*"
    r"(?:(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*)?(?P<b>(?:19|20)\d{2})\s*\)")
# "(30/4/1975 - 30/4/202)": the closing year lost a digit
TRUNCATED_PAIR_RE = regex.compile(
    r"\(\s*(?:(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*)?(?P<a>(?:1[6-9]|20)\d{2})\s*[-–—]\s*"
    r"(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?P<b>\d{3})\s*\)")


@register("anniversary_arithmetic")
def anniversary_arithmetic(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """"kỷ niệm 91 năm ... (03/02/1930 - 03/02/2021)": 2021 − 1930 must be 91."""
    comms = commemorations(ctx)
    rp = report_period(ctx)
    for unit in ctx.units():
        text = unit.ntext
        for m in ANNIV_RE.finditer(text):
            n = int(m.group("n"))
            _, right = clause_bounds(text, m.start(), m.end())
            window = text[m.end():min(right, m.end() + 160)]
            nxt = regex.search(r"kỷ\s+niệm", window, regex.IGNORECASE)
            if nxt:
                window = window[:nxt.start()]
            pair = PAIR_RE.search(window)
            if pair and regex.search(r"\d", window[:pair.start()]):
                pair = None  # another figure in between: the pair may belong to it
            if pair:
                a, b = int(pair.group("a")), int(pair.group("b"))
                if b > a and b - a != n:
                    yield _anniv(ctx, rule, unit, m, n, f"{b} − {a} = {b - a} năm", b - a)
                continue
            cut = TRUNCATED_PAIR_RE.search(window)
            if cut and not regex.search(r"\d", window[:cut.start()]):
                want = int(cut.group("a")) + n
                if str(want).startswith(cut.group("b")):
                    s, e = m.end() + cut.start("b"), m.end() + cut.end("b")
                    arithmetic = f"{cut.group('a')} + {n} = {want}, nhưng năm ghi “{cut.group('b')}”"
                    yield ctx.finding(rule, unit, s, e, stated=n, right=want, arithmetic=arithmetic,
                                      suggestion=str(want), evidence={"arithmetic": arithmetic, "stated": f"{n} năm"})
                continue
            name = _name_after(window[:60], comms)
            if name is None or name[0].year is None:
                continue
            c, end = name
            year_m = regex.match(r"\s*(?:\(\s*)?(?:ngày\s+)?(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*|năm\s+)"
                                 r"((?:19|20)\d{2})(?!\d)", window[end:])
            if year_m:
                y = int(year_m.group(1))
                if y <= c.year:
                    continue  # the event's own date opening "(30/4/1975 - …)", not the anniversary year
                if y - c.year != n:
                    yield _anniv(ctx, rule, unit, m, n, f"{y} − {c.year} = {y - c.year} năm ({c.name})", y - c.year)
            elif rp.period is not None:
                options = {rp.period.year - c.year, rp.period.year + 1 - c.year}
                if n not in options:
                    right_n = rp.period.year - c.year
                    yield _anniv(ctx, rule, unit, m, n,
                                 f"{rp.period.year} − {c.year} = {right_n} năm ({c.name}; năm theo kỳ báo cáo)",
                                 right_n)


def _name_after(window: str, comms: list[Commemoration]):
    best = None
    for c in comms:
        for rx in c.patterns:
            m = rx.search(window)
            if m and regex.fullmatch(r"[\s\p{L}]*", window[:m.start()]) and (best is None or m.start() < best[2]):
                best = (c, m.end(), m.start())
    return (best[0], best[1]) if best else None


def _anniv(ctx, rule, unit, m, n: int, arithmetic: str, right: int) -> Finding:
    s, e = m.span("n")
    return ctx.finding(rule, unit, s, e, stated=n, right=right, arithmetic=arithmetic,
                       suggestion=f"{right} năm", evidence={"arithmetic": arithmetic, "stated": f"{n} năm"})


CAN = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
CHI = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]
CHI_ALIASES = {"Mẹo": "Mão", "Tị": "Tỵ"}
CAN_CHI_RE = regex.compile(
    r"(?<!\p{L})(?P<can>" + "|".join(CAN) + r")\s+(?P<chi>" + "|".join(CHI + list(CHI_ALIASES)) + r")(?!\p{L})"
    r"(?P<tail>\s*(?:,\s*)?(?:năm\s+)?(?P<y>(?:19|20)\d{2})(?![\d/]))")


def can_chi(year: int) -> str:
    return f"{CAN[(year - 4) % 10]} {CHI[(year - 4) % 12]}"


@register("can_chi_year")
def can_chi_year(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """"Tết Nguyên đán Tân Sửu 2021": the lunar year name must be that of the year written."""
    for unit in ctx.units():
        text = unit.ntext
        for m in CAN_CHI_RE.finditer(text):
            year = int(m.group("y"))
            written = f"{m.group('can')} {CHI_ALIASES.get(m.group('chi'), m.group('chi'))}"
            right = can_chi(year)
            if written == right:
                continue
            yield ctx.finding(rule, unit, m.start(), m.end("chi"), written=m.group("can") + " " + m.group("chi"),
                              year=year, right=right, suggestion=right,
                              evidence={"year": year, "lunar_year": right,
                                        "arithmetic": f"can: ({year} − 4) mod 10 = {(year - 4) % 10} → "
                                                      f"{CAN[(year - 4) % 10]}; chi: ({year} − 4) mod 12 = "
                                                      f"{(year - 4) % 12} → {CHI[(year - 4) % 12]}"})


# ---------------------------------------------------------------- NT013 date ranges, NT014 weekdays

RANGE_JOIN = regex.compile(r"\s*(?:[-–—]|đến|tới)\s*(?:hết\s+)?(?:ngày\s+)?", regex.IGNORECASE)
RANGE_OPEN = regex.compile(r"(?<!\p{L})từ\s+(?:ngày\s+)?$", regex.IGNORECASE)


class DateRangeParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # a first date written without its year is read in the year of the second unless that puts it
    # more than this many days after the second ("25/12 - 05/01/2021" crosses the new year)
    max_backwards_days: int = Field(60, ge=1, le=180)


@register("reversed_date_range", DateRangeParams)
def reversed_date_range(ctx: CheckContext, rule: RuleSpec, p: DateRangeParams) -> Iterable[Finding]:
    """"từ ngày 15/3/2021 đến ngày 10/3/2021": the end of a range of days before its start."""
    for unit in ctx.units():
        text = unit.ntext
        for a, b, opened in day_ranges(ctx, unit):
            if not opened and not regex.search(r"[-–—]", text[a.end:b.start]):
                continue  # "… 15/3 đến 10/3": only "từ … đến …" or "… - …" is a range
            start, end = _range_dates(a, b)
            if start is None or end is None or end >= start:
                continue
            if (a.year is None or b.year is None) and (start - end).days > p.max_backwards_days:
                continue  # "25/12 - 05/01/2021": over the new year
            yield ctx.finding(
                rule, unit, a.start, b.end,
                suggestion="Kiểm tra lại ngày bắt đầu và ngày kết thúc",
                evidence={"range": text[a.start:b.end], "start": fmt_date(start), "end": fmt_date(end),
                          "arithmetic": f"{fmt_date(end)} < {fmt_date(start)}"})


def day_ranges(ctx: CheckContext, unit) -> Iterator[tuple[DateFact, DateFact, bool]]:
    """Two days joined as a range ("15/3 - 20/3", "từ ngày 15/3 đến ngày 20/3/2021"), and whether the
    range is opened by "từ"."""
    text = unit.ntext
    dates = [d for d in ctx.facts(unit).dates if d.valid and d.day is not None and d.month is not None]
    for a, b in zip(dates, dates[1:]):
        between = text[a.end:b.start]
        if len(between) <= 14 and RANGE_JOIN.fullmatch(between):
            yield a, b, RANGE_OPEN.search(text[max(0, a.start - 12):a.start]) is not None


def _range_dates(a: DateFact, b: DateFact) -> tuple[Optional[date], Optional[date]]:
    """Both ends of "a - b"; a missing year is taken from the other end (2024, a leap year, when
    neither has one)."""
    ya = a.year if a.year is not None else (b.year if b.year is not None else 2024)
    yb = b.year if b.year is not None else ya
    try:
        return date(ya, a.month, a.day), date(yb, b.month, b.day)
    except ValueError:
        return None, None


WEEKDAYS = {"hai": 0, "2": 0, "ba": 1, "3": 1, "tư": 2, "4": 2, "năm": 3, "5": 3, "sáu": 4, "6": 4,
            "bảy": 5, "7": 5}
WEEKDAY_NAMES = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
# "(vào) sáng thứ Năm, ngày 22/01/2026"; the word before "thứ" must not take an ordinal
# ("kỳ họp thứ 5, ngày …", "lần thứ hai").
# any case: schedules write "THỨ HAI, NGÀY 27/3/2023"
_WEEKDAY = r"(?P<w>(?:thứ|Thứ|THỨ)\s+(?P<d>(?i:hai|ba|tư|năm|sáu|bảy)|[2-7])|(?i:chủ\s+nhật))"
WEEKDAY_BEFORE = regex.compile(
    r"(?:(?:^|[,;:(\-–])\s*|(?<!\p{L})(?:vào|sáng|chiều|tối|trưa|đêm|hôm|giờ|phút|từ|đến|hết|nhằm|"
    r"\d{1,2}h(?:\d{2})?)\s+)"
    + _WEEKDAY + r"\s*,?\s*(?:(?i:ngày)\s+)?$")
WEEKDAY_AFTER = regex.compile(r"^\s*\(\s*" + _WEEKDAY + r"\s*\)")


MAX_WEEK_DAYS = 14  # a work schedule covers a week or two: "Từ ngày 14/07/2025 đến ngày 20/07/2025"


def week_windows(ctx: CheckContext) -> list[tuple[date, date]]:
    """The dated spans of a work schedule ("từ ngày 14/3 đến ngày 18/3/2022"): short ranges of days with a
    year, so that "THỨ HAI 14/3" under them is a full date."""
    cached = ctx.cache.get("dates.week_windows")
    if cached is not None:
        return cached
    found: list[tuple[date, date]] = []
    for unit in ctx.units():
        for a, b, opened in day_ranges(ctx, unit):
            if not opened or (a.year is None and b.year is None):
                continue
            start, end = _range_dates(a, b)
            if start is not None and end is not None and 0 <= (end - start).days <= MAX_WEEK_DAYS:
                found.append((start, end))
    ctx.cache["dates.week_windows"] = found
    return found


def _year_in_windows(fact: DateFact, windows: list[tuple[date, date]]) -> Optional[int]:
    """The year of a day-month date that falls inside one of the schedule's spans."""
    for start, end in windows:
        for y in {start.year, end.year}:
            try:
                d = date(y, fact.month, fact.day)
            except ValueError:
                continue
            if start <= d <= end:
                return y
    return None


@register("weekday_of_date")
def weekday_of_date(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """"thứ Năm, ngày 22/01/2026": the weekday written with a full date must be that date's; in a work
    schedule dated "từ ngày 14/7/2025 đến ngày 20/7/2025", "Thứ 2 14/7" is a full date too."""
    for unit in ctx.units():
        text = unit.ntext
        for fact in ctx.facts(unit).dates:
            if not fact.valid or fact.day is None or fact.month is None:
                continue
            year = fact.year if fact.year is not None else _year_in_windows(fact, week_windows(ctx))
            if year is None:
                continue
            m = WEEKDAY_BEFORE.search(text[max(0, fact.start - 40):fact.start])
            span = None
            if m:
                off = max(0, fact.start - 40)
                span = (off + m.start("w"), off + m.end("w"))
            else:
                m = WEEKDAY_AFTER.match(text[fact.end:fact.end + 20])
                if m:
                    span = (fact.end + m.start("w"), fact.end + m.end("w"))
            if span is None:
                continue
            written = 6 if m.group("d") is None else WEEKDAYS[m.group("d").lower()]
            right = date(year, fact.month, fact.day).weekday()
            if written == right:
                continue
            shown = fact.text if fact.year is not None else f"{fact.text}/{year}"
            yield ctx.finding(
                rule, unit, span[0], span[1], date=shown, right=WEEKDAY_NAMES[right],
                suggestion=WEEKDAY_NAMES[right],
                evidence={"date": shown, "weekday": WEEKDAY_NAMES[right], "written": text[span[0]:span[1]],
                          "arithmetic": f"{shown} là {WEEKDAY_NAMES[right]}, không phải {text[span[0]:span[1]]}"})


__all__ = ["report_period", "resolve_year", "full_date", "can_chi", "commemorations", "clause_bounds"]
