"""Generic, declarative check kinds (as Vale's existence/repetition): parameters live in YAML."""

from __future__ import annotations

from typing import Iterable, Literal, Optional

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..context import CheckContext, render
from ..findings import Finding
from ..lexicon import is_word
from ..ruleset import RuleSpec
from . import register

Scope = Literal["all", "body", "table", "heading"]


def in_scope(unit, scope: Scope) -> bool:
    if scope == "all":
        return True
    if scope == "table":
        return unit.in_table
    if scope == "heading":
        return bool(unit.heading_level) or bool(unit.section and unit.text.startswith(unit.section))
    return not unit.in_table


class PatternParams(BaseModel):
    """``pattern``: a regex over NFC text; the finding covers group ``group``."""

    model_config = ConfigDict(extra="forbid")
    pattern: str
    group: int | str = 0
    ignore_case: bool = False
    suggestion: Optional[str] = None  # template: {match}, {g1}, {name} for named groups
    unless: list[str] = Field(default_factory=list)  # antipatterns tried on the sentence
    scope: Scope = "all"
    max_per_unit: int = Field(20, ge=1)  # a paragraph with more hits is noise (or hostile input)
    # Optional speed-up: a simple regex that every match of ``pattern`` contains ("  " for a double
    # space). A paragraph without it is skipped unscanned; a complex pattern costs ~10x more.
    prefilter: Optional[str] = None

    @field_validator("pattern", "unless", "prefilter")
    @classmethod
    def _compiles(cls, value):
        for p in [value] if isinstance(value, str) else value or []:
            regex.compile(p)
        return value


@register("pattern", PatternParams)
def pattern(ctx: CheckContext, rule: RuleSpec, p: PatternParams) -> Iterable[Finding]:
    flags = regex.IGNORECASE if p.ignore_case else 0
    rx = regex.compile(p.pattern, flags)
    unless = [regex.compile(u, flags) for u in p.unless]
    pre = regex.compile(p.prefilter, flags) if p.prefilter else None
    for unit in ctx.units():
        if not in_scope(unit, p.scope):
            continue
        text = unit.ntext
        if pre is not None and not pre.search(text):
            continue
        hits = 0
        for m in rx.finditer(text):
            if hits >= p.max_per_unit:
                break
            if any(u.search(text, max(0, m.start() - 60), min(len(text), m.end() + 60)) for u in unless):
                continue
            s, e = m.span(p.group)
            groups = {f"g{i}": g or "" for i, g in enumerate(m.groups(), start=1)}
            groups.update({k: v or "" for k, v in m.groupdict().items()})
            groups["match"] = m.group(p.group)
            hits += 1
            yield ctx.finding(rule, unit, s, e,
                              suggestion=render(p.suggestion, groups) if p.suggestion else None, **groups)


class RepeatedParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_words: int = Field(4, ge=1, le=8)  # longest repeated phrase looked for
    allow: list[str] = Field(default_factory=list)  # sequences that may repeat ("từng từng"?)
    max_per_unit: int = Field(10, ge=1)  # more repeats in one paragraph is not a typing slip


SYLLABLE = regex.compile(r"\p{L}+")


@register("repeated", RepeatedParams)
def repeated(ctx: CheckContext, rule: RuleSpec, p: RepeatedParams) -> Iterable[Finding]:
    """A word or phrase written twice in a row: "được được", "hỗ trợ hỗ trợ".

    Not flagged: reduplicatives that are words themselves ("ngày ngày", "dần dần"), and
    two words that share a syllable ("hành vi" + "vi phạm").
    """
    allow = {a.lower() for a in p.allow}
    for unit in ctx.units():
        text = unit.ntext
        toks = list(SYLLABLE.finditer(text))
        low = [t.group().lower() for t in toks]
        i = 0
        hits = 0
        while i < len(toks) and hits < p.max_per_unit:
            # a repeat of n words starting here has low[i] == low[i + n]: nearly always none
            if low[i] not in low[i + 1:i + 1 + p.max_words]:
                i += 1
                continue
            hit = _repeat_at(text, toks, low, i, p.max_words, allow)
            if hit is None:
                i += 1
                continue
            n = hit
            first = text[toks[i].start():toks[i + n - 1].end()]
            s, e = toks[i + n].start(), toks[i + 2 * n - 1].end()
            hits += 1
            yield ctx.finding(rule, unit, toks[i].start(), e, phrase=first,
                              suggestion=f"Bỏ bớt một lần “{first}”",
                              evidence={"repeated": first, "words": n})
            i += 2 * n


def _repeat_at(text, toks, low, i, max_words, allow) -> Optional[int]:
    for n in range(max_words, 0, -1):
        if i + 2 * n > len(toks):
            continue
        if low[i:i + n] != low[i + n:i + 2 * n]:
            continue
        # only whitespace between the tokens of the two copies
        if any(text[toks[k].end():toks[k + 1].start()].strip() for k in range(i, i + 2 * n - 1)):
            continue
        phrase = " ".join(low[i:i + 2 * n])
        if phrase in allow or " ".join(low[i:i + n]) in allow:
            return None
        if n == 1 and _legitimate_single(low, i, toks, text):
            return None
        if toks[i].group().isupper() and len(toks[i].group()) > 1 and n == 1:
            return None  # abbreviations ("UBND UBND" is rare; codes repeat legitimately)
        return n
    return None


def _legitimate_single(low, i, toks, text) -> bool:
    w = low[i]
    if is_word(w, w):  # reduplicative: "ngày ngày", "thường thường"
        return True
    before = low[i - 1] if i > 0 and not text[toks[i - 1].end():toks[i].start()].strip() else None
    after = low[i + 2] if i + 2 < len(low) and not text[toks[i + 1].end():toks[i + 2].start()].strip() else None
    # "hành vi vi phạm": the first copy closes one word, the second opens the next.
    return bool(before and after and is_word(before, w) and is_word(w, after))
