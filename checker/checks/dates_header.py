"""The document's own number and symbol against its own type (rule NT025).

"Số: 55/2007/CT-UBND" in the masthead above the title "QUYẾT ĐỊNH": the symbol names a directive
(Chỉ thị), a slip that comes from starting a draft from another document. The type is the first
line after the masthead that is only a document type name in capitals ("BÁO CÁO", "KẾ HOẠCH",
"THÔNG BÁO KẾT LUẬN"…); the symbol is the "Số: …" line of the masthead before it. References to
other documents inside the text are NT021's.
"""

from __future__ import annotations

from typing import Iterable, Optional

import regex
from pydantic import BaseModel

from ..context import CheckContext
from ..findings import Finding
from ..ruleset import RuleSpec
from . import register
from .dates_refs import ISSUED_BY_DECISION, KNOWN_TYPES, TYPE_ABBREVIATIONS

MASTHEAD_UNITS = 12  # the "Số: …" line is among the first units of a document
TITLE_GAP = 6  # the type line follows it within a few units (motto, place and date between)

# "Số: 144/KH-UBND", "Số:      /BC-BCĐ" (number left blank), "Số: 55/2007/CT-UBND", "Số 12-BC/HU" (Party)
OWN_NUMBER_RE = regex.compile(
    r"(?<![\p{L}\d])Số\s*:?\s*(?P<num>\d{1,5}[a-z]?)?\s*(?:/\s*(?:19|20)\d{2}\s*)?(?P<sep>/|-)\s*"
    r"(?P<seg0>\p{Lu}[\p{L}]*)(?=\s*[-/]\s*\p{Lu})")
# the whole unit is a type name: "BÁO CÁO", "THÔNG BÁO KẾT LUẬN", "KẾ HOẠCH" (not "KẾ HOẠCH NĂM 2026")
TYPE_LINE_RE = regex.compile(
    r"^\s*(?P<type>" + "|".join(sorted((t.upper() for t in TYPE_ABBREVIATIONS), key=len, reverse=True))
    + r")(?:\s+KẾT\s+LUẬN)?\s*$")


def _own_number(ctx: CheckContext):
    """(unit index, unit, match) of the masthead's "Số: …", or None."""
    for i, unit in enumerate(ctx.units()[:MASTHEAD_UNITS]):
        m = OWN_NUMBER_RE.search(unit.ntext)
        if m:
            return i, unit, m
    return None


def _type_after(ctx: CheckContext, index: int) -> Optional[str]:
    for unit in ctx.units()[index + 1:index + 1 + TITLE_GAP]:
        m = TYPE_LINE_RE.match(unit.ntext)
        if m:
            return m.group("type").lower()
    return None


@register("own_number_type_mismatch")
def own_number_type_mismatch(ctx: CheckContext, rule: RuleSpec, p: BaseModel) -> Iterable[Finding]:
    found = _own_number(ctx)
    if found is None:
        return
    index, unit, m = found
    doc_type = _type_after(ctx, index)
    expected = TYPE_ABBREVIATIONS.get(doc_type or "")
    seg0 = m.group("seg0")
    if not expected or seg0.upper() in {e.upper() for e in expected} or seg0 not in KNOWN_TYPES:
        return  # the right type, or a symbol that is not a type ("UBND-NC" of an official letter)
    if seg0 == "QĐ" and doc_type in ISSUED_BY_DECISION:
        return  # a plan or a rule issued by a decision carries the decision's number
    fixed = "/".join(sorted(expected))
    yield ctx.finding(rule, unit, m.start("seg0"), m.end("seg0"), type=doc_type.upper(), abbr=seg0,
                      expected=fixed, suggestion=fixed if len(expected) == 1 else None,
                      evidence={"number_line": m.group(0).strip(), "title": doc_type.upper(),
                                "expected_abbreviation": sorted(expected), "written": seg0,
                                "arithmetic": f"{doc_type.upper()} → {fixed} ≠ {seg0}"})
