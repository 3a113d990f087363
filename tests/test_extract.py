"""Extraction on real sentences from the seed reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.extract.figures import extract


def kinds(text):
    f = extract(text)
    return {
        "refs": [r.text for r in f.refs],
        "dates": [d.text for d in f.dates],
        "ranges": [r.text for r in f.ranges],
        "fractions": [x.text for x in f.fractions],
        "pairs": [p.text for p in f.pairs],
        "percents": [p.text for p in f.percents],
        "shifts": [s.text for s in f.shifts],
    }


def test_fraction_with_glued_units_and_percent():
    k = kinds("Nhân dân đã thực hiện gieo cấy lúa vụ mùa được 3.425ha/3.750ha, đạt 91,3% KH")
    assert k["fractions"] == ["3.425ha/3.750ha"]
    assert k["percents"] == ["91,3%"]
    assert k["dates"] == []
    frac = extract("được 3.425ha/3.750ha")
    assert frac.fractions[0].part.value == Decimal(3425)
    assert frac.fractions[0].whole.unit.canonical == "ha"


@pytest.mark.parametrize("text,expected", [
    ("Chỉ đạo các xã, thị trấn phân công trực 24/24h trong những ngày cao điểm", "shifts"),
    ("Tổ chức trực ban 24/24 kế cả thứ 7, chủ nhật", "shifts"),
    ("15/17 xã đã tổ chức tiêm xong", "fractions"),
    ("229/231 dự án đã quyết toán", "fractions"),
    ("được 06 lớp/152 học viên tham gia", "pairs"),
    ("xã Mù Sang có 10 con bò/10 hộ bị nhiễm bệnh", "pairs"),
    ("có tổng số 389 hộ/1.709 khẩu thiếu đói", "pairs"),
    ("1120/UBND-TNMT ngày 24/5/2021", "refs"),
])
def test_not_dates(text, expected):
    k = kinds(text)
    assert k[expected], k
    assert all("/" not in d or d.count("/") == 2 for d in k["dates"]), k


@pytest.mark.parametrize("text,date", [
    ("Công văn số 983/UBND-TNMT ngày 10/5/2021 V/v tăng cường", "10/5/2021"),
    ("phấn đấu đến 10/8 hoàn thành công tác trồng chè", "10/8"),
    ("Dự kiến hoàn thành gieo cấy vào 25/7, đảm bảo đúng khung lịch", "25/7"),
    ("Qua theo dõi trong tháng 6 năm 2021 đã xảy ra gió lốc", "tháng 6 năm 2021"),
    ("Các xã đã thực hiện chi trả xong trong tháng 6/2021.", "tháng 6/2021"),
    ("Quyết định ngày 10 tháng 5 năm 2021 của UBND huyện", "ngày 10 tháng 5 năm 2021"),
])
def test_dates(text, date):
    assert date in kinds(text)["dates"]


def test_date_list_and_invalid_date():
    f = extract("mưa lớn xảy ra vào các ngày 01/6, ngày 16/6, 26/6, 28,6 gây thiệt hại")
    assert [d.text for d in f.dates] == ["01/6", "16/6", "26/6"]
    bad = extract("hoàn thành ngày 31/6/2021")
    assert bad.dates[0].valid is False
    assert extract("ngày 29/2/2024").dates[0].valid is True
    assert extract("ngày 29/2/2021").dates[0].valid is False


def test_ranges_and_anniversary_dates():
    k = kinds("kỷ niệm 91 năm ngày thành lập Đảng cộng sản Việt Nam (03/02/1930 - 03/02/2021)")
    assert k["dates"] == ["03/02/1930", "03/02/2021"]
    assert k["ranges"] == []
    assert kinds("nhiệm kỳ 2021 – 2020 ;")["ranges"] == ["2021 – 2020"]
    assert kinds("năm học 2020 - 2021")["ranges"] == ["2020 - 2021"]


def test_references():
    f = extract("theo Kết luận 71-KL/TW ngày 24/3/2020 và Nghị định 30/2020/NĐ-CP")
    assert [(r.number, r.year, r.symbol) for r in f.refs] == [("71", None, "KL/TW"), ("30", 2020, "NĐ-CP")]


def test_quantities_with_units():
    f = extract("thu hoạch xong 724 ha, năng suất ước đạt 56,22 tạ/ha, sản lượng dự kiến đạt 4.070 tấn")
    got = [(q.number.text, q.unit.canonical if q.unit else None) for q in f.quantities]
    assert got == [("724", "ha"), ("56,22", "tạ/ha"), ("4.070", "tấn")]
    money = extract("tổng vốn 45.989,5 triệu đồng").quantities[0]
    assert money.value == Decimal("45989.5") and money.unit.canonical == "triệu đồng"
    assert money.number.decimals == 1
    assert money.number.interval == (Decimal("45989.45"), Decimal("45989.55"))


@pytest.mark.parametrize("text, expected", [
    ("tiếp nhận 2.372 TTHC (trong đó, cấp tỉnh 1.946 TTHC, cấp xã 426 TTHC)",
     [("2.372", "TTHC"), ("1.946", "TTHC"), ("426", "TTHC")]),
    ("có 25 DN thành lập mới, 12 HTX, 3 CSGD đạt chuẩn", [("25", "DN"), ("12", "HTX"), ("3", "CSGD")]),
    ("gửi 12 UBND-VP", [("12", None)]),            # the start of a symbol
    ("xử lý 5 TTHC/ngày", [("5", None)]),
    ("Phần 2 II", [("2", None)]),                    # Roman numeral
    ("đạt 5 KH", [("5", None)]),                     # not a counted noun
    ("NĂM 2025 VÀ PHƯƠNG HƯỚNG", [("2025", None)]),  # a heading in capitals
    ("TIẾP NHẬN 12 HTX", [("12", None)]),
    ("ước đạt 120 MWh", [("120", None)]),            # mixed case: not an abbreviation here
])
def test_capital_abbreviation_counted_nouns(text, expected):
    got = [(q.number.text, q.unit.canonical if q.unit else None) for q in extract(text).quantities]
    assert got == expected


def test_list_public_api():
    from checker.extract.lists import closed_by_remainder, inline_enumerations, item_at, joined_figures

    text = "Xã A 12 hộ (trong đó 3 hộ nghèo)"
    item = item_at(text, extract(text))
    assert [q.number.text for q in item.quantities] == ["12"]  # the bracket's figures are not its own

    text = "163 trẻ trai và 145 trẻ gái"
    item = item_at(text, extract(text))
    assert joined_figures(item, item.quantities)
    text = "163 trẻ trai đã được tiêm, đến nay còn 145 trẻ"
    item = item_at(text, extract(text))
    assert not joined_figures(item, item.quantities)

    def enum_of(s):
        return [e for e in inline_enumerations(s, extract(s)) if e.kind == "gom"][0]

    s = "Tổng thu đạt 30 triệu đồng, gồm: thu thuế 20 triệu đồng; thu phí 5 triệu đồng; các khoản thu khác 5 triệu đồng."
    assert enum_of(s).open_ended and closed_by_remainder(s, enum_of(s))
    s = "Tổng thu đạt 30 triệu đồng, gồm: một số khoản thuế 20 triệu đồng; các khoản thu khác 5 triệu đồng."
    assert not closed_by_remainder(s, enum_of(s))


@pytest.mark.parametrize("text", ["đạt 0.100% kế hoạch", "0.100 ha", "05.000 người", "١٢.٣٤٥ ha", "٠.١٠٠/٣ xã"])
def test_numbers_babel_refuses_are_not_figures_and_never_crash(text):
    """A grouped number starting with 0 or grouped digits of another script are not Vietnamese figures:
    extraction skips them instead of raising (every figure rule used to stop with an internal error)."""
    facts = extract(text)
    assert not facts.percents and all(q.value != 100 for q in facts.quantities)
    from checker.api import check_text
    from checker.ruleset import load_rules

    assert not [f for f in check_text(text, load_rules()) if f.rule == "RS900" or "Lỗi nội bộ" in f.message]
