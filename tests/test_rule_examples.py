"""Every rule's own examples, run automatically (as LanguageTool and SQLFluff do).

A rule cannot land without at least one ``flag`` and one ``pass`` example, and
each must behave as written in rules/*.yaml.
"""

from __future__ import annotations

import pytest

from checker.api import check_text
from checker.crossdoc import check_example, is_crossdoc
from checker.engine import validate_rules
from checker.ruleset import load_rules

RULES = load_rules()


def _check(rule, text):
    """Cross-document rules (XB) read their example as several documents; the others as one."""
    if is_crossdoc(rule):
        assert not check_text(text, [rule]), f"{rule.id} must stay quiet on a single document"
        return check_example(text, [rule])
    return check_text(text, [rule])


def test_rules_validate():
    validate_rules(RULES)
    assert RULES, "no rules loaded"


def _flag_cases():
    for rule in RULES:
        for i, ex in enumerate(rule.examples.flag):
            yield pytest.param(rule, ex, id=f"{rule.id}-flag{i}")


def _pass_cases():
    for rule in RULES:
        for i, text in enumerate(rule.examples.pass_):
            yield pytest.param(rule, text, id=f"{rule.id}-pass{i}")


@pytest.mark.parametrize("rule,example", list(_flag_cases()))
def test_flag_example(rule, example):
    findings = [f for f in _check(rule, example.text) if f.rule == rule.id]
    internal = [f for f in findings if f.evidence and f.evidence.get("internal_error")]
    assert not internal, internal[0].message
    assert findings, f"{rule.id} did not flag: {example.text!r}"
    if example.excerpt is not None:
        excerpts = [f.excerpt for f in findings]
        assert example.excerpt in excerpts, f"{rule.id}: expected excerpt {example.excerpt!r}, got {excerpts}"
    if example.suggestion is not None:
        suggestions = " | ".join(f.suggestion or "" for f in findings)
        assert example.suggestion in suggestions, f"{rule.id}: suggestion {suggestions!r}"


@pytest.mark.parametrize("rule,text", list(_pass_cases()))
def test_pass_example(rule, text):
    findings = [f for f in _check(rule, text) if f.rule == rule.id]
    assert not findings, f"{rule.id} flagged correct text: {[(f.excerpt, f.message) for f in findings]}"
