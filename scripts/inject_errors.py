"""Inject one realistic slip into a real report and measure whether rasoat finds it.

    python scripts/inject_errors.py ../shared/corpus/*.txt ../shared/seeds/*.txt samples/*.txt
    python scripts/inject_errors.py FILE --per-kind 0 --show-misses --show-alarms
    python scripts/inject_errors.py FILE --list            # only print the mutations

Each mutant is a copy of the report with ONE slip of a kind that people really make: a
percentage that no longer matches its own figures, a part changed so a total is not the sum
of its breakdown, a count that no longer matches the names listed, a reversed year range, an
impossible date, a commemoration with the wrong day, a duplicated row or paragraph, a gap in
the numbering, a day-month swap, a "next period" heading that is not the next period …

Candidates are found by pattern in the text itself (a fraction followed by a percent that
agrees with it, a total followed by a breakdown that adds up, a count followed by as many
names, a date, a term "2021 - 2026" …), never by a per-document list. The finder only mutates
places that are consistent in the original, so every mutant carries exactly one new slip.

A mutation is *detected* when rasoat reports a new finding (one not on the original) on the
lines of the mutation; any other new finding is a *false alarm*. The patterns here are
written independently of the checker's extraction so that the measure is not circular.
"""

from __future__ import annotations

import argparse
import calendar
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import regex

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# ---------------------------------------------------------------- the mutation record

@dataclass
class Mutation:
    kind: str  # what slip was made ("percent_fraction", "impossible_date", …)
    family: str  # rule family expected to see it: "SO" | "NT" | "CT"
    line: int  # 1-based line of the change, in the mutated text
    region: tuple[int, int]  # lines (mutated text, inclusive) a finding must touch to count
    before: str  # excerpt as it was
    after: str  # excerpt as it is now
    text: str  # the whole mutated report
    shift_at: int = 0  # lines after this (original numbering) moved by ``shift``
    shift: int = 0
    note: str = ""

    def describe(self) -> str:
        return f"{self.kind} @ dòng {self.line}: «{self.before}» → «{self.after}»" + (
            f" ({self.note})" if self.note else "")


# ---------------------------------------------------------------- numbers written the Vietnamese way

NUM = regex.compile(r"(?<![\d.,/\p{L}])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d]|[.,]\d|/\d)")
PCT = regex.compile(r"(?<![\d.,/])(?P<n>\d{1,3}(?:,\d{1,3})?)\s?%")
YEAR = regex.compile(r"^(?:19|20)\d{2}$")


def value(s: str) -> Decimal:
    return Decimal(s.replace(".", "").replace(",", "."))


def decimals(s: str) -> int:
    return len(s.split(",", 1)[1]) if "," in s else 0


def half_ulp(s: str) -> Decimal:
    return Decimal(5) / (Decimal(10) ** (decimals(s) + 1))


def numbers(text: str, start: int = 0, end: Optional[int] = None) -> list[regex.Match]:
    """Figures in ``text[start:end]`` that are not years, dates, percents or document numbers."""
    end = len(text) if end is None else end
    out = []
    for m in NUM.finditer(text, start, end):
        s = m.group()
        after = text[m.end():m.end() + 3]
        before = text[max(0, m.start() - 6):m.start()]
        if YEAR.match(s) and not regex.match(r"\s*(?:tỷ|triệu|ha|người|hộ|lượt|con|tấn)", text[m.end():m.end() + 8]):
            continue
        if regex.match(r"\s?%", after) or regex.search(r"(?:số|Số|/|-)\s*$", before):
            continue
        if regex.match(r"\s*(?:/|-)\s*\p{Lu}", text[m.end():m.end() + 4]):
            continue  # 983/UBND, 57-NQ
        if regex.search(r"(?:Km|km|quý|Quý|lần thứ|khóa|khoá|tháng|Tháng|năm|ngày|Điều|khoản|Khoản)\s*$", before):
            continue
        out.append(m)
    return out


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    stops = [m.end() for m in regex.finditer(r"(?<!\d)\.(?!\d)\s|;|!|\?", text[:start])]
    left = stops[-1] if stops else 0
    m = regex.compile(r"(?<!\d)\.(?!\d)(?:\s|$)|;|!|\?").search(text, end)
    return left, (m.start() if m else len(text))


def fits(actual: Decimal, written: str) -> bool:
    """Does ``actual`` print as ``written`` (rounded or truncated)?"""
    v, h = value(written), half_ulp(written)
    return v - h <= actual <= v + h or v <= actual < v + 2 * h


def digit_slip(s: str, rng: random.Random, keep_below: Optional[Decimal] = None,
               avoid: Callable[[str], bool] = lambda s: False) -> Optional[str]:
    """One realistic keystroke slip in a figure: one digit changed by one, or two adjacent
    digits swapped. None when no variant is allowed."""
    digits = [i for i, c in enumerate(s) if c.isdigit()]
    options = []
    for i in digits:
        c = int(s[i])
        for d in (c + 1, c - 1):
            if 0 <= d <= 9 and not (i == digits[0] and d == 0 and len(s.split(",")[0].replace(".", "")) > 1
                                    and not s.startswith("0")):
                options.append(s[:i] + str(d) + s[i + 1:])
    for a, b in zip(digits, digits[1:]):
        if s[a] != s[b] and not (a == digits[0] and s[b] == "0" and not s.startswith("0")):
            options.append(s[:a] + s[b] + s[a + 1:b] + s[a] + s[b + 1:])
    options = [o for o in options if o != s and not avoid(o)
               and (keep_below is None or value(o) <= keep_below)]
    rng.shuffle(options)
    return options[0] if options else None


# ---------------------------------------------------------------- the report as lines

class Report:
    def __init__(self, text: str, name: str = ""):
        self.text = text
        self.name = name
        self.lines = text.split("\n")

    def replace(self, line_no: int, start: int, end: int, new: str) -> str:
        lines = list(self.lines)
        s = lines[line_no]
        lines[line_no] = s[:start] + new + s[end:]
        return "\n".join(lines)

    def body_lines(self) -> Iterator[tuple[int, str]]:
        for i, s in enumerate(self.lines):
            if s.strip():
                yield i, s


def _m(kind: str, family: str, rep: Report, i: int, start: int, end: int, new: str,
       region: Optional[tuple[int, int]] = None, note: str = "") -> Mutation:
    old = rep.lines[i][start:end]
    r = region or (i + 1, i + 1)
    return Mutation(kind, family, i + 1, r, old, new, rep.replace(i, start, end, new), note=note)


# ---------------------------------------------------------------- SO: percent vs its own figures

def find_percent_ratio(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """A percent that equals a/b of two earlier figures of its sentence; the percent is slipped."""
    for i, s in rep.body_lines():
        for pm in PCT.finditer(s):
            p = pm.group("n")
            pv = value(p)
            if not (1 <= pv < 100) or len(p.replace(",", "").lstrip("0")) < 2:
                continue
            left, _ = sentence_bounds(s, pm.start(), pm.end())
            if regex.search(r"(?<!\p{L})trong\s+đó(?!\p{L})", s[left:pm.start()], regex.IGNORECASE) and left > 0:
                left, _ = sentence_bounds(s, max(0, left - 2), max(0, left - 2))
            left = max(left, pm.start() - 400)
            nums = [m for m in numbers(s, left, pm.start())]
            frac = list(regex.finditer(r"(?<![\d.,/])(\d[\d.,]*)\s*(\p{L}{0,6})\s*/\s*(\d[\d.,]*)(?![\d/])",
                                       s[left:pm.start()]))
            best = None
            for a in range(len(nums)):
                for b in range(len(nums)):
                    if a == b:
                        continue
                    x, y = value(nums[a].group()), value(nums[b].group())
                    if y <= 0 or x >= y or x == 0:
                        continue
                    if fits(x / y * 100, p):
                        pos = max(nums[a].end(), nums[b].end())
                        if best is None or pos > best[0]:
                            best = (pos, nums[a], nums[b])
            for f in frac:
                x, y = f.group(1).rstrip(".,"), f.group(3).rstrip(".,")
                try:
                    xv, yv = value(x), value(y)
                except Exception:
                    continue
                if yv > 0 and 0 < xv < yv and fits(xv / yv * 100, p):
                    pos = left + f.end()
                    if best is None or pos >= best[0]:
                        best = (pos, "frac", f)
            if best is None or pm.start() - best[0] > 120:
                continue
            kind = "percent_fraction" if best[1] == "frac" else "percent_ratio"
            if kind == "percent_ratio":
                between = s[min(best[1].start(), best[2].start()):pm.start()]
                if regex.search(r"(?<!\p{L})(?:tăng|giảm)(?!\p{L})", s[best[0]:pm.start()]):
                    continue  # a growth rate, not a share
                if not regex.search(r"kế hoạch|KH|chỉ tiêu|dự toán|tổng|chiếm|trong đó|trên|đạt|/", between,
                                    regex.IGNORECASE):
                    continue
            # a slip of the last digit by one would stay within rounding of a two-decimal percent
            new = digit_slip(p, rng, keep_below=Decimal(100),
                             avoid=lambda o: value(o) < 1 or abs(value(o) - pv) < 2 * half_ulp(p))
            if new is None:
                continue
            ns, ne = pm.span("n")
            yield _m(kind, "SO", rep, i, ns, ne, new, note=f"đúng là {p}%")


GROWTH = regex.compile(r"(?P<dir>tăng|giảm)\s+(?P<n>\d{1,3}(?:,\d{1,3})?)\s?%\s*so\s+với", regex.IGNORECASE)


def find_growth(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """"12.000 triệu đồng, tăng 20% so với cùng kỳ (10.000 triệu đồng)": the rate is slipped."""
    for i, s in rep.body_lines():
        for g in GROWTH.finditer(s):
            left, right = sentence_bounds(s, g.start(), g.end())
            before = numbers(s, max(left, g.start() - 120), g.start())
            after = numbers(s, g.end(), min(right, g.end() + 100))
            if not before or len(after) != 1:
                continue
            now, base = value(before[-1].group()), value(after[0].group())
            if base == 0:
                continue
            change = (now - base) / base * 100 * (1 if g.group("dir").lower() == "tăng" else -1)
            p = g.group("n")
            if change <= 0 or not fits(change, p):
                continue
            new = digit_slip(p, rng, avoid=lambda o: value(o) == 0)
            if new:
                yield _m("growth_rate", "SO", rep, i, *g.span("n"), new, note=f"đúng là {p}%")


# ---------------------------------------------------------------- SO: totals and breakdowns

OPENER = regex.compile(r"\s*(?:[\p{L}\s,]{0,50}?)\s*(?:(?P<paren>\()|,?\s*(?P<kw>trong\s+đó|bao\s+gồm|gồm|cụ\s+thể)\s*:?)",
                       regex.IGNORECASE)
BULLET = regex.compile(r"^\s*['‘]?\s*(?:[-–+•*]|\d{1,2}[.)]|[a-zđ]\))\s+")


def _list_body(s: str, at: int) -> Optional[tuple[str, int, int]]:
    m = OPENER.match(s, at)
    if not m or regex.search(r"\d", s[at:m.start("paren") if m.group("paren") else m.start("kw")]):
        return None
    if m.group("paren"):
        depth, j = 0, m.start("paren")
        for j in range(m.start("paren"), len(s)):
            depth += {"(": 1, ")": -1}.get(s[j], 0)
            if depth == 0:
                break
        if depth:
            return None
        inner = s[m.end():j]
        kind = "trong_do" if regex.match(r"\s*trong\s+đó", inner, regex.IGNORECASE) else "paren"
        return kind, m.end(), j
    kind = "trong_do" if m.group("kw").lower().startswith("trong") else "keyword"
    stop = regex.compile(r"(?<!\d)\.(?!\d)|\n").search(s, m.end())
    return kind, m.end(), (stop.start() if stop else len(s))


def _parts_in(s: str, a: int, b: int) -> list[regex.Match]:
    return [m for m in numbers(s, a, b)
            if not regex.match(r"\s*(?:%|lần|năm)", s[m.end():m.end() + 5])]


def find_totals(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """A total followed by a breakdown whose figures add up to it; one part (or the total) is slipped."""
    for i, s in rep.body_lines():
        for t in numbers(s):
            body = _list_body(s, t.end() + _unit_len(s, t.end()))
            if body is None:
                continue
            kind, a, b = body
            parts = _parts_in(s, a, b)
            if len(parts) < 2 or len(parts) > 12:
                continue
            total = value(t.group())
            got = sum(value(p.group()) for p in parts)
            slack = sum(half_ulp(p.group()) for p in parts) + half_ulp(t.group())
            if abs(got - total) > slack or total == 0:
                continue
            yield from _slip_sum(rep, rng, i, t, parts, "paren" if kind == "paren" else kind, (i + 1, i + 1))
    # bullets under "…, cụ thể:" / "…, gồm:"
    lines = rep.lines
    for i, s in rep.body_lines():
        if not s.rstrip().endswith(":"):
            continue
        clause = s[max(s.rfind(";"), s.rfind(". "), -1) + 1:]
        off = len(s) - len(clause)
        tot = numbers(s, off) or numbers(s)
        if not tot:
            continue
        t = tot[-1]
        t_unit = _unit_word(s, t.end())
        items, j, last = [], i + 1, i
        while j < len(lines) and len(items) < 15:
            if not lines[j].strip():
                j += 1
                continue
            if not BULLET.match(lines[j]):
                break
            items.append(j)
            last = j
            j += 1
        if len(items) < 2:
            continue
        parts = []
        for k in items:
            ln = lines[k]
            cut = regex.search(r",?\s*trong\s+đó|\(", ln, regex.IGNORECASE)
            ps = _parts_in(ln, 0, cut.start() if cut else len(ln))
            if len(ps) > 1 and t_unit:
                ps = [p for p in ps if _unit_word(ln, p.end()) == t_unit]
            if len(ps) != 1:
                parts = None
                break
            parts.append((k, ps[0]))
        if not parts:
            continue
        total = value(t.group())
        got = sum(value(p.group()) for _, p in parts)
        slack = sum(half_ulp(p.group()) for _, p in parts) + half_ulp(t.group())
        if abs(got - total) > slack:
            continue
        kind = "trong_do" if regex.search(r"trong\s+đó[^:]*:\s*$", s, regex.IGNORECASE) else "bullets"
        region = (i + 1, last + 1)
        new = digit_slip(t.group(), rng, avoid=lambda o: value(o) == 0)
        if new:
            yield _m("sum_total_changed", "SO", rep, i, t.start(), t.end(), new, region, note=f"dạng {kind}")
        k, p = parts[rng.randrange(len(parts))]
        new = digit_slip(p.group(), rng, avoid=lambda o: value(o) == 0)
        if new:
            yield _m("sum_part_changed", "SO", rep, k, p.start(), p.end(), new, region, note=f"dạng {kind}")


def find_done_pending(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """"tiếp nhận 1.540 hồ sơ, đã giải quyết 1.502 hồ sơ; đang giải quyết 38 hồ sơ": one half slipped."""
    for i, s in rep.body_lines():
        for cue in regex.finditer(r"(?:tiếp\s+nhận|thụ\s+lý|tổng\s+số)(?!\p{L})", s, regex.IGNORECASE):
            stop = regex.compile(r"(?<!\d)\.(?!\d)(?:\s|$)").search(s, cue.end())
            right = stop.start() if stop else len(s)
            top = []
            nums = numbers(s, cue.end(), right)
            if len(nums) < 3:
                continue
            for m in nums:
                depth = s[cue.end():m.start()].count("(") - s[cue.end():m.start()].count(")")
                if depth == 0:
                    top.append(m)
            if len(top) != 3:
                continue
            t, a, b = top
            unit = _unit_word(s, t.end())
            if not unit or _unit_word(s, a.end()) != unit or _unit_word(s, b.end()) != unit:
                continue
            if value(a.group()) + value(b.group()) != value(t.group()):
                continue
            if not (regex.search(r"đã|hoàn thành", s[t.end():a.start()]) and regex.search(r"đang|chưa|còn", s[a.end():b.start()])):
                continue
            target = b if rng.random() < 0.5 else a
            new = digit_slip(target.group(), rng, avoid=lambda o: value(o) == 0)
            if new:
                yield _m("sum_done_pending", "SO", rep, i, target.start(), target.end(), new, note="dạng đã/đang")


def _unit_word(s: str, at: int) -> str:
    m = regex.match(r"\s*(\p{L}+)", s[at:at + 20])
    return m.group(1).lower() if m else ""


def _unit_len(s: str, at: int) -> int:
    m = regex.match(r"\s*(?:tỷ\s+đồng|triệu\s+đồng|nghìn\s+đồng|đồng|ha|m2|m²|km|tấn|tạ|kg|\p{L}+(?:\s+\p{L}+){0,2})",
                    s[at:at + 30])
    return m.end() if m else 0


def _slip_sum(rep, rng, i, t, parts, kind, region) -> Iterator[Mutation]:
    s = rep.lines[i]
    if kind != "trong_do":
        new = digit_slip(t.group(), rng, avoid=lambda o: value(o) == 0)
        if new:
            yield _m("sum_total_changed", "SO", rep, i, t.start(), t.end(), new, region, note=f"dạng {kind}")
    p = parts[rng.randrange(len(parts))]
    new = digit_slip(p.group(), rng, avoid=lambda o: value(o) == 0)
    if new:
        name = "sum_part_changed" if kind != "trong_do" else "sum_part_changed_trong_do"
        yield _m(name, "SO", rep, i, p.start(), p.end(), new, region, note=f"dạng {kind}")
    if kind == "trong_do":
        # a part typed with an extra leading digit so that it exceeds the whole
        big = "1" + p.group() if not p.group().startswith("0") else "1" + p.group()[1:]
        if value(big) > value(t.group()):
            yield _m("part_exceeds_total", "SO", rep, i, p.start(), p.end(), big, region)


AREA = regex.compile(r"(?P<n>\d[\d.,]*)\s*(?P<u>ha|héc\s*ta)(?!\p{L}|/)", regex.IGNORECASE)
YIELD = regex.compile(r"(?P<n>\d[\d.,]*)\s*(?P<u>tạ|tấn)\s*/\s*ha", regex.IGNORECASE)
OUTPUT = regex.compile(r"(?P<n>\d[\d.,]*)\s*(?P<u>tấn|tạ)(?!\s*/)", regex.IGNORECASE)


def find_area_yield(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """"724 ha …, năng suất 56,22 tạ/ha, sản lượng 4.070 tấn": the output is slipped."""
    for i, s in rep.body_lines():
        for y in YIELD.finditer(s):
            left, right = sentence_bounds(s, y.start(), y.end())
            areas = [m for m in AREA.finditer(s, left, y.start())]
            outs = [m for m in OUTPUT.finditer(s, y.end(), right)]
            if len(areas) != 1 or len(outs) != 1:
                continue
            try:
                a, yv, o = value(areas[0].group("n").rstrip(".,")), value(y.group("n")), value(outs[0].group("n"))
            except Exception:
                continue
            tons = a * yv / (10 if y.group("u").lower() == "tạ" else 1)
            if outs[0].group("u").lower() == "tạ":
                tons = tons * 10
            if abs(tons - o) > max(o * Decimal("0.005"), 1):
                continue
            new = digit_slip(outs[0].group("n"), rng, avoid=lambda v: abs(value(v) - o) <= max(o * Decimal("0.01"), 1))
            if new:
                yield _m("area_yield_output", "SO", rep, i, *outs[0].span("n"), new)


# ---------------------------------------------------------------- SO: counts against lists

COUNT_NOUN = (r"xã|phường|thị\s+trấn|đặc\s+khu|huyện|tỉnh|thành\s+phố|thôn|bản|tổ\s+dân\s+phố|đơn\s+vị|cơ\s+quan|"
              r"sở|ngành|dự\s+án|công\s+trình|văn\s+bản|hội|tổ\s+chức|doanh\s+nghiệp|trường|đồng\s+chí|địa\s+phương|"
              r"nội\s+dung|nhiệm\s+vụ|lĩnh\s+vực|mô\s+hình|sản\s+phẩm|đoàn|nhóm|tuyến|chương\s+trình|đề\s+án|"
              r"cụm|khu|điểm|chỉ\s+số|hộ|người|ông|bà|tập\s+thể|cá\s+nhân")
COUNT_RE = regex.compile(r"(?<![\d.,/])(?P<n>\d{1,2})\s+(?P<noun>" + COUNT_NOUN + r")(?!\p{L})", regex.IGNORECASE)


def _split_names(s: str, a: int, b: int) -> Optional[list[tuple[int, int]]]:
    spans, pos = [], a
    for m in regex.finditer(r"\s*(?:,|;|\s+và\s+)\s*", s[a:b]):
        spans.append((pos, a + m.start()))
        pos = a + m.end()
    spans.append((pos, b))
    out = []
    for x, y in spans:
        while x < y and s[x] in " .": x += 1
        while y > x and s[y - 1] in " .": y -= 1
        words = s[x:y].split()
        if not words or len(words) > 8 or regex.search(r"\d{2,}|…|\.\.|khác|v\.v", s[x:y]):
            return None
        out.append((x, y))
    return out


def find_count_lists(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """"06 xã (A, B, C, D, E và F)": one name dropped, or the count slipped."""
    for i, s in rep.body_lines():
        for c in COUNT_RE.finditer(s):
            n = int(c.group("n"))
            if n < 2:
                continue
            m = regex.compile(r"[^():;.\d]{0,60}?(?P<o>\(|:)\s*").match(s, c.end())
            if not m:
                continue
            a = m.end()
            if m.group("o") == "(":
                b = s.find(")", a)
                if b < 0:
                    continue
            else:
                stop = regex.compile(r"[.;(]|\n").search(s, a)
                b = stop.start() if stop else len(s)
            if regex.search(r"(?<!\p{L})(?:như|gồm các|trong đó|một số|chủ yếu)(?!\p{L})", s[c.end():a], regex.IGNORECASE):
                continue
            names = _split_names(s, a, b)
            if not names or len(names) != n or n > 25:
                continue
            if not all(s[x].isupper() or regex.match(r"(?:xã|phường|thị trấn|huyện|thôn|bản|tỉnh|thành phố|Sở|sở)\s+\p{Lu}", s[x:y])
                       for x, y in names):
                continue
            k = rng.randrange(n)
            x, y = names[k]
            if k == n - 1:  # the last name: drop it with the separator before it ("…, E và F" → "…, E")
                new_text = s[:names[k - 1][1]] + s[y:]
            else:  # drop it with the separator after it
                new_text = s[:x] + s[names[k + 1][0]:]
            lines = list(rep.lines)
            lines[i] = new_text
            yield Mutation("count_list_name_dropped", "SO", i + 1, (i + 1, i + 1), s[x:y], "",
                           "\n".join(lines), note=f"ghi {c.group('n')} {c.group('noun')}, còn {n - 1} tên")
            new = str(n + 1).zfill(len(c.group("n")))
            yield _m("count_changed", "SO", rep, i, *c.span("n"), new, note=f"{n} tên được liệt kê")
    # "Gồm 04 dự án … như sau:" then bullets: one bullet dropped
    lines = rep.lines
    for i, s in rep.body_lines():
        if not s.rstrip().endswith(":"):
            continue
        cs = list(COUNT_RE.finditer(s))
        if len(cs) != 1 or not regex.search(r"(?<!\p{L})(?:gồm|bao gồm|như sau|cụ thể|sau đây)(?!\p{L})", s, regex.IGNORECASE):
            continue
        c = cs[0]
        n = int(c.group("n"))
        items, j = [], i + 1
        while j < len(lines):
            if not lines[j].strip():
                j += 1
                continue
            if not BULLET.match(lines[j]):
                break
            items.append(j)
            j += 1
        if len(items) != n or n < 2 or any(COUNT_RE.search(lines[k]) and regex.search(c.group("noun"), lines[k])
                                          for k in items):
            continue
        k = items[rng.randrange(len(items))]
        new_lines = lines[:k] + lines[k + 1:]
        yield Mutation("count_bullet_dropped", "SO", i + 1, (i + 1, items[-1]), lines[k].strip()[:60], "",
                       "\n".join(new_lines), shift_at=k + 1, shift=-1, note=f"ghi {c.group('n')} {c.group('noun')}")


FRACTION_NOUN = regex.compile(r"(?<![\d.,/])(?P<a>\d{1,4})\s*/\s*(?P<b>\d{1,4})\s+(?P<noun>\p{L}+(?:\s+\p{L}+)?)")


def find_complements(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """"15/17 xã đã tiêm xong; 02 xã chưa tiêm xong": the rest is slipped."""
    for i, s in rep.body_lines():
        for f in FRACTION_NOUN.finditer(s):
            a, b = int(f.group("a")), int(f.group("b"))
            if not 0 < a < b:
                continue
            noun = f.group("noun").split()[0]
            end = regex.compile(r"(?<!\d)\.(?:\s|$)").search(s, f.end())
            window_end = end.start() if end else len(s)
            for c in regex.finditer(r"(?<![\d.,/])(?P<c>\d{1,4})\s+" + regex.escape(noun) + r"(?!\p{L})",
                                    s[f.end():window_end]):
                tail = s[f.end() + c.end():f.end() + c.end() + 40]
                head = s[max(0, f.end() + c.start() - 10):f.end() + c.start()]
                if not (regex.match(r"(?:\s+\p{L}+){0,3}?\s+(?:chưa|không|còn lại)", tail) or regex.search(r"còn\s*(?:lại\s*)?$", head)):
                    continue
                if a + int(c.group("c")) != b:
                    break
                old = c.group("c")
                new = str(int(old) + 1).zfill(len(old))
                if a + int(new) == b:
                    break
                st = f.end() + c.start("c")
                yield _m("complement_changed", "SO", rep, i, st, st + len(old), new, note=f"{a}/{b}")
                break


# ---------------------------------------------------------------- NT: dates, ranges, terms

DMY = regex.compile(r"(?<![\d/.,])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])")
DM_AFTER_NGAY = regex.compile(r"(?:ngày|Ngày)\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/])")
WORD_DATE = regex.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")


def _valid(d: int, m: int, y: Optional[int]) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y or 2024, m)[1]


def _dates(rep: Report):
    for i, s in rep.body_lines():
        for rx in (DMY, DM_AFTER_NGAY, WORD_DATE):
            for m in rx.finditer(s):
                if regex.search(r"(?:số|Số)\s*$", s[max(0, m.start() - 5):m.start()]):
                    continue
                y = int(m.group("y")) if "y" in m.groupdict() and m.group("y") else None
                d, mo = int(m.group("d")), int(m.group("m"))
                if _valid(d, mo, y):
                    yield i, s, m, d, mo, y


def find_impossible_dates(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """A real date made impossible: 31 in a 30-day month, 30/2 or 29/2 of a common year."""
    for i, s, m, d, mo, y in _dates(rep):
        ds, de = m.span("d")
        ms, me = m.span("m")
        if mo in (4, 6, 9, 11):
            yield _m("impossible_date", "NT", rep, i, ds, de, "31")
        elif mo == 2:
            new = "29" if y and not calendar.isleap(y) and rng.random() < 0.5 else "30"
            yield _m("impossible_date", "NT", rep, i, ds, de, new)
        elif d == 31 and mo in (5, 7, 10, 12):
            new = str(mo - 1).zfill(len(m.group("m")))
            yield _m("impossible_date", "NT", rep, i, ms, me, new)


def find_day_month_swaps(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """"16/6/2021" typed "6/16/2021" (the English order): the month becomes impossible."""
    for i, s, m, d, mo, y in _dates(rep):
        if m.re is WORD_DATE or d <= 12 or d == mo:
            continue
        new = f"{m.group('m')}/{m.group('d')}"
        yield _m("day_month_swap", "NT", rep, i, m.start("d"), m.end("m"), new)


TERM_RANGE = regex.compile(
    r"(?P<w>nhiệm\s+kỳ|giai\s+đoạn|thời\s+kỳ|năm\s+học|niên\s+khóa|niên\s+khoá|vụ\s+Đông\s+Xuân(?:\s+năm)?|"
    r"kế\s+hoạch(?:\s+\p{L}+){0,3}|chiến\s+lược|quy\s+hoạch)\s+(?:\(\s*)?"
    r"(?P<a>(?:19|20)\d{2})(?P<sep>\s*[-–]\s*)(?P<b>(?:19|20)\d{2})(?!\d)", regex.IGNORECASE)


def find_ranges(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """"nhiệm kỳ 2021 – 2026" → "2021 – 2020"/"2026 – 2021"; fixed-length terms get a wrong length."""
    for i, s in rep.body_lines():
        for r in TERM_RANGE.finditer(s):
            a, b = int(r.group("a")), int(r.group("b"))
            if b <= a:
                continue
            if rng.random() < 0.5:
                new = f"{b}{r.group('sep')}{a}"
            else:
                new = f"{a}{r.group('sep')}{a - 1}"
            yield _m("reversed_range", "NT", rep, i, r.start("a"), r.end("b"), new)
            before = s[max(0, r.start() - 80):r.start("a")]
            fixed = None
            if regex.search(r"năm\s+học|niên\s+kho[aá]", r.group("w"), regex.IGNORECASE) and b - a == 1:
                fixed = f"{a}{r.group('sep')}{a + 2}"
            elif regex.search(r"nhiệm\s+kỳ", r.group("w"), regex.IGNORECASE) and b - a == 5 and \
                    regex.search(r"Quốc\s+hội|HĐND|Hội\s+đồng\s+nhân\s+dân", before):
                fixed = f"{a}{r.group('sep')}{a + 4}"
            if fixed:
                yield _m("term_length", "NT", rep, i, r.start("a"), r.end("b"), fixed)


# commemorations written independently of rules/data/commemorations.yaml
COMMEMORATIONS = [
    (r"thành\s+lập\s+Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?", 3, 2),
    (r"[Tt]hương\s+binh\s*[-–,]?\s*[Ll]iệt\s+s[ĩỹ]", 27, 7),
    (r"Quốc\s+khánh", 2, 9),
    (r"giải\s+phóng\s+(?:hoàn\s+toàn\s+)?miền\s+Nam", 30, 4),
    (r"Cách\s+mạng\s+[Tt]háng\s+Tám", 19, 8),
    (r"Nhà\s+giáo\s+Việt\s+Nam", 20, 11),
    (r"Thầy\s+thuốc\s+Việt\s+Nam", 27, 2),
    (r"Quốc\s+tế\s+Phụ\s+nữ", 8, 3),
    (r"Phụ\s+nữ\s+Việt\s+Nam", 20, 10),
    (r"Quốc\s+tế\s+Lao\s+động", 1, 5),
    (r"(?:sinh\s+nhật\s+Bác|ngày\s+sinh\s+(?:của\s+)?Chủ\s+tịch\s+Hồ\s+Chí\s+Minh)", 19, 5),
    (r"thành\s+lập\s+Quân\s+đội\s+nhân\s+dân\s+Việt\s+Nam", 22, 12),
    (r"(?:Toàn\s+dân\s+phòng,?\s+chống\s+ma\s+túy|Quốc\s+tế\s+phòng,?\s+chống\s+ma\s+túy)", 26, 6),
    (r"Gia\s+đình\s+Việt\s+Nam", 28, 6),
    (r"Pháp\s+luật\s+(?:nước\s+Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+)?Việt\s+Nam", 9, 11),
    (r"Quốc\s+tế\s+[Tt]hiếu\s+nhi", 1, 6),
    (r"thành\s+lập\s+Đoàn\s+Thanh\s+niên", 26, 3),
    (r"Doanh\s+nhân\s+Việt\s+Nam", 13, 10),
    (r"Chuyển\s+đổi\s+số\s+quốc\s+gia", 10, 10),
    (r"Đại\s+đoàn\s+kết\s+toàn\s+dân\s+tộc", 18, 11),
    (r"Báo\s+chí\s+[Cc]ách\s+mạng\s+Việt\s+Nam", 21, 6),
    (r"Thể\s+thao\s+Việt\s+Nam", 27, 3),
    (r"Biên\s+phòng\s+toàn\s+dân", 3, 3),
    (r"Dân\s+số\s+Việt\s+Nam", 26, 12),
    (r"Người\s+cao\s+tuổi\s+Việt\s+Nam", 6, 6),
]
DATE_AFTER_NAME = regex.compile(r"[^\d.;]{0,25}?(?:\(\s*)?(?:ngày\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?")


def find_commemorations(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """The date written after a commemoration's name gets a wrong day (27/7 → 27/2, 02/9 → 20/9 …)."""
    for i, s in rep.body_lines():
        for pattern, day, month in COMMEMORATIONS:
            for n in regex.finditer(pattern, s):
                m = DATE_AFTER_NAME.match(s, n.end())
                if not m or (int(m.group("d")), int(m.group("m"))) != (day, month):
                    continue
                if rng.random() < 0.5:
                    new_m = str(month - 1 if month > 1 else month + 1).zfill(len(m.group("m")))
                    if _valid(day, int(new_m), None):
                        yield _m("commemoration_day", "NT", rep, i, *m.span("m"), new_m)
                        continue
                nd = day + 1 if day < 28 else day - 1
                yield _m("commemoration_day", "NT", rep, i, *m.span("d"), str(nd).zfill(len(m.group("d"))))
        for k in regex.finditer(r"kỷ\s+niệm\s+(?P<n>\d{1,3})\s+năm", s, regex.IGNORECASE):
            rest = s[k.end():k.end() + 120]
            if not regex.search(r"(?:19|20)\d{2}", rest):
                continue
            n = k.group("n")
            yield _m("anniversary_count", "NT", rep, i, *k.span("n"), str(int(n) + 1))


RANGE_FROM_TO = regex.compile(
    r"(?:từ\s+(?:ngày\s+)?|\(\s*(?:ngày\s+)?)(?P<a>\d{1,2}/\d{1,2}(?:/\d{4})?)(?P<sep>\s*(?:[-–]|đến(?:\s+hết)?(?:\s+ngày)?)\s*)"
    r"(?P<b>\d{1,2}/\d{1,2}(?:/\d{4})?)(?![\d/])", regex.IGNORECASE)


def find_date_ranges(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """"từ ngày 12/4/2023 đến ngày 18/4/2023" → "từ ngày 18/4/2023 đến ngày 12/4/2023"."""
    for i, s in rep.body_lines():
        for r in RANGE_FROM_TO.finditer(s):
            a, b = r.group("a").split("/"), r.group("b").split("/")
            ya = int(a[2]) if len(a) == 3 else (int(b[2]) if len(b) == 3 else 2024)
            yb = int(b[2]) if len(b) == 3 else ya
            try:
                da, db = date(ya, int(a[1]), int(a[0])), date(yb, int(b[1]), int(b[0]))
            except ValueError:
                continue
            if not da < db or (db - da).days > 45 or (len(a) == 3) != (len(b) == 3) and ya != yb:
                continue
            if len(a) == 3 and len(b) == 3:
                new = f"{r.group('b')}{r.group('sep')}{r.group('a')}"
                span = (r.start("a"), r.end("b"))
            else:  # "25/01 - 02/02/2021" → "02/02 - 25/01/2021": the year stays at the end
                new = f"{'/'.join(b[:2])}{r.group('sep')}{'/'.join(a[:2])}/{b[2]}" if len(b) == 3 else \
                    f"{r.group('b')}{r.group('sep')}{r.group('a')}"
                span = (r.start("a"), r.end("b"))
            yield _m("date_range_reversed", "NT", rep, i, *span, new)


WEEKDAY_RE = regex.compile(r"(?P<w>thứ\s+(?:Hai|hai|Ba|ba|Tư|tư|Năm|năm|Sáu|sáu|Bảy|bảy|[2-7])|[Cc]hủ\s+nhật)\s*,?\s*(?:ngày\s+)?"
                           r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})")
WD_NAMES = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]


def find_weekdays(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """"thứ Năm, ngày 22/01/2026" → the day of the month moved by one (the weekday no longer fits)."""
    for i, s in rep.body_lines():
        for m in WEEKDAY_RE.finditer(s):
            try:
                d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            if WD_NAMES[d.weekday()].lower() != " ".join(m.group("w").split()).lower().replace("7", "bảy"):
                continue
            nd = d.day + 1 if d.day < 28 else d.day - 1
            yield _m("weekday_mismatch", "NT", rep, i, *m.span("d"), str(nd).zfill(len(m.group("d"))))


CAN = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
CHI = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]


def find_can_chi(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """"Xuân Bính Ngọ 2026" copied from last year's plan: "Xuân Ất Tỵ 2026"."""
    rx = regex.compile(r"(?P<cc>(?:" + "|".join(CAN) + r")\s+(?:" + "|".join(CHI) + r"))\s*(?:,\s*)?(?:năm\s+)?(?P<y>(?:19|20)\d{2})")
    for i, s in rep.body_lines():
        for m in rx.finditer(s):
            y = int(m.group("y"))
            right = f"{CAN[(y - 4) % 10]} {CHI[(y - 4) % 12]}"
            if " ".join(m.group("cc").split()) != right:
                continue
            prev = f"{CAN[(y - 5) % 10]} {CHI[(y - 5) % 12]}"
            yield _m("can_chi_year", "NT", rep, i, *m.span("cc"), prev)


SIGNED = regex.compile(r"ngày\s+(?P<d>\d{1,2})?\s*tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", regex.IGNORECASE)
REF_DATE = regex.compile(r"(?P<ref>\d{1,5}(?:/\d{4})?[/-][\p{Lu}Đđ][\p{L}\d&.-]*(?:/[\p{Lu}Đ][\p{L}\d&.-]*)?)"
                         r"\s+ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})")


def find_ref_dates(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """A document cited twice gets a second date; a cited document dated after this report's signing."""
    seen: dict[tuple[str, str], list] = defaultdict(list)
    for i, s in rep.body_lines():
        for m in REF_DATE.finditer(s):
            seen[(m.group("ref"), f"{m.group('d')}/{m.group('m')}/{m.group('y')}")].append((i, m))
    for (ref, _), uses in seen.items():
        if len(uses) < 2:
            continue
        i, m = uses[-1]
        d = int(m.group("d"))
        nd = d + 1 if _valid(d + 1, int(m.group("m")), int(m.group("y"))) else d - 1
        first = uses[0][0] + 1
        yield _m("ref_two_dates", "NT", rep, i, *m.span("d"), str(nd).zfill(len(m.group("d"))),
                 region=(first, i + 1))
    signed = None
    for i, s in list(rep.body_lines())[:12]:
        sm = SIGNED.search(s)
        if sm:
            signed = (int(sm.group("y")), int(sm.group("m")))
            break
    if signed is None:
        return
    for (ref, _), uses in seen.items():
        i, m = uses[0]
        y = int(m.group("y"))
        if (y, int(m.group("m"))) > signed or y != signed[0]:
            continue
        yield _m("ref_after_signing", "NT", rep, i, *m.span("y"), str(signed[0] + 1))


# ---------------------------------------------------------------- NT: the next period

TITLE_MONTH = regex.compile(r"(?:THÁNG|tháng)\s+(?P<n>\d{1,2})(?:\s*(?:năm|NĂM|/)\s*(?P<y>\d{4}))?(?!\s*/\s*\d{1,2}/)")
NEXT_HEAD = regex.compile(r"(?:NHIỆM\s+VỤ|PHƯƠNG\s+HƯỚNG|nhiệm\s+vụ|Nhiệm\s+vụ|Phương\s+hướng)[^\d]{0,60}?"
                          r"(?P<w>THÁNG|tháng|QUÝ|quý|NĂM|năm)\s+(?P<n>\d{1,2}|[IV]{1,3}|\d{4})(?!\d)")


def find_next_period(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """The tasks heading names the period after the report's; it is moved one period further."""
    head = [(i, s) for i, s in rep.body_lines()][:15]
    head = [(i, s) for i, s in head if len(s) <= 200 and not regex.search(r"ngày\s+\S*\s*tháng", s)
            and (regex.search(r"BÁO\s+CÁO|KẾT\s+QUẢ|TÌNH\s+HÌNH|ĐÁNH\s+GIÁ", s) or s.strip().isupper()
                 or regex.match(r"\s*(?:Báo\s+cáo|Kết\s+quả|Tình\s+hình|Đánh\s+giá)", s))]
    for i, s in rep.body_lines():
        if len(s) > 160 or i < 3:
            continue
        h = NEXT_HEAD.search(s)
        if not h:
            continue
        w, n = h.group("w").lower(), h.group("n")
        if w == "tháng" and n.isdigit() and int(n) <= 12:
            title = next((TITLE_MONTH.search(t) for _, t in head if TITLE_MONTH.search(t) and _ < i), None)
            if title is None or int(title.group("n")) % 12 + 1 != int(n):
                continue
            new = str(int(n) % 12 + 1).zfill(len(n))
        elif w == "năm" and len(n) == 4:
            if not any(regex.search(r"(?:NĂM|năm)\s+" + str(int(n) - 1), t) for _, t in head if _ < i):
                continue
            new = str(int(n) + 1)
        else:
            continue
        yield _m("next_period_heading", "NT", rep, i, *h.span("n"), new)


# ---------------------------------------------------------------- CT: structure

def find_duplicates(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """A paragraph (or a table row) pasted twice."""
    lines = rep.lines
    table_lines = {ln for _, _, rows in _table_rows(rep) for _, cells, a, b in rows for ln in range(a, b + 1)}
    for i, s in rep.body_lines():
        letters = len(regex.findall(r"\p{L}", s))
        if letters < 60 or i < 5:
            continue
        if "\t" in s or i in table_lines:
            continue  # table rows: find_table_slips
        if BULLET.match(s) is None and len(s) < 80:
            continue
        kind, fam = "duplicate_paragraph", "CT"
        new_lines = lines[:i + 1] + [s] + lines[i + 1:]
        yield Mutation(kind, fam, i + 2, (i + 1, i + 2), s[:60], s[:60], "\n".join(new_lines),
                       shift_at=i + 1, shift=1)


ENUM_RE = regex.compile(
    r"^(?P<lead>\s*)(?:(?P<roman>[IVX]{1,5})\.\s|(?P<dotted>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s|(?P<arabic>\d{1,2})\.\s|"
    r"(?P<letter>[a-eđgh])\)\s|\((?P<paren>\d{1,2})\)\s|(?P<rparen>\d{1,2})\)\s)")
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
LETTERS = "abcdđeghiklmn"


def _enum(s: str):
    m = ENUM_RE.match(s)
    if not m:
        return None
    for k in ("roman", "dotted", "arabic", "letter", "paren", "rparen"):
        if m.group(k):
            g = m.group(k)
            if k == "roman":
                v = ROMAN.index(g) if g in ROMAN else 0
                return (k, (), v, m.span(k)) if v else None
            if k == "dotted":
                parts = [int(x) for x in g.split(".")]
                return (f"dotted{len(parts)}", tuple(parts[:-1]), parts[-1], m.span(k))
            if k == "letter":
                return (k, (), LETTERS.index(g) + 1, m.span(k))
            return (k, (), int(g), m.span(k))
    return None


def _render(kind: str, prefix: tuple, v: int) -> str:
    if kind == "roman":
        return ROMAN[v] if v < len(ROMAN) else "X"
    if kind.startswith("dotted"):
        return ".".join(str(x) for x in prefix + (v,))
    if kind == "letter":
        return LETTERS[v - 1]
    return str(v)


def find_numbering(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """In a run of items numbered n, n+1, n+2 …, one item is deleted by renumbering (a gap) or
    numbered like the one before (a repeat)."""
    runs: dict[tuple, list] = defaultdict(list)
    order = {"roman": 0, "arabic": 1, "dotted2": 2, "dotted3": 3, "letter": 4, "paren": 5, "rparen": 5}
    current: dict[tuple, list] = {}
    for i, s in rep.body_lines():
        if "\t" in s:
            continue
        e = _enum(s)
        if not e:
            continue
        kind, prefix, v, span = e
        rank = order.get(kind, 6)
        for k in [k for k in current if order.get(k[0], 6) > rank]:
            run = current.pop(k)
            runs[(k, run[0][0])] = run
        key = (kind, prefix)
        run = current.get(key)
        if run and v == run[-1][2] + 1:
            run.append((i, s, v, span))
        else:
            if run:
                runs[(key, run[0][0])] = run
            current[key] = [(i, s, v, span)]
    for k, run in current.items():
        runs[(k, run[0][0])] = run
    enums = [(i, _enum(s)) for i, s in rep.body_lines() if "\t" not in s]
    enums = [(i, e) for i, e in enums if e]

    def subtree_end(i: int, kind: str) -> int:
        """Last line (1-based) under the item on line ``i``: up to the next item of its rank or above."""
        rank = order.get(kind, 6)
        nxt = [j for j, e in enums if j > i and order.get(e[0], 6) <= rank]
        return nxt[0] if nxt else len(rep.lines)

    for (key, _), run in runs.items():
        if len(run) < 3:
            continue
        kind, prefix = key
        if rng.random() < 0.6:
            # gap: the last item is numbered one too far ("1, 2, 4"); its sub-items keep their numbers
            i, s, v, span = run[-1]
            yield _m("numbering_gap", "CT", rep, i, span[0], span[1], _render(kind, prefix, v + 1),
                     region=(i + 1, subtree_end(i, kind)))
        else:
            j = rng.randrange(1, len(run))
            i, s, v, span = run[j]
            nxt = run[j + 1][0] + 1 if j + 1 < len(run) else i + 1
            yield _m("numbering_repeat", "CT", rep, i, span[0], span[1], _render(kind, prefix, v - 1),
                     region=(i + 1, max(nxt, subtree_end(i, kind))))


CAUSE_HEAD = regex.compile(r"^(?:nguyên nhân|lý do|ghi chú|tồn tại)", regex.IGNORECASE)
RESULT_HEAD = regex.compile(r"^(?:kết quả|tiến độ)", regex.IGNORECASE)
UNFINISHED = regex.compile(r"(?<!\p{L})(?:chưa|vẫn chưa|đang|chậm|còn\s+\d+)(?!\p{L})"
                           r"|(?<![\d/])\d{1,4}/(?!(?:19|20)\d{2})\d{1,4}(?![\d/])\s*\p{L}", regex.IGNORECASE)
CAUSE_WORDS = regex.compile(r"(?<!\p{L})(?:do|vì|nguyên nhân|lý do|bởi)(?!\p{L})", regex.IGNORECASE)


def _table_rows(rep: Report):
    """The tables rasoat's reader sees in the text, as (header, rows); a row is a dict
    col -> list of (line index, text) and the span of lines it covers. Only the reader is used
    (where the cells are), never a rule."""
    from checker.readers import parse_text
    doc = parse_text(rep.text)
    tables: dict[int, dict[int, dict[int, list]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for u in doc.units():
        if u.table is not None and u.line:
            tables[u.table][u.row or 0][u.col or 0].append((u.line - 1, u.text))
    out = []
    for t, table in enumerate(doc.tables):
        rows = tables.get(t, {})
        header = table.header
        ordered = []
        for r in sorted(rows):
            lines = [ln for col in rows[r].values() for ln, _ in col]
            ordered.append((r, rows[r], min(lines), max(lines)))
        out.append((header, table.header_rows, ordered))
    return out


def find_table_slips(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """A table row pasted twice; a follow-up row whose result is unfinished loses its cause."""
    lines = rep.lines
    for header, header_rows, rows in _table_rows(rep):
        res = next((k for k, t in enumerate(header) if RESULT_HEAD.match(t.strip())), None)
        cause = next((k for k, t in enumerate(header) if CAUSE_HEAD.match(t.strip())), None)
        for n, (r, cells, first, last) in enumerate(rows):
            if r < header_rows:
                continue
            text = " ".join(t for col in cells.values() for _, t in col)
            # the row's block of lines: from after the row before (its TT cell may be an empty
            # TAB line that is no text unit) up to the line before the next row
            end = rows[n + 1][2] - 1 if n + 1 < len(rows) else last
            while end > last and not lines[end].strip():
                end -= 1
            if n > 0:
                while first > rows[n - 1][3] + 1 and "\t" in lines[first - 1] and not lines[first - 1].strip(" \t"):
                    first -= 1
            if len(regex.findall(r"\p{L}", text)) >= 60 and len(cells) >= 2:
                block = lines[first:end + 1]
                new = lines[:end + 1] + block + lines[end + 1:]
                yield Mutation("duplicate_table_row", "CT", end + 2, (first + 1, end + 1 + len(block)),
                               text[:60], text[:60], "\n".join(new), shift_at=end + 1, shift=len(block))
            if res is None or cause is None or cause not in cells or res not in cells:
                continue
            result = " ".join(t for _, t in cells[res])
            if not UNFINISHED.search(result):
                continue
            if CAUSE_WORDS.search(result):
                # the cause is told in the result cell: cut it ("…, do chưa bố trí được vốn.")
                if any(t.strip() for _, t in cells.get(cause, [])):
                    continue
                hits = [(ln, m) for ln, _ in cells[res] for m in CAUSE_WORDS.finditer(lines[ln])]
                if len(hits) != 1:
                    continue
                ln, m = hits[0]
                line = lines[ln]
                a = m.start()
                while a > 0 and line[a - 1] in " ,(":
                    a -= 1
                stop = regex.compile(r"[.;)]|$").search(line, m.end())
                b = stop.start() if stop else len(line)
                if line[b:b + 1] == ")":
                    b += 1
                new_lines = list(lines)
                new_lines[ln] = line[:a] + line[b:]
                if not UNFINISHED.search(" ".join(new_lines[x] for x, _ in cells[res])):
                    continue
                yield Mutation("unfinished_cause_removed", "CT", ln + 1, (first + 1, end + 1),
                               line[a:b][:60], "", "\n".join(new_lines))
                continue
            cause_lines = sorted({ln for ln, _ in cells[cause]})
            if not any(t.strip() for _, t in cells[cause]):
                continue
            new_lines = list(lines)
            for ln in cause_lines:
                if new_lines[ln].count("\t") >= 2:  # one row per line: clear that cell only
                    parts = new_lines[ln].split("\t")
                    if cause < len(parts):
                        parts[cause] = ""
                    new_lines[ln] = "\t".join(parts)
                elif "\t" in new_lines[ln]:  # a pasted cell: keep its TAB, drop its text
                    new_lines[ln] = new_lines[ln][:new_lines[ln].index("\t") + 1]
                else:
                    new_lines[ln] = ""
            yield Mutation("unfinished_cause_removed", "CT", first + 1, (first + 1, end + 1),
                           " ".join(t for _, t in cells[cause])[:60], "", "\n".join(new_lines))


def find_table_totals(rep: Report, rng: random.Random) -> Iterator[Mutation]:
    """A figure in a table with a "Tổng cộng" row changed so the column no longer adds up."""
    lines = rep.lines
    for header, header_rows, rows in _table_rows(rep):
        body = [r for r in rows if r[0] >= header_rows]
        total = [r for r in body if any(regex.match(r"\s*(?:tổng\s+cộng|tổng\s+số|tổng|cộng)\s*:?\s*$", t, regex.IGNORECASE)
                                         for col in r[1].values() for _, t in col)]
        if len(total) != 1:
            continue
        t_row = total[0]
        parts = [r for r in body if r is not t_row]
        for col, title in enumerate(header):
            if regex.search(r"%|tỷ lệ|tỉ lệ|bình quân|tt$", title, regex.IGNORECASE) or col not in t_row[1]:
                continue
            try:
                tv = value(t_row[1][col][0][1].strip())
                pv = [value(r[1][col][0][1].strip()) for r in parts if col in r[1]]
            except Exception:
                continue
            if len(pv) != len(parts) or len(pv) < 2 or sum(pv) != tv:
                continue
            r = parts[rng.randrange(len(parts))]
            ln, text = r[1][col][0]
            new = digit_slip(text.strip(), rng, avoid=lambda o: value(o) == 0)
            if not new:
                continue
            line = lines[ln]
            cells = line.split("\t")
            k = next((i for i, c in enumerate(cells) if c.strip() == text.strip()), None)
            if k is None:
                continue
            cells[k] = cells[k].replace(text.strip(), new)
            new_lines = list(lines)
            new_lines[ln] = "\t".join(cells)
            yield Mutation("table_total_broken", "SO", ln + 1, (min(ln, t_row[2]) + 1, max(ln, t_row[3]) + 1),
                           text.strip(), new, "\n".join(new_lines), note=f"cột “{title}”")


FINDERS: list[Callable[[Report, random.Random], Iterable[Mutation]]] = [
    find_percent_ratio, find_growth, find_totals, find_done_pending, find_area_yield, find_count_lists, find_complements,
    find_impossible_dates, find_day_month_swaps, find_ranges, find_date_ranges, find_weekdays,
    find_commemorations, find_can_chi,
    find_ref_dates, find_next_period, find_duplicates, find_numbering, find_table_slips, find_table_totals,
]


def mutations(text: str, seed: int = 0, per_kind: int = 3, name: str = "") -> list[Mutation]:
    """Mutants of one report: up to ``per_kind`` of each kind (0 = all), chosen with ``seed``."""
    rng = random.Random(f"{seed}:{name}")
    rep = Report(text, name)
    by_kind: dict[str, list[Mutation]] = defaultdict(list)
    for finder in FINDERS:
        for mut in finder(rep, rng):
            if mut.text != text:
                by_kind[mut.kind].append(mut)
    return pick(by_kind, by_kind, per_kind, rng)


def pick(by_kind: dict, kinds, per_kind: int, rng: random.Random) -> list:
    """Up to ``per_kind`` mutants of each kind (taken in the order of ``kinds``; 0 = all), one per line:
    the same line mutated twice tells us little more."""
    out = []
    for kind in kinds:
        first: dict = {}
        for mu in by_kind[kind]:
            first.setdefault(mu.line, mu)
        uniq = list(first.values())
        if per_kind and len(uniq) > per_kind:
            uniq = rng.sample(uniq, per_kind)
        out.extend(sorted(uniq, key=lambda mu: mu.line))
    return out


# ---------------------------------------------------------------- running rasoat on the mutants

@dataclass
class Outcome:
    mutation: Mutation
    detected: bool
    by_expected_family: bool
    hits: list = field(default_factory=list)  # new findings on the mutation
    alarms: list = field(default_factory=list)  # new findings elsewhere


def run_rules(text: str, rules) -> list:
    from checker.api import check_document
    from checker.readers import parse_text
    return check_document(parse_text(text), rules)


def _key(f, line: Optional[int]) -> tuple:
    return (f.rule, " ".join(f.excerpt.split()), line)


def evaluate(text: str, muts: list[Mutation], rules, baseline: Optional[list] = None) -> list[Outcome]:
    base = baseline if baseline is not None else run_rules(text, rules)
    base_keys = Counter(_key(f, f.location.line) for f in base)
    outcomes = []
    for mu in muts:
        found = run_rules(mu.text, rules)
        left = Counter(base_keys)
        new = []
        for f in found:
            line = f.location.line
            orig = line
            if line is not None and mu.shift and line > mu.shift_at:
                orig = line - mu.shift
            k = _key(f, orig)
            if left[k] > 0:
                left[k] -= 1
            else:
                new.append(f)
        lo, hi = mu.region
        hits = [f for f in new if f.location.line is not None and lo <= f.location.line <= hi]
        alarms = [f for f in new if f not in hits]
        outcomes.append(Outcome(mu, bool(hits), any(f.rule.startswith(mu.family) for f in hits), hits, alarms))
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    rows: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        rows[o.mutation.kind].append(o)
    out = ["| kind | family | mutants | detected | recall | mutants with a false alarm | false-alarm findings |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    tot = [0, 0, 0, 0]
    for kind in sorted(rows, key=lambda k: (rows[k][0].mutation.family, k)):
        os_ = rows[kind]
        n, d = len(os_), sum(o.detected for o in os_)
        fa = sum(bool(o.alarms) for o in os_)
        fan = sum(len(o.alarms) for o in os_)
        tot = [tot[0] + n, tot[1] + d, tot[2] + fa, tot[3] + fan]
        out.append(f"| {kind} | {os_[0].mutation.family} | {n} | {d} | {d / n:.0%} | {fa} | {fan} |")
    if tot[0]:
        out.append(f"| **all** | | {tot[0]} | {tot[1]} | {tot[1] / tot[0]:.0%} | {tot[2]} | {tot[3]} |")
    return "\n".join(out)


def run_cli(argv: Optional[list[str]], make_mutations, description: str) -> int:
    """The command line of the injectors (this script and inject_language.py): mutate, measure, print."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-kind", type=int, default=3, help="mutants of each kind per report (0 = all)")
    ap.add_argument("--kinds", default="", help="comma-separated kinds (or prefixes \"kind/\") to keep")
    ap.add_argument("--list", action="store_true", help="only list the mutations")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--show-alarms", action="store_true")
    ap.add_argument("--show-hits", action="store_true")
    args = ap.parse_args(argv)
    from checker.ruleset import load_rules
    rules = load_rules()
    keep = [k.strip() for k in args.kinds.split(",") if k.strip()]
    everything: list[Outcome] = []
    for path in args.paths:
        text = Path(path).read_text(encoding="utf-8")
        muts = [m for m in make_mutations(text, args.seed, args.per_kind, Path(path).name)
                if not keep or any(m.kind == k or m.kind.startswith(k + "/") for k in keep)]
        if args.list:
            for m in muts:
                print(f"{Path(path).name}: {m.describe()}")
            continue
        outcomes = evaluate(text, muts, rules)
        everything.extend(outcomes)
        for o in outcomes:
            if ((args.show_misses and not o.detected) or (args.show_alarms and o.alarms)
                    or (args.show_hits and o.detected)):
                tag = "MISS " if not o.detected else ("ALARM" if o.alarms else "HIT  ")
                print(f"{tag} {Path(path).name}: {o.mutation.describe()}")
                line = o.mutation.text.split("\n")[o.mutation.line - 1]
                print(f"      {line[:300]}")
                for f in o.hits if args.show_hits else ():
                    print(f"      found {f.rule}: «{f.excerpt[:60]}» {f.message[:100]}")
                for f in o.alarms:
                    print(f"      false alarm {f.rule} dòng {f.location.line}: «{f.excerpt[:60]}» {f.message[:120]}")
    if not args.list:
        print(table(everything))
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    return run_cli(argv, mutations, __doc__.split("\n\n")[0])


if __name__ == "__main__":
    raise SystemExit(main())
