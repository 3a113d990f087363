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


def as_written(value: Decimal, like: str, decimals: Optional[int] = None) -> str:
    """``value`` printed the way ``like`` is printed: same decimals, same leading zero ("02")."""
    if decimals is None:
        decimals = len(like.split(",", 1)[1]) if "," in like else 0
    out = format_vn(value, decimals)
    whole = like.split(",", 1)[0]
    if whole.startswith("0") and len(whole) > 1 and len(out.split(",", 1)[0]) < len(whole):
        out = out.zfill(len(whole) + (len(out) - len(out.split(",", 1)[0])))
    return out


def is_swap(a: str, b: str) -> bool:
    da = [c for c in a if c.isdigit()]
    db = [c for c in b if c.isdigit()]
    return len(da) == len(db) and da != db and sorted(da) == sorted(db) and one_slip_apart(a, b)


def slip_note(candidates: list[tuple[str, str, str]]) -> Optional[str]:
    """From (role, written, correct) candidates, a note naming the figure(s) a single slip
    (one digit, or two adjacent digits swapped) explains; None when none or too many do.

    A swap of two digits is the more specific explanation (any gap of d×10^k can be "fixed"
    by changing one digit of many figures), so a lone swap wins over digit changes."""
    slips = [(role, w, c) for role, w, c in candidates if one_slip_apart(w, c)]
    swaps = [s for s in slips if is_swap(s[1], s[2])]
    if len(swaps) == 1:
        slips = swaps
    if not slips or len(slips) > 2:
        return None
    if len(slips) == 1:
        role, written, correct = slips[0]
        return f"có thể gõ nhầm {role}: “{written}” → “{correct}”"
    return "có thể gõ nhầm " + " hoặc ".join(f"{role} “{w}” → “{c}”" for role, w, c in slips)


def interval_sum(numbers: Iterable[tuple[Decimal, Decimal, Decimal]]) -> tuple[Decimal, Decimal]:
    """Sum of (value, half_ulp, factor) figures as an interval in base units."""
    lo = hi = Decimal(0)
    for value, half, factor in numbers:
        lo += (value - half) * factor
        hi += (value + half) * factor
    return lo, hi


_STARTS: dict[int, tuple[list, int, list[int]]] = {}


def in_span(seq: list, a: int, b: int) -> list:
    """Items of ``seq`` (facts sorted by ``start``) that start in [a, b)."""
    from bisect import bisect_left
    hit = _STARTS.get(id(seq))
    if hit is None or hit[0] is not seq or hit[1] != len(seq):
        if len(_STARTS) > 512:
            _STARTS.clear()
        hit = _STARTS[id(seq)] = (seq, len(seq), [x.start for x in seq])
    starts = hit[2]
    return seq[bisect_left(starts, a):bisect_left(starts, b)]
