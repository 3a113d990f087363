"""``rasoat fix``: only safe fixes, written into a copy, each change listed.

Safe means the meaning and every figure stay as written:
* Unicode NFC normalisation (decomposed "ủ" → precomposed "ủ"; the text looks identical);
* a doubled word or phrase found by NN001 ("được được" → "được"), never when the removed part
  holds a digit;
* tone placement moved to the document's own majority style when NN005 found a clear one
  ("hoá" → "hóa" in a document written "hòa, thủy"): the same word, spelled the house way.
The input is never modified; the copy is written atomically and never over the input.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

import regex

from .atomic import atomic_write_bytes, guard_output
from .config import Config
from .findings import Finding
from .model import Document, TextUnit
from .ruleset import RuleSpec

DOUBLED_RULE = "NN001"
TONE_RULE = "NN005"
FIX_RULES = (DOUBLED_RULE, TONE_RULE)
_TOKEN = regex.compile(r"\S+")
_WORD = regex.compile(r"[\p{L}\p{M}]++")


@dataclass
class Change:
    kind: str  # "doubled" | "nfc" | "tone"
    label: str
    before: str
    after: str

    def describe(self) -> str:
        if self.kind == "nfc":
            return f"{self.label}: chuẩn hoá Unicode NFC ({self.before} → {self.after} ký tự)"
        if self.kind == "tone":
            return f"{self.label}: “{self.before}” → “{self.after}” (đặt dấu theo kiểu chung của văn bản, NN005)"
        return f"{self.label}: “{self.before}” → “{self.after}” (bỏ từ lặp, NN001)"


def doubled_cut(excerpt: str) -> Optional[int]:
    """Offset in ``excerpt`` where the repeated half starts (with the space before it), or None."""
    tokens = list(_TOKEN.finditer(excerpt))
    n = len(tokens)
    if n < 2 or n % 2:
        return None
    norm = [unicodedata.normalize("NFC", t.group()).casefold() for t in tokens]
    if norm[: n // 2] != norm[n // 2:]:
        return None
    cut = tokens[n // 2 - 1].end()
    if any(ch.isdigit() for ch in excerpt[cut:]):
        return None  # never touch a figure
    return cut


def tone_target(findings: list[Finding]) -> Optional[str]:
    """The majority tone style NN005 chose ("old" = hòa, "new" = hoà), or None when it found no mix."""
    from .checks.language_ortho import tone_style

    for f in findings:
        if f.rule == TONE_RULE and f.suggestion:
            style = tone_style(unicodedata.normalize("NFC", f.suggestion))
            if style:
                return style
    return None


def restyle_text(text: str, target: Optional[str]) -> tuple[str, list[tuple[str, str]]]:
    """Every open oa/oe/uy syllable of the other style rewritten in ``target`` style.
    Returns the new text and the (before, after) words changed. ``text`` must be NFC."""
    from .checks.language_ortho import restyle, tone_style

    if target is None:
        return text, []
    changed: list[tuple[str, str]] = []

    def swap(m: regex.Match) -> str:
        word = m.group()
        style = tone_style(word)
        if style is None or style == target:
            return word
        new = unicodedata.normalize("NFC", restyle(word, target))
        changed.append((word, new))
        return new

    return _WORD.sub(swap, text), changed


def _tone_changes(label: str, changed: list[tuple[str, str]]) -> list[Change]:
    return [Change("tone", label, before, after) for before, after in dict.fromkeys(changed)]


def _removals(document: Document, findings: list[Finding]) -> dict[int, list[tuple[int, int, Finding]]]:
    """unit index -> [(start, end, finding)] in unit-text offsets (user's characters)."""
    units = {(u.block, u.table, u.row, u.col, u.paragraph): u for u in document.units()}
    out: dict[int, list] = {}
    for f in findings:
        if f.rule != DOUBLED_RULE or not f.excerpt:
            continue
        loc = f.location
        unit = units.get((loc.block, loc.table, loc.row, loc.col, loc.paragraph))
        cut = doubled_cut(f.excerpt)
        if unit is None or cut is None or unit.text[loc.start:loc.end] != f.excerpt:
            continue
        out.setdefault(unit.index, []).append((loc.start + cut, loc.end, f))
    for spans in out.values():
        spans.sort(key=lambda s: s[0], reverse=True)
    return out


def _fix_findings(path: str, rules: list[RuleSpec], config: Optional[Config]) -> list[Finding]:
    """NN001 and NN005 findings, after the document's own suppressions and the configuration."""
    from .api import check_file, make_plan

    plan = make_plan(config, rules=rules)
    chosen = [r for r in plan.rules if r.id in FIX_RULES and r.id in plan.enabled_ids]
    if not chosen:
        return []
    result = check_file(path, chosen, config=plan.config, enabled_ids=set(), known_ids=plan.known_ids)
    return result.findings


def _delete_in_paragraph(p, start: int, end: int) -> None:
    from .reporters.annotate import _child_len, _run_spans
    from .readers.docx_reader import T_RPR, T_T

    for r, a, b in _run_spans(p):
        if b <= start or a >= end:
            continue
        pos = a
        for child in list(r):
            if child.tag == T_RPR:
                continue
            n = _child_len(child)
            if n == 0:
                continue
            s, e = max(pos, start), min(pos + n, end)
            if s < e:
                if child.tag == T_T:
                    child.text = child.text[: s - pos] + child.text[e - pos:]
                    child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                else:
                    r.remove(child)
            pos += n


def _fix_docx(src: str, document: Document, findings: list[Finding]) -> tuple[bytes, list[Change]]:
    import docx

    from .readers.comments import pair_units
    from .readers.docx_reader import T_T

    word = docx.Document(src)
    body = word.element.body
    para_of = pair_units(document, body)
    units = document.units()
    changes: list[Change] = []
    for index, spans in sorted(_removals(document, findings).items()):
        p = para_of.get(index)
        unit = units[index]
        if p is None:
            continue
        offset = len(unit.numbering) + 1 if unit.numbering else 0
        for start, end, f in spans:
            if start - offset < 0:
                continue
            _delete_in_paragraph(p, start - offset, end - offset)
            changes.append(Change("doubled", unit.label(), f.excerpt, f.excerpt[: start - f.location.start]))
    # NFC then tone style, paragraph by paragraph (each w:t on its own: never across a run)
    target = tone_target(findings)
    for index, p in sorted(para_of.items()):
        changed = 0
        restyled: list[tuple[str, str]] = []
        for t in p.iter(T_T):
            if t.text and not unicodedata.is_normalized("NFC", t.text):
                new = unicodedata.normalize("NFC", t.text)
                changed += len(t.text) - len(new)
                t.text = new
            if t.text and target:
                t.text, words = restyle_text(t.text, target)
                restyled += words
        if changed:
            changes.append(Change("nfc", units[index].label(), str(changed + _len_after(p)), str(_len_after(p))))
        changes += _tone_changes(units[index].label(), restyled)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue(), changes


def _len_after(p) -> int:
    from .readers.docx_reader import paragraph_text

    return len(paragraph_text(p))


def _fix_text(src: str, document: Document, findings: list[Finding]) -> tuple[bytes, list[Change]]:
    from .readers.text_reader import decode

    text = decode(Path(src).read_bytes(), src)
    lines = text.splitlines(keepends=True)
    units = document.units()
    changes: list[Change] = []
    for index, spans in sorted(_removals(document, findings).items()):
        unit = units[index]
        if not unit.line or unit.line > len(lines):
            continue
        raw = lines[unit.line - 1]
        body = raw.rstrip("\r\n")
        ending = raw[len(body):]
        base = _unit_offset_in_line(body, unit)
        if base is None:
            continue
        for start, end, f in spans:
            body = body[: base + start] + body[base + end:]
            changes.append(Change("doubled", unit.label(), f.excerpt, f.excerpt[: start - f.location.start]))
        lines[unit.line - 1] = body + ending
    out_lines = []
    target = tone_target(findings)
    for number, line in enumerate(lines, start=1):
        new = unicodedata.normalize("NFC", line)
        if new != line:
            changes.append(Change("nfc", f"Dòng {number}", str(len(line.rstrip('\r\n'))),
                                  str(len(new.rstrip('\r\n')))))
        new, restyled = restyle_text(new, target)
        changes += _tone_changes(f"Dòng {number}", restyled)
        out_lines.append(new)
    return "".join(out_lines).encode("utf-8"), changes


def _unit_offset_in_line(line: str, unit: TextUnit) -> Optional[int]:
    """Where ``unit.text`` starts inside its source line (lines are stripped; cells split on TAB).
    A cell of a table pasted one cell per line has its line to itself ("\\tKết quả…")."""
    if unit.table is not None and "\t" in line.strip("\t \r"):
        cells = line.split("\t")
        col = unit.col or 0
        if col >= len(cells):
            return None
        cell_start = sum(len(c) + 1 for c in cells[:col])
        at = cells[col].find(unit.text)
        return cell_start + at if at >= 0 else None
    at = line.find(unit.text)
    return at if at >= 0 else None


def fix_file(src: str, dst: str, rules: list[RuleSpec], config: Optional[Config] = None) -> Union[list[Change], str]:
    """Write the fixed copy; return the changes, or the read error message."""
    from .readers import ReadError, read_document

    guard_output(dst, [src])
    try:
        document = read_document(src)
    except ReadError as exc:
        return exc.message
    findings = _fix_findings(src, rules, config)
    with open(src, "rb") as fh:
        is_zip = fh.read(4) == b"PK\x03\x04"
    if is_zip:
        if Path(dst).suffix.lower() not in (".docx", ".docm"):
            from .atomic import OutputError

            raise OutputError(f"{dst}: bản sửa của tệp .docx phải có đuôi .docx (output must be .docx)")
        data, changes = _fix_docx(src, document, findings)
    else:
        data, changes = _fix_text(src, document, findings)
    atomic_write_bytes(dst, data)
    return changes
