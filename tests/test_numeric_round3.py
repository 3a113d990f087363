"""Round 3 of the number rules (docs/RECALL.md): shapes from a budget execution report and a crop
season report — each slip beside its correct sentence, which must stay quiet."""

from __future__ import annotations

import pytest

from checker.api import check_text
from checker.ruleset import load_rules

RULES = load_rules()
SO_RULES = [r for r in RULES if r.id.startswith("SO")]


def rules_found(text: str, rules=SO_RULES) -> list[tuple[str, str]]:
    return [(f.rule, f.excerpt) for f in check_text(text, rules)]


# (rule, correct text, slipped text, excerpt of the finding on the slipped text)
PAIRS = [
    ("SO015", "Tổng đàn heo 38.560 con, tăng 4,2% so với cùng kỳ (37.006 con).",
     "Tổng đàn heo 38.560 con, giảm 4,2% so với cùng kỳ (37.006 con).", "giảm"),
    ("SO001", "phát hiện 03 cơ sở vi phạm, chiếm 15% (3/20), xử phạt 27,5 triệu đồng.",
     "phát hiện 03 cơ sở vi phạm, chiếm 20% (3/20), xử phạt 27,5 triệu đồng.", "20%"),
    ("SO002", "Diện tích lúa nhiễm rầy nâu 1.245 ha (nhiễm nhẹ 1.108 ha, nhiễm trung bình 137 ha).",
     "Diện tích lúa nhiễm rầy nâu 1.245 ha (nhiễm nhẹ 1.108 ha, nhiễm trung bình 173 ha).", "1.245 ha"),
    ("SO006", "Cơ cấu thu: thuế, phí 98.236,5 triệu đồng, chiếm 31,4%; tiền sử dụng đất 186.420 triệu đồng, "
              "chiếm 59,7%; thu khác 27.800,3 triệu đồng, chiếm 8,9%.",
     "Cơ cấu thu: thuế, phí 98.236,5 triệu đồng, chiếm 31,4%; tiền sử dụng đất 186.420 triệu đồng, "
     "chiếm 57,9%; thu khác 27.800,3 triệu đồng, chiếm 8,9%.", "57,9%"),
    ("SO006", "Chi lương 125,4 tỷ đồng, chiếm 52,3%; chi hoạt động 80,2 tỷ đồng, chiếm 33,5%; chi khác 34,1 tỷ "
              "đồng, chiếm 14,2%.",
     "Chi lương 125,4 tỷ đồng, chiếm 52,3%; chi hoạt động 80,2 tỷ đồng, chiếm 33,5%; chi khác 34,1 tỷ "
     "đồng, chiếm 41,2%.", "41,2%"),
    ("SO008", "Toàn huyện xuống giống 24.860 ha lúa, đạt 100,2% kế hoạch (24.800 ha), giảm 35 ha so với cùng kỳ. "
              "Đến ngày 31/3/2024 đã thu hoạch dứt điểm; năng suất bình quân đạt 72,4 tạ/ha, tăng 1,8 tạ/ha so "
              "với cùng kỳ; sản lượng đạt 179.986 tấn.",
     "Toàn huyện xuống giống 24.860 ha lúa, đạt 100,2% kế hoạch (24.800 ha), giảm 35 ha so với cùng kỳ. "
     "Đến ngày 31/3/2024 đã thu hoạch dứt điểm; năng suất bình quân đạt 72,4 tạ/ha, tăng 1,8 tạ/ha so "
     "với cùng kỳ; sản lượng đạt 197.986 tấn.", "197.986 tấn"),
    ("SO004", "Trong 20 dự án được giao kế hoạch vốn năm 2024, có 17 dự án đã giải ngân; 03 dự án chưa giải "
              "ngân, chiếm 15 % (3/20).",
     "Trong 20 dự án được giao kế hoạch vốn năm 2024, có 16 dự án đã giải ngân; 03 dự án chưa giải "
     "ngân, chiếm 15 % (3/20).", "03 dự án"),
    ("SO010", "Có 02/05 xã đạt trên 50% dự toán (Liên Nghĩa, Hiệp Thạnh); 03 xã đạt dưới 50% (Hiệp An, Ninh "
              "Gia, Tà Năng).",
     "Có 02/05 xã đạt trên 50% dự toán (Liên Nghĩa, Hiệp Thạnh); 04 xã đạt dưới 50% (Hiệp An, Ninh "
     "Gia, Tà Năng).", "04 xã"),
    ("SO002", "Tổng chi 486.912 triệu đồng, đạt 48,6% dự toán (1.001.850 triệu đồng), tăng 9,4% so với cùng kỳ "
              "năm 2023 (445.075 triệu đồng), gồm:\n- Chi đầu tư phát triển 142.380 triệu đồng;\n"
              "- Chi thường xuyên 338.652 triệu đồng;\n- Chi dự phòng 5.880 triệu đồng.",
     "Tổng chi 486.912 triệu đồng, đạt 48,6% dự toán (1.001.850 triệu đồng), tăng 9,4% so với cùng kỳ "
     "năm 2023 (445.075 triệu đồng), gồm:\n- Chi đầu tư phát triển 142.380 triệu đồng;\n"
     "- Chi thường xuyên 338.562 triệu đồng;\n- Chi dự phòng 5.880 triệu đồng.", "486.912 triệu đồng"),
    ("SO010", "Né rầy theo 03 đợt: đợt 1 từ ngày 15/4 - 25/4/2024; đợt 2 từ ngày 26/4 - 03/5/2024; đợt 3 từ "
              "ngày 04/5 - 10/5/2024.",
     "Né rầy theo 04 đợt: đợt 1 từ ngày 15/4 - 25/4/2024; đợt 2 từ ngày 26/4 - 03/5/2024; đợt 3 từ "
     "ngày 04/5 - 10/5/2024.", "04 đợt"),
    ("SO017", "STT\tNội dung\tDự toán năm\tƯớc thực hiện 6 tháng\tSo dự toán (%)\tSo cùng kỳ (%)\n"
              "1\tThu thuế\t205.700\t98.236,5\t47,8\t104,6\n2\tThu tiền sử dụng đất\t350.000\t186.420\t53,3\t111,1\n"
              "3\tThu khác\t44.000\t27.800,3\t63,2\t98,2",
     "STT\tNội dung\tDự toán năm\tƯớc thực hiện 6 tháng\tSo dự toán (%)\tSo cùng kỳ (%)\n"
     "1\tThu thuế\t205.700\t98.236,5\t47,8\t104,6\n2\tThu tiền sử dụng đất\t350.000\t186.420\t53,3\t111,1\n"
     "3\tThu khác\t44.000\t27.800,3\t62,3\t98,2", "62,3"),
    ("SO017", "TT\tXã\tKế hoạch xuống giống\tLúa chất lượng cao\tTỷ lệ (%)\n1\tNúi Sập\t1.820\t1.690\t92,9\n"
              "2\tVĩnh Trạch\t3.460\t3.180\t91,9\n3\tĐịnh Thành\t5.240\t4.850\t92,6\n4\tÓc Eo\t5.340\t4.910\t91,9",
     "TT\tXã\tKế hoạch xuống giống\tLúa chất lượng cao\tTỷ lệ (%)\n1\tNúi Sập\t1.820\t1.690\t92,9\n"
     "2\tVĩnh Trạch\t3.460\t3.180\t91,9\n3\tĐịnh Thành\t5.240\t4.850\t92,6\n4\tÓc Eo\t5.340\t4.910\t99,1", "99,1"),
]


@pytest.mark.parametrize("rule, correct, slipped, excerpt", PAIRS, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAIRS)])
def test_slip_found_and_correct_text_quiet(rule, correct, slipped, excerpt):
    assert rules_found(correct, RULES) == []
    assert (rule, excerpt) in rules_found(slipped)


QUIET = [
    # a threshold each commune met, not the share of communes
    "Có 02/05 xã, thị trấn đạt trên 50% dự toán thu được giao (thị trấn Liên Nghĩa, xã Hiệp Thạnh).",
    # a base in brackets before "gồm:" is not the total of the bullets
    "Tổng chi ngân sách 486.912 triệu đồng, tăng 9,4% so với cùng kỳ năm 2023 (445.075 triệu đồng), gồm:\n"
    "- Chi đầu tư phát triển 142.380 triệu đồng;\n- Chi thường xuyên 344.532 triệu đồng.",
    # shares that round to 99,9 %
    "Cơ cấu giống: OM 18 chiếm 38,5%; Đài Thơm 8 chiếm 31,2%; OM 5451 chiếm 22,9%; các giống khác chiếm 7,3%.",
    "Giá lúa dao động từ 6.800 - 7.500 đồng/kg; lợi nhuận bình quân 28 - 32 triệu đồng/ha.",
    "hỗ trợ 126 hộ với tổng kinh phí 1.234,5 triệu đồng, bình quân gần 9,8 triệu đồng/hộ.",
    "Năm học 2024 - 2025, toàn huyện có 86 trường với 1.512 lớp, 48.930 học sinh; bình quân 32,4 học sinh/lớp.",
    "Nhiệt độ trung bình từ 18 - 22 độ C; lượng mưa khoảng 150 - 200 mm.",
    "Trong 24 dự án, có 20 dự án đã hoàn thành; 04 dự án đang thi công.",
    # shares nudged by one unit of the last digit so that they add up to 100 %
    "Kết quả: nhóm A 100 người, chiếm 33,3%; nhóm B 100 người, chiếm 33,3%; nhóm C 100 người, chiếm 33,4%.",
]


@pytest.mark.parametrize("text", QUIET)
def test_round3_correct_shapes_stay_quiet(text):
    assert rules_found(text, RULES) == []
