"""Every rule runs in (near) linear time on hostile lines: 1 MB-ish runs of digits, punctuation,
slashes, "1.1.1.1…", repeated syllables.

A catastrophic regex cannot be interrupted from Python (the ``regex`` module ignores signals while
matching), so the work runs in a child process that prints START/DONE per (line, rule); the parent
kills it at a generous bound and names the rule that was still running. Not a benchmark: the bound
is for "hangs", not for speed, and holds on a slow, busy machine.

Set RASOAT_LINEAR_CHARS to change the line length (default 1.000.000 characters).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("RASOAT_LINEAR_CHARS", "1000000"))
BOUND_S = float(os.environ.get("RASOAT_LINEAR_BOUND", "60"))
SLOW_RULE_S = 15.0  # one rule on one 1 MB line: far above linear cost, far below quadratic

WORKER = r'''
import sys, time
from checker.checks import get_check
from checker.context import CheckContext
from checker.readers import parse_text
from checker.ruleset import load_rules

N = int(sys.argv[1])
LINES = {
    "digits": "1" * N,
    "dotted": "1." * (N // 2),
    "vn-numbers": "1.234,5 " * (N // 8),
    "slashes": "/" * N,
    "fraction-run": "1/" * (N // 2),
    "punctuation": ".,;:!?-–()[]\"'…" * (N // 15),
    "spaced-punct": ". , ; : " * (N // 8),
    "syllables": "được " * (N // 6),
    "phrase": "hỗ trợ " * (N // 7),
    "letters": "a" * N,
    "date-run": "10/5/2021 " * (N // 10),
    "percent-run": "1% " * (N // 3),
}
rules = load_rules()
for kind, line in LINES.items():
    doc = parse_text(line)
    ctx = CheckContext(doc)
    for unit in ctx.units():
        ctx.facts(unit)  # shared extraction, timed under its own name
    print("DONE", kind, "<extraction>", flush=True)
    for rule in rules:
        check = get_check(rule.check)
        params = check.params.model_validate(rule.params)
        print("START", kind, rule.id, flush=True)
        t = time.perf_counter()
        try:
            list(check.fn(ctx, rule, params))
        except Exception as exc:  # a crash is the fuzz tests' business; here only time matters
            pass
        print("DONE", kind, rule.id, f"{time.perf_counter() - t:.3f}", flush=True)
print("ALL", flush=True)
'''


def test_every_rule_is_linear_on_hostile_lines():
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", WORKER, str(N)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        out, err = proc.communicate(timeout=BOUND_S)
        timed_out = False
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        timed_out = True
    elapsed = time.monotonic() - start
    lines = out.splitlines()
    running = None
    slow = []
    for line in lines:
        parts = line.split()
        if parts[0] == "START":
            running = f"{parts[2]} on {parts[1]}"
        elif parts[0] == "DONE":
            running = None
            if len(parts) == 4 and float(parts[3]) > SLOW_RULE_S:
                slow.append(f"{parts[2]} on {parts[1]}: {parts[3]} s")
    assert not timed_out, (f"still running after {elapsed:.0f} s (bound {BOUND_S:.0f} s): {running} "
                           f"is super-linear on a {N:,}-char line; slow so far: {slow}")
    assert proc.returncode == 0 and lines and lines[-1] == "ALL", err[-2000:]
    assert not slow, slow
