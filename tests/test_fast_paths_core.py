"""Speed shortcuts of the core (issue 8, round 3: text map, figures, engine, CT002) give exactly
what the plain way gives."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.checks.structure import _fold, _maybe_repeated, _para_scope, normalise
from checker.engine import fewer_collections
from checker.extract.figures import _Claims, extract
from checker.extract.numbers import NUMBER_RE, _babel_vn_number, parse_vn_number
from checker.model import TextUnit
from checker.readers import parse_text
from checker.textmap import NormalizedText

# Vietnamese letters with composed and decomposed marks, and clusters that normalise unusually.
_MARKED = st.sampled_from(
    list("hoauyđHOA ,.-") + list("òóỏõọàáảãạưƯ")
    + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u031b", "\u0958", "\u0f73", "\u212b",
       "\u200d", "\U0001f1e6"])


def _linear_span(norm: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """The straightforward end of a span: scan the cluster starts after the last character."""
    starts = norm._starts
    if starts is None:
        return start, end
    ostart = norm.original_offset(start)
    if end <= start:
        return ostart, ostart
    last = norm.original_offset(end - 1)
    return ostart, next((s for s in starts[end - 1:] if s > last), len(norm.original))


@settings(max_examples=800, deadline=None)
@given(st.text(_MARKED, max_size=25))
def test_original_span_like_a_linear_scan(text):
    norm = NormalizedText(text)
    n = len(norm.text)
    for start in range(-1, n + 2):
        for end in range(start - 1, n + 3):
            assert norm.original_span(start, end) == _linear_span(norm, start, end), (start, end)


# --------------------------------------------------------------------- figures: numbers claim nothing
_PIECES = st.sampled_from([
    "12", "1.234", "3,5", "0,25", "100", "2020", "2021", "%", " %", "/", " / ", "-", " – ", ".", ",", " ",
    "ha", " ha", " xã", " hộ", " tháng ", "ngày ", " năm ", "UBND", "QĐ-UBND", "24/24h", "(", ")", "a", "đạt ",
])


def _numbers_claiming(text: str) -> list[tuple]:
    """Percents and quantities found the plain way: every number claims its span as it goes."""
    facts = extract(text)
    claims = _Claims()
    for group in (facts.refs, facts.dates, facts.ranges, facts.shifts, facts.fractions, facts.pairs):
        for fact in group:
            claims.claim(fact.start, fact.end)
    out = []
    for m in NUMBER_RE.finditer(text):
        s, e = m.span()
        if not claims.free(s, e):
            continue
        after = text[e:e + 2]
        if after.startswith("%") or after == " %":
            end = e + (1 if after.startswith("%") else 2)
            out.append(("%", s, end))
            claims.claim(s, end)
        else:
            out.append(("q", s, e))
            claims.claim(s, e)
    return out


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=14))
def test_numbers_need_not_claim_their_spans(pieces):
    text = "".join(pieces)
    facts = extract(text)
    fast = sorted([("%", p.start, p.end) for p in facts.percents]
                  + [("q", q.start, q.number.end) for q in facts.quantities], key=lambda x: x[1])
    assert fast == _numbers_claiming(text)


def _babel_or_error(text: str):
    try:
        return str(_babel_vn_number(text))
    except ValueError:
        return "error"


@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from("0123456789.,"), min_size=1, max_size=14))
def test_plain_figures_parse_as_babel_does(text):
    parse_vn_number.cache_clear()
    try:
        fast = str(parse_vn_number(text))
    except ValueError:
        fast = "error"
    assert fast == _babel_or_error(text)


# --------------------------------------------------------------------- CT002: candidates by letter counts
_LINE_PIECES = st.sampled_from(["Tổ chức", "tổ  chức", "TỔ CHỨC", "tập huấn", "Tập huấn.", "cho", "hộ", "ấn", ", ",
                                "; ", " - ", "(", ")", "\t", "a", "n", "h"])


@settings(max_examples=800, deadline=None)
@given(st.lists(st.lists(_LINE_PIECES, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=12),
       st.integers(1, 12))
def test_repeated_paragraph_candidates_hold_every_repeat(lines, min_chars):
    units = parse_text("\n".join(lines)).units()
    candidates = _maybe_repeated(units, min_chars)
    chosen = {unit.index for unit, _ in candidates}
    assert all(folded == _fold(unit.ntext) for unit, folded in candidates)
    assert [u.index for u, _ in candidates] == sorted(chosen)
    keys: dict[tuple, list[int]] = {}
    for unit in units:
        key = normalise(unit.ntext)
        if len(key) >= min_chars:
            keys.setdefault(_para_scope(unit) + (key,), []).append(unit.index)
    for same in keys.values():
        if len(same) > 1:
            assert set(same) <= chosen


# --------------------------------------------------------------------- engine and model
def test_fewer_collections_restores_the_threshold():
    before = gc.get_threshold()
    with fewer_collections(123_456):
        assert gc.get_threshold()[0] == 123_456
        with fewer_collections(50_000):  # nested: left as it is
            assert gc.get_threshold()[0] == 123_456
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections(123_456):
        raise RuntimeError
    assert gc.get_threshold() == before


def test_text_unit_compares_by_fields_and_copies_without_its_cached_view():
    unit = TextUnit(text="Cu\u0301a", block=3, table=1, row=2, col=0, index=7)
    same = TextUnit(text="Cu\u0301a", block=3, table=1, row=2, col=0, index=7)
    assert unit == same and unit != TextUnit(text="Cu\u0301a", block=3, index=8)
    with pytest.raises(TypeError):
        hash(unit)
    assert unit.ntext == "Cúa"
    copy = unit.model_copy(update={"text": "xã"})
    assert (copy.text, copy.ntext, copy.block, copy.index) == ("xã", "xã", 3, 7)
    assert repr(unit).startswith("TextUnit(text='Cu\u0301a', block=3, table=1")
