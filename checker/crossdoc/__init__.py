"""Across reports: a monthly series checked period to period, a summary checked against its sources.

    from checker.crossdoc import check_series_paths, check_summary_paths
    results = check_series_paths(["t1.docx", "t2.docx"], plan)      # list[FileResult]

Rules XB0xx live in rules/crossdoc.yaml. On a single document they stay quiet; their
examples hold several documents separated by a line ``=== tài liệu 2 ===`` (see ``split_example``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

import regex

from ..findings import Finding, Severity
from ..model import Document, Location
from ..ruleset import RuleSpec
from . import checks as _checks  # registers the XB check names
from .checks import SERIES_CHECKS, SUMMARY_CHECKS, order, run_series, run_summary
from .reports import Report, load

if TYPE_CHECKING:
    from ..api import FileResult

# "=== tài liệu 2 ===" starts the next document of an example; "=== tổng hợp ===" the summary
EXAMPLE_SEPARATOR = regex.compile(r"^===\s*(?P<what>tài liệu\s*\d+|tổng hợp)\s*===\s*$", regex.MULTILINE)


def is_crossdoc(rule: RuleSpec) -> bool:
    return rule.check in SERIES_CHECKS + SUMMARY_CHECKS


def crossdoc_rules(rules: Iterable[RuleSpec]) -> list[RuleSpec]:
    return [r for r in rules if is_crossdoc(r)]


def split_example(text: str) -> tuple[list[str], Optional[str]]:
    """An example text -> (documents, summary). Documents are separated by "=== tài liệu N ==="
    lines; a part after "=== tổng hợp ===" is the summary checked against the documents."""
    parts: list[tuple[str, str]] = []
    last, what = 0, "tài liệu 1"
    for m in EXAMPLE_SEPARATOR.finditer(text):
        parts.append((what, text[last:m.start()]))
        last, what = m.end(), m.group("what")
    parts.append((what, text[last:]))
    docs = [body.strip("\n") for w, body in parts if not w.startswith("tổng hợp") and body.strip()]
    summary = next((body.strip("\n") for w, body in parts if w.startswith("tổng hợp")), None)
    return docs, summary


def check_example(text: str, rules: list[RuleSpec]) -> list[Finding]:
    """Run cross-document rules over an example made of several documents (all findings, flattened)."""
    from ..readers import parse_text

    docs, summary = split_example(text)
    reports = [load(f"tài liệu {i + 1}", parse_text(d)) for i, d in enumerate(docs)]
    if summary is not None:
        found = run_summary(reports, load("tổng hợp", parse_text(summary)), rules)
    else:
        found = run_series(reports, rules)
    return [f for fs in found.values() for f in fs]


NOT_IN_SERIES = "không xếp được vào chuỗi báo cáo"  # the error of a report read but left out of the series


@dataclass
class _Alone:
    """One report read and checked alone (single-document rules, before suppression)."""

    path: str
    document: Optional[Document] = None
    findings: list[Finding] = field(default_factory=list)
    error: Optional[str] = None


def _check_alone(path: str, plan) -> _Alone:
    """Read ``path`` and run the single-document rules; never raises (unless ``plan.debug``).
    Top-level so that it runs in a worker process with ``--jobs``."""
    from ..api import check_document
    from ..readers import ReadError, read_document

    try:
        document = read_document(path)
    except ReadError as exc:
        return _Alone(path, error=exc.message)
    except Exception as exc:
        if plan.debug:
            raise
        return _Alone(path, error=f"không đọc được tệp (internal reader error: {type(exc).__name__}: {exc})")
    try:
        findings = check_document(document, plan.rules, plan.config.settings(), plan.debug)
    except Exception as exc:
        if plan.debug:
            raise
        return _Alone(path, error=f"lỗi nội bộ (internal error: {type(exc).__name__}: {exc})")
    return _Alone(path, document, findings)


def _check_all(paths: list[str], plan, jobs: int = 1, on_start: Optional[Callable[[int], None]] = None,
               on_read: Optional[Callable[[str], None]] = None) -> dict[str, _Alone]:
    """Every report read and checked alone; with ``jobs`` > 1 in worker processes."""
    if on_start:
        on_start(len(paths))
    out: dict[str, _Alone] = {}
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            out[path] = _check_alone(path, plan)
            if on_read:
                on_read(path)
        return out
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        futures = {pool.submit(_check_alone, path, plan): path for path in paths}
        for fut in as_completed(futures):
            path = futures[fut]
            try:
                out[path] = fut.result()
            except Exception as exc:  # a worker that died: that report only
                if plan.debug:
                    raise
                out[path] = _Alone(path, error=f"lỗi nội bộ (worker failed: {type(exc).__name__}: {exc})")
            if on_read:
                on_read(path)
    return {p: out[p] for p in paths}


def _load(alone: _Alone, plan) -> Optional[Report]:
    """The report's period, next-period part and unit; a crash there is that report's error."""
    try:
        return load(alone.path, alone.document)
    except Exception as exc:
        if plan.debug:
            raise
        alone.error = f"lỗi nội bộ khi đọc kỳ/đơn vị báo cáo (internal error: {type(exc).__name__}: {exc})"
        return None


def _internal_error(rule: RuleSpec, exc: Exception) -> Finding:
    """A cross-document rule that crashed: one finding per report, the other rules still ran."""
    return Finding(
        rule=rule.id, severity=Severity.warning,
        message=(f"Lỗi nội bộ: quy tắc {rule.id} không đối chiếu được các báo cáo này "
                 f"(internal error: {type(exc).__name__}: {exc}). Các quy tắc khác vẫn chạy."),
        excerpt="", context="", location=Location(block=0, label="Toàn văn bản"), title="Lỗi nội bộ",
        evidence={"internal_error": True, "exception": type(exc).__name__},
    )


def _cross(run: Callable[[list[RuleSpec]], dict[str, list[Finding]]], rules: list[RuleSpec], paths: list[str],
           plan) -> dict[str, list[Finding]]:
    """Run the cross-document rules one at a time, so that a crashing rule never stops the others."""
    found: dict[str, list[Finding]] = {p: [] for p in paths}
    for rule in rules:
        try:
            for path, fs in run([rule]).items():
                found.setdefault(path, []).extend(fs)
        except Exception as exc:
            if plan.debug:
                raise
            for path in paths:
                found[path].append(_internal_error(rule, exc))
    return found


def _finish(alone: _Alone, cross: list[Finding], plan, ran: list[RuleSpec]) -> FileResult:
    """Single-document and cross-document findings of one report go through the same steps:
    suppression (markers, Word comments, RS100), per-file ignores, severity overrides, minimum."""
    from ..api import FileResult, at_or_above, finish_findings

    if alone.error:
        return FileResult(path=alone.path, error=alone.error)
    try:
        findings = finish_findings(alone.document, sorted(alone.findings + cross, key=Finding.sort_key),
                                   alone.path, plan.rules, config=plan.config, enabled_ids=plan.enabled_ids,
                                   known_ids=plan.known_ids, cross_document_ran=[r.id for r in ran])
    except Exception as exc:
        if plan.debug:
            raise
        return FileResult(path=alone.path, error=f"lỗi nội bộ (internal error: {type(exc).__name__}: {exc})")
    return FileResult(path=alone.path, findings=at_or_above(findings, plan.min_severity))


def check_series_paths(paths: list[str], plan, jobs: int = 1, on_start: Optional[Callable[[int], None]] = None,
                       on_read: Optional[Callable[[str], None]] = None) -> list:
    """``rasoat check --series``: each report checked alone, then the series checked period to period.
    Folders are expanded; results come back in period order (reports with no period last, as errors).
    ``jobs`` > 1 reads and checks the reports in worker processes; the comparison runs once they are all
    read. ``on_start(n)`` / ``on_read(path)`` report progress."""
    from ..api import expand_paths

    files, errors = expand_paths(paths)
    files = list(dict.fromkeys(files))
    alone = _check_all(files, plan, jobs, on_start, on_read)
    reports = [r for a in alone.values() if not a.error for r in [_load(a, plan)] if r is not None]
    ordered, problems = order(reports)
    ran = [r for r in crossdoc_rules(plan.rules) if r.check in SERIES_CHECKS]
    found = _cross(lambda rules: run_series(reports, rules), ran, [r.path for r in reports], plan)
    results = {p: _finish(a, found.get(p, []), plan, ran) for p, a in alone.items()}
    for report, why in problems:  # checked alone all the same: its own findings are kept
        res = results[report.path]
        res.error = res.error or f"{NOT_IN_SERIES}: {why}"
    seen = [r.path for r in ordered]
    rest = [p for p in files if p not in seen]
    return list(errors) + [results[p] for p in seen + rest]


def check_summary_paths(sources: list[str], summary: str, plan, jobs: int = 1,
                        on_start: Optional[Callable[[int], None]] = None,
                        on_read: Optional[Callable[[str], None]] = None) -> list:
    """``rasoat check --sources … --summary …``: figures of the summary that name a unit must agree
    with that unit's own report. The summary comes first in the results, then the sources."""
    from ..api import expand_paths

    files, errors = expand_paths(sources)
    same = _same_file(summary)
    files = [f for f in dict.fromkeys(files) if not same(f)]  # a sources folder holding the summary
    alone = _check_all([summary] + files, plan, jobs, on_start, on_read)
    loaded = {p: _load(a, plan) for p, a in alone.items() if not a.error}
    found: dict[str, list[Finding]] = {}
    ran = [r for r in crossdoc_rules(plan.rules) if r.check in SUMMARY_CHECKS]
    if loaded.get(summary) is not None:
        reports = [r for p, r in loaded.items() if p != summary and r is not None]
        found = _cross(lambda rules: run_summary(reports, loaded[summary], rules), ran, [summary], plan)
    else:
        ran = []  # nothing was compared
    results = {p: _finish(a, found.get(p, []), plan, ran) for p, a in alone.items()}
    return list(errors) + [results[summary]] + [results[p] for p in files]


def _same_file(path: str) -> Callable[[str], bool]:
    try:
        target = Path(path).resolve()
    except OSError:
        return lambda other: other == path

    def same(other: str) -> bool:
        try:
            return Path(other).resolve() == target
        except OSError:
            return other == path

    return same


__all__ = ["check_series_paths", "check_summary_paths", "check_example", "split_example", "is_crossdoc",
           "Report", "load", "run_series", "run_summary", "order"]
