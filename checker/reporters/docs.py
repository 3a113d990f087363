"""Rule documentation generated from rules/*.yaml, so docs never drift from the rules."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..ruleset import RuleSpec

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_rules_table(rules: list[RuleSpec], console: Console) -> None:
    table = Table(title=f"Các quy tắc của rasoat ({len(rules)})")
    for col in ("Mã", "Nhóm", "Mức", "Tên quy tắc"):
        table.add_column(col)
    for r in rules:
        table.add_row(r.id, r.family, Text(r.severity.vi, style=STYLE[r.severity.value]), r.title)
    console.print(table)


def render_explain(rule: RuleSpec, console: Console) -> None:
    console.print(Text(f"{rule.id} — {rule.title}", style="bold"))
    console.print(Text(f"Nhóm: {rule.family} · Mức: {rule.severity.vi} · Hàm kiểm tra: {rule.check}", style="dim"))
    if rule.description:
        console.print(Text("\nKiểm tra gì", style="bold underline"))
        console.print(" ".join(rule.description.split()))
    if rule.why:
        console.print(Text("\nVì sao quan trọng", style="bold underline"))
        console.print(" ".join(rule.why.split()))
    console.print(Text("\nVí dụ bị báo", style="bold underline"))
    for ex in rule.examples.flag:
        line = Text("  ✗ ", style="red")
        line.append(ex.text)
        if ex.excerpt:
            line.append(f"   → “{ex.excerpt}”", style="bold")
        console.print(line)
    console.print(Text("\nVí dụ không bị báo", style="bold underline"))
    for ex in rule.examples.pass_:
        console.print(Text("  ✓ ", style="green") + Text(ex))
