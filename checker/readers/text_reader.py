"""Plain text (.txt/.md): a line is a paragraph; lines with TAB-separated cells are table rows."""

from __future__ import annotations

import codecs

from ..model import Cell, Document, Paragraph, Row, Table
from ..structure import heading_number
from .errors import ReadError
from .tables import detect_header_rows


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused clearly."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(path, f"tệp UTF-16 bị hỏng (corrupt UTF-16 text: {exc.reason})") from None
    if b"\x00" in data[:4096]:
        raise ReadError(path, "không phải tệp văn bản (binary data, not text)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ReadError(
            path,
            "tệp không phải UTF-8 — hãy lưu lại với mã hóa UTF-8 "
            "(not UTF-8: probably Windows-1258 or a legacy font encoding; re-save as UTF-8)",
        ) from None


def parse_text(text: str, path: str = "") -> Document:
    blocks: list = []
    rows: list[Row] = []

    def flush_table() -> None:
        if rows:
            table = Table(rows=list(rows))
            table.header_rows = detect_header_rows(table)
            blocks.append(table)
            rows.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line.strip("\t \r"):
            rows.append(Row(cells=[
                Cell(col=i, paragraphs=[Paragraph(text=cell.strip(), line=number)] if cell.strip() else [])
                for i, cell in enumerate(line.split("\t"))
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


def _markdown_level(line: str) -> int | None:
    hashes = len(line) - len(line.lstrip("#"))
    return hashes if 0 < hashes <= 6 and line[hashes:hashes + 1] == " " else None


__all__ = ["decode", "parse_text", "heading_number"]
