"""Counts against lists: "06 xã, thị trấn (A, B, …)" names six places, once each."""

from __future__ import annotations

from typing import Iterable, Optional

import regex

from ..context import CheckContext
from ..extract.lists import Enumeration, Item, split_items
from ..extract.units import is_known_unit
from ..findings import Finding
from ..ruleset import RuleSpec
from . import register
from .numeric_totals import enumerations

# Lower-case words that may open a proper name in a list ("thị trấn Phong Thổ", "xã Nậm Xe").
ADMIN_PREFIX_RE = regex.compile(
    r"^(?:các\s+)?(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh|thôn|bản|tổ dân phố|tổ|"
    r"khu phố|khu|ấp|làng|sở|ban|phòng|trường|đồng chí|ông|bà)\s+", regex.IGNORECASE)
MAX_NAME_WORDS = 7


_SPACES_RE = regex.compile(r"\s+")
_DIGIT_RE = regex.compile(r"\d")
_CAC_RE = regex.compile(r"^các\s+")
_LETTERS_RE = regex.compile(r"\p{L}+")
_LIST_STOP_RE = regex.compile(r"[;.(]")
_EXAMPLES_RE = regex.compile(r"(?<!\p{L})(?:như|ví dụ|điển hình|tiêu biểu|trong đó)(?!\p{L})", regex.IGNORECASE)


def _name_key(text: str) -> Optional[str]:
    """A list item read as a proper name ("Lản Nhì Thàng", "thị trấn Phong Thổ"), or None."""
    t = _SPACES_RE.sub(" ", text.strip(" .…"))
    if not t or _DIGIT_RE.search(t):
        return None
    bare = ADMIN_PREFIX_RE.sub("", t)
    words = bare.split()
    if not words or len(words) > MAX_NAME_WORDS or not words[0][0].isupper():
        return None
    return _CAC_RE.sub("", t.lower())  # "xã Bản Lang" and "thôn Bản Lang" are two places


def _names(items: list[Item]) -> Optional[list[str]]:
    keys = [_name_key(it.text) for it in items]
    return None if any(k is None for k in keys) else keys


def _words(gap: str) -> int:
    return len(_LETTERS_RE.findall(gap))


@register("count_vs_list")
def count_vs_list(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """"06 xã, thị trấn (A, B, C, D, E và F)", "Gồm 04 dự án như sau:" + bullets: count = items."""
    for loc in enumerations(ctx):
        enum, whole = _fraction_count(ctx, loc)
        if enum.total is None and enum.kind == "paren":
            enum = _count_before_criterion(loc.unit.ntext, ctx.facts(loc.unit), enum)
        total = enum.total
        if total is None or total.unit is None or not total.unit.is_count or not is_known_unit(total.unit):
            continue
        if total.number.decimals or enum.open_ended or enum.inner_kind == "trong_do" \
                or _DIGIT_RE.search(YEARS_RE.sub(" ", enum.gap)):
            continue
        if _EXAMPLES_RE.search(enum.gap) and "như sau" not in enum.gap:
            continue
        if enum.kind == "paren":
            if _words(WHERE_RE.sub(" ", enum.gap)) > 8 or len(enum.items) < 2 and not _lone_place(total, enum):
                continue
            if _names(enum.items) is None:
                continue
        elif enum.kind in ("gom", "cu_the"):
            # "Có 03 xã được công nhận … gồm: Tân Hà, Lộc An và Đinh Lạc": names after "gồm"/"cụ thể"
            if _words(enum.gap) > 12 or len(enum.items) < 2 or _names(enum.items) is None:
                continue
            if not regex.match(r"\s*(?:là|có)?\s*:", loc.unit.ntext[enum.start - 2:enum.start + 1]) and \
                    not regex.search(r":\s*$", loc.unit.ntext[:enum.start]):
                continue  # without a colon the end of the list is a guess
            if regex.search(r"\d", loc.unit.ntext[enum.start:enum.end]):
                continue
        elif enum.kind == "bullets":
            intro = loc.unit.ntext
            cue_after = regex.search(r"(?<!\p{L})(?:gồm|bao gồm|cụ thể|như sau|sau đây|dưới đây)(?!\p{L})", enum.gap,
                                     regex.IGNORECASE)
            cue_before = regex.search(r"(?<!\p{L})(?:gồm|bao gồm|gồm có|có|là)\s*$", intro[:total.start], regex.IGNORECASE)
            if not (cue_after or cue_before):
                continue
            if any(q.unit is not None and q.unit.is_count and is_known_unit(q.unit)
                   and q.unit.canonical.split()[0] != total.unit.canonical.split()[0]
                   for it in enum.items for q in it.quantities):
                continue  # the bullets count other things: they are not the counted items
            if any(it.quantities and any(q.unit is not None and q.unit.is_count and q.unit.canonical.split()[0]
                                         == total.unit.canonical.split()[0] for q in it.quantities)
                   for it in enum.items):
                continue  # the bullets carry their own counts: a sum, not a list
            if len([q for q in ctx.facts(loc.unit).quantities if q.unit is not None and q.start >= _clause_start(intro)]) != 1:
                continue
        else:
            continue
        n = len(enum.items)
        if n == total.value or _joined_count(loc.unit.ntext, enum.items) == total.value:
            continue  # "Phòng Văn hóa và Thông tin" is one name: "và" may join words, not items
        if whole is not None and n in (whole - total.value, whole):
            continue  # "15/17 xã (…)": the names may be those not done, or all of them
        yield _count_finding(ctx, rule, loc.unit, total, n, [it.text for it in enum.items])
    yield from _numbered_instances(ctx, rule)


def _count_finding(ctx: CheckContext, rule: RuleSpec, unit, total, n: int, items: list[str]) -> Finding:
    arithmetic = f"ghi {total.number.text} {total.unit.canonical} nhưng danh sách có {n} mục"
    return ctx.finding(
        rule, unit, total.start, total.end, arithmetic=arithmetic, stated=total.number.text, count=n,
        suggestion=f"Kiểm tra lại số lượng ({n} mục được liệt kê) hoặc bổ sung danh sách",
        evidence={"arithmetic": arithmetic, "stated": total.number.text, "listed": n, "items": items},
    )


COUNT_COLON_RE = regex.compile(r"\s*:")
INSTANCE_STOP_RE = regex.compile(r"(?<!\d)\.(?!\d)(?=\s|$)|[!?]")


def _numbered_instances(ctx: CheckContext, rule: RuleSpec) -> Iterable[Finding]:
    """"theo 03 đợt: đợt 1 từ …; đợt 2 từ …; đợt 3 từ …": the instances numbered 1, 2, … k after
    the colon are the counted things, so k is the count."""
    for unit in ctx.units():
        text = unit.ntext
        if ":" not in text:
            continue
        for q in ctx.facts(unit).quantities:
            if q.unit is None or not q.unit.is_count or q.number.decimals or not COUNT_COLON_RE.match(text, q.end):
                continue
            noun = q.unit.canonical.split()[0]
            stop = INSTANCE_STOP_RE.search(text, q.end)
            body = text[q.end:stop.start() if stop else len(text)]
            rx = regex.compile(r"(?<!\p{L})" + regex.escape(noun) + r"\s+(?:thứ\s+)?(\d{1,2})(?![\d/.,]\d)",
                               regex.IGNORECASE)
            found = list(rx.finditer(body))
            # each instance opens its own clause ("…: đợt 1 …; đợt 2 …"), else "nhóm 1 và nhóm 2; nhóm 3, 4"
            if not all(regex.search(r"[:;,]\s*[-+]?\s*$", body[:m.start()]) for m in found):
                continue
            numbers = [int(m.group(1)) for m in found]
            if len(numbers) < 2 or numbers != list(range(1, len(numbers) + 1)) or len(numbers) == q.value:
                continue
            yield _count_finding(ctx, rule, unit, q, len(numbers),
                                 [f"{noun} {k}" for k in numbers])


# "03 xã đạt dưới 50% dự toán (A, B, C)": a criterion the counted places meet stands between
CRITERION_RE = regex.compile(r"^\s*(?:\p{L}+\s+){0,3}?(?:đạt|chiếm|có\s+tỷ\s+lệ)\s+(?:trên|dưới|từ|hơn|"
                             r"không\s+quá|tối\s+thiểu)?\s*\d[\d.,]*\s?%(?:\s+(?:trở\s+lên|trở\s+xuống))?"
                             r"(?:\s+\p{L}+){0,6}\s*$", regex.IGNORECASE)


def _count_before_criterion(text: str, facts, enum: Enumeration) -> Enumeration:
    """The count of a bracket of names separated from it by a criterion with a percent (the list
    reader takes no total across a figure): "04 xã đạt dưới 50% (Hiệp An, Ninh Gia, Tà Năng)"."""
    from dataclasses import replace
    from .arith import in_span
    counts = [q for q in in_span(facts.quantities, max(0, enum.start - 150), enum.start) if q.end <= enum.start]
    if not counts or counts[-1].unit is None or not counts[-1].unit.is_count:
        return enum
    q = counts[-1]
    gap = text[q.end:enum.start]
    if regex.search(r";|\.\s", gap) or not CRITERION_RE.match(gap.rstrip(" (")):
        return enum  # another clause, or more than a criterion between
    return replace(enum, total=q, gap="")


# "05 xã, phường thuộc thị xã Đức Phổ và huyện Mộ Đức (…)": where the counted places lie is no gap
WHERE_RE = regex.compile(r"(?<!\p{L})(?:thuộc|trên\s+địa\s+bàn|tại)\s+[^,;()\d]*$", regex.IGNORECASE)
YEARS_RE = regex.compile(r"(?<!\p{L})(?:năm|giai\s+đoạn(?:\s+đến\s+năm)?)\s+(?:19|20)\d{2}"
                         r"(?:\s*[-–]\s*(?:19|20)\d{2})?(?!\d)", regex.IGNORECASE)


def _fraction_count(ctx: CheckContext, loc) -> tuple[Enumeration, Optional[int]]:
    """"03/04 trường đã được công nhận (A, B, C)": a bracket of names after a fraction names its part
    (or, when the count is the rest or the whole, those): the part is the count to check, with the
    whole returned beside it."""
    from dataclasses import replace
    from ..extract.figures import Quantity
    enum = loc.enum
    if enum.total is not None or enum.kind != "paren" or enum.inner_kind:
        return enum, None
    text = loc.unit.ntext
    opener = text.rfind("(", 0, enum.start)
    facts = ctx.facts(loc.unit)
    fracs = [f for f in facts.fractions if f.end <= opener and opener - f.end <= 120]
    if not fracs:
        return enum, None
    frac = fracs[-1]
    noun = frac.whole.unit or frac.part.unit
    gap = text[frac.end:opener]
    if noun is None or not noun.is_count or frac.part.number.decimals or regex.search(r"[\d;:()%]|\.\s", gap):
        return enum, None
    if any(frac.end <= q.start < opener for q in facts.quantities):
        return enum, None
    return replace(enum, total=Quantity(frac.part.number, noun, "", frac.end), gap=gap), int(frac.whole.value)


def _joined_count(text: str, items: list[Item]) -> int:
    """The number of items when " và " joins words of one name instead of separating two."""
    n = len(items)
    for a, b in zip(items, items[1:]):
        if regex.fullmatch(r"\s+và\s+", text[a.end:b.start]):
            n -= 1
    return n


PLACE_NOUNS = {"xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã", "thành phố", "tỉnh", "thôn",
               "bản", "tổ dân phố", "khu phố", "ấp", "làng"}


def _lone_place(total, enum: Enumeration) -> bool:
    """"02 xã chưa tiêm phòng xong (Nậm Xe)": a count of places (two or more) followed by one place
    name. A name with another place word ("03 hộ (bản Nậm Xe)", "02 xã (huyện Phong Thổ)") tells
    where, not which."""
    noun = total.unit.canonical.lower()
    if noun not in PLACE_NOUNS or total.value < 2 or len(enum.items) != 1:
        return False
    text = enum.items[0].text.strip()
    prefix = ADMIN_PREFIX_RE.match(text)
    if prefix and " ".join(prefix.group().lower().split()).removeprefix("các ") != noun:
        return False
    return _name_key(text) is not None


def _clause_start(text: str) -> int:
    return max(text.rfind(";"), text.rfind(". "), -1) + 1


COLON_LIST_RE = regex.compile(r":\s*")


@register("duplicate_list_item")
def duplicate_list_item(ctx: CheckContext, rule: RuleSpec, p) -> Iterable[Finding]:
    """The same name twice in one list ("Lản Nhì Thàng, Khổng Lào, …, Lản Nhì Thàng")."""
    seen_spans: set[tuple[int, int, int]] = set()
    lists: list[tuple] = []
    for loc in enumerations(ctx):
        if loc.enum.kind != "bullets":
            lists.append((loc.unit, loc.enum.items))
    for unit in ctx.units():  # "cho các xã: Dào San, Bản Lang, …;"
        text = unit.ntext
        for m in COLON_LIST_RE.finditer(text):
            end = len(text)
            stop = _LIST_STOP_RE.search(text, m.end())
            if stop:
                end = stop.start()
            spans = split_items(text, m.end(), end)
            lists.append((unit, [Item(a, b, text[a:b]) for a, b in spans]))
    for unit, items in lists:
        if len(items) < 3:
            continue
        keys = _names(items)
        if keys is None:
            continue
        first: dict[str, Item] = {}
        for key, item in zip(keys, items):
            if key in first:
                span = (unit.index, item.start, item.end)
                if span in seen_spans:
                    break
                seen_spans.add(span)
                arithmetic = f"“{item.text}” xuất hiện 2 lần trong danh sách {len(items)} mục ({len(set(keys))} tên khác nhau)"
                yield ctx.finding(
                    rule, unit, item.start, item.end, arithmetic=arithmetic, name=item.text,
                    suggestion="Bỏ tên bị lặp hoặc thay bằng tên đúng",
                    evidence={"arithmetic": arithmetic, "items": [it.text for it in items],
                              "distinct": len(set(keys))},
                )
                break
            first[key] = item


__all__ = ["count_vs_list", "duplicate_list_item", "Enumeration"]
