"""Numeric consistency: figures that contradict their own arithmetic."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..context import CheckContext
from ..findings import Finding
from ..ruleset import RuleSpec
from . import register
from .arith import culprit_note, fits, fmt, in_span


class PercentOfFractionParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_gap: int = Field(100, ge=0, le=200)  # characters allowed between fraction and percent
    near: int = Field(40, ge=0, le=200)  # beyond this, the percent must follow ", đạt" / "(đạt" directly
    # Between the fraction and its percent: words without figures or sentence breaks,
    # ending in a connector ("đạt", "chiếm", "tỷ lệ", "(") — or nothing but punctuation.
    connector: str = (r"^(?:[\s,(]*|[^\d%;.!?]*?(?:đạt|bằng|chiếm|tương đương|tương ứng|tỷ lệ|tỉ lệ|\()"
                      r"(?:\s+(?:tỷ lệ|tỉ lệ|khoảng|gần|trên|hơn))?\s*[(=:]?\s*)$")


BOUND_BEFORE_RE = regex.compile(r"(?<!\p{L})(?:trên|hơn|dưới|từ|tối thiểu|ít nhất)\s*$", regex.IGNORECASE)
LONG_GAP_TAIL = regex.compile(r"[,(]\s*(?:đạt|bằng|chiếm|tương đương|tương ứng)(?:\s+(?:tỷ lệ|tỉ lệ))?\s*:?\s*$",
                              regex.IGNORECASE)


@register("percent_of_fraction", PercentOfFractionParams)
def percent_of_fraction(ctx: CheckContext, rule: RuleSpec, p: PercentOfFractionParams) -> Iterable[Finding]:
    """"3.425ha/3.750ha, đạt 91,3%": the percent must be part / whole at its printed precision."""
    connector = regex.compile(p.connector, regex.IGNORECASE)
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if not facts.percents or not (facts.fractions or len(facts.quantities) >= 2):
            continue
        text = unit.ntext
        for frac in list(facts.fractions) + _fractions_in_words(text, facts):
            # percents are sorted by start: the ones within max_gap after the fraction, by bisection
            pct = _bracketed_after_percent(text, facts, frac)
            if pct is None:
                following = in_span(facts.percents, frac.end, frac.end + p.max_gap + 1)
                if not following:
                    continue
                pct = following[0]
                gap = text[frac.end:pct.start]
                if not connector.match(gap):
                    continue
                if len(gap) > p.near and not LONG_GAP_TAIL.search(gap):
                    continue  # a long way off, the percent must open its own clause: "…, đạt 98%"
            else:
                gap = ""
            if BOUND_BEFORE_RE.search(gap) and PLAN_AFTER_RE.match(text, pct.end):
                continue  # "02/05 xã đạt trên 50% dự toán": a threshold each unit met, not part / whole
            part, whole = frac.part.value, frac.whole.value
            if whole == 0:
                continue
            actual = part / whole * 100
            if fits(actual, pct.number):
                continue
            correct = fmt(actual, pct.number.decimals)
            notes = [n for n in [culprit_note("tỷ lệ", pct.number.text, correct)] if n]
            arithmetic = f"{frac.part.number.text} / {frac.whole.number.text} = {fmt(actual, 2)} %"
            yield ctx.finding(
                rule, unit, pct.start, pct.end,
                arithmetic=arithmetic, stated=pct.text, actual=fmt(actual, 2),
                suggestion=f"Kiểm tra lại: theo số liệu phải là {correct}%" + (f" ({notes[0]})" if notes else ""),
                evidence={"arithmetic": f"{arithmetic}; báo cáo ghi {pct.text}",
                          "part": frac.part.number.text, "whole": frac.whole.number.text,
                          "stated": pct.text, "computed": float(round(actual, 4)),
                          "tolerance": f"[{fmt(pct.number.interval[0], pct.number.decimals + 1)}; "
                                       f"{fmt(pct.number.interval[1], pct.number.decimals + 1)}]"},
            )





PERCENT_THEN_FRACTION_RE = regex.compile(r"\s*\(\s*$")
CLOSING_PAREN_RE = regex.compile(r"\s*\)")


def _bracketed_after_percent(text: str, facts, frac):
    """"chiếm 15% (3/20)": the fraction in brackets right after its percent -> that percent."""
    before = [pc for pc in facts.percents if pc.end <= frac.start]
    if not before or not PERCENT_THEN_FRACTION_RE.fullmatch(text, before[-1].end, frac.start):
        return None
    if not CLOSING_PAREN_RE.match(text, frac.end):
        return None  # "15% (3/20 xã đã …": more than the fraction stands in the bracket
    return before[-1]


class _WordFraction:
    """"12 trên 15 xã", "12 trên tổng số 15 xã": a fraction written with "trên"."""

    def __init__(self, part, whole):
        self.part, self.whole = part, whole
        self.start, self.end = part.start, whole.end


WORD_FRACTION_GAP = regex.compile(r"\s+trên\s+(?:tổng\s+số\s+)?", regex.IGNORECASE)


def _fractions_in_words(text: str, facts) -> list:
    out = []
    for a, b in zip(facts.quantities, facts.quantities[1:]):
        if not WORD_FRACTION_GAP.fullmatch(text, a.number.end, b.start) or b.unit is None or not b.unit.is_count:
            continue
        if a.number.decimals or b.number.decimals or a.value > b.value:
            continue
        out.append(_WordFraction(a, b))
    return out


# ---------------------------------------------------------------- SO005 plan, then actual

# The words that name a plan, and the words that may qualify it ("kế hoạch năm 2021 huyện giao").
PLAN_WORD = r"(?:KH|kế hoạch|chỉ tiêu|dự toán)"
PLAN_QUALIFIED = PLAN_WORD + r"(?:\s+(?:năm|vốn|được giao|giao|HĐND|tỉnh|huyện|xã|\d{4}))*"
PLAN_AFTER_RE = regex.compile(r"\s*(?:so với\s+)?" + PLAN_WORD + r"(?!\p{L})", regex.IGNORECASE)
REACHED_BEFORE_RE = regex.compile(r"(?:[,(]\s*|\s)(?:đạt|bằng)\s*(?:tỷ lệ|tỉ lệ)?\s*$", regex.IGNORECASE)
# "kế hoạch 1.998 ha", "chỉ tiêu giao 350 lao động", "dự toán thu 165 tỷ đồng": up to three words
# naming the plan may stand between the cue and its figure, but not a verb of doing ("đã", "đạt").
PLAN_CUE_RE = regex.compile(
    PLAN_WORD + r"(?:\s+(?:giao|vốn|năm\s+\d{4}|được giao|đề ra))?"
    r"(?:\s+(?!(?:đã|được|đạt|thực|còn|mới)(?!\p{L}))\p{Ll}+){0,3}\s*(?:là|:)?\s*$",
    regex.IGNORECASE)
FULL_PLAN_RE = regex.compile(r"\s*,?\s*đạt\s+100\s*%\s*(?:KH|kế hoạch)", regex.IGNORECASE)
SENTENCE_STOP_RE = regex.compile(r"(?<!\d)\.(?!\d)|;|!|\?")
PLAN_CLAUSE_RE = regex.compile(r"\s*(?:[-+•]\s*)?" + PLAN_WORD + r"(?!\p{L})", regex.IGNORECASE)


NOUN_TAIL_RE = regex.compile(r"(?:\p{L}+(?:\s+\p{L}+){0,2})?")


class PercentOfPlanParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    earlier_plan_severity: str = "warning"  # a plan read from an earlier "…, đạt 100% KH" sentence


@register("percent_of_plan", PercentOfPlanParams)
def percent_of_plan(ctx: CheckContext, rule: RuleSpec, p: PercentOfPlanParams) -> Iterable[Finding]:
    """"kế hoạch 1.998 ha, đã làm đất được 1.680 ha, đạt 84% kế hoạch": actual / plan."""
    from ..extract.units import comparable
    from ..findings import Severity
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if not facts.percents or len(facts.quantities) < 2:
            continue
        text = unit.ntext
        for pct in facts.percents:
            if not PLAN_AFTER_RE.match(text, pct.end) or pct.number.value == 100:
                continue
            w0 = max(0, pct.start - 40)
            reached = REACHED_BEFORE_RE.search(text[w0:pct.start])
            if not reached:
                continue
            r_start = w0 + reached.start()
            before = [q for q in in_span(facts.quantities, r_start - 450, r_start)
                      if r_start - 400 <= q.end <= r_start and q.unit is not None]
            if not before:
                continue
            actual = before[-1]
            # "8.650 ha lúa, đạt 101,8% kế hoạch": a few words naming what was counted may stand between
            if not NOUN_TAIL_RE.fullmatch(text[actual.end:r_start].strip(" ,(")) or any(
                    actual.end <= o.start < pct.start for o in list(facts.percents) + list(facts.fractions)):
                continue
            plan, earlier = _plan_for(text, facts, actual, comparable)
            if plan is None:
                plan = _plan_after(text, facts, actual, pct, comparable)
            if plan is None or plan.value == 0:
                continue
            value = actual.value * actual.unit.factor / (plan.value * plan.unit.factor) * 100
            if fits(value, pct.number):
                continue
            correct = fmt(value, pct.number.decimals)
            note = culprit_note("tỷ lệ", pct.number.text, correct)
            arithmetic = f"{actual.number.text} / {plan.number.text} = {fmt(value, 2)} %"
            yield ctx.finding(
                rule, unit, pct.start, pct.end,
                severity=Severity(p.earlier_plan_severity) if earlier else None,
                arithmetic=arithmetic, stated=pct.text, plan=plan.number.text,
                suggestion=f"Kiểm tra lại: theo số liệu phải là {correct}%" + (f" ({note})" if note else ""),
                evidence={"arithmetic": f"{arithmetic}; báo cáo ghi {pct.text}", "plan": plan.number.text,
                          "actual": actual.number.text, "stated": pct.text,
                          "computed": float(round(value, 4))},
            )


PLAN_IN_BRACKET_RE = regex.compile(
    r"\s*(?:so với\s+)?" + PLAN_QUALIFIED + r"\s*\(\s*"
    # the bracket may name the plan again: "(kế hoạch 1.300 trẻ)", "(dự toán năm: 165 tỷ đồng)"
    r"(?:" + PLAN_QUALIFIED + r"\s*(?:là|:)?\s*)?",
    regex.IGNORECASE)


def _plan_after(text, facts, actual, pct, comparable):
    """"12.345 triệu đồng, bằng 61,7% dự toán năm (20.000 triệu đồng)": the plan in brackets after."""
    m = PLAN_IN_BRACKET_RE.match(text, pct.end)
    if not m:
        return None
    inside = [q for q in in_span(facts.quantities, m.end(), m.end() + 40) if q.start == m.end()]
    if len(inside) != 1 or not comparable(actual.unit, inside[0].unit):
        return None
    close = text.find(")", inside[0].end)
    return inside[0] if close >= 0 and not text[inside[0].end:close].strip(" ,") else None


def _plan_for(text, facts, actual, comparable):
    """The plan an actual figure is measured against: a figure right after "kế hoạch"/"KH"/
    "chỉ tiêu" earlier in the same sentence, else a figure said to be "đạt 100% KH" earlier in
    the paragraph. None when there is no such figure or more than one candidate."""
    w0 = max(0, actual.start - 600)
    stops = [m.end() for m in SENTENCE_STOP_RE.finditer(text, w0, actual.start)]
    sentence_start = stops[-1] if stops else w0
    if stops and text[stops[-1] - 1] == ";" and PLAN_CLAUSE_RE.match(
            text, stops[-2] if len(stops) > 1 else w0, stops[-1]):
        # "Chỉ tiêu giao 350 lao động; đã giải quyết việc làm cho 378 lao động, đạt 108% chỉ tiêu"
        sentence_start = stops[-2] if len(stops) > 1 else w0
    same = [q for q in in_span(facts.quantities, sentence_start, actual.start) if q.end <= actual.start
            and comparable(actual.unit, q.unit)]
    cued = [q for q in same if PLAN_CUE_RE.search(text[max(sentence_start, q.start - 30):q.start])]
    if len(cued) == 1 and same[-1] is cued[0]:
        return cued[0], False
    if same:
        return None, False
    earlier = [q for q in in_span(facts.quantities, sentence_start - 650, sentence_start)
               if sentence_start - 600 <= q.end <= sentence_start
               and comparable(actual.unit, q.unit)]
    if not earlier:
        return None, False
    cand = earlier[-1]
    full = FULL_PLAN_RE.match(text, cand.end)
    if full and len([q for q in earlier if FULL_PLAN_RE.match(text, q.end)]) == 1:
        return cand, True
    return None, False


# ---------------------------------------------------------------- SO015 growth

# "giảm từ 1.548 hộ xuống còn 1.203 hộ, giảm 345 hộ (22,3%)": the change is the difference of the two.
FROM_TO_RE = regex.compile(
    r"(?P<dir>tăng|giảm)\s+từ\s+(?P<a>\S+)[^\d;.]{0,25}?\s+(?:lên|xuống)\s+(?:còn\s+|mức\s+)?(?P<b>\S+)",
    regex.IGNORECASE)
CHANGE_AFTER_RE = regex.compile(r"[^\d;.]{0,30}?(?:,\s*|\(\s*|\s)(?:tức\s+là\s+|tương\s+ứng\s+)?"
                                r"(?P<dir>tăng|giảm)(?:\s+(?:thêm|được|đi))?\s+$", regex.IGNORECASE)


def _from_to_changes(ctx: CheckContext, rule: RuleSpec) -> Iterable[Finding]:
    from ..extract.units import comparable
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if len(facts.quantities) < 3 and not (facts.quantities and facts.percents):
            continue
        text = unit.ntext
        for m in FROM_TO_RE.finditer(text):
            qa = next((q for q in facts.quantities if q.start == m.start("a")), None)
            qb = next((q for q in facts.quantities if q.start == m.start("b")), None)
            if qa is None or qb is None or qa.unit is None or not comparable(qa.unit, qb.unit):
                continue
            a = qa.value * qa.unit.factor
            b = qb.value * qb.unit.factor
            direction = m.group("dir").lower()
            if (direction == "tăng") != (b > a) or a == b:
                continue
            # a percent after it may be a relative change or a change of a rate in points: not read
            later = [q for q in facts.quantities if qb.end < q.start <= qb.end + 45]
            for fig in later:
                cue = CHANGE_AFTER_RE.fullmatch(text, qb.end, fig.start)
                if not cue or cue.group("dir").lower() != direction:
                    continue
                if not comparable(qa.unit, fig.unit):
                    break
                actual = abs(b - a) / fig.unit.factor
                ok = fits(actual, fig.number, allow_truncation=False)
                shown = f"|{qb.number.text} − {qa.number.text}| = {fmt(actual, fig.number.decimals)}"
                if not ok:
                    yield ctx.finding(
                        rule, unit, fig.start, fig.number.end, arithmetic=shown, stated=fig.number.text,
                        suggestion=f"Theo hai số liệu, mức {direction} là {shown.split(' = ')[-1]}",
                        evidence={"arithmetic": f"{shown}; báo cáo ghi {fig.number.text}", "from": qa.number.text,
                                  "to": qb.number.text, "computed": float(round(actual, 4))})
                break

GROWTH_BEFORE_RE = regex.compile(r"(?P<dir>tăng|giảm)\s*(?:khoảng\s*)?$", regex.IGNORECASE)
GROWTH_BASE_RE = regex.compile(r"\s*so\s+với\s+(?P<base>(?:[^.;!?]|(?<=\d)\.(?=\d)){0,80})", regex.IGNORECASE)


BRACKET_GROUP_RE = regex.compile(r"\([^()]*\)")
PERCENT_CLAUSE_RE = regex.compile(
    r"(?<!\p{L})(?:(?:đạt|bằng|chiếm)\s+(?:tỷ\s+lệ\s+|tỉ\s+lệ\s+)?\d[\d.,]*\s?%(?:\s+\p{L}+){0,4}"
    r"|(?:tăng|giảm)\s+(?:khoảng\s+)?\d[\d.,]*\s?%\s*so\s+với(?:\s+\p{L}+){0,4}(?:\s+(?:19|20)\d{2})?)",
    regex.IGNORECASE)


def _head_figure(text: str, facts, pos: int):
    """The figure a clause starting at ``pos`` speaks of: the figure right before it, or the one
    before a chain of ", bằng P% dự toán năm (Y)" clauses ("186.450 triệu đồng, bằng 78,4% dự toán
    năm (237.800 triệu đồng), tăng 12,6% …"). Figures inside brackets are not heads."""
    before = [q for q in facts.quantities if q.end <= pos and q.unit is not None]
    if not before:
        return None
    if not text[before[-1].end:pos].strip(" ,("):
        return before[-1]

    def depth(i: int) -> int:
        return text.count("(", 0, i) - text.count(")", 0, i)

    level = depth(pos)
    for q in reversed(before):
        if depth(q.start) > level:
            continue  # inside a bracket that closes before the clause
        gap = BRACKET_GROUP_RE.sub(" ", text[q.end:pos])
        gap = PERCENT_CLAUSE_RE.sub(" ", gap)
        return q if not gap.strip(" ,") else None
    return None


def _wrong_direction(ctx, rule, unit, d, dir_start: int, pct, cur, base):
    """"38.560 con, giảm 4,2% so với cùng kỳ (37.006 con)": the size fits exactly, the word is the
    other way round — the direction word is the slip (an unrelated base would not fit the size)."""
    said = d.group("dir").lower()
    other = "giảm" if said == "tăng" else "tăng"
    start = dir_start + (d.start("dir") - d.start())
    arithmetic = f"{cur.number.text} so với {base.number.text} là {other} {pct.text}, không phải {said}"
    return ctx.finding(
        rule, unit, start, start + len(d.group("dir")), arithmetic=arithmetic, stated=f"{said} {pct.text}",
        suggestion=f"Theo hai số liệu, phải là “{other} {pct.text}”",
        evidence={"arithmetic": arithmetic, "current": cur.number.text, "base": base.number.text})


@register("growth_rate")
def growth_rate(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"12.000 triệu đồng, tăng 20% so với cùng kỳ (10.000 triệu đồng)": (now − then) / then."""
    from ..extract.units import comparable
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if not facts.percents or len(facts.quantities) < 2:
            continue
        text = unit.ntext
        for pct in facts.percents:
            d = GROWTH_BEFORE_RE.search(text[max(0, pct.start - 20):pct.start])
            if not d:
                continue
            dir_start = pct.start - (len(text[max(0, pct.start - 20):pct.start]) - d.start())
            cur = _head_figure(text, facts, dir_start)
            if cur is None:
                continue
            base_m = GROWTH_BASE_RE.match(text, pct.end)
            if not base_m:
                continue
            b_start, b_end = base_m.start("base"), base_m.end("base")
            bases = [q for q in facts.quantities if b_start <= q.start and q.end <= b_end and q.unit is not None
                     and comparable(cur.unit, q.unit)]
            if len(bases) != 1 or any(b_start <= o.start < b_end for o in list(facts.percents) + list(facts.fractions)):
                continue
            base = bases[0]
            if not base.value:
                continue
            now_v, base_v = cur.value * cur.unit.factor, base.value * base.unit.factor
            change = (now_v - base_v) / base_v * 100
            if d.group("dir").lower() == "giảm":
                change = -change
            if fits(change, pct.number):
                continue
            if change < 0:
                if fits(-change, pct.number):
                    yield _wrong_direction(ctx, rule, unit, d, dir_start, pct, cur, base)
                continue  # otherwise the direction word contradicts the figures: another base was meant
            arithmetic = (f"({cur.number.text} − {base.number.text}) / {base.number.text} = {fmt(change, 2)} %"
                          if d.group("dir").lower() == "tăng" else
                          f"({base.number.text} − {cur.number.text}) / {base.number.text} = {fmt(change, 2)} %")
            yield ctx.finding(
                rule, unit, pct.start, pct.end, arithmetic=arithmetic, stated=pct.text,
                suggestion=f"Theo hai số liệu, mức {d.group('dir').lower()} là {fmt(change, pct.number.decimals)}%",
                evidence={"arithmetic": f"{arithmetic}; báo cáo ghi {pct.text}", "current": cur.number.text,
                          "base": base.number.text, "computed": float(round(change, 4))},
            )
    yield from _from_to_changes(ctx, rule)
