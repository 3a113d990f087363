"""The library entry points: check a file or a text, get findings back."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from pydantic import BaseModel, Field

from .context import Settings
from .engine import run_rules
from .findings import Finding, Severity
from .model import Document
from .readers import REPORT_SUFFIXES, ReadError, ZipLimits, parse_text, read_document
from .ruleset import RuleSpec


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
               limits: Optional[ZipLimits] = None, debug: bool = False) -> FileResult:
    try:
        document = read_document(path, limits)
    except ReadError as exc:
        return FileResult(path=str(path), error=exc.message)
    return FileResult(path=str(path), findings=check_document(document, rules, settings, debug))


def expand_paths(paths: Iterable[str]) -> tuple[list[str], list[FileResult]]:
    """Folders become the reports inside them (sorted); problems become error results."""
    files: list[str] = []
    errors: list[FileResult] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*")
                           if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES and not f.name.startswith("~$"))
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
