"""Annotated .docx copy: reopen it and check every comment's anchored text and content."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from checker.cli import main
from checker.readers import read_document
from _docmaker import NN001_TEXT, SO001_TEXT, make_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ONLY = "SO001,NN001,RS100"  # the fixtures' slips; other rule families are tested elsewhere


def anchors(path: Path) -> dict[str, str]:
    """comment id -> the text between its commentRangeStart and commentRangeEnd."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    open_ids: set[str] = set()
    out: dict[str, str] = {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            out.setdefault(el.get(W + "id"), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag == W + "t" and el.text:
            for cid in open_ids:
                out[cid] += el.text
    return out


def comments(path: Path) -> dict[str, tuple[str, str]]:
    d = docx.Document(str(path))
    return {str(c.comment_id): (c.author, c.text) for c in d.comments}


def annotate(tmp_path, src, out=None, *extra) -> Path:
    out = out or tmp_path / "ghichu.docx"
    code = main(["check", "--no-config", "--select", ONLY, "--format", "json", str(src), "--annotate", str(out),
                 *extra])
    assert code == 1
    return out


def test_comment_covers_exactly_the_excerpt_and_split_runs_keep_formatting(tmp_path, capsys):
    src = make_docx(tmp_path / "bc.docx", [
        ["Nhân dân đã gieo cấy ", ("lúa vụ mùa được 3.425ha/3.750ha, đạt 9", {"bold": True}), "2,3% KH."],
        NN001_TEXT,
    ])
    before = src.read_bytes()
    out = annotate(tmp_path, src)
    assert src.read_bytes() == before  # the original is never modified
    found = anchors(out)
    notes = comments(out)
    assert sorted(found.values()) == ["92,3%", "được được"]
    for cid, (author, text) in notes.items():
        assert author == "rasoat"
        if found[cid] == "92,3%":
            assert "[SO001]" in text and "3.425 / 3.750" in text and "Gợi ý:" in text and "91,3%" in text
    # formatting kept: the split "9" is still bold, the rest of the run too; text unchanged
    d = docx.Document(str(out))
    p = d.paragraphs[0]
    assert p.text == "Nhân dân đã gieo cấy lúa vụ mùa được 3.425ha/3.750ha, đạt 92,3% KH."
    bold = "".join(r.text for r in p.runs if r.bold)
    assert bold == "lúa vụ mùa được 3.425ha/3.750ha, đạt 9"
    assert [u.text for u in read_document(out).units()] == [u.text for u in read_document(src).units()]


def test_table_cells_and_numbered_paragraphs(tmp_path, capsys):
    d = docx.Document()
    d.add_paragraph("Mục lục", style="List Number")
    d.add_paragraph(SO001_TEXT, style="List Number")  # Word numbering "2." is prefixed by the reader
    table = d.add_table(rows=2, cols=3)
    for c, t in enumerate(["TT", "Nội dung", "Kết quả"]):
        table.cell(0, c).text = t
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Hỗ trợ"
    table.cell(1, 2).text = "Ghi chú đầu"
    table.cell(1, 2).add_paragraph(NN001_TEXT)
    src = tmp_path / "bang.docx"
    d.save(src)
    assert read_document(src).units()[1].text.startswith("2. ")
    out = annotate(tmp_path, src)
    assert sorted(anchors(out).values()) == ["92,3%", "được được"]


def test_decomposed_unicode_is_anchored_on_the_users_characters(tmp_path, capsys):
    text = unicodedata.normalize("NFD", NN001_TEXT)
    src = make_docx(tmp_path / "nfd.docx", [text])
    out = annotate(tmp_path, src)
    (anchored,) = anchors(out).values()
    assert anchored == unicodedata.normalize("NFD", "được được")


def test_refuses_to_overwrite_the_input(tmp_path, capsys):
    src = make_docx(tmp_path / "bc.docx", [SO001_TEXT])
    before = src.read_bytes()
    code = main(["check", "--no-config", str(src), "--annotate", str(src)])
    assert code == 2
    assert "không ghi đè" in capsys.readouterr().err
    assert src.read_bytes() == before


def test_several_inputs_write_into_a_directory(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    make_docx(tmp_path / "in" / "a.docx", [SO001_TEXT])
    make_docx(tmp_path / "in" / "b.docx", [NN001_TEXT])
    (tmp_path / "in" / "c.txt").write_text(SO001_TEXT, encoding="utf-8")
    outdir = tmp_path / "out"
    code = main(["check", "--no-config", "--select", ONLY, "--format", "json", str(tmp_path / "in"),
                 "--annotate", str(outdir)])
    assert code == 1
    assert sorted(p.name for p in outdir.iterdir()) == ["a.docx", "b.docx"]
    assert list(anchors(outdir / "a.docx").values()) == ["92,3%"]
    assert list(anchors(outdir / "b.docx").values()) == ["được được"]
    assert not [p for p in outdir.iterdir() if p.name.endswith(".tmp")]


def test_several_inputs_need_a_directory(tmp_path, capsys):
    a = make_docx(tmp_path / "a.docx", [SO001_TEXT])
    b = make_docx(tmp_path / "b.docx", [NN001_TEXT])
    (tmp_path / "x.docx").write_bytes(b"")
    code = main(["check", "--no-config", str(a), str(b), "--annotate", str(tmp_path / "x.docx")])
    assert code == 2 and "thư mục" in capsys.readouterr().err


def test_text_input_cannot_be_annotated(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(SO001_TEXT, encoding="utf-8")
    assert main(["check", "--no-config", str(src), "--annotate", str(tmp_path / "o.docx")]) == 2
    assert ".docx" in capsys.readouterr().err


def test_existing_comments_are_kept(tmp_path, capsys):
    d = docx.Document()
    p = d.add_paragraph()
    r = p.add_run(SO001_TEXT)
    d.add_comment(r, text="Ý kiến của lãnh đạo", author="Trưởng phòng")
    src = tmp_path / "c.docx"
    d.save(src)
    out = annotate(tmp_path, src)
    authors = sorted(a for a, _ in comments(out).values())
    assert authors == ["Trưởng phòng", "rasoat"]
    assert sorted(anchors(out).values()) == ["92,3%", SO001_TEXT]


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice not installed: conversion check of the annotated copy skipped")
def test_libreoffice_converts_the_copy(tmp_path, capsys):
    src = make_docx(tmp_path / "bc.docx", [SO001_TEXT, {"table": [["1", NN001_TEXT]]}])
    out = annotate(tmp_path, src)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "--headless", "--convert-to", "txt", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert "92,3%" in (tmp_path / "ghichu.txt").read_text(encoding="utf-8", errors="replace")


def test_tracked_changes_insertions_anchor_and_deletions_are_skipped(tmp_path, capsys):
    """Text inside w:ins is read and can be anchored; w:del text is not counted."""
    from copy import deepcopy

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Nhân dân đã gieo cấy lúa vụ mùa được 3.425ha/3.750ha, đạt ")
    gone = p.add_run("93,1% ")
    p.add_run("92,3% KH.")
    # wrap "92,3% KH." in a tracked insertion, turn "93,1% " into a tracked deletion
    ins = etree.SubElement(p._p, W + "ins", {W + "id": "1", W + "author": "A", W + "date": "2026-01-01T00:00:00Z"})
    ins.append(p._p.findall(W + "r")[-1])
    dele = etree.Element(W + "del", {W + "id": "2", W + "author": "A", W + "date": "2026-01-01T00:00:00Z"})
    r = deepcopy(gone._r)
    t = r.find(W + "t")
    t.tag = W + "delText"
    dele.append(r)
    gone._r.addprevious(dele)
    p._p.remove(gone._r)
    src = tmp_path / "tracked.docx"
    d.save(src)
    assert read_document(src).units()[0].text == SO001_TEXT
    out = annotate(tmp_path, src)
    assert list(anchors(out).values()) == ["92,3%"]


def _docx_inputs():
    here = Path(__file__).resolve().parent.parent
    found = sorted((here / "samples").glob("*.docx")) + sorted((here.parent / "shared" / "corpus").glob("*.docx"))
    return found[:40]


@pytest.mark.parametrize("path", _docx_inputs() or [None], ids=lambda p: p.name if p else "none")
def test_unit_paragraphs_mirror_the_reader(path, tmp_path):
    """readers/comments.unit_paragraphs must walk the body exactly as DocxReader does."""
    from checker.readers.comments import unit_paragraphs
    from checker.readers.docx_reader import paragraph_text

    if path is None:
        d = docx.Document()
        d.add_paragraph("Mục", style="List Number")
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).merge(t.cell(1, 0)).text = "gộp"
        t.cell(0, 1).text = "a"
        t.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "lồng"
        path = tmp_path / "x.docx"
        d.save(path)
    units = read_document(path).units()
    word = docx.Document(str(path))
    elements = list(unit_paragraphs(word.element.body))
    assert len(elements) == len(units)
    for unit, p in zip(units, elements):
        body = unit.text[len(unit.numbering) + 1:] if unit.numbering else unit.text
        assert paragraph_text(p) == body
