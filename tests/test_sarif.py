"""SARIF 2.1.0 output, validated against the official OASIS schema (tests/data)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from checker.cli import main
from _docmaker import NN001_TEXT, SO001_TEXT, make_docx

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(log: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(log)


def run_sarif(capsys, *args) -> tuple[int, dict]:
    code = main(["check", "--format", "sarif", "--no-config", "--select", "SO001,NN001,RS100", *map(str, args)])
    out = capsys.readouterr()
    return code, json.loads(out.out)


def test_txt_findings_validate_and_carry_rule_metadata(tmp_path, capsys):
    src = tmp_path / "bao cao.txt"
    src.write_text(f"Mở đầu\n    {SO001_TEXT}\n{NN001_TEXT}\n", encoding="utf-8")
    code, log = run_sarif(capsys, src)
    validate(log)
    assert code == 1
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["SO001"]["defaultConfiguration"]["level"] == "error"
    assert rules["SO001"]["shortDescription"]["text"] == "Tỷ lệ phần trăm không khớp với phân số"
    assert "Vì sao" in rules["SO001"]["help"]["text"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    so = by_rule["SO001"]
    assert so["level"] == "error"
    assert run["tool"]["driver"]["rules"][so["ruleIndex"]]["id"] == "SO001"
    region = so["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 2
    line = "    " + SO001_TEXT  # columns count in the source line, indentation included
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "92,3%"
    assert region["snippet"]["text"] == "92,3%"
    assert so["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("bao%20cao.txt")
    assert so["locations"][0]["logicalLocations"][0]["name"].startswith("Dòng 2")
    assert by_rule["NN001"]["level"] == "warning"
    assert by_rule["NN001"]["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "được được"


def test_docx_table_finding_has_logical_table_location(tmp_path, capsys):
    src = make_docx(tmp_path / "r.docx", [
        "Báo cáo kết quả",
        {"table": [["TT", "Nội dung", "Kết quả"], ["1", "Gieo cấy", SO001_TEXT]]},
    ])
    code, log = run_sarif(capsys, src)
    validate(log)
    res = [r for r in log["runs"][0]["results"] if r["ruleId"] == "SO001"][0]
    loc = res["locations"][0]
    assert loc["logicalLocations"][0]["kind"] == "tableCell"
    assert "Bảng 1, dòng 2" in loc["logicalLocations"][0]["name"]
    assert loc["physicalLocation"]["region"]["properties"]["table"] == 0
    assert "startColumn" not in loc["physicalLocation"]["region"]


def test_related_becomes_related_locations():
    from checker.api import FileResult
    from checker.findings import Finding, Severity
    from checker.model import Location
    from checker.reporters.sarif import to_sarif_obj
    from checker.ruleset import load_rules

    f = Finding(rule="NN001", severity=Severity.warning, message="m", excerpt="x", context="x",
                location=Location(block=3, start=0, end=1, label="Đoạn 4"),
                related=Location(block=1, start=2, end=5, label="Đoạn 2"))
    log = to_sarif_obj([FileResult(path="a.docx", findings=[f])], load_rules())
    validate(log)
    rel = log["runs"][0]["results"][0]["relatedLocations"][0]
    assert rel["message"]["text"] == "Đoạn 2"
    assert rel["physicalLocation"]["region"]["startLine"] == 2


def test_unreadable_file_is_a_notification_and_others_still_run(tmp_path, capsys):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip at all")
    good = tmp_path / "tot.txt"
    good.write_text(SO001_TEXT + "\n", encoding="utf-8")
    code, log = run_sarif(capsys, bad, good)
    validate(log)
    assert code == 2
    run = log["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "hong.docx" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert any(r["ruleId"] == "SO001" for r in run["results"])


def test_clean_file_is_valid_empty_results(tmp_path, capsys):
    src = tmp_path / "sach.txt"
    src.write_text("Hội nghị diễn ra đúng kế hoạch.\n", encoding="utf-8")
    code, log = run_sarif(capsys, src)
    validate(log)
    assert code == 0 and log["runs"][0]["results"] == []


def test_sarif_output_file_is_written_atomically(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(SO001_TEXT + "\n", encoding="utf-8")
    out = tmp_path / "out.sarif"
    code = main(["check", "--no-config", "--format", "sarif", "-o", str(out), str(src)])
    assert code == 1
    assert capsys.readouterr().out == ""
    validate(json.loads(out.read_text(encoding="utf-8")))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("fmt", ["sarif", "json", "html"])
def test_output_refuses_to_overwrite_input(tmp_path, capsys, fmt):
    src = tmp_path / "a.txt"
    src.write_text(SO001_TEXT + "\n", encoding="utf-8")
    before = src.read_bytes()
    code = main(["check", "--no-config", "--format", fmt, "-o", str(src), str(src)])
    assert code == 2
    assert "không ghi đè" in capsys.readouterr().err
    assert src.read_bytes() == before
