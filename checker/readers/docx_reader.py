""".docx reader on lxml: fast, keeps tracked insertions, drops deletions, reads Word numbering.

python-docx is ~7x slower to iterate and its ``Paragraph.text`` silently drops text
inside ``w:ins``; it is kept for writing (annotated copies) only.
"""

from __future__ import annotations

import zipfile
from typing import Iterator, Optional

from lxml import etree

from ..model import Cell, Document, Paragraph, Row, Table
from .errors import ReadError
from .numbering import NumberingState, Numbering
from .tables import detect_header_rows
from .zipguard import ZipLimits, open_docx_part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


T_P, T_TBL, T_TR, T_TC, T_R, T_T = q("p"), q("tbl"), q("tr"), q("tc"), q("r"), q("t")
T_TAB, T_BR, T_CR, T_NBH = q("tab"), q("br"), q("cr"), q("noBreakHyphen")
T_PPR, T_RPR, T_TCPR, T_TRPR = q("pPr"), q("rPr"), q("tcPr"), q("trPr")
T_DEL, T_MOVEFROM, T_SDT, T_SDTCONTENT, T_CUSTOMXML = (
    q("del"), q("moveFrom"), q("sdt"), q("sdtContent"), q("customXml"))
T_FALLBACK = f"{{{MC}}}Fallback"
T_ALTCONTENT = f"{{{MC}}}AlternateContent"
T_DRAWING, T_PICT, T_OBJECT = q("drawing"), q("pict"), q("object")
T_FOOTNOTEREF = q("footnoteReference")
T_BODY, T_PSTYLE, T_OUTLINE, T_NUMPR, T_NUMID, T_ILVL = (
    q("body"), q("pStyle"), q("outlineLvl"), q("numPr"), q("numId"), q("ilvl"))
T_GRIDSPAN, T_VMERGE, T_GRIDBEFORE, T_TBLHEADER = q("gridSpan"), q("vMerge"), q("gridBefore"), q("tblHeader")
VAL = q("val")


def _child(elem: etree._Element, tag: str) -> Optional[etree._Element]:
    """``elem.find(tag)`` for a direct child, without ElementPath's per-call cost (the reader asks
    a few times for every paragraph and cell)."""
    for child in elem.iterchildren(tag):
        return child
    return None


# Secure parsing: no DTD, no entity expansion, no network (XXE / billion laughs).
PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
    remove_comments=True, remove_pis=True,
)

# Containers whose children are read as if they were the parent's.
_TRANSPARENT = {q("ins"), q("moveTo"), q("hyperlink"), q("smartTag"), q("fldSimple"),
                T_CUSTOMXML, q("bdo"), q("dir"), T_SDTCONTENT, T_SDT}
# Never read: deleted text, moved-away text, properties, legacy duplicates, drawings.
_SKIPPED = {T_DEL, T_MOVEFROM, T_PPR, T_RPR, T_FALLBACK, T_DRAWING, T_PICT, T_OBJECT, q("sdtPr"),
            q("sdtEndPr")}


_DTD_REFUSED = ("tệp .docx chứa khai báo DTD/thực thể (DOCTYPE, ENTITY) mà Word không bao giờ ghi — "
                "từ chối đọc vì lý do an toàn (DOCTYPE/entity declarations are not allowed: XXE/entity-expansion "
                "protection)")


def _has_doctype(data: bytes) -> bool:
    head = data[:8192]
    return b"<!DOCTYPE" in head or "<!DOCTYPE".encode("utf-16-le") in head or "<!DOCTYPE".encode("utf-16-be") in head


def parse_part(data: bytes, path: str) -> etree._Element:
    """Parse one XML part safely: a DTD is refused outright (Word never writes one), entities are
    never resolved, nothing is fetched; every failure is one clear ReadError."""
    if _has_doctype(data):
        raise ReadError(path, _DTD_REFUSED)
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as exc:
        text = str(exc)
        if "depth" in text.lower():
            raise ReadError(path, "cấu trúc .docx lồng nhau quá sâu, ví dụ bảng trong bảng hàng trăm lớp "
                                  "(XML nested too deeply)") from None
        if "entit" in text.lower() or "amplification" in text.lower():
            raise ReadError(path, _DTD_REFUSED) from None
        raise ReadError(path, f"nội dung XML của .docx bị hỏng (malformed XML: {exc})") from None
    except ValueError as exc:  # e.g. a str with an encoding declaration, or other lxml refusals
        raise ReadError(path, f"nội dung XML của .docx bị hỏng (malformed XML: {exc})") from None
    if root.getroottree().docinfo.doctype:
        raise ReadError(path, _DTD_REFUSED)
    return root


def run_segments(p: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """(text, w:r element) pieces of a paragraph, in order, as the reader shows them."""
    yield from _segments(p)


def _segments(elem: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    for child in elem:
        tag = child.tag
        if tag == T_R:
            for rc in child:
                rtag = rc.tag
                if rtag == T_T:
                    if rc.text:
                        yield rc.text, child
                elif rtag == T_TAB:
                    yield "\t", child
                elif rtag in (T_BR, T_CR):
                    yield "\n", child
                elif rtag == T_NBH:
                    yield "-", child
                elif rtag == T_ALTCONTENT:
                    continue
        elif tag in _SKIPPED or not isinstance(tag, str):
            continue
        elif tag in _TRANSPARENT or tag == T_ALTCONTENT:
            yield from _segments(child)


def paragraph_text(p: etree._Element) -> str:
    return "".join(text for text, _ in _segments(p))


class _Styles:
    """Style names, heading levels and style-linked numbering from styles.xml."""

    def __init__(self, root: Optional[etree._Element]):
        self.names: dict[str, str] = {}
        self.levels: dict[str, int] = {}
        self.numpr: dict[str, tuple[str, int]] = {}
        if root is None:
            return
        based: dict[str, str] = {}
        for style in root.iter(q("style")):
            sid = style.get(q("styleId"))
            if not sid:
                continue
            name = style.find(q("name"))
            self.names[sid] = name.get(VAL) if name is not None else sid
            base = style.find(q("basedOn"))
            if base is not None:
                based[sid] = base.get(VAL)
            ppr = style.find(T_PPR)
            if ppr is not None:
                outline = ppr.find(q("outlineLvl"))
                if outline is not None and outline.get(VAL, "").isdigit() and int(outline.get(VAL)) < 9:
                    self.levels[sid] = int(outline.get(VAL)) + 1
                num = _numpr(ppr)
                if num:
                    self.numpr[sid] = num
            level = _heading_level_from_name(self.names[sid])
            if level:
                self.levels.setdefault(sid, level)
        # inherit through basedOn (bounded, cycles ignored)
        for sid in list(self.names):
            seen, cur = set(), sid
            while cur in based and cur not in seen:
                seen.add(cur)
                cur = based[cur]
                if sid not in self.levels and cur in self.levels:
                    self.levels[sid] = self.levels[cur]
                if sid not in self.numpr and cur in self.numpr:
                    self.numpr[sid] = self.numpr[cur]


def _heading_level_from_name(name: str) -> Optional[int]:
    low = name.lower().replace(" ", "")
    if low.startswith("heading") and low[7:].isdigit():
        return int(low[7:])
    if low == "title":
        return 1
    return None


def _numpr(ppr: etree._Element) -> Optional[tuple[str, int]]:
    numpr = _child(ppr, T_NUMPR)
    if numpr is None:
        return None
    num_id = _child(numpr, T_NUMID)
    ilvl = _child(numpr, T_ILVL)
    if num_id is None:
        return None
    level = ilvl.get(VAL, "0") if ilvl is not None else "0"
    return num_id.get(VAL, "0"), int(level) if level.isdigit() else 0


class DocxReader:
    def __init__(self, path: str, limits: Optional[ZipLimits] = None):
        self.path = path
        self.limits = limits or ZipLimits()

    def read(self) -> Document:
        try:
            zf = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile:
            raise ReadError(self.path, "tệp .docx bị hỏng hoặc không phải .docx (not a valid zip/docx)") from None
        with zf:
            body_xml = open_docx_part(zf, "word/document.xml", self.path, self.limits, required=True)
            styles_xml = open_docx_part(zf, "word/styles.xml", self.path, self.limits)
            numbering_xml = open_docx_part(zf, "word/numbering.xml", self.path, self.limits)
        root = self._parse(body_xml)
        self.styles = _Styles(self._parse(styles_xml) if styles_xml else None)
        self.numbering = NumberingState(Numbering(self._parse(numbering_xml) if numbering_xml else None))
        body = _child(root, T_BODY)
        if body is None:
            raise ReadError(self.path, "tệp .docx không có phần nội dung (word/document.xml has no body)")
        return Document(path=self.path, blocks=list(self._blocks(body)))

    def _parse(self, data: bytes) -> etree._Element:
        return parse_part(data, self.path)

    def _blocks(self, container: etree._Element) -> Iterator:
        for child in container:
            tag = child.tag
            if tag == T_P:
                yield self._paragraph(child)
            elif tag == T_TBL:
                yield self._table(child)
            elif tag in (T_SDT, T_SDTCONTENT, T_CUSTOMXML, q("ins"), q("moveTo")):
                yield from self._blocks(child)

    def _paragraph(self, p: etree._Element) -> Paragraph:
        ppr = _child(p, T_PPR)
        style_id, level, num = None, None, None
        if ppr is not None:
            pstyle = _child(ppr, T_PSTYLE)
            if pstyle is not None:
                style_id = pstyle.get(VAL)
            outline = _child(ppr, T_OUTLINE)
            if outline is not None and outline.get(VAL, "").isdigit() and int(outline.get(VAL)) < 9:
                level = int(outline.get(VAL)) + 1
            num = _numpr(ppr)
        if style_id:
            level = level or self.styles.levels.get(style_id)
            num = num or self.styles.numpr.get(style_id)
        label = self.numbering.next_label(*num) if num else None
        return Paragraph(
            text=paragraph_text(p),
            style=self.styles.names.get(style_id, style_id) if style_id else None,
            heading_level=level,
            numbering=label,
        )

    def _table(self, tbl: etree._Element) -> Table:
        rows: list[Row] = []
        header_flags: list[bool] = []
        # origin cell of an open vertical merge, by grid column
        open_merges: dict[int, Cell] = {}
        for tr in _children(tbl, T_TR):
            col = 0
            trpr = _child(tr, T_TRPR)
            header_flags.append(trpr is not None and _child(trpr, T_TBLHEADER) is not None)
            if trpr is not None:
                before = _child(trpr, T_GRIDBEFORE)
                if before is not None and before.get(VAL, "").isdigit():
                    col = int(before.get(VAL))
            cells: list[Cell] = []
            for tc in _children(tr, T_TC):
                span, vmerge = _cell_props(tc)
                if vmerge == "continue" and col in open_merges:
                    open_merges[col].row_span += 1
                    col += span
                    continue
                cell = Cell(col=col, span=span)
                for child in tc:
                    if child.tag == T_P:
                        cell.paragraphs.append(self._paragraph(child))
                    elif child.tag == T_TBL:
                        cell.tables.append(self._table(child))
                    elif child.tag in (T_SDT, T_CUSTOMXML):
                        for block in self._blocks(child):
                            if isinstance(block, Paragraph):
                                cell.paragraphs.append(block)
                            else:
                                cell.tables.append(block)
                if vmerge == "restart":
                    open_merges[col] = cell
                else:
                    open_merges.pop(col, None)
                cells.append(cell)
                col += span
            rows.append(Row(cells=cells))
        table = Table(rows=rows)
        explicit = 0
        for flag in header_flags:
            if not flag:
                break
            explicit += 1
        table.header_rows = detect_header_rows(table, explicit)
        return table


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children with ``tag``, looking through content controls (not into nested tables)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (T_SDT, T_SDTCONTENT, T_CUSTOMXML):
            yield from _children(child, tag)


def _cell_props(tc: etree._Element) -> tuple[int, Optional[str]]:
    tcpr = _child(tc, T_TCPR)
    if tcpr is None:
        return 1, None
    span = 1
    grid = _child(tcpr, T_GRIDSPAN)
    if grid is not None and grid.get(VAL, "").isdigit():
        span = max(1, int(grid.get(VAL)))
    vmerge = _child(tcpr, T_VMERGE)
    if vmerge is None:
        return span, None
    return span, "restart" if vmerge.get(VAL) == "restart" else "continue"


# Hook for readers/comments.py, which walks the body in the same order as DocxReader to map each
# TextUnit back to its w:p (suppression comments, annotated copies, fixes). Keep it in step with
# _blocks/_table; tests/test_annotate.py::test_unit_paragraphs_mirror_the_reader guards it.
children_through_sdt = _children
cell_props = _cell_props
