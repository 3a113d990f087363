"""Document references in the style of Nghị định 30/2020/NĐ-CP (rules NT020-NT023).

"Công văn số 983/UBND-TNMT ngày 10/5/2021", "Quyết định số 2773/QĐ-UBND ngày 18/12/2020",
"Kết luận 71-KL/TW ngày 24/3/2020". A reference is only read after the name of a document
type ("Quyết định", "Công văn"...), so "15/17 xã" or "24/24h" never are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Optional

import regex
from pydantic import BaseModel

from ..context import CheckContext
from ..findings import Finding
from ..ruleset import RuleSpec
from . import register
from .dates import fmt_date, fold_for_words, report_period

# Document type -> the abbreviations its symbol may start with (Nghị định 30/2020/NĐ-CP,
# Phụ lục III; Hướng dẫn 36-HD/VPTW for Party documents).
TYPE_ABBREVIATIONS: dict[str, set[str]] = {
    "nghị định": {"NĐ"},
    "quyết định": {"QĐ"},
    "nghị quyết": {"NQ"},
    "chỉ thị": {"CT"},
    "thông tư": {"TT"},
    "kế hoạch": {"KH"},
    "báo cáo": {"BC"},
    "tờ trình": {"TTr"},
    "thông báo": {"TB"},
    "hướng dẫn": {"HD"},
    "công điện": {"CĐ"},
    "kết luận": {"KL", "TB"},  # Party conclusions are issued as "Thông báo kết luận ...-TB/TW"
    "quy định": {"QĐ", "QĐi", "QyĐ"},
    "chương trình": {"CTr"},
    "đề án": {"ĐA"},
    "phương án": {"PA"},
    "quy chế": {"QC"},
    "biên bản": {"BB"},
    "giấy mời": {"GM"},
    "thông cáo": {"TC"},
}
# Abbreviations that can only mean a document type (short ones that are also unit or body names,
# such as HĐ = hội đồng, PC = phòng cảnh sát, TC = tài chính, are left out).
KNOWN_TYPES = {"NĐ", "QĐ", "NQ", "CT", "TT", "KH", "BC", "TTr", "TB", "HD", "CĐ", "KL", "CTr", "ĐA", "PA", "QC",
               "BB", "GM", "TTLT", "VBHN"}
# Plans, rules, programmes... are often issued by a decision and cited by its number.
ISSUED_BY_DECISION = {"kế hoạch", "quy chế", "quy định", "chương trình", "đề án", "phương án", "hướng dẫn"}
MIXED_CASE_OK = {"TTg", "TTr", "CTr", "QĐi", "QyĐ"}
DOC_TYPES = "|".join(sorted(TYPE_ABBREVIATIONS, key=len, reverse=True)) + "|công văn|văn bản"

SEG = r"[\p{L}][\p{L}\d&]*"
# "... - UBND huyện Phong Thổ" is prose, not a symbol
CAPSEG = r"[\p{Lu}][\p{Lu}\d&]+(?![\p{L}\d&])(?!\s+(?:huyện|tỉnh|xã|thành phố|thị xã|thị trấn|phường|quận|các)\b)"
REF_RE = regex.compile(
    r"(?<!\p{L})(?P<type>(?i:" + DOC_TYPES + r"))(?P<so>\s+(?i:số))?\s*:?\s+(?P<ref>(?P<num>\d{1,5}(?:\.\d{1,3})?[a-z]?)"
    r"(?:\s*/\s*(?P<year>(?:19|20)\d{2}))?"
    r"(?P<sep>\s*/\s*|-|\s*[-–]\s*(?=\p{Lu}{2,}[\p{Lu}\d]*\s*/))(?P<seg0>" + SEG + r")"
    r"(?P<rest>(?:[-–/]" + SEG + r"|\s+[-–/]\s*" + CAPSEG + r"|[-–/]\s+" + CAPSEG + r")*))",
)
# Every reference starts with a document type word (matched case-insensitively) and its number: a
# paragraph whose case-folded text has no type word followed by a number is not searched with REF_RE.
# (`re`'s \s holds every character of `regex`'s \s; \d is the same; casefold maps letter by letter.)
TYPE_NUMBER_RE = re.compile(
    "(?:" + "|".join(re.escape(t.casefold()) for t in sorted(DOC_TYPES.split("|"), key=len, reverse=True))
    + r")(?:\s+số)?\s*:?\s+\d")
DATE_AFTER = regex.compile(
    r"\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(?:(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d{2}))(?!\d)", regex.IGNORECASE)
ISSUER_AFTER = regex.compile(r"\s*(?:của\s+)(?P<who>[^,;.()]{3,60})", regex.IGNORECASE)


@dataclass
class Ref:
    unit: object
    type: str
    start: int
    end: int
    text: str
    number: str
    year: Optional[int]
    seg0: str
    party: bool  # "71-KL/TW" style
    numbered: bool  # written "số ..." or with a symbol of two parts or more
    date: Optional[date]
    date_span: tuple[int, int]
    issuer: str

    @property
    def key(self) -> str:
        return _SPACES_RE.sub("", self.text).upper().replace("–", "-")


def refs_of(ctx: CheckContext) -> list[Ref]:
    found = ctx.cache.get("dates.refs")
    if found is not None:
        return found
    found = []
    for unit in ctx.units_with_digits():  # a reference has a number
        text = unit.ntext
        if TYPE_NUMBER_RE.search(fold_for_words(text)) is None:
            continue
        for m in REF_RE.finditer(text):
            d, span = None, (0, 0)
            after = DATE_AFTER.match(text, m.end())
            if after:
                day = int(after.group("d") or after.group("d2"))
                month = int(after.group("m") or after.group("m2"))
                year = int(after.group("y") or after.group("y2"))
                try:
                    d = date(year, month, day)
                    span = (after.start("d") if after.group("d") else after.start("d2"), after.end())
                except ValueError:
                    d = None
            who = ISSUER_AFTER.match(text, after.end() if after else m.end())
            found.append(Ref(unit, " ".join(m.group("type").lower().split()), m.start("ref"), m.end("ref"),
                             m.group("ref"), m.group("num"), int(m.group("year")) if m.group("year") else None,
                             m.group("seg0"), m.group("sep").strip() in ("-", "–"),
                             bool(m.group("so")) or bool(regex.search(r"[-–/]", m.group("rest") or "")), d, span,
                             " ".join(who.group("who").lower().split()) if who else ""))
    ctx.cache["dates.refs"] = found
    return found


_SPACE_RE = regex.compile(r"\s")
_SPACES_RE = regex.compile(r"\s+")
_REF_SEP_RE = regex.compile(r"[-–/]")
_NOT_LETTER_RE = regex.compile(r"[^\p{L}]")


def _fold(s: str) -> str:
    return s.upper().replace("Đ", "D")


@register("doc_ref_malformed")
def doc_ref_malformed(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """Spaces inside the number/symbol, a lower-case symbol, "QD" for "QĐ"."""
    for ref in refs_of(ctx):
        if not ref.numbered:
            continue
        problems, fixed = [], ref.text
        if _SPACE_RE.search(ref.text):
            problems.append("có khoảng trắng bên trong số, ký hiệu")
            fixed = _SPACES_RE.sub("", fixed)
        segments = _REF_SEP_RE.split(_SPACES_RE.sub("", ref.text))[1:]
        for seg in segments:
            letters = _NOT_LETTER_RE.sub("", seg)
            if len(letters) >= 2 and letters == letters.lower():
                problems.append(f"ký hiệu “{seg}” viết thường")
                fixed = fixed.replace(seg, seg.upper())
            elif seg not in MIXED_CASE_OK and any(c.islower() for c in seg) and seg.upper() in {
                    t.upper() for t in KNOWN_TYPES | MIXED_CASE_OK}:
                right = next(t for t in KNOWN_TYPES | MIXED_CASE_OK if t.upper() == seg.upper())
                problems.append(f"ký hiệu “{seg}” phải viết “{right}”")
                fixed = fixed.replace(seg, right)
        expected = TYPE_ABBREVIATIONS.get(ref.type)
        if expected and ref.seg0 not in expected and ref.seg0.upper() not in {e.upper() for e in expected}:
            ascii_match = next((e for e in expected if _fold(e) == _fold(ref.seg0)), None)
            if ascii_match:
                problems.append(f"viết tắt tên loại “{ref.seg0}” phải là “{ascii_match}”")
                fixed = fixed.replace(ref.seg0, ascii_match, 1)
        if not problems:
            continue
        yield ctx.finding(rule, ref.unit, ref.start, ref.end, problem="; ".join(problems),
                          suggestion=fixed if fixed != ref.text else None,
                          evidence={"reference": ref.text, "problems": problems,
                                    "arithmetic": f"{ref.text} → {fixed}" if fixed != ref.text else "; ".join(problems),
                                    "form": "Số/năm/Tên loại-Cơ quan (Nghị định 30/2020/NĐ-CP, Phụ lục III)"})


@register("doc_ref_type_mismatch")
def doc_ref_type_mismatch(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """"Quyết định số 15/KH-UBND": the symbol names another document type."""
    for ref in refs_of(ctx):
        expected = TYPE_ABBREVIATIONS.get(ref.type)
        if not expected:
            continue
        seg0 = ref.seg0
        if seg0 in expected or seg0.upper() in {e.upper() for e in expected}:
            continue
        if any(_fold(e) == _fold(seg0) for e in expected):
            continue  # "QD" for "QĐ": a spelling slip, NT020
        other = next((t for t in KNOWN_TYPES if t == seg0), None)
        if other is None or (other == "QĐ" and ref.type in ISSUED_BY_DECISION):
            continue
        yield ctx.finding(rule, ref.unit, ref.start, ref.end, type=ref.type.capitalize(), abbr=seg0,
                          expected="/".join(sorted(expected)),
                          evidence={"reference": ref.text, "type_word": ref.type,
                                    "expected_abbreviation": sorted(expected), "written": seg0,
                                    "arithmetic": f"{ref.type.capitalize()} → {'/'.join(sorted(expected))} ≠ {seg0}"})


@register("doc_ref_after_report")
def doc_ref_after_report(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """A referenced document dated after the report's own signing date."""
    rp = report_period(ctx)
    if rp.signed is None:
        return
    for ref in refs_of(ctx):
        if ref.date is None or ref.date <= rp.signed:
            continue
        signed = fmt_date(rp.signed) if rp.signed_exact else f"tháng {rp.signed.month:02d}/{rp.signed.year}"
        s, e = ref.date_span
        yield ctx.finding(rule, ref.unit, s, e, reference=ref.text, signed=signed,
                          evidence={"reference": ref.text, "reference_date": fmt_date(ref.date),
                                    "report_signed": signed,
                                    "arithmetic": f"{fmt_date(ref.date)} > {signed}"})


@register("doc_ref_two_dates")
def doc_ref_two_dates(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """The same number and symbol cited with two different dates in one document."""
    first: dict[str, Ref] = {}
    for ref in refs_of(ctx):
        if ref.date is None:
            continue
        seen = first.get(ref.key)
        if seen is None:
            first[ref.key] = ref
            continue
        if seen.date == ref.date:
            continue
        if ref.year is None and seen.date.year != ref.date.year:
            continue  # numbers restart each year: two documents
        if not _same_issuer(seen.issuer, ref.issuer):
            continue
        s, e = ref.date_span
        yield ctx.finding(rule, ref.unit, s, e, reference=ref.text, other=fmt_date(seen.date),
                          related=seen.unit.location(*seen.date_span),
                          evidence={"reference": ref.text, "dates": [fmt_date(seen.date), fmt_date(ref.date)],
                                    "arithmetic": f"{ref.text}: {fmt_date(seen.date)} ≠ {fmt_date(ref.date)}"})


# Words that end the name of an issuing body ("của Chính phủ quy định về …", "của UBND tỉnh về việc …").
ISSUER_END = regex.compile(
    r"\s+(?:về|v/v|quy\s+định|phê\s+duyệt|ban\s+hành|hướng\s+dẫn|triển\s+khai|thực\s+hiện|sửa\s+đổi|"
    r"đã|đến|trong|cho|và|tại|đối\s+với|nhằm|để|chỉ\s+đạo|việc|theo|với|được|thông\s+qua|"
    r"gửi|cụ\s+thể|tiếp\s+tục)(?!\p{L})", regex.IGNORECASE)


def _issuer_name(who: str) -> str:
    m = ISSUER_END.search(" " + who)
    return (" " + who)[:m.start()].strip() if m else who.strip()


def _same_issuer(a: str, b: str) -> bool:
    """Two "của …" phrases name the same body unless both are named and the names differ
    ("của Chính phủ quy định về …" and "của Chính phủ về …" name the same body)."""
    a, b = _issuer_name(a), _issuer_name(b)
    return not a or not b or a == b


@register("doc_ref_order")
def doc_ref_order(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    """In one paragraph, two documents of the same symbol and year: the larger number cannot be older.

    Numbers run from 01 on the first day of the year in one register (Nghị định 30/2020/NĐ-CP,
    Điều 15); the same symbol ("UBND-TNMT") in one paragraph, without two different issuers
    named, is one register.
    """
    for unit in ctx.units():
        text = unit.ntext
        dated = []
        for r in ctx.facts(unit).refs:
            if not regex.fullmatch(r"\d{1,6}", r.number):
                continue
            after = DATE_AFTER.match(text, r.end)
            if not after:
                continue
            try:
                d = date(int(after.group("y") or after.group("y2")), int(after.group("m") or after.group("m2")),
                         int(after.group("d") or after.group("d2")))
            except ValueError:
                continue
            who = ISSUER_AFTER.match(text, after.end())
            span = (after.start("d") if after.group("d") else after.start("d2"), after.end())
            dated.append((r, d, span, " ".join(who.group("who").lower().split()) if who else ""))
        for i, (a, da, _, wa) in enumerate(dated):
            for b, db, span_b, wb in dated[i + 1:]:
                if a.symbol != b.symbol or da.year != db.year or (a.year or da.year) != (b.year or db.year):
                    continue
                if not _same_issuer(wa, wb):
                    continue
                na, nb = int(a.number), int(b.number)
                if na == nb or (na < nb) == (da <= db) or da == db:
                    continue
                small, big = (a, b) if na < nb else (b, a)
                d_small, d_big = (da, db) if na < nb else (db, da)
                yield ctx.finding(
                    rule, unit, b.start, b.end, first=a.text, second=b.text,
                    evidence={"arithmetic": f"số {small.number} < số {big.number} nhưng ngày "
                                            f"{fmt_date(d_small)} > {fmt_date(d_big)}",
                              "symbol": a.symbol, "year": da.year},
                    arithmetic=f"số {small.number} ({fmt_date(d_small)}) nhỏ hơn số {big.number} "
                               f"({fmt_date(d_big)}) nhưng ngày lại sau")


__all__ = ["refs_of", "TYPE_ABBREVIATIONS"]
