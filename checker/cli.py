"""Command line: ``rasoat check PATH…``, ``rasoat rules``, ``rasoat explain ID``.

Exit 0: no findings at or above the threshold; 1: findings; 2: usage error or unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from rich.console import Console

from . import __version__
from .api import FileResult, at_or_above, check_file, expand_paths
from .engine import validate_rules
from .findings import Severity
from .ruleset import RuleFileError, RuleSpec, load_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        raise UsageError(f"lỗi cú pháp lệnh (usage error): {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rasoat", description="Rà soát báo cáo hành chính tiếng Việt")
    parser.add_argument("--version", action="version", version=f"rasoat {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="kiểm tra báo cáo (.docx, .txt, .md hoặc thư mục)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--select", default="", help="chỉ chạy các quy tắc/tiền tố này, phân cách bằng dấu phẩy")
    check.add_argument("--ignore", default="", help="bỏ qua các quy tắc/tiền tố này")
    check.add_argument("--min-severity", choices=[s.value for s in Severity], default="info")
    check.add_argument("--debug", action="store_true", help="in traceback khi có lỗi nội bộ")

    sub.add_parser("rules", help="liệt kê các quy tắc")
    explain = sub.add_parser("explain", help="giải thích một quy tắc")
    explain.add_argument("rule_id")
    return parser


def select_rules(rules: list[RuleSpec], select: str, ignore: str) -> list[RuleSpec]:
    chosen = [s.strip().upper() for s in select.split(",") if s.strip()]
    dropped = [s.strip().upper() for s in ignore.split(",") if s.strip()]
    known = {r.id for r in rules}
    for code in chosen + dropped:
        if not any(rid.startswith(code) for rid in known):
            raise UsageError(f"không có quy tắc nào mang mã '{code}' (unknown rule code)")
    out = [r for r in rules if not chosen or any(r.id.startswith(c) for c in chosen)]
    return [r for r in out if not any(r.id.startswith(c) for c in dropped)]


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("thiếu lệnh: dùng 'rasoat check PATH…', 'rasoat rules' hoặc 'rasoat explain ID'")
        rules = load_rules()
        validate_rules(rules)
        if args.command == "rules":
            return cmd_rules(rules)
        if args.command == "explain":
            return cmd_explain(rules, args.rule_id)
        return cmd_check(args, rules)
    except (UsageError, RuleFileError) as exc:
        print(f"rasoat: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("rasoat: đã dừng (interrupted)", file=sys.stderr)
        return EXIT_USAGE


def cmd_check(args: argparse.Namespace, rules: list[RuleSpec]) -> int:
    rules = select_rules(rules, args.select, args.ignore)
    files, errors = expand_paths(args.paths)
    results: list[FileResult] = list(errors)
    for path in files:
        results.append(check_file(path, rules, debug=args.debug))
    minimum = Severity(args.min_severity)
    for r in results:
        r.findings = at_or_above(r.findings, minimum)
    if args.format == "json":
        from .reporters.json_report import render_json

        sys.stdout.write(render_json(results) + "\n")
    else:
        from .reporters.terminal import render_terminal

        render_terminal(results)
    for r in results:
        if r.error:
            print(f"rasoat: {r.path}: {r.error}", file=sys.stderr)
    if any(r.error for r in results):
        return EXIT_USAGE
    return EXIT_FINDINGS if any(r.findings for r in results) else EXIT_CLEAN


def cmd_rules(rules: list[RuleSpec]) -> int:
    from .reporters.docs import render_rules_table

    render_rules_table(rules, Console())
    return EXIT_CLEAN


def cmd_explain(rules: list[RuleSpec], rule_id: str) -> int:
    from .reporters.docs import render_explain

    match = [r for r in rules if r.id == rule_id.upper()]
    if not match:
        raise UsageError(f"không có quy tắc '{rule_id}' (unknown rule)")
    render_explain(match[0], Console())
    return EXIT_CLEAN
