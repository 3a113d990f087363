"""Totals against their breakdowns: sums, "trong đó" parts, complements, shares of a total."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..context import CheckContext
from ..extract.figures import Quantity
from ..extract.lists import Enumeration, Item, bullet_items, bullet_marker, ends_with_colon, inline_enumerations
from ..extract.units import comparable, head
from ..findings import Finding, Severity
from ..model import TextUnit
from ..ruleset import RuleSpec
from . import register
from .arith import in_span, as_written, slip_note, fits, fmt, interval_sum

# An item whose figure is a change, a comparison, an average or another period is not a part.
NOT_A_PART_RE = regex.compile(
    r"(?<!\p{L})(?:tăng|giảm|so với|cùng kỳ|(?:kỳ|năm|tháng|quý) trước|năm \d{4}\s*:|hơn|vượt|bình quân|"
    r"trung bình|mỗi|khoảng|gần|trên \d|dưới \d|lũy kế|luỹ kế|tổng|chiếm|còn lại|tối đa|tối thiểu|ít nhất|"
    r"nhiều nhất|lên|xuống)(?!\p{L})",
    regex.IGNORECASE)
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
            items = bullet_items(following, bullet_marker(text))
            if not items:
                continue
            # the intro's total: the last quantity of its last clause
            intro_start = max(text.rfind(";"), text.rfind(". "), -1) + 1
            intro = [q for q in facts.quantities if q.start >= intro_start]
            total = intro[-1] if intro else None
            gap = text[total.end:len(text) - 1] if total else ""
            kw = regex.search(r"(trong\s+đó|bao\s+gồm|gồm|cụ\s+thể)[^:]*:\s*$", text, regex.IGNORECASE)
            inner = "trong_do" if kw and kw.group(1).lower().startswith("trong") else ""
            out.append(Located(unit, Enumeration("bullets", total, len(text), len(text), items, gap, inner)))
    ctx.cache["numeric.enumerations"] = out
    return out


def _words(gap: str) -> int:
    return len(regex.findall(r"\p{L}+", gap))


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
        excluded = bool(NOT_A_PART_RE.search(item.head))
        if strict:
            if len(own) != 1 or other or item.fractions or excluded:
                return None
            if any(pc.start < own[0].start for pc in item.percents):
                return None
            if len(item.quantities) > 1 and any(q.unit is None for q in item.quantities):
                return None
        elif len(own) != 1 or excluded or item.fractions:
            if regex.search(r"(?<!\p{L})tổng(?!\p{L})", item.head, regex.IGNORECASE):
                break  # another total: the list has ended
            continue
        parts.append(own[0])
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
        enum = loc.enum
        if not _total_ok(enum) or enum.partial:
            continue
        if enum.kind != "bullets" and _words(enum.gap) > MAX_GAP_WORDS:
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
        parts = _parts(enum, strict=True, unit=unit, accept=accept)
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
            if need >= 0:
                candidates.append(("số thành phần", q.number.text, as_written(need, q.number.text)))
        note = slip_note(candidates)
        yield ctx.finding(
            rule, loc.unit, total.start, total.end, severity=Severity.warning if short else None,
            arithmetic=arithmetic, stated=total.number.text,
            suggestion=("Kiểm tra lại tổng hoặc các số thành phần" + (f" ({note})" if note else "")),
            evidence={"arithmetic": arithmetic, "total": total.number.text,
                      "parts": [q.number.text for q in parts], "computed": float(exact),
                      **({"likely_slip": note} if note else {})},
        )


def _named_nouns(total: Quantity, enum: Enumeration):
    """"124 xã, phường, đặc khu (103 xã, 20 phường, 01 đặc khu)": parts whose nouns are all named
    in the total's noun phrase. Returns an acceptance test, or None when this does not apply."""
    phrase = " " + regex.sub(r"[,\s]+", " ", (total.unit_text + enum.gap).lower()) + " "
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
    return units[0] if not is_known_unit(total.unit) else None


# ---------------------------------------------------------------- SO003 part > whole


@register("part_exceeds_total")
def part_exceeds_total(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"10.084 lượt người (trong đó 5.502 lượt người nghèo …)": no part may exceed the whole."""
    for loc in enumerations(ctx):
        enum = loc.enum
        if not _total_ok(enum):
            continue
        if enum.kind != "bullets" and _words(enum.gap) > MAX_GAP_WORDS:
            continue
        total = enum.total
        t_hi = (total.value + _half(total)) * total.unit.factor
        parts = _parts(enum, strict=False) or []
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


def _item_of(enum: Enumeration, q: Quantity) -> Item:
    return next(it for it in enum.items if q in it.quantities)


# ---------------------------------------------------------------- SO004 complements

NEGATION_AFTER = regex.compile(r"\s*(?:[\p{L}]+\s+){0,3}?(?:chưa|không|còn lại)(?!\p{L})", regex.IGNORECASE)
NEGATION_BEFORE = regex.compile(r"(?:còn lại|còn|chưa có)\s*$", regex.IGNORECASE)


@register("fraction_complement")
def fraction_complement(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"15/17 xã đã tiêm xong; 02 xã chưa tiêm xong": done + not done = all."""
    for unit in ctx.units():
        facts = ctx.facts(unit)
        if not facts.fractions:
            continue
        text = unit.ntext
        for frac in facts.fractions:
            noun = frac.whole.unit or frac.part.unit
            if noun is None or not noun.is_count or frac.part.number.decimals or frac.whole.number.decimals:
                continue
            stop = len(text)
            m = regex.compile(r"(?<!\d)\.(?=\s|$)").search(text, frac.end)
            if m:
                stop = m.start()
            later = [f for f in in_span(facts.fractions, frac.end + 1, stop)]
            if later:
                stop = later[0].start
            same = [q for q in in_span(facts.quantities, frac.end, stop) if q.unit is not None
                    and q.unit.is_count and head(q.unit) == head(noun) and not q.number.decimals]
            for k, q in enumerate(same):
                if not (NEGATION_AFTER.match(text, q.end) or NEGATION_BEFORE.search(text[max(0, q.start - 12):q.start])):
                    # a figure of the same thing that is neither a subset ("trong đó có 10 dự án …")
                    # nor the rest: a third category, so two parts need not add up
                    if not regex.search(r"trong\s+đó", text[frac.end:q.start], regex.IGNORECASE):
                        break
                    continue
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


# ---------------------------------------------------------------- SO006 share of a stated total

SHARE_END_RE = regex.compile(r"\s*(?:[;,.)]|$|trong tổng số|tổng số|so với tổng)")
SHARE_RE = regex.compile(r"^(?:\s*\p{L}+){0,6}?\s*,?\s*(?:chiếm|bằng|tương đương|tương ứng|đạt)?\s*(?:tỷ lệ|tỉ lệ)?\s*:?\s*\(?\s*$",
                         regex.IGNORECASE)


@register("share_of_total")
def share_of_total(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"… 5.502 lượt (chiếm 54,6%)" inside a breakdown of 10.084: the share is part / total."""
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
            if len(own) != 1 or regex.search(r"tăng|giảm|so với|cùng kỳ|kế hoạch|KH", item.text):
                continue
            q = own[0]
            pcts = [pc for pc in facts.percents if q.end <= pc.start <= q.end + 60
                    and SHARE_RE.match(text[q.end:pc.start]) and regex.search(r"chiếm|\(|tỷ lệ|tỉ lệ", text[q.end:pc.start])]
            pcts = [pc for pc in pcts if SHARE_END_RE.match(text, pc.end)]
            if pcts and total.value:
                shares.append((q, pcts[0]))
        stated_sum = sum((pc.number.value for _, pc in shares), Decimal(0))
        for q, pc in shares:
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


__all__ = ["enumerations", "breakdown_sum", "part_exceeds_total", "fraction_complement", "share_of_total"]
