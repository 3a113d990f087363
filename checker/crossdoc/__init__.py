"""Across reports: a monthly series checked period to period, a summary checked against its sources.

    from checker.crossdoc import check_series_paths, check_summary_paths
    results = check_series_paths(["t1.docx", "t2.docx"], plan)      # list[FileResult]

Rules XB0xx live in rules/crossdoc.yaml. On a single document they stay quiet; their
examples hold several documents separated by a line ``=== tài liệu 2 ===`` (see ``split_example``).
"""

from __future__ import annotations

from typing import Iterable, Optional

import regex

from ..findings import Finding
from ..model import Document
from ..ruleset import RuleSpec
from . import checks as _checks  # registers the XB check names
from .checks import SERIES_CHECKS, SUMMARY_CHECKS, order, run_series, run_summary
from .reports import Report, load

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


def check_series_documents(documents: list[tuple[str, Document]], rules: list[RuleSpec],
                           period: Optional[str] = None) -> tuple[list[Report], dict[str, list[Finding]], list]:
    reports = [load(path, doc) for path, doc in documents]
    ordered, problems = order(reports)
    return ordered, run_series(reports, crossdoc_rules(rules)), problems


def _read_all(paths: list[str], plan):
    from ..api import FileResult, check_with_plan

    results: dict[str, FileResult] = {}
    documents: list[tuple[str, Document]] = []
    from ..readers import ReadError, read_document

    for path in paths:
        results[path] = check_with_plan(path, plan)
        if results[path].error:
            continue
        try:
            documents.append((path, read_document(path)))
        except ReadError as exc:  # already reported by check_with_plan
            results[path].error = results[path].error or exc.message
    return results, documents


def _merge(results, found: dict[str, list[Finding]], plan) -> None:
    from ..api import at_or_above

    for path, findings in found.items():
        if path in results and findings:
            res = results[path]
            res.findings = sorted(res.findings + at_or_above(findings, plan.min_severity), key=Finding.sort_key)


def check_series_paths(paths: list[str], plan) -> list:
    """``rasoat check --series``: each report checked alone, then the series checked period to period.
    Folders are expanded; results come back in period order (reports with no period last, as errors)."""
    from ..api import expand_paths

    files, errors = expand_paths(paths)
    results, documents = _read_all(files, plan)
    ordered, found, problems = check_series_documents(documents, plan.rules)
    _merge(results, found, plan)
    for report, why in problems:
        res = results[report.path]
        if not res.error:
            res.error = f"không xếp được vào chuỗi báo cáo: {why}"
    seen = [r.path for r in ordered]
    rest = [p for p in files if p not in seen]
    return list(errors) + [results[p] for p in seen + rest]


def check_summary_paths(sources: list[str], summary: str, plan) -> list:
    """``rasoat check --sources … --summary …``: figures of the summary that name a unit must agree
    with that unit's own report."""
    from ..api import expand_paths

    files, errors = expand_paths(sources)
    results, documents = _read_all(files + [summary], plan)
    by_path = dict(documents)
    if summary in by_path:
        reports = [load(p, d) for p, d in documents if p != summary]
        found = run_summary(reports, load(summary, by_path[summary]), crossdoc_rules(plan.rules))
        _merge(results, found, plan)
        for r in reports:
            if r.org is None and not results[r.path].error:
                pass  # a source whose unit we cannot read is simply not matched (quiet)
    return list(errors) + [results[summary]] + [results[p] for p in files]


__all__ = ["check_series_paths", "check_summary_paths", "check_example", "split_example", "is_crossdoc",
           "Report", "load", "run_series", "run_summary", "order"]
