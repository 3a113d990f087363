"""Suppression, applied to findings after the rules ran (rules never know about it).

* Inline marker ``rasoat: bỏ qua NN001`` (or ``rasoat: ignore NN001``; several codes with
  commas; a prefix such as ``NN`` covers the family) in a paragraph suppresses those rules in
  that paragraph; in any cell of a table row it suppresses them in the whole row.
* The same text as a Word comment suppresses them where the comment is anchored
  (the paragraphs it covers; a table row when it is anchored in a table).
* Per-file ignores from configuration drop a file's findings of the named rules.
* A marker that suppressed nothing becomes an RS100 finding (as Ruff's RUF100), so stale
  suppressions do not hide tomorrow's errors.
* Cross-document findings (XB…, ``rasoat check --series`` / ``--sources … --summary``) go through
  the same steps, on the report they sit on. When a report is checked alone the XB rules have
  nothing to compare, so a marker naming them is not reported as unused; a series run does not run
  the summary rule, nor a summary run the series rules (``cross_document_ran``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

import regex

from .builtin_rules import BUILTIN_RULES, UNUSED_SUPPRESSION
from .findings import Finding, Severity
from .model import Document, Location, TextUnit

MARKER_RE = regex.compile(
    r"rasoat\s*:\s*(?:bỏ\s+qua|ignore)\s+(?P<codes>[A-Za-z]{2}\d{0,3}(?:\s*[,;]\s*[A-Za-z]{2}\d{0,3})*)",
    regex.IGNORECASE,
)
_RS100 = next(r for r in BUILTIN_RULES if r.id == UNUSED_SUPPRESSION)
CROSS_DOCUMENT_PREFIX = "XB"  # rules that compare reports (docs/CROSSDOC.md)


@dataclass
class Suppression:
    codes: list[str]
    scopes: set[tuple]  # ("p", block) or ("row", block, row)
    marker: str  # as written
    location: Location  # where to report it when unused
    excerpt: str
    context: str
    source: str  # "marker" | "comment"
    used: set[str] = field(default_factory=set)


def _scope(unit: TextUnit) -> tuple:
    if unit.table is not None:
        return ("row", unit.block, unit.row)
    return ("p", unit.block, None)


def _finding_scope(f: Finding) -> tuple:
    loc = f.location
    if loc.table is not None:
        return ("row", loc.block, loc.row)
    return ("p", loc.block, None)


def _split_codes(raw: str) -> list[str]:
    return [c.strip().upper() for c in regex.split(r"[,;]", raw) if c.strip()]


def find_markers(document: Document) -> list[Suppression]:
    out = []
    for unit in document.units():
        for m in MARKER_RE.finditer(unit.ntext):
            loc = unit.location(m.start(), m.end())
            out.append(Suppression(codes=_split_codes(m.group("codes")), scopes={_scope(unit)},
                                   marker=unit.norm.excerpt(m.start(), m.end()), location=loc,
                                   excerpt=unit.norm.excerpt(m.start(), m.end()),
                                   context=unit.norm.excerpt(0, len(unit.ntext))[:300], source="marker"))
    return out


def comment_suppressions(document: Document, comments: Iterable) -> list[Suppression]:
    """Suppressions from Word comments (``checker.readers.comments.WordComment``)."""
    units = document.units()
    out = []
    for c in comments:
        if getattr(c, "author", "") == "rasoat":  # our own comments in an annotated copy
            continue
        m = MARKER_RE.search(c.text)
        if not m or not c.units:
            continue
        covered = [units[i] for i in c.units if 0 <= i < len(units)]
        if not covered:
            continue
        first = covered[0]
        out.append(Suppression(codes=_split_codes(m.group("codes")), scopes={_scope(u) for u in covered},
                               marker=m.group(0), location=first.location(0, 0), excerpt="",
                               context=first.text[:300], source="comment"))
    return out


def _matches(rule_id: str, code: str) -> bool:
    return rule_id.startswith(code)


def apply_suppressions(findings: list[Finding], suppressions: list[Suppression], known_ids: Iterable[str],
                       enabled_ids: Iterable[str], report_unused: bool = True) -> list[Finding]:
    """Drop suppressed findings; add RS100 for markers that suppressed nothing."""
    known, enabled = set(known_ids), set(enabled_ids)
    kept: list[Finding] = []
    for f in findings:
        scope = _finding_scope(f)
        hit = None
        for s in suppressions:
            if scope in s.scopes:
                code = next((c for c in s.codes if _matches(f.rule, c)), None)
                if code:
                    hit = (s, code)
                    break
        if hit:
            hit[0].used.add(hit[1])
        else:
            kept.append(f)
    if report_unused and UNUSED_SUPPRESSION in enabled:
        for s in suppressions:
            for code in s.codes:
                if code in s.used:
                    continue
                if not any(_matches(k, code) for k in known):
                    why = f"mã '{code}' không tồn tại"
                elif not any(_matches(e, code) for e in enabled):
                    continue  # that rule did not run: nothing to say
                else:
                    why = f"quy tắc {code}"
                where = "ghi chú Word" if s.source == "comment" else "dấu"
                kept.append(Finding(
                    rule=UNUSED_SUPPRESSION, severity=_RS100.severity,
                    message=f"{where[0].upper() + where[1:]} “{s.marker}” không che phát hiện nào của {why}; "
                            f"hãy xoá nếu lỗi đã được sửa",
                    excerpt=s.excerpt, context=s.context, location=s.location,
                    suggestion=f"Xoá “{s.marker}”" if s.source == "marker" else "Xoá ghi chú bỏ qua",
                    title=_RS100.title, evidence={"suppression": s.marker, "code": code, "source": s.source},
                ))
    return sorted(kept, key=Finding.sort_key)


def apply_file_ignores(findings: list[Finding], codes: Iterable[str]) -> list[Finding]:
    codes = [c.upper() for c in codes]
    if not codes:
        return findings
    return [f for f in findings if not any(_matches(f.rule, c) for c in codes)]


def postprocess(document: Document, findings: list[Finding], *, known_ids: Iterable[str],
                enabled_ids: Iterable[str], comments: Optional[Iterable] = None,
                file_ignores: Iterable[str] = (),
                severity_for: Optional[Callable[[str], Optional[Severity]]] = None,
                cross_document_ran: Iterable[str] = ()) -> list[Finding]:
    """Suppression, per-file ignores and severity overrides, in that order.

    ``cross_document_ran``: the ids of the XB rules that ran (a series run: XB001–XB004; a summary
    run: XB005); the findings include theirs. Other XB rules count as not run, so their markers are
    never reported unused — a report checked alone ran none of them."""
    sups = find_markers(document) + comment_suppressions(document, comments or [])
    ran = set(cross_document_ran)
    enabled_ids = [e for e in enabled_ids if not e.startswith(CROSS_DOCUMENT_PREFIX) or e in ran]
    out = apply_suppressions(findings, sups, known_ids, enabled_ids) if sups else list(findings)
    out = apply_file_ignores(out, file_ignores)
    if severity_for is not None:
        changed = []
        for f in out:
            sev = severity_for(f.rule)
            changed.append(f.model_copy(update={"severity": sev}) if sev is not None and sev != f.severity else f)
        out = changed
    return out
