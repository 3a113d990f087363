"""Rates and products: an overall rate lies between its component rates; area × yield = output."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..context import CheckContext
from ..findings import Finding
from ..ruleset import RuleSpec
from . import register
from .arith import fmt, in_span

BREAKDOWN_RE = regex.compile(r"\s*[,;]?\s*\(?\s*(?:trong\s+đó|cụ\s+thể|bao\s+gồm|gồm)\s*:?", regex.IGNORECASE)
CHANGE_RE = regex.compile(r"(?<!\p{L})(?:tăng|giảm|so với|cùng kỳ|bình quân|trung bình|điểm phần trăm)(?!\p{L})",
                          regex.IGNORECASE)
SENTENCE_END_RE = regex.compile(r"(?<!\d)\.(?!\d)|[!?]|\n")


@register("overall_rate_between_parts")
def overall_rate_between_parts(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"đạt 82%, trong đó: nguồn vốn đầu tư 84%, nguồn vốn sự nghiệp 90%": impossible."""
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if len(facts.percents) < 3:
            continue
        text = unit.ntext
        for k, overall in enumerate(facts.percents):
            m = BREAKDOWN_RE.match(text, overall.end)
            if not m:
                continue
            end_m = SENTENCE_END_RE.search(text, m.end())
            end = end_m.start() if end_m else len(text)
            body = text[m.end():end]
            parts = [pc for pc in facts.percents[k + 1:] if pc.end <= end]
            if len(parts) < 2 or CHANGE_RE.search(body) or CHANGE_RE.search(text[max(0, overall.start - 40):overall.start]):
                continue
            # only rates in the breakdown: any other figure means the list is about something else
            if any(m.end() <= q.start < end for q in list(facts.quantities) + list(facts.fractions)):
                continue
            lo = min(pc.number.interval[0] for pc in parts)
            hi = max(pc.number.interval[1] for pc in parts)
            o_lo, o_hi = overall.number.interval
            if o_hi >= lo and o_lo <= hi:
                continue
            # above every part: the parts may be shares of the overall ("60%, trong đó toàn trình 40%,
            # một phần 20%"), which is only impossible when they add up to more than it
            parts_sum_lo = sum((pc.number.interval[0] for pc in parts), Decimal(0))
            if o_lo > hi and parts_sum_lo <= o_hi:
                continue
            shown = ", ".join(pc.text for pc in parts)
            arithmetic = (f"tỷ lệ chung {overall.text} nằm ngoài khoảng của các tỷ lệ thành phần "
                          f"[{fmt(min(pc.number.value for pc in parts), 2)}%; "
                          f"{fmt(max(pc.number.value for pc in parts), 2)}%] ({shown})")
            yield ctx.finding(
                rule, unit, overall.start, overall.end, arithmetic=arithmetic, stated=overall.text,
                suggestion="Tỷ lệ chung là bình quân gia quyền của các tỷ lệ thành phần nên phải nằm giữa "
                           "tỷ lệ nhỏ nhất và lớn nhất; kiểm tra lại các tỷ lệ",
                evidence={"arithmetic": arithmetic, "overall": overall.text, "parts": [pc.text for pc in parts]},
            )


@register("area_yield_output")
def area_yield_output(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"724 ha …, năng suất 56,22 tạ/ha, sản lượng 4.070 tấn": area × yield = output."""
    for unit in ctx.units():
        facts = ctx.facts(unit)
        yields = [q for q in facts.quantities if q.unit is not None and q.unit.dimension == "yield"]
        if not yields:
            continue
        text = unit.ntext
        for y in yields:
            w0 = max(0, y.start - 400)
            stops = [m.end() for m in SENTENCE_END_RE.finditer(text, w0, y.start)]
            s_start = stops[-1] if stops else w0
            e_m = SENTENCE_END_RE.search(text, y.end)
            s_end = e_m.start() if e_m else len(text)
            in_sentence = [q for q in in_span(facts.quantities, s_start, s_end) if q.unit is not None]
            areas = [q for q in in_sentence if q.unit.dimension == "area" and q.end <= y.start]
            outputs = [q for q in in_sentence if q.unit.dimension == "mass" and q.start >= y.end]
            others = [q for q in in_sentence if q.unit.dimension == "yield"]
            if len(areas) != 1 or len(outputs) != 1 or len(others) != 1:
                continue
            if in_span(facts.fractions, s_start, s_end):
                continue
            area, out = areas[0], outputs[0]
            ha = Decimal(10000)
            a_lo, a_hi = [(v * area.unit.factor / ha) for v in area.number.interval]
            y_lo, y_hi = [(v * y.unit.factor) for v in y.number.interval]
            o_lo, o_hi = [(v * out.unit.factor) for v in out.number.interval]
            if a_hi * y_hi >= o_lo and a_lo * y_lo <= o_hi:
                continue
            product = area.value * area.unit.factor / ha * y.value * y.unit.factor / out.unit.factor
            arithmetic = (f"{area.number.text} {area.unit.canonical} × {y.number.text} {y.unit.canonical} = "
                          f"{fmt(product, 2)} {out.unit.canonical} ≠ {out.number.text} {out.unit.canonical}")
            yield ctx.finding(
                rule, unit, out.start, out.end, arithmetic=arithmetic, stated=out.number.text,
                suggestion=f"Theo diện tích và năng suất, sản lượng khoảng {fmt(product, 0)} {out.unit.canonical}",
                evidence={"arithmetic": arithmetic, "area": area.number.text, "yield": y.number.text,
                          "output": out.number.text, "computed": float(round(product, 3))},
            )
