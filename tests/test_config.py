"""[tool.rasoat] / rasoat.toml: discovery, choices, settings, clear errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.api import make_plan
from checker.cli import main
from checker.config import ConfigError, find_config, load_config
from _docmaker import NN001_TEXT, SO001_TEXT


def report(folder: Path, name: str = "bc.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(f"{SO001_TEXT}\n{NN001_TEXT}\n", encoding="utf-8")
    return p


def rules_found(capsys, *args) -> tuple[int, list[dict]]:
    code = main(["check", "--format", "json", *map(str, args)])
    data = json.loads(capsys.readouterr().out)
    return code, [f for file in data["files"] for f in file["findings"] if f["rule"] in ("SO001", "NN001")]


def test_rasoat_toml_found_from_the_checked_path_upward(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dept").mkdir()
    (tmp_path / "dept" / "rasoat.toml").write_text('ignore = ["NN"]\n', encoding="utf-8")
    src = report(tmp_path / "dept" / "2021" / "thang6")
    assert find_config(src) == tmp_path / "dept" / "rasoat.toml"
    code, findings = rules_found(capsys, src)
    assert {f["rule"] for f in findings} == {"SO001"}


def test_pyproject_tool_rasoat_with_severity_and_min_severity(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.rasoat]\nmin-severity = "warning"\n\n'
        '[tool.rasoat.severity]\nNN001 = "info"\n', encoding="utf-8")
    src = report(tmp_path)
    code, findings = rules_found(capsys, src)
    assert {f["rule"] for f in findings} == {"SO001"}  # NN001 demoted to info, below the threshold
    code, findings = rules_found(capsys, "--min-severity", "info", src)  # CLI wins
    nn = [f for f in findings if f["rule"] == "NN001"]
    assert nn and nn[0]["severity"] == "info"


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub") is None


def test_select_in_config_and_cli_select_replaces_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rasoat.toml").write_text('select = "NN"\n', encoding="utf-8")
    src = report(tmp_path)
    _, findings = rules_found(capsys, src)
    assert {f["rule"] for f in findings} == {"NN001"}
    _, findings = rules_found(capsys, "--select", "SO", src)
    assert {f["rule"] for f in findings} == {"SO001"}


def test_per_file_ignores(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rasoat.toml").write_text('[per-file-ignores]\n"nhap/*.txt" = ["SO001"]\n', encoding="utf-8")
    a = report(tmp_path / "nhap")
    b = report(tmp_path / "chinhthuc")
    code = main(["check", "--format", "json", str(a), str(b)])
    data = json.loads(capsys.readouterr().out)
    rules = {Path(f["path"]).parent.name: {x["rule"] for x in f["findings"] if x["rule"] in ("SO001", "NN001")}
             for f in data["files"]}
    assert rules == {"nhap": {"NN001"}, "chinhthuc": {"SO001", "NN001"}}


def test_settings_are_filled_for_rules(tmp_path):
    cfg = tmp_path / "rasoat.toml"
    cfg.write_text('allowed-words = ["Xòe"]\nallowed-names = ["Nậm Nhùn"]\nperiod = "tháng 6/2021"\n'
                   '[term-lengths]\n"Đại hội" = 5\n'
                   '[[commemorations]]\nname = "Ngày Thương binh - Liệt sĩ"\nday = 27\nmonth = 7\nyear = 1947\n',
                   encoding="utf-8")
    settings = load_config(explicit=str(cfg)).settings()
    assert "Xòe" in settings.allowed_words and "Nậm Nhùn" in settings.allowed_words
    assert settings.allowed_names == ["Nậm Nhùn"]
    assert settings.period == "tháng 6/2021"
    assert settings.term_lengths == {"Đại hội": 5}
    assert settings.commemorations[0]["month"] == 7
    plan = make_plan(load_config(explicit=str(cfg)))
    assert plan.config.settings().period == "tháng 6/2021"


@pytest.mark.parametrize("content, needle", [
    ('selec = ["SO"]\n', "selec"),
    ('min-severity = "nghiêm trọng"\n', "min-severity"),
    ('select = ["ZZ9"]\n', "ZZ9"),
    ('[severity]\nSO001 = "fatal"\n', "severity"),
    ('select = [\n', "TOML"),
    ('[per-file-ignores]\n"*.txt" = ["QQ"]\n', "QQ"),
])
def test_config_errors_are_one_clear_line_exit_2(tmp_path, capsys, monkeypatch, content, needle):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rasoat.toml").write_text(content, encoding="utf-8")
    src = report(tmp_path)
    code = main(["check", str(src)])
    err = capsys.readouterr().err
    assert code == 2
    assert needle in err and "rasoat.toml" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_explicit_and_no_config(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rasoat.toml").write_text('ignore = ["SO", "NN"]\n', encoding="utf-8")
    other = tmp_path / "khac.toml"
    other.write_text('ignore = ["NN"]\n', encoding="utf-8")
    src = report(tmp_path / "x")
    assert rules_found(capsys, src)[1] == []
    assert {f["rule"] for f in rules_found(capsys, "--config", other, src)[1]} == {"SO001"}
    assert {f["rule"] for f in rules_found(capsys, "--no-config", src)[1]} == {"SO001", "NN001"}
    assert main(["check", "--config", str(tmp_path / "missing.toml"), str(src)]) == 2
    with pytest.raises(ConfigError):
        load_config(explicit=str(tmp_path / "missing.toml"))


def test_severity_override_by_prefix_reaches_findings_and_sarif(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rasoat.toml").write_text('[severity]\nNN = "error"\nSO001 = "info"\n', encoding="utf-8")
    src = report(tmp_path)
    _, found = rules_found(capsys, src)
    assert {(f["rule"], f["severity"]) for f in found} == {("NN001", "error"), ("SO001", "info")}
    main(["check", "--format", "sarif", str(src)])
    log = json.loads(capsys.readouterr().out)
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert levels["NN001"] == "error" and levels["SO001"] == "note"
