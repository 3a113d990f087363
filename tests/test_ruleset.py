"""Rule files are validated: a bad file is a clear error naming file and field."""

from __future__ import annotations

import pytest

from checker.engine import validate_rules
from checker.ruleset import RuleFileError, load_rule_file, load_rules

GOOD = """
family: demo
rules:
  - id: ZZ001
    title: Thử
    severity: warning
    check: pattern
    message: "Có {match}"
    params: {pattern: "xyz"}
    examples:
      flag: [{text: "có xyz", excerpt: "xyz"}]
      pass: ["không có"]
"""


def write(tmp_path, text, name="demo.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_good_file_loads(tmp_path):
    rf = load_rule_file(write(tmp_path, GOOD))
    assert rf.rules[0].id == "ZZ001" and rf.rules[0].family == "demo"
    validate_rules(rf.rules)


@pytest.mark.parametrize("old,new,field", [
    ("severity: warning", "severity: loud", "rules[0](ZZ001).severity"),
    ("id: ZZ001", "id: zz1", "rules[0](zz1).id"),
    ('      pass: ["không có"]', "      pass: []", "rules[0](ZZ001).examples.pass"),
])
def test_bad_field_is_named(tmp_path, old, new, field):
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(RuleFileError) as err:
        load_rule_file(path)
    assert str(path) in str(err.value) and field in str(err.value)


def test_unknown_check_and_bad_params(tmp_path):
    rf = load_rule_file(write(tmp_path, GOOD.replace("check: pattern", "check: nosuch")))
    with pytest.raises(RuleFileError, match="nosuch"):
        validate_rules(rf.rules)
    rf = load_rule_file(write(tmp_path, GOOD.replace('{pattern: "xyz"}', '{patern: "xyz"}')))
    with pytest.raises(RuleFileError, match="params"):
        validate_rules(rf.rules)


def test_duplicate_ids_rejected(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(RuleFileError, match="ZZ001"):
        load_rules(tmp_path)


def test_invalid_yaml(tmp_path):
    with pytest.raises(RuleFileError, match="YAML"):
        load_rule_file(write(tmp_path, "rules: [\n"))
