"""CLI: batch over folders, --jobs, progress only on a terminal, rules/explain, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import checker.cli as cli
from checker.cli import main
from _docmaker import NN001_TEXT, SO001_TEXT, make_docx


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "thu_muc"
    d.mkdir()
    for i in range(6):
        (d / f"bc{i}.txt").write_text(f"Báo cáo số {i}\n{SO001_TEXT if i % 2 else NN001_TEXT}\n", encoding="utf-8")
    (d / "hong.docx").write_bytes(b"\x00\x01 random bytes")
    (d / "rong.txt").write_bytes(b"")
    make_docx(d / "bang.docx", [{"table": [["TT", "Kết quả"], ["1", SO001_TEXT]]}])
    return d


def as_json(capsys, *args):
    code = main(["check", "--no-config", "--select", "SO001,NN001,RS100", "--format", "json", *map(str, args)])
    return code, json.loads(capsys.readouterr().out)


def test_one_unreadable_file_never_stops_the_rest(folder, capsys):
    code, data = as_json(capsys, folder)
    assert code == 2
    by_name = {f["path"].rsplit("/", 1)[-1]: f for f in data["files"]}
    assert by_name["hong.docx"]["error"] and by_name["rong.txt"]["error"]
    assert {x["rule"] for x in by_name["bang.docx"]["findings"]} == {"SO001"}
    assert sum(1 for f in data["files"] if f["findings"]) == 7
    assert data["summary"]["files"] == 9


def test_jobs_give_the_same_results_in_the_same_order(folder, capsys):
    _, one = as_json(capsys, folder)
    _, many = as_json(capsys, "--jobs", "3", folder)
    assert one == many


def test_json_contract_keys_are_kept(folder, capsys):
    _, data = as_json(capsys, folder / "bc1.txt")
    assert set(data) == {"tool", "files", "summary"}
    f = data["files"][0]["findings"][0]
    assert {"rule", "severity", "message", "excerpt", "context", "suggestion", "evidence", "location"} <= set(f)
    assert {"block", "table", "row", "col", "paragraph", "start", "end", "label"} <= set(f["location"])
    assert data["summary"] == {"files": 1, "findings": 1, "error": 1, "warning": 0, "info": 0}


def test_progress_only_on_a_terminal_and_never_for_json(folder, capsys, monkeypatch):
    calls = []
    real = cli._run_with_progress

    def spy(*a, **k):
        calls.append(a)
        return real(*a, **k)

    monkeypatch.setattr(cli, "_run_with_progress", spy)
    main(["check", "--no-config", str(folder)])  # captured: not a terminal
    assert calls == []
    capsys.readouterr()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    main(["check", "--no-config", "--format", "json", str(folder)])
    assert calls == []
    json.loads(capsys.readouterr().out)  # stdout is pure JSON
    main(["check", "--no-config", str(folder)])
    assert len(calls) == 1
    main(["check", "--no-config", "--no-progress", str(folder)])
    assert len(calls) == 1


def test_text_output_has_a_per_file_summary_table(folder, capsys):
    main(["check", "--no-config", str(folder)])
    out = capsys.readouterr().out
    assert "Tổng hợp" in out and "bc3.txt" in out and "không đọc được" in out


def test_piped_text_run_has_no_progress_bar(folder):
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "--no-config", str(folder)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Rà soát" not in proc.stderr and "\x1b[" not in proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args", [["check"], ["check", "x.txt", "--jobs", "0"], ["check", "x.txt", "--format", "pdf"],
                                  ["explain", "ZZ999"], ["check", "--select", "QQ", "x.txt"]])
def test_usage_errors_exit_2(args, capsys):
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_rules_and_explain_come_from_the_rule_files(capsys, monkeypatch):
    from checker.ruleset import load_rules

    monkeypatch.setenv("COLUMNS", "3000")  # no wrapping: compare with the rule files' text

    rules = load_rules()
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for r in rules:
        assert r.id in out
    assert "RS100" in out
    assert main(["rules", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = next(x for x in data if x["id"] == rules[0].id)
    assert first["examples"]["flag"] and first["examples"]["pass"] and "why" in first
    assert main(["rules", "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert f"## {rules[0].id}" in md
    for r in rules:
        assert main(["explain", r.id.lower()]) == 0
        out = capsys.readouterr().out
        flat = " ".join(out.split())
        assert " ".join(r.title.split()) in flat
        if r.why:
            assert "Vì sao quan trọng" in out
        assert " ".join(r.examples.flag[0].text.split("\n")[0].split())[:30] in flat
        assert " ".join(r.examples.pass_[0].split("\n")[0].split())[:30] in flat
    assert main(["explain", "RS100"]) == 0
    assert "bỏ qua" in capsys.readouterr().out


def test_one_unreadable_file_is_one_line_on_stderr_and_nothing_else(tmp_path, capsys):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    assert main(["check", "--no-config", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().count("\n") == 0 and "hong.docx" in err and "Traceback" not in err


def test_one_report_text_table_findings_give_the_file_line(tmp_path, capsys):
    report = tmp_path / "bc.txt"
    report.write_text(f"Báo cáo tháng\nTT\tNội dung\tKết quả\n1\tGieo cấy\t{SO001_TEXT}\n", encoding="utf-8")
    assert main(["check", "--no-config", "--select", "SO001", str(report)]) == 1
    out = capsys.readouterr().out
    assert "Tổng hợp" in out  # the summary table closes the review list
    assert "(tệp: dòng 3)" in out  # a table cell of a text file also gives the file's line
