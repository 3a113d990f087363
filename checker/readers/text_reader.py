"""Plain text (.txt/.md): a line is a paragraph; lines with TAB-separated cells are table rows (a
one-cell group row such as "→Trong đó:→→→", → a TAB, stays inside an open table: ``row_cells``);
a Word table pasted one cell per line is rebuilt (``pasted_tables``)."""

from __future__ import annotations

import codecs

from ..model import Cell, Document, Paragraph, Row, Table
from ..structure import heading_number
from .errors import ReadError
from .pasted_tables import find_pasted_tables
from .tables import detect_header_rows


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 (with or without BOM); anything else is refused
    clearly, with a guess at the legacy encoding (Windows-1258, TCVN3, VNI) and how to fix it."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(path, f"tệp UTF-16 bị hỏng (corrupt UTF-16 text: {exc.reason})") from None
    if b"\x00" in data[:4096]:
        encoding = _utf16_without_bom(data)
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"tệp UTF-16 bị hỏng (corrupt UTF-16 text: {exc.reason})") from None
        raise ReadError(path, "không phải tệp văn bản (binary data, not text)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ReadError(path, _legacy_message(data)) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: NUL bytes on one side of nearly every ASCII character."""
    head = data[:8192]
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    n = len(even)
    nul_even, nul_odd = even.count(0), odd.count(0)
    if nul_odd > 0.3 * n and nul_even < 0.02 * n:
        return "utf-16-le"
    if nul_even > 0.3 * n and nul_odd < 0.02 * n:
        return "utf-16-be"
    return None


# Bytes that give away an 8-bit Vietnamese encoding (lower-case letters, which dominate text).
_CP1258_TONES = frozenset(b"\xcc\xec\xd2\xde\xf2")  # combining grave, acute, hook, tilde, dot below
_VNI_MARKS = frozenset(b"\xf8\xf9\xfb\xf5\xef\xe2\xe1\xe0\xe5\xe4\xe3\xea\xe9\xe8\xfa\xfc\xeb\xf6\xf4\xf6")
_TCVN3_LETTERS = frozenset(b"\xb5\xb8\xb6\xb7\xb9\xa8\xbb\xbe\xbc\xbd\xc6\xa9\xc7\xca\xc8\xc9\xcb"
                           b"\xae\xcc\xd0\xce\xcf\xd1\xaa\xd2\xd5\xd3\xd4\xd6\xab\xdf\xe3\xe1\xe2"
                           b"\xe4\xac\xe5\xe8\xe6\xe7\xe9\xad\xea\xed\xeb\xec\xee\xf1\xf4\xf2\xf3"
                           b"\xf5\xf6\xf9\xf7\xf8\xfa\xfb\xfe\xfc\xfd")
_VOWELS = frozenset(b"aeiouyAEIOUY\xe2\xea\xf4\xe3\xf5\xfd\xc2\xca\xd4\xc3\xd5\xdd")


def guess_legacy_encoding(data: bytes) -> str | None:
    """'Windows-1258', 'TCVN3' or 'VNI' for Vietnamese text in an 8-bit encoding, else None."""
    sample = data[:65536]
    high = [i for i, b in enumerate(sample) if b >= 0x80]
    if not high:
        return None
    after_vowel = {"cp1258": 0, "vni": 0}
    for i in high:
        prev = sample[i - 1] if i else 0
        b = sample[i]
        if prev in _VOWELS:
            if b in _CP1258_TONES:
                after_vowel["cp1258"] += 1
            if b in _VNI_MARKS:
                after_vowel["vni"] += 1
    tcvn3 = sum(1 for i in high if sample[i] in _TCVN3_LETTERS)
    scores = {"Windows-1258": after_vowel["cp1258"] * 2, "VNI": after_vowel["vni"], "TCVN3": tcvn3 * 0.6}
    best = max(scores, key=scores.get)
    return best if scores[best] >= max(2, 0.3 * len(high)) else None


def _legacy_message(data: bytes) -> str:
    guess = guess_legacy_encoding(data)
    if guess == "Windows-1258":
        return ("tệp không phải UTF-8, có vẻ mã hóa Windows-1258 — hãy mở rồi lưu lại với mã hóa UTF-8 "
                "(not UTF-8: looks like Windows-1258; re-save as UTF-8)")
    if guess in ("TCVN3", "VNI"):
        return (f"tệp không phải UTF-8, có vẻ gõ bằng phông cũ {guess} — hãy chuyển mã sang Unicode "
                f"(Unikey: Công cụ chuyển mã) rồi lưu UTF-8 "
                f"(not UTF-8: looks like legacy {guess} font text; convert to Unicode and save as UTF-8)")
    return ("tệp không phải UTF-8 — hãy lưu lại với mã hóa UTF-8 "
            "(not UTF-8: probably Windows-1258 or a legacy font encoding; re-save as UTF-8)")


def parse_text(text: str, path: str = "") -> Document:
    """A line is a paragraph; a line with TAB-separated cells is a table row (``row_cells``); a Word
    table pasted one cell per line (each cell on a line starting with a TAB, under a follow-up or
    statistics header) is rebuilt by ``pasted_tables``."""
    blocks: list = []
    rows: list[Row] = []

    def flush_table() -> None:
        if rows:
            table = Table(rows=list(rows))
            table.header_rows = detect_header_rows(table)
            blocks.append(table)
            rows.clear()

    lines = text.splitlines()
    pasted = {t.start: t for t in find_pasted_tables(lines)} if "\t" in text else {}
    index = 0
    while index < len(lines):
        found = pasted.get(index)
        if found is not None:
            flush_table()
            blocks.append(found.to_table())
            index = found.end
            continue
        line = lines[index]
        index += 1
        number = index
        width = max((len(row.cells) for row in rows), default=0)
        cells = row_cells(line, width, lines[index] if index < len(lines) else "")
        if cells is not None:
            rows.append(Row(cells=[
                Cell(col=i, paragraphs=[Paragraph(text=cell.strip(), line=number)] if cell.strip() else [])
                for i, cell in enumerate(cells)
            ]))
            continue
        flush_table()
        if not line.strip():
            continue
        stripped = line.strip()
        level = _markdown_level(stripped) if path.lower().endswith(".md") else None
        if level:
            stripped = stripped.lstrip("#").strip()
        blocks.append(Paragraph(text=stripped, heading_level=level, line=number))
    flush_table()
    return Document(path=path, blocks=blocks)


# a one-cell line whose TABs alone place it in the table: a short label, not a sentence
MAX_GROUP_LABEL_CHARS = 60
SENTENCE_END = (".", ";", "!", "?")


def is_row(line: str) -> bool:
    """A TAB between two non-empty cells: a table row wherever it stands."""
    return "\t" in line.strip("\t \r")


def row_cells(line: str, width: int, next_line: str = "") -> list[str] | None:
    """The cells of ``line`` when it is a table row, else None. Inside an open table of ``width``
    columns (0: none open) a line with one non-empty cell, a group row such as "→Trong đó:→→→→",
    stays a row when its TABs match the table's (3 columns or more), or when it has fewer cells
    (trailing TABs stripped by an editor) but holds a short label and the next line is a row: a
    TAB-indented sentence after the table stays a paragraph. A line without a TAB ends the table."""
    if is_row(line):
        return line.split("\t")
    text = line.strip("\t \r")
    if not width or not text or "\t" not in line:
        return None
    cells = line.split("\t")
    if len(cells) == width >= 3:
        return cells
    label = len(text) <= MAX_GROUP_LABEL_CHARS and not text.endswith(SENTENCE_END)
    return cells if len(cells) <= width and label and is_row(next_line) else None


def _markdown_level(line: str) -> int | None:
    hashes = len(line) - len(line.lstrip("#"))
    return hashes if 0 < hashes <= 6 and line[hashes:hashes + 1] == " " else None


__all__ = ["decode", "parse_text", "heading_number"]
