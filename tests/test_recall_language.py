"""Recall on language slips we inject ourselves (scripts/inject_language.py) into reports
bundled in the repo: a word or phrase typed twice, a Telex/VNI keystroke slip, an NFD word, a
tone-style switch, a Cyrillic letter, a space before a comma, an unclosed quote or bracket.

Every slip that leaves a broken or unknown syllable (or is not a syllable slip at all) must get a
new finding on its line, and no mutant may get a new finding anywhere else (all rule families).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "samples" / "clean_monthly_report.txt", *sorted((ROOT / "tests" / "data" / "recall").glob("*.txt"))]

_spec = importlib.util.spec_from_file_location("inject_language", ROOT / "scripts" / "inject_language.py")
inject = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("inject_language", inject)
_spec.loader.exec_module(inject)

RULES = load_rules()
_BASELINES: dict[str, list] = {}


def _outcomes(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.name not in _BASELINES:
        _BASELINES[path.name] = inject.run_rules(text, RULES)
    muts = inject.mutations(text, seed=0, per_kind=1, name=path.name)
    return inject.evaluate(text, muts, RULES, _BASELINES[path.name])


_ALL = {p.name: _outcomes(p) for p in FILES}


def _params(real: bool):
    for name, outs in _ALL.items():
        for o in outs:
            if o.mutation.kind.endswith("/real") == real:
                yield pytest.param(o, id=f"{name[:12]}-{o.mutation.kind}-{o.mutation.line}")


@pytest.mark.parametrize("outcome", list(_params(real=False)))
def test_slip_is_found_and_nothing_else(outcome):
    mu = outcome.mutation
    assert outcome.detected, f"missed: {mu.describe()}"
    assert any(f.rule.startswith("NN") for f in outcome.hits), [f.rule for f in outcome.hits]
    assert not outcome.alarms, [(f.rule, f.location.line, f.excerpt, f.message) for f in outcome.alarms]


@pytest.mark.parametrize("outcome", list(_params(real=True)))
def test_real_syllable_slip_gives_no_false_alarm(outcome):
    """A slip that makes another real syllable ("tỉnh" -> "tình") is often invisible without
    meaning; it must at least not make the checker point elsewhere."""
    assert not outcome.alarms, [(f.rule, f.location.line, f.excerpt, f.message) for f in outcome.alarms]


def test_some_real_syllable_slips_are_found():
    """Regression guard: on these files 6 of 15 real-syllable slips are found today."""
    real = [o for outs in _ALL.values() for o in outs if o.mutation.kind.endswith("/real")]
    assert len(real) >= 10
    assert sum(o.detected for o in real) >= 5, [o.mutation.describe() for o in real if not o.detected]


def test_every_kind_is_exercised():
    kinds = {o.mutation.kind.split("/")[0] for outs in _ALL.values() for o in outs}
    assert {"repeat_word", "repeat_phrase", "tone_misplaced", "letter_doubled", "letter_dropped",
            "letters_swapped", "horn_dropped", "tone_changed", "missing_space", "nfd_word",
            "tone_style_switch", "cyrillic_letter", "space_before_comma", "unbalanced_bracket"} <= kinds


def test_injector_mutates_by_pattern_not_by_document():
    """Slips are made wherever the pattern fits, in a text the injector has never seen."""
    text = ("BÁO CÁO\nKết quả công tác tháng 6 năm 2024\n"
            "Trong tháng, Ủy ban nhân dân xã đã giao nhiệm vụ cho các thôn, tổ chức “Ngày hội đại đoàn kết” "
            "(tại nhà văn hóa thôn Bình An), vận động Nhân dân tham gia vệ sinh môi trường.\n"
            "Công tác hòa giải ở cơ sở được duy trì; hỗ trợ 12 hộ nghèo sửa chữa nhà ở, khám bệnh cho 300 lượt người.\n"
            "Chăm sóc sức khỏe Nhân dân (khám cho 300 lượt người), nạo vét kênh thủy lợi nội đồng dài 2,5 km.\n")
    muts = inject.mutations(text, per_kind=0)
    kinds = {m.kind.split("/")[0] for m in muts}
    assert {"repeat_word", "repeat_phrase", "letter_doubled", "letters_swapped", "missing_space", "nfd_word",
            "cyrillic_letter", "space_before_comma", "unbalanced_quote", "unbalanced_bracket",
            "tone_style_switch"} <= kinds
    for m in muts:
        assert m.text != text and m.text.count("\n") == text.count("\n")
        changed = [i for i, (a, b) in enumerate(zip(text.split("\n"), m.text.split("\n"))) if a != b]
        assert changed == [m.line - 1]


@pytest.mark.parametrize("word, fn, expected", [
    ("người", "slip_horn_dropped", {"nguời", "ngưoi"}),
    ("giao", "slip_letters_swapped", {"igao", "gaio", "gioa"}),
    ("huyện", "slip_letter_dropped", None),
    ("tỉnh", "slip_tone_changed", None),
])
def test_keystroke_slips(word, fn, expected):
    import random
    out = getattr(inject, fn)(word, random.Random(1))
    assert out and out != word
    if expected:
        assert out in expected
    if fn == "slip_tone_changed":
        assert inject.outcome(out) == "real" and inject.letters(out)[0][0] == "t"
