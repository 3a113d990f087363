"""Dates, terms, reporting period, commemorations and document references (NT rules)
on real sentences from the seed reports and the corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.api import check_file, check_text
from checker.checks.dates import can_chi, resolve_year
from checker.context import Settings
from checker.extract.period import detect, make_period, mentions, parse_period
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"

RULES = {r.id: r for r in load_rules()}
NT = [r for r in RULES.values() if r.id.startswith("NT")]

SEED_000 = SEEDS / "000_c03d6b0ecd1a4636.txt"
SEED_001 = SEEDS / "001_f132eb425b58aa76.txt"

REPORT_JAN = """ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN
KINH TẾ - XÃ HỘI, ĐẢM BẢO QUỐC PHÒNG - AN NINH THÁNG 01
Trong tháng đầu năm 2021, UBND huyện đã chỉ đạo các ngành tổ chức tổng kết công tác thực hiện nhiệm vụ năm 2020.
I. TÌNH HÌNH THỰC HIỆN TRÊN CÁC NGÀNH, LĨNH VỰC
{body}
MỘT SỐ NHIỆM VỤ TRỌNG TÂM {next}
(7) Tuyên truyền chào mừng kỷ niệm 91 năm ngày thành lập Đảng cộng sản Việt Nam (03/02/1930 - 03/02/2021); chào mừng Đại hội Đảng toàn quốc lần thứ XIII diễn ra từ ngày 25/01 - 02/02/2021
"""


def found(text, *rule_ids, settings=None):
    rules = [RULES[r] for r in rule_ids] if rule_ids else NT
    return [(f.rule, f.excerpt) for f in check_text(text, rules, settings)]


# ---------------------------------------------------------------- seeds


@pytest.mark.skipif(not SEED_000.exists(), reason="seeds not present")
def test_seed_000_slips_found_and_nothing_else():
    result = check_file(SEED_000, NT)
    got = sorted((f.rule, f.excerpt) for f in result.findings)
    assert got == sorted([
        ("NT010", "27/2/2021"),  # ngày thương binh liệt sỹ 27/2 -> 27/7
        ("NT003", "tháng 5/7/2021"),  # hoàn thiện trong tháng 5/7/2021
        ("NT002", "28,6"),  # các ngày 01/6, ngày 16/6, 26/6, 28,6
        ("NT004", "2021 – 2020"),  # nhiệm kỳ 2021 – 2020
    ])
    evidence = {f.rule: f.evidence for f in result.findings}
    assert evidence["NT004"]["arithmetic"] == "2020 < 2021"


@pytest.mark.skipif(not SEED_001.exists(), reason="seeds not present")
def test_seed_001_correct_dates_stay_quiet():
    assert check_file(SEED_001, NT).findings == []


@pytest.mark.skipif(not SEED_001.exists(), reason="seeds not present")
def test_seed_001_period_and_next_heading():
    from checker.readers import read_document

    units = read_document(SEED_001).units()
    rp = detect([u.ntext for u in units], [u.heading_level for u in units])
    assert rp.period == make_period("month", 1, 2021, rp.period.text)
    assert [h.period.label for h in rp.next_headings] == ["tháng 02/2021"]


@pytest.mark.skipif(not SEED_000.exists(), reason="seeds not present")
def test_seed_000_with_a_later_period_finds_past_deadlines():
    result = check_file(SEED_000, [RULES["NT009"]], Settings(period="tháng 8/2021"))
    assert sorted(f.excerpt for f in result.findings) == ["05/7/2021", "25/7"]
    assert check_file(SEED_000, [RULES["NT009"]], Settings(period="tháng 6/2021")).findings == []


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not present")
def test_corpus_findings_are_the_known_ones():
    got = []
    for path in sorted(CORPUS.glob("*.txt")):
        got += [(path.name[:3], f.rule, f.excerpt) for f in check_file(path, NT).findings]
    # real slips: a space inside the symbol ("Công văn số 346/UBND- NC" in a footnote,
    # "Nghị quyết số 57- NQ/TW", "Kết luận số 132- KL/TW")
    assert got == [("010", "NT020", "346/UBND- NC"), ("039", "NT020", "57- NQ/TW"), ("040", "NT020", "132- KL/TW")]


# ---------------------------------------------------------------- NT001-NT003


@pytest.mark.parametrize("text,excerpt,reason", [
    ("Các xã đã hoàn thành chi trả trước ngày 31/6/2021.", "31/6/2021", "tháng 6 có 30 ngày"),
    ("tổ chức hội nghị vào ngày 29/2/2021", "29/2/2021", "năm 2021 không phải năm nhuận"),
    ("Số liệu tổng hợp đến hết tháng 13/2021.", "tháng 13/2021", "không có tháng 13"),
    ("ngày 31 tháng 4 năm 2021, UBND huyện ban hành", "ngày 31 tháng 4 năm 2021", "tháng 4 có 30 ngày"),
])
def test_impossible_dates(text, excerpt, reason):
    findings = check_text(text, [RULES["NT001"]])
    assert [f.excerpt for f in findings] == [excerpt]
    assert reason in findings[0].evidence["reason"]


@pytest.mark.parametrize("text", [
    "Chỉ đạo các xã, thị trấn phân công trực 24/24h trong những ngày cao điểm",
    "Tổ chức trực ban 24/24 kế cả thứ 7, chủ nhật đảm bảo theo đúng quy định",
    "+ Công tác tiêm phòng vắc xin trên đàn trâu, bò, 15/17 xã đã tổ chức tiêm xong",
    "kỹ năng tiêm phòng Vắc xin VDNC trên đàn trâu, bò được 06 lớp/152 học viên tham gia.",
    "Nhân dân đã thực hiện gieo cấy lúa vụ mùa được 3.425ha/3.750ha, đạt 91,3% KH",
    "Trên địa bàn xã Mù Sang có 10 con bò/10 hộ bị nhiễm bệnh.",
    "Công văn số 983/UBND-TNMT ngày 10/5/2021 V/v tăng cường công tác kiểm tra",
    "Đến hết tháng 6, đã thực hiện quyết toán được 30/68 đơn vị.",
    "tăng từ 15/20 lên 18/20 chỉ tiêu",
    "Trong tháng, có 15/109 trẻ sinh ra là con thứ 3 trở lên",
])
def test_not_dates_stay_quiet(text):
    assert found(text) == []


def test_feb_29_without_year_judged_by_period():
    report = "BÁO CÁO\nKết quả thực hiện nhiệm vụ quý I năm 2021\nI. KẾT QUẢ\nTổ chức hội nghị vào ngày 29/2 tại huyện."
    assert found(report, "NT001") == [("NT001", "29/2")]
    assert found(report.replace("2021", "2020"), "NT001") == []
    assert found("Tổ chức hội nghị vào ngày 29/2 tại huyện.", "NT001") == []


def test_date_list_member():
    text = ("(2) Qua theo dõi trong tháng 6 năm 2021 đã xảy ra gió lốc, mưa lớn xảy ra vào các ngày 01/6, "
            "ngày 16/6, 26/6, 28,6 gây thiệt hại nhà cửa và ảnh hưởng đến đời sống của người dân")
    findings = check_text(text, [RULES["NT002"]])
    assert [f.excerpt for f in findings] == ["28,6"]
    assert "28/6" in findings[0].suggestion
    assert found("mưa lớn các ngày 16/6, 26/6, lượng mưa 28,6 mm", "NT002") == []
    assert found("các ngày 16/6, 26/6, 1,5 ha bị thiệt hại", "NT002") == []


def test_month_before_full_date():
    text = ("Đối với công tác cuốc hố đơn vị đang triển khai  dự kiến hoàn thiện trong tháng 5/7/2021 "
            "sau khi các dự án được phê duyệt.")
    assert found(text, "NT003") == [("NT003", "tháng 5/7/2021")]
    assert found("Các xã đã thực hiện chi trả xong trong tháng 6/2021.", "NT003") == []


# ---------------------------------------------------------------- NT004-NT006


def test_reversed_term():
    text = ("Tham mưu tổ chức tổng kết công tác bầu cử đại biểu Quốc hội và HĐND các cấp "
            "nhiệm kỳ 2021 – 2020 ; tham mưu cho UBND huyện khen thưởng")
    assert found(text) == [("NT004", "2021 – 2020")]  # one finding, not also NT005
    assert found("thu hoạch năm 2020 - 1.500 tấn", "NT004") == []


@pytest.mark.parametrize("text", [
    "Triển khai các nội dung liên quan đến công tác bầu cử Quốc hội khóa XV và HĐND các cấp, nhiệm kỳ 2021 - 2026.",
    "triển khai nhiệm vụ học kỳ II năm học 2020 - 2021; tiếp tục bồi dưỡng chương trình giáo dục phổ thông mới",
    "Chỉ đạo cơ quan chuyên môn tổ chức rà soát các xã theo trình độ phát triển giai đoạn 2021 - 2025.",
    "tham mưu UBND huyện trình phê duyệt quy hoạch sử dụng đất thời kỳ 2021-2030",
    "Tiếp tục đẩy mạnh tiến độ sản xuất vụ Đông Xuân 2020 - 2021, chuẩn bị các điều kiện cho sản xuất vụ Xuân Hè 2021",
])
def test_correct_terms_stay_quiet(text):
    assert found(text) == []


def test_term_length_known_and_configured():
    text = "Triển khai công tác bầu cử Quốc hội khóa XV và HĐND các cấp, nhiệm kỳ 2021 - 2025."
    findings = check_text(text, [RULES["NT005"]])
    assert [(f.excerpt, f.suggestion) for f in findings] == [("2021 - 2025", "Có lẽ là “2021 - 2026”")]
    assert findings[0].evidence["arithmetic"] == "2025 − 2021 = 4 năm ≠ 5 năm"
    congress = "Đại hội Đoàn TNCS Hồ Chí Minh huyện nhiệm kỳ 2022 - 2028"
    assert found(congress, "NT005") == []
    settings = Settings(term_lengths={"Đoàn TNCS Hồ Chí Minh huyện nhiệm kỳ": 5})
    assert found(congress, "NT005", settings=settings) == [("NT005", "2022 - 2028")]
    party = Settings(term_lengths={"Đại hội Đảng": 5})  # the example in checker/config.py
    assert found("Đại hội Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2020 - 2024", "NT005", settings=party) == [
        ("NT005", "2020 - 2024")]
    assert found("Đại hội Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2020 - 2025", "NT005", settings=party) == []


def test_same_term_two_ways():
    text = ("Kế hoạch phát triển kinh tế số giai đoạn 2026 - 2030.\n"
            "Mục tiêu chung giai đoạn 2026 - 2030: kinh tế số chiếm 30% GRDP.\n"
            "Các chỉ tiêu chủ yếu giai đoạn 2026 - 2031 được giao cho các sở.")
    findings = check_text(text, [RULES["NT006"]])
    assert [f.excerpt for f in findings] == ["2026 - 2031"]
    assert findings[0].related is not None


# ---------------------------------------------------------------- NT007-NT009


def test_next_period_heading():
    body = "Tổng doanh thu thương mại, dịch vụ đạt 04 tỷ đồng."
    assert found(REPORT_JAN.format(body=body, next="THÁNG 02")) == []
    assert found(REPORT_JAN.format(body=body, next="THÁNG 03"), "NT007") == [("NT007", "THÁNG 03")]


@pytest.mark.parametrize("title,label", [
    ("Kết quả thực hiện nhiệm vụ tháng 6 năm 2021", "tháng 06/2021"),
    ("Tình hình kinh tế - xã hội 6 tháng đầu năm 2021", "6 tháng đầu năm 2021"),
    ("Kết quả công tác quý II năm 2021", "quý II/2021"),
    ("Tổ chức, hoạt động và quản lý hội năm 2025", "năm 2025"),
    ("Kết quả triển khai Đề án 06 tháng 3/2026", "tháng 03/2026"),
])
def test_period_from_title(title, label):
    rp = detect(["BÁO CÁO", title, "I. KẾT QUẢ", "Nội dung."])
    assert rp.period is not None and rp.period.label == label


def test_mixed_case_title_with_next_period():
    # a real provincial monthly report title (Quảng Nam, 2017)
    title = ("Báo cáo công tác chỉ đạo điều hành của UBND tỉnh, tình hình KT-XH tháng 5 và 5 tháng năm 2017; "
             "nhiệm vụ công tác trọng tâm tháng 6/2017")
    lines = [title, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CỦA UBND TỈNH THÁNG 5/2017",
             "Trong tháng 5/2017, UBND tỉnh tập trung chỉ đạo các Sở, ngành.",
             "II. NHIỆM VỤ CÔNG TÁC TRỌNG TÂM THÁNG 6/2017", "Tổ chức tốt kỳ họp."]
    rp = detect(lines)
    assert rp.period.label == "tháng 05/2017"
    assert [h.period.label for h in rp.next_headings] == ["tháng 06/2017"]
    assert found("\n".join(lines)) == []
    assert found("\n".join(lines).replace("THÁNG 6/2017", "THÁNG 7/2017")) == [("NT007", "THÁNG 7/2017")]
    cited = ["Báo cáo số 12/BC-UBND ngày 10/01/2021 của UBND huyện về tình hình năm 2020", "Nội dung."]
    assert detect(cited).period is None


def test_no_period_for_plans_and_notices():
    assert detect(["KẾ HOẠCH", "Phòng, chống ma túy năm 2026", "I. MỤC ĐÍCH"]).period is None
    assert detect(["THÔNG BÁO", "KẾT LUẬN CỦA THỦ TƯỚNG", "I. ĐÁNH GIÁ CHUNG",
                   "1. Về tình hình kinh tế - xã hội 10 tháng năm 2025"]).period is None


def test_period_helpers():
    assert parse_period("tháng 6/2021").end == date(2021, 6, 30)
    assert parse_period("quý II năm 2021").start == date(2021, 4, 1)
    assert [m.kind for m in mentions("6 THÁNG ĐẦU NĂM 2021 và NHIỆM VỤ 6 THÁNG CUỐI NĂM")] == ["half", "half"]
    jan = make_period("month", 1, 2021)
    assert resolve_year(28, 12, jan) == date(2020, 12, 28)
    assert resolve_year(2, 2, jan) == date(2021, 2, 2)


def test_done_after_period():
    head = "BÁO CÁO\nKết quả thực hiện nhiệm vụ tháng 6 năm 2021\nI. KẾT QUẢ THỰC HIỆN\n"
    text = head + "Ngày 28/7/2021, UBND huyện đã tổ chức hội nghị sơ kết công tác phòng chống thiên tai."
    findings = check_text(text, [RULES["NT008"]])
    assert [f.excerpt for f in findings] == ["28/7/2021"]
    assert findings[0].evidence["arithmetic"] == "28/07/2021 > 30/06/2021"
    assert found(head + "Dự kiến hoàn thành gieo cấy vào 25/7, đảm bảo đúng khung lịch thời vụ.", "NT008") == []
    assert found(head + "Tính đến ngày 05/7/2021, đã giải ngân 60% kế hoạch vốn.", "NT008") == []


def test_done_after_period_ignores_next_period_section():
    body = "Vào ngày 03/01/2021 xảy ra 01 vụ án; ngày 04/01/2021 lực lượng Công an huyện đã phá thành công chuyên án."
    assert found(REPORT_JAN.format(body=body, next="THÁNG 02")) == []


def test_past_deadline_as_future():
    head = "BÁO CÁO\nKết quả thực hiện nhiệm vụ tháng 8 năm 2021\nI. KẾT QUẢ THỰC HIỆN\n"
    text = head + ("+ 01 Dự án trồng thâm canh giống lúa nếp tan, diện tích 78 ha. Hiện đã hướng dẫn người dân gieo "
                   "cấy đạt 90% diện tích. Dự kiến hoàng thành gieo cấy 100% diện tích trước ngày 05/7/2021.")
    assert found(text, "NT009") == [("NT009", "05/7/2021")]
    assert found(text.replace("tháng 8", "tháng 6"), "NT009") == []


# ---------------------------------------------------------------- NT010-NT012


def test_commemoration_matched_by_name():
    text = ("- Lập danh sách người có công và thân nhân người có công nhận quà nhân dịp kỷ niện 74 năm "
            "ngày thương binh liệt sỹ 27/2/2021.")
    findings = check_text(text, [RULES["NT010"], RULES["NT011"]])
    assert [(f.rule, f.excerpt) for f in findings] == [("NT010", "27/2/2021")]
    assert "27/07" in findings[0].message
    assert found("tổ chức gặp mặt nhân Ngày Thầy thuốc Việt Nam 27/2/2021") == []


def test_anniversary_arithmetic():
    right = ("Tuyên truyền chào mừng kỷ niệm 91 năm ngày thành lập Đảng cộng sản Việt Nam "
             "(03/02/1930 - 03/02/2021); chào mừng Đại hội Đảng toàn quốc lần thứ XIII diễn ra từ ngày 25/01 - 02/02/2021")
    assert found(right) == []
    findings = check_text(right.replace("91 năm", "90 năm"), [RULES["NT011"]])
    assert [f.excerpt for f in findings] == ["90"]
    assert findings[0].evidence["arithmetic"] == "2021 − 1930 = 91 năm"


def test_anniversary_from_report_period():
    body = "Tổ chức kỷ niệm 89 năm ngày thành lập Đảng Cộng sản Việt Nam."
    assert found(REPORT_JAN.format(body=body, next="THÁNG 02"), "NT011") == [("NT011", "89")]
    body = "Tổ chức kỷ niệm 91 năm ngày thành lập Đảng Cộng sản Việt Nam."
    assert found(REPORT_JAN.format(body=body, next="THÁNG 02"), "NT011") == []


def test_user_commemoration():
    text = "Tổ chức kỷ niệm Ngày thành lập huyện Phong Thổ 15/3/2021"
    settings = Settings(commemorations=[{"name": "Ngày thành lập huyện Phong Thổ", "day": 25, "month": 3,
                                         "year": 1950}])
    assert found(text, "NT010") == []
    assert found(text, "NT010", settings=settings) == [("NT010", "15/3/2021")]


def test_lunar_new_year():
    assert found("vui Tết Nguyên đán (ngày 12/02/2021)", "NT010") == []
    assert found("vui Tết Nguyên đán (ngày 25/01/2021)", "NT010") == [("NT010", "25/01/2021")]


def test_can_chi():
    assert can_chi(2021) == "Tân Sửu"
    assert can_chi(2024) == "Giáp Thìn"
    assert can_chi(1984) == "Giáp Tý"
    assert found("đặc biệt trước dịp Tết Nguyên đán Tân Sửu 2021.") == []
    assert found("đặc biệt trước dịp Tết Nguyên đán Canh Tý 2021.", "NT012") == [("NT012", "Canh Tý")]


# ---------------------------------------------------------------- NT020-NT023


def test_references_quiet_when_right():
    text = ("Tham mưu UBND huyện ban hành 03 Văn bản chỉ đạo gồm: Công văn số 983/UBND-TNMT ngày 10/5/2021; "
            "1120/UBND-TNMT ngày 24/5/2021; số 1308/UBND-TNMT ngày 11/6/2021. UBND huyện đã ban hành Quyết định số "
            "2773/QĐ-UBND ngày 18/12/2020; theo Kết luận 71-KL/TW ngày 24/3/2020 của Ban bí thư.")
    assert found(text) == []


def test_reference_malformed():
    assert found("Công văn số 983/ubnd-tnmt ngày 10/5/2021", "NT020") == [("NT020", "983/ubnd-tnmt")]
    assert found("Quyết định số 2773 /QĐ - UBND ngày 18/12/2020", "NT020") == [("NT020", "2773 /QĐ - UBND")]
    assert found("Nghị định số 30/2020/ND-CP ngày 05/3/2020", "NT020") == [("NT020", "30/2020/ND-CP")]


def test_reference_type_mismatch():
    assert found("Quyết định số 2773/KH-UBND ngày 18/12/2020", "NT021") == [("NT021", "2773/KH-UBND")]
    assert found("Kế hoạch số 1109/QĐ-UBND ngày 31/3/2026 của UBND tỉnh", "NT021") == []


def test_signing_date_is_not_a_cited_date():
    text = ("Hướng dẫn số 12-HD/BTGTW, ngày 7 tháng 12 năm 2011 của Ban Tuyên giáo Trung ương.\n"
            "Căn cứ Nghị định số 145/2013/NĐ-CP ngày 29/10/2013 của Chính phủ.")
    assert found(text) == []
    real = ("Năm 2012 toàn Đảng, toàn dân, toàn quân ta sẽ tổ chức kỷ niệm những ngày lễ lớn: 82 năm Ngày thành lập "
            "Đảng Cộng sản Việt Nam (3/2/1930 - 3/2/2012) và đón Tết Nguyên đán Nhâm Thìn; Giỗ Tổ Hùng Vương (mồng 10 "
            "tháng 3 âm lịch); 37 năm Ngày giải phóng hoàn toàn miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2012); "
            "58 năm Ngày Chiến thắng Điện Biên Phủ (7/5/1954 - 7/5/2012); 122 năm Ngày sinh Chủ tịch Hồ Chí Minh "
            "(19/5/1890 - 19/5/2012); 67 năm Cách mạng Tháng Tám (19/8/1945 - 19/8/2012) và Quốc khánh nước Cộng hòa "
            "xã hội chủ nghĩa Việt Nam (2/9/1945 - 2/9/2012)")
    assert found(real) == []


def test_party_symbol_with_a_space():
    text = "thực hiện Nghị quyết số 57- NQ/TW ngày 22/12/2024 của Bộ Chính trị"
    findings = check_text(text, [RULES["NT020"]])
    assert [(f.excerpt, f.suggestion) for f in findings] == [("57- NQ/TW", "57-NQ/TW")]


def test_reference_after_signing():
    text = ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nLâm Đồng, ngày      tháng 01 năm 2026\nBÁO CÁO\n"
            "Tổ chức, hoạt động và quản lý hội năm 2025\nThực hiện Kế hoạch số 3450/KH-UBND ngày 17/3/2026.")
    assert found(text, "NT022") == [("NT022", "17/3/2026")]
    assert found(text.replace("17/3/2026", "17/01/2026"), "NT022") == []


def test_reference_two_dates():
    text = ("Công văn số 225/UBND-NN ngày 02/2/2021 về đăng ký kế hoạch phát triển sản phẩm OCOP năm 2021.\n"
            "Thực hiện Công văn số 225/UBND-NN ngày 12/2/2021, các xã đã đăng ký sản phẩm.")
    findings = check_text(text, [RULES["NT023"]])
    assert [f.excerpt for f in findings] == ["12/2/2021"]
    assert findings[0].related is not None


# ---------------------------------------------------------------- NT013 date ranges, NT014 weekdays


@pytest.mark.parametrize("text, expected", [
    ("Kiểm tra an toàn thực phẩm từ ngày 20/3/2024 đến ngày 14/3/2024.", [("NT013", "20/3/2024 đến ngày 14/3/2024")]),
    ("Đợt cao điểm tấn công trấn áp tội phạm (từ 10/8 - 05/8/2023).", [("NT013", "10/8 - 05/8/2023")]),
    # over the new year, with the year written only at the end
    ("Trực Tết Dương lịch từ ngày 30/12 - 02/01/2024.", []),
    ("Kiểm tra an toàn thực phẩm từ ngày 14/3/2024 đến ngày 20/3/2024.", []),
    # two dates compared, not a range
    ("Số liệu đến 15/12/2022 đến nay đã cập nhật; kỳ trước đến 15/11/2022.", []),
])
def test_reversed_date_range(text, expected):
    assert found(text, "NT013") == expected


@pytest.mark.parametrize("text, expected", [
    ("Thời gian: 14 giờ 00, thứ Tư, ngày 21/3/2023 tại hội trường.", [("NT014", "thứ Tư")]),
    ("Hội nghị tổ chức vào sáng Chủ nhật, ngày 19/3/2023.", []),
    ("Hội nghị tổ chức vào ngày 19/3/2023 (thứ Bảy).", [("NT014", "thứ Bảy")]),
    # ordinals, not weekdays
    ("Tại kỳ họp thứ 5, ngày 10/12/2022, HĐND huyện đã thông qua nghị quyết.", []),
    ("Hội nghị lần thứ hai, ngày 15/3/2023 được tổ chức tại trụ sở.", []),
])
def test_weekday_of_date(text, expected):
    assert found(text, "NT014") == expected


def test_commemoration_pair_both_days_checked():
    assert found("kỷ niệm 91 năm ngày thành lập Đảng Cộng sản Việt Nam (04/02/1930 - 03/02/2021)", "NT010") == [
        ("NT010", "04/02/1930")]
    assert found("kỷ niệm 91 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 04/02/2021)", "NT010") == [
        ("NT010", "04/02/2021")]
    assert found("nghỉ lễ Quốc khánh (01/9 - 04/9/2023) theo thông báo", "NT010") == []


def test_same_reference_two_dates_despite_different_summaries():
    text = ("Thực hiện Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 của Chính phủ quy định về tổ chức, hoạt động "
            "và quản lý hội.\nĐề nghị sửa đổi Nghị định số 126/2024/NĐ-CP ngày 09/10/2024 của Chính phủ về tổ chức, "
            "hoạt động và quản lý hội.")
    assert found(text, "NT023") == [("NT023", "09/10/2024")]


def test_reversed_term_after_crop_season_year():
    assert found("Chỉ đạo sản xuất lúa vụ Đông Xuân năm 2020 - 2019 đúng khung lịch thời vụ.", "NT004") == [
        ("NT004", "2020 - 2019")]


@pytest.mark.parametrize("text, month", [
    ("Báo cáo tình hình kinh tế - xã hội tháng 9, nhiệm vụ trọng tâm tháng 10 năm 2024", 9),
    ("tháng 9. Nhiệm vụ", 9),
])
def test_a_month_before_punctuation_is_a_month(text, month):
    first = mentions(text)[0]
    assert (first.kind, first.index) == ("month", month)


def test_a_decimal_after_thang_is_not_a_month():
    assert not [m for m in mentions("chỉ số tăng 2,5 lần so với tháng 9,5 điểm") if m.kind == "month"]
