"""Rates and products: an overall rate lies between its component rates; area × yield = output."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

import regex

from ..context import CheckContext
from ..findings import Finding, Severity
from ..ruleset import RuleSpec
from . import register
from .arith import as_written, fits, fmt, in_span, slip_note

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


def _previous_sentence_areas(text: str, facts, s_start: int, verb: Optional[str]) -> list:
    """Areas of the sentence just before ``s_start`` that the same verb introduces ("đã thu hoạch
    7.120 ha" for "Trên diện tích đã thu hoạch"); with no verb, its areas that are neither a plan
    in brackets nor a change ("giảm 35 ha")."""
    if s_start <= 0:
        return []
    stops = [m.end() for m in SENTENCE_END_RE.finditer(text, max(0, s_start - 400), s_start - 1)]
    p_start = stops[-1] if stops else max(0, s_start - 400)
    if verb is None:
        return [q for q in in_span(facts.quantities, p_start, s_start) if q.unit is not None
                and q.unit.dimension == "area" and q.end <= s_start
                and not PLAN_BEFORE_RE.search(text[max(p_start, q.start - 30):q.start])
                and not CHANGE_BEFORE_RE.search(text[max(p_start, q.start - 20):q.start])]
    verb_rx = regex.compile(r"(?<!\p{L})" + r"\s+".join(map(regex.escape, verb.lower().split()))
                            + r"(?:\s+\p{L}+){0,3}\s*(?:được\s+)?$", regex.IGNORECASE)
    return [q for q in in_span(facts.quantities, p_start, s_start) if q.unit is not None
            and q.unit.dimension == "area" and q.end <= s_start
            and verb_rx.search(text[max(p_start, q.start - 40):q.start])]


# "tăng 1,8 tạ/ha so với …", "giảm 35 ha": a change, not the figure itself
CHANGE_BEFORE_RE = regex.compile(r"(?<!\p{L})(?:tăng|giảm|hơn|vượt)(?:\s+(?:thêm|khoảng))?\s*$", regex.IGNORECASE)
HARVESTED_RE = regex.compile(r"(?<!\p{L})thu\s+hoạch\s+(?:dứt\s+điểm|xong|toàn\s+bộ|100\s?%)", regex.IGNORECASE)


@register("area_yield_output")
def area_yield_output(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"724 ha …, năng suất 56,22 tạ/ha, sản lượng 4.070 tấn": area × yield = output."""
    for unit in ctx.units():
        facts = ctx.facts(unit)
        text = unit.ntext
        yields = [q for q in facts.quantities if q.unit is not None and q.unit.dimension == "yield"
                  and not CHANGE_BEFORE_RE.search(text[max(0, q.start - 20):q.start])]
        if not yields:
            continue
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
            others = [q for q in in_sentence if q.unit.dimension == "yield"
                      and not CHANGE_BEFORE_RE.search(text[max(0, q.start - 20):q.start])]
            earlier = False
            back = AREA_BACKREF_RE.search(text, s_start, y.start) if not areas else None
            if back and len(outputs) == 1 and len(others) == 1:
                # "… đã thu hoạch 7.120 ha. Trên diện tích đã thu hoạch, năng suất … sản lượng …"
                areas, earlier = _previous_sentence_areas(text, facts, s_start, back.group("verb")), True
            elif not areas and HARVESTED_RE.search(text, s_start, y.start) and len(outputs) == 1 and len(others) == 1:
                # "xuống giống 24.860 ha lúa, … . Đến ngày … đã thu hoạch dứt điểm; năng suất …, sản lượng …"
                areas, earlier = _previous_sentence_areas(text, facts, s_start, None), True
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


# ---------------------------------------------------------------- SO019 area × yield in a table

# header words and the units a header may give in brackets, as factors to ha, tấn/ha and tấn
AREA_COL_RE = regex.compile(r"^diện\s+tích", regex.IGNORECASE)
YIELD_COL_RE = regex.compile(r"^năng\s+suất", regex.IGNORECASE)
OUTPUT_COL_RE = regex.compile(r"^sản\s+lượng", regex.IGNORECASE)
HEADER_UNIT_RE = regex.compile(r"\(\s*([^()]+?)\s*\)\s*$")
AREA_UNITS = {"ha": Decimal(1), "m2": Decimal("0.0001"), "m²": Decimal("0.0001")}
YIELD_UNITS = {"tạ/ha": Decimal("0.1"), "tấn/ha": Decimal(1), "kg/ha": Decimal("0.001")}
OUTPUT_UNITS = {"tấn": Decimal(1), "tạ": Decimal("0.1"), "kg": Decimal("0.001")}


def _header_col(header: list[str], word_re, units: dict) -> Optional[tuple[int, Decimal]]:
    """The one column whose header starts with ``word_re`` and names a known unit in brackets."""
    found = []
    for i, h in enumerate(header):
        m = HEADER_UNIT_RE.search(h)
        if word_re.match(h) and m and m.group(1).lower().replace(" ", "") in units:
            found.append((i, units[m.group(1).lower().replace(" ", "")]))
    return found[0] if len(found) == 1 else None


@register("table_area_yield_output")
def table_area_yield_output(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"Diện tích (ha) | Năng suất (tạ/ha) | Sản lượng (tấn)": row by row, area × yield = output."""
    from .numeric_totals import _cell_number, _table_grid
    from .arith import one_slip_apart
    for view, rows in _table_grid(ctx):
        header = [" ".join(h.split()) for h in view.header]
        cols = [_header_col(header, AREA_COL_RE, AREA_UNITS), _header_col(header, YIELD_COL_RE, YIELD_UNITS),
                _header_col(header, OUTPUT_COL_RE, OUTPUT_UNITS)]
        if None in cols:
            continue
        (ac, af), (yc, yf), (oc, of) = cols
        for _, cells in rows:
            a, y, o = (_cell_number(cells.get(c, ("", []))[0]) for c in (ac, yc, oc))
            if a is None or y is None or o is None or not (a.value and y.value and o.value):
                continue
            (a_lo, a_hi), (y_lo, y_hi), (o_lo, o_hi) = a.interval, y.interval, o.interval
            if a_hi * af * y_hi * yf >= o_lo * of and a_lo * af * y_lo * yf <= o_hi * of:
                continue
            product = a.value * af * y.value * yf / of
            need_y = o.value * of / (a.value * af) / yf
            need_a = o.value * of / (y.value * yf) / af
            candidates = [(oc, "sản lượng", o.text, as_written(product, o.text)),
                          (yc, "năng suất", y.text, as_written(need_y, y.text)),
                          (ac, "diện tích", a.text, as_written(need_a, a.text))]
            explained = [c for c in candidates if one_slip_apart(c[2], c[3])]
            if not explained:
                continue  # a row of another kind (a total of several crops, a yield of another season)
            note = slip_note([c[1:] for c in candidates]) or "một ô của dòng này có thể gõ nhầm"
            culprit = explained[0][0] if len(explained) == 1 else oc
            units = cells.get(culprit, ("", []))[1]
            if not units:
                continue
            shown = {oc: o.text, yc: y.text, ac: a.text}[culprit]
            start = max(units[0].ntext.find(shown), 0)
            arithmetic = (f"{a.text} × {y.text} = {fmt(product, 2)} theo đơn vị cột “{header[oc]}”; "
                          f"bảng ghi {o.text}")
            yield ctx.finding(
                rule, units[0], start, start + len(shown), arithmetic=arithmetic, stated=shown,
                suggestion=f"Kiểm tra lại dòng này ({note})",
                evidence={"arithmetic": arithmetic, "area": a.text, "yield": y.text, "output": o.text,
                          "computed": float(round(product, 3))},
            )


# ---------------------------------------------------------------- SO020 an average is the total over the count

AVERAGE_RE = regex.compile(r"(?<!\p{L})(?:bình\s+quân|trung\s+bình)(?:\s+(?P<approx>gần|khoảng|trên|hơn|dưới|"
                           r"xấp\s+xỉ|chừng))?\s*(?:là|đạt|:)?\s*$", regex.IGNORECASE)
APPROX_BEFORE_RE = regex.compile(r"(?<!\p{L})(?:gần|khoảng|trên|hơn|dưới|xấp\s+xỉ|chừng|ước)\s*$", regex.IGNORECASE)
PER_NOUN_RE = regex.compile(r"\s*/\s*(?P<noun>\p{L}++(?:\s+\p{L}++)?)(?!\s*/)")
AVERAGE_STOP_RE = regex.compile(r"(?<!\d)\.(?!\d)(?=\s|$)|[;!?]")


def _average_parts(text: str, facts, avg, noun: str):
    """The one total (same dimension as the average) and the one count of ``noun`` in the clause."""
    stops = [0] + [m.end() for m in AVERAGE_STOP_RE.finditer(text, 0, avg.start)]
    e_m = AVERAGE_STOP_RE.search(text, avg.end)
    lo, hi = stops[-1], (e_m.start() if e_m else len(text))
    qs = [q for q in in_span(facts.quantities, lo, hi) if q is not avg and q.unit is not None]
    totals = [q for q in qs if q.unit.dimension == avg.unit.dimension and not PER_NOUN_RE.match(text, q.end)]
    counts = [q for q in qs if q.unit.is_count and q.unit.canonical.lower() == noun]
    if len(totals) != 1 or len(counts) != 1:
        return None
    return totals[0], counts[0]


@register("average_of_total")
def average_of_total(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"126 hộ … tổng kinh phí 1.234,5 triệu đồng, bình quân gần 9,8 triệu đồng/hộ": total / count.
    Reported only when one slipped digit (of the total, the count or the average) or a unit a
    thousand times off explains the gap: an average of another population is not a slip."""
    from .arith import one_slip_apart
    for unit in ctx.units():
        facts = ctx.facts(unit)
        text = unit.ntext
        if len(facts.quantities) < 3 or not regex.search(r"bình\s+quân|trung\s+bình", text, regex.IGNORECASE):
            continue
        for avg in facts.quantities:
            if avg.unit is None or not AVERAGE_RE.search(text[max(0, avg.start - 30):avg.start]):
                continue
            per = PER_NOUN_RE.match(text, avg.end)
            if not per:
                continue
            found = _average_parts(text, facts, avg, per.group("noun").split()[0].lower())
            if found is None:
                continue
            total, count = found
            if not count.value:
                continue
            approx = bool(AVERAGE_RE.search(text[max(0, avg.start - 30):avg.start]).group("approx")
                          or APPROX_BEFORE_RE.search(text[max(0, total.start - 12):total.start]))
            slack = Decimal("0.08") if approx else Decimal(0)
            actual = total.value * total.unit.factor / count.value / avg.unit.factor
            a_lo, a_hi = avg.number.interval
            if a_lo * (1 - slack) <= actual <= a_hi * (1 + slack) or fits(actual, avg.number):
                continue
            ratio = actual / avg.value
            scaled = any(abs(ratio - k) <= k * Decimal("0.1") for k in (Decimal(1000), Decimal("0.001")))
            need_count = total.value * total.unit.factor / (avg.value * avg.unit.factor)
            need_total = avg.value * avg.unit.factor * count.value / total.unit.factor
            candidates = [("số bình quân", avg.number.text, as_written(actual, avg.number.text)),
                          ("số lượng", count.number.text, as_written(need_count, count.number.text, 0)),
                          ("tổng", total.number.text, as_written(need_total, total.number.text))]
            if approx:  # the printed average is rounded: any count it allows
                candidates = candidates[:1] + [("số lượng", count.number.text, str(n)) for n in range(
                    int(total.value * total.unit.factor / (a_hi * (1 + slack) * avg.unit.factor)),
                    int(total.value * total.unit.factor / (a_lo * (1 - slack) * avg.unit.factor)) + 2)][:50] \
                    + candidates[2:]
            note = slip_note(candidates) or next(
                (f"{role} có thể là {c}" for role, w, c in candidates if one_slip_apart(w, c)), None)
            if note is None and not scaled:
                continue
            if scaled:
                note = "đơn vị tính của tổng hoặc số bình quân có thể sai (lệch 1.000 lần)"
            arithmetic = (f"{total.number.text} {total.unit.canonical} / {count.number.text} "
                          f"{count.unit.canonical} = {fmt(actual, 2)} {avg.unit.canonical}/{per.group('noun')}; "
                          f"báo cáo ghi {avg.number.text}")
            yield ctx.finding(
                rule, unit, avg.number.start, avg.number.end, arithmetic=arithmetic, stated=avg.number.text,
                suggestion=f"Kiểm tra lại ({note})",
                evidence={"arithmetic": arithmetic, "total": total.number.text, "count": count.number.text,
                          "average": avg.number.text, "computed": float(round(actual, 4))},
            )


# ---------------------------------------------------------------- SO021 shares of one whole add up to 100 %

STRUCTURE_CUE_RE = regex.compile(r"(?<!\p{L})cơ\s+cấu(?!\p{L})", regex.IGNORECASE)
SHARE_BEFORE_RE = regex.compile(r"(?<!\p{L})chiếm(?:\s+(?:tỷ|tỉ)\s+lệ)?\s*:?\s*$", regex.IGNORECASE)
REST_ITEM_RE = regex.compile(r"(?<!\p{L})(?:khác|còn\s+lại)(?!\p{L})", regex.IGNORECASE)
SHARES_STOP_RE = regex.compile(r"(?<!\d)\.(?!\d)(?=\s|$)|[!?]")


@register("structure_shares_sum")
def structure_shares_sum(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"Cơ cấu giống: OM 18 chiếm 38,5%; Đài Thơm 8 chiếm 31,2%; …; các giống khác chiếm 7,3%": the
    shares of one whole, named as a structure ("cơ cấu") or closed by the rest ("… khác", "còn lại"),
    add up to 100 % within the rounding of the printed shares (99,9 % or 100,1 % is rounding)."""
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if len(facts.percents) < 3:
            continue
        text = unit.ntext
        bounds = [0] + [m.end() for m in SHARES_STOP_RE.finditer(text)] + [len(text)]
        for lo, hi in zip(bounds, bounds[1:]):
            pcts = in_span(facts.percents, lo, hi)
            if len(pcts) < 3 or any(q.unit is not None and lo <= q.start < hi for q in facts.quantities):
                continue  # figures in the sentence: SO006 compares shares with them
            if not all(SHARE_BEFORE_RE.search(text[max(lo, pc.start - 20):pc.start]) for pc in pcts):
                continue  # every percent of the sentence must be a share ("… chiếm P%")
            first = text[lo:pcts[0].start]
            last_item = text[pcts[-2].end:pcts[-1].start]
            if not (STRUCTURE_CUE_RE.search(first) or REST_ITEM_RE.search(last_item)):
                continue
            total = sum((pc.number.value for pc in pcts), Decimal(0))
            slack = sum((pc.number.half_ulp for pc in pcts), Decimal(0))
            if abs(total - 100) <= slack or not Decimal(90) <= total <= Decimal(110):
                continue  # adds up, or too far off to be one whole (overlapping groups)
            decimals = max(pc.number.decimals for pc in pcts)
            shown = " + ".join(pc.text for pc in pcts)
            arithmetic = f"{shown} = {fmt(total, decimals)}% ≠ 100%"
            yield ctx.finding(
                rule, unit, pcts[0].start, pcts[-1].end, arithmetic=arithmetic, stated=fmt(total, decimals),
                suggestion="Các tỷ lệ cơ cấu của cùng một tổng phải cộng lại bằng 100% (sai khác chỉ do làm tròn); "
                           "kiểm tra lại từng tỷ lệ",
                evidence={"arithmetic": arithmetic, "parts": [pc.text for pc in pcts], "computed": float(total)},
            )
