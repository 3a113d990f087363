"""Run rules over a document. A rule that raises becomes one internal-error finding."""

from __future__ import annotations

import gc
import traceback
from contextlib import contextmanager
from typing import Iterable, Iterator, Optional

from pydantic import ValidationError

from .checks import get_check
from .context import CheckContext, Settings
from .findings import Finding, Severity
from .model import Document, Location
from .ruleset import RuleFileError, RuleSpec

INTERNAL_ERROR_RULE = "RS900"


def validate_rules(rules: Iterable[RuleSpec]) -> None:
    """Every rule names a known check and its params fit that check's model."""
    for rule in rules:
        try:
            check = get_check(rule.check)
        except KeyError:
            raise RuleFileError(f"quy tắc {rule.id} ({rule.family}): trường check: "
                                f"không có hàm kiểm tra '{rule.check}' (unknown check)") from None
        try:
            check.params.model_validate(rule.params)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise RuleFileError(f"quy tắc {rule.id} ({rule.family}): trường params.{where}: {err['msg']}") from None


# A check allocates hundreds of thousands of objects that live until its end (units, facts, lists
# of tokens): with the default generation-0 threshold (700) the collector runs thousands of times
# and rescans them (~0.5 s of a 500-page report). Cyclic garbage waits a little longer instead;
# objects freed by reference counting are freed as before.
CHECK_GC_THRESHOLD = 50_000


@contextmanager
def fewer_collections(threshold: int = CHECK_GC_THRESHOLD) -> Iterator[None]:
    """Raise the generation-0 threshold for the duration of one check, then restore it."""
    old = gc.get_threshold()
    if old[0] >= threshold or old[0] == 0:  # already raised (nested call) or set by the user
        yield
        return
    gc.set_threshold(threshold, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def run_rules(document: Document, rules: Iterable[RuleSpec], settings: Optional[Settings] = None,
              debug: bool = False) -> list[Finding]:
    with fewer_collections():
        return _run_rules(document, rules, settings, debug)


def _run_rules(document: Document, rules: Iterable[RuleSpec], settings: Optional[Settings],
               debug: bool) -> list[Finding]:
    ctx = CheckContext(document, settings)
    findings: list[Finding] = []
    for rule in rules:
        check = get_check(rule.check)
        try:
            params = check.params.model_validate(rule.params)
            found = list(check.fn(ctx, rule, params))  # all or nothing: no partial output of a crash
            findings.extend(found)
        except Exception as exc:  # isolate a crashing rule: the others still run
            if debug:
                traceback.print_exc()
            findings.append(_internal_error(rule, exc))
    return dedupe(sorted(findings, key=Finding.sort_key))


def dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule, f.location.block, f.location.row, f.location.col, f.location.paragraph,
               f.location.start, f.location.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _internal_error(rule: RuleSpec, exc: Exception) -> Finding:
    return Finding(
        rule=rule.id,
        severity=Severity.warning,
        message=(f"Lỗi nội bộ: quy tắc {rule.id} không chạy được trên tài liệu này "
                 f"(internal error: {type(exc).__name__}: {exc}). Các quy tắc khác vẫn chạy."),
        excerpt="",
        context="",
        location=Location(block=0, label="Toàn văn bản"),
        title="Lỗi nội bộ",
        evidence={"internal_error": True, "exception": type(exc).__name__},
    )
