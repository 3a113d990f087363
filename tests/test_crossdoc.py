"""Across reports (issue 9): series and summary checks on real reports edited in the test.

Each test builds a small series from a real report of ../shared (a "next month" copy with one
change) and asserts that the change is found and nothing else is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.crossdoc import load, run_series, run_summary, split_example
from checker.crossdoc.normalize import key_text
from checker.readers import parse_text
from checker.ruleset import load_rules

SHARED = Path(__file__).resolve().parents[2] / "shared"
MARCH = SHARED / "corpus" / "010_lamdong_bc_dean06_thang3_2026.txt"
JANUARY = SHARED / "seeds" / "001_f132eb425b58aa76.txt"
XB = [r for r in load_rules() if r.id.startswith("XB")]

needs_shared = pytest.mark.skipif(not MARCH.exists() or not JANUARY.exists(),
                                  reason="../shared (real reports) is not available here")


def _series(*texts: str) -> dict[str, list]:
    reports = [load(f"r{i}.txt", parse_text(t)) for i, t in enumerate(texts)]
    return run_series(reports, XB)


def _all(found: dict) -> list:
    return [f for fs in found.values() for f in fs]


def _april(text: str) -> str:
    """The March 2026 report of 010 turned into next month's (same figures)."""
    text = text.replace("tháng 3/2026", "tháng 4/2026").replace("tháng 4 năm 2026", "tháng 5 năm 2026")
    return text


def _february_2021(text: str, answered: list[str]) -> str:
    """Seed 001 (January 2021) turned into February's report; ``answered`` lines go in its results."""
    text = text.replace("THÁNG 01", "THÁNG 02", 1).replace("NHIỆM VỤ TRỌNG TÂM THÁNG 02", "NHIỆM VỤ TRỌNG TÂM THÁNG 03")
    head = "I. TÌNH HÌNH THỰC HIỆN TRÊN CÁC NGÀNH, LĨNH VỰC\n"
    assert head in text
    return text.replace(head, head + "".join(f"- Kết quả: {a}\n" for a in answered), 1)


# --- normalisation -------------------------------------------------------------------------------------

def test_normalisation_tone_placement_and_abbreviations():
    assert key_text("hoà giải") == key_text("hòa giải")
    assert key_text("thuỷ lợi") == key_text("thủy lợi")
    assert key_text("TTHC") == key_text("thủ tục hành chính")
    assert key_text("UBND huyện") == key_text("Ủy ban nhân dân huyện") == key_text("Uỷ ban nhân dân huyện")
    assert key_text("Phòng TN&MT") == key_text("Phòng Tài nguyên và Môi trường")


def test_split_example():
    docs, summary = split_example("a\n=== tài liệu 2 ===\nb\n=== tổng hợp ===\nc")
    assert docs == ["a", "b"] and summary == "c"


def test_single_document_stays_quiet():
    from checker.api import check_text

    assert not check_text("Từ đầu năm 2026 đến nay, đã giải quyết 305.712 hồ sơ.", XB)


# --- series on the real March 2026 report ------------------------------------------------------------------

@needs_shared
def test_identical_next_month_is_quiet():
    march = MARCH.read_text(encoding="utf-8")
    assert not _all(_series(march, _april(march)))


@needs_shared
def test_cumulative_fall_is_found_and_nothing_else():
    march = MARCH.read_text(encoding="utf-8")
    april = _april(march)
    assert "đã giải quyết 305.712 hồ sơ" in april
    april = april.replace("đã giải quyết 305.712 hồ sơ", "đã giải quyết 300.712 hồ sơ")
    found = _all(_series(april, march))  # given out of order: ordered by declared period
    assert [(f.rule, f.excerpt) for f in found] == [("XB001", "300.712 hồ sơ")]
    f = found[0]
    assert f.related is not None and "r1.txt" in f.related.label
    assert "305.712" in f.evidence["other_sentence"] and "300.712" in f.evidence["this_sentence"]
    assert "305.712 hồ sơ" in f.message and "tháng 03/2026" in f.message


@needs_shared
def test_year_to_date_restarts_in_january():
    march = MARCH.read_text(encoding="utf-8")
    # a January 2027 report whose year-to-date figures are far smaller: not a fall
    jan = march.replace("tháng 3/2026", "tháng 01/2027").replace("tháng 4 năm 2026", "tháng 02 năm 2027")
    jan = jan.replace("Từ đầu năm 2026", "Từ đầu năm 2027").replace("đã giải quyết 305.712", "đã giải quyết 25.712")
    assert not _all(_series(march, jan))


@needs_shared
def test_earlier_period_quote_checked_against_earlier_report():
    march = MARCH.read_text(encoding="utf-8")
    sentence = "đã giải quyết 305.712 hồ sơ"
    good = _april(march).replace(sentence, "đã giải quyết 355.712 hồ sơ (tháng trước: 305.712 hồ sơ)")
    bad = _april(march).replace(sentence, "đã giải quyết 355.712 hồ sơ (tháng trước: 350.712 hồ sơ)")
    assert not _all(_series(march, good))
    found = _all(_series(march, bad))
    assert [(f.rule, f.excerpt) for f in found] == [("XB002", "350.712 hồ sơ")]
    assert "305.712 hồ sơ" in found[0].message


# --- series on the real January 2021 report (tasks for February, plan targets) ----------------------------

def _tasks(text: str) -> list[str]:
    part = text.split("NHIỆM VỤ TRỌNG TÂM THÁNG 02", 1)[1]
    return [line.strip() for line in part.splitlines() if line.strip()]


@needs_shared
def test_dropped_task_is_listed_and_nothing_else():
    jan = JANUARY.read_text(encoding="utf-8")
    tasks = _tasks(jan)
    assert len(tasks) == 14
    dropped = next(t for t in tasks if t.startswith("(11)"))  # bầu cử Quốc hội khóa XV …
    feb = _february_2021(jan, [t for t in tasks if t != dropped])
    found = _all(_series(jan, feb))
    assert [f.rule for f in found] == ["XB004"]
    assert found[0].excerpt == dropped
    assert found[0].severity.value == "info"
    assert "best_score" in found[0].evidence and "matched_terms" in found[0].evidence


@needs_shared
def test_all_tasks_answered_is_quiet():
    jan = JANUARY.read_text(encoding="utf-8")
    assert not _all(_series(jan, _february_2021(jan, _tasks(jan))))


@needs_shared
def test_plan_target_changed_is_found_unless_adjusted():
    jan = JANUARY.read_text(encoding="utf-8")
    feb = _february_2021(jan, _tasks(jan))
    assert "kế hoạch 1.998 ha" in feb
    changed = feb.replace("kế hoạch 1.998 ha", "kế hoạch 2.100 ha")
    found = _all(_series(jan, changed))
    assert [(f.rule, f.excerpt) for f in found] == [("XB003", "2.100 ha")]
    adjusted = feb.replace("kế hoạch 1.998 ha", "kế hoạch 2.100 ha (đã điều chỉnh)")
    assert not _all(_series(jan, adjusted))


# --- summary mode on a real summary table (seed 000) ---------------------------------------------------------

SOURCE_TNMT = """UBND HUYỆN PHONG THỔ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG
BÁO CÁO
Kết quả thực hiện nhiệm vụ tháng 6 năm 2021
- Tham mưu UBND huyện ban hành 03 Văn bản chỉ đạo trong công tác quản lý đất đai gồm: Công văn số 983/UBND-TNMT ngày 10/5/2021.
- Chủ trì Tổ công tác liên ngành kiểm tra 03 đơn vị được Ủy ban nhân dân tỉnh cấp phép khai thác cát, sỏi, đá làm vật liệu XDTT trên địa bàn huyện.
"""


@needs_shared
def test_summary_agrees_with_unit_report(tmp_path):
    summary = (SHARED / "seeds" / "000_c03d6b0ecd1a4636.txt").read_text(encoding="utf-8")
    src = load("tnmt.txt", parse_text(SOURCE_TNMT))
    assert src.org_text == "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    quiet = run_summary([src], load("tonghop.txt", parse_text(summary)), XB)
    assert not _all(quiet)
    wrong = load("tnmt.txt", parse_text(SOURCE_TNMT.replace("kiểm tra 03 đơn vị", "kiểm tra 02 đơn vị")))
    found = _all(run_summary([wrong], load("tonghop.txt", parse_text(summary)), XB))
    assert [(f.rule, f.excerpt) for f in found] == [("XB005", "03 đơn vị")]
    assert "tnmt.txt" in found[0].related.label and "02 đơn vị" in found[0].evidence["other_sentence"]


# --- command line ------------------------------------------------------------------------------------------

@needs_shared
def test_cli_series_folder_ordered_by_declared_period(tmp_path, capsys):
    march = MARCH.read_text(encoding="utf-8")
    april = _april(march).replace("đã giải quyết 305.712 hồ sơ", "đã giải quyết 300.712 hồ sơ")
    folder = tmp_path / "chuoi"
    folder.mkdir()
    (folder / "a_bao_cao.txt").write_text(april, encoding="utf-8")  # file names in the wrong order
    (folder / "b_bao_cao.txt").write_text(march, encoding="utf-8")
    code = main(["check", "--series", str(folder), "--format", "json", "--select", "XB", "--no-config"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [Path(f["path"]).name for f in out["files"]] == ["b_bao_cao.txt", "a_bao_cao.txt"]
    findings = out["files"][1]["findings"]
    assert [f["rule"] for f in findings] == ["XB001"]
    assert "b_bao_cao.txt" in findings[0]["related"]["label"]


@needs_shared
def test_cli_sources_and_summary(tmp_path, capsys):
    src = tmp_path / "tnmt.txt"
    src.write_text(SOURCE_TNMT.replace("kiểm tra 03 đơn vị", "kiểm tra 02 đơn vị"), encoding="utf-8")
    summary = SHARED / "seeds" / "000_c03d6b0ecd1a4636.txt"
    code = main(["check", "--sources", str(src), "--summary", str(summary), "--format", "json",
                 "--select", "XB", "--no-config"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    by_name = {Path(f["path"]).name: f["findings"] for f in out["files"]}
    assert [f["rule"] for f in by_name[summary.name]] == ["XB005"]
    assert by_name["tnmt.txt"] == []


def test_cli_summary_needs_sources(capsys):
    assert main(["check", "--summary", "x.txt"]) == 2
