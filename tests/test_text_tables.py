"""Plain text tables: Word tables pasted one cell per line (seed 000), next to the corpus format
(one row per line, TAB-separated cells)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import check_file
from checker.model import Paragraph, Table
from checker.readers import parse_text, read_document
from checker.readers.pasted_tables import find_pasted_tables
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED_TXT = SAMPLES / "seed_000_followup_table.txt"
SEED_DOCX = SAMPLES / "seed_000_followup_table.docx"
CT_RULES = [r for r in load_rules() if r.id.startswith("CT")]


def squash(text: str) -> str:
    return " ".join(text.split())


def grid(table: Table) -> list[dict[int, str]]:
    """Each row as {first grid column: text} of its non-empty cells, whitespace squashed."""
    return [{c.col: squash(c.text) for c in row.cells if squash(c.text)} for row in table.rows]


def only_table(doc) -> Table:
    assert [b.kind for b in doc.blocks] == ["table"]
    return doc.blocks[0]


# --- the seed: TT | Nội dung yêu cầu tại kết luận | Kết quả | Nguyên nhân -------------------------

def test_seed_txt_reads_as_the_docx_table():
    txt = only_table(read_document(SEED_TXT))
    docx = only_table(read_document(SEED_DOCX))
    assert txt.header_rows == docx.header_rows == 1
    assert txt.header == docx.header == ["TT", "Nội dung yêu cầu tại kết luận", "Kết quả", "Nguyên nhân"]
    assert len(txt.rows) == len(docx.rows) == 33
    assert grid(txt) == grid(docx)
    # paragraphs inside cells too: one per non-blank line, as the .docx was built
    for trow, drow in zip(txt.rows[1:], docx.rows[1:]):
        for cell in trow.cells:
            other = drow.cell_at(cell.col)
            expected = [p.text for p in other.paragraphs if p.text] if other.col == cell.col else []
            assert [p.text for p in cell.paragraphs] == expected  # (a merged unit row: one cell)
    # every row is as wide as the header; no invented merge
    assert all(len(row.cells) == 4 and all(c.span == 1 for c in row.cells) for row in txt.rows)


def test_seed_txt_locations_point_into_the_file():
    doc = read_document(SEED_TXT)
    lines = SEED_TXT.read_text(encoding="utf-8").splitlines()
    units = doc.units()
    assert units and all(u.line for u in units)
    for unit in units:
        assert lines[unit.line - 1].strip() == unit.text
    unit = next(u for u in units if u.text.startswith("· Đến hết tháng 6"))
    assert (unit.line, unit.row, unit.col, unit.paragraph) == (74, 10, 2, 1)
    loc = unit.location(unit.ntext.index("30/68"), unit.ntext.index("30/68") + len("30/68 đơn vị"))
    assert loc.label == "Bảng 1, dòng 11, cột “Kết quả”" and loc.line == 74
    assert lines[73][lines[73].index(unit.text) + loc.start:][: loc.end - loc.start] == "30/68 đơn vị"
    seventh = [u for u in units if u.row == 6 and u.col == 2]
    assert seventh[0].label() == "Bảng 1, dòng 7, cột “Kết quả”" and seventh[0].line == 42
    header = next(u for u in units if u.text == "tại kết luận")
    assert (header.row, header.col, header.line) == (0, 1, 3)
    last = units[-1]
    assert (last.text, last.row, last.col, last.line) == ("Phòng Giáo dục và đào tạo", 32, 1, 221)


def test_seed_txt_and_docx_give_the_same_structure_findings():
    def key(path):
        result = check_file(path, CT_RULES)
        assert result.error is None
        return sorted((f.rule, f.excerpt, f.location.label, f.location.row, f.location.col,
                       f.location.start, f.location.end) for f in result.findings)

    txt = key(SEED_TXT)
    assert txt == key(SEED_DOCX)
    rules = [k[0] for k in txt]
    assert {"CT001", "CT003", "CT005"} <= set(rules)


def test_build_samples_rows_come_from_the_reader():
    """scripts/build_samples.py rebuilds the .docx from the same cut of rows."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("build_samples_tt", ROOT / "scripts" / "build_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_samples_tt"] = module
    spec.loader.exec_module(module)
    rows = module.parse_followup_table(SEED_TXT.read_text(encoding="utf-8"))
    table = only_table(read_document(SEED_TXT))
    assert len(rows) == len(table.rows)
    for row, source in zip(table.rows, rows):
        texts = {c.col: squash(c.text) for c in row.cells if squash(c.text)}
        built = {c: squash(cell.text) for c, cell in enumerate(source.cells) if squash(cell.text)}
        assert texts == built


# --- variants --------------------------------------------------------------------------------------

THREE_COLUMNS = (
    "Kết quả thực hiện các nhiệm vụ tháng 6:\n"
    "\tNội dung\n"
    "\tKết quả\n"
    "\tGhi chú\n"
    "\n"
    "\tRà soát hồ sơ đất đai\n"
    "\tĐã rà soát 120/150 hồ sơ\n"
    "- còn 30 hồ sơ đang bổ sung\n"
    "\t\n"
    "\n\n"
    "\tKiểm tra công trình thủy lợi\n"
    "\tĐã kiểm tra 12 công trình\n"
    "\tHoàn thành\n"
    "\n"
    "Đoạn kết luận sau bảng.\n"
)


def test_three_column_header_without_tt():
    doc = parse_text(THREE_COLUMNS, "r.txt")
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    table = doc.blocks[1]
    assert table.header == ["Nội dung", "Kết quả", "Ghi chú"]
    assert grid(table)[1:] == [
        {0: "Rà soát hồ sơ đất đai", 1: "Đã rà soát 120/150 hồ sơ - còn 30 hồ sơ đang bổ sung"},
        {0: "Kiểm tra công trình thủy lợi", 1: "Đã kiểm tra 12 công trình", 2: "Hoàn thành"},
    ]
    result = table.rows[1].cells[1]
    assert [(p.text, p.line) for p in result.paragraphs] == [("Đã rà soát 120/150 hồ sơ", 7),
                                                            ("- còn 30 hồ sơ đang bổ sung", 8)]
    assert doc.blocks[2].text == "Đoạn kết luận sau bảng." and doc.blocks[2].line == 16
    unit = next(u for u in doc.units() if u.text == "Hoàn thành")
    assert unit.label() == "Bảng 1, dòng 3, cột “Ghi chú”"


def test_three_column_cells_that_do_not_fit_stay_paragraphs():
    text = THREE_COLUMNS.replace("\tHoàn thành\n", "")  # 5 cells under a 3-column header
    doc = parse_text(text, "r.txt")
    assert doc.tables == []
    assert "Kiểm tra công trình thủy lợi" in [b.text for b in doc.blocks]


FOLLOW_UP = (
    "\tSTT\n\tNhiệm vụ\n\tTiến độ\n\tGhi chú\n\n"
    "\tI\n\tPhòng Nội vụ\n\n"
    "\t1\n\tTham mưu tổng kết công tác bầu cử\n\tĐã tổ chức tổng kết\n\t\n\n"
    "\t2\n\tRà soát thủ tục hành chính\n\tĐang rà soát 40/52 thủ tục\n\n"
    "\tII\n\tPhòng Giáo dục và đào tạo\n\t\n\t\n\n"
    "\t+\n\tDuy trì nền nếp dạy và học\n\tĐã thực hiện\n\t\n"
)


def test_tt_column_with_roman_numbers_plus_and_short_rows():
    table = only_table(parse_text(FOLLOW_UP))
    assert grid(table)[1:] == [
        {0: "I", 1: "Phòng Nội vụ"},
        {0: "1", 1: "Tham mưu tổng kết công tác bầu cử", 2: "Đã tổ chức tổng kết"},
        {0: "2", 1: "Rà soát thủ tục hành chính", 2: "Đang rà soát 40/52 thủ tục"},
        {0: "II", 1: "Phòng Giáo dục và đào tạo"},
        {0: "+", 1: "Duy trì nền nếp dạy và học", 2: "Đã thực hiện"},
    ]


def test_tt_value_inside_a_row_means_no_table():
    # "2" cannot start a row here (the row before would lack its task), and cutting elsewhere puts
    # a TT value in the "Nhiệm vụ" column: the cut would be a guess
    text = "\tTT\n\tNhiệm vụ\n\tKết quả\n\n\t1\n\tTrồng rừng\n\t2\n\t3\n\tBảo vệ rừng\n\tĐã tuần tra\n"
    doc = parse_text(text)
    assert doc.tables == [] and [b.text for b in doc.blocks][:3] == ["TT", "Nhiệm vụ", "Kết quả"]


def test_text_after_two_blank_lines_ends_the_table():
    text = FOLLOW_UP + "\n\nNơi nhận:\n- Như trên;\n"
    doc = parse_text(text)
    assert [b.kind for b in doc.blocks] == ["table", "paragraph", "paragraph"]
    assert doc.blocks[1].text == "Nơi nhận:"


def test_text_after_the_last_cell_and_a_blank_line_is_not_in_it():
    text = FOLLOW_UP + "\nNơi nhận:\n"
    doc = parse_text(text)
    assert [b.kind for b in doc.blocks] == ["table", "paragraph"]
    assert squash(doc.blocks[0].rows[-1].cells[2].text) == "Đã thực hiện"


# --- what must not become a table --------------------------------------------------------------------

def test_tab_indented_paragraphs_stay_paragraphs():
    text = ("II. GIẢI PHÁP\n"
            "\tMột là, tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy Đảng.\n"
            "\tHai là, đẩy mạnh công tác tuyên truyền.\n"
            "\tNội dung\n"
            "\tKết quả\n"
            "Ba là, quản lý tốt về nhân, hộ khẩu.\n"
            "\t5.3. Đề nghị Viện Kiểm sát nhân dân tối cao\n")
    doc = parse_text(text, "r.txt")
    assert doc.tables == []
    assert all(isinstance(b, Paragraph) for b in doc.blocks)
    assert [b.text for b in doc.blocks][1] == "Một là, tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy Đảng."
    assert [b.line for b in doc.blocks] == [1, 2, 3, 4, 5, 6, 7]


def test_header_words_in_prose_lines_are_not_a_header():
    text = "\tNội dung cuộc họp.\n\tKết quả thực hiện tháng 6 như sau:\n\tGhi chú: số liệu ước.\n\tA\n\tB\n\tC\n"
    assert parse_text(text).tables == []


def test_find_pasted_tables_ignores_plain_text():
    assert find_pasted_tables(["Báo cáo", "\tTT", "Nội dung"]) == []
    assert find_pasted_tables([]) == []


# --- the corpus format is unchanged -------------------------------------------------------------------

def test_row_per_line_tables_still_work():
    text = ("Báo cáo kết quả\n"
            "TT\tNội dung\tKết quả\tNguyên nhân\n"
            "1\tPhòng Nội vụ\t\t\n"
            "-\tTham mưu tổng kết công tác bầu cử\tĐã tổ chức tổng kết\t\n"
            "\tPhòng Giáo dục và đào tạo\t\t\n"
            "Đoạn cuối.\n")
    doc = parse_text(text)
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    table = doc.blocks[1]
    assert table.header == ["TT", "Nội dung", "Kết quả", "Nguyên nhân"]
    # a one-cell row with the table's TABs stays in the table
    assert grid(table)[1:] == [{0: "1", 1: "Phòng Nội vụ"},
                               {0: "-", 1: "Tham mưu tổng kết công tác bầu cử", 2: "Đã tổ chức tổng kết"},
                               {1: "Phòng Giáo dục và đào tạo"}]
    assert doc.blocks[2].text == "Đoạn cuối." and doc.blocks[2].line == 6


# --- one-cell group rows in a row-per-line table ("Trong đó:", "B  Chi ngân sách") ----------------------

BUDGET = ("STT\tNội dung\tDự toán\tThực hiện\tSo dự toán (%)\n"
          "1\tChi thường xuyên\t634.200\t338.652\t53,4\n"
          "\tTrong đó:\t\t\t\n"
          "\t- Chi giáo dục\t352.000\t186.245\t52,9\n"
          "B\t\t\t\t\n"
          "2\tChi dự phòng\t22.050\t5.880\t26,7\n")


def budget_table(text: str) -> Table:
    table = only_table(parse_text(text))
    assert table.header == ["STT", "Nội dung", "Dự toán", "Thực hiện", "So dự toán (%)"]
    return table


def test_one_cell_group_row_keeps_the_rows_under_it_in_the_table():
    table = budget_table(BUDGET)
    assert grid(table)[1:] == [
        {0: "1", 1: "Chi thường xuyên", 2: "634.200", 3: "338.652", 4: "53,4"},
        {1: "Trong đó:"},
        {1: "- Chi giáo dục", 2: "352.000", 3: "186.245", 4: "52,9"},
        {0: "B"},
        {0: "2", 1: "Chi dự phòng", 2: "22.050", 3: "5.880", 4: "26,7"},
    ]
    unit = next(u for u in parse_text(BUDGET).units() if u.text == "52,9")
    assert (unit.line, unit.label()) == (4, "Bảng 1, dòng 4, cột “So dự toán (%)”")


def test_group_row_with_trailing_tabs_stripped_stays_in_the_table():
    text = BUDGET.replace("\tTrong đó:\t\t\t\n", "\tTrong đó:\n")
    assert grid(budget_table(text))[2] == {1: "Trong đó:"}


def test_what_still_ends_a_table():
    # a line without a TAB, a blank line, a TAB-indented sentence, more cells than the table
    for line in ("Trong đó:", "", "\tTrong 6 tháng đầu năm, chi thường xuyên đạt 53,4% dự toán.",
                 "\tTrong đó:\t\t\t\t\t\t"):
        doc = parse_text(BUDGET.replace("\tTrong đó:\t\t\t\n", line + "\n"))
        assert len(doc.tables) == 2, line
        assert doc.tables[1].header_rows == 0
    # a short stripped label is a row only when a row follows it
    doc = parse_text(BUDGET.replace("\tTrong đó:\t\t\t\n", "\tTrong đó:\n\n"))
    assert [b.kind for b in doc.blocks] == ["table", "paragraph", "table"]


def test_prose_line_with_one_tab_outside_a_table_is_not_a_table():
    text = ("Kết quả thu ngân sách:\t\n"
            "\tTrong đó:\t\t\t\t\n"
            "\tThu từ thuế, phí và lệ phí tăng so với cùng kỳ.\n"
            "Đoạn cuối.\t\n")
    doc = parse_text(text)
    assert doc.tables == []
    assert [b.text for b in doc.blocks] == ["Kết quả thu ngân sách:", "Trong đó:",
                                            "Thu từ thuế, phí và lệ phí tăng so với cùng kỳ.", "Đoạn cuối."]


def test_tab_indented_sentence_after_a_two_column_table_is_a_paragraph():
    text = ("Nơi nhận:\tKT. CHỦ TỊCH\n- Như trên;\tPHÓ CHỦ TỊCH\n"
            "\tTrong kỳ, các đơn vị đã hoàn thành kế hoạch.\n")
    doc = parse_text(text)
    assert [b.kind for b in doc.blocks] == ["table", "paragraph"]
    # with two columns one TAB is weak evidence: a label stays a row only when a row follows
    doc = parse_text("Nơi nhận:\tKT. CHỦ TỊCH\n\tPHÓ CHỦ TỊCH\n")
    assert [b.kind for b in doc.blocks] == ["table", "paragraph"]


def test_pasted_table_next_to_a_row_per_line_table():
    text = "TT\tNội dung\tKết quả\n1\tSố hộ\t120\n" + FOLLOW_UP
    doc = parse_text(text)
    assert [b.kind for b in doc.blocks] == ["table", "table"]
    assert doc.blocks[1].header == ["STT", "Nhiệm vụ", "Tiến độ", "Ghi chú"]


HEAD3 = "\tTT\n\tNội dung\n\tKết quả\n"


@pytest.mark.parametrize("text", ["\t", "\tTT\n", HEAD3, HEAD3 + "\t\n", HEAD3 + "\n\n\nchữ", HEAD3 + "\t1\n\t\t\n",
                                  " " + HEAD3 + " \tPhòng Nội vụ\n", HEAD3 + "\t-\r\n\tA\r\n\tB\r\n"])
def test_odd_inputs_do_not_break(text):
    doc = parse_text(text)
    lines = text.splitlines()
    for unit in doc.units():
        assert unit.line and lines[unit.line - 1].strip() == unit.text


def test_fix_reaches_cells_of_a_pasted_table(tmp_path):
    from checker.cli import main

    src = tmp_path / "bc.txt"
    src.write_text(FOLLOW_UP.replace("\tĐã tổ chức tổng kết\n", "\tĐã tổ chức tổng kết kết\n")
                   .replace("Duy trì nền nếp", "Duy trì duy trì nền nếp"), encoding="utf-8")
    out = tmp_path / "sua.txt"
    assert main(["fix", str(src), "-o", str(out), "--no-config"]) == 0
    assert out.read_text(encoding="utf-8") == FOLLOW_UP


STATISTICS = (
    "\tSTT\n\tChỉ tiêu\n\tĐơn vị tính\n\tKế hoạch\n\tThực hiện\n\n"
    "\t1\n\tSố hộ được hỗ trợ\n\thộ\n\t120\n\t118\n\n"
    "\t2\n\tSố xã đạt chuẩn nông thôn mới\n\txã\n\t17\n\t-\n\n"
    "\t3\n\tTỷ lệ hộ nghèo\n\t%\n\t12,5\n\t11,8\n"
)


def test_statistics_table_numbers_are_values_not_tt():
    table = only_table(parse_text(STATISTICS))
    assert table.header == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"]
    assert grid(table)[1:] == [
        {0: "1", 1: "Số hộ được hỗ trợ", 2: "hộ", 3: "120", 4: "118"},
        {0: "2", 1: "Số xã đạt chuẩn nông thôn mới", 2: "xã", 3: "17", 4: "-"},
        {0: "3", 1: "Tỷ lệ hộ nghèo", 2: "%", 3: "12,5", 4: "11,8"},
    ]
    # a figure missing from a row makes the cut a guess
    assert parse_text(STATISTICS.replace("\t17\n", "")).tables == []
