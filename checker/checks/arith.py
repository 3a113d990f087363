"""Small arithmetic helpers shared by numeric checks: intervals, formatting, typo guesses."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

from ..extract.numbers import Number, format_vn


def fits(value: Decimal, stated: Number, allow_truncation: bool = True) -> bool:
    """Does an exact ``value`` print as ``stated`` at its precision?

    Rounding gives [x - ½ulp, x + ½ulp]; a figure truncated instead of rounded
    ([x, x + ulp)) is not a wrong figure either, so it is accepted too.
    """
    lo, hi = stated.interval
    if lo <= value <= hi:
        return True
    ulp = stated.half_ulp * 2
    return allow_truncation and stated.value <= value < stated.value + ulp


def fmt(value: Decimal | float, decimals: int = 2) -> str:
    return format_vn(Decimal(str(value)), decimals)


def one_slip_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one digit, or by two adjacent digits swapped."""
    da = [c for c in a if c.isdigit()]
    db = [c for c in b if c.isdigit()]
    if len(da) != len(db) or da == db:
        return False
    diff = [i for i, (x, y) in enumerate(zip(da, db)) if x != y]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]


def digit_variants(text: str) -> Iterable[str]:
    """Every string one digit-typo or one adjacent swap away from ``text`` (same layout)."""
    chars = list(text)
    pos = [i for i, c in enumerate(chars) if c.isdigit()]
    for i in pos:
        for d in "0123456789":
            if d != chars[i]:
                yield "".join(chars[:i] + [d] + chars[i + 1:])
    for a, b in zip(pos, pos[1:]):
        if chars[a] != chars[b]:
            swapped = chars[:]
            swapped[a], swapped[b] = swapped[b], swapped[a]
            yield "".join(swapped)


def culprit_note(which: str, written: str, correct: str) -> Optional[str]:
    if one_slip_apart(written, correct):
        return f"có thể gõ nhầm {which}: “{written}” → “{correct}”"
    return None
