"""docs/RULES.md is generated from rules/*.yaml and must not drift from them."""

from pathlib import Path

from checker.builtin_rules import with_builtins
from checker.reporters.docs import rules_markdown
from checker.ruleset import load_rules

RULES_DOC = Path(__file__).resolve().parents[1] / "docs" / "RULES.md"


def test_rules_reference_is_up_to_date() -> None:
    expected = rules_markdown(with_builtins(load_rules()))
    assert RULES_DOC.read_text(encoding="utf-8") == expected, (
        "docs/RULES.md is stale: run `rasoat rules --format markdown > docs/RULES.md`")
