"""rasoat fix: only safe fixes into a copy, each listed; never a figure; never the input."""

from __future__ import annotations

import unicodedata

import docx

from checker.cli import main
from checker.fixes import doubled_cut
from checker.readers import read_document
from _docmaker import SO001_TEXT, make_docx


def test_docx_doubled_words_and_nfc_fixed_in_a_copy(tmp_path, capsys):
    nfd = unicodedata.normalize("NFD", "Hội nghị hoà giải thành công")
    src = make_docx(tmp_path / "bc.docx", [
        [("Các hộ dân được ", {"bold": True}), "được hỗ trợ kịp thời."],
        nfd,
        SO001_TEXT,
        {"table": [["TT", "Kết quả"], ["1", "kịp thời hỗ trợ hỗ trợ nhân dân"]]},
    ])
    before = src.read_bytes()
    out = tmp_path / "da_sua.docx"
    assert main(["fix", str(src), "-o", str(out), "--no-config"]) == 0
    listing = capsys.readouterr().out
    assert "“được được” → “được”" in listing
    assert "“hỗ trợ hỗ trợ” → “hỗ trợ”" in listing
    assert "NFC" in listing and "Đoạn 2" in listing
    assert src.read_bytes() == before
    texts = [u.text for u in read_document(out).units()]
    assert texts[0] == "Các hộ dân được hỗ trợ kịp thời."
    assert texts[1] == "Hội nghị hoà giải thành công" and unicodedata.is_normalized("NFC", texts[1])
    assert texts[2] == SO001_TEXT  # a wrong percentage is never "fixed"
    assert "kịp thời hỗ trợ nhân dân" in texts
    d = docx.Document(str(out))
    assert d.paragraphs[0].runs[0].bold is True  # formatting kept


def test_text_file_fix(tmp_path, capsys):
    src = tmp_path / "bc.txt"
    src.write_text("  Các hộ dân được được hỗ trợ.\r\nTT\tKết quả\r\n1\tthực hiện trong trong năm\r\n"
                   + unicodedata.normalize("NFD", "Hoà giải") + "\r\n", encoding="utf-8")
    out = tmp_path / "sua.txt"
    assert main(["fix", str(src), "-o", str(out), "--no-config"]) == 0
    assert out.read_bytes().decode("utf-8") == ("  Các hộ dân được hỗ trợ.\r\nTT\tKết quả\r\n"
                                                 "1\tthực hiện trong năm\r\nHoà giải\r\n")
    assert "Dòng 4" in capsys.readouterr().out


def test_figures_are_never_touched():
    assert doubled_cut("được được") == len("được")
    assert doubled_cut("hỗ trợ hỗ trợ") == len("hỗ trợ")
    assert doubled_cut("2021 2021") is None
    assert doubled_cut("15 xã 15 xã") is None
    assert doubled_cut("được được được") is None


def test_suppressed_doubled_word_is_left_alone(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Tên riêng Ba Ba được giữ nguyên. rasoat: bỏ qua NN001\nđược được\n", encoding="utf-8")
    out = tmp_path / "b.txt"
    assert main(["fix", str(src), "-o", str(out), "--no-config"]) == 0
    assert out.read_text(encoding="utf-8") == "Tên riêng Ba Ba được giữ nguyên. rasoat: bỏ qua NN001\nđược\n"


def test_fix_refuses_to_overwrite_input_and_reports_unreadable(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("được được\n", encoding="utf-8")
    assert main(["fix", str(src), "-o", str(src)]) == 2
    assert src.read_text(encoding="utf-8") == "được được\n"
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"junk")
    assert main(["fix", str(bad), "-o", str(tmp_path / "y.docx")]) == 2
    assert not (tmp_path / "y.docx").exists()
    assert "Traceback" not in capsys.readouterr().err


def test_nothing_to_fix_still_writes_an_identical_copy(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Hội nghị diễn ra đúng kế hoạch.\n", encoding="utf-8")
    out = tmp_path / "b.txt"
    assert main(["fix", str(src), "-o", str(out)]) == 0
    assert out.read_bytes() == src.read_bytes()
    assert "Không có gì cần sửa" in capsys.readouterr().out


HOUSE_STYLE_TEXT = (
    "Công tác hòa giải ở cơ sở được duy trì; thủy lợi nội đồng được tu sửa.\n"
    "Các xã tổ chức hòa giải thành 12 vụ, bảo đảm tiến độ thủy lợi vụ mùa.\n"
    "Ban Chỉ đạo phòng, chống ma túy họp định kỳ; tiếp tục xóa nhà tạm.\n"
    "Đẩy mạnh chuyển đổi số, số hoá hồ sơ; Uỷ ban nhân dân xã chỉ đạo hòa giải.\n"
)


def test_tone_style_moved_to_the_documents_majority(tmp_path, capsys):
    src = tmp_path / "bc.txt"
    src.write_text(HOUSE_STYLE_TEXT, encoding="utf-8")
    out = tmp_path / "sua.txt"
    assert main(["fix", str(src), "-o", str(out), "--no-config"]) == 0
    fixed = out.read_text(encoding="utf-8")
    assert "số hóa hồ sơ; Ủy ban nhân dân" in fixed
    assert fixed.replace("số hóa", "số hoá").replace("Ủy ban", "Uỷ ban") == HOUSE_STYLE_TEXT  # nothing else
    listing = capsys.readouterr().out
    assert "“hoá” → “hóa”" in listing and "“Uỷ” → “Ủy”" in listing and "NN005" in listing


def test_no_clear_house_style_means_no_tone_change(tmp_path):
    src = tmp_path / "bc.txt"
    text = "Công tác hòa giải được duy trì.\nHoà giải thành 12 vụ.\n"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "sua.txt"
    assert main(["fix", str(src), "-o", str(out), "--no-config"]) == 0
    assert out.read_text(encoding="utf-8") == text


def test_tone_style_fixed_in_docx_runs(tmp_path):
    src = make_docx(tmp_path / "bc.docx", HOUSE_STYLE_TEXT.splitlines()
                    + [{"table": [["TT", "Kết quả"], ["1", "Đã số hoá 120 hồ sơ"]]}])
    out = tmp_path / "da_sua.docx"
    assert main(["fix", str(src), "-o", str(out), "--no-config"]) == 0
    texts = [u.text for u in read_document(out).units()]
    assert texts[3].startswith("Đẩy mạnh chuyển đổi số, số hóa hồ sơ; Ủy ban")
    assert "Đã số hóa 120 hồ sơ" in texts
