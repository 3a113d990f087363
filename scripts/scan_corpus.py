"""Run rules over the seeds and the shared corpus and print what fires (false-alarm hunting).

    python scripts/scan_corpus.py                # all rules, counts + every finding
    python scripts/scan_corpus.py --select SO    # one family / rule prefix
    python scripts/scan_corpus.py --counts       # only the counts per rule
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from checker.api import check_file
from checker.cli import select_rules
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--select", default="")
    ap.add_argument("--ignore", default="")
    ap.add_argument("--counts", action="store_true")
    ap.add_argument("--docx", action="store_true", help="read the corpus .docx instead of .txt")
    args = ap.parse_args()
    rules = select_rules(load_rules(), args.select, args.ignore)
    suffix = ".docx" if args.docx else ".txt"
    paths = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob(f"*{suffix}"))
    paths += sorted((ROOT / "samples").glob("*.txt"))
    counts: Counter = Counter()
    for path in paths:
        result = check_file(path, rules)
        if result.error:
            print(f"!! {path.name}: {result.error}")
            continue
        for f in result.findings:
            counts[(f.rule, path.parent.name)] += 1
            if not args.counts:
                print(f"{path.name} | {f.rule} {f.severity.value} | {f.location.label} | «{f.excerpt}» | {f.message}")
    print("\n== counts (rule, folder) ==")
    for (rule, folder), n in sorted(counts.items()):
        print(f"  {rule:6} {folder:8} {n}")


if __name__ == "__main__":
    main()
