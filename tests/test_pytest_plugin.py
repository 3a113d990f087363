"""The pytest plugin: reports as test items, failing with the review list."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

from _docmaker import NN001_TEXT, SO001_TEXT, make_docx

pytest_plugins = ["pytester"]

INSTALLED = any(ep.name == "rasoat" for ep in entry_points(group="pytest11"))
PLUGIN_ARGS = [] if INSTALLED else ["-p", "checker.pytest_plugin"]


@pytest.fixture
def reports(pytester):
    d = pytester.mkdir("bao_cao")
    (d / "loi.txt").write_text(f"{SO001_TEXT}\n{NN001_TEXT}\n", encoding="utf-8")
    (d / "sach.txt").write_text("Hội nghị diễn ra đúng kế hoạch.\n", encoding="utf-8")
    make_docx(d / "bang.docx", [{"table": [["TT", "Kết quả"], ["1", SO001_TEXT]]}])
    # the fixtures' slips only; other rule families are tested elsewhere
    (pytester.path / "rasoat.toml").write_text('select = ["SO001", "NN001"]\n', encoding="utf-8")
    return d


def test_entry_point_is_declared():
    import tomllib
    from pathlib import Path

    data = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["entry-points"]["pytest11"]["rasoat"] == "checker.pytest_plugin"


def test_each_report_is_an_item_failing_with_the_review_list(pytester, reports):
    result = pytester.runpytest_subprocess("--rasoat", "bao_cao", *PLUGIN_ARGS)
    result.assert_outcomes(passed=1, failed=2)
    out = result.stdout.str()
    assert "SO001" in out and "92,3%" in out and "gợi ý: Kiểm tra lại" in out
    assert "Bảng 1, dòng 2" in out
    assert "NN001" in out


def test_quiet_mode_is_one_line_per_finding(pytester, reports):
    result = pytester.runpytest_subprocess("--rasoat", "bao_cao", "-q", *PLUGIN_ARGS)
    result.assert_outcomes(passed=1, failed=2)
    out = result.stdout.str()
    assert "SO001 error Dòng 1:" in out
    assert "tại:" not in out


def test_without_the_option_reports_are_not_collected(pytester, reports):
    result = pytester.runpytest_subprocess("bao_cao", *PLUGIN_ARGS)
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_rasoat_paths_ini_and_project_configuration(pytester, reports):
    pytester.makepyprojecttoml('[tool.pytest.ini_options]\nrasoat_paths = ["bao_cao"]\n')
    (pytester.path / "rasoat.toml").write_text('select = ["SO001", "NN001"]\nignore = ["SO001"]\n',
                                               encoding="utf-8")
    result = pytester.runpytest_subprocess(*PLUGIN_ARGS)
    # SO001 ignored by the configuration: only loi.txt (NN001) still fails
    result.assert_outcomes(passed=2, failed=1)
    assert "NN001" in result.stdout.str() and "SO001" not in result.stdout.str()


def test_unreadable_report_fails_with_its_reason(pytester, reports):
    (reports / "hong.docx").write_bytes(b"PK\x03\x04 truncated")
    result = pytester.runpytest_subprocess("--rasoat", "bao_cao", *PLUGIN_ARGS)
    result.assert_outcomes(passed=1, failed=3)
    assert "không đọc được" in result.stdout.str()


def test_marker_selection(pytester, reports):
    pytester.makepyfile(test_khac="def test_ok():\n    assert True\n")
    result = pytester.runpytest_subprocess("--rasoat", "-m", "not rasoat", *PLUGIN_ARGS)
    result.assert_outcomes(passed=1)


def test_one_item_per_rule_family(pytester, reports):
    pytester.makeini("[pytest]\nrasoat_items = family\n")
    result = pytester.runpytest_subprocess("--rasoat", "bao_cao", "-v", *PLUGIN_ARGS)
    out = result.stdout.str()
    assert "loi.txt::rasoat[numeric] FAILED" in out and "loi.txt::rasoat[language] FAILED" in out
    assert "bang.docx::rasoat[language] PASSED" in out and "bang.docx::rasoat[numeric] FAILED" in out
