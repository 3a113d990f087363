"""Cross-report findings (XB…) in every output, under suppression and configuration, with --jobs,
exit codes and the pytest plugin (issue 9). Small series built from the rules' own examples."""

from __future__ import annotations

import io
import json
import zipfile
from importlib.metadata import entry_points
from pathlib import Path

import docx
import jsonschema
import lxml.html
import pytest
from rich.console import Console

from checker.cli import main

pytest_plugins = ["pytester"]

FEB = ("BÁO CÁO\nKết quả thực hiện nhiệm vụ tháng 02/2026\n"
       "- Từ đầu năm 2026 đến nay, trên địa bàn tỉnh tiếp nhận 210.500 hồ sơ, đã giải quyết 190.300 hồ sơ.\n")
MAR = ("BÁO CÁO\nKết quả thực hiện nhiệm vụ tháng 3/2026\n"
       "- Từ đầu năm 2026 đến nay, trên địa bàn tỉnh tiếp nhận 339.133 hồ sơ, đã giải quyết 185.712 hồ sơ.\n")
MAR_OK = MAR.replace("185.712", "305.712")
FEB_SENTENCE = FEB.splitlines()[2]
MAR_SENTENCE = MAR.splitlines()[2]

JAN_TASKS = """BÁO CÁO
Kết quả thực hiện nhiệm vụ tháng 01 năm 2021
I. KẾT QUẢ
Các xã đã thực hiện chi trả xong trong tháng.
II. MỘT SỐ NHIỆM VỤ TRỌNG TÂM THÁNG 02
(1) Tổ chức sơ kết học kỳ I, triển khai phương hướng nhiệm vụ học kỳ II năm học 2020 - 2021.
(2) Tổ chức viếng nghĩa trang liệt sỹ; thăm, chúc Tết, tặng quà cho các gia đình chính sách người có công.
"""
FEB_RESULTS = """BÁO CÁO
Kết quả thực hiện nhiệm vụ tháng 02 năm 2021
I. KẾT QUẢ
Đã tổ chức viếng nghĩa trang liệt sỹ; thăm, chúc Tết, tặng quà cho các gia đình chính sách người có công.
"""
TASK_1 = JAN_TASKS.splitlines()[5]

SOURCE = """PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG
BÁO CÁO
Kết quả thực hiện nhiệm vụ tháng 6 năm 2021
- Tham mưu UBND huyện ban hành 03 văn bản chỉ đạo trong công tác quản lý đất đai.
"""
SUMMARY = """BÁO CÁO
Kết quả thực hiện các nội dung kết luận tháng 6 năm 2021
- Phòng Tài nguyên và môi trường: tham mưu UBND huyện ban hành 04 văn bản chỉ đạo trong công tác quản lý đất đai.
"""

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def series(tmp_path) -> Path:
    return _write(tmp_path / "chuoi", {"t02.txt": FEB, "t03.txt": MAR})


def run(capsys, *args, config: bool = False) -> tuple[int, str, str]:
    argv = ["check", *map(str, args)]
    if not config:
        argv.append("--no-config")
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def run_json(capsys, *args, config: bool = False) -> tuple[int, dict]:
    code, out, _ = run(capsys, *args, "--format", "json", config=config)
    return code, json.loads(out)


def by_name(data: dict) -> dict[str, list[dict]]:
    return {Path(f["path"]).name: f["findings"] for f in data["files"]}


# --- terminal ------------------------------------------------------------------------------------------

def test_terminal_shows_both_sentences_side_by_side(series):
    from checker.crossdoc import check_series_paths
    from checker.api import make_plan
    from checker.reporters.terminal import render_terminal

    results = check_series_paths([str(series)], make_plan(select=["XB"]))
    console = Console(file=io.StringIO(), width=400, no_color=True, color_system=None)
    render_terminal(results, console)
    lines = console.file.getvalue().splitlines()
    heads = [ln for ln in lines if "t03.txt — Dòng 3" in ln]
    assert len(heads) == 1 and heads[0].index("t03.txt — Dòng 3") < heads[0].index("t02.txt — Dòng 3")
    pair = [ln for ln in lines if MAR_SENTENCE in ln]
    assert len(pair) == 1 and FEB_SENTENCE in pair[0]  # the same line: side by side
    assert pair[0].index(MAR_SENTENCE) < pair[0].index(FEB_SENTENCE)
    assert any("khớp theo: “đã giải quyết”" in ln for ln in lines)


def test_terminal_text_output_to_a_file_keeps_both_places(series, tmp_path, capsys):
    out = tmp_path / "ketqua.txt"
    code, _, _ = run(capsys, "--series", series, "--select", "XB", "-o", out)
    text = out.read_text(encoding="utf-8")
    assert code == 1
    assert any("t03.txt — Dòng 3" in ln and "t02.txt — Dòng 3" in ln for ln in text.splitlines())
    assert "185.712" in text and "190.300" in text and "xem thêm" not in text


def test_terminal_task_without_a_matching_paragraph(tmp_path, capsys):
    folder = _write(tmp_path / "nv", {"t01.txt": JAN_TASKS, "t02.txt": FEB_RESULTS})
    code, data = run_json(capsys, "--series", folder, "--select", "XB004")
    found = by_name(data)["t01.txt"]
    assert code == 1 and [f["rule"] for f in found] == ["XB004"]
    assert found[0]["related_path"].endswith("t02.txt")
    code, out, _ = run(capsys, "--series", folder, "--select", "XB004")
    flat = " ".join(out.split())
    assert "không thấy đoạn nào tương ứng" in flat and "t02.txt" in flat and "độ trùng khớp cao nhất" in flat
    assert "t01.txt — Dòng 6" in out


# --- JSON / SARIF / HTML / annotated docx ------------------------------------------------------------------

def test_json_carries_the_second_location_and_file(series, capsys):
    code, data = run_json(capsys, "--series", series, "--select", "XB")
    f = by_name(data)["t03.txt"][0]
    assert code == 1 and f["rule"] == "XB001"
    assert Path(f["related"]["path"]).name == "t02.txt" == Path(f["related_path"]).name
    assert f["related"]["label"] == "t02.txt — Dòng 3" and f["related"]["line"] == 3
    assert f["evidence"]["other_sentence"] == FEB_SENTENCE and f["evidence"]["this_sentence"] == MAR_SENTENCE
    assert f["evidence"]["other_excerpt"] == "190.300 hồ sơ"
    assert FEB_SENTENCE[f["related"]["start"]:f["related"]["end"]] == "190.300 hồ sơ"
    single = [g for g in by_name(data)["t02.txt"]]
    assert single == []


def _validate(log: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(log)


def test_sarif_related_location_is_in_the_other_file(series, capsys):
    code, out, _ = run(capsys, "--series", series, "--select", "XB", "--format", "sarif")
    log = json.loads(out)
    _validate(log)
    run_ = log["runs"][0]
    uris = [a["location"]["uri"] for a in run_["artifacts"]]
    (res,) = run_["results"]
    assert res["ruleId"] == "XB001"
    assert uris[res["locations"][0]["physicalLocation"]["artifactLocation"]["index"]].endswith("t03.txt")
    rel = res["relatedLocations"][0]
    art = rel["physicalLocation"]["artifactLocation"]
    assert art["uri"].endswith("t02.txt") and uris[art["index"]] == art["uri"]
    region = rel["physicalLocation"]["region"]
    assert region["startLine"] == 3 and region["snippet"]["text"] == "190.300 hồ sơ"
    assert FEB_SENTENCE[region["startColumn"] - 1:region["endColumn"] - 1] == "190.300 hồ sơ"
    assert rel["logicalLocations"][0]["name"] == "t02.txt — Dòng 3"
    assert rel["message"]["text"] == "t02.txt — Dòng 3"
    assert rel["properties"]["sentence"] == FEB_SENTENCE


def test_sarif_task_without_matching_paragraph_and_docx_series_validate(tmp_path, capsys):
    folder = _write(tmp_path / "nv", {"t01.txt": JAN_TASKS, "t02.txt": FEB_RESULTS})
    _, out, _ = run(capsys, "--series", folder, "--select", "XB004", "--format", "sarif")
    log = json.loads(out)
    _validate(log)
    rel = log["runs"][0]["results"][0]["relatedLocations"][0]
    assert rel["physicalLocation"]["artifactLocation"]["uri"].endswith("t02.txt")
    assert "region" not in rel["physicalLocation"] and "không thấy" in rel["message"]["text"]

    docs = tmp_path / "docx"
    docs.mkdir()
    for name, text in (("a.docx", FEB), ("b.docx", MAR)):
        _docx(docs / name, text.splitlines())
    _, out, _ = run(capsys, "--series", docs, "--select", "XB", "--format", "sarif")
    log = json.loads(out)
    _validate(log)
    rel = log["runs"][0]["results"][0]["relatedLocations"][0]
    assert rel["physicalLocation"]["artifactLocation"]["uri"].endswith("a.docx")
    assert rel["physicalLocation"]["region"]["startLine"] == 3  # .docx: block number + 1


def test_html_pairs_the_sentences_and_links_to_the_other_report(series, tmp_path, capsys):
    out = tmp_path / "ketqua.html"
    code, _, _ = run(capsys, "--series", series, "--select", "XB", "--format", "html", "-o", out)
    assert code == 1
    tree = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    (li,) = tree.xpath("//li[@data-rule='XB001']")
    quotes = li.xpath(".//div[@class='pair']/blockquote")
    assert len(quotes) == 2
    assert MAR_SENTENCE in quotes[0].text_content() and FEB_SENTENCE in quotes[1].text_content()
    assert quotes[1].xpath(".//b")[0].text_content() == "190.300 hồ sơ"
    link = quotes[1].xpath(".//a/@href")[0]
    target = tree.xpath(f"//*[@id='{link[1:]}']")[0]
    assert target.text_content() == FEB_SENTENCE  # the other report's paragraph, on the same page
    assert "t02.txt" in target.xpath("ancestor::section/h2")[0].text_content()


def _docx(path: Path, paragraphs: list[str]) -> Path:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(path)
    return path


def test_annotated_copy_comment_quotes_the_other_report(tmp_path, capsys):
    docs = tmp_path / "bc"
    docs.mkdir()
    _docx(docs / "a.docx", FEB.splitlines())
    _docx(docs / "b.docx", MAR.splitlines())
    out = tmp_path / "ghichu"
    code, _, err = run(capsys, "--series", docs, "--select", "XB", "--annotate", out, "--format", "json")
    assert code == 1 and "b.docx" in err
    comments = [c.text for c in docx.Document(str(out / "b.docx")).comments]
    assert len(comments) == 1
    assert comments[0].startswith("[XB001]")
    assert f"Đối chiếu a.docx — Đoạn 3: “{FEB_SENTENCE}”" in comments[0].splitlines()
    assert not list(docx.Document(str(out / "a.docx")).comments)
    with zipfile.ZipFile(out / "b.docx") as zf:  # anchored on the excerpt itself
        xml = zf.read("word/document.xml").decode("utf-8")
    start = xml.index("commentRangeStart")
    assert "185.712 hồ sơ" in xml[start:xml.index("commentRangeEnd")]


# --- suppression and configuration -------------------------------------------------------------------------

def test_inline_marker_suppresses_a_cross_document_finding(tmp_path, capsys):
    folder = _write(tmp_path / "c", {"t02.txt": FEB, "t03.txt": MAR.replace("hồ sơ.\n", "hồ sơ. rasoat: bỏ qua XB001\n")})
    code, data = run_json(capsys, "--series", folder, "--select", "XB,RS100")
    assert code == 0 and all(not fs for fs in by_name(data).values())


def test_unused_cross_document_marker_is_rs100_in_a_series_only(tmp_path, capsys):
    marked = FEB.replace("hồ sơ.\n", "hồ sơ. rasoat: bỏ qua XB001\n")
    folder = _write(tmp_path / "c", {"t02.txt": marked, "t03.txt": MAR_OK})
    code, data = run_json(capsys, "--series", folder, "--select", "XB,RS100")
    found = by_name(data)
    assert code == 1 and [(f["rule"], f["excerpt"]) for f in found["t02.txt"]] == [("RS100", "rasoat: bỏ qua XB001")]
    assert found["t03.txt"] == []
    # the same report checked alone: XB rules have nothing to compare, the marker is not "unused"
    code, data = run_json(capsys, folder / "t02.txt", "--select", "XB,RS100")
    assert code == 0 and by_name(data)["t02.txt"] == []
    # a marker that hides a real XB finding in a series is used: no RS100 there
    folder2 = _write(tmp_path / "d", {"t02.txt": FEB, "t03.txt": MAR.replace("hồ sơ.\n", "hồ sơ. rasoat: bỏ qua XB\n")})
    code, data = run_json(capsys, "--series", folder2, "--select", "XB,RS100")
    assert code == 0


def test_markers_of_rules_the_mode_does_not_run_are_not_unused(tmp_path, capsys):
    """A series run does not run XB005, a summary run not XB001–XB004: their markers stay quiet."""
    folder = _write(tmp_path / "c", {"t02.txt": FEB.replace("hồ sơ.\n", "hồ sơ. rasoat: bỏ qua XB005\n"),
                                     "t03.txt": MAR_OK})
    assert run_json(capsys, "--series", folder, "--select", "XB,RS100")[0] == 0
    th = _write(tmp_path / "th", {"tnmt.txt": SOURCE,
                                  "tonghop.txt": SUMMARY.replace("04 văn bản", "03 văn bản")
                                  .replace("đất đai.\n", "đất đai. rasoat: bỏ qua XB001\n")})
    args = ("--sources", th / "tnmt.txt", "--summary", th / "tonghop.txt", "--select", "XB,RS100")
    assert run_json(capsys, *args)[0] == 0
    (th / "tonghop.txt").write_text(SUMMARY.replace("04 văn bản", "03 văn bản")
                                    .replace("đất đai.\n", "đất đai. rasoat: bỏ qua XB005\n"), encoding="utf-8")
    code, data = run_json(capsys, *args)  # XB005 ran and found nothing there: unused
    assert code == 1 and [f["rule"] for f in by_name(data)["tonghop.txt"]] == ["RS100"]


def test_word_comment_suppresses_a_cross_document_finding(tmp_path, capsys):
    docs = tmp_path / "bc"
    docs.mkdir()
    _docx(docs / "a.docx", FEB.splitlines())
    d = docx.Document()
    lines = MAR.splitlines()
    for text in lines[:2]:
        d.add_paragraph(text)
    run_ = d.add_paragraph().add_run(lines[2])
    d.add_comment(run_, text="Đã đối chiếu lại số liệu. rasoat: bỏ qua XB001", author="Chuyên viên")
    d.save(docs / "b.docx")
    code, data = run_json(capsys, "--series", docs, "--select", "XB,RS100")
    assert code == 0 and all(not fs for fs in by_name(data).values())


def _config(folder: Path, text: str) -> None:
    (folder / "rasoat.toml").write_text(text, encoding="utf-8")


def test_configuration_applies_to_cross_document_findings(tmp_path, capsys):
    folder = _write(tmp_path / "c", {"t02.txt": FEB, "t03.txt": MAR})
    base = 'select = ["XB", "RS100"]\n'

    _config(folder, base + '[severity]\nXB001 = "error"\n')
    code, data = run_json(capsys, "--series", folder, config=True)
    assert code == 1 and [(f["rule"], f["severity"]) for f in by_name(data)["t03.txt"]] == [("XB001", "error")]

    _config(folder, base + 'min-severity = "error"\n')
    code, data = run_json(capsys, "--series", folder, config=True)
    assert code == 0 and by_name(data)["t03.txt"] == []

    _config(folder, base + 'min-severity = "error"\n[severity]\nXB = "error"\n')
    code, data = run_json(capsys, "--series", folder, config=True)
    assert code == 1 and [f["rule"] for f in by_name(data)["t03.txt"]] == ["XB001"]

    _config(folder, base + 'ignore = ["XB001"]\n')
    code, data = run_json(capsys, "--series", folder, config=True)
    assert code == 0 and by_name(data)["t03.txt"] == []

    _config(folder, 'select = ["SO", "RS100"]\n')
    code, data = run_json(capsys, "--series", folder, config=True)
    assert code == 0

    _config(folder, base + '[per-file-ignores]\n"t03.txt" = ["XB"]\n')
    code, data = run_json(capsys, "--series", folder, config=True)
    assert code == 0 and by_name(data)["t03.txt"] == []

    _config(folder, base + '[per-file-ignores]\n"t02.txt" = ["XB"]\n')  # another file: still found
    code, data = run_json(capsys, "--series", folder, config=True)
    assert code == 1 and [f["rule"] for f in by_name(data)["t03.txt"]] == ["XB001"]

    _config(folder, base)  # the command line wins over the configuration
    code, data = run_json(capsys, "--series", folder, "--min-severity", "error", config=True)
    assert code == 0
    code, data = run_json(capsys, "--series", folder, "--ignore", "XB", config=True)
    assert code == 0


def test_summary_findings_are_suppressed_and_configured_too(tmp_path, capsys):
    folder = _write(tmp_path / "th", {"tnmt.txt": SOURCE, "tonghop.txt": SUMMARY})
    code, data = run_json(capsys, "--sources", folder / "tnmt.txt", "--summary", folder / "tonghop.txt",
                          "--select", "XB")
    assert code == 1 and [f["rule"] for f in by_name(data)["tonghop.txt"]] == ["XB005"]
    assert by_name(data)["tonghop.txt"][0]["related_path"].endswith("tnmt.txt")
    (folder / "tonghop.txt").write_text(SUMMARY.replace("đất đai.\n", "đất đai. rasoat: bỏ qua XB005\n"),
                                        encoding="utf-8")
    code, data = run_json(capsys, "--sources", folder / "tnmt.txt", "--summary", folder / "tonghop.txt",
                          "--select", "XB,RS100")
    assert code == 0


# --- --jobs ------------------------------------------------------------------------------------------------

def test_jobs_gives_the_same_results_in_series_and_summary_modes(tmp_path, capsys):
    folder = _write(tmp_path / "c", {"t02.txt": FEB, "t03.txt": MAR, "t01.txt": JAN_TASKS.replace("2021", "2026"),
                                     "x.txt": "Không có kỳ báo cáo.\nCác hộ dân được được hỗ trợ.\n"})
    one = run(capsys, "--series", folder, "--format", "json", "--jobs", "1")
    many = run(capsys, "--series", folder, "--format", "json", "--jobs", "3")
    assert one == many and one[0] == 2
    assert [Path(f["path"]).name for f in json.loads(one[1])["files"]] == ["t01.txt", "t02.txt", "t03.txt", "x.txt"]
    th = _write(tmp_path / "th", {"tnmt.txt": SOURCE, "tonghop.txt": SUMMARY, "khac.txt": FEB})
    args = ("--sources", th / "tnmt.txt", th / "khac.txt", "--summary", th / "tonghop.txt", "--format", "json")
    assert run(capsys, *args, "--jobs", "1") == run(capsys, *args, "--jobs", "2")


def test_progress_bar_in_series_mode_counts_the_reports(series, capsys, monkeypatch):
    import sys

    from checker import cli

    seen = []
    real = cli._run_with_progress

    def spy(run_):
        def counting(on_start=None, on_done=None):
            return run_(lambda n: seen.append(("start", n)), lambda p: seen.append(("done", Path(p).name)))
        return real(counting)

    monkeypatch.setattr(cli, "_run_with_progress", spy)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert main(["check", "--no-config", "--series", str(series), "--select", "XB"]) == 1
    assert seen == [("start", 2), ("done", "t02.txt"), ("done", "t03.txt")]


# --- exit codes --------------------------------------------------------------------------------------------

def test_exit_codes_in_series_and_summary_modes(tmp_path, capsys):
    clean = _write(tmp_path / "sach", {"t02.txt": FEB, "t03.txt": MAR_OK})
    assert run(capsys, "--series", clean, "--select", "XB")[0] == 0
    assert run(capsys, "--series", clean / "t02.txt", clean / "t03.txt", "--select", "XB")[0] == 0
    dirty = _write(tmp_path / "loi", {"t02.txt": FEB, "t03.txt": MAR})
    assert run(capsys, "--series", dirty, "--select", "XB")[0] == 1
    assert run(capsys, "--series", dirty, "--select", "XB", "--min-severity", "error")[0] == 0

    th = _write(tmp_path / "th", {"tnmt.txt": SOURCE, "tonghop.txt": SUMMARY})
    assert run(capsys, "--sources", th / "tnmt.txt", "--summary", th / "tonghop.txt", "--select", "XB")[0] == 1
    good = SUMMARY.replace("04 văn bản", "03 văn bản")
    (th / "tonghop.txt").write_text(good, encoding="utf-8")
    assert run(capsys, "--sources", th / "tnmt.txt", "--summary", th / "tonghop.txt", "--select", "XB")[0] == 0


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html"])
def test_one_unreadable_report_in_a_series_is_exit_2_without_traceback(tmp_path, capsys, fmt):
    folder = _write(tmp_path / "c", {"t02.txt": FEB, "t03.txt": MAR})
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 truncated")
    out = tmp_path / "ra"
    code, stdout, err = run(capsys, "--series", folder, "--select", "XB", "--format", fmt, "-o", out)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rasoat: ") and "hong.docx" in lines[0]
    assert "Traceback" not in err
    text = out.read_text(encoding="utf-8")
    assert "XB001" in text  # the other reports were still compared
    if fmt == "json":
        data = json.loads(text)
        assert by_name(data)["hong.docx"] == [] and [f["error"] for f in data["files"]
                                                     if f["path"].endswith("hong.docx")][0]


def test_series_usage_and_input_errors_are_one_line(tmp_path, capsys):
    folder = _write(tmp_path / "c", {"t02.txt": FEB, "t03.txt": MAR})
    cases = [
        (["--series"], "thiếu PATH"),
        (["--series", folder / "khong_co"], "không tìm thấy"),
        (["--sources", folder / "t02.txt"], "--sources"),
        (["--sources", folder / "t02.txt", "--summary", folder], "thư mục"),
        (["--sources", folder / "t02.txt", "--summary", folder / "khong_co.txt"], "không tìm thấy"),
        (["--series", folder, "--jobs", "0"], "--jobs"),
        (["--series", folder, "--select", "ZZ9"], "ZZ9"),
    ]
    for args, expected in cases:
        code, _, err = run(capsys, *args, "--format", "json")
        assert code == 2, args
        assert expected in err and "Traceback" not in err, (args, err)
        assert all(ln.startswith("rasoat: ") for ln in err.strip().splitlines())


def test_report_left_out_of_the_series_keeps_its_own_findings(tmp_path, capsys):
    folder = _write(tmp_path / "c", {"t02.txt": FEB, "x.txt": "Không có kỳ báo cáo.\nCác hộ dân được được hỗ trợ.\n"})
    code, out, err = run(capsys, "--series", folder, "--select", "XB,NN001")
    assert code == 2 and "không xác định được kỳ báo cáo" in err
    assert "NN001" in out and "Không đọc được: không xếp" not in out and "ngoài chuỗi" in out


def test_a_crashing_cross_document_rule_is_one_finding_not_a_traceback(series, capsys, monkeypatch):
    import checker.crossdoc as crossdoc

    real = crossdoc.run_series

    def crash_on_plan(reports, rules):
        if any(r.check == "cross_plan" for r in rules):
            raise RuntimeError("boom")
        return real(reports, rules)

    monkeypatch.setattr(crossdoc, "run_series", crash_on_plan)
    code, data = run_json(capsys, "--series", series, "--select", "XB")
    found = by_name(data)
    assert code == 1
    assert sorted(f["rule"] for f in found["t03.txt"]) == ["XB001", "XB003"]  # XB001 still ran
    crash = next(f for f in found["t03.txt"] if f["rule"] == "XB003")
    assert "Lỗi nội bộ" in crash["message"] and "boom" in crash["message"]


# --- pytest plugin -----------------------------------------------------------------------------------------

INSTALLED = any(ep.name == "rasoat" for ep in entry_points(group="pytest11"))
PLUGIN_ARGS = [] if INSTALLED else ["-p", "checker.pytest_plugin"]


@pytest.fixture
def ci(pytester):
    _write(pytester.path / "chuoi", {"t02.txt": FEB, "t03.txt": MAR})
    _write(pytester.path / "sach", {"t02.txt": FEB, "t03.txt": MAR_OK})
    (pytester.path / "rasoat.toml").write_text('select = ["XB", "RS100"]\n', encoding="utf-8")
    return pytester


def test_plugin_series_option_is_one_item_failing_with_the_review_list(ci):
    result = ci.runpytest_subprocess("--rasoat-series", "chuoi", "--rasoat-series", "sach", "-v", *PLUGIN_ARGS)
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert "chuoi::rasoat-series FAILED" in out and "sach::rasoat-series PASSED" in out
    assert "XB001" in out and "185.712" in out and "190.300" in out
    assert any("t03.txt — Dòng 3" in ln and "t02.txt — Dòng 3" in ln for ln in out.splitlines())


def test_plugin_series_quiet_mode_and_configuration(ci):
    result = ci.runpytest_subprocess("--rasoat-series", "chuoi", "-q", *PLUGIN_ARGS)
    result.assert_outcomes(failed=1)
    assert "t03.txt: XB001 warning Dòng 3:" in result.stdout.str()
    (ci.path / "rasoat.toml").write_text('select = ["XB", "RS100"]\nmin-severity = "error"\n', encoding="utf-8")
    ci.runpytest_subprocess("--rasoat-series", "chuoi", *PLUGIN_ARGS).assert_outcomes(passed=1)


def test_plugin_series_ini_option_runs_with_a_bare_pytest(ci):
    ci.makepyprojecttoml('[tool.pytest.ini_options]\nrasoat_series = ["chuoi", "sach"]\n')
    ci.makepyfile(test_khac="def test_ok():\n    assert True\n")
    result = ci.runpytest_subprocess(*PLUGIN_ARGS)
    result.assert_outcomes(passed=2, failed=1)
    # explicit paths elsewhere: the series are not run; "-m 'not rasoat'" deselects them
    ci.runpytest_subprocess("test_khac.py", *PLUGIN_ARGS).assert_outcomes(passed=1)
    ci.runpytest_subprocess("-m", "not rasoat", *PLUGIN_ARGS).assert_outcomes(passed=1)
    ci.runpytest_subprocess("chuoi", *PLUGIN_ARGS).assert_outcomes(failed=1)


def test_plugin_series_with_an_unreadable_report_fails_with_its_reason(ci):
    (ci.path / "sach" / "hong.docx").write_bytes(b"PK\x03\x04 truncated")
    result = ci.runpytest_subprocess("--rasoat-series", "sach", *PLUGIN_ARGS)
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "hong.docx" in out and "không phải .docx" in out and "Traceback" not in out


@pytest.fixture
def summary_ci(pytester):
    _write(pytester.path / "don_vi", {"tnmt.txt": SOURCE})
    _write(pytester.path, {"tong_hop.txt": SUMMARY, "tong_hop_dung.txt": SUMMARY.replace("04 văn bản", "03 văn bản")})
    (pytester.path / "rasoat.toml").write_text('select = ["XB", "RS100"]\n', encoding="utf-8")
    return pytester


def test_plugin_summary_option_is_one_item_failing_with_the_review_list(summary_ci):
    result = summary_ci.runpytest_subprocess("--rasoat-summary", "tong_hop.txt", "--rasoat-sources", "don_vi",
                                             "-v", *PLUGIN_ARGS)
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "tong_hop.txt::rasoat-summary FAILED" in out
    assert "XB005" in out and "04 văn bản" in out and "03 văn bản" in out and "Traceback" not in out
    # the summary that agrees with its source passes; quiet mode is one line per finding
    summary_ci.runpytest_subprocess("--rasoat-summary", "tong_hop_dung.txt", "--rasoat-sources", "don_vi",
                                    *PLUGIN_ARGS).assert_outcomes(passed=1)
    quiet = summary_ci.runpytest_subprocess("--rasoat-summary", "tong_hop.txt", "--rasoat-sources", "don_vi/tnmt.txt",
                                            "-q", *PLUGIN_ARGS)
    quiet.assert_outcomes(failed=1)
    assert "tong_hop.txt: XB005 " in quiet.stdout.str()


def test_plugin_summary_ini_options_run_with_a_bare_pytest(summary_ci):
    summary_ci.makepyprojecttoml('[tool.pytest.ini_options]\nrasoat_summary = "tong_hop.txt"\n'
                                 'rasoat_sources = ["don_vi"]\n')
    summary_ci.makepyfile(test_khac="def test_ok():\n    assert True\n")
    summary_ci.runpytest_subprocess(*PLUGIN_ARGS).assert_outcomes(passed=1, failed=1)
    summary_ci.runpytest_subprocess("test_khac.py", *PLUGIN_ARGS).assert_outcomes(passed=1)
    # with --rasoat the summary is also checked alone: two items, each its own verdict
    result = summary_ci.runpytest_subprocess("--rasoat", "tong_hop.txt", *PLUGIN_ARGS)
    result.assert_outcomes(passed=1, failed=1)


@pytest.mark.parametrize("args, words", [
    (["--rasoat-summary", "tong_hop.txt"], "đi cùng nhau"),
    (["--rasoat-sources", "don_vi"], "đi cùng nhau"),
    (["--rasoat-summary", "khong_co.txt", "--rasoat-sources", "don_vi"], "không tìm thấy"),
])
def test_plugin_summary_usage_errors_are_one_line(summary_ci, args, words):
    result = summary_ci.runpytest_subprocess(*args, *PLUGIN_ARGS)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert words in result.stderr.str() and "Traceback" not in result.stderr.str()


def test_plugin_summary_with_an_unreadable_source_fails_with_its_reason(summary_ci):
    (summary_ci.path / "don_vi" / "hong.docx").write_bytes(b"PK\x03\x04 truncated")
    result = summary_ci.runpytest_subprocess("--rasoat-summary", "tong_hop_dung.txt", "--rasoat-sources", "don_vi",
                                             *PLUGIN_ARGS)
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "hong.docx" in out and "không phải .docx" in out and "Traceback" not in out
