"""Annotated copy of a .docx: one Word comment per finding, anchored exactly on its excerpt.

Runs are split at the excerpt's edges (a split run keeps its formatting: ``w:rPr`` is copied),
so the comment covers "91,3%" and not the whole paragraph. The comment's author is "rasoat"; its
text is the message, the arithmetic and the suggestion. The original file is never modified and
the copy is written atomically (temp file + rename).
"""

from __future__ import annotations

import copy
import io
from typing import Iterable, Optional

import docx
from docx.text.run import Run
from lxml import etree

from ..atomic import atomic_write_bytes, guard_output
from ..findings import Finding
from ..model import Document, TextUnit
from ..readers import read_document
from ..readers.comments import pair_units
from ..readers.docx_reader import (T_ALTCONTENT, T_BR, T_CR, T_NBH, T_R, T_RPR, T_T, T_TAB, run_segments)

AUTHOR, INITIALS = "rasoat", "RS"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def comment_text(f: Finding) -> str:
    lines = [f"[{f.rule}] {f.message}"]
    if f.evidence and f.evidence.get("arithmetic") and str(f.evidence["arithmetic"]) not in f.message:
        lines.append(f"Phép tính: {f.evidence['arithmetic']}")
    ev = f.evidence or {}
    if f.crosses_documents:  # the other report's place and sentence
        other = (f.related_path or "").replace("\\", "/").rsplit("/", 1)[-1]
        where = f.related.label if f.related is not None and f.related.label else other
        if ev.get("other_sentence"):
            lines.append(f"Đối chiếu {where}: “{ev['other_sentence']}”")
        else:
            lines.append(f"Đối chiếu {where}: không thấy đoạn nào tương ứng")
    elif f.related is not None and f.related.label:
        lines.append(f"Xem thêm: {f.related.label}")
    if f.suggestion:
        lines.append(f"Gợi ý: {f.suggestion}")
    return "\n".join(lines)


def _child_len(child: etree._Element) -> int:
    tag = child.tag
    if tag == T_T:
        return len(child.text or "")
    if tag in (T_TAB, T_BR, T_CR, T_NBH):
        return 1
    return 0


def _keep_range(r: etree._Element, lo: int, hi: Optional[int]) -> None:
    """Keep only the run content in [lo, hi) (character offsets within the run)."""
    pos = 0
    for child in list(r):
        if child.tag == T_RPR:
            continue
        n = _child_len(child)
        if n == 0:
            keep = pos < hi if hi is not None else pos >= lo  # left part / right part
            if not keep:
                r.remove(child)
            continue
        a, b = pos, pos + n
        pos = b
        s, e = max(a, lo), b if hi is None else min(b, hi)
        if e <= s:
            r.remove(child)
        elif (s, e) != (a, b):  # only w:t can be partly kept
            child.text = child.text[s - a:e - a]
            child.set(XML_SPACE, "preserve")


def split_run(r: etree._Element, k: int) -> etree._Element:
    """Split ``r`` after ``k`` characters; returns the new right-hand run (same formatting)."""
    right = copy.deepcopy(r)
    _keep_range(r, 0, k)
    _keep_range(right, k, None)
    r.addnext(right)
    return right


def _run_spans(p: etree._Element) -> list[tuple[etree._Element, int, int]]:
    spans: list[list] = []
    pos = 0
    for text, r in run_segments(p):
        if spans and spans[-1][0] is r:
            spans[-1][2] += len(text)
        else:
            spans.append([r, pos, pos + len(text)])
        pos += len(text)
    return [tuple(s) for s in spans]


def isolate(p: etree._Element, start: int, end: int) -> list[etree._Element]:
    """Split runs so that [start, end) of the paragraph text is covered by whole runs; return them."""
    for cut in (start, end):
        for r, a, b in _run_spans(p):
            if a < cut < b:
                if any(c.tag == T_ALTCONTENT for c in r):
                    break  # never split a run holding alternate content
                split_run(r, cut - a)
                break
    return [r for r, a, b in _run_spans(p) if a < end and b > start]


def _unit_for(units_by_key: dict, f: Finding) -> Optional[TextUnit]:
    loc = f.location
    return units_by_key.get((loc.block, loc.table, loc.row, loc.col, loc.paragraph))


def annotate_docx(src: str, dst: str, findings: Iterable[Finding], document: Optional[Document] = None) -> int:
    """Write ``dst``: a copy of ``src`` with one comment per finding. Returns the number of comments."""
    guard_output(dst, [src])
    document = document or read_document(src)
    word = docx.Document(src)
    body = word.element.body
    para_of = pair_units(document, body)
    units_by_key = {(u.block, u.table, u.row, u.col, u.paragraph): u for u in document.units()}
    first_with_runs = next((p for i, p in sorted(para_of.items()) if _run_spans(p)), None)
    count = 0
    for f in findings:
        unit = _unit_for(units_by_key, f)
        p = para_of.get(unit.index) if unit is not None else None
        offset = len(unit.numbering) + 1 if unit is not None and unit.numbering else 0
        start, end = f.location.start - offset, f.location.end - offset
        if p is None:
            p, start, end = first_with_runs, 0, 0
        if p is None:
            continue
        text_len = sum(b - a for _, a, b in _run_spans(p))
        if end <= start or start < 0 or end > text_len:  # no excerpt: anchor on the whole paragraph
            start, end = 0, text_len
        runs = [r for r in isolate(p, start, end)] if end > start else []
        runs = [r for r in runs if r.tag == T_R]
        if not runs:
            spans = _run_spans(p)
            if not spans:
                continue
            runs = [spans[0][0], spans[-1][0]]
        first = Run(runs[0], None)
        last = Run(runs[-1], None)
        word.add_comment([first, last], text=comment_text(f), author=AUTHOR, initials=INITIALS)
        count += 1
    buffer = io.BytesIO()
    word.save(buffer)
    atomic_write_bytes(dst, buffer.getvalue())
    return count
