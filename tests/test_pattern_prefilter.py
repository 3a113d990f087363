"""``prefilter`` of the generic ``pattern`` check: a cheap regex every match contains, so the
paragraphs without it are skipped unscanned (issue 8). It must never hide a finding."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import regex

from checker.api import check_text
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p for d in (ROOT / "samples", ROOT.parent / "shared" / "seeds", ROOT.parent / "shared" / "corpus")
         if d.is_dir() for p in sorted(d.glob("*.txt"))]


def _rule(prefilter):
    base = next(r for r in load_rules() if r.check == "pattern")
    params = {"pattern": r"(?P<w>\p{L}+)  +(?P<n>\p{L}+)", "suggestion": "{w} {n}"}
    if prefilter is not None:
        params["prefilter"] = prefilter
    return base.model_copy(update={"params": params})


def test_prefilter_skips_only_paragraphs_without_it():
    text = "Một dòng  có hai khoảng trắng.\nDòng này thì không.\nVà dòng  này cũng có."
    plain = [(f.location.block, f.excerpt) for f in check_text(text, [_rule(None)])]
    assert len(plain) == 2
    assert [(f.location.block, f.excerpt) for f in check_text(text, [_rule("  ")])] == plain
    assert check_text(text, [_rule("xyz")]) == []  # a wrong prefilter hides findings: hence the test below


def test_shipped_prefilters_hold_on_every_paragraph():
    """Wherever a shipped rule's pattern matches (its examples, the samples, seeds and corpus),
    its prefilter must match too."""
    rules = [r for r in load_rules() if r.check == "pattern" and r.params.get("prefilter")]
    lines = [line for p in TEXTS for line in p.read_text(encoding="utf-8").splitlines()]
    for rule in rules:
        flags = regex.IGNORECASE if rule.params.get("ignore_case") else 0
        rx, pre = regex.compile(rule.params["pattern"], flags), regex.compile(rule.params["prefilter"], flags)
        texts = lines + [ex.text for ex in rule.examples.flag] + list(rule.examples.pass_)
        for text in texts:
            for para in unicodedata.normalize("NFC", text).split("\n"):
                if rx.search(para):
                    assert pre.search(para), f"{rule.id}: prefilter misses {para!r}"
