"""NFC normalisation that remembers where each character came from.

Rules match on NFC text (so "ủ" typed as u + hook + dot matches "ủ"), but the
excerpt shown to the user must be exactly what they wrote.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from typing import Optional

import regex


_GRAPHEME = regex.compile(r"\X")


class NormalizedText:
    """``text`` is the NFC form of ``original``; offsets map back to it."""

    __slots__ = ("original", "text", "_starts")

    def __init__(self, original: str):
        self.original = original
        self._starts: Optional[list[int]] = None
        if unicodedata.is_normalized("NFC", original):
            self.text = original
            return
        # Grapheme clusters are normalised independently: composition never
        # crosses a cluster boundary, so each output char maps to its cluster.
        text = unicodedata.normalize("NFC", original)
        starts = [m.start() for m in _GRAPHEME.finditer(original)]
        if len(starts) != len(text):
            # some cluster became several characters (rare): normalise cluster by cluster
            pieces: list[str] = []
            starts = []
            for match in _GRAPHEME.finditer(original):
                nfc = unicodedata.normalize("NFC", match.group())
                pieces.append(nfc)
                starts.extend([match.start()] * len(nfc))
            text = "".join(pieces)
        # else: one character per cluster (every NFC cluster yields at least one), in order
        starts.append(len(original))
        self.text = text
        self._starts = starts

    @property
    def changed(self) -> bool:
        return self._starts is not None

    def original_offset(self, index: int) -> int:
        if self._starts is None:
            return index
        index = max(0, min(index, len(self._starts) - 1))
        return self._starts[index]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self._starts is None:
            return start, end
        ostart = self.original_offset(start)
        if end <= start:
            return ostart, ostart
        # end is exclusive: take the end of the cluster holding the last char.
        last = self.original_offset(end - 1)
        # the first cluster start after ``last`` at or beyond index end - 1 (starts never decrease)
        lo = end - 1 if end - 1 >= 0 else max(0, len(self._starts) + end - 1)
        i = bisect_right(self._starts, last, lo)
        return ostart, self._starts[i] if i < len(self._starts) else len(self.original)

    def excerpt(self, start: int, end: int) -> str:
        ostart, oend = self.original_span(start, end)
        return self.original[ostart:oend]
