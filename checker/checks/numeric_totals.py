"""Totals against their breakdowns: sums, "trong đó" parts, complements, shares of a total."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..context import CheckContext
from ..extract.figures import Quantity
from ..extract.lists import (Enumeration, Item, bullet_items, bullet_marker, closed_by_remainder, ends_with_colon,
                             inline_enumerations, item_at, joined_figures)
from ..extract.numbers import parse_vn_number
from ..extract.units import comparable, head
from ..findings import Finding, Severity
from ..model import TextUnit
from ..ruleset import RuleSpec
from ..structure import is_tt_title
from . import register
from .arith import in_span, as_written, slip_note, fits, fmt, interval_sum, one_slip_apart

# An item whose figure is a change, a comparison, an average or another period is not a part
# ("nhiễm trung bình 137 ha" is a level of severity, not an average).
NOT_A_PART_RE = regex.compile(
    r"(?<!\p{L})(?:tăng|giảm|so với|cùng kỳ|(?:kỳ|năm|tháng|quý) trước|năm \d{4}\s*:|hơn|vượt|bình quân|"
    r"(?<!(?:nhiễm|mức|loại|hạng|cấp)\s+)trung bình|mỗi|khoảng|gần|trên \d|dưới \d|lũy kế|luỹ kế|tổng|chiếm|"
    r"còn lại|tối đa|tối thiểu|ít nhất|"
    r"nhiều nhất|lên|xuống)(?!\p{L})",
    regex.IGNORECASE)
# the share a part gives of itself ("112 cơ sở đạt yêu cầu, chiếm 88,9%") does not make it a non-part
LETTERS_RE = regex.compile(r"\p{L}+")
TOTAL_WORD_RE = regex.compile(r"(?<!\p{L})tổng(?!\p{L})", regex.IGNORECASE)
WORD2_RE = regex.compile(r"\p{L}{2,}")
COMMAS_SPACES_RE = regex.compile(r"[,\s]+")
FULL_STOP_RE = regex.compile(r"(?<!\d)\.(?=\s|$)")
CLAUSE_END_RE = regex.compile(r"(?<!\d)\.(?!\d)(?=\s|$)|[!?;]")
NOT_SHARE_ITEM_RE = regex.compile(r"tăng|giảm|so với|cùng kỳ|kế hoạch|KH")
SHARE_CUE_RE = regex.compile(r"chiếm|\(|tỷ lệ|tỉ lệ")
OWN_SHARE_RE = regex.compile(r"[,(]\s*chiếm(?:\s+tỷ\s+lệ|\s+tỉ\s+lệ)?\s*\d[\d.,]*\s?%", regex.IGNORECASE)
MAX_GAP_WORDS = 4  # words allowed between a total and "(" / "gồm" for a sum check


class Located:
    def __init__(self, unit: TextUnit, enum: Enumeration):
        self.unit, self.enum = unit, enum


def enumerations(ctx: CheckContext) -> list[Located]:
    """Every enumeration of the document (inline and bullet lists), cached for all rules."""
    cached = ctx.cache.get("numeric.enumerations")
    if cached is not None:
        return cached
    out: list[Located] = []
    units = ctx.units()
    for i, unit in enumerate(units):
        text = unit.ntext
        facts = ctx.facts(unit)
        for enum in inline_enumerations(text, facts):
            out.append(Located(unit, enum))
        if ends_with_colon(text) and facts.quantities:
            following = []
            for nxt in units[i + 1:i + 40]:
                if (nxt.table, nxt.row, nxt.col) != (unit.table, unit.row, unit.col):
                    break
                following.append((nxt.ntext, ctx.facts(nxt), nxt.index))
            items = bullet_items(following, bullet_marker(text)) or _word_bullets(units[i + 1:i + 40], unit, ctx)
            if not items:
                continue
            # the intro's total: the last quantity of its last clause
            intro_start = max(text.rfind(";"), text.rfind(". "), -1) + 1
            intro = [q for q in facts.quantities if q.start >= intro_start and not _is_year(text, q)]
            total = intro[-1] if intro else None
            kw = regex.search(r"(trong\s+đó|bao\s+gồm|gồm|cụ\s+thể)[^:]*:\s*$", text, regex.IGNORECASE)
            if total is not None and kw and _in_bracket(text, total.start, kw.start()):
                # "…, tăng 9,4% so với cùng kỳ (445.075 triệu đồng), gồm:": the bracket holds a base;
                # the total is the figure the chain of clauses speaks of
                from .numeric import _head_figure
                comma = text.rfind(",", intro_start, kw.start())
                total = _head_figure(text, facts, comma if comma >= 0 else kw.start())
                gap = ""  # the clauses between speak of the total
            else:
                gap = text[total.end:len(text) - 1] if total else ""
            inner = "trong_do" if kw and kw.group(1).lower().startswith("trong") else ""
            out.append(Located(unit, Enumeration("bullets", total, len(text), len(text), items, gap, inner)))
    ctx.cache["numeric.enumerations"] = out
    return out


def _in_bracket(text: str, pos: int, end: int) -> bool:
    """``pos`` stands inside a bracket that closes before ``end``."""
    return text.count("(", pos, end) < text.count(")", pos, end)


CLAUSE_WORD_RE = regex.compile(r"(?<!\p{L})(?:đã|được|đạt|bằng|chiếm|với|cho|tại|và|nhưng|tuy|còn|so|tăng|giảm|"
                                r"trong|của|là|có|từ|đến)(?!\p{L})", regex.IGNORECASE)


def _noun_gap(gap: str) -> bool:
    """"126 cơ sở sản xuất, kinh doanh thực phẩm, trong đó …": the total's own noun phrase, long
    but with no figure and no word that opens another clause."""
    return (_words(gap) <= 8 and not regex.search(r"[\d%()]", gap) and not CLAUSE_WORD_RE.search(gap))


YEAR_CUE_RE = regex.compile(r"(?:năm|giai\s+đoạn|đến|từ|nhiệm\s+kỳ|[-–])\s*$", regex.IGNORECASE)


def _is_year(text: str, q: Quantity) -> bool:
    """"… giai đoạn đến năm 2030:": a year, not the total an intro announces."""
    return (q.unit is None and not q.number.decimals and 1900 <= q.value <= 2100
            and bool(YEAR_CUE_RE.search(text[max(0, q.start - 15):q.start])))


LIST_STYLE_RE = regex.compile(r"^List\s+(?:Bullet|Number|Paragraph)|^Đoạn\s+văn\s+Danh\s+sách", regex.IGNORECASE)


def _word_bullets(following: list[TextUnit], intro: TextUnit, ctx: CheckContext) -> list[Item]:
    """Word's own bullets ("List Bullet" style, no dash typed): the paragraphs right after the intro
    that share one list style."""
    items: list[Item] = []
    style = None
    for nxt in following:
        if (nxt.table, nxt.row, nxt.col) != (intro.table, intro.row, intro.col) or not nxt.style \
                or not LIST_STYLE_RE.match(nxt.style) or bullet_marker(nxt.ntext):
            break
        if style is None:
            style = nxt.style
        if nxt.style != style:
            break
        item = item_at(nxt.ntext, ctx.facts(nxt))
        item.unit_index = nxt.index
        items.append(item)
    return items


def _words(gap: str) -> int:
    return len(LETTERS_RE.findall(gap))


def _parts(enum: Enumeration, strict: bool, unit=None, accept=None) -> Optional[list[Quantity]]:
    """One comparable figure per item. ``strict`` (exhaustive sums): any item without exactly
    one comparable figure, or with another kind of figure, makes the list unusable.
    Fragments without any figure ("trâu, bò, ngựa 72 con") belong to the next item."""
    total_unit = unit or enum.total.unit
    parts: list[Quantity] = []
    items = enum.items
    for n, item in enumerate(items):
        bare = not (item.quantities or item.percents or item.fractions)
        if bare and enum.kind != "bullets" and n < len(items) - 1:
            continue
        if parts and item.percents and not item.quantities and not item.fractions:
            continue  # "…, chiếm tỷ lệ 4,12%": the share of the previous item
        own = [q for q in item.quantities if (accept(q.unit) if accept else comparable(total_unit, q.unit))]
        other = [q for q in item.quantities if q not in own and q.unit is not None and not q.unit.is_count]
        excluded = bool(NOT_A_PART_RE.search(OWN_SHARE_RE.sub(" ", item.head)))
        if len(own) >= 2 and not other and not excluded and not item.percents and not item.fractions \
                and joined_figures(item, own):
            parts.extend(own)  # "163 trẻ trai và 145 trẻ gái": two parts the list reader kept together
            continue
        if strict:
            if len(own) != 1 or other or item.fractions or excluded:
                return None
            if any(pc.start < own[0].start for pc in item.percents):
                return None
            if len(item.quantities) > 1 and any(q.unit is None for q in item.quantities):
                return None
        elif len(own) != 1 or excluded or item.fractions:
            if TOTAL_WORD_RE.search(item.head):
                break  # another total: the list has ended
            continue
        parts.append(own[0])
    return parts


def _leading_parts(enum: Enumeration, unit, accept=None) -> Optional[list[Quantity]]:
    """The parts a "trong đó" list opens with: one figure per item ("163 trẻ trai và 145 trẻ gái" is
    two), up to the first item without a figure of the total's unit (another clause of the sentence:
    "…; tỷ số giới tính khi sinh là …"). An item with a fraction, a change or another measure
    makes the list unreadable (None)."""
    parts: list[Quantity] = []
    for n, item in enumerate(enum.items):
        own = [q for q in item.quantities if (accept(q.unit) if accept else comparable(unit, q.unit))]
        if not own:
            if not (item.quantities or item.percents or item.fractions) and n < len(enum.items) - 1:
                continue  # a fragment of the next item ("… thuộc sở, ngành, 24 đơn vị …")
            break
        other = [q for q in item.quantities if q not in own and q.unit is not None and not q.unit.is_count]
        if item.fractions or other or NOT_A_PART_RE.search(OWN_SHARE_RE.sub(" ", item.head)):
            return None
        if len(own) == 1:
            parts.append(own[0])
        elif joined_figures(item, own) and not item.percents:
            parts.extend(own)
        else:
            return None
    return parts


def _half(q: Quantity) -> Decimal:
    """Rounding slack of a printed figure; counts are exact."""
    return Decimal(0) if q.unit is None or q.unit.is_count else q.number.half_ulp


def _label(q: Quantity, with_unit: bool) -> str:
    return f"{q.number.text} {q.unit.canonical}" if with_unit and q.unit else q.number.text


def _total_ok(enum: Enumeration) -> bool:
    return enum.total is not None and enum.total.unit is not None


# ---------------------------------------------------------------- SO002 sums


class SumParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_parts: int = Field(2, ge=2)


@register("breakdown_sum", SumParams)
def breakdown_sum(ctx: CheckContext, rule: RuleSpec, p: SumParams) -> Iterable[Finding]:
    """"39 con (11 con trâu, 23 con nghé, 01 con bò, 04 con bê)": an exhaustive list adds up to its total."""
    for loc in enumerations(ctx):
        enum = _with_head_total(loc.unit.ntext, ctx.facts(loc.unit), loc.enum)
        # a "trong đó" list may name only some parts, but parts that are disjoint cannot add up to
        # more than the whole: that is said when one slipped digit explains the excess exactly
        some_parts = enum.partial and not enum.open_ended
        if not _total_ok(enum) or (enum.partial and not some_parts):
            continue
        if enum.kind != "bullets" and _words(enum.gap) > MAX_GAP_WORDS and not (some_parts and _noun_gap(enum.gap)):
            continue
        if enum.kind == "bullets" and regex.search(r"\d", enum.gap):
            continue
        total = enum.total
        unit, accept = total.unit, None
        if total.unit.is_count:
            accept = _named_nouns(total, enum)
            unit = _count_total_unit(total, enum) if accept is None else total.unit
            if unit is None:
                continue
        parts = _leading_parts(enum, unit, accept) if some_parts else _parts(enum, strict=True, unit=unit,
                                                                               accept=accept)
        if not parts or len(parts) < p.min_parts:
            continue
        lo, hi = interval_sum((q.value, _half(q), q.unit.factor) for q in parts)
        t_lo = (total.value - _half(total)) * total.unit.factor
        t_hi = (total.value + _half(total)) * total.unit.factor
        mixed = len({q.unit.canonical for q in parts + [total]}) > 1
        exact = sum((q.value * q.unit.factor for q in parts), Decimal(0)) / total.unit.factor
        decimals = max([q.number.decimals for q in parts] + [total.number.decimals])
        if total.unit.is_count:
            decimals = 0
        shown = " + ".join(_label(q, mixed) for q in parts)
        unit_txt = f" {total.unit.canonical}" if mixed and not total.unit.is_count else ""
        if hi >= t_lo and lo <= t_hi:
            continue
        if _sum_is_earlier_figure(loc.unit.ntext, ctx.facts(loc.unit), total, exact):
            continue  # "18.240 trẻ em dưới 6 tuổi (nhà trẻ 5.120 cháu, mẫu giáo 13.120 cháu)": not that total
        if some_parts and (lo <= t_hi or any((q.value - _half(q)) * q.unit.factor > t_hi for q in parts)):
            continue  # short of the total, or one part alone exceeds it (SO003)
        if enum.kind == "bullets" or enum.loose:
            # where such a list ends is a guess: if its first items already make the total,
            # the rest is something else ("…, gồm 10.000 con trâu, 31.108 con bò, đàn gia cầm 291.000 con")
            if any(_interval_hits(parts[:k], total) for k in range(p.min_parts, len(parts))):
                continue
        # a bare parenthesis may name only the main parts; a shortfall is said only when the
        # parenthesis follows the total directly ("39 con (…)"), and then as a warning
        short = hi < t_lo and enum.kind == "paren" and not enum.inner_kind
        if short and _words(enum.gap) > 0:
            continue
        arithmetic = f"{shown} = {fmt(exact, decimals)}{unit_txt} ≠ {total.number.text}{unit_txt}"
        candidates = [("tổng", total.number.text, as_written(exact, total.number.text))]
        for q in parts:
            need = (total.value * total.unit.factor - (exact * total.unit.factor - q.value * q.unit.factor)) \
                / q.unit.factor
            if need > 0:
                candidates.append(("số thành phần", q.number.text, as_written(need, q.number.text)))
        note = slip_note(candidates)
        if some_parts and not any(one_slip_apart(w, c) for _, w, c in candidates):
            continue
        yield ctx.finding(
            rule, loc.unit, total.start, total.end, severity=Severity.warning if short or some_parts else None,
            arithmetic=arithmetic, stated=total.number.text,
            suggestion=("Kiểm tra lại tổng hoặc các số thành phần" + (f" ({note})" if note else "")),
            evidence={"arithmetic": arithmetic, "total": total.number.text,
                      "parts": [q.number.text for q in parts], "computed": float(exact),
                      **({"likely_slip": note} if note else {})},
        )


AGE_UNITS = {"tuổi", "tháng tuổi", "năm tuổi", "ngày tuổi"}
AGE_BOUND_RE = regex.compile(r"(?:\s+\p{L}+){0,3}\s+(?:dưới|trên|từ|đủ|đến|trong\s+độ\s+tuổi)\s+", regex.IGNORECASE)


def _with_head_total(text: str, facts, enum: Enumeration) -> Enumeration:
    """Two shapes the list reader leaves incomplete, made whole:

    * no total, because clauses stand between the total and "gồm:" ("186.450 triệu đồng, bằng
      78,4% dự toán năm (237.800 triệu đồng), tăng 12,6% so với cùng kỳ năm 2023 (165.580 triệu
      đồng), gồm: …"): the total is the figure those clauses speak of;
    * "open-ended" only because its last item is the rest ("các khoản thu khác 16.600 triệu
      đồng"): a named remainder with its own figure makes the list complete."""
    from dataclasses import replace
    from .numeric import _head_figure
    total = enum.total
    if total is not None and total.unit is not None and total.unit.canonical.lower() in AGE_UNITS:
        # "18.240 trẻ em dưới 6 tuổi (nhà trẻ 5.120 cháu, …)": the age bounds the count before it
        clause = max(text.rfind(";", 0, total.start), text.rfind(". ", 0, total.start), -1) + 1
        counts = [q for q in in_span(facts.quantities, clause, total.start)
                  if q.unit is not None and q.unit.is_count and q.unit.canonical.lower() not in AGE_UNITS]
        if counts and AGE_BOUND_RE.fullmatch(text, counts[-1].end, total.start):
            enum = replace(enum, total=counts[-1], gap=text[counts[-1].end:total.start] + enum.gap)
    if enum.total is None and enum.kind in ("gom", "cu_the", "trong_do"):
        kw = text.rfind(",", 0, enum.start)
        head = _head_figure(text, facts, kw if kw >= 0 else enum.start)
        if head is not None and head.end < enum.start:
            enum = replace(enum, total=head, gap="")
    if closed_by_remainder(text, enum):
        enum = replace(enum, open_ended=False)
    return enum


def _sum_is_earlier_figure(text: str, facts, total: Quantity, exact: Decimal) -> bool:
    """The parts add up exactly to another count earlier in the clause than the figure read as the
    total (an age, a size between them): that count is the total, and it fits."""
    clause = max(text.rfind(";", 0, total.start), text.rfind(". ", 0, total.start), -1) + 1
    return any(q.end <= total.start and q.value == exact and q.unit is not None and q.unit.is_count
               for q in in_span(facts.quantities, clause, total.start))


def _named_nouns(total: Quantity, enum: Enumeration):
    """"124 xã, phường, đặc khu (103 xã, 20 phường, 01 đặc khu)": parts whose nouns are all named
    in the total's noun phrase. Returns an acceptance test, or None when this does not apply."""
    phrase = " " + COMMAS_SPACES_RE.sub(" ", (total.unit_text + enum.gap).lower()) + " "
    nouns = {q.unit.canonical.lower() for it in enum.items for q in it.quantities
             if q.unit is not None and q.unit.is_count}
    if len(nouns) < 2 or not all(f" {n} " in phrase for n in nouns):
        return None
    return lambda u: u is not None and u.is_count and u.canonical.lower() in nouns


def _interval_hits(parts: list[Quantity], total: Quantity) -> bool:
    lo, hi = interval_sum((q.value, _half(q), q.unit.factor) for q in parts)
    return hi >= (total.value - _half(total)) * total.unit.factor and lo <= (total.value + _half(total)) * total.unit.factor


def _count_total_unit(total: Quantity, enum: Enumeration):
    """The unit a count total's parts are read in. Parts must agree among themselves; the total's
    noun must be the parts' noun, a collective ("gia súc"), or a word we do not know (a typo:
    "18 đoeẻ", read as the parts' noun). None when they do not fit."""
    from ..extract.units import is_known_unit
    units = [q.unit for item in enum.items for q in item.quantities if q.unit is not None and q.unit.is_count]
    if not units or len({head(u) for u in units}) != 1:
        return None
    if comparable(total.unit, units[0]):
        return total.unit
    if units[0].canonical.lower() in CHILD_CLASSIFIERS and total.unit.canonical.lower() in PEOPLE_NOUNS:
        return units[0]  # "61.450 học sinh (mầm non 16.820 em, tiểu học 23.170 em, …)"
    if units[0].canonical.lower() == "người" and total.unit.canonical.lower() in PERSON_NOUNS:
        return units[0]  # "1.856 cán bộ, công chức, viên chức (cấp huyện 642 người, cấp xã 1.214 người)"
    return units[0] if not is_known_unit(total.unit) else None


# "em", "cháu" count children and pupils: parts so counted belong to a total of pupils or children
CHILD_CLASSIFIERS = {"em", "cháu"}
# "người" counts persons: parts so counted belong to a total of persons of one kind
PERSON_NOUNS = {"cán bộ", "công chức", "viên chức", "lao động", "học viên", "đảng viên", "hội viên", "đoàn viên",
                "thanh niên", "công dân", "bệnh nhân", "học sinh", "sinh viên", "giáo viên", "nhân viên",
                "người lao động", "chiến sĩ", "quân nhân", "thành viên", "đại biểu", "cử tri"}
PEOPLE_NOUNS = {"học sinh", "trẻ", "trẻ em", "cháu", "em", "thiếu nhi", "học viên", "sinh viên", "trẻ mầm non"}


# ---------------------------------------------------------------- SO003 part > whole


@register("part_exceeds_total")
def part_exceeds_total(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"10.084 lượt người (trong đó 5.502 lượt người nghèo …)": no part may exceed the whole."""
    for loc in enumerations(ctx):
        enum = loc.enum
        total = enum.total
        if total is None:
            continue
        unit = total.unit
        if unit is None:
            unit = _borrowed_unit(enum)  # "là 2.372 (trong đó, cấp tỉnh 1.946 TTHC, cấp xã 426 TTHC)"
            if unit is None:
                continue
            total = Quantity(total.number, unit, "", total.end)
        if enum.kind != "bullets" and _words(enum.gap) > MAX_GAP_WORDS:
            continue
        if _base_of_a_change(loc.unit.ntext, total, enum):
            continue
        t_hi = (total.value + _half(total)) * total.unit.factor
        parts = _parts(enum, strict=False, unit=unit) or []
        if enum.loose and parts:
            first = next((it for it in enum.items if it.quantities), None)
            parts = [q for q in parts if first is not None and q in first.quantities]
        for q in parts:
            if total.unit.is_count and head(q.unit) != head(total.unit):
                continue
            if (q.value - _half(q)) * q.unit.factor <= t_hi:
                continue
            unit = loc.unit
            start, end = q.start, q.number.end
            if enum.kind == "bullets":
                unit = next(u for u in ctx.units() if u.index == _item_of(enum, q).unit_index)
            arithmetic = f"{_label(q, True)} > {_label(total, True)}"
            yield ctx.finding(
                rule, unit, start, end, arithmetic=arithmetic, part=q.number.text, total=total.number.text,
                suggestion="Số thành phần không thể lớn hơn tổng; kiểm tra lại một trong hai số",
                evidence={"arithmetic": arithmetic, "total": total.number.text, "part": q.number.text},
            )


CHANGE_BEFORE_RE = regex.compile(r"(?<!\p{L})(?:tăng|giảm|vượt|hơn)(?:\s+thêm)?\s*$", regex.IGNORECASE)
OTHER_PERIOD_RE = regex.compile(r"(?<!\p{L})(?:(?:năm|tháng|quý|kỳ)\s+(?:\d|trước)|cùng\s+kỳ|đầu\s+năm)",
                                regex.IGNORECASE)


def _base_of_a_change(text: str, total: Quantity, enum: Enumeration) -> bool:
    """"tăng 131 đơn (6 tháng đầu năm 2019 tiếp nhận 1.405 đơn)": the bracket after a change gives the
    figure of the period compared with, not parts of the change."""
    return (enum.kind == "paren" and CHANGE_BEFORE_RE.search(text, max(0, total.start - 20), total.start) is not None
            and any(OTHER_PERIOD_RE.search(it.text) for it in enum.items))


def _borrowed_unit(enum: Enumeration):
    """A bare total directly followed by a bracket whose items all count the same thing."""
    if enum.kind != "paren" or enum.gap.strip():
        return None
    units = [q.unit for it in enum.items for q in it.quantities]
    if len(units) < 2 or any(u is None or not u.is_count for u in units) or len({head(u) for u in units}) != 1:
        return None
    return units[0]


def _item_of(enum: Enumeration, q: Quantity) -> Item:
    return next(it for it in enum.items if q in it.quantities)


# ---------------------------------------------------------------- SO004 complements

NEGATION_AFTER = regex.compile(r"\s*(?:[\p{L}]+\s+){0,3}?(?:chưa|không|còn lại|đang)(?!\p{L})", regex.IGNORECASE)
NEGATION_BEFORE = regex.compile(r"(?:còn lại|còn|chưa có)\s*$", regex.IGNORECASE)


@register("fraction_complement")
def fraction_complement(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"15/17 xã đã tiêm xong; 02 xã chưa tiêm xong": done + not done = all."""
    for unit in ctx.units_with_digits():  # a unit without a digit has no figure (extract returns none)
        facts = ctx.facts(unit)
        if not facts.fractions:
            continue
        text = unit.ntext
        for frac in facts.fractions:
            noun = frac.whole.unit or frac.part.unit
            if noun is None or not noun.is_count or frac.part.number.decimals or frac.whole.number.decimals:
                continue
            stop = len(text)
            m = FULL_STOP_RE.search(text, frac.end)
            if m:
                stop = m.start()
            later = [f for f in in_span(facts.fractions, frac.end + 1, stop)]
            if later:
                stop = later[0].start
            same = [q for q in in_span(facts.quantities, frac.end, stop) if q.unit is not None
                    and q.unit.is_count and head(q.unit) == head(noun) and not q.number.decimals]
            for k, q in enumerate(same):
                clause = max(frac.end, text.rfind(";", 0, q.start) + 1)
                if regex.search(r"trong\s+đó", text[clause:q.start], regex.IGNORECASE):
                    continue  # a subset of the part done ("trong đó có 10 dự án …")
                if not (NEGATION_AFTER.match(text, q.end) or NEGATION_BEFORE.search(text[max(0, q.start - 12):q.start])):
                    break  # a figure of the same thing that is not the rest: a third category
                if len(same) > k + 1:
                    break  # more figures follow: "2 chưa hoàn thành, 1 đang thực hiện"
                a, b, c = frac.part.value, frac.whole.value, q.value
                if a + c == b:
                    break
                arithmetic = f"{frac.part.number.text} + {q.number.text} = {fmt(a + c, 0)} ≠ {frac.whole.number.text}"
                note = slip_note([
                    ("số đã thực hiện", frac.part.number.text, as_written(b - c, frac.part.number.text)),
                    ("số chưa thực hiện", q.number.text, as_written(b - a, q.number.text)),
                    ("tổng", frac.whole.number.text, as_written(a + c, frac.whole.number.text)),
                ])
                yield ctx.finding(
                    rule, unit, q.start, q.end, arithmetic=arithmetic, fraction=frac.text,
                    suggestion=f"Theo {frac.text} thì phần còn lại là {as_written(b - a, q.number.text)}"
                               + (f" ({note})" if note else ""),
                    evidence={"arithmetic": arithmetic, "fraction": frac.text, "rest": q.number.text,
                              **({"likely_slip": note} if note else {})},
                )
                break
    yield from _received_done_pending(ctx, rule)
    yield from _rest_named_later(ctx, rule)


# "tiếp nhận 339.133 hồ sơ, đã giải quyết 305.712 hồ sơ (…); đang giải quyết 33.421 hồ sơ": received =
# done + pending, when the sentence names exactly those two parts of the total.
RECEIVED_CUE_RE = regex.compile(r"(?<!\p{L})(?:tiếp\s+nhận(?:\s+mới)?|thụ\s+lý|tổng|phát\s+sinh|rà\s+soát|"
                                r"kiểm\s+tra|được\s+giao)(?!\p{L})[^\d;.]{0,40}$"
                                # "Trong 12 nhiệm vụ được giao, …": the sentence opens with the whole
                                r"|(?:^|[.;:]\s*|\n)\s*[Tt]rong(?:\s+(?:tổng\s+)?số)?\s+$", regex.IGNORECASE)
DONE_CUE_RE = regex.compile(r"(?<!\p{L})(?:đã|hoàn\s+thành|giải\s+quyết\s+xong)(?!\p{L})[^\d;]{0,40}$",
                            regex.IGNORECASE)
DONE_AFTER_RE = regex.compile(r"\s*(?:đã|hoàn\s+thành)(?!\p{L})", regex.IGNORECASE)
PENDING_AFTER_RE = regex.compile(r"\s*(?:chưa|đang|còn)(?!\p{L})", regex.IGNORECASE)
# "20 dự án được giao kế hoạch vốn năm 2024": the year of the plan describes the total
PLAN_YEAR_RE = regex.compile(r"(?:kế\s+hoạch|KH|dự\s+toán)(?:\s+vốn)?\s+năm\s+(?:19|20)\d{2}", regex.IGNORECASE)
PENDING_CUE_RE = regex.compile(r"(?<!\p{L})(?:đang|chưa|còn(?:\s+lại)?|tồn)(?!\p{L})[^\d;]{0,40}$",
                               regex.IGNORECASE)


BRACKET_RE = regex.compile(r"[()]")


def _paren_levels(text: str) -> list[int]:
    """The bracket depth at each character ("(" counts from itself, ")" still inside). Only the
    brackets change the depth, so the runs between them are filled in one step each."""
    depth, level, pos = 0, [], 0
    for m in BRACKET_RE.finditer(text):
        i = m.start()
        level.extend([depth] * (i - pos))
        if text[i] == "(":
            depth += 1
            level.append(depth)
        else:
            level.append(depth)
            depth -= 1 if depth else 0
        pos = i + 1
    level.extend([depth] * (len(text) - pos))
    return level


SENTENCE_END_RE = regex.compile(r"(?<!\d)\.(?!\d)(?=\s|$)|[!?]")
OTHER_PERIOD_RE = regex.compile(r"(?<!\p{L})(?:tiếp\s+nhận|trong\s+đó|lũy\s+kế|luỹ\s+kế|tháng|năm|kỳ)(?!\p{L})",
                                regex.IGNORECASE)


def _received_done_pending(ctx: CheckContext, rule: RuleSpec) -> Iterable[Finding]:
    for unit in ctx.units_with_digits():  # needs three quantities: none without a digit
        facts = ctx.facts(unit)
        if len(facts.quantities) < 3:
            continue
        text = unit.ntext
        level: Optional[list[int]] = None  # computed for the few paragraphs with a "received" cue
        # the two parts follow the total (quantities are sorted and disjoint): the last two are no total
        for total in facts.quantities[:-2]:
            if total.unit is None or (total.unit.is_count and total.number.decimals):
                continue
            count = total.unit.is_count
            if not RECEIVED_CUE_RE.search(text[max(0, total.start - 60):total.start]):
                continue
            if level is None:
                level = _paren_levels(text)
            if level[total.start]:
                continue
            end_m = SENTENCE_END_RE.search(text, total.end)
            end = end_m.start() if end_m else len(text)
            after = [q for q in in_span(facts.quantities, total.end, end) if not level[q.start]
                     and q.unit is not None and (head(q.unit) == head(total.unit) if count
                                                 else comparable(q.unit, total.unit))]
            if len(after) != 2 or any(not level[f.start] for f in in_span(facts.fractions, total.end, end)):
                continue
            done, rest = after
            # the state before the figure ("đã giải quyết 120 hồ sơ") or after it ("17 dự án đã giải ngân")
            if not ((DONE_CUE_RE.search(text[max(total.end, done.start - 45):done.start])
                     or DONE_AFTER_RE.match(text, done.end))
                    and (PENDING_CUE_RE.search(text[max(done.end, rest.start - 45):rest.start])
                         or PENDING_AFTER_RE.match(text, rest.end))):
                continue
            if any(OTHER_PERIOD_RE.search(PLAN_YEAR_RE.sub(" ", text[a:b]))
                   for a, b in ((total.end, done.start), (done.end, rest.start))):
                continue  # another period or a subset: not the two halves of this total
            fd, fr, ft = (q.unit.factor for q in (done, rest, total))
            a, b, c = done.value * fd, rest.value * fr, total.value * ft
            slack = Decimal(0) if count else _half(done) * fd + _half(rest) * fr + _half(total) * ft
            if abs(a + b - c) <= slack:
                continue
            candidates = [("số đã thực hiện", done.number.text, as_written((c - b) / fd, done.number.text)),
                          ("số còn lại", rest.number.text, as_written((c - a) / fr, rest.number.text)),
                          ("tổng", total.number.text, as_written((a + b) / ft, total.number.text))]
            if c - b < 0 or c - a < 0 or not any(one_slip_apart(w, r) for _, w, r in candidates):
                continue  # no single slipped digit explains it: maybe a third kind is left out
            note = slip_note(candidates)
            decimals = max(q.number.decimals for q in (done, rest, total))
            arithmetic = f"{done.number.text} + {rest.number.text} = {fmt((a + b) / ft, decimals)} ≠ {total.number.text}"
            yield ctx.finding(
                rule, unit, rest.start, rest.end, severity=Severity.warning, arithmetic=arithmetic,
                fraction=total.number.text,
                suggestion=f"Theo tổng {total.number.text} thì phần còn lại là {as_written((c - a) / fr, rest.number.text)}"
                           + (f" ({note})" if note else ""),
                evidence={"arithmetic": arithmetic, "total": total.number.text, "done": done.number.text,
                          "rest": rest.number.text, **({"likely_slip": note} if note else {})},
            )


# "Tổng số mộ phải di dời là 326 mộ …; đến nay đã di dời 251 mộ" … later: "Hoàn thành di dời 75 mộ
# còn lại": the rest named later is the whole less the part done, said earlier with the same verb
REST_AFTER_RE = regex.compile(r"\s*còn\s+lại(?!\p{L})", regex.IGNORECASE)
DONE_LEAD_RE = regex.compile(r"(?<!\p{L})đã(?!\p{L})[^\d;.]{0,60}$", regex.IGNORECASE)
STOP_WORDS = {"cho", "các", "đã", "hoàn", "thành", "xong", "số", "của", "và", "với", "được", "trong", "đến",
              "nay", "tại", "việc", "công", "tác", "tiếp", "tục", "tập", "trung", "thực", "hiện"}


def _content_words(text: str) -> set[str]:
    return {w for w in LETTERS_RE.findall(text.lower()) if w not in STOP_WORDS}


def _rest_named_later(ctx: CheckContext, rule: RuleSpec) -> Iterable[Finding]:
    # (unit index, whole, done, words before done) by the head noun of the count; only figures
    # are read, and a unit without a digit has none
    pairs: dict[str, list[tuple]] = {}
    for unit in ctx.units_with_digits():
        facts = ctx.facts(unit)
        text = unit.ntext
        for q in facts.quantities:
            if q.unit is None or not q.unit.is_count or q.number.decimals or not REST_AFTER_RE.match(text, q.end):
                continue
            clause = max(text.rfind(";", 0, q.start), text.rfind(". ", 0, q.start), -1) + 1
            words = _content_words(text[clause:q.start])
            fitting = [pr for pr in pairs.get(head(q.unit), ()) if pr[0] < unit.index and len(words & pr[3]) >= 2]
            if len(fitting) != 1:
                continue
            _, whole, done, _ = fitting[0]
            a, b, c = done.value, whole.value, q.value
            if a + c == b or b - a <= 0 or max(c, b - a) < 10:
                continue  # one-digit figures are one "slip" from any other
            candidates = [("phần còn lại", q.number.text, as_written(b - a, q.number.text)),
                          ("số đã thực hiện", done.number.text, as_written(b - c, done.number.text)),
                          ("tổng", whole.number.text, as_written(a + c, whole.number.text))]
            note = slip_note(candidates)
            if note is None:
                continue  # the rest may have changed since (more done): only a slipped digit is sure
            arithmetic = f"{whole.number.text} − {done.number.text} = {fmt(b - a, 0)} ≠ {q.number.text}"
            yield ctx.finding(
                rule, unit, q.start, q.end, severity=Severity.warning, arithmetic=arithmetic,
                suggestion=f"Theo số liệu đã nêu ({whole.number.text}, đã thực hiện {done.number.text}) thì phần "
                           f"còn lại là {as_written(b - a, q.number.text)} ({note})",
                evidence={"arithmetic": arithmetic, "total": whole.number.text, "done": done.number.text,
                          "rest": q.number.text, "likely_slip": note})
        # pairs said in this unit, for the units after it
        for frac in facts.fractions:
            noun = frac.whole.unit or frac.part.unit
            if noun is not None and noun.is_count and not frac.part.number.decimals:
                lead = text[max(0, frac.start - 80):frac.start]
                pairs.setdefault(head(noun), []).append(
                    (unit.index, Quantity(frac.whole.number, noun, "", frac.end),
                     Quantity(frac.part.number, noun, "", frac.part.end), _content_words(lead)))
        for total in facts.quantities[:-1]:  # the part done follows the total: the last is no total
            if total.unit is None or not total.unit.is_count or total.number.decimals:
                continue
            if not TOTAL_CUE_RE.search(text[max(0, total.start - 60):total.start]):
                continue
            end_m = FULL_STOP_RE.search(text, total.end)
            end = end_m.start() if end_m else len(text)
            done = [q for q in in_span(facts.quantities, total.end, end) if q.unit is not None
                    and head(q.unit) == head(total.unit) and q.value < total.value
                    and DONE_LEAD_RE.search(text[max(total.end, q.start - 60):q.start])]
            if len(done) == 1:
                lead = DONE_LEAD_RE.search(text[max(total.end, done[0].start - 60):done[0].start]).group()
                pairs.setdefault(head(total.unit), []).append((unit.index, total, done[0], _content_words(lead)))


# ---------------------------------------------------------------- SO006 share of a stated total

SHARE_END_RE = regex.compile(r"\s*(?:[;,.)]|$|trong tổng số|tổng số|so với tổng)")
SHARE_RE = regex.compile(r"^(?:\s*\p{L}+){0,6}?\s*,?\s*(?:chiếm|bằng|tương đương|tương ứng|đạt)?\s*(?:tỷ lệ|tỉ lệ)?\s*:?\s*\(?\s*$",
                         regex.IGNORECASE)


@register("share_of_total")
def share_of_total(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"… 5.502 lượt (chiếm 54,6%)" inside a breakdown of 10.084: the share is part / total."""
    judged: set[tuple[int, int]] = set()
    for loc in enumerations(ctx):
        enum = loc.enum
        if not _total_ok(enum) or enum.kind == "bullets":
            continue
        if _words(enum.gap) > MAX_GAP_WORDS:
            continue
        total = enum.total
        text = loc.unit.ntext
        facts = ctx.facts(loc.unit)
        shares = []
        for item in enum.items:
            own = [q for q in item.quantities if comparable(total.unit, q.unit)]
            if len(own) != 1 or NOT_SHARE_ITEM_RE.search(item.text):
                continue
            q = own[0]
            pcts = [pc for pc in facts.percents if q.end <= pc.start <= q.end + 60
                    and SHARE_RE.match(text[q.end:pc.start]) and SHARE_CUE_RE.search(text[q.end:pc.start])]
            pcts = [pc for pc in pcts if SHARE_END_RE.match(text, pc.end)]
            if pcts and total.value:
                shares.append((q, pcts[0]))
        stated_sum = sum((pc.number.value for _, pc in shares), Decimal(0))
        for q, pc in shares:
            judged.add((loc.unit.index, pc.start))
            actual = q.value * q.unit.factor / (total.value * total.unit.factor) * 100
            if fits(actual, pc.number):
                continue
            # shares forced to add up to 100 % move one figure by one unit of the last digit
            if len(shares) > 1 and stated_sum == 100 and abs(actual - pc.number.value) <= 2 * pc.number.half_ulp:
                continue
            correct = fmt(actual, pc.number.decimals)
            note = slip_note([("tỷ lệ", pc.number.text, correct)])
            arithmetic = f"{q.number.text} / {total.number.text} = {fmt(actual, 2)} %; báo cáo ghi {pc.text}"
            yield ctx.finding(
                rule, loc.unit, pc.start, pc.end, arithmetic=arithmetic, stated=pc.text,
                suggestion=f"Theo số liệu phải là {correct}%" + (f" ({note})" if note else ""),
                evidence={"arithmetic": arithmetic, "part": q.number.text, "total": total.number.text,
                          "computed": float(round(actual, 4))},
            )
    yield from _shares_after_trong_do(ctx, rule, judged)
    yield from _shares_agree(ctx, rule, judged)


# "thu thuế 98.236,5 triệu đồng, chiếm 31,4%; thu tiền sử dụng đất 186.420 triệu đồng, chiếm 59,7%; …"
FIGURE_SHARE_RE = regex.compile(r"\s*(?:,\s*|\(\s*)chiếm(?:\s+tỷ\s+lệ|\s+tỉ\s+lệ)?\s*:?\s*$", regex.IGNORECASE)
SHARE_CLAUSE_END_RE = regex.compile(r"\s*(?:[;,.)]|$)")


def _implied_total(q: Quantity, pc) -> tuple[Decimal, Decimal]:
    """The whole a part and its printed share imply, as an interval in base units."""
    lo_p, hi_p = pc.number.interval
    if lo_p <= 0:
        return Decimal(0), Decimal("Infinity")
    half = _half(q)
    return ((q.value - half) * q.unit.factor * 100 / hi_p, (q.value + half) * q.unit.factor * 100 / lo_p)


def _overlap(spans) -> Optional[tuple[Decimal, Decimal]]:
    lo, hi = max(s[0] for s in spans), min(s[1] for s in spans)
    return (lo, hi) if lo <= hi else None


def _printed_between(lo: Decimal, hi: Decimal, like) -> list[str]:
    """Every value in [lo, hi] printed with the decimals of ``like`` (a handful at most)."""
    step = Decimal(1).scaleb(-like.decimals)
    n = (lo / step).to_integral_value(rounding="ROUND_FLOOR")
    out = []
    while n * step <= hi + step and len(out) < 20:
        out.append(fmt(n * step, like.decimals))
        n += 1
    return out


def _shares_agree(ctx: CheckContext, rule: RuleSpec, judged: set) -> Iterable[Finding]:
    """Shares of one whole given with their parts ("A 98.236,5 triệu đồng, chiếm 31,4%; B 186.420
    triệu đồng, chiếm 59,7%; C …, chiếm 8,9%") imply the same whole even when the whole is said in
    another sentence or not at all. With three shares or more in a sentence, one that implies
    another whole than all the others do — by one slipped digit — is reported (warning)."""
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if len(facts.percents) < 3:
            continue
        text = unit.ntext
        stops = [0] + [m.end() for m in FULL_STOP_RE.finditer(text)] + [len(text) + 1]
        groups: dict = {}
        for q in facts.quantities:
            if q.unit is None or q.value <= 0:
                continue
            pcs = in_span(facts.percents, q.end, q.end + 30)
            if not pcs or not FIGURE_SHARE_RE.match(text[q.end:pcs[0].start]) \
                    or not SHARE_CLAUSE_END_RE.match(text, pcs[0].end):
                continue
            lead = text[max(0, q.start - 25):q.start]
            if NOT_A_PART_RE.search(regex.split(r"[;,:]", lead)[-1]):
                continue  # "tăng 312 ha, chiếm …": a change, not a part
            sentence = max(i for i, s in enumerate(stops) if s <= q.start)
            groups.setdefault((sentence, q.unit.canonical.lower()), []).append((q, pcs[0]))
        for shares in groups.values():
            if len(shares) < 3:
                continue
            spans = [_implied_total(q, pc) for q, pc in shares]
            if _overlap(spans):
                continue
            outliers = [i for i in range(len(shares)) if _overlap(spans[:i] + spans[i + 1:])]
            if len(outliers) != 1:
                continue
            i = outliers[0]
            q, pc = shares[i]
            if (unit.index, pc.start) in judged:
                continue
            lo, hi = _overlap(spans[:i] + spans[i + 1:])
            whole = (lo + hi) / 2
            actual = q.value * q.unit.factor / whole * 100
            correct = next((c for c in _printed_between(q.value * q.unit.factor * 100 / hi,
                                                        q.value * q.unit.factor * 100 / lo, pc.number)
                            if one_slip_apart(pc.number.text, c)), None)
            if correct is None or abs(parse_vn_number(correct) - pc.number.value) <= 2 * pc.number.half_ulp:
                continue  # one unit of the last digit: shares are often nudged to add up to 100 %
            others = "; ".join(f"{a.number.text} ↔ {b.text}" for j, (a, b) in enumerate(shares) if j != i)
            arithmetic = (f"các phần khác ({others}) cho tổng ≈ {fmt(whole / q.unit.factor, 0)} {q.unit.canonical}; "
                          f"{q.number.text} / {fmt(whole / q.unit.factor, 0)} = {fmt(actual, 2)} %, báo cáo ghi {pc.text}")
            yield ctx.finding(
                rule, unit, pc.start, pc.end, severity=Severity.warning, arithmetic=arithmetic, stated=pc.text,
                suggestion=f"Theo các tỷ lệ còn lại, phải là khoảng {correct}%",
                evidence={"arithmetic": arithmetic, "part": q.number.text, "computed": float(round(actual, 4))},
            )


# "X hồ sơ (…), trong đó: Y hồ sơ đã trả kết quả (đạt tỷ lệ P%)"; "… X hồ sơ. Trong đó, … Y hồ sơ
# (chiếm tỷ lệ P%); …": a share of a part named after "trong đó" is a share of a total named before it.
# "tăng 6,8% so với cùng kỳ năm 2024 (45.524 lượt người)": last year's figure is no total of this one
COMPARISON_BASE_RE = regex.compile(r"so\s+với(?:\s+[\p{L}\d]+){0,5}\s*\(?\s*$", regex.IGNORECASE)
TRONG_DO_RE = regex.compile(r"(?<!\p{L})trong\s+đó(?!\p{L})", regex.IGNORECASE)
PART_TO_SHARE_RE = regex.compile(
    r"^(?:\s+\p{L}+){0,8}?\s*(?:[,(]\s*|\s)(?:(?:đạt|chiếm|bằng|tương\s+đương|tương\s+ứng)\s*)?"
    r"(?:tỷ\s+lệ|tỉ\s+lệ)?\s*:?\s*$",
    regex.IGNORECASE)
SHARE_CUE_RE = regex.compile(r"chiếm|đạt|tỷ\s+lệ|tỉ\s+lệ|\(", regex.IGNORECASE)
# after the percent: the end of the clause, or the base named as the total ("… 97% số hộ nghèo")
SHARE_TAIL_RE = regex.compile(r"\s*(?:[);,.]|$|(?:so\s+với\s+|trên\s+|trong\s+)?(?:tổng\s+)?số(?!\p{L}))",
                              regex.IGNORECASE)
FULL_STOP_RE = regex.compile(r"(?<!\d)\.(?!\d)(?=\s|$)|[!?]")


def _shares_after_trong_do(ctx: CheckContext, rule: RuleSpec, judged: set) -> Iterable[Finding]:
    """The share of a part listed after "trong đó" must be the part over one of the totals named
    before "trong đó" (in the same sentence or the one before): any that fits keeps the rule quiet."""
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if not facts.percents or len(facts.quantities) < 2:
            continue
        text = unit.ntext
        marks = [m.start() for m in TRONG_DO_RE.finditer(text)]
        quantities = [q for q in facts.quantities if q.unit is not None]
        for pc in facts.percents:
            if (unit.index, pc.start) in judged:
                continue
            before = [q for q in facts.quantities if q.end <= pc.start]
            if not before:
                continue
            part = before[-1]
            if part.unit is None:  # "…; trong đó: Số hồ sơ giải quyết đúng hạn là 193.457 (tỷ lệ 99,2%)"
                part = _named_part(text, quantities, part, marks)
                if part is None:
                    continue
            gap = text[part.end:pc.start]
            if len(gap) > 60 or not PART_TO_SHARE_RE.match(gap) or not SHARE_CUE_RE.search(gap):
                continue
            if not SHARE_TAIL_RE.match(text, pc.end):
                continue  # "… đạt 86% kế hoạch", "chiếm 12,8% dân số": another base
            if any(f.start <= part.start < f.end for f in facts.fractions):
                continue  # a fraction's own percent: SO001
            completion = not SHARE_WORD_RE.search(gap)  # "đạt 59,42%": only "đạt" says it is a share
            if completion and pc.number.value > 100:
                continue  # "đạt 119,07%": a part is never more than its whole; the part's own rate
            k = next((m for m in reversed(marks) if m < part.start), None)
            severity = None
            if k is not None and not FULL_STOP_RE.search(text, k, part.start):
                stops = [m.end() for m in FULL_STOP_RE.finditer(text, 0, k)]
                window_start = stops[-2] if len(stops) >= 2 else 0  # this sentence and the one before
                totals = [q for q in quantities if window_start <= q.start and q.end <= k
                          and comparable(q.unit, part.unit) and q.value >= part.value and q.value > 0
                          and not COMPARISON_BASE_RE.search(text[max(0, q.start - 80):q.start])]
            else:
                # "đã tiếp nhận 18.426 hồ sơ và giải quyết được 17.922 hồ sơ, chiếm tỷ lệ 97,26%": one
                # total named as such earlier in the sentence, and no other figure it could be of
                totals, severity = _named_total(text, facts, quantities, part, pc), Severity.warning
            if not totals:
                continue
            if completion and any(_own_completion_rate(text, t) for t in totals):
                continue  # "Tổng chi … đạt 78,09% dự toán. Trong đó: chi thường xuyên …, đạt 59,42%": each its rate
            fits_any = False
            for t in totals:
                actual = part.value * part.unit.factor / (t.value * t.unit.factor) * 100
                if fits(actual, pc.number):
                    fits_any = True
                    break
            if fits_any:
                continue
            own = {q.start for q in totals if _own_percent(text, facts, q)}
            total = next((t for t in reversed(totals) if t.start not in own), totals[-1])
            actual = part.value * part.unit.factor / (total.value * total.unit.factor) * 100
            correct = fmt(actual, pc.number.decimals)
            note = slip_note([("tỷ lệ", pc.number.text, correct)])
            others = [t.number.text for t in totals if t is not total]
            arithmetic = f"{part.number.text} / {total.number.text} = {fmt(actual, 2)} %; báo cáo ghi {pc.text}"
            yield ctx.finding(
                rule, unit, pc.start, pc.end, severity=severity, arithmetic=arithmetic, stated=pc.text,
                suggestion=f"Theo số liệu phải là {correct}%" + (f" ({note})" if note else ""),
                evidence={"arithmetic": arithmetic, "part": part.number.text, "total": total.number.text,
                          "computed": float(round(actual, 4)),
                          **({"other_totals_tried": others} if others else {})},
            )


def _named_part(text: str, quantities: list[Quantity], bare: Quantity, marks: list[int]) -> Optional[Quantity]:
    """A bare figure after "trong đó" whose noun is written before it ("Số hồ sơ … là 193.457"):
    read it in the unit of the total named before "trong đó" with that noun."""
    k = next((m for m in reversed(marks) if m < bare.start), None)
    if k is None or bare.start - k > 150:
        return None
    lead = text[k:bare.start].lower()
    for q in reversed([q for q in quantities if q.end <= k]):
        noun = r"(?<!\p{L})" + regex.escape(q.unit.canonical.lower()) + r"(?!\p{L})"
        if q.unit.is_count and regex.search(noun, lead):
            return Quantity(bare.number, q.unit, "", bare.end)
    return None


# a total, or the population a check was run on ("kiểm tra 48 cơ sở, phát hiện 06 cơ sở vi phạm (12,5%)")
TOTAL_CUE_RE = regex.compile(r"(?<!\p{L})(?:tổng\s+số|tổng\s+cộng|tổng|tiếp\s+nhận(?:\s+mới)?|thụ\s+lý|phát\s+sinh|"
                             r"kiểm\s+tra|thanh\s+tra|rà\s+soát|khám(?:\s+sàng\s+lọc)?|xét\s+nghiệm|điều\s+tra)"
                             r"(?:\s+\p{L}+){0,8}?\s*(?:là|:)?\s*$", regex.IGNORECASE)


def _named_total(text: str, facts, quantities: list[Quantity], part: Quantity, pc) -> list[Quantity]:
    """The only figure of the sentence a share can be of: comparable with the part, larger, without a
    share of its own, and introduced as a total ("tổng số", "tiếp nhận", "phát sinh")."""
    stops = [m.end() for m in FULL_STOP_RE.finditer(text, 0, part.start)]
    sentence = stops[-1] if stops else 0
    left = max([sentence] + [m.end() for m in regex.finditer(r";", text[:part.start])])
    right_m = CLAUSE_END_RE.search(text, pc.end)
    right = right_m.start() if right_m else len(text)
    same = [q for q in quantities if left <= q.start and q.end <= right and q is not part
            and comparable(q.unit, part.unit)]
    candidates = [q for q in same if q.value > part.value and not _own_percent(text, facts, q)]
    if not candidates and left > sentence:
        # "Tổng số mộ phải di dời là 326 mộ (…); đến nay đã di dời 251 mộ, đạt 77,0%": the total
        # opens the sentence, in the clause before ";", introduced as a total
        earlier = [q for q in quantities if sentence <= q.start and q.end <= left and comparable(q.unit, part.unit)
                   and q.value > part.value and not _own_percent(text, facts, q)]
        if len(earlier) == 1 and TOTAL_CUE_RE.search(text[max(sentence, earlier[0].start - 80):earlier[0].start]):
            left, same, candidates = sentence, [q for q in same if q.start > earlier[0].start] + earlier, earlier
    if len(candidates) != 1 or candidates[0].start > part.start:
        return []
    total = candidates[0]
    if not (TOTAL_CUE_RE.search(text[max(left, total.start - 80):total.start])
            or regex.fullmatch(r"\s*trong(?:\s+(?:tổng\s+)?số)?\s*", text[left:total.start], regex.IGNORECASE)):
        return []
    # a larger figure after the part is another total, unless it is a sibling part with its own share
    return same if all(q.start < part.start or q.value <= part.value or _own_percent(text, facts, q)
                       for q in same) else []


# a share is said with one of these; "đạt" alone also says a rate against a plan
SHARE_WORD_RE = regex.compile(r"chiếm|bằng|tương\s+đương|tương\s+ứng|tỷ\s+lệ|tỉ\s+lệ|\(", regex.IGNORECASE)
OWN_COMPLETION_RE = regex.compile(r"\s*,?\s*(?:\p{L}+\s+){0,3}?đạt\s+\d[\d.,]*\s?%", regex.IGNORECASE)


def _own_completion_rate(text: str, q: Quantity) -> bool:
    """"8.537,18 tỷ đồng, đạt 78,09% dự toán": the total has a rate of its own after "đạt", so an
    "đạt …%" after each of its parts is the part's own rate, not its share."""
    return OWN_COMPLETION_RE.match(text, q.end) is not None


def _own_percent(text: str, facts, q: Quantity) -> bool:
    """"17.922 hồ sơ, chiếm tỷ lệ 97,26%": a figure with a share of its own is not the total."""
    return any(0 <= pc.start - q.end <= 60 and PART_TO_SHARE_RE.match(text[q.end:pc.start])
               and SHARE_CUE_RE.search(text[q.end:pc.start]) for pc in facts.percents)


__all__ = ["enumerations", "breakdown_sum", "part_exceeds_total", "fraction_complement", "share_of_total"]


# ---------------------------------------------------------------- SO016 / SO017 tables of figures

TOTAL_ROW_RE = regex.compile(
    r"^\s*(?:tổng\s+cộng|tổng\s+số|tổng|cộng|toàn\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|xã|ngành))(?!\p{L})\s*:?\s*$",
    regex.IGNORECASE)
# columns whose figures do not add up down the column
NOT_ADDITIVE_RE = regex.compile(
    r"%|tỷ\s+lệ|tỉ\s+lệ|bình\s+quân|trung\s+bình|xếp\s+hạng|thứ\s+hạng|thứ\s+tự|điểm|so\s+sánh|tăng|giảm|"
    r"đơn\s+giá|giá|hệ\s+số|năng\s+suất|mật\s+độ|chỉ\s+số|(?<!\d\s)tuổi|thời\s+gian|thời\s+hạn|mã|số\s+hiệu|stt|^tt$|"
    r"ghi\s+chú|năm\s+(?:thành\s+lập|sinh|ban\s+hành|hoàn\s+thành)",
    regex.IGNORECASE)
CELL_NUMBER_RE = regex.compile(r"^\s*(?P<n>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*$")
EMPTY_CELL_RE = regex.compile(r"^\s*[-–—]?\s*$")


def _cell_number(text: str):
    """A cell holding one figure (Vietnamese format) -> Number; "" or "-" -> 0; else None."""
    from ..extract.numbers import Number, parse_vn_number
    if EMPTY_CELL_RE.match(text):
        return Number(Decimal(0), "0", 0, 0)
    m = CELL_NUMBER_RE.match(text)
    if not m:
        return None
    try:
        return Number(parse_vn_number(m.group("n")), m.group("n"), m.start("n"), m.end("n"))
    except ValueError:
        return None


def _table_grid(ctx: CheckContext):
    """Tables as rows of cells: (view, [(row, {col: (text, units)})]) for tables with a header."""
    from .structure import table_views
    out = []
    for view in table_views(ctx):
        if not view.header or view.table.header_rows < 1:
            continue
        rows = []
        for row in view.rows[view.table.header_rows:]:
            cells = {}
            for col, units in row.units_by_col.items():
                cells[col] = ("\n".join(u.ntext for u in units).strip(), units)
            rows.append((row, cells))
        out.append((view, rows))
    return out


def _label_col(view, rows) -> Optional[int]:
    """The first column holding words (names of the rows)."""
    for col in range(len(view.header)):
        texts = [cells.get(col, ("", []))[0] for _, cells in rows]
        if sum(bool(WORD2_RE.search(t)) for t in texts) >= max(1, len(texts) // 2):
            return col
    return None


@register("table_column_total")
def table_column_total(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """A "Tổng cộng" row of a table must be the sum of the rows it totals, column by column; so must
    a lettered group row ("A | TỔNG THU …") be the sum of its numbered rows."""
    yield from _group_totals(ctx, rule)
    for view, rows in _table_grid(ctx):
        label = _label_col(view, rows)
        if label is None:
            continue
        totals = [i for i, (_, cells) in enumerate(rows) if TOTAL_ROW_RE.match(cells.get(label, ("", []))[0])]
        if len(totals) != 1 or totals[0] not in (0, len(rows) - 1):
            continue
        t = totals[0]
        parts = [r for i, r in enumerate(rows) if i != t]
        if len(parts) < 2 or any(regex.match(r"\s*trong\s+đó", cells.get(label, ("", []))[0], regex.IGNORECASE)
                                 for _, cells in parts):
            continue  # a "trong đó" row is a subset of the row above it
        tt = next((i for i, h in enumerate(view.header) if is_tt_title(h)), None)
        for col, title in enumerate(view.header):
            if col in (label, tt) or NOT_ADDITIVE_RE.search(title):
                continue
            total_text, total_units = rows[t][1].get(col, ("", []))
            total = _cell_number(total_text)
            if total is None or not total_units or total.value == 0:
                continue
            numbers = [_cell_number(cells.get(col, ("", []))[0]) for _, cells in parts]
            if any(n is None for n in numbers) or sum(1 for n in numbers if n.value) < 2:
                continue
            if any(regex.fullmatch(r"(?:19|20)\d{2}", n.text) for n in numbers + [total]):
                continue  # years, not amounts
            sums = _candidate_sums(parts, numbers, tt)
            slack = sum((n.half_ulp for n in numbers if n.value), Decimal(0)) + total.half_ulp
            if any(abs(s_ - total.value) <= slack for s_ in sums):
                continue
            exact = sums[0]
            candidates = [("tổng", total.text, as_written(exact, total.text))]
            for n in numbers:
                if n.value:
                    need = total.value - (exact - n.value)
                    if need >= 0:
                        candidates.append(("số thành phần", n.text, as_written(need, n.text)))
            note = slip_note(candidates)
            unit = total_units[0]
            shown = " + ".join(n.text for n in numbers if n.value)
            decimals = max(n.decimals for n in numbers + [total])
            arithmetic = f"cột “{title}”: {shown} = {fmt(exact, decimals)} ≠ {total.text}"
            start = unit.ntext.find(total.text)
            yield ctx.finding(
                rule, unit, max(start, 0), max(start, 0) + len(total.text) if start >= 0 else len(unit.ntext),
                arithmetic=arithmetic, column=title,
                suggestion="Kiểm tra lại dòng tổng hoặc các dòng chi tiết" + (f" ({note})" if note else ""),
                evidence={"arithmetic": arithmetic, "column": title, "total": total.text,
                          "parts": [n.text for n in numbers if n.value], "computed": float(exact),
                          **({"likely_slip": note} if note else {})},
            )


GROUP_MARK_RE = regex.compile(r"[A-Z]|[IVX]{1,5}")
CHILD_MARK_RE = regex.compile(r"\d{1,3}\.?")


def _group_totals(ctx: CheckContext, rule: RuleSpec) -> Iterable[Finding]:
    """"A | TỔNG THU … | 599.700" over "1 | …", "2 | …", "3 | …" (sub-rows "Trong đó: …" with no number
    left out): a lettered or Roman group row holding figures is the sum of its numbered rows, column by
    column. Said only when one slipped digit explains the gap (a group row may hold a figure of its own)."""
    for view, rows in _table_grid(ctx):
        tt = next((i for i, h in enumerate(view.header) if is_tt_title(h)), None)
        if tt is None:
            continue
        marks = [cells.get(tt, ("", []))[0].strip() for _, cells in rows]
        groups = [i for i, m in enumerate(marks) if GROUP_MARK_RE.fullmatch(m)]
        if len(groups) < 1:
            continue
        for g, nxt in zip(groups, groups[1:] + [len(rows)]):
            children = [rows[i] for i in range(g + 1, nxt) if CHILD_MARK_RE.fullmatch(marks[i])]
            if len(children) < 2 or any(not CHILD_MARK_RE.fullmatch(marks[i]) and marks[i]
                                        for i in range(g + 1, nxt)):
                continue  # letters or dashes in the TT column under the group: another level
            for col, title in enumerate(view.header):
                if col == tt or NOT_ADDITIVE_RE.search(title):
                    continue
                total_text, total_units = rows[g][1].get(col, ("", []))
                total = _cell_number(total_text)
                numbers = [_cell_number(cells.get(col, ("", []))[0]) for _, cells in children]
                if total is None or not total.value or not total_units or any(n is None for n in numbers):
                    continue
                exact = sum((n.value for n in numbers), Decimal(0))
                slack = sum((n.half_ulp for n in numbers if n.value), Decimal(0)) + total.half_ulp
                if abs(exact - total.value) <= slack:
                    continue
                candidates = [("dòng nhóm", total.text, as_written(exact, total.text))] + [
                    ("dòng chi tiết", n.text, as_written(total.value - (exact - n.value), n.text))
                    for n in numbers if n.value and total.value - (exact - n.value) > 0]
                if not any(one_slip_apart(w, c) for _, w, c in candidates):
                    continue
                note = slip_note(candidates)
                decimals = max(n.decimals for n in numbers + [total])
                arithmetic = (f"cột “{title}”: {' + '.join(n.text for n in numbers)} = {fmt(exact, decimals)} "
                              f"≠ {total.text}")
                unit = total_units[0]
                start = max(unit.ntext.find(total.text), 0)
                yield ctx.finding(
                    rule, unit, start, start + len(total.text), arithmetic=arithmetic, column=title,
                    suggestion="Kiểm tra lại dòng nhóm hoặc các dòng chi tiết" + (f" ({note})" if note else ""),
                    evidence={"arithmetic": arithmetic, "column": title, "total": total.text,
                              "parts": [n.text for n in numbers], "computed": float(exact),
                              **({"likely_slip": note} if note else {})},
                )


def _candidate_sums(parts, numbers, tt) -> list[Decimal]:
    """All rows; or only the top-level rows when the TT column tells levels (I, II / 1, 2 / -, +)."""
    out = [sum((n.value for n in numbers), Decimal(0))]
    if tt is None:
        return out
    marks = [cells.get(tt, ("", []))[0].strip() for _, cells in parts]
    for level in (r"[IVX]{1,5}\.?", r"\d{1,3}\.?", r"[a-zđ][.)]?"):
        chosen = [n.value for n, m in zip(numbers, marks) if regex.fullmatch(level, m)]
        if 2 <= len(chosen) < len(numbers):
            out.append(sum(chosen, Decimal(0)))
    return out


PLAN_COL_RE = regex.compile(r"^(?:kế\s+hoạch|KH|dự\s+toán|chỉ\s+tiêu)(?!\p{L})", regex.IGNORECASE)
DONE_COL_RE = regex.compile(r"^(?:thực\s+hiện|ước\s+(?:thực\s+hiện|TH)|kết\s+quả|TH|đã\s+thực\s+hiện|lũy\s+kế|luỹ\s+kế)"
                            r"(?!\p{L})", regex.IGNORECASE)
RATE_COL_RE = regex.compile(r"^(?:tỷ\s+lệ|tỉ\s+lệ|so\s+(?:với\s+)?(?:kế\s+hoạch|KH|dự\s+toán)|%|đạt)", regex.IGNORECASE)


@register("table_rate_column")
def table_rate_column(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """A rate column of a table must be one figure column over another, row by row.

    Which two columns: the plan column ("Kế hoạch", "Dự toán", "Chỉ tiêu") and the actual column
    ("Thực hiện", "Lũy kế", "Kết quả") named in the header; when several actual columns are
    named ("Thực hiện tháng", "Lũy kế"), the one the rates of most rows agree with; when none
    is named ("Số trẻ dưới 1 tuổi | Số trẻ tiêm chủng đầy đủ | Tỷ lệ (%)"), the pair of figure
    columns before the rate that the rates of nearly every row agree with (three rows at least).
    A row whose unit is "%" (a rate of a rate) is not read."""
    for view, rows in _table_grid(ctx):
        header = [" ".join(h.split()) for h in view.header]
        rate = [i for i, h in enumerate(header) if RATE_COL_RE.match(h)]
        if len(rate) != 1 or regex.search(r"cùng\s+kỳ|năm\s+trước|so\s+với\s+(?:cùng|năm|kỳ)", header[rate[0]],
                                          regex.IGNORECASE):
            continue
        rc = rate[0]
        # a header "Chỉ tiêu" over names of indicators is the label column, not a plan
        figures = {c for c in range(rc) if sum(_cell_number(cells.get(c, ("", []))[0]) is not None
                                               for _, cells in rows) * 2 >= len(rows)}
        plan = [i for i, h in enumerate(header) if PLAN_COL_RE.match(h) and i in figures]
        done = [i for i, h in enumerate(header) if DONE_COL_RE.match(h) and i in figures]
        unit_col = next((i for i, h in enumerate(header) if regex.fullmatch(r"đơn\s+vị(?:\s+tính)?|ĐVT", h,
                                                                             regex.IGNORECASE)), None)
        table = []  # (plan-or-whole candidates by col, rate number, rate units)
        for _, cells in rows:
            rate_text, rate_units = cells.get(rc, ("", []))
            rn = _cell_number(rate_text.replace("%", ""))
            if rn is None or not rn.value or not rate_units:
                continue
            if unit_col is not None and cells.get(unit_col, ("", []))[0].strip() == "%":
                continue
            nums = {c: _cell_number(cells.get(c, ("", []))[0]) for c in range(rc)}
            table.append(({c: n for c, n in nums.items() if n is not None and n.value}, rn, rate_units))
        if not table:
            continue

        def agreeing(num: int, den: int) -> int:
            return sum(1 for nums, rn, _ in table if num in nums and den in nums
                       and fits(nums[num].value / nums[den].value * 100, rn))

        figure_cols = [c for c in range(rc) if sum(1 for nums, _, _ in table if c in nums) >= 3
                       and not is_tt_title(header[c])]
        guessed = False
        if len(plan) == 1 and len(done) == 1 and plan[0] < done[0]:
            pairs, need = [(done[0], plan[0])], 0
        elif len(plan) == 1 and len(done) > 1:
            pairs, need = [(d, plan[0]) for d in done if d > plan[0]], 2
        elif len(plan) == 1 and not done:
            # "Kế hoạch xuống giống | Lúa chất lượng cao | Tỷ lệ (%)": the part column is not named
            pairs, need, guessed = [(c, plan[0]) for c in figure_cols if c > plan[0]], 3, True
        elif not plan and not done:
            pairs, need, guessed = [(a, b) for a in figure_cols for b in figure_cols if a != b], 3, True
        else:
            continue
        scored = sorted(((agreeing(a, b), a, b) for a, b in pairs), reverse=True)
        if not scored:
            continue
        best, dc, pc = scored[0]
        usable = sum(1 for nums, _, _ in table if dc in nums and pc in nums)
        # columns named in the header: most rows must agree; columns guessed: nearly all (3 of 4)
        weak = best * 4 < usable * 3 if guessed else best * 2 <= usable
        if need and (best < need or weak or (len(scored) > 1 and scored[1][0] == best)):
            continue  # no pair of columns explains the rates well enough
        for nums, rn, rate_units in table:
            if dc not in nums or pc not in nums:
                continue
            dn, pn = nums[dc], nums[pc]
            actual = dn.value / pn.value * 100
            if fits(actual, rn):
                continue
            correct = fmt(actual, rn.decimals)
            note = slip_note([("tỷ lệ", rn.text, correct)])
            arithmetic = f"{dn.text} / {pn.text} = {fmt(actual, 2)} %; bảng ghi {rn.text}"
            unit = rate_units[0]
            start = unit.ntext.find(rn.text)
            yield ctx.finding(
                rule, unit, max(start, 0), max(start, 0) + len(rn.text), arithmetic=arithmetic, stated=rn.text,
                suggestion=f"Theo hai cột “{header[dc]}” và “{header[pc]}”, tỷ lệ là {correct}"
                           + (f" ({note})" if note else ""),
                evidence={"arithmetic": arithmetic, "plan": pn.text, "actual": dn.text, "stated": rn.text,
                          "columns": [header[dc], header[pc]], "computed": float(round(actual, 4))},
            )
