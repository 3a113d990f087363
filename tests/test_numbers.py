"""Vietnamese number parsing and formatting: round trips and the arithmetic helpers (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.checks.arith import as_written, digit_variants, fits, one_slip_apart, slip_note
from checker.extract.numbers import NUMBER_RE, Number, format_vn, number_at, parse_vn_number

decimals_st = st.integers(min_value=0, max_value=3)
values_st = st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False, places=3)


@settings(max_examples=300)
@given(values_st, decimals_st)
def test_format_then_parse_round_trip(value, decimals):
    text = format_vn(value, decimals)
    expected = Decimal(value).quantize(Decimal(1).scaleb(-decimals)) if decimals else Decimal(round(value))
    assert parse_vn_number(text) == expected


@settings(max_examples=300)
@given(values_st, decimals_st)
def test_formatted_number_is_one_token(value, decimals):
    text = format_vn(value, decimals)
    m = NUMBER_RE.search(f"đạt {text} ha")
    assert m and m.group() == text
    if Decimal(value) >= 1000:
        assert "." in text  # thousands are grouped
    assert ("," in text) == (decimals > 0)


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**9))
def test_parse_then_format_round_trip(n):
    text = format_vn(n)
    assert format_vn(parse_vn_number(text)) == text


@settings(max_examples=200)
@given(values_st, st.integers(min_value=0, max_value=2))
def test_printed_figure_covers_its_rounding_interval(value, decimals):
    text = format_vn(value, decimals)
    number = number_at(text, 0, len(text))
    lo, hi = number.interval
    assert lo <= Decimal(value) <= hi or decimals == 0 and abs(Decimal(value) - number.value) <= Decimal("0.5")
    assert fits(number.value, number)
    assert fits(lo, number) and fits(hi, number)


@settings(max_examples=200)
@given(st.integers(min_value=10, max_value=10**7))
def test_digit_variants_are_one_slip_away(n):
    text = format_vn(n)
    for variant in list(digit_variants(text))[:40]:
        assert one_slip_apart(text, variant)
        assert one_slip_apart(variant, text)
    assert not one_slip_apart(text, text)


@pytest.mark.parametrize("text,value", [
    ("3.425", Decimal(3425)), ("91,3", Decimal("91.3")), ("45.989,5", Decimal("45989.5")), ("01", Decimal(1)),
    ("0,5", Decimal("0.5")), ("1.260", Decimal(1260)), ("30,675", Decimal("30.675")),
])
def test_real_figures_parse(text, value):
    assert parse_vn_number(text) == value


@pytest.mark.parametrize("text", ["1,234.5", "1.23.4", "12.34"])
def test_english_or_broken_formats_are_rejected(text):
    with pytest.raises(ValueError):
        parse_vn_number(text)


def test_interval_of_printed_precision():
    n = Number(Decimal("91.3"), "91,3", 0, 4)
    assert n.interval == (Decimal("91.25"), Decimal("91.35"))
    assert fits(Decimal("91.33"), n) and not fits(Decimal("92.3"), n)
    assert fits(Decimal("90.48"), Number(Decimal("90.4"), "90,4", 0, 4))  # truncated, not wrong


def test_as_written_keeps_leading_zero_and_decimals():
    assert as_written(Decimal(2), "03") == "02"
    assert as_written(Decimal("12910"), "12.901") == "12.910"
    assert as_written(Decimal("45980.5"), "45.989,5") == "45.980,5"


def test_slip_note_prefers_a_lone_swap():
    note = slip_note([("tổng", "45.989,5", "45.980,5"), ("số thành phần", "12.901", "12.910"),
                      ("số thành phần", "650", "659")])
    assert note and "12.901" in note and "45.989,5" not in note
    assert slip_note([("tỷ lệ", "92,3", "91,3")]) == "có thể gõ nhầm tỷ lệ: “92,3” → “91,3”"
    assert slip_note([("tổng", "19", "25")]) is None
