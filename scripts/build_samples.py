"""Build samples/ from the seeds: the .txt copied unchanged, plus faithful .docx versions.

    python scripts/build_samples.py            # (re)build samples/
    python scripts/build_samples.py --rows     # print the reconstructed rows of seed 000

Seed 000 is a copy-paste of a Word table (TT | Nội dung yêu cầu tại kết luận | Kết quả |
Nguyên nhân): each cell starts at a line beginning with a TAB, a cell may span several lines,
and row boundaries are implicit. ``parse_followup_table`` rebuilds the rows; the .docx has
them as a real Word table, unit rows merged across the three text columns, every slip kept.
Seed 001 becomes Word headings (Heading 1–4) and normal paragraphs.
"""

from __future__ import annotations

import argparse
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "samples"

SEED_000 = "000_c03d6b0ecd1a4636.txt"
SEED_001 = "001_f132eb425b58aa76.txt"
OUT_000 = "seed_000_followup_table"
OUT_001 = "seed_001_monthly_report"
OUT_CLEAN = "clean_monthly_report"

UNIT_NAME = regex.compile(r"^(?:Phòng|Ban|Trung tâm|Ngành|Văn phòng|Đài|Công an|Ủy ban|UBND)\b.{0,70}$")
TT = regex.compile(r"^(?:\d{1,2}|-|)$")


@dataclass
class SourceCell:
    lines: list[str] = field(default_factory=list)
    indented: bool = False  # the line started with " \t" (a row boundary in the paste)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()

    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.lines if line.strip()]


@dataclass
class SourceRow:
    kind: str  # header | unit | task
    cells: list[SourceCell]


def split_cells(text: str) -> list[SourceCell]:
    cells: list[SourceCell] = []
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            cells.append(SourceCell([stripped[1:]], indented=line.startswith(" ")))
        elif cells:
            cells[-1].lines.append(line)
        elif line.strip():
            cells.append(SourceCell([line]))
    return cells


def _is_unit(cell: SourceCell) -> bool:
    return len(cell.paragraphs()) == 1 and bool(UNIT_NAME.match(cell.text))


def parse_followup_table(text: str) -> list[SourceRow]:
    """Rows of the pasted follow-up table: header, unit rows (TT + name), task rows (4 cells)."""
    cells = split_cells(text)
    rows = [SourceRow("header", cells[:4])]
    i, n = 4, len(cells)
    while i < n:
        cell = cells[i]
        # unit row: "1 | Phòng …" or (no number) an indented " \tTrung tâm …"
        if TT.match(cell.text) and i + 1 < n and _is_unit(cells[i + 1]) and not _is_unit(cell):
            rows.append(SourceRow("unit", [cell, cells[i + 1]]))
            i += 2
        elif _is_unit(cell):
            rows.append(SourceRow("unit", [SourceCell([""]), cell]))
            i += 1
        else:
            # a task row: TT ("-" or empty), task, result, cause (cause may be missing)
            row = [cell]
            i += 1
            while i < n and len(row) < 4 and not (_is_unit(cells[i]) and cells[i].indented):
                row.append(cells[i])
                i += 1
            while len(row) < 4:
                row.append(SourceCell([""]))
            rows.append(SourceRow("task", row))
            continue
        # empty cells left over after a unit name belong to it, except the TT of the next task
        while i < n and cells[i].text == "" and (i + 1 >= n or cells[i + 1].text == ""
                                                  or TT.match(cells[i + 1].text)):
            i += 1
    return rows


def _set_cell(cell, paragraphs: list[str]) -> None:
    cell.paragraphs[0].text = paragraphs[0] if paragraphs else ""
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def build_followup_docx(rows: list[SourceRow], out: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    table = d.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        cells = table.rows[r].cells
        if row.kind == "header":
            for c in range(4):
                _set_cell(cells[c], [" ".join(row.cells[c].text.split())])
                for run in cells[c].paragraphs[0].runs:
                    run.bold = True
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            tbl_header = OxmlElement("w:tblHeader")
            tbl_header.set(qn("w:val"), "true")
            tr_pr.append(tbl_header)
        elif row.kind == "unit":
            _set_cell(cells[0], row.cells[0].paragraphs())
            merged = cells[1].merge(cells[3])
            _set_cell(merged, row.cells[1].paragraphs())
            for run in merged.paragraphs[0].runs:
                run.bold = True
        else:
            for c in range(4):
                _set_cell(cells[c], row.cells[c].paragraphs())
    d.save(out)


HEADING_LEVELS = [
    (regex.compile(r"^Phần thứ \w+\s*$"), 1),
    (regex.compile(r"^[IVX]+\.\s"), 2),
    (regex.compile(r"^\d+\.\d+\.\s"), 4),
    (regex.compile(r"^\d+\.\s"), 3),
]


def build_report_docx(text: str, out: Path) -> None:
    """A report with numbered headings as Word heading styles and the rest as body text."""
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        level = next((lvl for rx, lvl in HEADING_LEVELS if rx.match(stripped)), None)
        if level:
            d.add_heading(stripped, level=level)
        else:
            d.add_paragraph(stripped)
    d.save(out)


def build(out_dir: Path = SAMPLES, seeds: Path = SEEDS) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for seed, name in ((SEED_000, OUT_000), (SEED_001, OUT_001)):
        target = out_dir / f"{name}.txt"
        shutil.copyfile(seeds / seed, target)
        written.append(target)
    text000 = (seeds / SEED_000).read_text(encoding="utf-8")
    build_followup_docx(parse_followup_table(text000), out_dir / f"{OUT_000}.docx")
    build_report_docx((seeds / SEED_001).read_text(encoding="utf-8"), out_dir / f"{OUT_001}.docx")
    build_report_docx((out_dir / f"{OUT_CLEAN}.txt").read_text(encoding="utf-8"), out_dir / f"{OUT_CLEAN}.docx")
    written += [out_dir / f"{n}.docx" for n in (OUT_000, OUT_001, OUT_CLEAN)]
    return written


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", action="store_true", help="print the rows rebuilt from seed 000")
    args = ap.parse_args()
    if args.rows:
        rows = parse_followup_table((SEEDS / SEED_000).read_text(encoding="utf-8"))
        for r, row in enumerate(rows):
            print(r, row.kind, " | ".join(c.text.replace("\n", " ")[:45] for c in row.cells))
        return
    for path in build():
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
