"""One fact stated twice, and how numbers and units are written across a document."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from typing import Iterable

import regex

from ..context import CheckContext
from ..extract.figures import Quantity
from ..extract.numbers import NUM, format_vn
from ..extract.units import head, is_known_unit
from ..findings import Finding
from ..ruleset import RuleSpec
from . import register

# ---------------------------------------------------------------- SO009 one fact, two figures

LINK_RE = regex.compile(r"^\s*(?:[\p{Ll}]+\s+){0,3}?(?:với|cho|gồm|có)\s+$")


def _count(q: Quantity) -> bool:
    return q.unit is not None and q.unit.is_count and is_known_unit(q.unit) and not q.number.decimals


@register("same_fact_two_figures")
def same_fact_two_figures(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"6 lớp tập huấn với 152 học viên" … "06 lớp/152 học viên": the same fact, the same figures."""
    seen: dict[tuple[str, str], list] = defaultdict(list)
    for unit in ctx.units():
        facts = ctx.facts(unit)
        text = unit.ntext
        found = []
        for pair in facts.pairs:
            if _count(pair.left) and _count(pair.right):
                found.append((pair.left, pair.right, pair.start, pair.end))
        qs = facts.quantities
        for a, b in zip(qs, qs[1:]):
            if _count(a) and _count(b) and head(a.unit) != head(b.unit) and LINK_RE.match(text[a.end:b.start]):
                found.append((a, b, a.start, b.end))
        for a, b, s, e in found:
            seen[(head(a.unit), b.unit.canonical)].append((unit, a, b, s, e))
    for key, mentions in seen.items():
        if len(mentions) != 2:
            continue  # a pattern repeated many times is many events, not one fact
        (u1, a1, b1, _, _), (u2, a2, b2, s2, e2) = mentions
        if (a1.value == a2.value) == (b1.value == b2.value):
            continue
        arithmetic = (f"“{a1.number.text} {a1.unit_text} … {b1.number.text} {b1.unit_text}” và "
                      f"“{a2.number.text} {a2.unit_text} … {b2.number.text} {b2.unit_text}”")
        yield ctx.finding(
            rule, u2, s2, e2, arithmetic=arithmetic, related=u1.location(a1.start, b1.end),
            suggestion="Thống nhất số liệu giữa hai chỗ",
            evidence={"arithmetic": arithmetic, "first": f"{a1.number.text}/{b1.number.text}",
                      "second": f"{a2.number.text}/{b2.number.text}"},
        )


# ---------------------------------------------------------------- SO012 English number format

ENGLISH_RES = (
    regex.compile(r"(?<![\p{L}\d.,])\d{1,3}(?:,\d{3})+\.\d+(?![\d.,]*\d)"),  # 1,234.5
    regex.compile(r"(?<![\p{L}\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d.,]*\d)"),  # 1,234,567
    regex.compile(r"(?<![\p{L}\d.,/])\d{1,3}\.\d{1,2}(?=\s?%)"),  # 12.5%
)
# the literal characters each pattern above cannot match without (a cheap test before the scan)
ENGLISH_NEEDS = (",.", ",", ".%")


def _to_vn(token: str) -> str:
    if token.count(".") == 1 and "," not in token:  # 12.5 (percent)
        return token.replace(".", ",")
    try:
        value = Decimal(token.replace(",", ""))
    except InvalidOperation:  # digits Decimal does not read (newer scripts): swap the separators
        return token.translate(str.maketrans(",.", ".,"))
    decimals = len(token.split(".", 1)[1]) if "." in token else 0
    return format_vn(value, decimals)


ASCII_DIGIT_RE = regex.compile(r"[0-9]")


def _has_str_digit(text: str) -> bool:
    """``any(ch.isdigit() for ch in text)`` (kept: regex's ``\\d`` and ``str.isdigit`` differ on some
    characters, newer digits and superscripts); an ASCII digit, the usual case, settles it in C."""
    return ASCII_DIGIT_RE.search(text) is not None or any(ch.isdigit() for ch in text)


@register("english_number_format")
def english_number_format(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"1,234.5" in a Vietnamese report: the separators are swapped."""
    # every ENGLISH_RES pattern needs a regex \d: the units without one cannot match
    for unit in ctx.units_with_digits():
        text = unit.ntext
        scans = [rx for rx, needs in zip(ENGLISH_RES, ENGLISH_NEEDS) if all(ch in text for ch in needs)]
        if not scans or not _has_str_digit(text):
            continue
        facts = ctx.facts(unit)
        taken = [(r.start, r.end) for r in facts.refs] + [(d.start, d.end) for d in facts.dates]
        done: set[int] = set()
        for rx in scans:
            for m in rx.finditer(text):
                if m.start() in done or any(a <= m.start() < b for a, b in taken):
                    continue
                done.add(m.start())
                vn = _to_vn(m.group())
                yield ctx.finding(
                    rule, unit, m.start(), m.end(), written=m.group(), vn=vn,
                    suggestion=vn,
                    evidence={"arithmetic": f"“{m.group()}” (kiểu Anh) = “{vn}” (kiểu Việt)"},
                )


# ---------------------------------------------------------------- SO013 missing thousands separator

NOT_A_COUNT_BEFORE = regex.compile(
    r"(?:số|mã|km|ql|qL|đt|tl|tuyến|phòng|điện thoại|hotline|iso|tcvn|mẫu|năm|khóa|khoá|lô|thửa|tờ)\s*$",
    regex.IGNORECASE)


@register("missing_thousands_separator")
def missing_thousands_separator(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"1380 buổi" when the same report writes "9.000 liều"."""
    grouped = 0
    plain: list = []
    for unit in ctx.units():
        facts = ctx.facts(unit)
        text = unit.ntext
        for q in facts.quantities:
            if q.number.grouped and q.value >= 1000:
                grouped += 1
            elif (q.value >= 1000 and q.number.text.isdigit() and not q.number.text.startswith("0")
                  and q.unit is not None and is_known_unit(q.unit) and not 1900 <= q.value <= 2100
                  and not NOT_A_COUNT_BEFORE.search(text[max(0, q.start - 14):q.start])):
                plain.append((unit, q))
        for f in facts.fractions:
            for q in (f.part, f.whole):
                if q.number.grouped and q.value >= 1000:
                    grouped += 1
    if grouped < 2 or grouped <= len(plain):
        return
    for unit, q in plain:
        vn = format_vn(q.value)
        yield ctx.finding(
            rule, unit, q.start, q.end, written=q.number.text, vn=vn, grouped=grouped,
            suggestion=f"{vn} {q.unit_text}",
            evidence={"arithmetic": f"“{q.number.text}” không có dấu chấm phân cách hàng nghìn; văn bản có "
                                    f"{grouped} số khác viết có dấu (“{vn}”)"},
        )


# ---------------------------------------------------------------- SO014 unit spelled two ways


_SPACES_RE = regex.compile(r"\s+")


@register("unit_spelling")
def unit_spelling(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"ha" and "héc ta", "m2" and "m²" in one report."""
    uses: dict[str, list] = defaultdict(list)
    for unit in ctx.units():
        for q in ctx.facts(unit).quantities:
            if q.unit is not None and not q.unit.is_count and q.unit_text:
                uses[q.unit.canonical].append((_SPACES_RE.sub(" ", q.unit_text.lower()), unit, q))
    for canonical, found in uses.items():
        counts = Counter(sp for sp, _, _ in found)
        if len(counts) < 2:
            continue
        main = counts.most_common(1)[0][0]
        reported: set[str] = set()
        for spelling, unit, q in found:
            if spelling == main or spelling in reported:
                continue
            reported.add(spelling)
            text = unit.ntext
            yield ctx.finding(
                rule, unit, q.end - len(q.unit_text), q.end, written=text[q.end - len(q.unit_text):q.end],
                main=main, suggestion=main,
                evidence={"arithmetic": f"đơn vị {canonical} được viết {len(counts)} kiểu: "
                                        + ", ".join(f"“{s}” ({n} lần)" for s, n in counts.most_common())},
            )


# ---------------------------------------------------------------- SO022 a range of values written high to low

VALUE_RANGE_RE = regex.compile(
    rf"(?<!\p{{L}})(?:từ|dao\s+động(?:\s+từ)?|trong\s+khoảng|khoảng)\s+(?P<a>{NUM})\s*%?\s*[-–—]\s*"
    rf"(?P<b>{NUM})(?![\d/.,]\d)\s*(?:%|\p{{L}}+)", regex.IGNORECASE)
YEAR_LIKE_RE = regex.compile(r"^(?:19|20)\d{2}$")


@register("value_range_reversed")
def value_range_reversed(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"giá lúa dao động từ 7.500 - 6.800 đồng/kg": a range of values runs from the low to the high
    figure; years ("2021 - 2020") and dates are left to the date rules."""
    from ..extract.numbers import parse_vn_number
    for unit in ctx.units():
        text = unit.ntext
        if "-" not in text and "–" not in text and "—" not in text:
            continue
        for m in VALUE_RANGE_RE.finditer(text):
            if text[m.start("a") - 1:m.start("a")] == "/" or YEAR_LIKE_RE.match(m.group("a")) \
                    or YEAR_LIKE_RE.match(m.group("b")):
                continue
            try:
                a, b = parse_vn_number(m.group("a")), parse_vn_number(m.group("b"))
            except ValueError:
                continue
            if a <= b:
                continue
            shown = text[m.start("a"):m.end("b")]
            yield ctx.finding(
                rule, unit, m.start("a"), m.end("b"), stated=shown,
                arithmetic=f"{m.group('a')} > {m.group('b')}",
                suggestion=f"Khoảng giá trị viết từ số nhỏ đến số lớn: “{m.group('b')} - {m.group('a')}”",
                evidence={"arithmetic": f"{m.group('a')} > {m.group('b')}", "low": m.group("b"),
                          "high": m.group("a")},
            )
