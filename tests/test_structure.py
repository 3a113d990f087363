"""Tables and structure rules (CT0xx) on real sentences, TAB tables and the .docx samples."""

from __future__ import annotations

from pathlib import Path

import docx as python_docx
import pytest

from checker.api import check_file
from checker.ruleset import load_rules
from checker.checks.structure import normalise, parse_enumerator

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CT_RULES = [r for r in load_rules() if r.id.startswith("CT")]


def ct_findings(path: Path):
    result = check_file(path, CT_RULES)
    assert result.error is None
    return result.findings


def write_txt(tmp_path: Path, text: str, name: str = "r.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def pairs(findings):
    return [(f.rule, f.excerpt) for f in findings]


def test_normalise_ignores_spaces_punctuation_and_unicode_form():
    import unicodedata
    a = "Phối hợp với xã Nậm Xe,  Sin Suối Hồ."
    b = unicodedata.normalize("NFD", "Phối hợp với xã Nậm Xe Sin Suối Hồ")
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize("text,kind,value", [
    ("Phần thứ hai", "part", 2), ("II. ĐÁNH GIÁ CHUNG", "roman", 2), ("1.5. Thương mại", "dotted2", 5),
    ("3. Lĩnh vực Quốc phòng - An ninh", "arabic", 3), ("đ) Tái định cư", "letter", 5),
    ("(12) Duy trì tốt chế độ trực tiếp công dân", "paren", 12), ("1) Đã chỉ đạo Nhân dân", "rparen", 1),
])
def test_parse_enumerator(text, kind, value):
    e = parse_enumerator(text)
    assert (e.kind, e.value) == (kind, value)


def test_seed_000_docx_table_findings():
    findings = ct_findings(SAMPLES / "seed_000_followup_table.docx")
    got = pairs(findings)
    assert ("CT003", "30/68 đơn vị") in got
    assert ("CT005", "Phòng Giáo dục và đào tạo") in got
    dup = [f for f in findings if f.rule == "CT001"]
    assert len(dup) == 1 and dup[0].location.row == 20 and dup[0].related.row == 19
    assert "dòng 20" in dup[0].message
    assert ("CT012", "(2)") in got
    # the Dào San row explains itself in the cause column; a row on schedule is not flagged
    assert not [f for f in findings if f.rule == "CT003" and f.location.row != 10]


def test_seed_000_txt_is_read_as_the_docx_table():
    """The .txt is the Word table pasted one cell per line: same table, same findings."""
    def key(name):
        return sorted((f.rule, f.excerpt, f.location.label) for f in ct_findings(SAMPLES / name))

    assert key("seed_000_followup_table.txt") == key("seed_000_followup_table.docx")


def test_duplicate_block_reported_once(tmp_path):
    block = ["Phối hợp với xã Nậm Xe, Sin Suối Hồ tiếp tục vận động Nhân dân đăng ký thêm diện tích trồng chè.",
             "(1) Phòng Nông nghiệp và PTNT đã phối hợp với UBND xã Nậm Xe tuyên truyền đăng ký được 250ha."]
    text = "\n".join(["Kết quả tháng 6:"] + block + ["Đoạn giữa."] + block)
    dup = [f for f in ct_findings(write_txt(tmp_path, text)) if f.rule == "CT002"]
    assert len(dup) == 1 and dup[0].excerpt.startswith("Phối hợp với xã Nậm Xe, Sin Suối Hồ")
    assert dup[0].location.line == 5 and dup[0].related is not None and dup[0].related.line == 2


@pytest.mark.parametrize("name", ["seed_001_monthly_report.txt", "seed_001_monthly_report.docx"])
def test_seed_001_only_the_stray_heading(name):
    findings = ct_findings(SAMPLES / name)
    assert pairs(findings) == [("CT020", "T (Viêttel: 1.450 thuê bao; Viễn Thông:131 thuê bao)-ttt")]


@pytest.mark.parametrize("name", ["clean_monthly_report.txt", "clean_monthly_report.docx"])
def test_clean_report_is_quiet(name):
    assert ct_findings(SAMPLES / name) == []


def test_inline_cause_is_enough(tmp_path):
    text = ("TT\tNội dung yêu cầu tại kết luận\tKết quả\tNguyên nhân\n"
            "-\tThực hiện tốt các chính sách xã hội\tRiêng xã Dào San còn 05 hộ chưa chi trả với lý do "
            "các hộ không thực hiện đúng cam kết\t\n"
            "-\tĐôn đốc quyết toán\tĐã quyết toán được 30/68 đơn vị\t\n")
    assert pairs(ct_findings(write_txt(tmp_path, text))) == [("CT003", "30/68 đơn vị")]


def test_unfinished_markers_shown(tmp_path):
    text = ("TT\tNhiệm vụ\tTiến độ\tGhi chú\n"
            "1\tTiêm phòng vắc xin\tĐã tiêm 13/17 xã, vẫn chưa tiêm xong\t\n")
    [f] = ct_findings(write_txt(tmp_path, text))
    assert f.rule == "CT003" and "vẫn chưa" in f.message and "13/17 xã" in f.message


def test_numbering_gap_repeat_and_restart(tmp_path):
    text = ("I. KẾT QUẢ\n1. Nông nghiệp\na) Trồng trọt\nNội dung.\nb) Chăn nuôi\nNội dung.\n"
            "2. Văn hóa\na) Giáo dục\nNội dung.\nc) Y tế\nNội dung.\n"
            "II. NHIỆM VỤ\n(1) Chăm sóc lúa.\n(2) Thu ngân sách.\n(2) Dạy và học.\n")
    got = pairs(ct_findings(write_txt(tmp_path, text)))
    assert got == [("CT010", "c)"), ("CT010", "(2)")]


def test_seed_numbering_stays_quiet(tmp_path):
    lines = ["Phần thứ hai", "MỘT SỐ NHIỆM VỤ TRỌNG TÂM THÁNG 02"]
    lines += [f"({i}) Nhiệm vụ số {i} của tháng." for i in range(1, 13)]
    assert ct_findings(write_txt(tmp_path, "\n".join(lines))) == []


def test_level_skip_and_empty_section(tmp_path):
    text = "1. Sản xuất nông nghiệp\n1.1.1. Cây lúa\nGieo cấy 420 ha.\n1.2. Tài nguyên\n1.3. Thương mại\nNội dung.\n"
    got = pairs(ct_findings(write_txt(tmp_path, text)))
    assert ("CT022", "1.1.1") in got
    assert ("CT021", "1.2. Tài nguyên") in got


def test_tt_column(tmp_path):
    text = ("TT\tNội dung\tKết quả\n1\tTrồng rừng\tĐã trồng 30 ha\n2\tBảo vệ rừng\tKhông có vụ cháy\n"
            "2\tChi trả dịch vụ môi trường rừng\tĐã chi trả\n")
    assert pairs(ct_findings(write_txt(tmp_path, text))) == [("CT011", "2")]


def test_word_numbering_checked_like_typed(tmp_path):
    d = python_docx.Document()
    d.add_paragraph("Chăm sóc lúa vụ Xuân, phòng trừ sâu bệnh.", style="List Number")
    d.add_paragraph("Tăng cường công tác thu ngân sách.", style="List Number")
    d.add_paragraph("2. Duy trì nền nếp dạy và học.")
    path = tmp_path / "num.docx"
    d.save(path)
    got = pairs(ct_findings(path))
    assert got == [("CT010", "2")]


def test_docx_table_with_duplicate_and_empty_result(tmp_path):
    d = python_docx.Document()
    rows = [["TT", "Nhiệm vụ", "Kết quả thực hiện", "Lý do"],
            ["1", "Kiểm tra hiện trạng các tuyến đường giao thông trên địa bàn", "", ""],
            ["2", "Rà soát các điểm dân cư có nguy cơ sạt lở đất", "Đã rà soát 24 điểm", ""],
            ["3", "Rà soát các điểm dân cư có nguy cơ sạt lở  đất.", "Đã rà soát 24 điểm", ""]]
    table = d.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "t.docx"
    d.save(path)
    got = pairs(ct_findings(path))
    assert ("CT004", "Kiểm tra hiện trạng các tuyến đường giao thông trên địa bàn") in got
    assert [g for g in got if g[0] == "CT001"] == [("CT001", "Rà soát các điểm dân cư có nguy cơ sạt lở  đất.")]


def test_list_inside_subsection_does_not_break_heading_numbers(tmp_path):
    text = ("1. Kinh tế\n1.1. Nông nghiệp\nCác nội dung:\n1. Trồng trọt đạt kế hoạch.\n2. Chăn nuôi ổn định.\n"
            "3. Thủy sản phát triển.\n2. Văn hóa - Xã hội\n2.1. Giáo dục\nNội dung.\n")
    assert ct_findings(write_txt(tmp_path, text)) == []


def test_docx_empty_row(tmp_path):
    d = python_docx.Document()
    rows = [["TT", "Nội dung", "Kết quả"], ["1", "Trồng rừng", "Đã trồng 30 ha"], ["", "", ""],
            ["2", "Bảo vệ rừng", "Không có vụ cháy"]]
    table = d.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "e.docx"
    d.save(path)
    [f] = ct_findings(path)
    assert f.rule == "CT006" and f.location.row == 3 and "dòng 3" in f.message


# ---------------------------------------------------------------- more numbering styles


@pytest.mark.parametrize("text, expected", [
    ("a. Trồng trọt\nGieo cấy 420 ha.\nb. Chăn nuôi\nTổng đàn ổn định.\nd. Thủy sản\nNuôi 12 ha.", [("CT010", "d.")]),
    ("PHẦN I. KẾT QUẢ\nNội dung.\nPHẦN III. NHIỆM VỤ\nNội dung.", [("CT010", "PHẦN III")]),
    ("Phần 1: Kết quả\nNội dung.\nPhần 2: Nhiệm vụ\nNội dung.", []),
    ("I - TÌNH HÌNH\nNội dung.\nII - KẾT QUẢ\nNội dung.\nII - NHIỆM VỤ\nNội dung.", [("CT010", "II")]),
    ("1- Nông nghiệp\nNội dung.\n2- Lâm nghiệp\nNội dung.\n4- Thủy sản\nNội dung.", [("CT010", "4")]),
    # durations, not numbering
    ("Lộ trình thực hiện:\n1 - 2 tháng đầu: rà soát.\n3 - 4 tháng tiếp theo: triển khai.", []),
])
def test_numbering_styles(tmp_path, text, expected):
    got = [(f.rule, f.excerpt) for f in ct_findings(write_txt(tmp_path, text)) if f.rule == "CT010"]
    assert got == expected


def test_numbering_heading_restated_word_for_word_is_not_a_repeat(tmp_path):
    # a table's first row restating its section heading; a different title keeps the finding
    same = "3. GIẢM NGHÈO\nChỉ tiêu toàn tỉnh\n3. GIẢM NGHÈO\nTổng số hộ 412.204 hộ."
    assert [p for p in pairs(ct_findings(write_txt(tmp_path, same))) if p[0] == "CT010"] == []
    other = "3. GIẢM NGHÈO\nChỉ tiêu toàn tỉnh\n3. LAO ĐỘNG, VIỆC LÀM\nTổng số hộ 412.204 hộ."
    assert ("CT010", "3") in pairs(ct_findings(write_txt(tmp_path, other)))
