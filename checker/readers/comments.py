"""Word comments (word/comments.xml) and where they are anchored, in rasoat's units.

Used for suppression ("rasoat: bỏ qua NN001" written as a Word comment) and, through
``unit_paragraphs``, by the annotated-copy writer and the fixer, which must find the ``w:p``
element behind each ``TextUnit``. ``unit_paragraphs`` walks the body exactly as
``DocxReader`` does (body p/tbl, through sdt/customXml/ins/moveTo; table rows → cells,
vertical-merge continuations skipped; a cell's paragraphs, then its nested tables), so the
n-th element it yields is the paragraph of ``document.units()[n]``.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import Iterator, Optional

from lxml import etree

from ..model import Document, TextUnit
from .docx_reader import (PARSER, T_CUSTOMXML, T_P, T_SDT, T_SDTCONTENT, T_TBL, T_TC, T_TR, T_TRPR, VAL,
                          cell_props, children_through_sdt, paragraph_text, q)
from .errors import ReadError
from .zipguard import ZipLimits, open_docx_part

T_COMMENT = q("comment")
T_RANGE_START, T_RANGE_END, T_COMMENT_REF = q("commentRangeStart"), q("commentRangeEnd"), q("commentReference")
W_ID = q("id")
_BLOCK_CONTAINERS = (T_SDT, T_SDTCONTENT, T_CUSTOMXML, q("ins"), q("moveTo"))


@dataclass
class WordComment:
    id: str
    text: str
    author: str = ""
    units: list[int] = field(default_factory=list)  # indices into document.units() it covers


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    for child in container:
        if child.tag in (T_P, T_TBL):
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _blocks(child)


def _table_paragraphs(tbl: etree._Element) -> Iterator[etree._Element]:
    open_merges: set[int] = set()
    for tr in children_through_sdt(tbl, T_TR):
        col = 0
        trpr = tr.find(T_TRPR)
        if trpr is not None:
            before = trpr.find(q("gridBefore"))
            if before is not None and before.get(VAL, "").isdigit():
                col = int(before.get(VAL))
        for tc in children_through_sdt(tr, T_TC):
            span, vmerge = cell_props(tc)
            if vmerge == "continue" and col in open_merges:
                col += span
                continue
            paragraphs, tables = [], []
            for child in tc:
                if child.tag == T_P:
                    paragraphs.append(child)
                elif child.tag == T_TBL:
                    tables.append(child)
                elif child.tag in (T_SDT, T_CUSTOMXML):
                    for block in _blocks(child):
                        (paragraphs if block.tag == T_P else tables).append(block)
            if vmerge == "restart":
                open_merges.add(col)
            else:
                open_merges.discard(col)
            yield from paragraphs
            for nested in tables:
                yield from _table_paragraphs(nested)
            col += span


def unit_paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    """The ``w:p`` elements in ``document.units()`` order."""
    for block in _blocks(body):
        if block.tag == T_P:
            yield block
        else:
            yield from _table_paragraphs(block)


def _unit_body_text(unit: TextUnit) -> str:
    return unit.text[len(unit.numbering) + 1:] if unit.numbering else unit.text


def pair_units(document: Document, body: etree._Element) -> dict[int, etree._Element]:
    """unit index -> its ``w:p``; checked by text so a reader change can never misplace an edit."""
    units = document.units()
    elements = list(unit_paragraphs(body))
    out: dict[int, etree._Element] = {}
    if len(elements) == len(units):
        for unit, p in zip(units, elements):
            if paragraph_text(p) == _unit_body_text(unit):
                out[unit.index] = p
        if len(out) == len(units):
            return out
    # fallback: match in order by text
    j = 0
    for unit in units:
        want = _unit_body_text(unit)
        for k in range(j, len(elements)):
            if paragraph_text(elements[k]) == want:
                out[unit.index] = elements[k]
                j = k + 1
                break
    return out


def _comment_texts(data: bytes) -> dict[str, tuple[str, str]]:
    root = etree.fromstring(data, PARSER)
    out = {}
    for c in root.iter(T_COMMENT):
        paras = ["".join(t.text or "" for t in p.iter(q("t"))) for p in c.iter(T_P)]
        out[c.get(W_ID, "")] = ("\n".join(paras).strip(), c.get(q("author"), ""))
    return out


def read_comments(path: str, document: Document, limits: Optional[ZipLimits] = None) -> list[WordComment]:
    """The document's Word comments with the units each one is anchored on (empty if none)."""
    limits = limits or ZipLimits()
    try:
        with zipfile.ZipFile(path) as zf:
            comments_xml = open_docx_part(zf, "word/comments.xml", path, limits)
            if not comments_xml:
                return []
            body_xml = open_docx_part(zf, "word/document.xml", path, limits, required=True)
        texts = _comment_texts(comments_xml)
        root = etree.fromstring(body_xml, PARSER)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, ReadError, OSError):
        return []
    body = root.find(q("body"))
    if body is None:
        return []
    elements = pair_units(document, body)  # keeps the element proxies alive: identity keys are stable
    unit_of = {p: i for i, p in elements.items()}
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    pending: list[str] = []
    last: Optional[int] = None
    for el in body.iter():
        if el.tag == T_P and el in unit_of:
            last = unit_of[el]
            for cid in pending:
                starts[cid] = last
            pending = []
            continue
        if el.tag not in (T_RANGE_START, T_RANGE_END, T_COMMENT_REF):
            continue
        cid = el.get(W_ID, "")
        anc = next(el.iterancestors(T_P), None)
        where = unit_of.get(anc) if anc is not None else None
        if el.tag == T_RANGE_START:
            if where is None:
                pending.append(cid)
            else:
                starts[cid] = where
        else:
            at = where if where is not None else last
            if at is not None:
                ends.setdefault(cid, at) if el.tag == T_COMMENT_REF else ends.__setitem__(cid, at)
                starts.setdefault(cid, at)
    out = []
    for cid, (text, author) in texts.items():
        if cid not in starts and cid not in ends:
            continue
        a = starts.get(cid, ends.get(cid))
        b = ends.get(cid, a)
        lo, hi = min(a, b), max(a, b)
        out.append(WordComment(id=cid, text=text, author=author, units=list(range(lo, hi + 1))))
    return out
