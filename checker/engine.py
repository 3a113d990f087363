"""Run rules over a document. A rule that raises becomes one internal-error finding."""

from __future__ import annotations

import traceback
from typing import Iterable, Optional

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


def run_rules(document: Document, rules: Iterable[RuleSpec], settings: Optional[Settings] = None,
              debug: bool = False) -> list[Finding]:
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
