"""The library entry points: check a file or a text, get findings back."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Optional

from pydantic import BaseModel, Field

from .builtin_rules import UNUSED_SUPPRESSION, with_builtins
from .config import Config
from .context import Settings
from .engine import fewer_collections, run_rules
from .findings import Finding, Severity
from .model import Document
from .readers import ReadError, is_report_file, ZipLimits, parse_text, read_document
from .ruleset import RuleSpec, load_rules


class FileResult(BaseModel):
    path: str
    error: Optional[str] = None
    findings: list[Finding] = Field(default_factory=list)


def check_document(document: Document, rules: Iterable[RuleSpec], settings: Optional[Settings] = None,
                   debug: bool = False) -> list[Finding]:
    return run_rules(document, rules, settings, debug=debug)


def check_text(text: str, rules: Iterable[RuleSpec], settings: Optional[Settings] = None) -> list[Finding]:
    return check_document(parse_text(text), rules, settings)


def check_file(path: str | os.PathLike, rules: list[RuleSpec], settings: Optional[Settings] = None,
               limits: Optional[ZipLimits] = None, debug: bool = False, *, config: Optional[Config] = None,
               enabled_ids: Optional[Iterable[str]] = None, known_ids: Optional[Iterable[str]] = None
               ) -> FileResult:
    """Read, run the rules, then suppressions / per-file ignores / severity overrides."""
    with fewer_collections():
        return _check_file(path, rules, settings, limits, debug, config=config, enabled_ids=enabled_ids,
                           known_ids=known_ids)


def _check_file(path: str | os.PathLike, rules: list[RuleSpec], settings: Optional[Settings],
                limits: Optional[ZipLimits], debug: bool, *, config: Optional[Config],
                enabled_ids: Optional[Iterable[str]], known_ids: Optional[Iterable[str]]) -> FileResult:
    try:
        document = read_document(path, limits)
    except ReadError as exc:
        return FileResult(path=str(path), error=exc.message)
    except Exception as exc:  # one unreadable file never stops a batch
        if debug:
            raise
        return FileResult(path=str(path), error=f"không đọc được tệp (internal reader error: "
                                                f"{type(exc).__name__}: {exc})")
    if settings is None and config is not None:
        settings = config.settings()
    findings = check_document(document, rules, settings, debug)
    findings = finish_findings(document, findings, str(path), rules, config=config, limits=limits,
                               enabled_ids=enabled_ids, known_ids=known_ids)
    return FileResult(path=str(path), findings=findings)


def finish_findings(document: Document, findings: list[Finding], path: str, rules: list[RuleSpec], *,
                    config: Optional[Config] = None, limits: Optional[ZipLimits] = None,
                    enabled_ids: Optional[Iterable[str]] = None,
                    known_ids: Optional[Iterable[str]] = None,
                    cross_document_ran: Iterable[str] = ()) -> list[Finding]:
    """The post-processing step: suppression (markers, Word comments), per-file ignores, severity.
    ``cross_document_ran``: ids of the cross-document (XB) rules run over this report in a series or
    summary run (their findings are in ``findings``); none when the report is checked alone."""
    from .suppress import postprocess

    comments = []
    if _is_zip(path):
        from .readers.comments import read_comments

        comments = read_comments(path, document, limits)
    enabled = set(enabled_ids) if enabled_ids is not None else {r.id for r in rules} | {UNUSED_SUPPRESSION}
    known = set(known_ids) if known_ids is not None else {r.id for r in with_builtins(list(rules))}
    config = config or Config()
    return postprocess(document, findings, known_ids=known, enabled_ids=enabled, comments=comments,
                       file_ignores=config.ignored_for(path),
                       severity_for=config.severity_for if config.severity else None,
                       cross_document_ran=cross_document_ran)


def _is_zip(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


class UnknownRuleCode(ValueError):
    pass


def choose_rules(rules: list[RuleSpec], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[RuleSpec]:
    """Rules whose id starts with a selected code (all when none) and with no ignored code."""
    chosen = [s.strip().upper() for s in select if s.strip()]
    dropped = [s.strip().upper() for s in ignore if s.strip()]
    known = {r.id for r in rules}
    for code in chosen + dropped:
        if not any(rid.startswith(code) for rid in known):
            raise UnknownRuleCode(code)
    out = [r for r in rules if not chosen or any(r.id.startswith(c) for c in chosen)]
    return [r for r in out if not any(r.id.startswith(c) for c in dropped)]


class Plan(BaseModel):
    """What to run over every file of a run: the rules, settings and configuration."""

    rules: list[RuleSpec]
    enabled_ids: set[str]
    known_ids: set[str]
    config: Config = Field(default_factory=Config)
    min_severity: Severity = Severity.info
    debug: bool = False

    described: list[RuleSpec] = Field(default_factory=list)  # enabled rules incl. the tool's own

    @property
    def all_rules(self) -> list[RuleSpec]:
        """Enabled rules including the tool's own, severity overrides applied (for report metadata)."""
        return self.described or [r for r in with_builtins(self.rules) if r.id in self.enabled_ids]


def make_plan(config: Optional[Config] = None, select: Optional[Iterable[str]] = None,
              ignore: Iterable[str] = (), min_severity: Optional[Severity] = None,
              rules: Optional[list[RuleSpec]] = None, debug: bool = False) -> Plan:
    """Combine configuration and command-line choices. CLI ``select`` replaces the configured one;
    ignores add up; the CLI minimum severity wins. Raises ConfigError / UnknownRuleCode."""
    config = config or Config()
    loaded = with_builtins(rules if rules is not None else load_rules())
    config.check_codes(r.id for r in loaded)
    chosen = choose_rules(loaded, list(select) if select else config.select, list(config.ignore) + list(ignore))
    chosen = [r.model_copy(update={"severity": config.severity_for(r.id)}) if config.severity_for(r.id) else r
              for r in chosen]
    runnable = [r for r in chosen if r.check and not r.check.startswith("(")]
    return Plan(rules=runnable, described=chosen, enabled_ids={r.id for r in chosen},
                known_ids={r.id for r in loaded},
                config=config, min_severity=min_severity or config.min_severity or Severity.info, debug=debug)


def check_with_plan(path: str, plan: Plan) -> FileResult:
    """One file under a plan; never raises (a crash becomes that file's error)."""
    try:
        result = check_file(path, plan.rules, plan.config.settings(), debug=plan.debug, config=plan.config,
                            enabled_ids=plan.enabled_ids, known_ids=plan.known_ids)
    except Exception as exc:
        if plan.debug:
            raise
        return FileResult(path=str(path), error=f"lỗi nội bộ (internal error: {type(exc).__name__}: {exc})")
    result.findings = at_or_above(result.findings, plan.min_severity)
    return result


def check_paths(paths: Iterable[str], plan: Plan, jobs: int = 1,
                on_result: Optional[Callable[[FileResult], None]] = None,
                on_start: Optional[Callable[[int], None]] = None) -> list[FileResult]:
    """Every report under ``paths``, in order; with ``jobs`` > 1, files are checked in processes."""
    files, errors = expand_paths(paths)
    if on_start:
        on_start(len(files))
    results: list[FileResult] = list(errors)
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            r = check_with_plan(path, plan)
            results.append(r)
            if on_result:
                on_result(r)
        return results
    from concurrent.futures import ProcessPoolExecutor

    ordered: dict[str, FileResult] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(check_with_plan, path, plan): path for path in files}
        from concurrent.futures import as_completed

        for fut in as_completed(futures):
            path = futures[fut]
            try:
                r = fut.result()
            except Exception as exc:  # a worker that died: that file only
                r = FileResult(path=path, error=f"lỗi nội bộ (worker failed: {type(exc).__name__}: {exc})")
            ordered[path] = r
            if on_result:
                on_result(r)
    results.extend(ordered[p] for p in files)
    return results


def expand_paths(paths: Iterable[str]) -> tuple[list[str], list[FileResult]]:
    """Folders become the reports inside them (sorted); problems become error results."""
    files: list[str] = []
    errors: list[FileResult] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*") if f.is_file() and is_report_file(f, p))
            if not found:
                errors.append(FileResult(path=raw, error="thư mục không có báo cáo nào (.docx, .txt, .md) "
                                                         "(no reports in folder)"))
            files.extend(found)
        elif not p.exists():
            errors.append(FileResult(path=raw, error="không tìm thấy tệp (file not found)"))
        else:
            files.append(raw)
    return files, errors


def at_or_above(findings: Iterable[Finding], minimum: Severity) -> list[Finding]:
    return [f for f in findings if f.severity.rank >= minimum.rank]
