"""Speed shortcuts of the number rules (issue 8, round 3: SO004, SO012) give exactly what the plain
way gives: each fast path against the straightforward code it replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.checks import numeric_format
from checker.checks.numeric_format import ENGLISH_NEEDS, ENGLISH_RES, _has_str_digit, english_number_format
from checker.checks.numeric_totals import _paren_levels, _received_done_pending, _rest_named_later, fraction_complement
from checker.checks.arith import in_span
from checker.context import CheckContext
from checker.extract.figures import extract
from checker.readers import parse_text
from checker.ruleset import load_rules

RULES = {r.id: r for r in load_rules()}

# digits on which regex's \d and str.isdigit disagree (superscripts, digits newer than Python's
# Unicode tables), full-width and Arabic-Indic digits, brackets
_ODD = ["²", "¹", "\u2460", "\U00010d40", "\U00011f50", "１", "٣", "(", ")"]


# --------------------------------------------------------------------- SO004 bracket depth
def _plain_levels(text: str) -> list[int]:
    depth, level = 0, []
    for ch in text:
        depth += 1 if ch == "(" else 0
        level.append(depth)
        depth -= 1 if ch == ")" and depth else 0
    return level


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("ab ()(()))1,.") + _ODD), max_size=60))
def test_paren_levels_like_a_character_walk(text):
    assert _paren_levels(text) == _plain_levels(text)


# --------------------------------------------------------------------- SO012 digit tests
@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("ab 1,.%") + _ODD), max_size=30))
def test_has_str_digit_is_any_isdigit(text):
    assert _has_str_digit(text) == any(ch.isdigit() for ch in text)


_FMT_PIECES = st.sampled_from(["1", "12", "123", "1,234", ",567", ".5", ".25", "%", " %", "/", ",", ".", " ",
                               "a", "ha", "(", ")"] + _ODD)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_FMT_PIECES, max_size=12).map("".join))
def test_english_patterns_need_their_characters(text):
    for rx, needs in zip(ENGLISH_RES, ENGLISH_NEEDS):
        if rx.search(text):
            assert all(ch in text for ch in needs), (rx.pattern, text)
    assert len(ENGLISH_RES) == len(ENGLISH_NEEDS)


# --------------------------------------------------------------------- SO004 totals need later figures
_FIG_PIECES = st.sampled_from(["12", "1.234", "3,5", "2021", "10/12", "15/17 xã", "%", " hộ", " hồ sơ", " ha", " ",
                               "(", ")", ";", ". ", "-", "ngày 1/2/2024", "số 12/QĐ-UBND", "còn lại", "tổng"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_FIG_PIECES, max_size=14).map("".join))
def test_quantities_after_the_last_ones_are_none(text):
    # why _received_done_pending skips the last two quantities and _rest_named_later the last one:
    # the parts are quantities starting after the total's end, and quantities are sorted and disjoint
    qs = extract(text).quantities
    for k, q in enumerate(qs):
        assert in_span(qs, q.end, len(text) + 1) == qs[k + 1:], text


# --------------------------------------------------------------------- whole checks: fast vs plain
class _AllUnits(CheckContext):
    """The plain way: every unit is looked at, digit or not."""

    def units_with_digits(self):
        return self.units()


_LINES = st.sampled_from([
    "Trong {a} dự án, có {b} dự án đã hoàn thành; {c} dự án đang thi công.",
    "Công tác tiêm phòng trên đàn lợn {b}/{a} xã đã tổ chức tiêm xong; {c} xã chưa tiêm phòng xong.",
    "Bộ phận Một cửa tiếp nhận {a} hồ sơ, đã giải quyết {b} hồ sơ (trước hạn {c} hồ sơ); đang giải quyết {c} hồ sơ.",
    "Đã rà soát {a} hồ sơ; đã thẩm định {b} hồ sơ, còn {c} hồ sơ đang bổ sung.",
    "Tổng số mộ phải di dời là {a} mộ; đến nay đã di dời {b} mộ.",
    "Hoàn thành di dời {c} mộ còn lại trong quý.",
    "TỔNG số mộ phải di dời là 326 mộ; đến nay đã di dời 251 mộ.",  # slips that are reported
    "Hoàn thành di dời 57 mộ còn lại.",
    "Một cửa tiếp nhận 2.486 hồ sơ, đã giải quyết 2.391 hồ sơ; đang giải quyết 59 hồ sơ.",
    "Tổng giá trị thiệt hại ước {a},{b}.5 triệu đồng; tỷ lệ hộ nghèo giảm còn {c}.5%.",
    "Giá trị {a},{b},{c} đồng (theo Quyết định số {a}/QĐ-UBND ngày 1/2/2024).",
    "Tỷ lệ đạt {c}.{b}% kế hoạch (kiểu {a}²), {c}٣.5% và １,２３４.5.",
    "Các hộ dân được hỗ trợ kịp thời, đúng đối tượng (không có số).",
    "Số liệu \U00011f51,\U00011f52\U00011f53\U00011f54.5 và \U00010d41.2% ghi lạ.",
    "Ghi \U00011f51,\U00011f52\U00011f53\U00011f54.\U00011f55 lạ, không chữ số Python.",
])


@st.composite
def _documents(draw):
    lines = draw(st.lists(_LINES, min_size=1, max_size=8))
    nums = st.integers(1, 400)  # "0.100" trips the number parser (reported separately)
    return "\n".join(line.format(a=draw(nums), b=draw(nums), c=draw(nums)) for line in lines)


def _found(fn, ctx, rule_id):
    """The findings, or the error raised (odd digits can trip a parser: both ways must trip alike)."""
    try:
        return [f.model_dump() for f in fn(ctx, RULES[rule_id], None)]
    except (ValueError, ArithmeticError) as exc:
        return type(exc).__name__


@settings(max_examples=300, deadline=None)
@given(_documents())
def test_so004_fast_like_plain(text):
    doc = parse_text(text)
    # the whole check, then its two halves alone (they run inside fraction_complement)
    for check in (fraction_complement, lambda c, r, _: _received_done_pending(c, r),
                  lambda c, r, _: _rest_named_later(c, r)):
        assert _found(check, CheckContext(doc), "SO004") == _found(check, _AllUnits(doc), "SO004")


@settings(max_examples=300, deadline=None)
@given(_documents())
def test_so012_fast_like_plain(text):
    doc = parse_text(text)
    fast = _found(english_number_format, CheckContext(doc), "SO012")
    saved = numeric_format.ENGLISH_NEEDS
    numeric_format.ENGLISH_NEEDS = ("",) * len(ENGLISH_RES)  # plain: every pattern scans every unit
    try:
        plain = _found(english_number_format, _AllUnits(doc), "SO012")
    finally:
        numeric_format.ENGLISH_NEEDS = saved
    assert fast == plain


def test_documents_reach_the_findings():
    # the generated shapes do produce findings (else the comparisons above would be empty)
    text = ("Tổng số mộ phải di dời là 326 mộ; đến nay đã di dời 251 mộ.\nHoàn thành di dời 57 mộ còn lại.\n"
            "Trong 24 dự án, có 19 dự án đã hoàn thành; 04 dự án đang thi công.\n"
            "Tổng giá trị thiệt hại ước 1,234.5 triệu đồng; tỷ lệ hộ nghèo giảm còn 10.5%.")
    doc = parse_text(text)
    assert len(_found(fraction_complement, CheckContext(doc), "SO004")) == 2
    assert len(_found(english_number_format, CheckContext(doc), "SO012")) == 2
