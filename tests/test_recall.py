"""Recall on slips we inject ourselves (scripts/inject_errors.py) into reports bundled in the repo.

Each mutant carries ONE realistic slip found by pattern in the text (a percent that no longer
matches its fraction, a part that no longer adds up, a reversed range, an impossible date, a
pasted paragraph, a numbering gap, a wrong "next period" heading …). Every mutant must get a new
finding on the mutated lines, and no new finding anywhere else (numbers, dates, structure rules).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

_spec = importlib.util.spec_from_file_location("inject_errors", ROOT / "scripts" / "inject_errors.py")
inject = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("inject_errors", inject)
_spec.loader.exec_module(inject)

RULES = [r for r in load_rules() if r.id[:2] in ("SO", "NT", "CT")]

# Kinds a careful checker can see in the sample reports. Left out on purpose: a part of a
# "trong đó" list made smaller (a partial list may fall short of its total, so it is no slip).
KINDS = {
    "clean_monthly_report.txt": ["next_period_heading", "duplicate_paragraph", "numbering_repeat"],
    "seed_001_monthly_report.txt": [
        "percent_ratio", "sum_total_changed", "sum_part_changed", "complement_changed", "impossible_date",
        "day_month_swap", "reversed_range", "term_length", "date_range_reversed", "commemoration_day",
        "anniversary_count", "can_chi_year", "next_period_heading", "duplicate_paragraph", "numbering_gap",
    ],
}


def _mutants():
    for name, kinds in KINDS.items():
        text = (SAMPLES / name).read_text(encoding="utf-8")
        found = inject.mutations(text, seed=0, per_kind=1, name=name)
        by_kind = {m.kind: m for m in found}
        for kind in kinds:
            yield pytest.param(name, text, by_kind.get(kind), kind, id=f"{name.split('_')[0]}-{kind}")


_BASELINES: dict[str, list] = {}


def _baseline(name: str, text: str) -> list:
    if name not in _BASELINES:
        _BASELINES[name] = inject.run_rules(text, RULES)
    return _BASELINES[name]


@pytest.mark.parametrize("name, text, mutation, kind", list(_mutants()))
def test_injected_slip_is_found_and_nothing_else(name, text, mutation, kind):
    assert mutation is not None, f"the injector no longer finds a place for {kind} in {name}"
    outcome = inject.evaluate(text, [mutation], RULES, _baseline(name, text))[0]
    assert outcome.detected, f"missed: {mutation.describe()}"
    assert outcome.by_expected_family, (
        f"{mutation.describe()} found only by {[f.rule for f in outcome.hits]}, not by {mutation.family}")
    assert not outcome.alarms, [(f.rule, f.location.line, f.excerpt, f.message) for f in outcome.alarms]


def test_injector_mutates_by_pattern_not_by_document():
    """The same slip kinds are found in a report the injector has never been tuned to."""
    text = ("BÁO CÁO\nKết quả công tác tháng 6 năm 2024\nI. KẾT QUẢ\n"
            "1. Nông nghiệp\nĐã gieo cấy 1.240/1.300 ha lúa, đạt 95,4% kế hoạch.\n"
            "2. Văn hóa - Xã hội\nTổ chức 12 lớp tập huấn (Tân Hà 4 lớp, Lộc An 5 lớp, Đinh Lạc 3 lớp).\n"
            "3. Nội chính\nTriển khai kế hoạch phòng chống thiên tai giai đoạn 2021 - 2025 từ ngày 15/6/2024.\n"
            "II. NHIỆM VỤ TRỌNG TÂM THÁNG 7\nTiếp tục chỉ đạo sản xuất.\n")
    kinds = {m.kind for m in inject.mutations(text, per_kind=0)}
    assert {"percent_fraction", "sum_total_changed", "sum_part_changed", "reversed_range", "impossible_date",
            "day_month_swap", "next_period_heading"} <= kinds
    for m in inject.mutations(text, per_kind=0):
        assert m.text != text and m.text.count("\n") - text.count("\n") in (0, m.shift)
