"""Bad input: one clear line on stderr (Vietnamese + English reason), exit 2, no traceback.

Most cases call ``checker.cli.main`` in-process (fast); ``test_real_process_*`` run
``python -m checker`` in a subprocess to prove no traceback ever reaches the user.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from _rawdocx import (cell, docx_bytes, encrypted_docx_bytes, lie_about_size, ole_container, p, table,
                      write_docx)
from checker.cli import main
from checker.readers import ReadError, ZipLimits, read_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LEGACY_DOC = next(iter(sorted(CORPUS.glob("029_*.doc"))), None) if CORPUS.is_dir() else None

GOOD_TEXT = "Các hộ dân được được hỗ trợ kịp thời.\n"


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    rc = main(["check", "--no-config", "--no-progress", "--format", "json", *map(str, args)])
    out, err = capsys.readouterr()
    return rc, out, err


def assert_one_clear_line(rc: int, err: str, path: Path | str, *words: str) -> str:
    assert rc == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    line = lines[0]
    assert str(path) in line
    assert "(" in line and ")" in line  # the English reason in parentheses
    for word in words:
        assert word.lower() in line.lower(), line
    return line


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: precomposed base letter + combining tone."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", d[0] + "".join(m for m in d[1:] if m not in tones))
        out += base.encode("cp1258") + "".join(m for m in d[1:] if m in tones).encode("cp1258")
    return bytes(out)


VIET = ("Báo cáo kết quả thực hiện Nghị quyết số 06 năm 2021 của Ủy ban nhân dân xã. "
        "Đường giao thông nông thôn được đầu tư 3.425ha/3.750ha, đạt 91,3% kế hoạch.\n")


# --- paths -------------------------------------------------------------------------------------

def test_missing_path(capsys, tmp_path):
    missing = tmp_path / "khong_co.docx"
    rc, out, err = run_cli(capsys, missing)
    assert_one_clear_line(rc, err, missing, "file not found")
    assert json.loads(out)["files"][0]["error"]


def test_folder_with_no_reports(capsys, tmp_path):
    (tmp_path / "anh.png").write_bytes(b"\x89PNG")
    rc, out, err = run_cli(capsys, tmp_path)
    assert_one_clear_line(rc, err, tmp_path, "no reports")


def test_empty_file(capsys, tmp_path):
    for name in ("rong.txt", "rong.docx"):
        f = tmp_path / name
        f.write_bytes(b"")
        rc, _, err = run_cli(capsys, f)
        assert_one_clear_line(rc, err, f, "empty file")


# --- text encodings ----------------------------------------------------------------------------

@pytest.mark.parametrize("encoding,bom", [("utf-16", True), ("utf-16-le", False), ("utf-16-be", False)])
def test_utf16_text_is_read(tmp_path, encoding, bom):
    f = tmp_path / "bao_cao.txt"
    f.write_bytes(VIET.encode(encoding))  # "utf-16" writes a BOM, -le/-be do not
    assert f.read_bytes()[:2] in ((b"\xff\xfe", b"\xfe\xff") if bom else (b"B\x00", b"\x00B"))
    doc = read_document(f)
    assert doc.units()[0].text == VIET.strip()


def test_utf16_text_is_checked_through_the_cli(capsys, tmp_path):
    f = tmp_path / "bao_cao.txt"
    f.write_bytes(GOOD_TEXT.encode("utf-16"))
    rc, out, err = run_cli(capsys, f)
    assert rc == 1 and not err.strip()
    assert any(x["excerpt"] for x in json.loads(out)["files"][0]["findings"])


def test_windows_1258_text_is_refused_with_a_hint(capsys, tmp_path):
    f = tmp_path / "cp1258.txt"
    f.write_bytes(to_cp1258(VIET))
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "Windows-1258", "UTF-8")


# Legacy font text saved as bytes: TCVN3 (.VnTime, "ABC") and VNI-Windows.
TCVN3_BYTES = ("B\xb8o c\xb8o k\xd5t qu\xb6 th\xf1c hi\xd6n Ngh\xdf quy\xd5t s\xe8 06 n\xa8m 2021 "
               "c\xf1a \xf1y ban nh\xa9n d\xa9n x\xb7.\n").encode("latin-1")
VNI_BYTES = "Baùo caùo keát quaû thöïc hieän Nghò quyeát soá 06 naêm 2021 cuûa UÛy ban nhaân daân xaõ.\n".encode(
    "cp1252")


@pytest.mark.parametrize("name,data", [("TCVN3", TCVN3_BYTES), ("VNI", VNI_BYTES)])
def test_undecodable_legacy_font_text_is_refused_with_a_hint(capsys, tmp_path, name, data):
    f = tmp_path / f"{name}.txt"
    f.write_bytes(data)
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, name, "Unicode")


def test_legacy_font_text_saved_as_utf8_is_read_and_never_crashes(capsys, tmp_path):
    """Decodable (mojibake as Unicode): the reader reads it; the language rules may flag it."""
    f = tmp_path / "tcvn3_utf8.txt"
    f.write_text(TCVN3_BYTES.decode("latin-1"), encoding="utf-8")
    rc, out, err = run_cli(capsys, f)
    assert rc in (0, 1) and "Traceback" not in err
    assert json.loads(out)["files"][0]["error"] is None


def test_binary_text_file(capsys, tmp_path):
    f = tmp_path / "nhi_phan.txt"
    f.write_bytes(bytes(range(256)) * 8)
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "binary")


# --- broken .docx ------------------------------------------------------------------------------

def test_random_bytes_named_docx(capsys, tmp_path):
    f = tmp_path / "ngau_nhien.docx"
    f.write_bytes(os.urandom(4096).replace(b"PK", b"pk"))
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "not a zip")


def test_truncated_zip(capsys, tmp_path):
    data = docx_bytes(p("Báo cáo tổng kết năm 2021.") * 200)
    for cut in (len(data) // 2, len(data) - 30, 40):
        f = tmp_path / f"cut_{cut}.docx"
        f.write_bytes(data[:cut])
        rc, _, err = run_cli(capsys, f)
        assert_one_clear_line(rc, err, f, ".docx")


def test_corrupt_deflate_stream(capsys, tmp_path):
    """Directory intact, compressed bytes damaged: a CRC / zlib error becomes one line."""
    data = bytearray(docx_bytes(p("Báo cáo tổng kết năm 2021, đạt 91,3%.") * 300))
    start = data.find(b"word/document.xml") + len("word/document.xml") + 20
    for i in range(start, start + 200):
        data[i] ^= 0x5A
    f = tmp_path / "hong.docx"
    f.write_bytes(bytes(data))
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "docx")


def test_zip_without_document_xml(capsys, tmp_path):
    f = tmp_path / "zip_le.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("readme.txt", "không phải Word")
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "word/document.xml")


def test_xlsx_renamed_docx(capsys, tmp_path):
    f = tmp_path / "bang_tinh.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "xlsx")


def test_malformed_document_xml(capsys, tmp_path):
    f = write_docx(tmp_path / "xml_hong.docx", document="<w:document><w:body><w:p>")
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "malformed XML")


def test_password_protected_docx(capsys, tmp_path):
    f = tmp_path / "mat_khau.docx"
    f.write_bytes(encrypted_docx_bytes())
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "mật khẩu", "password")


def test_ole_container_that_is_not_word(capsys, tmp_path):
    f = tmp_path / "bang_tinh_cu.doc"
    f.write_bytes(ole_container({"Workbook": b"\x09\x08" * 100}))
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "Excel", "not a Word file")


def test_legacy_doc_without_libreoffice_says_how(capsys, tmp_path, monkeypatch):
    import checker.readers as readers

    monkeypatch.setattr(readers.shutil, "which", lambda name: None)
    f = tmp_path / "cu.doc"
    if LEGACY_DOC is not None:
        f.write_bytes(LEGACY_DOC.read_bytes())
    else:
        f.write_bytes(ole_container({"WordDocument": b"\xec\xa5" + b"\0" * 1000}))
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, ".docx", "LibreOffice")


@pytest.mark.skipif(LEGACY_DOC is None or not (__import__("shutil").which("soffice")
                                              or __import__("shutil").which("libreoffice")),
                    reason="needs LibreOffice and the corpus .doc")
def test_legacy_doc_is_converted_when_libreoffice_is_installed(tmp_path):  # pragma: no cover
    before = sha(LEGACY_DOC)
    doc = read_document(LEGACY_DOC)
    assert len(doc.units()) > 10
    assert sha(LEGACY_DOC) == before


def test_rtf_named_doc(capsys, tmp_path):
    f = tmp_path / "rtf.doc"
    f.write_bytes(b"{\\rtf1\\ansi B\\'e1o c\\'e1o}")
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "RTF", ".docx")


# --- hostile .docx ------------------------------------------------------------------------------

def test_decompression_bomb_refused_from_the_directory(capsys, tmp_path):
    """document.xml claims ~3.75 GB inflated: refused before inflating (the real stream is small,
    so a refusal from the directory is the only way to get the 'limit' message)."""
    body = p("Báo cáo.") + "<w:p>" + " " * 2_000_000 + "</w:p>"
    data = lie_about_size(docx_bytes(body), "word/document.xml", 0xF000_0000)
    f = tmp_path / "bom.docx"
    f.write_bytes(data)
    assert f.stat().st_size < 100_000
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "limit")


def test_decompression_bomb_refused_by_ratio(capsys, tmp_path):
    """A genuine bomb: 64 MB of XML whitespace deflates to ~64 KB (ratio ~1000); streamed, never held."""
    f = tmp_path / "bom_that.docx"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as fh:
            fh.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                     b"<w:body><w:p><w:r><w:t>")
            chunk = b" " * (1 << 20)
            for _ in range(64):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    assert f.stat().st_size < 1_000_000
    rc, _, err = run_cli(capsys, f)
    line = assert_one_clear_line(rc, err, f, "bomb")
    assert "ratio" in line


def test_zip_limits_are_configurable(tmp_path, monkeypatch):
    f = write_docx(tmp_path / "vua.docx", p("Nội dung " * 300_000))  # ~2.7 MB of XML
    read_document(f)  # fine under the defaults
    with pytest.raises(ReadError, match="limit"):
        read_document(f, ZipLimits(max_part_bytes=1_000_000))
    monkeypatch.setenv("RASOAT_MAX_UNZIPPED_MB", "1")
    with pytest.raises(ReadError, match="RASOAT_MAX_UNZIPPED_MB"):
        read_document(f)


SECRET = "BI-MAT-KHONG-DUOC-LO-7f3a"


def test_xxe_is_never_resolved(capsys, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    prolog = (f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
              '<!ENTITY net SYSTEM "http://127.0.0.1:9/leak">]>')
    f = write_docx(tmp_path / "xxe.docx", '<w:p><w:r><w:t>Trước &xxe; &net; sau</w:t></w:r></w:p>',
                   prolog=prolog)
    rc, out, err = run_cli(capsys, f)
    assert SECRET not in out and SECRET not in err
    assert_one_clear_line(rc, err, f, "DOCTYPE")
    # the text format too
    rc = main(["check", "--no-config", "--no-progress", str(f)])
    out, err = capsys.readouterr()
    assert rc == 2 and SECRET not in out + err


def test_billion_laughs_is_refused_quickly(capsys, tmp_path):
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    prolog = "<!DOCTYPE w:document [" + "".join(ents) + "]>"
    f = write_docx(tmp_path / "lol.docx", "<w:p><w:r><w:t>A &lol9; B</w:t></w:r></w:p>", prolog=prolog)
    rc, out, err = run_cli(capsys, f)
    assert "lollol" not in out
    assert_one_clear_line(rc, err, f, "entity")


def test_dtd_in_styles_part_is_refused_too(tmp_path):
    styles = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><w:styles '
              'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    f = write_docx(tmp_path / "styles.docx", p("Báo cáo."), parts={"word/styles.xml": styles})
    with pytest.raises(ReadError, match="DOCTYPE"):
        read_document(f)


# --- big but legitimate -------------------------------------------------------------------------

def test_one_megabyte_paragraph(capsys, tmp_path):
    prose = ("Ủy ban nhân dân xã tiếp tục chỉ đạo các thôn, bản tuyên truyền, vận động nhân dân thực hiện "
             "tốt các chủ trương của Đảng, chính sách, pháp luật của Nhà nước trên địa bàn. ") * 8
    sentence = prose + "Xã đã hỗ trợ 15/17 hộ, đạt 88,2% kế hoạch năm 2021. "
    text = sentence * (1_000_000 // len(sentence))  # one paragraph, ~1 MB, a figure every ~1.5 KB
    f = write_docx(tmp_path / "dai.docx", p(text))
    doc = read_document(f)
    assert doc.units()[0].text == text
    rc, out, err = run_cli(capsys, f)
    assert rc in (0, 1) and "Traceback" not in err and json.loads(out)["files"][0]["error"] is None


def test_table_of_ten_thousand_rows(capsys, tmp_path):
    rows = [["TT", "Đơn vị", "Số hộ", "Tỷ lệ"]] + [[str(i), f"Thôn {i}", f"{i % 97 + 1}", "50%"]
                                                  for i in range(1, 10_001)]
    f = write_docx(tmp_path / "bang.docx", p("Bảng tổng hợp") + table(rows, header=True))
    doc = read_document(f)
    assert len(doc.tables[0].rows) == 10_001 and doc.tables[0].header_rows == 1
    rc, out, err = run_cli(capsys, f)
    assert rc in (0, 1) and "Traceback" not in err and json.loads(out)["files"][0]["error"] is None


def test_deeply_nested_tables(capsys, tmp_path):
    inner = p("lõi: 1 + 2 = 3")
    for level in range(300):
        inner = "<w:tbl><w:tr>" + cell(p(f"mức {level}") + inner) + "</w:tr></w:tbl><w:p/>"
    f = write_docx(tmp_path / "long_nhau.docx", inner)
    doc = read_document(f)
    assert len(doc.units()) == 601
    rc, out, err = run_cli(capsys, f)
    assert rc in (0, 1) and "Traceback" not in err


def test_absurdly_nested_tables_are_one_clear_line(capsys, tmp_path):
    inner = p("lõi")
    for _ in range(1000):
        inner = "<w:tbl><w:tr>" + cell(inner) + "</w:tr></w:tbl>"
    f = write_docx(tmp_path / "qua_sau.docx", inner)
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "nested too deeply")


# --- batches, inputs untouched, no traceback ----------------------------------------------------

def test_batch_bad_file_gets_its_error_and_the_others_are_checked(capsys, tmp_path):
    good = tmp_path / "a_tot.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    bad = tmp_path / "b_hong.docx"
    bad.write_bytes(b"khong phai zip")
    also_good = write_docx(tmp_path / "c_tot.docx", p(GOOD_TEXT.strip()))
    hashes = {f: sha(f) for f in (good, bad, also_good)}
    rc, out, err = run_cli(capsys, tmp_path)
    assert rc == 2
    files = {Path(x["path"]).name: x for x in json.loads(out)["files"]}
    assert files["b_hong.docx"]["error"]
    assert files["a_tot.txt"]["error"] is None and files["a_tot.txt"]["findings"]
    assert files["c_tot.docx"]["error"] is None and files["c_tot.docx"]["findings"]
    assert_one_clear_line(rc, err, bad, "not a zip")
    assert {f: sha(f) for f in hashes} == hashes


def test_real_process_never_prints_a_traceback(tmp_path):
    bad = tmp_path / "ngau_nhien.docx"
    bad.write_bytes(b"\x00\x01garbage" * 100)
    enc = tmp_path / "mat_khau.docx"
    enc.write_bytes(encrypted_docx_bytes())
    missing = tmp_path / "khong_co.txt"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for target in (bad, enc, missing):
        proc = subprocess.run([sys.executable, "-m", "checker", "check", "--no-config", str(target)],
                              capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
        lines = [x for x in proc.stderr.splitlines() if x.strip()]
        assert len(lines) == 1 and str(target) in lines[0]


def test_debug_shows_the_traceback_of_an_internal_reader_error(tmp_path, monkeypatch, capsys):
    """Without --debug an unexpected reader crash is one line; with --debug it propagates."""
    import checker.api as api

    def boom(path, limits=None):
        raise RuntimeError("lỗi giả lập")

    monkeypatch.setattr(api, "read_document", boom)
    f = tmp_path / "x.txt"
    f.write_text("Báo cáo.", encoding="utf-8")
    rc, _, err = run_cli(capsys, f)
    assert_one_clear_line(rc, err, f, "RuntimeError")
    with pytest.raises(RuntimeError):
        main(["check", "--no-config", "--no-progress", "--debug", str(f)])


def test_inputs_are_byte_identical_after_every_command(capsys, tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text(GOOD_TEXT, encoding="utf-8")
    dx = write_docx(tmp_path / "b.docx", p(GOOD_TEXT.strip()) + table([["TT", "Kết quả"], ["1", "15/17 xã, đạt 91%"]]))
    hashes = {f: sha(f) for f in (txt, dx)}
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["check", "--no-config", "--no-progress", str(tmp_path)],
        ["check", "--no-config", "--format", "json", "-o", str(out / "r.json"), str(txt), str(dx)],
        ["check", "--no-config", "--no-progress", "--annotate", str(out / "b_ghichu.docx"), str(dx)],
        ["fix", "--no-config", str(dx), "-o", str(out / "b_sua.docx")],
        ["fix", "--no-config", str(txt), "-o", str(out / "a_sua.txt")],
    ]
    for argv in commands:
        rc = main(argv)
        capsys.readouterr()
        assert rc in (0, 1), argv
        assert {f: sha(f) for f in hashes} == hashes, argv
    # writing over an input is refused with one line, and the input is untouched
    for argv in (["fix", "--no-config", str(dx), "-o", str(dx)],
                 ["check", "--no-config", "--format", "json", "-o", str(txt), str(txt)]):
        rc = main(argv)
        _, err = capsys.readouterr()
        assert rc == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
        assert {f: sha(f) for f in hashes} == hashes, argv
    assert not [f for f in out.iterdir() if f.name.endswith(".tmp")]  # no temp file left behind
