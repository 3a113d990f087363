"""Build small .docx fixtures for output tests (python-docx)."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence, Union

import docx

Runs = Union[str, Sequence[Union[str, tuple[str, dict]]]]


def _add_runs(paragraph, runs: Runs) -> None:
    if isinstance(runs, str):
        runs = [runs]
    for piece in runs:
        text, fmt = (piece, {}) if isinstance(piece, str) else piece
        run = paragraph.add_run(text)
        run.bold = fmt.get("bold")
        run.italic = fmt.get("italic")


def make_docx(path: Path, blocks: Sequence) -> Path:
    """blocks: a str / list of runs (a paragraph) or {"table": [[cell, …], …]} (cells: str or runs)."""
    d = docx.Document()
    for block in blocks:
        if isinstance(block, dict) and "table" in block:
            rows = block["table"]
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    para = table.cell(r, c).paragraphs[0]
                    _add_runs(para, cell)
        else:
            _add_runs(d.add_paragraph(), block)
    d.save(path)
    return path


SO001_TEXT = "Nhân dân đã gieo cấy lúa vụ mùa được 3.425ha/3.750ha, đạt 92,3% KH."
NN001_TEXT = "Các hộ dân được được hỗ trợ kịp thời."
CLEAN_TEXT = "Hội nghị diễn ra trang trọng, đúng kế hoạch."
