"""Rates and products: an overall rate lies between its component rates; area × yield = output."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..context import CheckContext
from ..findings import Finding, Severity
from ..ruleset import RuleSpec
from . import register
from .arith import as_written, fmt, in_span, slip_note

# "đạt 94,5% kế hoạch quý; trong đó …": a few words naming the base may follow the overall rate
BREAKDOWN_RE = regex.compile(r"(?:\s+\p{L}+){0,4}?\s*[,;]?\s*\(?\s*(?:trong\s+đó|cụ\s+thể|bao\s+gồm|gồm)\s*:?",
                             regex.IGNORECASE)
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
            if not m or CHANGE_RE.search(m.group()):
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


# "gieo cấy 5.230 ha lúa, đạt 98,7% kế hoạch (5.300 ha)": the plan is not the area harvested
PLAN_BEFORE_RE = regex.compile(r"(?:kế\s+hoạch|KH|chỉ\s+tiêu|cùng\s+kỳ|năm\s+trước)(?:\s+\p{L}+){0,2}\s*\(\s*$",
                               regex.IGNORECASE)
AREA_BACKREF_RE = regex.compile(
    r"(?<!\p{L})(?:trên|với|của)\s+(?:tổng\s+)?diện\s+tích\s+(?:đã\s+|được\s+)?"
    r"(?P<verb>thu\s+hoạch|gieo\s+trồng|gieo\s+cấy|trồng)(?!\p{L})", regex.IGNORECASE)


def _previous_sentence_areas(text: str, facts, s_start: int, verb: str) -> list:
    """Areas of the sentence just before ``s_start`` that the same verb introduces ("đã thu hoạch
    7.120 ha" for "Trên diện tích đã thu hoạch")."""
    if s_start <= 0:
        return []
    stops = [m.end() for m in SENTENCE_END_RE.finditer(text, max(0, s_start - 400), s_start - 1)]
    p_start = stops[-1] if stops else max(0, s_start - 400)
    verb_rx = regex.compile(r"(?<!\p{L})" + r"\s+".join(map(regex.escape, verb.lower().split()))
                            + r"(?:\s+\p{L}+){0,3}\s*(?:được\s+)?$", regex.IGNORECASE)
    return [q for q in in_span(facts.quantities, p_start, s_start) if q.unit is not None
            and q.unit.dimension == "area" and q.end <= s_start
            and verb_rx.search(text[max(p_start, q.start - 40):q.start])]


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
            areas = [q for q in in_sentence if q.unit.dimension == "area" and q.end <= y.start
                     and not PLAN_BEFORE_RE.search(text[max(s_start, q.start - 30):q.start])]
            outputs = [q for q in in_sentence if q.unit.dimension == "mass" and q.start >= y.end]
            others = [q for q in in_sentence if q.unit.dimension == "yield"]
            earlier = False
            back = AREA_BACKREF_RE.search(text, s_start, y.start) if not areas else None
            if back and len(outputs) == 1 and len(others) == 1:
                # "… đã thu hoạch 7.120 ha. Trên diện tích đã thu hoạch, năng suất … sản lượng …"
                areas, earlier = _previous_sentence_areas(text, facts, s_start, back.group("verb")), True
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
            note = None
            if earlier:  # the area is read from the sentence before: said only when one slipped digit explains it
                # (an average yield rounded to two digits is "one slip" from too many values to be a clue)
                need_a = out.value * out.unit.factor / (y.value * y.unit.factor) * ha / area.unit.factor
                note = slip_note([("sản lượng", out.number.text, as_written(product, out.number.text)),
                                  ("diện tích", area.number.text, as_written(need_a, area.number.text))])
                if note is None:
                    continue
            arithmetic = (f"{area.number.text} {area.unit.canonical} × {y.number.text} {y.unit.canonical} = "
                          f"{fmt(product, 2)} {out.unit.canonical} ≠ {out.number.text} {out.unit.canonical}")
            yield ctx.finding(
                rule, unit, out.start, out.end, arithmetic=arithmetic, stated=out.number.text,
                severity=Severity.warning if earlier else None,
                suggestion=f"Theo diện tích và năng suất, sản lượng khoảng {fmt(product, 0)} {out.unit.canonical}"
                           + (f" ({note})" if note else ""),
                evidence={"arithmetic": arithmetic, "area": area.number.text, "yield": y.number.text,
                          "output": out.number.text, "computed": float(round(product, 3))},
            )


# ---------------------------------------------------------------- SO018 a combined rate is the sum of its rates

# "…; tổng tỷ lệ hộ nghèo và hộ cận nghèo là 7,73%": a rate of "A và B" after the rates of A and of B
COMBINED_RATE_RE = regex.compile(
    r"(?<!\p{L})(?P<cue>tổng(?:\s+cộng)?(?:\s+(?:tỷ|tỉ)\s+lệ)?|(?:tỷ|tỉ)\s+lệ(?:\s+chung)?)\s+(?:của\s+|số\s+)?"
    r"(?P<names>\p{L}+(?:\s+\p{L}+){0,4}(?:\s*,\s*\p{L}+(?:\s+\p{L}+){0,4})*\s+và\s+\p{L}+(?:\s+\p{L}+){0,4}?)"
    r"(?P<tail>(?:\s+(?:chung|cộng\s+lại|gộp\s+lại|toàn\s+(?:tỉnh|huyện|xã|thành\s+phố|thị\s+xã|phường)))*)"
    r"\s*(?:là|đạt|chiếm|còn|ở\s+mức)?\s*:?\s*$",
    regex.IGNORECASE)
# "giảm còn 1,9%", "tăng lên 42%": the level reached, not a change
LEVEL_AFTER_CHANGE_RE = regex.compile(r"(?:giảm|tăng)\s+(?:xuống\s+|lên\s+)?(?:còn|lên|đạt)\s*$", regex.IGNORECASE)
NAME_STOP_RE = regex.compile(r"^(?:tỷ|tỉ)\s+lệ\s+|^số\s+", regex.IGNORECASE)


@register("combined_rate_sum")
def combined_rate_sum(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"hộ nghèo … chiếm 3,21%; hộ cận nghèo … chiếm 4,52%; tổng tỷ lệ hộ nghèo và hộ cận nghèo là
    7,73%": the combined rate of named groups is the sum of the rates given for each of them."""
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if len(facts.percents) < 3:
            continue
        text = unit.ntext
        for k, total in enumerate(facts.percents):
            if k < 2:
                continue
            lead_start = max(0, total.start - 160)
            m = COMBINED_RATE_RE.search(text, lead_start, total.start)
            if not m or regex.search(r"lần\s+lượt", text[m.start():total.start], regex.IGNORECASE):
                continue
            if m.group("cue").lower().startswith(("tỷ", "tỉ")) and not regex.search(
                    r"chung|cộng|gộp", m.group("cue") + m.group("tail"), regex.IGNORECASE):
                continue  # "tỷ lệ A và B là P%" names a combined rate only with "tổng"/"chung"/"cộng"
            names = [NAME_STOP_RE.sub("", n.strip()) for n in regex.split(r"\s*,\s*|\s+và\s+", m.group("names"))]
            if len(names) < 2 or any(len(n.split()) < 2 for n in names):
                continue  # one-word names ("nghèo") are too loose to find again
            parts = []
            for name in names:
                pc = _rate_named(text, facts, name, names, max(0, m.start() - 500), m.start())
                if pc is None or pc in parts:
                    break
                parts.append(pc)
            else:
                total_sum = sum((pc.number.value for pc in parts), Decimal(0))
                slack = sum((pc.number.half_ulp for pc in parts), Decimal(0)) + total.number.half_ulp
                if abs(total_sum - total.number.value) <= slack:
                    continue
                decimals = max(pc.number.decimals for pc in parts)
                shown = " + ".join(pc.text for pc in parts)
                arithmetic = f"{shown} = {fmt(total_sum, decimals)}% ≠ {total.text}"
                yield ctx.finding(
                    rule, unit, total.start, total.end, arithmetic=arithmetic, stated=total.text,
                    suggestion=f"Theo các tỷ lệ thành phần, tỷ lệ chung là {fmt(total_sum, decimals)}%",
                    evidence={"arithmetic": arithmetic, "parts": dict(zip(names, (pc.text for pc in parts))),
                              "stated": total.text, "computed": float(total_sum)},
                )


def _rate_named(text: str, facts, name: str, names: list[str], lo: int, hi: int):
    """The rate given for ``name`` before ``hi``: the first percent after the last mention of the
    name, with no other percent and no other listed name between (a share, not a change)."""
    rx = regex.compile(r"(?<!\p{L})" + regex.escape(name) + r"(?!\p{L})", regex.IGNORECASE)
    mentions = list(rx.finditer(text, lo, hi))
    if not mentions:
        return None
    at = mentions[-1].end()
    after = [pc for pc in facts.percents if at <= pc.start < hi]
    if not after or after[0].start - at > 80:
        return None
    pc = after[0]
    between = text[at:pc.start]
    if CHANGE_RE.search(LEVEL_AFTER_CHANGE_RE.sub(" ", between)) or any(
            other != name and regex.search(r"(?<!\p{L})" + regex.escape(other) + r"(?!\p{L})", between,
                                           regex.IGNORECASE) for other in names):
        return None
    return pc
