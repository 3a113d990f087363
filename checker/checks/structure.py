"""Tables and structure: duplicated rows/paragraphs, follow-up (result) tables, numbering, headings.

Works on the Document model, so .docx tables and TAB-separated text tables are checked alike,
and Word's generated numbering (in ``TextUnit.text`` via ``Paragraph.full_text``) counts as typed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Optional

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..context import CheckContext
from ..findings import Finding
from ..model import Table, TextUnit
from ..ruleset import RuleSpec
from ..structure import TT_TITLE, is_tt_title, roman_value
from . import register


_PUNCT_SPACE_RE = regex.compile(r"[\p{P}\p{S}\s]+")
_ROMAN_CELL_RE = regex.compile(r"[IVXL]{1,6}\.?")
_ARABIC_CELL_RE = regex.compile(r"\s*(\d{1,3})\.?\s*")


def normalise(text: str) -> str:
    """Compare key: NFC, case-folded, punctuation and spaces dropped."""
    return _PUNCT_SPACE_RE.sub("", _fold(text))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


# Letters never dropped by ``normalise``: their counts in the folded text are those of the key, so
# two units with different counts cannot have the same key (a cheap bucket before the regex).
_BUCKET_LETTERS = "nhtcgia"


def _bucket(folded: str) -> tuple[int, ...]:
    return tuple(folded.count(c) for c in _BUCKET_LETTERS)


# ---------------------------------------------------------------- tables as rows of units
ORDER_CELL = regex.compile(r"\s*(?:\d{1,3}[.)]?|[IVX]{1,5}\.?|[a-zđ]\)|-|\+)?\s*")

@dataclass
class RowView:
    index: int
    units_by_col: dict[int, list[TextUnit]]
    spans: dict[int, int]  # first col -> span

    def text(self, col: Optional[int]) -> str:
        if col is None:
            return ""
        return "\n".join(u.ntext for u in self.units_by_col.get(col, [])).strip()

    def units(self) -> list[TextUnit]:
        return [u for col in sorted(self.units_by_col) for u in self.units_by_col[col]]

    def all_text(self) -> str:
        return "\n".join(u.ntext for u in self.units())

    def content_key(self) -> str:
        """Compare key of the row without its order number (TT "2" vs "3" of a pasted row)."""
        return self._content_key

    @cached_property  # CT001 and CT003 both ask for it, row by row
    def _content_key(self) -> str:
        texts = [u.ntext for u in self.units() if not ORDER_CELL.fullmatch(u.ntext)]
        return normalise("\n".join(texts))


    def covering(self, col: Optional[int]) -> Optional[int]:
        if col is None:
            return None
        for first, span in self.spans.items():
            if first <= col < first + span:
                return first
        return None


@dataclass
class TableView:
    number: int
    table: Table
    rows: list[RowView]
    header: list[str]


def table_views(ctx: CheckContext) -> list[TableView]:
    cached = ctx.cache.get("structure.tables")
    if cached is not None:
        return cached
    tables = ctx.document.tables
    by_table: dict[int, dict[int, dict[int, list[TextUnit]]]] = {}
    for unit in ctx.units():
        if unit.table is None:
            continue
        by_table.setdefault(unit.table, {}).setdefault(unit.row or 0, {}).setdefault(unit.col or 0, []).append(unit)
    views = []
    for number, table in enumerate(tables):
        rows = []
        units = by_table.get(number, {})
        for r, row in enumerate(table.rows):
            rows.append(RowView(r, units.get(r, {}), {c.col: c.span for c in row.cells}))
        views.append(TableView(number, table, rows, table.header))
    ctx.cache["structure.tables"] = views
    return views


# ---------------------------------------------------------------- CT001 duplicated rows
class DuplicateRowParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_chars: int = Field(40, ge=1)  # shorter rows are compared only with two real content cells
    min_cell_letters: int = Field(4, ge=1)  # a content cell of a short row: this many letters at least
    # words that fill cells of boilerplate rows ("- | Không | ", "x | Đạt"): such rows repeat by nature
    boilerplate: str = (r"không|có|x|đạt|chưa|đã|đủ|thiếu|ghi chú|tốt|khá|trung bình|yếu|hoàn thành|"
                        r"chưa hoàn thành|đang thực hiện|không có|như trên|nt")


def _content_cells(row: "RowView") -> list[str]:
    out = []
    for col in sorted(row.units_by_col):
        text = "\n".join(u.ntext for u in row.units_by_col[col]).strip()
        if text and not ORDER_CELL.fullmatch(text):
            out.append(text)
    return out


def _short_row_counts(row: "RowView", p: DuplicateRowParams) -> bool:
    """A short row ("5 | Tập huấn cán bộ | Đã tổ chức 2 lớp") is compared when at least two of its
    cells hold words that are not boilerplate; figures alone ("0 | 0 | 0") never are."""
    filler = regex.compile(rf"(?:{p.boilerplate})", regex.IGNORECASE)
    real = [c for c in _content_cells(row)
            if len(regex.findall(r"\p{L}", c)) >= p.min_cell_letters
            and not filler.fullmatch(regex.sub(r"[\p{P}\s]+", " ", c).strip())]
    return len(real) >= 2


def _is_group_row(row: "RowView") -> bool:
    """A group row: a Roman order number, or one cell of text spanning the row."""
    units = row.units()
    if not units:
        return False
    first = units[0].ntext.strip()
    if _ROMAN_CELL_RE.fullmatch(first):
        return True
    return len(row.units_by_col) <= 2 and any(span > 1 for span in row.spans.values())


@register("duplicate_table_rows", DuplicateRowParams)
def duplicate_table_rows(ctx: CheckContext, rule: RuleSpec, p: DuplicateRowParams) -> Iterable[Finding]:
    for view in table_views(ctx):
        seen: dict[str, RowView] = {}
        group = 0  # rows under one group row ("III | Phòng Giáo dục và Đào tạo")
        groups: dict[str, int] = {}
        for row in view.rows[view.table.header_rows:]:
            if _is_group_row(row):
                group += 1
            key = row.content_key()
            short = len(key) < p.min_chars
            if short and not _short_row_counts(row, p):
                continue
            first = seen.get(key)
            if first is None or (short and groups.get(key) != group):
                seen[key] = row  # a short row again under another group may be another task
                groups[key] = group
                continue
            unit = max(row.units(), key=lambda u: len(u.ntext))
            first_unit = first.units()[0]
            related = first_unit.location()
            yield ctx.finding(rule, unit, 0, len(unit.ntext), related=related,
                              first=f"Bảng {view.number + 1}, dòng {first.index + 1}")


# ---------------------------------------------------------------- CT002 repeated paragraphs
class RepeatedParagraphParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_chars: int = Field(50, ge=1)


@register("repeated_paragraphs", RepeatedParagraphParams)
def repeated_paragraphs(ctx: CheckContext, rule: RuleSpec, p: RepeatedParagraphParams) -> Iterable[Finding]:
    """The same paragraph (or list item) twice in the body, or twice inside one table cell."""
    seen: dict[tuple, TextUnit] = {}
    last_pair: Optional[tuple[int, int]] = None
    for unit, folded in _maybe_repeated(ctx.units(), p.min_chars):
        key = _PUNCT_SPACE_RE.sub("", folded)
        if len(key) < p.min_chars:
            continue
        scope = _para_scope(unit)
        first = seen.get(scope + (key,))
        if first is None:
            seen[scope + (key,)] = unit
            continue
        # a block of several paragraphs pasted twice is one slip: report its first paragraph
        follows = last_pair is not None and (unit.index, first.index) == (last_pair[0] + 1, last_pair[1] + 1)
        last_pair = (unit.index, first.index)
        if follows:
            continue
        yield ctx.finding(rule, unit, 0, len(unit.ntext), related=first.location(),
                          first=first.label())


def _para_scope(unit: TextUnit) -> tuple:
    return (unit.table, unit.row, unit.col) if unit.in_table else ("body",)


def _maybe_repeated(units: list[TextUnit], min_chars: int) -> list[tuple[TextUnit, str]]:
    """(unit, folded text) of the units that may repeat another one of their scope, in order.

    Exact shortcut of computing every key: a key is never longer than the folded text, and units
    whose scope and letter counts (``_bucket``) are shared by no other unit cannot have an equal key.
    """
    candidates = []
    buckets: dict[tuple, int] = {}
    for unit in units:
        folded = _fold(unit.ntext)
        if len(folded) < min_chars:
            continue
        bucket = _para_scope(unit) + _bucket(folded)
        buckets[bucket] = buckets.get(bucket, 0) + 1
        candidates.append((unit, bucket))  # not the folded text: a copy of the report costs memory
    return [(unit, _fold(unit.ntext)) for unit, bucket in candidates if buckets[bucket] > 1]


# ---------------------------------------------------------------- result tables
TASK_TITLE = regex.compile(r"^(?:nội dung|nhiệm vụ)", regex.I)
RESULT_TITLE = regex.compile(r"^(?:kết quả|tiến độ)", regex.I)
CAUSE_TITLE = regex.compile(r"^(?:nguyên nhân|lý do|ghi chú|tồn tại)", regex.I)


@dataclass
class ResultColumns:
    tt: Optional[int]
    task: int
    result: int
    cause: Optional[int]


def result_columns(view: TableView) -> Optional[ResultColumns]:
    header = view.header
    if not header:
        return None

    def find(rx) -> Optional[int]:
        for i, title in enumerate(header):
            if rx.match(title.strip()):
                return i
        return None

    task, result = find(TASK_TITLE), find(RESULT_TITLE)
    if task is None or result is None or task == result:
        return None
    return ResultColumns(find(TT_TITLE), task, result, find(CAUSE_TITLE))


def is_unit_row(row: RowView, cols: ResultColumns) -> bool:
    """A row naming a unit: its task cell spans the result column, or only TT + task are filled
    with a short label."""
    first = row.covering(cols.task)
    if first is not None and first == row.covering(cols.result) and row.text(first):
        return True
    task = row.text(cols.task)
    others = [row.text(c) for c in row.units_by_col if c not in (cols.task, cols.tt)]
    return bool(task) and not any(others) and len(task) <= 80 and bool(UNIT_NAME.match(task))


UNIT_NAME = regex.compile(
    r"^(?:Phòng|Ban|Trung tâm|Ngành|UBND|Ủy ban|Uỷ ban|Văn phòng|Sở|Công an|Đài|Hội|Đoàn|Bệnh viện|"
    r"Trường|Chi cục|Cục|Xã|Phường|Thị trấn|Huyện|Quận|Bộ chỉ huy|Ban chỉ huy)\b[^\n.;:]*$")


# Strong marks of an unfinished task; "đang"/"dự kiến" only count in a short result (a long cell
# narrating several activities uses them for work on schedule: "cây lúa đang giai đoạn bén rễ").
UNFINISHED_STRONG = regex.compile(
    r"(?<!\p{L})(?:vẫn chưa|chưa(?!\s+(?:phát hiện|xảy ra|phát sinh|ghi nhận|có (?:trường hợp|vụ)))"
    r"|chậm|còn(?=\s+\d))(?!\p{L})", regex.I)
UNFINISHED_WEAK = regex.compile(r"(?<!\p{L})(?:đang|dự kiến)(?!\p{L})", regex.I)
SHORT_RESULT = 200
CAUSE_WORDS = regex.compile(
    r"(?<!\p{L})(?:do|nguyên nhân|vì|lý do|lí do|bởi|vướng|khó khăn|chờ|không thực hiện|dẫn đến"
    # "03 cơ sở tạm ngừng hoạt động nên chưa kiểm tra": the clause before "nên" is the cause
    r"|nên(?=\s+(?:vẫn\s+|cũng\s+)?(?:chưa|không|còn|phải|tạm|chậm)(?!\p{L})))(?!\p{L})", regex.I)
REACHED = regex.compile(
    r"đạt\s+(?:tỷ lệ\s+)?(\d{1,3}(?:,\d+)?)\s?%(?=\s*(?:KH|kế hoạch|chỉ tiêu|so với|mục tiêu)(?!\p{L}))",
    regex.I)


def unfinished_markers(ctx: CheckContext, units: list[TextUnit]) -> list[tuple[TextUnit, int, int]]:
    marks = []
    short = sum(len(u.ntext) for u in units) <= SHORT_RESULT
    for unit in units:
        text = unit.ntext
        for rx in (UNFINISHED_STRONG, UNFINISHED_WEAK) if short else (UNFINISHED_STRONG,):
            for m in rx.finditer(text):
                marks.append((unit, m.start(), m.end()))
        for frac in ctx.facts(unit).fractions:
            try:
                if frac.part.value < frac.whole.value:
                    marks.append((unit, frac.start, frac.end))
            except Exception:  # noqa: BLE001 - incomparable units
                continue
        for m in REACHED.finditer(text):
            if float(m.group(1).replace(",", ".")) < 100:
                marks.append((unit, m.start(), m.end()))
    return sorted(marks, key=lambda t: (t[0].index, t[1]))


@register("unfinished_without_cause")
def unfinished_without_cause(ctx: CheckContext, rule: RuleSpec, params) -> Iterable[Finding]:
    for view in table_views(ctx):
        cols = result_columns(view)
        if cols is None:
            continue
        seen: set[str] = set()
        for row in view.rows[view.table.header_rows:]:
            if is_unit_row(row, cols) or not row.text(cols.task):
                continue
            key = row.content_key()
            if key in seen:  # a pasted duplicate: CT001 reports it
                continue
            seen.add(key)
            if cols.cause is not None and row.covering(cols.cause) != row.covering(cols.result) \
                    and row.text(cols.cause):
                continue
            result_units = row.units_by_col.get(row.covering(cols.result) or cols.result, [])
            if any(CAUSE_WORDS.search(u.ntext) for u in result_units):
                continue
            marks = unfinished_markers(ctx, result_units)
            if not marks:
                continue
            unit, start, end = marks[0]
            words = ", ".join(dict.fromkeys(u.ntext[s:e] for u, s, e in marks))
            yield ctx.finding(rule, unit, start, end, markers=words,
                              evidence={"dấu hiệu chưa hoàn thành": words})


@register("empty_result")
def empty_result(ctx: CheckContext, rule: RuleSpec, params) -> Iterable[Finding]:
    for view in table_views(ctx):
        cols = result_columns(view)
        if cols is None:
            continue
        for row in view.rows[view.table.header_rows:]:
            if is_unit_row(row, cols) or row.text(cols.result):
                continue
            task_units = row.units_by_col.get(cols.task, [])
            if not task_units or len(normalise(row.text(cols.task))) < 15:
                continue
            unit = task_units[0]
            yield ctx.finding(rule, unit, 0, len(unit.ntext))


@register("unit_without_tasks")
def unit_without_tasks(ctx: CheckContext, rule: RuleSpec, params) -> Iterable[Finding]:
    for view in table_views(ctx):
        cols = result_columns(view)
        if cols is None:
            continue
        body = [r for r in view.rows[view.table.header_rows:] if r.all_text().strip()]
        if sum(is_unit_row(r, cols) for r in body) < 2:
            continue
        for i, row in enumerate(body):
            if not is_unit_row(row, cols):
                continue
            nxt = body[i + 1] if i + 1 < len(body) else None
            if nxt is None or is_unit_row(nxt, cols):
                units = row.units_by_col.get(row.covering(cols.task) or cols.task, [])
                if units:
                    yield ctx.finding(rule, units[0], 0, len(units[0].ntext))


@register("empty_table_row")
def empty_table_row(ctx: CheckContext, rule: RuleSpec, params) -> Iterable[Finding]:
    """A blank row between filled rows; pointed at the start of the row below it."""
    for view in table_views(ctx):
        rows = view.rows
        filled = [bool(r.all_text().strip()) for r in rows]
        for i in range(1, len(rows) - 1):
            if filled[i] or not filled[i - 1]:
                continue
            below = next((r for r, f in zip(rows[i + 1:], filled[i + 1:]) if f), None)
            if below is None:
                continue
            unit = next(u for u in below.units() if u.ntext.strip())
            yield ctx.finding(rule, unit, 0, 0, row=f"dòng {i + 1}")


# ---------------------------------------------------------------- numbering
ENUM = regex.compile(
    r"^\s*(?:"
    r"(?P<part>Phần\s+thứ\s+(?P<partword>\p{L}+))\s*$"
    r"|(?P<partnum>(?:Phần|PHẦN)\s+(?P<pn>[IVX]{1,5}|\d{1,2}))(?=\s*(?:[.:\-–]|$))"
    r"|(?P<roman>[IVX]{1,5})(?:\.|\s*[-–])\s+\S"
    r"|(?P<dotted>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+\S"
    r"|(?P<arabic>\d{1,2})(?:\.|\s*[-–](?!\s*\d))\s+\S"
    r"|(?P<letter>[a-zđ])[).]\s+\S"
    r"|\((?P<paren>\d{1,2})\)\s+\S"
    r"|(?P<rparen>\d{1,2})\)\s+\S"
    r")")
PART_WORDS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6}
LETTERS = "abcdđeghiklmnopqrstuvxy"
# rank: a kind resets every kind of greater rank
RANK = {"part": 0, "partnum": 0, "roman": 1, "arabic": 2, "dotted2": 3, "dotted3": 4, "dotted4": 5,
        "letter": 6, "paren": 7, "rparen": 7, "arabic_sub": 8}


@dataclass
class Enumerator:
    kind: str
    value: int
    label: str
    prefix: tuple = ()
    start: int = 0
    end: int = 0


def parse_enumerator(text: str) -> Optional[Enumerator]:
    m = ENUM.match(text)
    if not m:
        return None
    if m.group("part"):
        value = PART_WORDS.get(m.group("partword").casefold())
        return Enumerator("part", value, m.group("part"), (), *m.span("part")) if value else None
    if m.group("partnum"):
        pn = m.group("pn")
        value = int(pn) if pn.isdigit() else roman_value(pn)
        return Enumerator("partnum", value, m.group("partnum"), (), *m.span("partnum")) if value else None
    if m.group("roman"):
        value = roman_value(m.group("roman"))
        return Enumerator("roman", value, m.group("roman"), (), *m.span("roman")) if value else None
    if m.group("dotted"):
        parts = tuple(int(x) for x in m.group("dotted").split("."))
        return Enumerator(f"dotted{len(parts)}", parts[-1], m.group("dotted"), parts[:-1], *m.span("dotted"))
    if m.group("arabic"):
        return Enumerator("arabic", int(m.group("arabic")), m.group("arabic"), (), *m.span("arabic"))
    if m.group("letter"):
        letter = m.group("letter")
        s, e = m.span("letter")
        return Enumerator("letter", LETTERS.index(letter) + 1 if letter in LETTERS else 0, letter + text[e],
                          (), s, e + 1)
    if m.group("paren"):
        s, e = m.span("paren")
        return Enumerator("paren", int(m.group("paren")), f"({m.group('paren')})", (), s - 1, e + 1)
    s, e = m.span("rparen")
    return Enumerator("rparen", int(m.group("rparen")), f"{m.group('rparen')})", (), s, e + 1)


def _scope(unit: TextUnit) -> tuple:
    return ("cell", unit.table, unit.row, unit.col) if unit.in_table else ("body",)


def numbered_units(ctx: CheckContext) -> list[tuple[TextUnit, Enumerator]]:
    cached = ctx.cache.get("structure.enums")
    if cached is None:
        cached = []
        for unit in ctx.units():
            if len(unit.ntext) > 2000:
                continue
            e = parse_enumerator(unit.ntext)
            if e and e.value:
                cached.append((unit, e))
        ctx.cache["structure.enums"] = cached
    return cached


@register("numbering_sequence")
def numbering_sequence(ctx: CheckContext, rule: RuleSpec, params) -> Iterable[Finding]:
    """Gaps, repeats and out-of-order numbers in one list or heading level."""
    last: dict[tuple, dict[str, tuple[int, TextUnit, tuple]]] = {}
    for unit, e in numbered_units(ctx):
        state = last.setdefault(_scope(unit), {})
        if e.kind == "arabic":
            e = _arabic_kind(e, state)
        rank = RANK[e.kind]
        for kind in [k for k in state if RANK[k] > rank]:
            del state[kind]
        prev = state.get(e.kind)
        # paren and rparen share a list position; the other style is handled by the style rule
        other = state.get("rparen" if e.kind == "paren" else "paren") if e.kind in ("paren", "rparen") else None
        state[e.kind] = (e.value, unit, e.prefix)
        if e.kind in ("paren", "rparen"):
            state.pop("rparen" if e.kind == "paren" else "paren", None)
            if prev is None and other is not None:
                continue
        if prev is None or e.value == 1:
            continue
        pvalue, punit, pprefix = prev
        if pprefix != e.prefix:
            continue
        if e.value == pvalue + 1:
            continue
        if e.value == pvalue and _restated(punit, unit):
            continue
        if e.value == pvalue:
            problem = f"trùng số thứ tự với {punit.label()}"
        elif e.value > pvalue + 1:
            problem = f"bỏ cách số: trước đó là {_label(e, pvalue)}"
        else:
            problem = f"ngược thứ tự: trước đó là {_label(e, pvalue)}"
        yield ctx.finding(rule, unit, e.start, e.end, related=punit.location(), problem=problem,
                          evidence={"trước": _label(e, pvalue), "sau": e.label})


def _restated(first: TextUnit, second: TextUnit) -> bool:
    """The same numbered heading written twice, word for word ("3. GIẢM NGHÈO" as the section
    heading and again as the first row of its table): one heading restated, not two items
    sharing a number."""
    a, b = (" ".join(u.ntext.split()).casefold() for u in (first, second))
    return a == b and any(ch.isalpha() for ch in a)


def _arabic_kind(e: Enumerator, state: dict) -> Enumerator:
    """A "1." list typed inside section 1.1 is not the next "1." heading: after a dotted heading,
    an arabic item that starts at 1 or continues such a list is a sub-list ("arabic_sub")."""
    sub, head = state.get("arabic_sub"), state.get("arabic")
    dotted = any(k.startswith("dotted") for k in state)
    if sub and e.value == sub[0] + 1:
        kind = "arabic_sub"
    elif head and e.value == head[0] + 1:
        kind = "arabic"
    elif (dotted or sub) and e.value == 1:
        kind = "arabic_sub"
    elif sub:
        kind = "arabic_sub"
    else:
        kind = "arabic"
    return Enumerator(kind, e.value, e.label, e.prefix, e.start, e.end)


def _label(e: Enumerator, value: int) -> str:
    if e.kind == "roman":
        return to_roman(value)
    if e.kind.startswith("dotted"):
        return ".".join(str(x) for x in e.prefix + (value,))
    if e.kind == "letter":
        return (LETTERS[value - 1] if 0 < value <= len(LETTERS) else "?") + e.label[-1]
    if e.kind == "paren":
        return f"({value})"
    if e.kind == "rparen":
        return f"{value})"
    if e.kind == "partnum":
        return e.label.split()[0] + " " + (str(value) if e.label.split()[-1].isdigit() else to_roman(value))
    if e.kind == "part":
        return f"Phần thứ {value}"
    return str(value)


def to_roman(value: int) -> str:
    out = ""
    for n, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= n:
            out += s
            value -= n
    return out


@register("enumerator_style_switch")
def enumerator_style_switch(ctx: CheckContext, rule: RuleSpec, params) -> Iterable[Finding]:
    """"1) …" then "(2) …" (or the reverse) inside one list."""
    last: dict[tuple, tuple[Enumerator, TextUnit]] = {}
    for unit, e in numbered_units(ctx):
        scope = _scope(unit)
        if e.kind not in ("paren", "rparen"):
            if RANK[e.kind] < RANK["paren"]:
                last.pop(scope, None)
            continue
        prev = last.get(scope)
        last[scope] = (e, unit)
        if prev and prev[0].kind != e.kind and e.value == prev[0].value + 1:
            yield ctx.finding(rule, unit, e.start, e.end, related=prev[1].location(),
                              previous=prev[0].label, suggestion=_label(prev[0], e.value))


# ---------------------------------------------------------------- headings
def _is_heading(unit: TextUnit, e: Enumerator) -> bool:
    if unit.in_table:
        return False
    if unit.heading_level:
        return True
    return e.kind in ("part", "partnum", "roman", "dotted2", "dotted3", "dotted4") and len(unit.ntext) <= 200


STRAY = regex.compile(
    r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5})\.?\s+"
    r"(?P<stray>\p{Lu}\s+\(.*?\)\s*-?\s*(?P<rep>(\p{Ll})\3\3)?)")
TRIPLE = regex.compile(r"(?<!\p{L})(\p{L})\1\1\p{L}")


@register("heading_stray_text")
def heading_stray_text(ctx: CheckContext, rule: RuleSpec, params) -> Iterable[Finding]:
    """Pasted text inside a heading: a one-letter word cut off before a bracket of figures, a
    tripled letter ("tttài")."""
    for unit, e in numbered_units(ctx):
        if not _is_heading(unit, e):
            continue
        text = unit.ntext
        m = STRAY.match(text)
        if m and regex.search(r"\d", m.group("stray")):
            s, end = m.span("stray")
            t = TRIPLE.search(text, end - 3 if m.group("rep") else end)
            if t:
                end = t.end() - 1
            yield ctx.finding(rule, unit, s, end)
            continue
        t = TRIPLE.search(text, e.end)
        if t and t.group(1).islower():
            yield ctx.finding(rule, unit, t.start(), t.end())


def headings(ctx: CheckContext) -> list[tuple[TextUnit, Enumerator]]:
    return [(u, e) for u, e in numbered_units(ctx) if _is_heading(u, e)]


def title_like(unit: TextUnit) -> bool:
    """A short line that reads as a title, not a numbered sentence or target."""
    text = unit.ntext.strip()
    return bool(unit.heading_level) or (len(text) <= 120 and not text.endswith((".", ";", ":")))


@register("empty_section")
def empty_section(ctx: CheckContext, rule: RuleSpec, params) -> Iterable[Finding]:
    """A heading followed directly by a heading of the same or a higher level."""
    heads = {u.index: e for u, e in headings(ctx)}
    units = [u for u in ctx.units() if u.ntext.strip()]
    for i, unit in enumerate(units[:-1]):
        e = heads.get(unit.index)
        if e is None or not title_like(unit):
            continue
        nxt = units[i + 1]
        ne = heads.get(nxt.index)
        if ne is None or nxt.in_table:
            continue
        if RANK[ne.kind] <= RANK[e.kind]:
            yield ctx.finding(rule, unit, 0, len(unit.ntext), next=nxt.label())


@register("heading_level_skip")
def heading_level_skip(ctx: CheckContext, rule: RuleSpec, params) -> Iterable[Finding]:
    """"1.1.1" with no "1.1" before it (1. → 1.1.1), or "2.1" right under "1."."""
    current: dict[int, tuple] = {}  # depth -> full number tuple
    for unit, e in numbered_units(ctx):
        if unit.in_table or not (_is_heading(unit, e) or e.kind == "arabic"):
            continue
        if e.kind == "arabic":
            current = {1: (e.value,)}
            continue
        if e.kind in ("part", "partnum", "roman"):
            current = {}
            continue
        if not e.kind.startswith("dotted"):
            continue
        full = e.prefix + (e.value,)
        depth = len(full)
        parent = current.get(depth - 1)
        if parent is not None and parent != e.prefix and depth - 1 in current and e.value == 1:
            expected = ".".join(map(str, parent)) + ".1"
            yield ctx.finding(rule, unit, e.start, e.end, expected=expected,
                              problem=f"đề mục cấp trên gần nhất là {'.'.join(map(str, parent))}")
        elif parent is None and depth >= 3 and (depth - 2) in current:
            base = current[depth - 2]
            if e.prefix[:-1] == base:
                yield ctx.finding(rule, unit, e.start, e.end,
                                  expected=".".join(map(str, base)) + ".1",
                                  problem=f"nhảy cấp: sau {'.'.join(map(str, base))} là {e.label}")
        current[depth] = full
        for d in [d for d in current if d > depth]:
            del current[d]


# ---------------------------------------------------------------- TT column
@register("tt_column_sequence")
def tt_column_sequence(ctx: CheckContext, rule: RuleSpec, params) -> Iterable[Finding]:
    for view in table_views(ctx):
        tt = next((i for i, t in enumerate(view.header) if is_tt_title(t)), None)
        if tt is None:
            continue
        # two levels: Roman numerals (group rows "I", "II" …) and Arabic numbers, each continuous;
        # Arabic numbering may start again at 1 under each group
        prev: dict[str, Optional[tuple[int, TextUnit, str]]] = {"arabic": None, "roman": None}
        for row in view.rows[view.table.header_rows:]:
            if row.covering(tt) != tt:
                continue
            units = row.units_by_col.get(tt, [])
            if not units:
                continue
            m = _ARABIC_CELL_RE.fullmatch(units[0].ntext)
            level = "arabic"
            if m:
                value = int(m.group(1))
            else:
                m = regex.fullmatch(r"\s*([IVXL]{1,6})\.?\s*", units[0].ntext)
                value = roman_value(m.group(1)) if m else None
                if not value:
                    continue
                level = "roman"
            last = prev[level]
            if last is not None and value != 1 and value != last[0] + 1:
                kind = "trùng" if value == last[0] else ("bỏ cách" if value > last[0] else "ngược thứ tự")
                yield ctx.finding(rule, units[0], m.start(1), m.end(1), related=last[1].location(),
                                  problem=f"{kind}: dòng trước đánh số {last[2]}")
            prev[level] = (value, units[0], m.group(1))
