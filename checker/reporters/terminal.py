"""Terminal review list with rich: grouped by section or table row, excerpt highlighted."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..api import FileResult
from ..findings import Finding

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _group_label(f: Finding) -> str:
    loc = f.location
    if loc.table is not None:
        return f"Bảng {loc.table + 1}, dòng {(loc.row or 0) + 1}"
    section = loc.label.split(" — ", 1)
    if len(section) < 2:
        return "Phần đầu văn bản"
    return section[1][0].upper() + section[1][1:]


def _highlighted(f: Finding) -> Text:
    text = Text(f.context or "")
    if f.excerpt:
        at = f.context.find(f.excerpt)
        if at >= 0:
            text.stylize("bold reverse " + STYLE[f.severity.value].split()[-1], at, at + len(f.excerpt))
    return text


def render_file(console: Console, result: FileResult) -> None:
    console.rule(Text(result.path, style="bold"))
    if result.error:
        console.print(Text(f"  Không đọc được: {result.error}", style="bold red"))
        return
    if not result.findings:
        console.print(Text("  Không phát hiện vấn đề nào.", style="green"))
        return
    for label, group in groupby(result.findings, key=_group_label):
        console.print(Text(label, style="bold underline"))
        for f in group:
            sev = f.severity.value
            head = Text("  ")
            head.append(f"{f.severity.vi.upper():9}", style=STYLE[sev])
            head.append(f"{f.rule} ", style="bold")
            head.append(f.message)
            console.print(head)
            console.print(Text(f"      tại: {f.location.label}", style="dim"))
            if f.context:
                console.print(Text("      ") + _highlighted(f))
            if f.evidence and f.evidence.get("arithmetic"):
                console.print(Text(f"      phép tính: {f.evidence['arithmetic']}", style="magenta"))
            if f.related is not None:
                console.print(Text(f"      xem thêm: {f.related.label}", style="dim"))
            if f.suggestion:
                console.print(Text(f"      gợi ý: {f.suggestion}", style="green"))


def _short(path: str) -> str:
    """A path relative to the working directory when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return path


def render_summary(console: Console, results: list[FileResult]) -> None:
    table = Table(title="Tổng hợp", show_lines=False, show_footer=len(results) > 1)
    totals = Counter(f.severity.value for r in results for f in r.findings)
    unreadable = sum(1 for r in results if r.error)
    table.add_column("Tệp", overflow="fold", footer=f"{len(results)} tệp")
    table.add_column("Lỗi", justify="right", footer=str(totals["error"]))
    table.add_column("Cảnh báo", justify="right", footer=str(totals["warning"]))
    table.add_column("Gợi ý", justify="right", footer=str(totals["info"]))
    table.add_column("Ghi chú", footer=f"{unreadable} không đọc được" if unreadable else "")
    for r in results:
        c = Counter(f.severity.value for f in r.findings)
        note = "không đọc được" if r.error else ("sạch" if not r.findings else "")
        table.add_row(_short(r.path), str(c["error"]), str(c["warning"]), str(c["info"]),
                      Text(note, style="red" if r.error else "green"))
    console.print(table)


def render_terminal(results: Iterable[FileResult], console: Console | None = None) -> None:
    console = console or Console()
    results = list(results)
    for r in results:
        render_file(console, r)
    render_summary(console, results)
