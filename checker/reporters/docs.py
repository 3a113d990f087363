"""Rule documentation generated from rules/*.yaml, so docs never drift from the rules."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..ruleset import RuleSpec

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_rules_table(rules: list[RuleSpec], console: Console) -> None:
    table = Table(title=f"Các quy tắc của rasoat ({len(rules)})",
                  caption="Xem chi tiết và ví dụ: rasoat explain MÃ")
    for col in ("Mã", "Nhóm", "Mức", "Tên quy tắc", "Kiểm tra gì"):
        table.add_column(col, overflow="fold")
    for r in rules:
        what = " ".join(r.description.split())
        if len(what) > 140:
            what = what[:139].rsplit(" ", 1)[0] + "…"
        table.add_row(r.id, r.family, Text(r.severity.vi, style=STYLE[r.severity.value]), r.title, what)
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


def rule_dict(rule: RuleSpec) -> dict:
    return {
        "id": rule.id, "family": rule.family, "title": rule.title, "severity": rule.severity.value,
        "check": rule.check, "message": rule.message,
        "description": " ".join(rule.description.split()), "why": " ".join(rule.why.split()),
        "examples": {"flag": [ex.model_dump(exclude_none=True) for ex in rule.examples.flag],
                     "pass": list(rule.examples.pass_)},
    }


def rules_json(rules: list[RuleSpec]) -> str:
    import json

    return json.dumps([rule_dict(r) for r in rules], ensure_ascii=False, indent=2)


def rules_markdown(rules: list[RuleSpec]) -> str:
    """The rule reference as Markdown (``rasoat rules --format markdown > docs/RULES.md``)."""
    out = ["# Các quy tắc của rasoat", "",
           "Tự sinh từ `rules/*.yaml` bằng `rasoat rules --format markdown`; đừng sửa tay.", ""]
    for r in rules:
        out += [f"## {r.id} — {r.title}", "",
                f"Nhóm `{r.family}` · mức **{r.severity.vi}** · hàm kiểm tra `{r.check}`", ""]
        if r.description:
            out += ["**Kiểm tra gì.** " + " ".join(r.description.split()), ""]
        if r.why:
            out += ["**Vì sao quan trọng.** " + " ".join(r.why.split()), ""]
        out.append("**Ví dụ bị báo**")
        out.append("")
        for ex in r.examples.flag:
            line = "- ✗ " + " ⏎ ".join(ex.text.splitlines())
            if ex.excerpt:
                line += f" → “{ex.excerpt}”"
            out.append(line)
        out += ["", "**Ví dụ không bị báo**", ""]
        out += ["- ✓ " + " ⏎ ".join(ex.splitlines()) for ex in r.examples.pass_]
        out.append("")
    return "\n".join(out)
