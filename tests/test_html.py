"""HTML report: structure always; behaviour in headless Chromium when it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from checker.cli import main
from _docmaker import NN001_TEXT, SO001_TEXT, make_docx

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def page(tmp_path) -> Path:
    src_txt = tmp_path / "a.txt"
    src_txt.write_text(f"Tiêu đề <b>không phải thẻ</b>\n{SO001_TEXT}\n{NN001_TEXT}\n", encoding="utf-8")
    src_docx = make_docx(tmp_path / "b.docx", ["Mở đầu", {"table": [["TT", "Kết quả"], ["1", SO001_TEXT]]}])
    out = tmp_path / "report.html"
    assert main(["check", "--no-config", "--select", "SO001,NN001", "--format", "html", "-o", str(out), str(src_txt),
                 str(src_docx)]) == 1
    return out


def test_structure_highlights_in_place_and_filters(page):
    tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    marks = tree.xpath("//mark[@data-findings]")
    assert sorted(m.text_content() for m in marks) == ["92,3%", "92,3%", "được được"]
    items = tree.xpath("//li[@class='finding']")
    assert {(li.get("data-rule"), li.get("data-severity")) for li in items} == {("SO001", "error"),
                                                                                ("NN001", "warning")}
    for m in marks:  # every highlight points at a listed finding
        for fid in m.get("data-findings").split():
            assert tree.xpath(f"//li[@id='{fid}']")
    # the highlighted excerpt sits inside its own paragraph text, in place
    para = marks[0].getparent()
    assert "3.425ha/3.750ha" in para.text_content()
    # the table is rendered as a table with the highlight in its cell
    assert tree.xpath("//table//td//mark[text()='92,3%']")
    # filters: one box per severity and per rule found
    assert sorted(tree.xpath("//input[@data-kind='severity']/@value")) == ["error", "info", "warning"]
    assert sorted(tree.xpath("//input[@data-kind='rule']/@value")) == ["NN001", "SO001"]
    # user text is escaped, not interpreted
    assert not tree.xpath("//section//b[text()='không phải thẻ']")
    assert "<b>không phải thẻ</b>" in tree.xpath("//div[@class='doc']")[0].text_content()


def test_self_contained(page):
    text = page.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(text)
    assert not tree.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe")
    assert "http://" not in text and "https://" not in text


def test_unreadable_and_clean_files_are_shown(tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"nope")
    clean = tmp_path / "sach.txt"
    clean.write_text("Hội nghị diễn ra đúng kế hoạch.\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["check", "--no-config", "--select", "SO001,NN001", "--format", "html", "-o", str(out), str(bad),
                 str(clean)]) == 2
    tree = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    assert tree.xpath("//p[@class='err']") and tree.xpath("//p[@class='clean']")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed: browser test of the HTML "
                                                         "report skipped (structure is tested above)")
def test_filter_in_headless_chromium(page, tmp_path):
    def dom(fragment: str) -> lxml.html.HtmlElement:
        proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                               f"{page.as_uri()}{fragment}"], capture_output=True, text=True, timeout=120,
                              env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
        assert proc.returncode == 0, proc.stderr[-2000:]
        return lxml.html.fromstring(proc.stdout)

    everything = dom("")
    assert everything.xpath("//span[@id='shown']")[0].text == "3"
    assert len(everything.xpath("//mark[contains(@class,'on')]")) == 3
    only_errors = dom("#severity=error")
    assert only_errors.xpath("//span[@id='shown']")[0].text == "2"
    hidden = only_errors.xpath("//li[contains(@class,'hidden')]/@data-rule")
    assert hidden == ["NN001"]
    assert sorted(m.text_content() for m in only_errors.xpath("//mark[contains(@class,'on')]")) == ["92,3%", "92,3%"]
    only_nn = dom("#rule=NN001")
    assert [m.text_content() for m in only_nn.xpath("//mark[contains(@class,'on')]")] == ["được được"]
