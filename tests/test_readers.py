"""Readers: .docx through lxml (tracked changes, merges, numbering, nested tables, header rows)
and plain text (encodings, TAB rows)."""

from __future__ import annotations

import codecs

import docx as python_docx
import pytest

from _rawdocx import W_NS, cell, p, table, write_docx
from checker.model import Paragraph, Table
from checker.readers import read_document


def units_text(doc) -> list[str]:
    return [u.text for u in doc.units()]


# --- .docx --------------------------------------------------------------------------------------

def test_tracked_insertions_kept_deletions_dropped(tmp_path):
    body = ('<w:p><w:r><w:t xml:space="preserve">Đã hỗ trợ </w:t></w:r>'
            '<w:del w:id="1" w:author="A"><w:r><w:delText>12</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="A"><w:r><w:t>15</w:t></w:r></w:ins>'
            '<w:r><w:t xml:space="preserve"> hộ</w:t></w:r>'
            '<w:moveFrom w:id="3" w:author="A"><w:r><w:t> cũ</w:t></w:r></w:moveFrom></w:p>')
    doc = read_document(write_docx(tmp_path / "track.docx", body))
    assert units_text(doc) == ["Đã hỗ trợ 15 hộ"]


def test_tabs_breaks_hyperlinks_and_content_controls(tmp_path):
    body = ('<w:sdt><w:sdtContent><w:p><w:r><w:t>Một</w:t><w:tab/><w:t>hai</w:t><w:br/><w:t>ba</w:t></w:r>'
            '<w:hyperlink><w:r><w:t xml:space="preserve"> bốn</w:t></w:r></w:hyperlink></w:p>'
            '</w:sdtContent></w:sdt>')
    doc = read_document(write_docx(tmp_path / "misc.docx", body))
    assert units_text(doc) == ["Một\thai\nba bốn"]


def test_merged_cells_appear_once_with_their_span(tmp_path):
    vrestart = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
    vcont = "<w:tcPr><w:vMerge/></w:tcPr>"
    span2 = '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>'
    body = ("<w:tbl>"
            "<w:tr>" + cell(p("TT")) + cell(p("Nội dung")) + cell(p("Kết quả")) + "</w:tr>"
            "<w:tr>" + cell(p("1"), vrestart) + cell(p("Gộp hai cột"), span2) + "</w:tr>"
            "<w:tr>" + cell("", vcont) + cell(p("a")) + cell(p("b")) + "</w:tr>"
            "</w:tbl>")
    doc = read_document(write_docx(tmp_path / "merge.docx", body))
    t = doc.tables[0]
    assert [c.col for c in t.rows[1].cells] == [0, 1]
    assert t.rows[1].cells[1].span == 2
    assert t.rows[1].cells[0].row_span == 2
    assert [c.col for c in t.rows[2].cells] == [1, 2]  # the continuation is not a second cell
    assert units_text(doc).count("1") == 1
    assert t.header_rows == 1 and t.header == ["TT", "Nội dung", "Kết quả"]
    by_text = {u.text: u for u in doc.units()}
    assert by_text["b"].column_title == "Kết quả"
    assert by_text["b"].location().label == "Bảng 1, dòng 3, cột “Kết quả”"


def test_python_docx_merged_cells_are_read_once(tmp_path):
    d = python_docx.Document()
    t = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            t.cell(r, c).text = f"{r}{c}"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "gộp dọc"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "gộp ngang"
    d.save(tmp_path / "pd.docx")
    doc = read_document(tmp_path / "pd.docx")
    texts = units_text(doc)
    assert texts.count("gộp dọc") == 1 and texts.count("gộp ngang") == 1


def test_explicit_header_row_flag(tmp_path):
    rows = [["TT", "Chỉ tiêu", "Kết quả"], ["1", "Số hộ", "120"], ["2", "Số xã", "15"]]
    doc = read_document(write_docx(tmp_path / "h.docx", table(rows, header=True)))
    assert doc.tables[0].header_rows == 1
    assert doc.units()[-1].column_title == "Kết quả"


def test_numeric_first_row_is_not_a_header(tmp_path):
    rows = [["1", "120", "15"], ["2", "130", "16"]]
    doc = read_document(write_docx(tmp_path / "nh.docx", table(rows)))
    assert doc.tables[0].header_rows == 0


NUMBERING = (f'<w:numbering xmlns:w="{W_NS}">'
             '<w:abstractNum w:abstractNumId="0">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
             '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
             '</w:abstractNum>'
             '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
             '<w:lvlText w:val="-"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
             '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
             '</w:numbering>')


def numbered(text: str, num: int, ilvl: int) -> str:
    return p(text, f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>')


def test_word_numbering_labels(tmp_path):
    body = (numbered("Kết quả", 1, 0) + numbered("Nông nghiệp", 1, 1) + numbered("Lúa", 1, 2)
            + numbered("Ngô", 1, 2) + numbered("Chăn nuôi", 1, 1) + numbered("Gạch đầu dòng", 2, 0)
            + numbered("Nhiệm vụ", 1, 0))
    doc = read_document(write_docx(tmp_path / "num.docx", body, parts={"word/numbering.xml": NUMBERING}))
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [x.numbering for x in paras] == ["I.", "I.1.", "a)", "b)", "I.2.", "•", "II."]
    assert units_text(doc)[1] == "I.1. Nông nghiệp"
    assert units_text(doc)[5] == "• Gạch đầu dòng"  # a Word bullet is a bullet line for the rules


def test_word_bullets_on_normal_paragraphs_are_list_items(tmp_path):
    """Bullets from direct numbering (numPr on a Normal paragraph, no dash typed) are items of the
    list they follow: the count before them is checked against them, and findings point at the
    user's characters (the "•" label is not part of the paragraph)."""
    from checker.api import check_file
    from checker.ruleset import load_rules

    rules = load_rules()

    intro = p("Đến nay có 03 xã đạt chuẩn nông thôn mới nâng cao, gồm:")
    body = intro + numbered("Xã Phú Thọ;", 2, 0) + numbered("Xã Phú Lộc.", 2, 0)
    path = write_docx(tmp_path / "bullets.docx", body, parts={"word/numbering.xml": NUMBERING})
    found = [f for f in check_file(path, rules).findings if f.rule == "SO010"]
    assert len(found) == 1 and found[0].excerpt == "03 xã"
    body = intro + numbered("Xã Phú Thọ;", 2, 0) + numbered("Xã Phú Lộc;", 2, 0) + numbered("Xã Phú An.", 2, 0)
    path = write_docx(tmp_path / "bullets_ok.docx", body, parts={"word/numbering.xml": NUMBERING})
    assert not [f for f in check_file(path, rules).findings if f.rule.startswith(("SO", "CT"))]


def test_nested_tables_in_document_order(tmp_path):
    inner = table([["x1", "x2"], ["y1", "y2"]])
    body = (p("Trước bảng")
            + "<w:tbl><w:tr>" + cell(p("ngoài A") + inner) + cell(p("ngoài B")) + "</w:tr></w:tbl>"
            + p("Sau bảng"))
    doc = read_document(write_docx(tmp_path / "nested.docx", body))
    assert units_text(doc) == ["Trước bảng", "ngoài A", "x1", "x2", "y1", "y2", "ngoài B", "Sau bảng"]
    outer = doc.blocks[1]
    assert isinstance(outer, Table) and len(outer.rows[0].cells[0].tables) == 1
    assert [u.index for u in doc.units()] == list(range(8))


def test_headings_from_styles(tmp_path):
    d = python_docx.Document()
    d.add_heading("Kết quả thực hiện", level=1)
    d.add_paragraph("Nội dung.")
    d.save(tmp_path / "hd.docx")
    doc = read_document(tmp_path / "hd.docx")
    first = doc.blocks[0]
    assert first.heading_level == 1 and first.text == "Kết quả thực hiện"


def test_offsets_map_back_to_decomposed_text(tmp_path):
    nfd = "Ho\u0302\u0323i nghi\u0323 đạt 91,3%"  # "Hội nghị" typed decomposed
    doc = read_document(write_docx(tmp_path / "nfd.docx", p(nfd)))
    unit = doc.units()[0]
    i = unit.ntext.index("91,3%")
    loc = unit.location(i, i + 5)
    assert unit.text[loc.start:loc.end] == "91,3%"


# --- text ---------------------------------------------------------------------------------------

TEXT = "Báo cáo kết quả\nTT\tNội dung\tKết quả\n1\tSố hộ\t120\n\nĐoạn cuối.\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),
    TEXT.encode("utf-16-le"),
    TEXT.replace("\n", "\r\n").encode("utf-8"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16-le-no-bom", "crlf"])
def test_text_encodings_and_tab_rows(tmp_path, data):
    f = tmp_path / "bc.txt"
    f.write_bytes(data)
    doc = read_document(f)
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].text == "Báo cáo kết quả"
    t = doc.blocks[1]
    assert isinstance(t, Table) and len(t.rows) == 2 and t.header_rows == 1
    assert [c.text for c in t.rows[1].cells] == ["1", "Số hộ", "120"]
    assert doc.blocks[2].text == "Đoạn cuối." and doc.blocks[2].line == 5
    unit = [u for u in doc.units() if u.text == "120"][0]
    assert unit.column_title == "Kết quả"


def test_markdown_headings(tmp_path):
    f = tmp_path / "bc.md"
    f.write_text("# Phần I\n\nNội dung\n## 1. Mục\n", encoding="utf-8")
    doc = read_document(f)
    assert [(b.text, b.heading_level) for b in doc.blocks] == [("Phần I", 1), ("Nội dung", None), ("1. Mục", 2)]
