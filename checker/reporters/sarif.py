"""SARIF 2.1.0 output for code-scanning tools (GitHub, Azure DevOps, VS Code SARIF viewer).

Rule metadata comes from rules/*.yaml. A finding's physical location is the file with a region:
for plain text the source line (and columns when the unit is the whole line); for .docx the
block number stands for the line (Word has no lines). The Vietnamese label ("Bảng 1, dòng 7,
cột “Kết quả”") is the logical location; ``related`` becomes relatedLocations — for a
cross-document finding (XB…) in the other report's artifact, with its region and label.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional
from urllib.parse import quote

from .. import __version__
from ..api import FileResult
from ..findings import Finding
from ..model import Location
from ..ruleset import RuleSpec

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative path stays relative (uri-reference, %SRCROOT%); an absolute one becomes file://."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix())


def _rule_descriptor(rule: RuleSpec) -> dict:
    help_lines = []
    if rule.description:
        help_lines.append(" ".join(rule.description.split()))
    if rule.why:
        help_lines.append("Vì sao: " + " ".join(rule.why.split()))
    for ex in rule.examples.flag[:3]:
        help_lines.append("Bị báo: " + ex.text + (f" → “{ex.excerpt}”" if ex.excerpt else ""))
    for ex in rule.examples.pass_[:3]:
        help_lines.append("Không bị báo: " + ex)
    out = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": " ".join(rule.description.split()) or rule.title},
        "help": {"text": "\n".join(help_lines) or rule.title},
        "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
        "properties": {"family": rule.family, "tags": [rule.family] if rule.family else [],
                       "check": rule.check},
    }
    return out


class _Lines:
    """Source lines of plain-text inputs, to turn unit offsets into line columns."""

    def __init__(self) -> None:
        self._cache: dict[str, Optional[list[str]]] = {}

    def get(self, path: str, line: int) -> Optional[str]:
        if path not in self._cache:
            try:
                from ..readers.text_reader import decode

                self._cache[path] = decode(Path(path).read_bytes(), path).splitlines()
            except Exception:
                self._cache[path] = None
        lines = self._cache[path]
        return lines[line - 1] if lines and 0 < line <= len(lines) else None


def _columns(source: Optional[str], loc: Location, excerpt: Optional[str]) -> Optional[tuple[int, int]]:
    """1-based columns of the excerpt in its source line, checked against the text (else None)."""
    if source is None or not excerpt or loc.table is not None:
        return None
    stripped = source.strip()
    candidates = [source.find(stripped)]
    if stripped.startswith("#"):
        candidates.append(source.find(stripped.lstrip("#").strip()))
    for lead in candidates:
        if lead >= 0 and source[lead + loc.start:lead + loc.end] == excerpt:
            return lead + loc.start + 1, lead + loc.end + 1
    return None


def _region(f: Finding, loc: Location, excerpt: Optional[str], source: Optional[str] = None) -> dict:
    region: dict = {}
    if loc.line is not None:
        region["startLine"] = loc.line
        cols = _columns(source, loc, excerpt)
        if cols:
            region["startColumn"], region["endColumn"] = cols
    else:
        region["startLine"] = loc.block + 1  # .docx: one block is one "line"
    if excerpt:
        region["snippet"] = {"text": excerpt}
    region["properties"] = {k: getattr(loc, k) for k in ("block", "table", "row", "col", "paragraph",
                                                          "start", "end")}
    return region


def _physical(path: str, index: int, f: Finding, loc: Location, excerpt: Optional[str], lines: _Lines) -> dict:
    source = lines.get(path, loc.line) if loc.line is not None and excerpt else None
    return {"artifactLocation": {"uri": artifact_uri(path), "index": index},
            "region": _region(f, loc, excerpt, source)}


def _logical(loc: Location) -> list[dict]:
    if not loc.label:
        return []
    kind = "tableCell" if loc.table is not None else "paragraph"
    return [{"name": loc.label, "fullyQualifiedName": loc.label, "kind": kind}]


def _related(f: Finding, path: str, index: int, artifact_index: dict[str, int], lines: _Lines) -> Optional[dict]:
    """The second place: in this file, or in the other report of a cross-document finding
    (its own artifactLocation, region, snippet and logical location; the sentence in properties)."""
    if f.related_path is None:
        if f.related is None:
            return None
        rel = {"id": 1, "physicalLocation": _physical(path, index, f, f.related, None, lines),
               "message": {"text": f.related.label or "vị trí liên quan"}}
    else:
        ev = f.evidence or {}
        other = f.related_path
        artifact: dict = {"uri": artifact_uri(other)}
        if other in artifact_index:
            artifact["index"] = artifact_index[other]
        if f.related is None:  # no matching place found in the other report (XB004)
            name = Path(other).name
            rel = {"id": 1, "physicalLocation": {"artifactLocation": artifact},
                   "message": {"text": f"{name}: không thấy đoạn nào tương ứng"}}
        else:
            excerpt = ev.get("other_excerpt") or None
            source = lines.get(other, f.related.line) if f.related.line is not None and excerpt else None
            rel = {"id": 1, "physicalLocation": {"artifactLocation": artifact,
                                                 "region": _region(f, f.related, excerpt, source)},
                   "message": {"text": f.related.label or Path(other).name}}
        if ev.get("other_sentence"):
            rel["properties"] = {"sentence": ev["other_sentence"]}
    logical = _logical(f.related) if f.related is not None else []
    if logical:
        rel["logicalLocations"] = logical
    return rel


def _result(f: Finding, path: str, index: int, rule_index: dict[str, int], lines: _Lines,
            artifact_index: Optional[dict[str, int]] = None) -> dict:
    text = f.message
    if f.evidence and f.evidence.get("arithmetic") and str(f.evidence["arithmetic"]) not in text:
        text += f" (phép tính: {f.evidence['arithmetic']})"
    if f.suggestion:
        text += f" — gợi ý: {f.suggestion}"
    location = {"physicalLocation": _physical(path, index, f, f.location, f.excerpt or None, lines)}
    logical = _logical(f.location)
    if logical:
        location["logicalLocations"] = logical
    result = {
        "ruleId": f.rule,
        "level": LEVEL[f.severity.value],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {
            "rasoat/v1": f"{f.rule}:{f.location.label}:{f.excerpt}",
        },
        "properties": {
            "title": f.title,
            "excerpt": f.excerpt,
            "context": f.context,
            "suggestion": f.suggestion,
            "evidence": f.evidence,
            "label": f.location.label,
        },
    }
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    rel = _related(f, path, index, artifact_index or {}, lines)
    if rel is not None:
        result["relatedLocations"] = [rel]
    return result


def to_sarif_obj(results: Iterable[FileResult], rules: Iterable[RuleSpec]) -> dict:
    lines = _Lines()
    results = list(results)
    rules = list(rules)
    rule_index = {r.id: i for i, r in enumerate(rules)}
    artifact_index = {r.path: i for i, r in enumerate(results)}
    artifacts, out_results, notifications = [], [], []
    for i, r in enumerate(results):
        artifacts.append({"location": {"uri": artifact_uri(r.path)}, "roles": ["analysisTarget"]})
        if r.error:
            notifications.append({
                "level": "error",
                "message": {"text": f"{r.path}: {r.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path),
                                                                         "index": i}}}],
            })
            continue
        for f in r.findings:
            out_results.append(_result(f, r.path, i, rule_index, lines, artifact_index))
    run = {
        "tool": {"driver": {
            "name": "rasoat",
            "version": __version__,
            "semanticVersion": __version__ if __version__.count(".") == 2 and "+" not in __version__ else None,
            "informationUri": "https://pypi.org/project/rasoat/",
            "language": "vi",
            "rules": [_rule_descriptor(r) for r in rules],
        }},
        "invocations": [{
            "executionSuccessful": not notifications,
            "toolExecutionNotifications": notifications,
        }],
        "artifacts": artifacts,
        "results": out_results,
        "columnKind": "unicodeCodePoints",
    }
    if run["tool"]["driver"]["semanticVersion"] is None:
        del run["tool"]["driver"]["semanticVersion"]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(results: Iterable[FileResult], rules: Iterable[RuleSpec]) -> str:
    return json.dumps(to_sarif_obj(results, rules), ensure_ascii=False, indent=2)
