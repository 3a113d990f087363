"""Vietnamese-format numbers: "1.234,5" = 1234.5, "3.425" = 3425, "0,5", "01".

Tokenising is a regex; turning a token into a value is Babel's job
(``parse_decimal(..., locale="vi", strict=True)``), not hand-rolled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex
from babel.numbers import NumberFormatError, parse_decimal

# A number written the Vietnamese way: groups of three after dots, decimals after a comma. A grouped
# number never starts with 0 ("0.100" is English or a typo, not a figure: Babel refuses it).
NUM = r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# Not glued to letters or to other digits/separators on either side.
NUMBER_RE = regex.compile(rf"(?<![\p{{L}}\d.,])(?:{NUM})(?!\d|[.,]\d)")


@dataclass(frozen=True, slots=True)
class Number:
    value: Decimal
    text: str
    start: int
    end: int

    @property
    def decimals(self) -> int:
        """Digits after the decimal comma: the printed precision."""
        return len(self.text.split(",", 1)[1]) if "," in self.text else 0

    @property
    def grouped(self) -> bool:
        return "." in self.text

    @property
    def half_ulp(self) -> Decimal:
        return Decimal(5).scaleb(-self.decimals - 1)

    @property
    def interval(self) -> tuple[Decimal, Decimal]:
        """The values this printed figure stands for (XBRL-style): 91,3 -> [91,25; 91,35]."""
        return self.value - self.half_ulp, self.value + self.half_ulp

    def __float__(self) -> float:
        return float(self.value)


# Plain ASCII figures, ungrouped ("2021", "0,5") or grouped from a non-zero digit ("1.234,5"): Babel's
# strict parse gives exactly Decimal of the digits (tests/test_fast_paths_core.py checks it), and
# costs ~30 µs a call, i.e. ~0,1 s for the distinct figures of a 500-page report.
_PLAIN_VN = re.compile(r"[0-9]+(?:,[0-9]+)?|[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")


@lru_cache(maxsize=8192)
def parse_vn_number(text: str) -> Decimal:
    """Value of a Vietnamese-format number; raises ValueError when it is not one."""
    if _PLAIN_VN.fullmatch(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    return _babel_vn_number(text)


def _babel_vn_number(text: str) -> Decimal:
    try:
        return parse_decimal(text, locale="vi", strict=True)
    except NumberFormatError as exc:
        raise ValueError(f"not a Vietnamese-format number: {text!r}") from exc


def number_at(text: str, start: int, end: int) -> Number:
    token = text[start:end]
    return Number(parse_vn_number(token), token, start, end)


def format_vn(value: Decimal | float | int, decimals: int = 0) -> str:
    """Format a value the Vietnamese way: 1234.5 -> "1.234,5"."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals)) if decimals else Decimal(str(round(value)))
    sign = "-" if q < 0 else ""
    q = abs(q)
    whole, _, frac = f"{q:f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    return sign + (f"{out},{frac}" if frac else out)
