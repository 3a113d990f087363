"""Terminal review list with rich: grouped by section or table row, excerpt highlighted."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import Iterable

from rich import box
from rich.console import Console
from rich.padding import Padding
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


def _marked(sentence: str, excerpt: str | None, style: str) -> Text:
    text = Text(sentence)
    if excerpt:
        at = sentence.find(excerpt)
        if at >= 0:
            text.stylize(style, at, at + len(excerpt))
    return text


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def other_side(f: Finding) -> tuple[str, str | None]:
    """The other report's heading (file — place) and sentence of a cross-document finding."""
    ev = f.evidence or {}
    other = _name(f.related_path or ev.get("other_file") or "")
    head = f.related.label if f.related is not None and f.related.label else other
    return head, ev.get("other_sentence") or None


def side_by_side(f: Finding, path: str) -> Table:
    """This report's sentence and the other report's, in two columns, each under its place."""
    ev = f.evidence or {}
    other_head, other_sentence = other_side(f)
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column(f"{_name(path)} — {f.location.label}", ratio=1, overflow="fold", style=None)
    table.add_column(other_head, ratio=1, overflow="fold")
    mark = "bold reverse " + STYLE[f.severity.value].split()[-1]
    left = _marked(ev.get("this_sentence") or f.context or "", f.excerpt, mark)
    if other_sentence:
        right = _marked(other_sentence, ev.get("other_excerpt") or ev.get("other_value"), "bold reverse")
    else:
        right = Text(f"(không thấy đoạn nào tương ứng trong {_name(f.related_path or ev.get('other_file', ''))})",
                     style="dim italic")
    table.add_row(left, right)
    return table


def _compared(f: Finding) -> str | None:
    ev = f.evidence or {}
    if ev.get("matched_on"):
        return f"khớp theo: “{ev['matched_on']}”"
    if "best_score" in ev:
        return f"độ trùng khớp cao nhất: {ev['best_score']:.0%} (cần {ev.get('threshold', 0.5):.0%})"
    return None


def left_out(result: FileResult) -> bool:
    """A report that was read and checked alone but could not be placed in a series (no period…)."""
    from ..crossdoc import NOT_IN_SERIES

    return bool(result.error) and result.error.startswith(NOT_IN_SERIES)


def error_text(result: FileResult) -> str:
    return result.error if left_out(result) else f"Không đọc được: {result.error}"


def render_file(console: Console, result: FileResult) -> None:
    console.rule(Text(result.path, style="bold"))
    if result.error:
        console.print(Text(f"  {error_text(result)[0].upper()}{error_text(result)[1:]}", style="bold red"))
        if not left_out(result):
            return
    if not result.findings and result.error:
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
            if f.crosses_documents:  # the two reports' sentences side by side
                console.print(Padding(side_by_side(f, result.path), (0, 0, 0, 6)))
                compared = _compared(f)
                if compared:
                    console.print(Text(f"      {compared}", style="dim"))
            else:
                console.print(Text(f"      tại: {where(f)}", style="dim"))
                if f.context:
                    console.print(Text("      ") + _highlighted(f))
            if f.evidence and f.evidence.get("arithmetic"):
                console.print(Text(f"      phép tính: {f.evidence['arithmetic']}", style="magenta"))
            if f.related is not None and not f.crosses_documents:
                console.print(Text(f"      xem thêm: {f.related.label}", style="dim"))
            if f.suggestion:
                console.print(Text(f"      gợi ý: {f.suggestion}", style="green"))


def where(f: Finding) -> str:
    """The location label; for a table cell of a text file, also the file's line to jump to."""
    loc = f.location
    if loc.table is not None and loc.line:
        return f"{loc.label} (tệp: dòng {loc.line})"
    return loc.label


def _short(path: str) -> str:
    """A path relative to the working directory when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return path


def render_summary(console: Console, results: list[FileResult]) -> None:
    table = Table(title="Tổng hợp", show_lines=False, show_footer=len(results) > 1)
    totals = Counter(f.severity.value for r in results for f in r.findings)
    unreadable = sum(1 for r in results if r.error and not left_out(r))
    outside = sum(1 for r in results if left_out(r))
    table.add_column("Tệp", overflow="fold", footer=f"{len(results)} tệp")
    table.add_column("Lỗi", justify="right", footer=str(totals["error"]))
    table.add_column("Cảnh báo", justify="right", footer=str(totals["warning"]))
    table.add_column("Gợi ý", justify="right", footer=str(totals["info"]))
    notes = ([f"{unreadable} không đọc được"] if unreadable else []) + ([f"{outside} ngoài chuỗi"] if outside else [])
    table.add_column("Ghi chú", footer=", ".join(notes))
    for r in results:
        c = Counter(f.severity.value for f in r.findings)
        note = ("ngoài chuỗi" if left_out(r) else "không đọc được") if r.error else ("sạch" if not r.findings else "")
        table.add_row(_short(r.path), str(c["error"]), str(c["warning"]), str(c["info"]),
                      Text(note, style="red" if r.error else "green"))
    console.print(table)


def render_terminal(results: Iterable[FileResult], console: Console | None = None) -> None:
    console = console or Console()
    results = list(results)
    if len(results) == 1 and results[0].error and not left_out(results[0]):
        return  # one unreadable report: the CLI's one-line error says it all
    for r in results:
        render_file(console, r)
    render_summary(console, results)
