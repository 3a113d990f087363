"""Each sample report gives exactly the findings recorded in samples/expected/."""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("update_expected", ROOT / "scripts" / "update_expected.py")
update_expected = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_expected)

SAMPLES = update_expected.sample_files()


def test_every_sample_has_an_expected_file() -> None:
    assert SAMPLES, "no sample reports found"
    missing = [s.name for s in SAMPLES if not update_expected.expected_path(s).exists()]
    assert not missing, f"no expected findings for {missing}: run python scripts/update_expected.py"


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_sample_findings_match_expected(sample: Path) -> None:
    stored = update_expected.expected_path(sample)
    if not stored.exists():
        pytest.fail(f"missing {stored.name}")
    expected = stored.read_text(encoding="utf-8")
    current = update_expected.render(update_expected.snapshot(sample))
    if current != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), current.splitlines(True),
                                            "expected", "current"))
        pytest.fail("findings changed; if on purpose run python scripts/update_expected.py\n" + diff)


def test_the_clean_sample_is_clean() -> None:
    clean = [s for s in SAMPLES if s.stem.startswith("clean_")]
    assert clean
    for sample in clean:
        assert json.loads(update_expected.expected_path(sample).read_text(encoding="utf-8")) == []
