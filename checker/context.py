"""What a check function receives: the document, its extracted facts, settings, and a
helper that turns a span into a Finding with excerpt, context and location."""

from __future__ import annotations

from typing import Any, Optional

import regex
from pydantic import BaseModel, Field

from .extract.figures import UnitFacts, extract, has_digit
from .findings import Finding, Severity
from .model import Document, Location, TextUnit
from .ruleset import RuleSpec

CONTEXT_CHARS = 300
_SENTENCE_END = regex.compile(r"[.;!?](?=\s|$)|\n")


class Settings(BaseModel):
    """Per-run settings a check may read (filled from configuration and the CLI)."""

    allowed_words: list[str] = Field(default_factory=list)  # extra accepted words (names included)
    allowed_names: list[str] = Field(default_factory=list)  # extra proper names (also in allowed_words)
    term_lengths: dict[str, int] = Field(default_factory=dict)
    commemorations: list[dict[str, Any]] = Field(default_factory=list)
    period: Optional[str] = None  # report period override, e.g. "tháng 6/2021"


class CheckContext:
    """One document being checked. Facts are extracted once per unit and shared by all rules."""

    def __init__(self, document: Document, settings: Optional[Settings] = None):
        self.document = document
        self.settings = settings or Settings()
        self._facts: dict[int, UnitFacts] = {}
        self.cache: dict[str, Any] = {}  # document-level facts shared between rules

    def units(self) -> list[TextUnit]:
        return self.document.units()

    def units_with_digits(self) -> list[TextUnit]:
        """The units holding a digit, in order (computed once): a rule about figures, dates or
        document numbers need not look at the others."""
        found = self.cache.get("context.units_with_digits")
        if found is None:
            found = self.cache["context.units_with_digits"] = [u for u in self.units() if has_digit(u.ntext)]
        return found

    def facts(self, unit: TextUnit) -> UnitFacts:
        facts = self._facts.get(unit.index)
        if facts is None:
            facts = self._facts[unit.index] = extract(unit.ntext)
        return facts

    def finding(
        self,
        rule: RuleSpec,
        unit: TextUnit,
        start: int,
        end: int,
        *,
        message: Optional[str] = None,
        suggestion: Optional[str] = None,
        evidence: Optional[dict[str, Any]] = None,
        severity: Optional[Severity] = None,
        related: Optional[Location] = None,
        **params: Any,
    ) -> Finding:
        """A finding on ``unit.ntext[start:end]``; ``params`` fill the rule's message template."""
        excerpt = unit.norm.excerpt(start, end)
        params.setdefault("excerpt", excerpt)
        text = message if message is not None else render(rule.message, params)
        return Finding(
            rule=rule.id,
            severity=severity or rule.severity,
            message=text,
            excerpt=excerpt,
            context=sentence_context(unit, start, end),
            location=unit.location(start, end),
            suggestion=suggestion,
            evidence=evidence,
            title=rule.title,
            related=related,
        )


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, params: dict[str, Any]) -> str:
    """Fill ``{name}`` placeholders; unknown names stay visible rather than crash."""
    return template.format_map(_Missing(params))


def sentence_context(unit: TextUnit, start: int, end: int) -> str:
    """The sentence (or cell line) around a span, as the user wrote it, at most 300 chars."""
    text = unit.ntext
    # Look for the sentence ends only within CONTEXT_CHARS of the span: beyond that the window is
    # trimmed to ~300 chars around the span anyway, and scanning the whole unit for every finding
    # made a long paragraph with many findings quadratic.
    lo = max(0, start - CONTEXT_CHARS - 2)
    hi = min(len(text), end + CONTEXT_CHARS + 2)
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        left = m.end()
    right_match = _SENTENCE_END.search(text, end, hi)
    right = right_match.end() if right_match else (len(text) if hi == len(text) else hi)
    if right - left > CONTEXT_CHARS:
        half = max(0, (CONTEXT_CHARS - (end - start)) // 2)
        left = max(left, start - half)
        right = min(right, max(end + half, left + CONTEXT_CHARS))
        right = min(right, left + CONTEXT_CHARS) if end - left <= CONTEXT_CHARS else end
    return unit.norm.excerpt(left, right).strip()
