from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import check_text
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def all_rules():
    return load_rules()


@pytest.fixture(scope="session")
def run(all_rules):
    """run(text, "SO001") -> findings of that rule on a text."""
    by_id = {r.id: r for r in all_rules}

    def _run(text: str, *rule_ids: str):
        rules = [by_id[r] for r in rule_ids] if rule_ids else all_rules
        return check_text(text, rules)

    return _run
