"""Numeric consistency rules (SO0xx) on real sentences: what must be found, what must stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import check_file, check_text
from checker.extract.figures import extract
from checker.extract.lists import bullet_marker, inline_enumerations, split_items
from checker.ruleset import load_rules

SO_RULES = [r for r in load_rules() if r.id.startswith("SO")]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def found(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.excerpt) for f in check_text(text, SO_RULES)]


# ---------------------------------------------------------------- the seeds' correct figures stay quiet

QUIET = [
    # 18 điểm: 2+2+1+2+3+2+5+1 = 18 (the total's noun is garbled in the original)
    "Tổng số điểm dân cư nằm trong vùng có nguy cơ sạt lở là 18 đoeẻ, (Mường So 2 điểm, Pa Vây Sử 2 điểm, "
    "Nậm Xe 1 điểm, Vàng Ma Chải 2 điểm, Mù Sang 3 điểm, Ma Li Pho 2 điểm, Huổi Luông 5 điểm, Lản Nhì Thàng "
    "1 điểm), tổng số hộ cần di chuyển 42 hộ, 200 khẩu, tổng mức đầu tư hỗ trợ di chuyển nhà ở 1.260 triệu đồng.",
    "tổng số gia súc chết rét là 39 con (11 con trâu, 23 con nghé, 01 con bò, 04 con bê); đã kiểm soát giết mổ "
    "512 gia súc (lợn 440 con; trâu, bò, ngựa 72 con); làm tốt công tác kiểm dịch vận chuyển.",
    "Tổng giá trị công nghiệp, tiểu thủ công nghiệp trong tháng đạt 5,8 tỷ đồng, trong đó: công nghiệp khai thác "
    "0,2 tỷ đồng; công nghiệp chế biến 0,5 tỷ đồng; sản xuất và phân phối điện nước 4,5 tỷ đồng; cung cấp nước, "
    "quản lý và xử lý rác, nước thải 0,6 tỷ đồng.",
    "Nhân dân đã thực hiện gieo cấy lúa vụ mùa được 3.425ha/3.750ha, đạt 91,3% KH (diện tích gieo thẳng 135ha, "
    "diện tích cấy 3.290ha).",
    "đăng ký được 250ha, đạt 100% KH. Đến nay, Nhân dân đã làm đất trồng chè được 226ha, đạt 90,4% KH.",
    "Cây lúa vụ Đông Xuân, kế hoạch 1.998 ha, đã làm đất được 1.680 ha, đạt 84% kế hoạch.",
    "+ Công tác tiêm phòng vắc xin trên đàn trâu, bò, 15/17 xã đã tổ chức tiêm xong; 02 xã chưa tiêm phòng xong "
    "(Hoang Thèn, Nậm Xe).",
    "+ Công tác tiêm phòng vắc xin trên đàn gia cầm 13/17 xã đã tổ chức tiêm xong; 04 xã chưa tiêm phòng xong "
    "(Hoang Thèn, Nậm Xe, Khổng Lào, Lản Nhì Thàng).",
    "Tổ chức khám bệnh cho 10.084 lượt người (trong đó 5.502 lượt người nghèo; 1.569 lượt trẻ em dưới 6 tuổi, "
    "và các loại hình khám bệnh khác).",
    "Nguồn vốn di dân tái định cư Huội Quảng - Bản Chát, tổng số 231 dự án, trong đó: 231 dự án đã chuyển hồ sơ "
    "quyết toán; 229/231 dự án đã quyết toán, trong đó có 10 dự án quyết toán trong năm 2020; 02 dự án cấp tỉnh "
    "chưa quyết toán.",
    "Đã chỉ đạo Nhân dân thu hoạch xong 724 ha diện tích , đạt 100% KH, năng suất ước đạt 56,22 tạ/ha, sản lượng "
    "dự kiến đạt 4.070 tấn.",
    "Hộ nghèo 1.548 hộ chiếm tỷ lệ 10,81%; hộ cận nghèo 1.503 hộ chiếm tỷ lệ 10,50%. Mức giảm tỷ lệ hộ nghèo 3,17%.",
    "Trong tháng, tiếp 08 lượt công dân (04 vụ việc với 08 người); tiếp nhận 08 đơn kiến nghị phản ánh, đã tiến "
    "hành giải quyết lần đầu 03 đơn, 05 đơn đang trong quá trình xem xét giải quyết.",
    "Ngân hàng Công thương, huy động vốn đạt 146 tỷ đồng, trong đó huy động từ dân cư 132 tỷ đồng, tổng dư nợ "
    "154 tỷ đồng.",
    "Kết quả triển khai 6 lớp tập huấn với 152 học viên tham gia.\nTập huấn kỹ năng tiêm phòng được 06 lớp/152 "
    "học viên tham gia.",
    # a share listing forced to add up to 100 %
    "tiếp nhận 339.133 hồ sơ, đã giải quyết 305.711 hồ sơ (trước hạn và đúng hạn 293.132 hồ sơ, đạt tỷ lệ 95,88%, "
    "quá hạn 12.579 hồ sơ, chiếm tỷ lệ 4,12%).",
    # shares of an overall rate, not rates of sub-groups
    "Tỷ lệ hồ sơ trực tuyến đạt 60%, trong đó: toàn trình 40%, một phần 20%.",
    # three categories: done / not done / in progress
    "Đã hoàn thành 7/10 nhiệm vụ; 2 nhiệm vụ chưa hoàn thành, 1 nhiệm vụ đang thực hiện.",
    # a figure of another period is not a part
    "Tổng giá trị thiệt hại ước 671,7 triệu đồng (năm 2020: 900 triệu đồng).",
    "Nhà đầu tư của 02 dự án đường bộ cao tốc Tân Phú – Bảo Lộc và Bảo Lộc – Liên Khương:\n"
    "a) Khẩn trương tập kết máy móc.\nb) Xây dựng tiến độ.\nc) Rà soát khối lượng đào đắp.",
]


@pytest.mark.parametrize("text", QUIET)
def test_correct_figures_stay_quiet(text):
    assert found(text) == []


# ---------------------------------------------------------------- slips are found, with their arithmetic

def one(text: str, rule: str):
    hits = [f for f in check_text(text, SO_RULES) if f.rule == rule]
    assert len(hits) == 1, [(f.rule, f.excerpt) for f in check_text(text, SO_RULES)]
    return hits[0]


def test_breakdown_sum_shows_arithmetic():
    f = one("Tổng số điểm dân cư nằm trong vùng có nguy cơ sạt lở là 19 điểm (Mường So 2 điểm, Pa Vây Sử 2 điểm, "
            "Nậm Xe 1 điểm, Vàng Ma Chải 2 điểm, Mù Sang 3 điểm, Ma Li Pho 2 điểm, Huổi Luông 5 điểm, "
            "Lản Nhì Thàng 1 điểm).", "SO002")
    assert f.excerpt == "19 điểm"
    assert f.evidence["arithmetic"] == "2 + 2 + 1 + 2 + 3 + 2 + 5 + 1 = 18 ≠ 19"


def test_breakdown_sum_converts_units():
    f = one("Tổng kinh phí thực hiện 1,5 tỷ đồng (ngân sách tỉnh 800 triệu đồng, ngân sách huyện 600 triệu đồng).",
            "SO002")
    assert "800 triệu đồng + 600 triệu đồng = 1,4 tỷ đồng ≠ 1,5 tỷ đồng" == f.evidence["arithmetic"]
    assert f.severity.value == "warning"  # a bare parenthesis may list only the main parts


def test_breakdown_sum_over_bullets_names_the_swapped_figure():
    text = ("giao kế hoạch vốn đầu tư năm 2021 với tổng vốn 45.989,5 triệu đồng, cụ thể:\n"
            "- Nguồn vốn do tỉnh quản lý, kế hoạch vốn 11.625,5 triệu đồng, trong đó:\n"
            "+ 10.710 triệu đồng bố trí cho các công trình chuyển tiếp;\n"
            "+ 915,5 triệu đồng bố trí cho các công trình đã phê duyệt quyết toán.\n"
            "- Nguồn vốn do huyện quản lý, kế hoạch vốn 20.804 triệu đồng.\n"
            "- Nguồn vốn thu từ tiền sử dụng đất 12.901 triệu đồng.\n"
            "- Thu xổ số kiến thiết 650 triệu đồng.\nd) Tái định cư")
    f = one(text, "SO002")
    assert f.evidence["arithmetic"] == "11.625,5 + 20.804 + 12.901 + 650 = 45.980,5 ≠ 45.989,5"
    assert "“12.901” → “12.910”" in f.evidence["likely_slip"]


def test_part_exceeds_whole_in_trong_do_list():
    f = one("Tổ chức khám bệnh cho 10.084 lượt người (trong đó 15.502 lượt người nghèo; 1.569 lượt trẻ em).", "SO003")
    assert f.excerpt == "15.502"
    assert f.evidence["arithmetic"] == "15.502 lượt người > 10.084 lượt người"


def test_complement_must_add_up():
    f = one("+ Công tác tiêm phòng vắc xin trên đàn lợn 15/17 xã đã tổ chức tiêm xong; 03 xã chưa tiêm phòng xong.",
            "SO004")
    assert f.excerpt == "03 xã"
    assert f.evidence["arithmetic"] == "15 + 03 = 18 ≠ 17"


def test_plan_then_actual():
    f = one("Cây lúa vụ Đông Xuân, kế hoạch 1.998 ha, đã làm đất được 1.680 ha, đạt 48% kế hoạch.", "SO005")
    assert f.excerpt == "48%" and "84%" in f.suggestion and "“48” → “84”" in f.suggestion


def test_plan_from_earlier_sentence_is_a_warning():
    f = one("đăng ký được 250ha, đạt 100% KH. Đến nay, Nhân dân đã làm đất trồng chè được 226ha, đạt 94,0% KH.",
            "SO005")
    assert f.severity.value == "warning"


def test_share_of_stated_total():
    f = one("Toàn huyện có 120 hộ nghèo, trong đó 45 hộ người dân tộc thiểu số, chiếm 35,7%.", "SO006")
    assert f.excerpt == "35,7%" and "37,5%" in f.suggestion


def test_overall_rate_outside_its_parts():
    f = one("Kết quả giải ngân đến 31/12/2020 ngân sách huyện đạt 82%, trong đó: nguồn vốn đầu tư 84%, "
            "nguồn vốn sự nghiệp 90%.", "SO007")
    assert f.excerpt == "82%"


def test_area_times_yield():
    f = one("Thu hoạch 2,5 ha, năng suất 60 tạ/ha, sản lượng 51 tấn.", "SO008")
    assert f.evidence["arithmetic"] == "2,5 ha × 60 tạ/ha = 15,00 tấn ≠ 51 tấn"


def test_one_fact_two_figures():
    f = one("Kết quả triển khai 6 lớp tập huấn với 152 học viên tham gia.\n"
            "Tập huấn kỹ năng tiêm phòng được 06 lớp/125 học viên tham gia.", "SO009")
    assert f.excerpt == "06 lớp/125 học viên" and f.related is not None


def test_count_vs_names_and_duplicate():
    text = ("06 xã, thị trấn đã tổ chức tiêm phòng xong (Lản Nhì Thàng, Khổng Lào, Ma Li Pho, Sì Lở Lầu, "
            "Lản Nhì Thàng và thị trấn Phong Thổ).")
    assert found(text) == [("SO011", "Lản Nhì Thàng")]
    assert ("SO010", "12 xã") in found("Tổng số 12 xã (Mường So, Pa Vây Sử và Nậm Xe) đã hoàn thành.")


def test_growth():
    f = one("Thu ngân sách 12.000 triệu đồng, tăng 15% so với cùng kỳ năm 2020 (10.000 triệu đồng).", "SO015")
    assert "20%" in f.suggestion


def test_number_format_rules():
    assert ("SO012", "1,234.5") in found("Tổng giá trị thiệt hại ước 1,234.5 triệu đồng.")
    doc = ("Triển khai tiêm 9.000 liều vắc xin.\nTuyên truyền bầu cử được 1380 buổi.\n"
           "Tuyên truyền cho 1.705 lượt người.")
    assert ("SO013", "1380 buổi") in found(doc)
    assert found("Tuyên truyền bầu cử được 1380 buổi.") == []  # no grouped figures to compare with
    assert ("SO014", "héc ta") in found("Diện tích 186,3 ha, thêm 0,5 ha và 2 héc ta.")


# ---------------------------------------------------------------- the extractor

def test_list_items_prefer_semicolons():
    text = "giết mổ 512 gia súc (lợn 440 con; trâu, bò, ngựa 72 con)"
    enum = [e for e in inline_enumerations(text, extract(text)) if e.kind == "paren"][0]
    assert [it.text for it in enum.items] == ["lợn 440 con", "trâu, bò, ngựa 72 con"]
    assert enum.total.number.text == "512"


def test_list_kinds_and_partial():
    text = "khám bệnh cho 10.084 lượt người (trong đó 5.502 lượt người nghèo, và các loại hình khác)"
    enum = inline_enumerations(text, extract(text))[0]
    assert enum.inner_kind == "trong_do" and enum.partial
    assert split_items("A, B và C", 0, 9) == [(0, 1), (3, 4), (8, 9)]
    assert bullet_marker("- Dự án: XD") == "-" and bullet_marker("+ Công tác") == "+"
    assert bullet_marker("1) Đã chỉ đạo") == "1)" and bullet_marker("Đã chỉ đạo") is None


# ---------------------------------------------------------------- whole seed reports

@pytest.mark.skipif(not SEEDS.exists(), reason="seed reports not present")
def test_seed_reports_findings_are_exactly_the_slips():
    got = set()
    for path in sorted(SEEDS.glob("*.txt")):
        got |= {(path.name[:3], f.rule, f.excerpt) for f in check_file(path, SO_RULES).findings}
    assert got == {
        ("000", "SO011", "Lản Nhì Thàng"),  # the same commune twice in "06 xã, thị trấn (…)"
        ("000", "SO013", "1380 buổi"),  # the report writes "9.000 liều", "1.705 lượt người"
        ("001", "SO007", "82%"),  # "đạt 82%, trong đó: … 84%, … 90%"
    }


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not present")
def test_corpus_findings_are_known():
    got = set()
    for path in sorted(CORPUS.glob("*.txt")):
        got |= {(path.name[:3], f.rule, f.excerpt) for f in check_file(path, SO_RULES).findings}
    assert got <= {
        ("010", "SO002", "305.712 hồ sơ"),  # 293.132 + 12.579 = 305.711
        ("010", "SO001", "97,17%"),  # 17.019 / 17.525 = 97,11 %
    }


# ---------------------------------------------------------------- shares, halves and changes of a named total

# Correct sentences in the shapes the share / complement / change checks read: all must stay quiet.
QUIET_SHAPES = [
    # the share of a "trong đó" part is of the grand total, not of the figure just before it
    "Trong tháng, hệ thống tiếp nhận 18.426 hồ sơ và giải quyết được 17.922 hồ sơ, chiếm tỷ lệ 97,26%. Trong đó, "
    "giải quyết trước hạn 16.307 hồ sơ (chiếm tỷ lệ 88,5%); trễ hạn 951 hồ sơ (chiếm tỷ lệ 5,16%).",
    # the base comes after the part: "hồ sơ đến hạn giải quyết 19.944 hồ sơ"
    "Tiếp nhận mới 19.630 hồ sơ, hồ sơ trả trước và đúng hạn là 19.255 hồ sơ (đạt 96,55%), hồ sơ đến hạn giải "
    "quyết 19.944 hồ sơ.",
    # siblings with shares of their own are not totals of each other
    "Tổng số hộ nghèo 1.548 hộ, chiếm tỷ lệ 10,81%; hộ cận nghèo 1.503 hộ, chiếm tỷ lệ 10,50%.",
    # a share of an unnamed base ("dân số", the province's households)
    "Toàn tỉnh có 57.180 hộ nghèo, chiếm tỷ lệ 12,81% dân số. Trong đó, hộ nghèo về thu nhập là 50.868 hộ. "
    "Số hộ cận nghèo 43.316 hộ, chiếm tỷ lệ 9,12%.",
    # a third kind of file ("trả lại") is named: received need not be done + pending
    "Tiếp nhận 1.540 hồ sơ, đã giải quyết 1.502 hồ sơ, trả lại 10 hồ sơ; đang giải quyết 28 hồ sơ.",
    # another period in between
    "Trong tháng tiếp nhận 125 đơn, đã giải quyết 98 đơn; lũy kế từ đầu năm đang giải quyết 27 đơn.",
    # overlapping "trong đó" parts: the excess is no single slipped digit
    "Tổng thu ngân sách 12.450 triệu đồng, trong đó thu nội địa 11.200 triệu đồng, thu tiền sử dụng đất 4.500 "
    "triệu đồng.",
    # a change in percent after "giảm từ … xuống …" may be in points
    "Số hộ nghèo giảm từ 1.548 hộ xuống còn 1.203 hộ, giảm 2,23% so với đầu năm.",
    "Tỷ lệ hộ nghèo giảm từ 10,81% xuống còn 8,58%, giảm 2,23%.",
    # "và" inside one name: three offices, not four
    "Có 3 đơn vị chưa nộp báo cáo (Phòng Tư pháp, Phòng Y tế, Phòng Văn hóa và Thông tin).",
    "Có 05 cơ quan được khen thưởng gồm: Phòng Nội vụ, Phòng Tài nguyên và Môi trường, Phòng Y tế, Văn phòng "
    "HĐND và UBND, Công an huyện.",
    # a place after a count of households tells where, not which
    "Trong tháng có 03 hộ (bản Nậm Xe) bị thiệt hại nhà ở do mưa lớn.",
    "Có 02 xã (huyện Phong Thổ) được công nhận đạt chuẩn nông thôn mới.",
    # classes in communes: a count of classes is not a count of the communes listed
    "Đã tổ chức 05 lớp tập huấn tại các xã: Tân Hà, Lộc An, Đinh Lạc và Lộc Đức.",
]


@pytest.mark.parametrize("text", QUIET_SHAPES)
def test_shapes_of_correct_figures_stay_quiet(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    # a "trong đó" part after a bracketed breakdown of the total
    ("Lũy kế từ đầu năm phát sinh 7.310 hồ sơ liên thông (5.002 hồ sơ khai sinh và 2.308 hồ sơ khai tử), trong "
     "đó: 6.120 hồ sơ đã trả kết quả (đạt tỷ lệ 82,7%).", ("SO006", "82,7%")),
    # unit-less part after "trong đó" with its noun said before it
    ("Tổng số hồ sơ cấp xã đã giải quyết là 52.410 hồ sơ; trong đó: Số hồ sơ giải quyết trước và đúng hạn là "
     "52.006 (tỷ lệ 98,2%).", ("SO006", "98,2%")),
    # received = done + pending
    ("Tiếp nhận 1.540 hồ sơ, đã giải quyết 1.502 hồ sơ; đang giải quyết 83 hồ sơ.", ("SO004", "83 hồ sơ")),
    # the difference of "từ A xuống B"
    ("Số hộ nghèo giảm từ 1.548 hộ xuống còn 1.203 hộ, giảm 354 hộ.", ("SO015", "354")),
    # a fraction written with "trên"
    ("Đã có 12 trên 15 xã hoàn thành, đạt 75%.", ("SO001", "75%")),
    # a lone name for a count of two communes
    ("Còn 02 xã chưa hoàn thành chi trả (Pa Tần).", ("SO010", "02 xã")),
])
def test_new_shapes_are_found(text, expected):
    assert found(text) == [expected]


def test_trong_do_parts_over_the_total_by_one_digit():
    text = ("Giá trị sản xuất công nghiệp đạt 4.250 triệu đồng, trong đó: khai thác 1.120 triệu đồng; chế biến "
            "2.340 triệu đồng; điện, nước 1.790 triệu đồng.")
    (f,) = check_text(text, SO_RULES)
    assert (f.rule, f.excerpt, f.severity.value) == ("SO002", "4.250 triệu đồng", "warning")
    assert "1.120 + 2.340 + 1.790 = 5.250" in f.evidence["arithmetic"]


def test_table_total_row_and_rate_column():
    table = ("TT\tĐơn vị\tKế hoạch (ha)\tThực hiện (ha)\tTỷ lệ (%)\n"
             "1\tXã Tân Hà\t120\t114\t95,0\n2\tXã Lộc An\t80\t62\t77,5\n3\tXã Đinh Lạc\t100\t91\t91,0\n"
             "\tTổng cộng\t300\t267\t89,0")
    assert found(table) == []
    assert sorted(found(table.replace("\t62\t", "\t26\t"))) == [("SO016", "267"), ("SO017", "77,5")]
    assert found(table.replace("\t77,5\n", "\t75,5\n")) == [("SO017", "75,5")]
