"""Word tables pasted into plain text one *cell* per line.

Copying a Word table into a .txt often gives this shape (→ is a TAB)::

     →TT
    →Nội dung yêu cầu
     tại kết luận            a cell goes on over lines that do not start with a TAB
    →Kết quả
    →Nguyên nhân
                             blank lines come and go: they mark nothing
    →1
    →Phòng Lao động thương binh và xã hội
    →-
    →Thực hiện tốt các chính sách xã hội …

Every cell starts on a line beginning with a TAB (maybe after a space), and row boundaries are not
marked. We only read such a run as a table when it opens with the header of a follow-up or
statistics table (TT/STT, Nội dung/Nhiệm vụ/Chỉ tiêu, Kết quả/Tiến độ or Kế hoạch/Thực hiện/Tỷ lệ,
Nguyên nhân/Ghi chú…), which gives the number of columns. Rows are then rebuilt from the TT column:
a row starts at a TT cell (a number, "-", "+", a roman numeral, or empty); a row whose first cell is
on a line indented as " →" and is not a TT value has no TT cell. Of all the ways to cut the cells
into rows, the one with the fewest oddities wins (a TT value inside a row where words are expected —
in a column of figures "12" or "-" is a value —, an empty "Nội dung" next to filled cells, missing
cells); if the best cut still has a TT value out of place, or two cuts are equally good, the run is
left as paragraphs: we never invent a wrong table. Without a TT column every row must be complete.
The table ends at a TAB line of another kind or at text after two blank lines (inside the paste, a
cell goes on after one blank line at most); after its last cell line, at the first blank line.

Each non-blank line of a cell is one paragraph with its own line number, its text exactly the
user's characters (the line stripped), so findings point back into the file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Optional

import regex

from ..model import Cell, Paragraph, Row, Table
from ..structure import TT_TITLE

# a line opening a cell: at most a few spaces, one TAB, then text with no further TAB
CELL_LINE = regex.compile(r"^ {0,4}\t(?P<body>[^\t]*)$")
# a TT cell: "1", "1.", "2)", "1.2", "II", "IV.", "a)", "-", "+", "*" …
MARKER = regex.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}[.)]?|[IVXLC]{1,7}[.)]?|[a-zđ][.)]|[-–—+*•·])$")

CONTENT_HEAD = regex.compile(
    r"^(?:nội dung|nhiệm vụ|công việc|tên\b|chỉ tiêu|danh mục|hạng mục|lĩnh vực|đơn vị(?! tính)|"
    r"cơ quan(?! chủ trì)|yêu cầu|vấn đề|kết luận|hoạt động|giải pháp)")
RESULT_HEAD = regex.compile(  # a result told in words
    r"^(?:kết quả|tiến độ|tình hình|đánh giá|mức độ|sản phẩm|thời gian|thời hạn)")
FIGURE_HEAD = regex.compile(  # a column of figures: "12", "-" are values there, not TT
    r"^(?:ước|kế hoạch|thực hiện|số liệu|số lượng|tỷ lệ|tỉ lệ|so sánh|lũy kế|luỹ kế|kinh phí|"
    r"đơn vị tính|đvt|năm \d{4}|tháng\b|quý\b|\d{4}$)")
OTHER_HEAD = regex.compile(
    r"^(?:nguyên nhân|ghi chú|lý do|lí do|tồn tại|khó khăn|vướng mắc|đề xuất|kiến nghị|"
    r"đơn vị chủ trì|cơ quan chủ trì|chủ trì|phối hợp|địa điểm)")
HEAD_KINDS = (("tt", TT_TITLE), ("content", CONTENT_HEAD), ("result", RESULT_HEAD), ("figure", FIGURE_HEAD),
              ("other", OTHER_HEAD))
MAX_HEAD_CHARS = 60
MAX_COLUMNS = 10

# costs of oddities in a cut (see module doc)
MISPLACED_MARKER = 10
EMPTY_CONTENT = 3
EMPTY_ROW = 5
MISSING_CELL = 1


@dataclass
class SourceCell:
    """One pasted cell: its non-blank lines as (line number, stripped text)."""

    line: int  # 1-based line of the TAB line that opens it
    indented: bool = False  # the TAB came after a space: " →…" (only ever seen at a row start)
    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)

    @property
    def is_marker(self) -> bool:
        return len(self.lines) == 1 and bool(MARKER.match(self.lines[0][1]))

    @property
    def is_empty(self) -> bool:
        return not self.lines

    def paragraphs(self) -> list[Paragraph]:
        return [Paragraph(text=text, line=number) for number, text in self.lines]


@dataclass
class PastedTable:
    """A table found in lines[start:end] (0-based indexes of ``str.splitlines()``)."""

    start: int
    end: int
    header: list[SourceCell]
    rows: list[list[Optional[SourceCell]]]  # each of width len(header); None = cell absent

    @property
    def width(self) -> int:
        return len(self.header)

    def to_table(self) -> Table:
        rows = [_row(self.header)] + [_row(cells) for cells in self.rows]
        return Table(rows=rows, header_rows=1)


def _row(cells: list[Optional[SourceCell]]) -> Row:
    return Row(cells=[Cell(col=c, paragraphs=cell.paragraphs() if cell else []) for c, cell in enumerate(cells)])


def _head_key(cell: SourceCell) -> str:
    return " ".join(unicodedata.normalize("NFC", cell.text).casefold().split())


def _head_kind(cell: SourceCell) -> Optional[str]:
    text = _head_key(cell)
    if not text or len(text) > MAX_HEAD_CHARS or len(cell.lines) > 3 or text.endswith((".", ";", ":")):
        return None
    for kind, rx in HEAD_KINDS:
        if rx.match(text):
            return kind
    return None


def _read_cells(lines: list[str], start: int, limit: Optional[int] = None) -> tuple[list[SourceCell], list[int], int]:
    """Cells from lines[start] on (a cell line), while the text still looks like the paste.

    Returns the cells, the number of blank lines before each, and the index just past the last
    line taken. The run ends at a TAB line of another kind (a row-per-line table), at a line of
    text after two or more blank lines (inside the paste, text goes on after one blank line at
    most), or after ``limit`` cells. After the last cell line, text belongs to that cell only up to
    the first blank line."""
    cells: list[SourceCell] = []
    blanks_before: list[int] = []
    blanks = 0
    end = start
    last_open = start  # index of the last cell line
    for i in range(start, len(lines)):
        line = lines[i]
        m = CELL_LINE.match(line)
        if m:
            if limit is not None and len(cells) == limit:
                break
            body = m.group("body").strip()
            cells.append(SourceCell(line=i + 1, indented=line[:1] == " ", lines=[(i + 1, body)] if body else []))
            blanks_before.append(blanks)
            blanks, end, last_open = 0, i + 1, i
        elif not line.strip():
            blanks += 1
        elif "\t" in line or blanks >= 2:
            break  # a TAB line of another kind, or the text after the table
        else:
            cells[-1].lines.append((i + 1, line.strip()))
            blanks, end = 0, i + 1
    # text after the last cell line, once a blank line has come, is not part of the table
    k = last_open + 1
    while k < end and lines[k].strip():
        k += 1
    if k < end:
        cells[-1].lines = [(number, text) for number, text in cells[-1].lines if number <= k]
        end = k
    return cells, blanks_before, end


def _header_kinds(cells: list[SourceCell], blanks_before: list[int]) -> Optional[list[str]]:
    """The kind of each column when the leading cells name the columns of a follow-up/statistics
    table: one block of short titles with a content column (Nội dung, Nhiệm vụ, Chỉ tiêu…)
    followed by a result column (Kết quả, Tiến độ…) or a column of figures (Kế hoạch, Thực hiện,
    Tỷ lệ…); TT/STT, if any, first."""
    kinds: list[str] = []
    for k, cell in enumerate(cells):
        if k and blanks_before[k]:
            break
        kind = _head_kind(cell)
        if kind is None:
            break
        kinds.append(kind)
    if not 3 <= len(kinds) <= MAX_COLUMNS or "content" not in kinds or "tt" in kinds[1:]:
        return None
    after = kinds[kinds.index("content") + 1:]
    if "result" not in after and "figure" not in after:
        return None
    return kinds


def _rows_by_tt(body: list[SourceCell], kinds: list[str]) -> Optional[list[list[Optional[SourceCell]]]]:
    """Cut ``body`` into rows opened by the TT column; None unless one cut is clearly best."""
    width = len(kinds)
    # where a lone "3" or "-" cannot be a value: the column after TT and the columns told in words
    wordy = {c for c, kind in enumerate(kinds) if c == 1 or kind in ("content", "result", "other")}
    # a row may stop short (a unit row, an empty "Nguyên nhân" left out), but a figure left out
    # would shift the others into the wrong columns: only rows reaching the last figure, or naming
    # a group (TT and one cell), may be short
    last_figure = max((c for c, kind in enumerate(kinds) if kind == "figure"), default=-1)
    n = len(body)
    inf = float("inf")
    best = [inf] * (n + 1)
    ways = [0] * (n + 1)
    choice: list[tuple[int, bool, int]] = [(0, False, 0)] * (n + 1)  # (end, has TT cell, misplaced)
    best[n], ways[n] = 0, 1
    for i in range(n - 1, -1, -1):
        first = body[i]
        if first.is_marker or first.is_empty:
            has_tt, sizes = True, range(2, width + 1)
        elif first.indented:
            has_tt, sizes = False, range(1, width)
        else:
            continue  # text cannot open a row
        for size in sizes:
            j = i + size
            if j > n or (size > 1 and body[j - 1].indented):
                break  # an indented cell always opens a row
            if best[j] == inf:
                continue
            reach = size if has_tt else size + 1  # columns covered
            if reach <= last_figure and reach > 2:
                continue
            cost, misplaced = _row_cost(([] if has_tt else [None]) + body[i:j], width, wordy)
            total = cost + best[j]
            if total < best[i]:
                best[i], ways[i], choice[i] = total, ways[j], (j, has_tt, misplaced)
            elif total == best[i]:
                ways[i] = min(ways[i] + ways[j], 2)
    if best[0] == inf or ways[0] != 1:
        return None
    rows: list[list[Optional[SourceCell]]] = []
    i = 0
    while i < n:
        j, has_tt, misplaced = choice[i]
        if misplaced:
            return None  # a TT value inside a row: the cut would be a guess
        cells = ([None] if not has_tt else []) + body[i:j]
        rows.append(cells + [None] * (width - len(cells)))
        i = j
    return rows


def _row_cost(cells: list[Optional[SourceCell]], width: int, wordy: set[int]) -> tuple[int, int]:
    misplaced = sum(1 for c, cell in enumerate(cells) if c and c in wordy and cell is not None and cell.is_marker)
    filled = [c is not None and not c.is_empty for c in cells]
    cost = misplaced * MISPLACED_MARKER + (width - len(cells)) * MISSING_CELL
    if len(filled) > 2 and not filled[1] and any(filled[2:]):
        cost += EMPTY_CONTENT
    if not any(filled):
        cost += EMPTY_ROW
    return cost, misplaced


def _rows_fixed(body: list[SourceCell], width: int) -> Optional[list[list[Optional[SourceCell]]]]:
    """Without a TT column: every row complete, its first cell filled, indents only at a row start."""
    if len(body) % width:
        return None
    rows: list[list[Optional[SourceCell]]] = [list(body[i:i + width]) for i in range(0, len(body), width)]
    for row in rows:
        if row[0].is_empty or any(c.indented for c in row[1:]):
            return None
    return rows


def find_pasted_tables(lines: list[str]) -> list[PastedTable]:
    """Every pasted one-cell-per-line table in ``lines`` (from ``str.splitlines()``), in order."""
    tables: list[PastedTable] = []
    i, n = 0, len(lines)
    while i < n:
        if CELL_LINE.match(lines[i]) and _head_kind(SourceCell(i + 1, lines=[(i + 1, lines[i].strip())])):
            table = _table_at(lines, i)
            if table is not None:
                tables.append(table)
                i = table.end
                continue
        i += 1
    return tables


def _table_at(lines: list[str], start: int) -> Optional[PastedTable]:
    head, blanks, _ = _read_cells(lines, start, limit=MAX_COLUMNS + 1)  # cheap: the header only
    kinds = _header_kinds(head, blanks)
    if kinds is None:
        return None
    width = len(kinds)
    cells, _, end = _read_cells(lines, start)
    body = cells[width:]
    if not body:
        return None
    rows = _rows_by_tt(body, kinds) if kinds[0] == "tt" else _rows_fixed(body, width)
    if not rows:
        return None
    return PastedTable(start, end, cells[:width], rows)


__all__ = ["PastedTable", "SourceCell", "find_pasted_tables"]
