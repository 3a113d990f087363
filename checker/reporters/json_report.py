"""JSON output. The shape is a contract other tools depend on: extend, never rename."""

from __future__ import annotations

import json
from typing import Iterable

from .. import __version__
from ..api import FileResult


def finding_dict(f) -> dict:
    loc = f.location
    out = {
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "excerpt": f.excerpt,
        "context": f.context,
        "suggestion": f.suggestion,
        "evidence": f.evidence,
        "location": {
            "block": loc.block, "table": loc.table, "row": loc.row, "col": loc.col,
            "paragraph": loc.paragraph, "start": loc.start, "end": loc.end, "label": loc.label,
            "line": loc.line,
        },
        "title": f.title,
    }
    if f.related is not None:
        out["related"] = f.related.model_dump()
        if f.related_path is not None:  # the second place is in another report (XB…)
            out["related"]["path"] = f.related_path
    if f.related_path is not None:
        out["related_path"] = f.related_path
    return out


def to_json_obj(results: Iterable[FileResult]) -> dict:
    results = list(results)
    counts = {"error": 0, "warning": 0, "info": 0}
    files = []
    for r in results:
        for f in r.findings:
            counts[f.severity.value] += 1
        files.append({"path": r.path, "error": r.error, "findings": [finding_dict(f) for f in r.findings]})
    return {
        "tool": {"name": "rasoat", "version": __version__},
        "files": files,
        "summary": {"files": len(results), "findings": sum(counts.values()), **counts},
    }


def render_json(results: Iterable[FileResult]) -> str:
    return json.dumps(to_json_obj(results), ensure_ascii=False, indent=2)
