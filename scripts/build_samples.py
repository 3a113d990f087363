"""Build samples/ from the seeds: the .txt copied unchanged, plus faithful .docx versions.

    python scripts/build_samples.py            # (re)build samples/
    python scripts/build_samples.py --rows     # print the reconstructed rows of seed 000

Seed 000 is a copy-paste of a Word table (TT | Nội dung yêu cầu tại kết luận | Kết quả |
Nguyên nhân): each cell starts at a line beginning with a TAB, a cell may span several lines,
and row boundaries are implicit. The rows are those the text reader rebuilds
(``checker.readers.pasted_tables``), so the .txt and the .docx read as the same table; the .docx
has them as a real Word table, unit rows merged across the three text columns, every slip kept.
Seed 001 becomes Word headings (Heading 1–4) and normal paragraphs.
"""

from __future__ import annotations

import argparse
import shutil
from dataclasses import dataclass
from pathlib import Path

import regex

from checker.readers.pasted_tables import SourceCell, find_pasted_tables

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "samples"

SEED_000 = "000_c03d6b0ecd1a4636.txt"
SEED_001 = "001_f132eb425b58aa76.txt"
OUT_000 = "seed_000_followup_table"
OUT_001 = "seed_001_monthly_report"
OUT_CLEAN = "clean_monthly_report"

UNIT_NAME = regex.compile(r"^(?:Phòng|Ban|Trung tâm|Ngành|Văn phòng|Đài|Công an|Ủy ban|UBND)\b.{0,70}$")


@dataclass
class SourceRow:
    kind: str  # header | unit | task
    cells: list[SourceCell]  # a unit row: [TT, name]; other rows: one per column


def parse_followup_table(text: str) -> list[SourceRow]:
    """Rows of the pasted follow-up table, cut by the text reader (``checker.readers.pasted_tables``);
    a row with only a unit name after its TT is a unit row (merged across the text columns)."""
    tables = find_pasted_tables(text.splitlines())
    if len(tables) != 1:
        raise SystemExit(f"expected one pasted table in seed 000, found {len(tables)}")
    table = tables[0]
    rows = [SourceRow("header", list(table.header))]
    for cells in table.rows:
        filled = [c or SourceCell(line=0) for c in cells]
        name = filled[1]
        if len(name.lines) == 1 and UNIT_NAME.match(name.text) and all(c.is_empty for c in filled[2:]):
            rows.append(SourceRow("unit", filled[:2]))
        else:
            rows.append(SourceRow("task", filled))
    return rows


def _texts(cell: SourceCell) -> list[str]:
    return [text for _, text in cell.lines]


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
            _set_cell(cells[0], _texts(row.cells[0]))
            merged = cells[1].merge(cells[3])
            _set_cell(merged, _texts(row.cells[1]))
            for run in merged.paragraphs[0].runs:
                run.bold = True
        else:
            for c in range(4):
                _set_cell(cells[c], _texts(row.cells[c]))
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
