"""Suppression: inline markers, Word comments, per-file ignores, and RS100 for unused ones."""

from __future__ import annotations

import json

import docx

from checker.cli import main
from _docmaker import NN001_TEXT, SO001_TEXT, make_docx


def findings(capsys, *args) -> tuple[int, list[dict]]:
    code = main(["check", "--no-config", "--select", "SO001,NN001,RS100", "--format", "json", *map(str, args)])
    data = json.loads(capsys.readouterr().out)
    return code, [f for file in data["files"] for f in file["findings"]]


def rules_of(found) -> list[str]:
    return sorted(f["rule"] for f in found)


def test_marker_in_paragraph_suppresses_that_rule_there_only(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(f"{SO001_TEXT} rasoat: bỏ qua SO001\n{SO001_TEXT}\n", encoding="utf-8")
    _, found = findings(capsys, src)
    assert [(f["rule"], f["location"]["line"]) for f in found] == [("SO001", 2)]


def test_english_marker_several_codes_and_prefix(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(f"{SO001_TEXT} {NN001_TEXT} (rasoat: ignore SO001, NN)\n", encoding="utf-8")
    code, found = findings(capsys, src)
    assert found == [] and code == 0


def test_marker_in_one_cell_suppresses_the_whole_table_row(tmp_path, capsys):
    src = make_docx(tmp_path / "t.docx", [
        {"table": [["TT", "Kết quả", "Ghi chú"],
                   ["1", SO001_TEXT, "rasoat: bỏ qua SO001"],
                   ["2", SO001_TEXT, ""]]},
    ])
    _, found = findings(capsys, src)
    assert [(f["rule"], f["location"]["row"]) for f in found] == [("SO001", 2)]


def test_unused_marker_is_reported_as_rs100(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(f"Hội nghị diễn ra đúng kế hoạch. rasoat: bỏ qua SO001\n{NN001_TEXT} rasoat: bỏ qua ZZ123\n",
                   encoding="utf-8")
    code, found = findings(capsys, src)
    rs = [f for f in found if f["rule"] == "RS100"]
    assert [(f["excerpt"], f["location"]["line"]) for f in rs] == [
        ("rasoat: bỏ qua SO001", 1), ("rasoat: bỏ qua ZZ123", 2)]
    assert "không tồn tại" in rs[1]["message"]
    assert rules_of(found) == ["NN001", "RS100", "RS100"]
    assert code == 1


def test_rs100_can_be_ignored_and_is_quiet_for_rules_not_run(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Hội nghị diễn ra đúng kế hoạch. rasoat: bỏ qua SO001\n", encoding="utf-8")
    assert findings(capsys, "--ignore", "RS100", src) == (0, [])
    assert findings(capsys, "--select", "NN", src) == (0, [])


def _commented_docx(path, comment_text, author="Chuyên viên", table=False):
    d = docx.Document()
    if table:
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "TT", "Kết quả"
        t.cell(1, 0).text = "1"
        run = t.cell(1, 1).paragraphs[0].add_run(SO001_TEXT)
        d.add_paragraph(SO001_TEXT)
    else:
        run = d.add_paragraph().add_run(SO001_TEXT)
        d.add_paragraph(NN001_TEXT)
    d.add_comment(run, text=comment_text, author=author)
    d.save(path)
    return path


def test_word_comment_suppresses_where_it_is_anchored(tmp_path, capsys):
    src = _commented_docx(tmp_path / "c.docx", "Số liệu đúng theo biểu mẫu. rasoat: bỏ qua SO001")
    _, found = findings(capsys, src)
    assert rules_of(found) == ["NN001"]


def test_word_comment_in_a_table_row(tmp_path, capsys):
    src = _commented_docx(tmp_path / "c.docx", "rasoat: ignore SO001", table=True)
    _, found = findings(capsys, src)
    assert [(f["rule"], f["location"]["table"]) for f in found] == [("SO001", None)]


def test_unused_word_comment_is_reported(tmp_path, capsys):
    src = _commented_docx(tmp_path / "c.docx", "rasoat: bỏ qua NN001")
    _, found = findings(capsys, src)
    rs = [f for f in found if f["rule"] == "RS100"]
    assert len(rs) == 1 and "ghi chú word" in rs[0]["message"].lower()
    assert rules_of(found) == ["NN001", "RS100", "SO001"]


def test_comments_written_by_rasoat_are_not_suppressions(tmp_path, capsys):
    src = _commented_docx(tmp_path / "c.docx", "rasoat: bỏ qua SO001", author="rasoat")
    _, found = findings(capsys, src)
    assert rules_of(found) == ["NN001", "SO001"]


def test_annotated_copy_suppression_round_trip(tmp_path, capsys):
    """A reviewer answers rasoat's comment with a suppression comment: the next run is quiet there."""
    src = make_docx(tmp_path / "a.docx", [SO001_TEXT + " rasoat: bỏ qua SO001"])
    assert findings(capsys, src) == (0, [])


def test_library_postprocess_directly():
    from checker.api import check_text, finish_findings
    from checker.readers import parse_text
    from checker.ruleset import load_rules

    rules = load_rules()
    doc = parse_text(f"{SO001_TEXT} rasoat: bỏ qua SO001\n")
    raw = check_text(f"{SO001_TEXT} rasoat: bỏ qua SO001\n", rules)
    assert [f.rule for f in raw] == ["SO001"]  # rules do not know about suppression
    assert finish_findings(doc, raw, "x.txt", rules) == []


def test_rs100_examples_hold(tmp_path, capsys):
    """RS100 is not in rules/*.yaml, so its examples are run here."""
    from checker.builtin_rules import BUILTIN_RULES

    rs100 = next(r for r in BUILTIN_RULES if r.id == "RS100")
    for ex in rs100.examples.flag:
        src = tmp_path / "flag.txt"
        src.write_text(ex.text + "\n", encoding="utf-8")
        _, found = findings(capsys, src)
        assert [f["excerpt"] for f in found if f["rule"] == "RS100"] == [ex.excerpt]
    for text in rs100.examples.pass_:
        src = tmp_path / "pass.txt"
        src.write_text(text + "\n", encoding="utf-8")
        _, found = findings(capsys, src)
        assert not [f for f in found if f["rule"] == "RS100"]


def test_rs100_severity_can_be_configured(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rasoat.toml").write_text('[severity]\nRS100 = "info"\n', encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text("Hội nghị diễn ra đúng kế hoạch. rasoat: bỏ qua SO001\n", encoding="utf-8")
    main(["check", "--format", "json", "--select", "SO001,RS100", str(src)])
    data = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["severity"]) for f in data["files"][0]["findings"]] == [("RS100", "info")]
