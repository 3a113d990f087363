"""Reading and checking speed against the reading limit (issue 8).

    python benchmarks/bench_reading.py            # 100- and 500-page reports, 3 runs each
    python benchmarks/bench_reading.py --pages 500 --runs 1 --profile   # + cProfile of the full check
    python benchmarks/bench_reading.py --pages 500 --runs 1 --by-rule   # + the slowest rules

Generates realistic reports with python-docx (paragraphs built from the seeds' sentences, follow-up
tables TT | Nội dung | Kết quả | Ghi chú with figures and a few slips), then measures on the same file:

  (a) bare text extraction with lxml iterparse (the floor: unzip + parse + collect w:t),
  (b) python-docx load + iteration over paragraphs and table cells,
  (c) the full ``rasoat check`` with every rule (in-process ``check_with_plan``: read, extract, all
      rules, suppression comments),
  (core) rasoat's own share of (c): read + units + figure extraction, no rules,
  (d) peak memory of (c) (ru_maxrss of a fresh child process that only runs (c); the interpreter and
      imports are included),
  (e) characters per second of the full check on the seeds' text.

Each timing is the best of ``--runs`` runs after a warm-up. Targets: (c) ≤ (b) and ≤ 5 × (a) at 500
pages; (c) 100 → 500 pages within 10 % of linear; (d) ≤ 150 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"
CACHE = ROOT / "benchmarks" / ".cache"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

FALLBACK = [
    "Nhân dân đã gieo cấy lúa vụ mùa được 3.425ha/3.750ha, đạt 91,3% KH.",
    "Tổ chức 06 lớp/152 học viên; hỗ trợ 389 hộ/1.709 khẩu, trong đó 15/17 xã đạt chuẩn nông thôn mới.",
    "Ngày 10/5/2021, UBND huyện ban hành Công văn số 1120/UBND-TNMT về việc triển khai kế hoạch.",
    "Các hộ dân được được hỗ trợ kịp thời, đúng đối tượng, đúng quy định.",
]


def seed_sentences() -> list[str]:
    out: list[str] = []
    if SEEDS.is_dir():
        for f in sorted(SEEDS.glob("*.txt")):
            for line in f.read_text(encoding="utf-8").splitlines():
                line = " ".join(line.replace("\t", " ").split())
                if len(line) > 40:
                    out.append(line)
    return out or FALLBACK


def seed_text() -> str:
    if SEEDS.is_dir() and list(SEEDS.glob("*.txt")):
        return "\n".join(f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt")))
    return "\n".join(FALLBACK * 50)


def build_report(path: Path, pages: int, seed: int = 8) -> None:
    """~3.000 characters a page: prose paragraphs, a heading every 2 pages, a table every 3 pages."""
    import docx

    rnd = random.Random(seed)
    sentences = seed_sentences()
    d = docx.Document()
    section = 0
    for page in range(pages):
        if page % 2 == 0:
            section += 1
            d.add_heading(f"{section}. Kết quả thực hiện nhiệm vụ {section}", level=2)
        chars = 0
        while chars < 2600:
            para = " ".join(rnd.choice(sentences) for _ in range(rnd.randint(1, 3)))
            if rnd.random() < 0.3:
                a = rnd.randint(10, 900)
                b = a + rnd.randint(0, 200)
                pct = round(a / b * 100, 1) if rnd.random() < 0.9 else round(a / b * 100 + 1.3, 1)  # slips
                para += f" Đến nay đã thực hiện {a}/{b} hộ, đạt {str(pct).replace('.', ',')}%."
            d.add_paragraph(para)
            chars += len(para)
        if page % 3 == 2:
            rows = rnd.randint(6, 12)
            t = d.add_table(rows=rows + 1, cols=4)
            for c, title in enumerate(("TT", "Nội dung", "Kết quả", "Ghi chú")):
                t.rows[0].cells[c].text = title
            for r in range(1, rows + 1):
                cells = t.rows[r].cells
                cells[0].text = str(r)
                cells[1].text = rnd.choice(sentences)[:160]
                n = rnd.randint(1, 5000)
                cells[2].text = f"{n:,}".replace(",", ".") + rnd.choice([" hộ", " người", " ha", " triệu đồng"])
                cells[3].text = rnd.choice(["", "Đạt", "Chưa đạt", "Hoàn thành 100%"])
    d.save(path)


def report(pages: int) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"report_{pages}p.docx"
    if not path.exists():
        build_report(path, pages)
    return path


# --- the measured operations --------------------------------------------------------------------

def bare_lxml(path: Path) -> int:
    from lxml import etree

    chars = 0
    with zipfile.ZipFile(path) as zf, zf.open("word/document.xml") as fh:
        for _, el in etree.iterparse(fh, events=("end",), tag=f"{W}t"):
            chars += len(el.text or "")
            el.clear(keep_tail=True)
    return chars


def python_docx(path: Path) -> int:
    import docx

    d = docx.Document(str(path))
    chars = 0
    for block in d.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        chars += len(p.text)
        else:
            chars += len(block.text)
    return chars


def core_pipeline(path: Path) -> int:
    """rasoat's own share of (c): read the .docx (lxml), build the units, extract every figure."""
    from checker.context import CheckContext
    from checker.readers import read_document

    ctx = CheckContext(read_document(path))
    n = 0
    for unit in ctx.units():
        facts = ctx.facts(unit)
        n += len(facts.quantities)
    return n


_PLAN = None


def full_check(path: Path) -> int:
    global _PLAN
    from checker.api import check_with_plan, make_plan
    from checker.config import Config

    if _PLAN is None:
        _PLAN = make_plan(Config())
    result = check_with_plan(str(path), _PLAN)
    assert result.error is None, result.error
    return len(result.findings)


def rule_times(path: Path) -> list[tuple[str, float]]:
    """CPU time of each rule of the full check, slowest first (second run: lazy data loaded)."""
    from checker.checks import get_check
    from checker.context import CheckContext
    from checker.readers import read_document

    full_check(path)  # loads the plan, the word lists and the models
    ctx = CheckContext(read_document(path), _PLAN.config.settings())
    for unit in ctx.units():
        ctx.facts(unit)
    times = []
    for rule in _PLAN.rules:
        check = get_check(rule.check)
        t = time.process_time()
        list(check.fn(ctx, rule, check.params.model_validate(rule.params)))
        times.append((rule.id, time.process_time() - t))
    return sorted(times, key=lambda x: -x[1])


def best_of(fn, arg, runs: int) -> tuple[float, object]:
    fn(arg)  # warm-up (imports, regex compilation, lazy data)
    best, value = float("inf"), None
    for _ in range(runs):
        t = time.perf_counter()
        value = fn(arg)
        best = min(best, time.perf_counter() - t)
    return best, value


def own_peak_kb() -> int:
    """This process's peak resident memory in KiB. VmHWM (Linux) belongs to the process's own
    address space; ru_maxrss may carry the parent's size over fork/exec, so it is the fallback."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_memory_mb(path: Path) -> float:
    """ru_maxrss of a fresh process that runs only the full check once."""
    code = ("import sys, resource; sys.path.insert(0, sys.argv[2]); "
            "from benchmarks.bench_reading import full_check; from pathlib import Path; "
            "full_check(Path(sys.argv[1])); "
            "from benchmarks.bench_reading import own_peak_kb; print(own_peak_kb())")
    out = subprocess.run([sys.executable, "-c", code, str(path), str(ROOT)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return int(out.stdout.strip().splitlines()[-1]) / 1024  # Linux: KiB


def baseline_memory_mb() -> float:
    code = ("import sys, resource; sys.path.insert(0, sys.argv[1]); "
            "from checker.api import make_plan; from checker.config import Config; "
            "from checker.checks import registry; registry(); make_plan(Config()); "
            "from benchmarks.bench_reading import own_peak_kb; print(own_peak_kb())")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def seeds_speed(runs: int) -> tuple[int, float]:
    from checker.api import check_text
    from checker.ruleset import load_rules

    text = seed_text()
    rules = load_rules()
    t, _ = best_of(lambda s: check_text(s, rules), text, runs)
    return len(text), t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, nargs="*", default=[100, 500])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="cProfile the full check of the largest report")
    ap.add_argument("--by-rule", action="store_true", help="time each rule on the largest report")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    rows = []
    for pages in args.pages:
        path = report(pages)
        ta, chars = best_of(bare_lxml, path, args.runs)
        tb, _ = best_of(python_docx, path, args.runs)
        tcore, _ = best_of(core_pipeline, path, args.runs)
        tc, findings = best_of(full_check, path, args.runs)
        mem = peak_memory_mb(path)
        rows.append({"pages": pages, "kb": path.stat().st_size // 1024, "chars": chars, "lxml_s": ta,
                     "python_docx_s": tb, "core_s": tcore, "check_s": tc, "findings": findings, "peak_mb": mem})
    base = baseline_memory_mb()
    n, ts = seeds_speed(args.runs)

    if args.json:
        print(json.dumps({"reports": rows, "seeds_chars": n, "seeds_s": ts, "baseline_mb": base}, indent=2))
    else:
        print(f"{'pages':>5} {'size':>7} {'chars':>9} {'(a) lxml':>9} {'(b) py-docx':>11} {'core':>7} {'(c) check':>10} "
              f"{'c/b':>5} {'c/a':>5} {'findings':>8} {'(d) peak':>9}")
        for r in rows:
            print(f"{r['pages']:>5} {r['kb']:>5}KB {r['chars']:>9,} {r['lxml_s']:>8.3f}s {r['python_docx_s']:>10.3f}s "
                  f"{r['core_s']:>6.3f}s {r['check_s']:>9.3f}s {r['check_s'] / r['python_docx_s']:>5.2f} {r['check_s'] / r['lxml_s']:>5.1f} "
                  f"{r['findings']:>8} {r['peak_mb']:>7.0f}MB")
        print("core = read (lxml) + units + figure extraction, i.e. (c) without the rules")
        print(f"(d) baseline (interpreter + imports + rules, no document): {base:.0f} MB")
        print(f"(e) seeds: {n:,} chars in {ts:.3f}s = {n / ts:,.0f} chars/s (full check, all rules)")
        by = {r["pages"]: r for r in rows}
        if 100 in by and 500 in by:
            growth = by[500]["check_s"] / by[100]["check_s"]
            print(f"growth 100 → 500 pages: ×{growth:.2f} (linear = ×5.00; target ≤ ×5.50)")
            big = by[500]
            verdict = {
                "core ≤ python-docx": big["core_s"] <= big["python_docx_s"],
                "check ≤ python-docx": big["check_s"] <= big["python_docx_s"],
                "check ≤ 5 × lxml": big["check_s"] <= 5 * big["lxml_s"],
                "growth within 10% of linear": growth <= 5.5,
                "peak ≤ 150 MB": big["peak_mb"] <= 150,
            }
            for k, ok in verdict.items():
                print(f"  {'OK  ' if ok else 'MISS'} {k}")

    if args.by_rule:
        print("slowest rules (CPU seconds, largest report, facts extracted beforehand):")
        for rule_id, seconds in rule_times(report(max(args.pages)))[:15]:
            print(f"  {rule_id:6} {seconds:7.3f}s")

    if args.profile:
        import cProfile
        import pstats

        path = report(max(args.pages))
        full_check(path)
        prof = cProfile.Profile()
        prof.enable()
        full_check(path)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
