"""Write samples/expected/<sample>.json: the findings each sample report is expected to give.

    python scripts/update_expected.py          # rewrite every snapshot
    python scripts/update_expected.py --check  # exit 1 and show the differences if any is stale

A snapshot keeps what a reviewer reads (rule, severity, where, excerpt, message), not offsets, so
that a reader change that moves nothing visible does not churn it. tests/test_samples_expected.py
compares the current findings with these files; after changing a rule on purpose, rerun this script
and read the diff before committing it.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = SAMPLES / "expected"


def sample_files() -> list[Path]:
    from checker.readers import is_report_file

    return sorted(p for p in SAMPLES.iterdir() if p.is_file() and is_report_file(p))


def snapshot(path: Path) -> list[dict]:
    """The findings of one sample in reading order, as stored in its expected file."""
    from checker.api import check_file, make_plan

    plan = make_plan(config=None)
    result = check_file(path, plan.rules, config=plan.config, enabled_ids=plan.enabled_ids,
                        known_ids=plan.known_ids)
    if result.error:
        raise RuntimeError(f"{path}: {result.error}")
    return [{"rule": f.rule, "severity": f.severity.value, "where": f.location.label,
             "excerpt": f.excerpt, "message": f.message} for f in result.findings]


def render(entries: list[dict]) -> str:
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


def expected_path(sample: Path) -> Path:
    return EXPECTED / f"{sample.name}.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when stale")
    args = parser.parse_args(argv)
    EXPECTED.mkdir(exist_ok=True)
    stale = 0
    for sample in sample_files():
        target = expected_path(sample)
        new = render(snapshot(sample))
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        if new == old:
            continue
        stale += 1
        if args.check:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                                       str(target), "current findings"))
        else:
            target.write_text(new, encoding="utf-8")
            print(f"updated {target.relative_to(ROOT)}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
