"""Command line: ``rasoat check PATH…``, ``rasoat fix``, ``rasoat rules``, ``rasoat explain ID``.

Exit 0: no findings at or above the threshold; 1: findings; 2: usage error, configuration
error or unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from rich.console import Console

from . import __version__
from .api import FileResult, Plan, UnknownRuleCode, check_paths, choose_rules, make_plan
from .atomic import OutputError, atomic_write_text, guard_output
from .builtin_rules import with_builtins
from .config import ConfigError, load_config
from .engine import validate_rules
from .findings import Severity
from .ruleset import RuleFileError, RuleSpec, load_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMATS = ["text", "json", "sarif", "html"]


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        raise UsageError(f"lỗi cú pháp lệnh (usage error): {message}")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' không phải số nguyên (not an integer)") from None
    if n < 1:
        raise argparse.ArgumentTypeError("phải ≥ 1 (must be at least 1)")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rasoat", description="Rà soát báo cáo hành chính tiếng Việt")
    parser.add_argument("--version", action="version", version=f"rasoat {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="kiểm tra báo cáo (.docx, .txt, .md hoặc thư mục)")
    check.add_argument("paths", nargs="*", metavar="PATH")
    check.add_argument("--series", action="store_true",
                       help="các PATH là một chuỗi báo cáo theo kỳ (hoặc một thư mục): đối chiếu kỳ này với kỳ trước")
    check.add_argument("--sources", nargs="+", metavar="PATH", default=None,
                       help="báo cáo của các đơn vị, đối chiếu với báo cáo tổng hợp --summary")
    check.add_argument("--summary", metavar="PATH", default=None, help="báo cáo tổng hợp (dùng với --sources)")
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("-o", "--output", metavar="FILE",
                       help="ghi báo cáo (json/sarif/html/text) vào tệp thay vì màn hình")
    check.add_argument("--select", default=None, help="chỉ chạy các quy tắc/tiền tố này, phân cách bằng dấu phẩy")
    check.add_argument("--ignore", default="", help="bỏ qua các quy tắc/tiền tố này")
    check.add_argument("--min-severity", choices=[s.value for s in Severity], default=None)
    check.add_argument("--config", metavar="FILE", help="tệp cấu hình (mặc định: tìm rasoat.toml / pyproject.toml)")
    check.add_argument("--no-config", action="store_true", help="không đọc tệp cấu hình")
    check.add_argument("--jobs", "-j", type=_positive, default=1, metavar="N", help="số tiến trình song song")
    check.add_argument("--annotate", metavar="OUT",
                       help="ghi bản sao .docx có ghi chú (comment) Word cho mỗi phát hiện; "
                            "nhiều tệp đầu vào: OUT là thư mục")
    check.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")
    check.add_argument("--debug", action="store_true", help="in traceback khi có lỗi nội bộ")

    fix = sub.add_parser("fix", help="sửa an toàn (chuẩn hoá Unicode NFC, bỏ từ lặp, đặt dấu theo kiểu chung) vào một bản sao")
    fix.add_argument("path", metavar="PATH")
    fix.add_argument("-o", "--output", required=True, metavar="OUT")
    fix.add_argument("--config", metavar="FILE")
    fix.add_argument("--no-config", action="store_true")

    rules = sub.add_parser("rules", help="liệt kê các quy tắc")
    rules.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    explain = sub.add_parser("explain", help="giải thích một quy tắc")
    explain.add_argument("rule_id")
    return parser


def select_rules(rules: list[RuleSpec], select: str, ignore: str) -> list[RuleSpec]:
    try:
        return choose_rules(rules, (select or "").split(","), (ignore or "").split(","))
    except UnknownRuleCode as exc:
        raise UsageError(f"không có quy tắc nào mang mã '{exc}' (unknown rule code)") from None


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("thiếu lệnh: dùng 'rasoat check PATH…', 'rasoat rules' hoặc 'rasoat explain ID'")
        rules = load_rules()
        validate_rules(rules)
        if args.command == "rules":
            return cmd_rules(with_builtins(rules), args.format)
        if args.command == "explain":
            return cmd_explain(with_builtins(rules), args.rule_id)
        if args.command == "fix":
            return cmd_fix(args, rules)
        return cmd_check(args, rules)
    except (UsageError, RuleFileError, ConfigError, OutputError) as exc:
        print(f"rasoat: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("rasoat: đã dừng (interrupted)", file=sys.stderr)
        return EXIT_USAGE


def _plan(args: argparse.Namespace, rules: list[RuleSpec], paths: list[str]) -> Plan:
    config = None if args.no_config else load_config(paths, args.config)
    select = [s for s in (args.select or "").split(",") if s.strip()] if args.select else None
    ignore = [s for s in (getattr(args, "ignore", "") or "").split(",") if s.strip()]
    minimum = Severity(args.min_severity) if getattr(args, "min_severity", None) else None
    try:
        return make_plan(config, select, ignore, minimum, rules=rules, debug=getattr(args, "debug", False))
    except UnknownRuleCode as exc:
        raise UsageError(f"không có quy tắc nào mang mã '{exc}' (unknown rule code)") from None


def _input_files(paths: list[str]) -> list[str]:
    from .api import expand_paths

    files, _ = expand_paths(paths)
    return files


def _crossdoc_args(args: argparse.Namespace) -> None:
    """--series / --sources … --summary …: check the arguments; PATHs become every input file."""
    if bool(args.sources) != bool(args.summary):
        raise UsageError("--sources và --summary phải đi cùng nhau (--sources needs --summary)")
    if args.sources and (args.series or args.paths):
        raise UsageError("--sources … --summary … không dùng cùng --series hay PATH (use one mode)")
    if args.summary and Path(args.summary).is_dir():
        raise UsageError(f"{args.summary}: --summary phải là một tệp báo cáo, không phải thư mục "
                         f"(--summary must be a file)")
    if args.sources:
        args.paths = list(args.sources) + [args.summary]
    if not args.paths:
        raise UsageError("thiếu PATH: 'rasoat check PATH…' (no input)")


def _run_crossdoc(args: argparse.Namespace, plan: Plan, on_start=None, on_read=None) -> list[FileResult]:
    """--series / --sources … --summary …; ``--jobs`` reads and checks the reports in parallel."""
    from . import crossdoc

    if args.sources:
        return crossdoc.check_summary_paths(list(args.sources), args.summary, plan, jobs=args.jobs,
                                            on_start=on_start, on_read=on_read)
    return crossdoc.check_series_paths(list(args.paths), plan, jobs=args.jobs, on_start=on_start, on_read=on_read)


def cmd_check(args: argparse.Namespace, rules: list[RuleSpec]) -> int:
    _crossdoc_args(args)
    plan = _plan(args, rules, args.paths)
    inputs = _input_files(args.paths)
    if args.output:
        guard_output(args.output, inputs)
    if args.annotate:
        _guard_annotate(args.annotate, args.paths, inputs)

    show_progress = (args.format == "text" and not args.output and not args.no_progress
                     and sys.stdout.isatty() and sys.stderr.isatty())
    if args.series or args.sources:  # --series / --sources … --summary …
        def run(on_start=None, on_done=None) -> list[FileResult]:
            return _run_crossdoc(args, plan, on_start, on_done)
    else:
        def run(on_start=None, on_done=None) -> list[FileResult]:
            on_result = (lambda r: on_done(r.path)) if on_done else None
            return check_paths(args.paths, plan, jobs=args.jobs, on_result=on_result, on_start=on_start)
    results = _run_with_progress(run) if show_progress else run()

    _emit(args, results, plan)
    annotate_failed = _annotate(args.annotate, args.paths, results) if args.annotate else False
    for r in results:
        if r.error:
            print(f"rasoat: {r.path}: {r.error}", file=sys.stderr)
    if any(r.error for r in results) or annotate_failed:
        return EXIT_USAGE
    return EXIT_FINDINGS if any(r.findings for r in results) else EXIT_CLEAN


def _run_with_progress(run) -> list[FileResult]:
    """``run(on_start, on_done)`` with a progress bar on stderr (one step per report read)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(TextColumn("[bold]Rà soát"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}", markup=False), console=console, transient=True) as progress:
        task = progress.add_task("", total=None)

        def start(n: int) -> None:
            progress.update(task, total=n)

        def done(path: str) -> None:
            progress.update(task, advance=1, description=Path(path).name)

        return run(start, done)


def _emit(args: argparse.Namespace, results: list[FileResult], plan: Plan) -> None:
    fmt = args.format
    if fmt == "json":
        from .reporters.json_report import render_json

        text = render_json(results)
    elif fmt == "sarif":
        from .reporters.sarif import render_sarif

        text = render_sarif(results, plan.all_rules)
    elif fmt == "html":
        from .reporters.html import render_html

        text = render_html(results, plan.all_rules)
    else:
        from .reporters.terminal import render_terminal

        if args.output:
            console = Console(file=__import__("io").StringIO(), width=100, no_color=True, color_system=None)
            render_terminal(results, console)
            atomic_write_text(args.output, console.file.getvalue())
        else:
            render_terminal(results)
        return
    if args.output:
        atomic_write_text(args.output, text + "\n")
    else:
        sys.stdout.write(text + "\n")


def _annotate_targets(out: str, paths: list[str], inputs: list[str]) -> list[tuple[str, str]]:
    docx = [p for p in inputs if Path(p).suffix.lower() == ".docx"]
    single = len(paths) == 1 and Path(paths[0]).is_file()
    if single:
        if not docx:
            raise UsageError(f"{paths[0]}: chỉ ghi được bản có ghi chú cho tệp .docx (--annotate needs .docx input)")
        if Path(out).is_dir():
            return [(docx[0], str(Path(out) / Path(docx[0]).name))]
        return [(docx[0], out)]
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{out}: nhiều tệp đầu vào thì --annotate phải là một thư mục (--annotate must be a "
                         f"directory for several inputs)")
    pairs, seen = [], set()
    for p in docx:
        name = Path(p).name
        if name in seen:  # two inputs with the same name: keep both
            name = f"{Path(p).parent.name}_{name}"
        seen.add(name)
        pairs.append((p, str(target / name)))
    return pairs


def _guard_annotate(out: str, paths: list[str], inputs: list[str]) -> None:
    for src, dst in _annotate_targets(out, paths, inputs):
        guard_output(dst, inputs)


def _annotate(out: str, paths: list[str], results: list[FileResult]) -> bool:
    """Write the annotated copies; True when one of them could not be written."""
    from .reporters.annotate import annotate_docx

    by_path = {r.path: r for r in results}
    pairs = _annotate_targets(out, paths, [r.path for r in results if not r.error])
    if len(pairs) > 1 or (len(paths) > 1 or Path(paths[0]).is_dir()):
        Path(out).mkdir(parents=True, exist_ok=True)
    failed = False
    for src, dst in pairs:
        result = by_path.get(src)
        if result is None or result.error:
            continue
        try:
            n = annotate_docx(src, dst, result.findings)
        except OutputError:
            raise
        except Exception as exc:  # one file that python-docx cannot write never stops the others
            print(f"rasoat: {src}: không ghi được bản có ghi chú (cannot annotate: {type(exc).__name__}: {exc})",
                  file=sys.stderr)
            failed = True
            continue
        print(f"rasoat: đã ghi {dst} ({n} ghi chú)", file=sys.stderr)
    return failed


def cmd_fix(args: argparse.Namespace, rules: list[RuleSpec]) -> int:
    from .fixes import fix_file

    src = args.path
    if not Path(src).is_file():
        raise UsageError(f"{src}: không tìm thấy tệp (file not found)")
    guard_output(args.output, [src])
    config = None if args.no_config else load_config([src], args.config)
    changes = fix_file(src, args.output, rules, config)
    if isinstance(changes, str):  # unreadable input
        print(f"rasoat: {src}: {changes}", file=sys.stderr)
        return EXIT_USAGE
    console = Console()
    if not changes:
        console.print("Không có gì cần sửa tự động. Đã ghi bản sao: " + args.output)
    else:
        console.print(f"Đã sửa {len(changes)} chỗ, ghi vào {args.output}:")
        for c in changes:
            console.print("  • " + c.describe(), markup=False, highlight=False)
    return EXIT_CLEAN


def cmd_rules(rules: list[RuleSpec], fmt: str = "text") -> int:
    from .reporters import docs

    if fmt == "json":
        sys.stdout.write(docs.rules_json(rules) + "\n")
    elif fmt == "markdown":
        sys.stdout.write(docs.rules_markdown(rules))
    else:
        docs.render_rules_table(rules, Console())
    return EXIT_CLEAN


def cmd_explain(rules: list[RuleSpec], rule_id: str) -> int:
    from .reporters.docs import render_explain

    match = [r for r in rules if r.id == rule_id.upper()]
    if not match:
        raise UsageError(f"không có quy tắc '{rule_id}' (unknown rule)")
    render_explain(match[0], Console())
    return EXIT_CLEAN
