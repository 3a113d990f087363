"""Reporting period and signing date on header shapes met in public reports of other provinces."""

from datetime import date

import pytest

from checker.extract.period import detect


@pytest.mark.parametrize("line, signed", [
    ("Quận 11, ngày 12 tháng 3 năm 2020", date(2020, 3, 12)),
    ("Phan Rang-Tháp Chàm, ngày 05 tháng 3 năm 2007", date(2007, 3, 5)),
    ("Thành phố Hồ Chí Minh, ngày 05 tháng 6 năm 2024", date(2024, 6, 5)),
    ("Bà Rịa - Vũng Tàu, ngày 18 tháng 9 năm 2023", date(2023, 9, 18)),
    ("Cẩm Hà, ngày  24 tháng 6  năm 2022", date(2022, 6, 24)),
])
def test_signing_place_names(line, signed):
    rp = detect(["ỦY BAN NHÂN DÂN", line, "BÁO CÁO", "Kết quả công tác tháng 5 năm 2022"])
    assert rp.signed == signed and rp.signed_exact


def test_cited_law_date_is_not_a_signing_date():
    rp = detect(["QUYẾT ĐỊNH", "Căn cứ Luật Tổ chức chính quyền địa phương, ngày 19 tháng 6 năm 2015;"])
    assert rp.signed is None


def test_plan_after_semicolon_is_not_the_period():
    # "Kết quả … ; Kế hoạch … năm 2024": 2024 is the plan's year, not the year reported on
    rp = detect(["BÁO CÁO", "Kết quả thực hiện nhiệm vụ KTXH – QPAN; Kế hoạch đạt chuẩn xã nông thôn mới năm 2024"])
    assert rp.period is None
    rp = detect(["BÁO CÁO", "Kết quả thực hiện nhiệm vụ năm 2023; kế hoạch năm 2024"])
    assert rp.period is not None and rp.period.year == 2023


def test_cong_tac_trong_tam_heading_is_the_next_period():
    rp = detect(["BÁO CÁO", "Tình hình kinh tế - xã hội tháng 02 và công tác trọng tâm tháng 03 năm 2020",
                 "I. TÌNH HÌNH THÁNG 02 NĂM 2020", "Nội dung.", "II. CÔNG TÁC TRỌNG TÂM THÁNG 03 NĂM 2020"])
    assert rp.period.index == 2 and rp.period.year == 2020
    assert [h.period.index for h in rp.next_headings] == [3]


def test_done_heading_is_not_the_next_period():
    rp = detect(["BÁO CÁO", "Tình hình tháng 02 và công tác trọng tâm tháng 03 năm 2024",
                 "I. NHIỆM VỤ ĐÃ THỰC HIỆN TRONG THÁNG 02 NĂM 2024", "Nội dung.",
                 "II. CÔNG TÁC TRỌNG TÂM THÁNG 03 NĂM 2024"])
    assert [h.period.index for h in rp.next_headings] == [3]
