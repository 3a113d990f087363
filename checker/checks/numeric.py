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
from .arith import culprit_note, fits, fmt


class PercentOfFractionParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_gap: int = Field(40, ge=0, le=200)  # characters allowed between fraction and percent
    # Between the fraction and its percent: words without figures or sentence breaks,
    # ending in a connector ("đạt", "chiếm", "tỷ lệ", "(") — or nothing but punctuation.
    connector: str = (r"^(?:[\s,(]*|[^\d%;.!?]*?(?:đạt|bằng|chiếm|tương đương|tương ứng|tỷ lệ|tỉ lệ|\()"
                      r"(?:\s+(?:tỷ lệ|tỉ lệ|khoảng|gần|trên|hơn))?\s*[(=:]?\s*)$")


@register("percent_of_fraction", PercentOfFractionParams)
def percent_of_fraction(ctx: CheckContext, rule: RuleSpec, p: PercentOfFractionParams) -> Iterable[Finding]:
    """"3.425ha/3.750ha, đạt 91,3%": the percent must be part / whole at its printed precision."""
    connector = regex.compile(p.connector, regex.IGNORECASE)
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if not facts.fractions or not facts.percents:
            continue
        text = unit.ntext
        for frac in facts.fractions:
            following = [pc for pc in facts.percents if 0 <= pc.start - frac.end <= p.max_gap]
            if not following:
                continue
            pct = following[0]
            if not connector.match(text[frac.end:pct.start]):
                continue
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


__all__ = ["percent_of_fraction", "Decimal"]
