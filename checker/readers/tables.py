"""Header-row detection shared by the text and docx readers."""

from __future__ import annotations

import regex

_NUMERIC = regex.compile(r"^[\d\s.,%/()-]+$")


def detect_header_rows(table, explicit: int = 0) -> int:
    """Number of leading header rows: Word's repeat-header flag, else a heuristic.

    A first row counts as a header when it has at least two non-empty cells, all short
    labels (no figures, no sentence punctuation) and the table has data rows under it.
    """
    if explicit:
        return explicit
    if len(table.rows) < 2:
        return 0
    texts = [" ".join(c.text.split()) for c in table.rows[0].cells]
    filled = [t for t in texts if t]
    if len(filled) < 2:
        return 0
    for t in filled:
        if len(t) > 60 or _NUMERIC.match(t) or t.endswith((".", ";", ":")):
            return 0
    return 1
