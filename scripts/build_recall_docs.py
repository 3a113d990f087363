"""Six reports in shapes the corpus lacks, each with a list of planted slips: build and measure.

    python scripts/build_recall_docs.py                 # (re)write tests/data/recall/*.docx and *.txt
    python scripts/build_recall_docs.py --measure       # recall per slip kind, .docx and .txt
    python scripts/build_recall_docs.py --measure --show-misses --show-alarms
    python scripts/build_recall_docs.py --clean         # every finding on the correct documents

The documents are written here (not copied from the corpus or the seeds): a district monthly
socio-economic report with a statistics table (TT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm | Thực
hiện tháng | Lũy kế | Tỷ lệ (%)) and a table of administrative procedures with a total row; a
follow-up table of a district (STT | Nhiệm vụ | Kết quả thực hiện | Lý do chưa hoàn thành / Ghi chú)
with unit rows merged across the columns; a quarterly report of a district health centre with
figures in prose, shares of totals, growth against the same period, a table by commune with the
total row on top and Word bullets; a meeting conclusion with lettered assignments and deadlines;
a budget execution report (dự toán / thực hiện / so cùng kỳ, triệu/nghìn/tỷ đồng, a table with A/B
group rows and "Trong đó" sub-rows, a table by commune with a "Tổng cộng" row); a crop season
report (ha × tạ/ha = tấn in prose and in a table, shares summing to 99,9 %, a plan table).
Every document is correct as written: rasoat must stay quiet on it.

Each slip is one realistic mistake (``SLIPS``): kind, where (a piece of text naming the paragraph
or table row), the original text and the slipped text — or a row/paragraph pasted twice or
dropped. A slip is applied to the committed document as read by rasoat (the .docx through the Word
reader, the .txt through the text reader), so the same slip is measured on both formats. It is
*detected* when rasoat gives a finding that is not on the correct document, on the slipped
paragraph/row (or a place listed in ``region``); any other new finding is a *false alarm*
(same measure as scripts/inject_errors.py).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "tests" / "data" / "recall"


# ---------------------------------------------------------------- document description

@dataclass
class H:  # a Word heading
    level: int
    text: str


@dataclass
class P:  # a paragraph; style "List Bullet" makes a Word bullet (typed "- " in the .txt)
    text: str
    style: str = ""
    bold: bool = False
    center: bool = False


@dataclass
class Merge:  # a cell merged across every remaining column of its row
    text: str


Cell = Union[str, Merge]


@dataclass
class T:  # a Word table; a cell may hold several paragraphs ("\n")
    rows: list[list[Cell]]
    header: int = 1
    grid: bool = True


Block = Union[H, P, T]


def _masthead(org: str, number: str, place_date: str) -> T:
    return T([[f"{org}\nSố: {number}", f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n{place_date}"]],
             header=0, grid=False)


def _signature(recipients: list[str], signer: list[str]) -> T:
    return T([["Nơi nhận:\n" + "\n".join(recipients), "\n".join(signer)]], header=0, grid=False)


# ---------------------------------------------------------------- 1. district monthly report

YEN_THANH: list[Block] = [
    _masthead("ỦY BAN NHÂN DÂN\nHUYỆN YÊN THÀNH", "512/BC-UBND", "Yên Thành, ngày 25 tháng 9 năm 2024"),
    P("BÁO CÁO", bold=True, center=True),
    P("Tình hình kinh tế - xã hội tháng 9, nhiệm vụ trọng tâm tháng 10 năm 2024", bold=True, center=True),
    P("Thực hiện Chương trình công tác năm 2024, UBND huyện báo cáo tình hình kinh tế - xã hội tháng 9 và "
      "nhiệm vụ trọng tâm tháng 10 năm 2024 như sau:"),
    H(1, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 9"),
    H(2, "1. Sản xuất nông, lâm nghiệp"),
    P("Vụ Hè Thu năm 2024, toàn huyện gieo cấy được 8.650 ha lúa, đạt 101,8% kế hoạch (8.500 ha). Đến ngày "
      "20/9/2024, Nhân dân đã thu hoạch 7.120 ha, đạt 82,3% diện tích gieo cấy. Trên diện tích đã thu hoạch, "
      "năng suất bình quân ước đạt 52,5 tạ/ha, sản lượng ước đạt 37.380 tấn."),
    P("Cây lạc vụ Hè Thu trồng được 1.240 ha, năng suất ước đạt 24,5 tạ/ha, sản lượng ước đạt 3.038 tấn. "
      "Cây ngô gieo trồng 960 ha, chủ yếu là ngô sinh khối phục vụ chăn nuôi."),
    P("Chăn nuôi phát triển ổn định; tổng đàn trâu 21.560 con, đàn bò 38.420 con, đàn lợn 112.300 con, đàn "
      "gia cầm 1,85 triệu con. Đợt tiêm phòng vụ Thu năm 2024 đã triển khai tại 39/39 xã, thị trấn; trong đó "
      "35/39 xã, thị trấn đã tiêm xong, còn 04 xã đang tiêm bổ sung cho số gia súc mới nhập đàn."),
    P("Trồng rừng tập trung được 612,5 ha, đạt 94,2% kế hoạch năm (650 ha); trong tháng không xảy ra cháy rừng."),
    H(2, "2. Xây dựng nông thôn mới"),
    P("Đến nay, toàn huyện có 05 xã đạt chuẩn nông thôn mới nâng cao (Hoa Thành, Đô Thành, Công Thành, Mã "
      "Thành và Tân Thành) và 02 xã đạt chuẩn nông thôn mới kiểu mẫu (Kim Thành, Sơn Thành)."),
    P("Trong tháng, UBND huyện đã khởi công 04 công trình giao thông nông thôn, gồm:"),
    P("- Đường trục xã Bảo Thành, chiều dài 2,4 km;"),
    P("- Đường liên thôn xã Nhân Thành, chiều dài 1,8 km;"),
    P("- Đường nội đồng xã Phúc Thành, chiều dài 3,1 km;"),
    P("- Cầu tràn Khe Su, xã Hậu Thành."),
    P("Tổng mức đầu tư các công trình là 21.650 triệu đồng, từ nguồn vốn Chương trình mục tiêu quốc gia xây "
      "dựng nông thôn mới và vốn đối ứng của ngân sách huyện."),
    H(2, "3. Tài chính, ngân sách"),
    P("Tổng thu ngân sách trên địa bàn đến hết tháng 9 ước đạt 186.450 triệu đồng, bằng 78,4% dự toán năm "
      "(237.800 triệu đồng), tăng 12,6% so với cùng kỳ năm 2023 (165.580 triệu đồng), gồm: thu thuế ngoài "
      "quốc doanh 42.310 triệu đồng; thu tiền sử dụng đất 118.600 triệu đồng; thu phí, lệ phí 8.940 triệu "
      "đồng; các khoản thu khác 16.600 triệu đồng."),
    P("Tổng chi ngân sách huyện ước đạt 412.300 triệu đồng, bằng 71,5% dự toán năm; giải ngân vốn đầu tư "
      "công đạt 86.420/132.950 triệu đồng, bằng 65,0% kế hoạch vốn giao."),
    P("Kế hoạch vốn đầu tư công năm 2024 của huyện là 132.950 triệu đồng, cụ thể:"),
    P("- Vốn ngân sách tỉnh hỗ trợ có mục tiêu: 58.400 triệu đồng;"),
    P("- Vốn ngân sách huyện: 61.350 triệu đồng;"),
    P("- Vốn các Chương trình mục tiêu quốc gia: 13.200 triệu đồng."),
    H(2, "4. Văn hóa - xã hội"),
    P("Tổ chức chu đáo các hoạt động kỷ niệm 79 năm Cách mạng Tháng Tám thành công (19/8/1945 - 19/8/2024) "
      "và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2024); treo cờ, băng rôn, "
      "khẩu hiệu tại trụ sở các cơ quan, đơn vị."),
    P("Năm học 2024 - 2025, toàn huyện có 128 trường học với 61.450 học sinh (mầm non 16.820 em, tiểu học "
      "23.170 em, trung học cơ sở 21.460 em); các trường đồng loạt khai giảng năm học mới vào ngày 05/9/2024."),
    P("Kết quả rà soát hộ nghèo, hộ cận nghèo giữa kỳ: toàn huyện có 61.745 hộ; trong đó hộ nghèo 1.982 hộ, "
      "chiếm 3,21%; hộ cận nghèo 2.791 hộ, chiếm 4,52%; tổng tỷ lệ hộ nghèo và hộ cận nghèo là 7,73%."),
    P("Giải quyết việc làm mới cho 285 lao động, lũy kế 9 tháng 2.614 lao động, đạt 81,7% kế hoạch năm "
      "(3.200 lao động); trong đó xuất khẩu lao động 947 người."),
    H(2, "5. Quốc phòng - an ninh"),
    P("Duy trì nghiêm chế độ trực sẵn sàng chiến đấu; trong tháng xảy ra 06 vụ phạm pháp hình sự, giảm 03 "
      "vụ so với cùng kỳ; tai nạn giao thông xảy ra 02 vụ, làm chết 01 người, bị thương 02 người."),
    P("Kết quả giải quyết thủ tục hành chính trong tháng như sau:"),
    T([["TT", "Đơn vị", "Hồ sơ tiếp nhận", "Đã giải quyết", "Đang giải quyết"],
       ["1", "Bộ phận Một cửa huyện", "1.245", "1.198", "47"],
       ["2", "Văn phòng Đăng ký đất đai - Chi nhánh Yên Thành", "612", "583", "29"],
       ["3", "Bộ phận Một cửa các xã, thị trấn", "3.862", "3.815", "47"],
       ["", "Tổng cộng", "5.719", "5.596", "123"]]),
    H(1, "II. NHIỆM VỤ TRỌNG TÂM THÁNG 10 NĂM 2024"),
    P("1. Chỉ đạo thu hoạch dứt điểm lúa Hè Thu, dự kiến hoàn thành trước ngày 05/10/2024; triển khai sản "
      "xuất vụ Đông năm 2024."),
    P("2. Tập trung các giải pháp thu ngân sách, phấn đấu đến ngày 31/12/2024 đạt 100% dự toán năm."),
    P("3. Tổ chức Hội nghị sơ kết công tác cải cách hành chính 9 tháng năm 2024, hoàn thành trước ngày "
      "15/10/2024."),
    P("4. Chuẩn bị tốt các điều kiện tổ chức đại hội chi bộ, đảng bộ cơ sở nhiệm kỳ 2025 - 2030."),
    P("5. Duy trì nghiêm chế độ trực, bảo đảm an ninh chính trị, trật tự an toàn xã hội."),
    P("PHỤ LỤC: MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU THÁNG 9 NĂM 2024", bold=True, center=True),
    T([["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm", "Thực hiện tháng", "Lũy kế", "Tỷ lệ (%)"],
       ["I", Merge("Kinh tế")],
       ["1", "Diện tích gieo trồng cây hằng năm", "ha", "24.500", "320", "23.870", "97,4"],
       ["2", "Sản lượng lương thực có hạt", "tấn", "128.000", "37.380", "112.650", "88,0"],
       ["3", "Thu ngân sách trên địa bàn", "triệu đồng", "237.800", "18.620", "186.450", "78,4"],
       ["4", "Trồng rừng tập trung", "ha", "650", "-", "612,5", "94,2"],
       ["5", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "giấy", "850", "74", "705", "82,9"],
       ["II", Merge("Văn hóa - xã hội")],
       ["6", "Giải quyết việc làm mới", "lao động", "3.200", "285", "2.614", "81,7"],
       ["7", "Xuất khẩu lao động", "người", "1.100", "96", "947", "86,1"],
       ["8", "Tỷ lệ hộ nghèo đa chiều", "%", "2,90", "-", "3,21", "-"]]),
    _signature(["- UBND tỉnh Nghệ An;", "- Thường trực Huyện ủy, HĐND huyện;", "- Chủ tịch, các PCT UBND huyện;",
                "- Lưu: VT, TH."],
               ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn Hùng"]),
]


# ---------------------------------------------------------------- 2. follow-up table with unit rows

CHAU_THANH: list[Block] = [
    _masthead("ỦY BAN NHÂN DÂN\nHUYỆN CHÂU THÀNH", "287/BC-UBND", "Châu Thành, ngày 05 tháng 7 năm 2024"),
    P("BÁO CÁO", bold=True, center=True),
    P("Kết quả thực hiện các nhiệm vụ được giao tại Thông báo số 45/TB-UBND ngày 12/3/2024 của UBND huyện "
      "(tính đến ngày 30/6/2024)", bold=True, center=True),
    P("Thực hiện Thông báo số 45/TB-UBND ngày 12/3/2024 của UBND huyện về kết luận của Chủ tịch UBND huyện "
      "tại Hội nghị giao ban quý I năm 2024, UBND huyện tổng hợp kết quả thực hiện của các phòng, ban, đơn "
      "vị như sau:"),
    H(1, "I. KẾT QUẢ THỰC HIỆN"),
    T([["STT", "Nhiệm vụ", "Kết quả thực hiện", "Lý do chưa hoàn thành / Ghi chú"],
       ["I", Merge("Phòng Tài chính - Kế hoạch")],
       ["1", "Tham mưu phân bổ chi tiết kế hoạch vốn đầu tư công năm 2024 cho các dự án khởi công mới",
        "Đã tham mưu UBND huyện ban hành Quyết định số 1125/QĐ-UBND ngày 05/4/2024 phân bổ 38.500 triệu "
        "đồng cho 06 dự án", ""],
       ["2", "Đôn đốc các chủ đầu tư đẩy nhanh tiến độ giải ngân vốn đầu tư công",
        "Giải ngân đến ngày 30/6/2024 đạt 21.360/45.200 triệu đồng, bằng 47,3% kế hoạch",
        "Một số dự án đang điều chỉnh chủ trương đầu tư; nhà thầu chậm lập hồ sơ thanh toán khối lượng "
        "hoàn thành"],
       ["3", "Rà soát, xây dựng phương án xử lý tài sản công dôi dư sau sắp xếp",
        "Đã rà soát 42 cơ sở nhà, đất; đã phê duyệt phương án xử lý 35 cơ sở, còn 07 cơ sở đang chờ ý kiến "
        "của Sở Tài chính", "Phụ thuộc tiến độ thẩm định của cấp tỉnh"],
       ["II", Merge("Phòng Tài nguyên và Môi trường")],
       ["1", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu cho các hộ đủ điều kiện",
        "Đã cấp 186/240 giấy chứng nhận, đạt 77,5%",
        "Còn 54 hồ sơ có tranh chấp ranh giới, đang phối hợp UBND các xã hòa giải"],
       ["2", "Kiểm tra, xử lý khai thác cát trái phép trên sông Vàm Cỏ Đông",
        "- Đã tổ chức 05 đợt kiểm tra;\n- Xử phạt vi phạm hành chính 03 trường hợp với tổng số tiền 105 "
        "triệu đồng.", ""],
       ["3", "Lập kế hoạch sử dụng đất năm 2025 của huyện",
        "Đang lấy ý kiến các phòng, ban chuyên môn và UBND các xã, thị trấn",
        "Chưa có chỉ tiêu sử dụng đất do UBND tỉnh phân bổ"],
       ["III", Merge("Phòng Giáo dục và Đào tạo")],
       ["1", "Chuẩn bị cơ sở vật chất cho năm học 2024 - 2025",
        "Đã sửa chữa 24 phòng học, bổ sung 310 bộ bàn ghế học sinh", ""],
       ["2", "Xây dựng trường đạt chuẩn quốc gia năm 2024",
        "03/04 trường đã được công nhận đạt chuẩn quốc gia (Trường Mầm non Hảo Đước, Trường Tiểu học An "
        "Bình, Trường Trung học cơ sở Thái Bình); Trường Tiểu học Trí Bình đang hoàn thiện hồ sơ",
        "Thiếu 02 phòng học bộ môn, đang đề nghị bổ sung vốn sửa chữa"],
       ["3", "Bồi dưỡng hè cho giáo viên", "Đã tổ chức 4 lớp", ""],
       ["IV", Merge("Phòng Văn hóa và Thông tin")],
       ["1", "Tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024)",
        "Đã tổ chức 01 đêm văn nghệ và 01 giải bóng đá thiếu niên với 12 đội tham gia", ""],
       ["2", "Kiểm tra hoạt động kinh doanh dịch vụ karaoke, vũ trường",
        "Đã kiểm tra 15/18 cơ sở; 03 cơ sở tạm ngừng hoạt động nên chưa kiểm tra", ""],
       ["V", Merge("UBND các xã, thị trấn")],
       ["1", "Thu Quỹ phòng, chống thiên tai năm 2024",
        "13/15 xã, thị trấn đã hoàn thành; 02 xã đang tiếp tục thu (Thanh Điền, Hòa Hội)",
        "Do nhiều hộ đi làm ăn xa, chưa liên hệ được"]]),
    H(1, "II. ĐÁNH GIÁ CHUNG"),
    P("Trong 12 nhiệm vụ được giao, đã hoàn thành 05 nhiệm vụ (chiếm 41,7%), đang thực hiện 07 nhiệm vụ "
      "(chiếm 58,3%). Các nhiệm vụ chưa hoàn thành chủ yếu do vướng mắc về thủ tục đầu tư, tranh chấp đất đai "
      "và phụ thuộc ý kiến của cơ quan cấp tỉnh."),
    H(1, "III. KIẾN NGHỊ"),
    P("1. Đề nghị Sở Tài chính sớm có ý kiến về phương án xử lý 07 cơ sở nhà, đất dôi dư của huyện."),
    P("2. Đề nghị Sở Tài nguyên và Môi trường hướng dẫn việc giải quyết tranh chấp ranh giới đối với các hồ "
      "sơ cấp giấy chứng nhận còn tồn đọng."),
    _signature(["- UBND tỉnh;", "- TT Huyện ủy, TT HĐND huyện;", "- Các phòng, ban, đơn vị;", "- Lưu: VT."],
               ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Lê Thị Thu Hà"]),
]


# ---------------------------------------------------------------- 3. quarterly report of a health centre

TAM_NONG: list[Block] = [
    _masthead("SỞ Y TẾ ĐỒNG THÁP\nTRUNG TÂM Y TẾ HUYỆN TAM NÔNG", "96/BC-TTYT", "Tam Nông, ngày 04 tháng 4 năm 2025"),
    P("BÁO CÁO", bold=True, center=True),
    P("Kết quả hoạt động quý I và nhiệm vụ trọng tâm quý II năm 2025", bold=True, center=True),
    H(1, "I. KẾT QUẢ HOẠT ĐỘNG QUÝ I NĂM 2025"),
    H(2, "1. Công tác khám bệnh, chữa bệnh"),
    P("Trong quý, Trung tâm và các trạm y tế đã khám bệnh cho 48.620 lượt người, tăng 6,8% so với cùng kỳ năm "
      "2024 (45.524 lượt người); trong đó khám bảo hiểm y tế 41.230 lượt, chiếm 84,8%; trẻ em dưới 6 tuổi "
      "7.315 lượt, chiếm 15,0%."),
    P("Điều trị nội trú 3.912 lượt bệnh nhân, công suất sử dụng giường bệnh đạt 92,4%; chuyển tuyến 286 lượt, "
      "giảm 41 lượt so với cùng kỳ. Trong dịp Tết Nguyên đán Ất Tỵ năm 2025 (từ ngày 25/01/2025 đến ngày "
      "02/02/2025), Trung tâm duy trì trực 24/24 giờ, tiếp nhận cấp cứu 412 trường hợp, không để xảy ra sai "
      "sót chuyên môn."),
    P("Nhân dịp kỷ niệm 70 năm Ngày Thầy thuốc Việt Nam (27/02/1955 - 27/02/2025), Trung tâm tổ chức gặp "
      "mặt, biểu dương 24 tập thể và 58 cá nhân có thành tích xuất sắc."),
    H(2, "2. Công tác y tế dự phòng"),
    P("Tổng số ca sốt xuất huyết ghi nhận trong quý là 37 ca (xã Phú Cường 12 ca, xã Phú Đức 9 ca, thị trấn "
      "Tràm Chim 8 ca, xã Tân Công Sính 5 ca, xã An Hòa 3 ca), giảm 18 ca so với cùng kỳ; không có ca tử vong."),
    P("Số ca mắc bệnh tay chân miệng là 64 ca, giảm 20% so với cùng kỳ năm 2024 (80 ca)."),
    P("Tiêm chủng đầy đủ cho trẻ dưới 1 tuổi được 412/436 trẻ, đạt 94,5% kế hoạch quý; trong đó khu vực thị "
      "trấn đạt 96,2%, khu vực nông thôn đạt 94,1%."),
    P("Kết quả tiêm chủng theo từng xã, thị trấn:"),
    T([["TT", "Xã, thị trấn", "Số trẻ dưới 1 tuổi", "Số trẻ tiêm chủng đầy đủ", "Tỷ lệ (%)"],
       ["", "Toàn huyện", "436", "412", "94,5"],
       ["1", "Thị trấn Tràm Chim", "78", "75", "96,2"],
       ["2", "Xã Phú Cường", "64", "60", "93,8"],
       ["3", "Xã Phú Đức", "58", "55", "94,8"],
       ["4", "Xã Tân Công Sính", "71", "66", "93,0"],
       ["5", "Xã An Hòa", "52", "49", "94,2"],
       ["6", "Xã Phú Thành A", "60", "56", "93,3"],
       ["7", "Xã Phú Thọ", "53", "51", "96,2"]]),
    P("Trong quý có 03 xã được công nhận đạt Bộ tiêu chí quốc gia về y tế xã giai đoạn đến năm 2030:"),
    P("Xã Phú Thành A;", style="List Bullet"),
    P("Xã Phú Thọ;", style="List Bullet"),
    P("Xã Hòa Bình.", style="List Bullet"),
    P("Công tác bảo đảm an toàn thực phẩm được tăng cường: đã kiểm tra 126 cơ sở sản xuất, kinh doanh thực "
      "phẩm, trong đó 112 cơ sở đạt yêu cầu, chiếm 88,9%; 14 cơ sở vi phạm đã được nhắc nhở, xử phạt theo "
      "quy định."),
    H(2, "3. Công tác dân số"),
    P("Số trẻ sinh ra trong quý là 298 trẻ, trong đó 153 trẻ trai và 145 trẻ gái; tỷ số giới tính khi sinh "
      "là 105,5 trẻ trai/100 trẻ gái."),
    P("Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ dưới 5 tuổi giảm từ 17,8% cuối năm 2024 xuống còn 17,2%."),
    H(1, "II. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2025"),
    P("1. Tăng cường giám sát, phòng chống dịch bệnh mùa mưa, nhất là sốt xuất huyết, tay chân miệng; hoàn "
      "thành chiến dịch diệt lăng quăng đợt 2 trước ngày 30/5/2025."),
    P("2. Tổ chức tiêm bù cho 24 trẻ chưa được tiêm đủ, hoàn thành trong tháng 4/2025."),
    P("3. Triển khai Tháng hành động vì an toàn thực phẩm năm 2025 (từ ngày 15/4/2025 đến ngày 15/5/2025)."),
    P("4. Chuẩn bị các điều kiện để 02 xã còn lại (Phú Hiệp, Tân Công Sính) đạt Bộ tiêu chí quốc gia về y tế "
      "xã trong năm 2025."),
    _signature(["- Sở Y tế;", "- UBND huyện;", "- Ban Giám đốc;", "- Lưu: VT, KHNV."],
               ["GIÁM ĐỐC", "", "Phạm Minh Tuấn"]),
]


# ---------------------------------------------------------------- 4. meeting conclusion

QUANG_NGAI: list[Block] = [
    _masthead("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI", "214/TB-UBND", "Quảng Ngãi, ngày 22 tháng 5 năm 2025"),
    P("THÔNG BÁO", bold=True, center=True),
    P("Kết luận của Phó Chủ tịch UBND tỉnh Trần Văn Minh tại cuộc họp kiểm tra tiến độ bồi thường, giải "
      "phóng mặt bằng Dự án Đường ven biển Dung Quất - Sa Huỳnh, giai đoạn II", bold=True, center=True),
    P("Thực hiện Văn bản số 1875/UBND-KTN ngày 09/5/2025 của UBND tỉnh về việc kiểm tra tiến độ các dự án "
      "trọng điểm, ngày 16/5/2025 (thứ Sáu), Phó Chủ tịch UBND tỉnh Trần Văn Minh chủ trì cuộc họp kiểm tra "
      "tiến độ bồi thường, giải phóng mặt bằng Dự án Đường ven biển Dung Quất - Sa Huỳnh, giai đoạn II (sau "
      "đây gọi tắt là Dự án). Tham dự cuộc họp có đại diện lãnh đạo các sở: Tài chính, Xây dựng, Nông nghiệp "
      "và Môi trường; Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh; UBND thị xã Đức Phổ, "
      "UBND huyện Mộ Đức."),
    P("Sau khi nghe Ban Quản lý dự án báo cáo và ý kiến của các cơ quan, đơn vị, Phó Chủ tịch UBND tỉnh kết "
      "luận như sau:"),
    H(1, "I. TÌNH HÌNH THỰC HIỆN"),
    P("Dự án đi qua địa bàn 05 xã, phường thuộc thị xã Đức Phổ và huyện Mộ Đức (phường Phổ Thạnh, xã Phổ "
      "Châu, xã Phổ Khánh, xã Đức Minh và xã Đức Phong). Tổng diện tích cần thu hồi là 162,3 ha; đến ngày "
      "15/5/2025 đã bàn giao mặt bằng 145,6 ha, đạt 89,7%; còn lại 16,7 ha chưa bàn giao."),
    P("Tổng số hộ bị ảnh hưởng là 1.254 hộ; đã phê duyệt phương án bồi thường, hỗ trợ cho 1.187/1.254 hộ, đạt "
      "94,7%; còn 67 hộ chưa phê duyệt phương án do chưa thống nhất đơn giá bồi thường."),
    P("Kinh phí bồi thường, hỗ trợ đã chi trả là 486,2/512,8 tỷ đồng, đạt 94,8% giá trị phương án được phê "
      "duyệt."),
    P("Tổng số mộ phải di dời là 326 mộ (phường Phổ Thạnh 84 mộ, xã Phổ Châu 97 mộ, xã Phổ Khánh 62 mộ, xã "
      "Đức Minh 45 mộ, xã Đức Phong 38 mộ); đến nay đã di dời 251 mộ, đạt 77,0%."),
    P("Khu tái định cư Phổ Châu (diện tích 8,5 ha, 186 lô) đã hoàn thành hạ tầng kỹ thuật, bố trí đất ở cho "
      "142 hộ; Khu tái định cư Đức Minh (diện tích 6,2 ha, 124 lô) đang thi công, đạt khoảng 70% khối lượng."),
    P("Một số khó khăn, vướng mắc: còn 04 hộ tại xã Phổ Khánh chưa đồng thuận với giá đất bồi thường; 12 thửa "
      "đất chưa xác định được nguồn gốc sử dụng; đường điện trung thế qua xã Đức Phong chưa được di dời."),
    H(1, "II. KẾT LUẬN VÀ CHỈ ĐẠO"),
    H(2, "1. Đánh giá chung"),
    P("Phó Chủ tịch UBND tỉnh ghi nhận, đánh giá cao sự nỗ lực của UBND thị xã Đức Phổ, UBND huyện Mộ Đức và "
      "Ban Quản lý dự án trong công tác bồi thường, giải phóng mặt bằng. Tuy nhiên, tiến độ bàn giao mặt bằng "
      "còn chậm so với yêu cầu tại Thông báo số 145/TB-UBND ngày 03/4/2025 của UBND tỉnh (yêu cầu bàn giao "
      "toàn bộ mặt bằng trước ngày 30/4/2025)."),
    H(2, "2. Nhiệm vụ trong thời gian tới"),
    P("Để bảo đảm tiến độ Dự án theo Nghị quyết số 12/NQ-HĐND ngày 18/7/2024 của HĐND tỉnh khóa XIII, nhiệm "
      "kỳ 2021 - 2026, Phó Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị tiếp tục thực hiện nghiêm các nội "
      "dung chỉ đạo tại Thông báo số 145/TB-UBND ngày 03/4/2025 và tập trung thực hiện các nhiệm vụ sau:"),
    P("a) UBND thị xã Đức Phổ, UBND huyện Mộ Đức:"),
    P("- Tập trung vận động 04 hộ tại xã Phổ Khánh chưa đồng thuận; trường hợp cố tình không chấp hành thì tổ "
      "chức cưỡng chế thu hồi đất theo quy định, hoàn thành bàn giao toàn bộ mặt bằng trước ngày 30/6/2025."),
    P("- Phê duyệt phương án bồi thường, hỗ trợ cho 67 hộ còn lại trước ngày 15/6/2025."),
    P("- Hoàn thành di dời 75 mộ còn lại trước ngày 20/6/2025."),
    P("b) Sở Nông nghiệp và Môi trường: hướng dẫn UBND thị xã Đức Phổ xác định nguồn gốc sử dụng đất đối với "
      "12 thửa đất còn vướng mắc; hoàn thành trước ngày 10/6/2025."),
    P("c) Sở Tài chính: thẩm định, trình UBND tỉnh điều chỉnh giá đất cụ thể để tính bồi thường tại xã Phổ "
      "Khánh, hoàn thành trước ngày 05/6/2025."),
    P("d) Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh:"),
    P("- Phối hợp với Công ty Điện lực Quảng Ngãi di dời đường điện trung thế qua xã Đức Phong, hoàn thành "
      "trong tháng 6/2025."),
    P("- Đẩy nhanh tiến độ thi công Khu tái định cư Đức Minh, phấn đấu hoàn thành hạ tầng kỹ thuật trước ngày "
      "31/7/2025."),
    P("đ) Sở Xây dựng: theo dõi, tổng hợp tiến độ; tham mưu UBND tỉnh tổ chức cuộc họp kiểm tra lần tiếp theo "
      "vào tuần cuối tháng 6/2025."),
    P("Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./."),
    _signature(["- CT, các PCT UBND tỉnh;", "- Các sở: TC, XD, NN&MT;", "- UBND thị xã Đức Phổ, huyện Mộ Đức;",
                "- Ban QLDA ĐTXD các CTGT tỉnh;", "- Lưu: VT, KTN."],
               ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "", "Võ Thanh Tùng"]),
]


# ---------------------------------------------------------------- 5. budget execution report

DUC_TRONG: list[Block] = [
    _masthead("ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG", "318/BC-UBND", "Đức Trọng, ngày 08 tháng 7 năm 2024"),
    P("BÁO CÁO", bold=True, center=True),
    P("Tình hình thực hiện dự toán ngân sách nhà nước 6 tháng đầu năm, nhiệm vụ và giải pháp 6 tháng cuối "
      "năm 2024", bold=True, center=True),
    P("Căn cứ Nghị quyết số 45/NQ-HĐND ngày 20/12/2023 của HĐND huyện về dự toán thu, chi ngân sách nhà nước "
      "năm 2024, UBND huyện báo cáo tình hình thực hiện dự toán ngân sách 6 tháng đầu năm 2024 như sau:"),
    H(1, "I. TÌNH HÌNH THU NGÂN SÁCH NHÀ NƯỚC"),
    P("Tổng thu ngân sách nhà nước trên địa bàn 6 tháng đầu năm ước thực hiện 312.456,8 triệu đồng, đạt 52,1% "
      "dự toán tỉnh giao (599.700 triệu đồng), tăng 7,7% so với cùng kỳ năm 2023 (290.020 triệu đồng). Cơ cấu "
      "thu: thu từ thuế, phí và lệ phí 98.236,5 triệu đồng, chiếm 31,4%; thu tiền sử dụng đất 186.420 triệu "
      "đồng, chiếm 59,7%; thu khác ngân sách 27.800,3 triệu đồng, chiếm 8,9%."),
    P("Thu từ thuế, phí và lệ phí đạt 47,8% dự toán, tăng 4,6% so với cùng kỳ; riêng thuế công thương nghiệp "
      "ngoài quốc doanh đạt 41.652 triệu đồng, bằng 46,3% dự toán (90.000 triệu đồng)."),
    P("Thu tiền sử dụng đất đạt 53,3% dự toán, chủ yếu từ đấu giá 38 lô đất ở tại Khu dân cư Tổ dân phố 5, thị "
      "trấn Liên Nghĩa với số tiền trúng đấu giá trên 45,6 tỷ đồng (bình quân khoảng 1,2 tỷ đồng/lô)."),
    P("Có 02/05 xã, thị trấn đạt trên 50% dự toán thu được giao (thị trấn Liên Nghĩa, xã Hiệp Thạnh); 03 xã "
      "đạt dưới 50% (Hiệp An, Ninh Gia, Tà Năng). Kết quả thu ngân sách của các xã, thị trấn như sau:"),
    P("ĐVT: triệu đồng"),
    T([["TT", "Xã, thị trấn", "Dự toán năm", "Thực hiện 6 tháng", "Tỷ lệ (%)"],
       ["1", "Thị trấn Liên Nghĩa", "4.850", "2.716,5", "56,0"],
       ["2", "Xã Hiệp An", "1.320", "594", "45,0"],
       ["3", "Xã Hiệp Thạnh", "1.680", "907,2", "54,0"],
       ["4", "Xã Ninh Gia", "980", "431,2", "44,0"],
       ["5", "Xã Tà Năng", "760", "296,4", "39,0"],
       ["", "Tổng cộng", "9.590", "4.945,3", "51,6"]]),
    H(1, "II. TÌNH HÌNH CHI NGÂN SÁCH ĐỊA PHƯƠNG"),
    P("Tổng chi ngân sách địa phương 6 tháng đầu năm ước thực hiện 486.912 triệu đồng, đạt 48,6% dự toán "
      "(1.001.850 triệu đồng), tăng 9,4% so với cùng kỳ năm 2023 (445.075 triệu đồng), gồm:"),
    P("- Chi đầu tư phát triển 142.380 triệu đồng, đạt 41,2% dự toán;"),
    P("- Chi thường xuyên 338.652 triệu đồng, đạt 53,4% dự toán;"),
    P("- Chi từ nguồn dự phòng ngân sách 5.880 triệu đồng, bằng 26,7% dự toán (22.050 triệu đồng), chủ yếu hỗ "
      "trợ khắc phục hậu quả mưa đá và phòng, chống dịch bệnh."),
    P("Trong chi thường xuyên, chi sự nghiệp giáo dục - đào tạo 186.245 triệu đồng, chiếm 55,0%; chi quản lý "
      "hành chính, Đảng, đoàn thể 61.870 triệu đồng, chiếm 18,3%; chi bảo đảm xã hội 21.430 triệu đồng, chiếm "
      "6,3%; còn lại là các khoản chi sự nghiệp khác."),
    P("Chi trợ cấp xã hội hằng tháng cho 2.846 đối tượng bảo trợ xã hội với kinh phí 14.286.920 nghìn đồng; hỗ "
      "trợ 126 hộ bị thiệt hại do mưa đá với tổng kinh phí 1.234,5 triệu đồng, bình quân gần 9,8 triệu "
      "đồng/hộ."),
    P("Giải ngân vốn đầu tư công đến ngày 30/6/2024 đạt 98.562,4/245.600 triệu đồng, bằng 40,1% kế hoạch vốn "
      "(cùng kỳ năm 2023 đạt 35,6%). Trong 20 dự án được giao kế hoạch vốn năm 2024, có 17 dự án đã giải ngân; "
      "03 dự án chưa giải ngân, chiếm 15 % (3/20), do đang hoàn thiện thủ tục điều chỉnh chủ trương đầu tư."),
    P("Kết quả thực hiện thu, chi ngân sách 6 tháng đầu năm 2024 (ĐVT: triệu đồng):"),
    T([["STT", "Nội dung", "Dự toán năm 2024", "Ước thực hiện 6 tháng", "So dự toán (%)", "So cùng kỳ (%)"],
       ["A", "TỔNG THU NSNN TRÊN ĐỊA BÀN", "599.700", "312.456,8", "52,1", "107,7"],
       ["1", "Thu từ thuế, phí và lệ phí", "205.700", "98.236,5", "47,8", "104,6"],
       ["", "Trong đó: thuế công thương nghiệp ngoài quốc doanh", "90.000", "41.652", "46,3", "103,2"],
       ["2", "Thu tiền sử dụng đất", "350.000", "186.420", "53,3", "111,1"],
       ["3", "Thu khác ngân sách", "44.000", "27.800,3", "63,2", "98,2"],
       ["B", "TỔNG CHI NGÂN SÁCH ĐỊA PHƯƠNG", "1.001.850", "486.912", "48,6", "109,4"],
       ["1", "Chi đầu tư phát triển", "345.600", "142.380", "41,2", "110,5"],
       ["2", "Chi thường xuyên", "634.200", "338.652", "53,4", "108,7"],
       ["", "Trong đó:", "", "", "", ""],
       ["", "- Chi sự nghiệp giáo dục - đào tạo", "352.000", "186.245", "52,9", "106,8"],
       ["", "- Chi quản lý hành chính, Đảng, đoàn thể", "118.600", "61.870", "52,2", "104,1"],
       ["3", "Chi dự phòng ngân sách", "22.050", "5.880", "26,7", "125,8"]]),
    H(1, "III. NHIỆM VỤ, GIẢI PHÁP 6 THÁNG CUỐI NĂM 2024"),
    P("1. Tập trung chỉ đạo thu ngân sách, phấn đấu thu tiền sử dụng đất cả năm đạt trên 350 tỷ đồng; đôn đốc "
      "thu hồi nợ đọng thuế khoảng 8 - 10 tỷ đồng."),
    P("2. Đẩy nhanh tiến độ giải ngân vốn đầu tư công, bảo đảm đến ngày 31/12/2024 giải ngân đạt 100% kế hoạch "
      "vốn giao; xử lý dứt điểm 03 dự án chưa giải ngân trước ngày 30/9/2024."),
    P("3. Quản lý chi ngân sách chặt chẽ, tiết kiệm; thực hiện tiết kiệm 10% chi thường xuyên tăng thêm để tạo "
      "nguồn cải cách tiền lương."),
    _signature(["- Thường trực Huyện ủy;", "- Thường trực HĐND huyện;", "- Sở Tài chính;", "- Lưu: VT, TCKH."],
               ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Trần Quốc Bảo"]),
]


# ---------------------------------------------------------------- 6. crop season report of an agriculture office

THOAI_SON: list[Block] = [
    _masthead("ỦY BAN NHÂN DÂN HUYỆN THOẠI SƠN\nPHÒNG NÔNG NGHIỆP VÀ PTNT", "215/BC-NNPTNT",
              "Thoại Sơn, ngày 10 tháng 4 năm 2024"),
    P("BÁO CÁO", bold=True, center=True),
    P("Sơ kết sản xuất vụ Đông Xuân 2023 - 2024 và kế hoạch sản xuất vụ Hè Thu năm 2024", bold=True, center=True),
    H(1, "I. KẾT QUẢ SẢN XUẤT VỤ ĐÔNG XUÂN 2023 - 2024"),
    H(2, "1. Cây lúa"),
    P("Toàn huyện xuống giống 24.860 ha lúa, đạt 100,2% kế hoạch (24.800 ha), giảm 35 ha so với cùng kỳ. Đến "
      "ngày 31/3/2024 đã thu hoạch dứt điểm; năng suất bình quân đạt 72,4 tạ/ha, tăng 1,8 tạ/ha so với vụ Đông "
      "Xuân 2022 - 2023; sản lượng đạt 179.986 tấn, tăng 2,4% so với cùng kỳ."),
    P("Cơ cấu giống: OM 18 chiếm 38,5%; Đài Thơm 8 chiếm 31,2%; OM 5451 chiếm 22,9%; các giống khác chiếm 7,3%. "
      "Tỷ lệ sử dụng giống xác nhận đạt trên 85%."),
    P("Mô hình cánh đồng lớn được thực hiện tại 04/06 xã, thị trấn với diện tích 6.250 ha, chiếm 25,1% diện "
      "tích xuống giống; có 42/46 hợp tác xã (91,3%) tham gia liên kết tiêu thụ lúa với doanh nghiệp."),
    P("Giá lúa tươi bán tại ruộng dao động từ 6.800 - 7.500 đồng/kg, cao hơn cùng kỳ khoảng 1.000 đồng/kg; lợi "
      "nhuận bình quân 28 - 32 triệu đồng/ha."),
    H(2, "2. Cây màu"),
    P("Diện tích cây màu các loại gieo trồng 1.126 ha, đạt 93,8% kế hoạch (1.200 ha), gồm: bắp 412 ha, đậu "
      "nành 96 ha, rau các loại 618 ha."),
    P("Kết quả sản xuất các loại cây trồng chủ yếu:"),
    T([["TT", "Cây trồng", "Diện tích (ha)", "Năng suất (tạ/ha)", "Sản lượng (tấn)", "So cùng kỳ (%)"],
       ["1", "Lúa", "24.860", "72,4", "179.986", "102,4"],
       ["2", "Bắp", "412", "78,0", "3.213,6", "97,6"],
       ["3", "Đậu nành", "96", "26,5", "254,4", "88,3"],
       ["4", "Rau các loại", "618", "215", "13.287", "105,2"]]),
    H(2, "3. Tình hình dịch hại"),
    P("Diện tích lúa nhiễm rầy nâu 1.245 ha (nhiễm nhẹ 1.108 ha, nhiễm trung bình 137 ha), giảm 312 ha so với "
      "cùng kỳ; bệnh đạo ôn lá gây hại 860 ha, tỷ lệ bệnh phổ biến 5 - 10%. Các địa phương đã hướng dẫn nông "
      "dân phòng trừ kịp thời, không để lây lan trên diện rộng."),
    H(2, "4. Chăn nuôi, thú y"),
    P("Tổng đàn heo 38.560 con, tăng 4,2% so với cùng kỳ (37.006 con); đàn bò 12.418 con; đàn gia cầm khoảng "
      "1,2 triệu con. Tiêm phòng cúm gia cầm đợt 1 được 486.500 liều, đạt 97,3% kế hoạch (500.000 liều)."),
    P("Kiểm tra 20 cơ sở kinh doanh thuốc bảo vệ thực vật, phân bón; phát hiện 03 cơ sở vi phạm, chiếm 15% "
      "(3/20), xử phạt vi phạm hành chính 27,5 triệu đồng."),
    P("Giá trị sản xuất nông nghiệp quý I ước đạt 1.586,4 tỷ đồng, đạt 51,3% kế hoạch năm (3.092 tỷ đồng), "
      "tăng 3,6% so với cùng kỳ."),
    H(1, "II. KẾ HOẠCH SẢN XUẤT VỤ HÈ THU NĂM 2024"),
    P("Kế hoạch xuống giống 24.500 ha lúa Hè Thu, trong đó lúa chất lượng cao 22.670 ha, chiếm 92,5%; thời gian "
      "xuống giống tập trung từ ngày 15/4/2024 đến ngày 10/5/2024, chia làm 03 đợt theo lịch thời vụ."),
    P("Diện tích áp dụng quy trình “1 phải 5 giảm” phấn đấu đạt trên 18.000 ha (trên 73% diện tích xuống "
      "giống)."),
    P("Kế hoạch xuống giống lúa Hè Thu của các xã, thị trấn (ĐVT: ha):"),
    T([["TT", "Xã, thị trấn", "Kế hoạch xuống giống", "Lúa chất lượng cao", "Tỷ lệ (%)"],
       ["1", "Thị trấn Núi Sập", "1.820", "1.690", "92,9"],
       ["2", "Xã Vĩnh Trạch", "3.460", "3.180", "91,9"],
       ["3", "Xã Định Thành", "5.240", "4.850", "92,6"],
       ["4", "Xã Tây Phú", "4.680", "4.390", "93,8"],
       ["5", "Xã Vọng Thê", "3.960", "3.650", "92,2"],
       ["6", "Xã Óc Eo", "5.340", "4.910", "91,9"],
       ["", "Tổng cộng", "24.500", "22.670", "92,5"]]),
    H(1, "III. GIẢI PHÁP THỰC HIỆN"),
    P("1. Hướng dẫn nông dân xuống giống tập trung, né rầy theo 03 đợt: đợt 1 từ ngày 15/4 - 25/4/2024; đợt 2 "
      "từ ngày 26/4 - 03/5/2024; đợt 3 từ ngày 04/5 - 10/5/2024."),
    P("2. Phối hợp Trạm Trồng trọt và Bảo vệ thực vật theo dõi sát tình hình dịch hại, dự báo kịp thời; vận động "
      "nông dân sử dụng giống xác nhận trên 85% diện tích."),
    P("3. Khuyến khích các hợp tác xã mở rộng liên kết tiêu thụ, phấn đấu diện tích liên kết đạt khoảng 7.000 "
      "ha."),
    _signature(["- UBND huyện;", "- Sở Nông nghiệp và PTNT;", "- UBND các xã, thị trấn;", "- Lưu: VT."],
               ["TRƯỞNG PHÒNG", "", "Nguyễn Thành Nhân"]),
]


DOCS: dict[str, list[Block]] = {
    "01_yenthanh_bc_ktxh_thang9_2024": YEN_THANH,
    "02_chauthanh_bc_theodoi_nhiemvu_2024": CHAU_THANH,
    "03_tamnong_bc_yte_quy1_2025": TAM_NONG,
    "04_quangngai_tb_ketluan_gpmb_2025": QUANG_NGAI,
    "05_ductrong_bc_ngansach_6thang_2024": DUC_TRONG,
    "06_thoaison_bc_sanxuat_dongxuan_2024": THOAI_SON,
}


# ---------------------------------------------------------------- planted slips

@dataclass(frozen=True)
class Slip:
    doc: str  # key of DOCS (its number is enough: "01")
    kind: str
    family: str  # rule family expected to see it: "SO" | "NT" | "CT"
    where: str  # a piece of text naming the paragraph or table row (unique in the document)
    original: str = ""  # replaced in that paragraph/row (must occur once there)
    slipped: str = ""
    op: str = "replace"  # replace | dup (paste the paragraph/row twice) | drop (delete it)
    region: tuple[str, ...] = ()  # other paragraphs/rows a finding may point at
    col: Optional[int] = None  # in a table row: replace only in this cell

    def describe(self) -> str:
        if self.op == "replace":
            return f"{self.doc} {self.kind}: «{self.original}» → «{self.slipped}»"
        return f"{self.doc} {self.kind}: {self.op} «{self.where[:50]}»"


def _s(doc, kind, family, where, original="", slipped="", op="replace", region=(), col=None):
    return Slip(doc, kind, family, where, original, slipped, op, tuple(region), col)


SLIPS: list[Slip] = [
    # 01 — district monthly report
    _s("01", "percent_fraction", "SO", "giải ngân vốn đầu tư công đạt 86.420", "65,0%", "56,0%"),
    _s("01", "percent_plan", "SO", "gieo cấy được 8.650 ha lúa", "101,8%", "101,2%"),
    _s("01", "percent_plan", "SO", "Tổng thu ngân sách trên địa bàn đến hết", "78,4%", "87,4%"),
    _s("01", "percent_plan", "SO", "lũy kế 9 tháng 2.614", "81,7%", "87,1%"),
    _s("01", "percent_growth", "SO", "Tổng thu ngân sách trên địa bàn đến hết", "tăng 12,6%", "tăng 21,6%"),
    _s("01", "percent_share", "SO", "rà soát hộ nghèo, hộ cận nghèo", "chiếm 3,21%", "chiếm 3,12%"),
    _s("01", "percent_sum", "SO", "rà soát hộ nghèo, hộ cận nghèo", "là 7,73%", "là 7,83%"),
    _s("01", "sum_part", "SO", "Tổng thu ngân sách trên địa bàn đến hết", "8.940 triệu", "9.840 triệu"),
    _s("01", "sum_total", "SO", "Năm học 2024 - 2025, toàn huyện", "61.450 học sinh", "61.540 học sinh"),
    _s("01", "sum_part", "SO", "Năm học 2024 - 2025, toàn huyện", "tiểu học 23.170 em", "tiểu học 23.710 em"),
    _s("01", "sum_bullets", "SO", "Vốn ngân sách huyện:", "61.350", "61.530",
       region=("Kế hoạch vốn đầu tư công năm 2024",)),
    _s("01", "sum_bullets", "SO", "Kế hoạch vốn đầu tư công năm 2024", "132.950", "123.950"),
    _s("01", "count_list", "SO", "05 xã đạt chuẩn nông thôn mới nâng cao", "05 xã", "06 xã"),
    _s("01", "count_list", "SO", "05 xã đạt chuẩn nông thôn mới nâng cao", "Đô Thành, Công Thành", "Đô Thành"),
    _s("01", "count_bullets", "SO", "khởi công 04 công trình", "04 công trình", "05 công trình"),
    _s("01", "count_bullets", "SO", "Đường nội đồng xã Phúc Thành", op="drop", region=("khởi công 04 công trình",)),
    _s("01", "complement", "SO", "35/39 xã, thị trấn đã tiêm xong", "còn 04 xã", "còn 03 xã"),
    _s("01", "area_yield_output", "SO", "sản lượng ước đạt 37.380 tấn", "37.380 tấn", "37.830 tấn"),
    _s("01", "area_yield_output", "SO", "Cây lạc vụ Hè Thu", "24,5 tạ/ha", "25,4 tạ/ha"),
    _s("01", "table_rate", "SO", "Giải quyết việc làm mới\t", "81,7", "87,1"),
    _s("01", "table_rate", "SO", "Sản lượng lương thực có hạt", "88,0", "80,8"),
    _s("01", "table_total", "SO", "Bộ phận Một cửa các xã", "3.815", "3.851", region=("Tổng cộng",)),
    _s("01", "table_total", "SO", "Tổng cộng", "5.596", "5.569"),
    _s("01", "commemoration_day", "NT", "Cách mạng Tháng Tám thành công", "(19/8/1945", "(19/9/1945"),
    _s("01", "anniversary_count", "NT", "Cách mạng Tháng Tám thành công", "79 năm", "78 năm"),
    _s("01", "term_length", "NT", "Năm học 2024 - 2025, toàn huyện", "2024 - 2025", "2024 - 2026"),
    _s("01", "reversed_range", "NT", "đảng bộ cơ sở nhiệm kỳ", "2025 - 2030", "2030 - 2025"),
    _s("01", "next_period_heading", "NT", "II. NHIỆM VỤ TRỌNG TÂM THÁNG 10", "THÁNG 10", "THÁNG 11"),
    _s("01", "past_deadline_as_future", "NT", "Chỉ đạo thu hoạch dứt điểm", "05/10/2024", "05/8/2024"),
    _s("01", "impossible_date", "NT", "Đến ngày 20/9/2024", "20/9/2024", "31/9/2024"),
    _s("01", "numbering_heading", "CT", "5. Quốc phòng - an ninh", "5.", "6."),
    _s("01", "numbering_heading", "CT", "3. Tài chính, ngân sách", "3.", "2."),
    _s("01", "numbering_tt", "CT", "Tỷ lệ hộ nghèo đa chiều", "8", "9", col=0),
    _s("01", "numbering_list", "CT", "4. Chuẩn bị tốt các điều kiện", "4.", "3."),
    # 02 — follow-up table
    _s("02", "duplicate_table_row", "CT", "Bồi dưỡng hè cho giáo viên", op="dup"),
    _s("02", "duplicate_table_row", "CT", "Kiểm tra, xử lý khai thác cát", op="dup"),
    _s("02", "duplicate_table_row", "CT", "Bồi dưỡng hè cho giáo viên", "3", "4", op="dup", col=0),
    _s("01", "duplicate_table_row", "CT", "Xuất khẩu lao động\t", "7", "8", op="dup", col=0),
    _s("02", "unfinished_no_cause", "CT", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
       "Còn 54 hồ sơ có tranh chấp ranh giới, đang phối hợp UBND các xã hòa giải", ""),
    _s("02", "unfinished_no_cause", "CT", "Lập kế hoạch sử dụng đất năm 2025",
       "Chưa có chỉ tiêu sử dụng đất do UBND tỉnh phân bổ", ""),
    _s("02", "percent_fraction", "SO", "Giải ngân đến ngày 30/6/2024", "47,3%", "43,7%"),
    _s("02", "percent_fraction", "SO", "Đã cấp 186/240", "77,5%", "75,5%"),
    _s("02", "complement", "SO", "Đã cấp 186/240", "Còn 54 hồ sơ", "Còn 45 hồ sơ"),
    _s("02", "complement", "SO", "13/15 xã, thị trấn đã hoàn thành", "13/15", "12/15"),
    _s("02", "count_list", "SO", "03/04 trường", "Trường Tiểu học An Bình, ", ""),
    _s("02", "sum_done_pending", "SO", "Đã rà soát 42 cơ sở", "còn 07 cơ sở", "còn 08 cơ sở"),
    _s("02", "sum_done_pending", "SO", "Trong 12 nhiệm vụ được giao", "đang thực hiện 07", "đang thực hiện 08"),
    _s("02", "percent_share", "SO", "Trong 12 nhiệm vụ được giao", "(chiếm 41,7%)", "(chiếm 47,1%)"),
    _s("02", "numbering_tt", "CT", "Bồi dưỡng hè cho giáo viên", "3", "4", col=0),
    _s("02", "numbering_tt", "CT", "Rà soát, xây dựng phương án xử lý", "3", "2", col=0),
    _s("02", "numbering_tt", "CT", "V\tUBND các xã", "V", "VI", col=0),
    _s("02", "numbering_heading", "CT", "III. KIẾN NGHỊ", "III.", "IV."),
    _s("02", "commemoration_day", "NT", "70 năm Chiến thắng Điện Biên Phủ", "(07/5/1954", "(07/6/1954"),
    _s("02", "anniversary_count", "NT", "70 năm Chiến thắng Điện Biên Phủ", "70 năm", "69 năm"),
    _s("02", "ref_two_dates", "NT", "Thực hiện Thông báo số 45/TB-UBND", "ngày 12/3/2024", "ngày 21/3/2024"),
    _s("02", "ref_after_signing", "NT", "Quyết định số 1125/QĐ-UBND", "05/4/2024", "05/8/2024"),
    _s("02", "term_length", "NT", "Chuẩn bị cơ sở vật chất cho năm học", "2024 - 2025", "2024 - 2026"),
    # 03 — quarterly report of a health centre
    _s("03", "percent_growth", "SO", "khám bệnh cho 48.620 lượt người", "tăng 6,8%", "tăng 8,6%"),
    _s("03", "percent_growth", "SO", "tay chân miệng là 64 ca", "giảm 20%", "giảm 25%"),
    _s("03", "percent_share", "SO", "khám bệnh cho 48.620 lượt người", "chiếm 84,8%", "chiếm 88,4%"),
    _s("03", "percent_share", "SO", "khám bệnh cho 48.620 lượt người", "chiếm 15,0%", "chiếm 16,0%"),
    _s("03", "percent_share", "SO", "đã kiểm tra 126 cơ sở", "chiếm 88,9%", "chiếm 89,9%"),
    _s("03", "percent_fraction", "SO", "412/436 trẻ", "đạt 94,5%", "đạt 95,4%"),
    _s("03", "rate_outside_parts", "SO", "412/436 trẻ", "đạt 96,2%", "đạt 92,6%"),
    _s("03", "sum_part", "SO", "sốt xuất huyết ghi nhận", "Phú Đức 9 ca", "Phú Đức 6 ca"),
    _s("03", "sum_total", "SO", "sốt xuất huyết ghi nhận", "là 37 ca", "là 39 ca"),
    _s("03", "sum_part", "SO", "Số trẻ sinh ra trong quý", "153 trẻ trai", "163 trẻ trai"),
    _s("03", "sum_part", "SO", "đã kiểm tra 126 cơ sở", "14 cơ sở vi phạm", "41 cơ sở vi phạm"),
    _s("03", "table_rate", "SO", "Xã Phú Đức", "94,8", "98,4"),
    _s("03", "table_total", "SO", "Toàn huyện", "412", "421"),
    _s("03", "table_total", "SO", "Xã Tân Công Sính\t", "71", "17", region=("Toàn huyện",)),
    _s("03", "count_bullets", "SO", "Trong quý có 03 xã", "03 xã", "04 xã"),
    _s("03", "count_bullets", "SO", "Xã Phú Thọ;", op="drop", region=("Trong quý có 03 xã",)),
    _s("03", "count_list", "SO", "02 xã còn lại", "02 xã", "03 xã"),
    _s("03", "can_chi_year", "NT", "Tết Nguyên đán Ất Tỵ", "Ất Tỵ", "Giáp Thìn"),
    _s("03", "commemoration_day", "NT", "70 năm Ngày Thầy thuốc", "27/02/2025", "28/02/2025"),
    _s("03", "anniversary_count", "NT", "70 năm Ngày Thầy thuốc", "70 năm", "71 năm"),
    _s("03", "date_range_reversed", "NT", "Tháng hành động vì an toàn thực phẩm", "đến ngày 15/5/2025",
       "đến ngày 15/3/2025"),
    _s("03", "impossible_date", "NT", "chiến dịch diệt lăng quăng", "30/5/2025", "31/4/2025"),
    _s("03", "next_period_heading", "NT", "II. NHIỆM VỤ TRỌNG TÂM QUÝ II", "QUÝ II", "QUÝ III"),
    _s("03", "past_deadline_as_future", "NT", "chiến dịch diệt lăng quăng", "30/5/2025", "30/5/2024"),
    _s("03", "duplicate_paragraph", "CT", "Công tác bảo đảm an toàn thực phẩm", op="dup"),
    _s("03", "numbering_heading", "CT", "3. Công tác dân số", "3.", "4."),
    _s("03", "numbering_list", "CT", "4. Chuẩn bị các điều kiện", "4.", "5."),
    _s("03", "numbering_tt", "CT", "Xã Phú Thành A\t", "6", "7", col=0),
    # 04 — meeting conclusion
    _s("04", "weekday", "NT", "Thực hiện Văn bản số 1875", "(thứ Sáu)", "(thứ Bảy)"),
    _s("04", "count_list", "SO", "Dự án đi qua địa bàn 05 xã", "05 xã, phường", "06 xã, phường"),
    _s("04", "count_list", "SO", "Dự án đi qua địa bàn 05 xã", "xã Phổ Khánh, ", ""),
    _s("04", "percent_share", "SO", "Tổng diện tích cần thu hồi", "đạt 89,7%", "đạt 98,7%"),
    _s("04", "complement", "SO", "Tổng diện tích cần thu hồi", "còn lại 16,7 ha", "còn lại 17,6 ha"),
    _s("04", "percent_fraction", "SO", "1.187/1.254 hộ", "đạt 94,7%", "đạt 97,4%"),
    _s("04", "complement", "SO", "1.187/1.254 hộ", "còn 67 hộ", "còn 76 hộ"),
    _s("04", "percent_fraction", "SO", "486,2/512,8 tỷ đồng", "94,8%", "84,8%"),
    _s("04", "sum_part", "SO", "Tổng số mộ phải di dời", "Phổ Châu 97 mộ", "Phổ Châu 79 mộ"),
    _s("04", "percent_share", "SO", "Tổng số mộ phải di dời", "đạt 77,0%", "đạt 70,7%"),
    _s("04", "complement", "SO", "Hoàn thành di dời 75 mộ", "75 mộ", "57 mộ", region=("Tổng số mộ phải di dời",)),
    _s("04", "ref_two_dates", "NT", "tiếp tục thực hiện nghiêm các nội dung", "ngày 03/4/2025", "ngày 08/4/2025"),
    _s("04", "ref_after_signing", "NT", "Thực hiện Văn bản số 1875", "09/5/2025", "29/5/2025"),
    _s("04", "past_deadline_as_future", "NT", "Tập trung vận động 04 hộ", "30/6/2025", "30/4/2025"),
    _s("04", "past_deadline_as_future", "NT", "b) Sở Nông nghiệp và Môi trường", "10/6/2025", "10/5/2025"),
    _s("04", "numbering_list", "CT", "d) Ban Quản lý dự án", "d)", "c)"),
    _s("04", "numbering_heading", "CT", "II. KẾT LUẬN VÀ CHỈ ĐẠO", "II.", "III."),
    _s("04", "term_length", "NT", "HĐND tỉnh khóa XIII", "2021 - 2026", "2021 - 2025"),
    _s("04", "reversed_range", "NT", "HĐND tỉnh khóa XIII", "2021 - 2026", "2026 - 2021"),
    _s("04", "impossible_date", "NT", "Khu tái định cư Đức Minh, phấn đấu", "31/7/2025", "31/6/2025"),
    _s("04", "duplicate_paragraph", "CT", "Tập trung vận động 04 hộ", op="dup"),    # 05 — budget execution report (triệu đồng, nghìn đồng, tỷ đồng; a table with A/B total rows
    # and "Trong đó" sub-rows; a table by commune with a "Tổng cộng" row)
    _s("05", "percent_plan", "SO", "Tổng thu ngân sách nhà nước trên địa bàn 6", "đạt 52,1%", "đạt 51,2%"),
    _s("05", "percent_growth", "SO", "Tổng thu ngân sách nhà nước trên địa bàn 6", "tăng 7,7%", "tăng 7,1%"),
    _s("05", "growth_as_ratio", "SO", "Tổng thu ngân sách nhà nước trên địa bàn 6", "tăng 7,7%", "tăng 107,7%"),
    _s("05", "percent_share", "SO", "Tổng thu ngân sách nhà nước trên địa bàn 6", "chiếm 59,7%", "chiếm 57,9%"),
    _s("05", "prose_total", "SO", "Tổng thu ngân sách nhà nước trên địa bàn 6", "ước thực hiện 312.456,8",
       "ước thực hiện 321.456,8"),
    _s("05", "percent_plan", "SO", "riêng thuế công thương nghiệp", "46,3%", "43,6%"),
    _s("05", "average_per_unit", "SO", "đấu giá 38 lô đất", "khoảng 1,2 tỷ", "khoảng 2,1 tỷ"),
    _s("05", "count_list", "SO", "Có 02/05 xã, thị trấn", "Hiệp An, Ninh Gia, Tà Năng", "Hiệp An, Tà Năng"),
    _s("05", "complement", "SO", "Có 02/05 xã, thị trấn", "03 xã đạt dưới", "04 xã đạt dưới"),
    _s("05", "table_rate", "SO", "Xã Ninh Gia", "44,0", "40,4"),
    _s("05", "table_total", "SO", "Xã Hiệp Thạnh", "907,2", "970,2", region=("Tổng cộng",)),
    _s("05", "table_total", "SO", "Tổng cộng", "9.590", "9.950"),
    _s("05", "percent_plan", "SO", "Tổng chi ngân sách địa phương 6", "đạt 48,6%", "đạt 46,8%"),
    _s("05", "percent_growth", "SO", "Tổng chi ngân sách địa phương 6", "tăng 9,4%", "tăng 4,9%"),
    _s("05", "sum_bullets", "SO", "- Chi thường xuyên 338.652", "338.652", "338.562",
       region=("Tổng chi ngân sách địa phương 6",)),
    _s("05", "percent_plan", "SO", "Chi từ nguồn dự phòng", "26,7%", "27,6%"),
    _s("05", "share_of_earlier_total", "SO", "Trong chi thường xuyên, chi sự nghiệp", "chiếm 55,0%", "chiếm 50,5%"),
    _s("05", "average_per_unit", "SO", "hỗ trợ 126 hộ bị thiệt hại", "126 hộ", "162 hộ"),
    _s("05", "unit_scale", "SO", "hỗ trợ 126 hộ bị thiệt hại", "1.234,5 triệu đồng", "1.234,5 nghìn đồng"),
    _s("05", "percent_fraction", "SO", "98.562,4/245.600", "40,1%", "41,0%"),
    _s("05", "percent_before_fraction", "SO", "Trong 20 dự án được giao", "15 % (3/20)", "15 % (4/20)"),
    _s("05", "sum_done_pending", "SO", "Trong 20 dự án được giao", "có 17 dự án", "có 16 dự án"),
    _s("05", "table_rate", "SO", "Thu khác ngân sách\t", "63,2", "62,3"),
    _s("05", "table_total", "SO", "Thu tiền sử dụng đất\t", "186.420", "168.420", region=("TỔNG THU NSNN",)),
    _s("05", "table_total", "SO", "Chi thường xuyên\t", "634.200", "643.200", region=("TỔNG CHI NGÂN SÁCH",)),
    _s("05", "table_rate", "SO", "Chi quản lý hành chính, Đảng, đoàn thể\t", "52,2", "55,2"),
    _s("05", "number_format", "SO", "Tổng thu ngân sách nhà nước trên địa bàn 6", "27.800,3 triệu", "27,800.3 triệu"),
    _s("05", "count_bullets", "SO", "Chi từ nguồn dự phòng", op="drop", region=("Tổng chi ngân sách địa phương 6",)),
    # 06 — crop season report (ha × tạ/ha = tấn in prose and in a table, shares summing to 99,9 %,
    # "04/06 xã", "42/46 hợp tác xã (91,3%)", "15% (3/20)", value ranges, a plan table with "Tổng cộng")
    _s("06", "percent_plan", "SO", "Toàn huyện xuống giống 24.860 ha", "100,2%", "102,2%"),
    _s("06", "area_yield_output", "SO", "Toàn huyện xuống giống 24.860 ha", "179.986 tấn", "197.986 tấn"),
    _s("06", "shares_sum", "SO", "Cơ cấu giống:", "Đài Thơm 8 chiếm 31,2%", "Đài Thơm 8 chiếm 32,1%"),
    _s("06", "percent_fraction", "SO", "42/46 hợp tác xã", "(91,3%)", "(93,1%)"),
    _s("06", "share_of_earlier_total", "SO", "Mô hình cánh đồng lớn", "chiếm 25,1%", "chiếm 21,5%"),
    _s("06", "reversed_value_range", "SO", "Giá lúa tươi bán tại ruộng", "6.800 - 7.500", "7.500 - 6.800"),
    _s("06", "percent_plan", "SO", "Diện tích cây màu các loại", "93,8%", "98,3%"),
    _s("06", "sum_part", "SO", "Diện tích cây màu các loại", "rau các loại 618 ha", "rau các loại 681 ha"),
    _s("06", "table_yield_output", "SO", "Đậu nành\t", "254,4", "245,4"),
    _s("06", "table_yield_output", "SO", "Bắp\t", "78,0", "87,0"),
    _s("06", "sum_part", "SO", "Diện tích lúa nhiễm rầy nâu", "nhiễm trung bình 137 ha", "nhiễm trung bình 173 ha"),
    _s("06", "percent_growth", "SO", "Tổng đàn heo 38.560 con", "tăng 4,2%", "tăng 2,4%"),
    _s("06", "growth_direction", "SO", "Tổng đàn heo 38.560 con", "tăng 4,2%", "giảm 4,2%"),
    _s("06", "percent_plan", "SO", "Tiêm phòng cúm gia cầm", "97,3%", "93,7%"),
    _s("06", "percent_before_fraction", "SO", "Kiểm tra 20 cơ sở kinh doanh", "chiếm 15%", "chiếm 20%"),
    _s("06", "percent_plan", "SO", "Giá trị sản xuất nông nghiệp quý I", "51,3%", "53,1%"),
    _s("06", "percent_share", "SO", "Kế hoạch xuống giống 24.500 ha", "chiếm 92,5%", "chiếm 95,2%"),
    _s("06", "percent_bound", "SO", "Diện tích áp dụng quy trình", "trên 73%", "trên 83%"),
    _s("06", "table_rate", "SO", "Xã Óc Eo", "91,9", "99,1"),
    _s("06", "table_total", "SO", "Xã Vọng Thê", "3.960", "3.690", region=("Tổng cộng",)),
    _s("06", "table_total", "SO", "Tổng cộng", "22.670", "22.760"),
    _s("06", "count_list", "SO", "né rầy theo 03 đợt", "03 đợt", "04 đợt"),
]


# ---------------------------------------------------------------- writing the documents

def _cells(row: list[Cell], width: int) -> list[str]:
    out: list[str] = []
    for cell in row:
        out.append(cell.text if isinstance(cell, Merge) else cell)
    return out


def render_txt(blocks: list[Block]) -> str:
    """One line per paragraph; a table row is one line of TAB-separated cells (a cell's paragraphs
    joined by a space, a merged cell written once), as Word gives when a table is copied as text."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, H):
            lines.append(block.text)
        elif isinstance(block, P):
            lines.append(("- " + block.text) if block.style == "List Bullet" else block.text)
        else:
            width = max(len(r) for r in block.rows)
            for row in block.rows:
                lines.append("\t".join(" ".join(p for p in c.split("\n") if p) for c in _cells(row, width)))
            lines.append("")  # Word puts a paragraph after a table; a blank line ends the table
    return "\n".join(lines) + "\n"


def render_docx(blocks: list[Block], out: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    core = d.core_properties  # fixed metadata: the file changes only when the text does
    core.author = "rasoat"
    core.last_modified_by = "rasoat"
    import datetime as _dt
    core.created = core.modified = _dt.datetime(2025, 1, 1)
    for block in blocks:
        if isinstance(block, H):
            d.add_heading(block.text, level=block.level)
        elif isinstance(block, P):
            para = d.add_paragraph(style=block.style or None)
            run = para.add_run(block.text)
            run.bold = block.bold or None
            if block.center:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            width = max(len(r) for r in block.rows)
            table = d.add_table(rows=len(block.rows), cols=width)
            if block.grid:
                table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                cells = table.rows[r].cells
                for c, cell in enumerate(row):
                    target = cells[c]
                    if isinstance(cell, Merge):
                        target = cells[c].merge(cells[width - 1])
                        text = cell.text
                    else:
                        text = cell
                    parts = text.split("\n")
                    target.paragraphs[0].text = parts[0]
                    for part in parts[1:]:
                        target.add_paragraph(part)
                    if r < block.header or isinstance(cell, Merge):
                        for run in target.paragraphs[0].runs:
                            run.bold = True
                if r < block.header:
                    tr_pr = table.rows[r]._tr.get_or_add_trPr()
                    flag = OxmlElement("w:tblHeader")
                    flag.set(qn("w:val"), "true")
                    tr_pr.append(flag)
    d.save(out)
    _fix_zip_times(out)


def _fix_zip_times(path: Path) -> None:
    """Zip entries with a fixed time: rebuilding an unchanged document gives the same bytes."""
    import zipfile
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            zout.writestr(fixed, data)


def build(out_dir: Path = OUT) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, blocks in DOCS.items():
        txt = out_dir / f"{name}.txt"
        txt.write_text(render_txt(blocks), encoding="utf-8")
        render_docx(blocks, out_dir / f"{name}.docx")
        written += [txt, out_dir / f"{name}.docx"]
    return written


# ---------------------------------------------------------------- planting a slip in a read document

def doc_name(key: str) -> str:
    return next(n for n in DOCS if n.startswith(key))


def _row_text(row) -> str:
    return "\t".join(cell.text for cell in row.cells)


def _places(document):
    """(block index, row index or None, text) of every paragraph and table row, in order."""
    from checker.model import Paragraph
    for b, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            yield b, None, block.full_text
        else:
            for r, row in enumerate(block.rows):
                yield b, r, _row_text(row)


def _find(document, anchor: str) -> tuple[int, Optional[int]]:
    hits = [(b, r) for b, r, text in _places(document) if anchor in text]
    if len(hits) != 1:
        raise ValueError(f"«{anchor}» names {len(hits)} places, not one")
    return hits[0]


def plant(document, slip: Slip):
    """A copy of ``document`` (checker.model.Document) with ``slip`` made."""
    from checker.model import Document, Paragraph
    doc = Document(path=document.path, blocks=[b.model_copy(deep=True) for b in document.blocks])
    b, r = _find(doc, slip.where)
    block = doc.blocks[b]
    if slip.op == "dup":  # pasted twice; ``original`` → ``slipped`` in the copy (a renumbered TT)
        if r is None:
            doc.blocks.insert(b + 1, block.model_copy(deep=True))
        else:
            block.rows.insert(r + 1, block.rows[r].model_copy(deep=True))
        if slip.original:
            copy = doc.blocks[b + 1] if r is None else block.rows[r + 1]
            paras = [copy] if r is None else [
                p for c in copy.cells if slip.col is None or c.col == slip.col for p in c.paragraphs]
            target = next(p for p in paras if slip.original in p.text)
            target.text = target.text.replace(slip.original, slip.slipped, 1)
    elif slip.op == "drop":
        if r is None:
            del doc.blocks[b]
        else:
            del block.rows[r]
    else:
        paras = [block] if isinstance(block, Paragraph) else [
            p for c in block.rows[r].cells if slip.col is None or c.col == slip.col for p in c.paragraphs]
        found = [p for p in paras if slip.original in p.text]
        count = sum(p.text.count(slip.original) for p in found)
        if count != 1:
            raise ValueError(f"{slip.describe()}: «{slip.original}» occurs {count} times in its place")
        found[0].text = found[0].text.replace(slip.original, slip.slipped)
    doc._units = None
    return doc


# ---------------------------------------------------------------- measuring

@dataclass
class Outcome:
    slip: Slip
    fmt: str
    detected: bool
    by_family: bool
    hits: list = field(default_factory=list)
    alarms: list = field(default_factory=list)


def _key(f) -> tuple:
    return (f.rule, " ".join(f.excerpt.split()))


def _place_text(document, loc) -> str:
    from checker.model import Paragraph
    if loc is None or loc.block >= len(document.blocks):
        return ""
    block = document.blocks[loc.block]
    if isinstance(block, Paragraph):
        return block.full_text
    if loc.row is None or loc.row >= len(block.rows):
        return ""
    return _row_text(block.rows[loc.row])


def evaluate(document, slip: Slip, rules, baseline: list, fmt: str = "") -> Outcome:
    from checker.api import check_document
    mutated = plant(document, slip)
    found = check_document(mutated, rules)
    left = Counter(_key(f) for f in baseline)
    new = []
    for f in found:
        k = _key(f)
        if left[k] > 0:
            left[k] -= 1
        else:
            new.append(f)
    anchors = [slip.where, *slip.region]
    if slip.op == "replace" and slip.slipped:
        anchors.append(slip.slipped)

    def on_slip(f) -> bool:
        for loc in (f.location, f.related):
            text = _place_text(mutated, loc)
            if text and any(a in text for a in anchors if a):
                return True
        return False

    hits = [f for f in new if on_slip(f)]
    alarms = [f for f in new if f not in hits]
    return Outcome(slip, fmt, bool(hits), any(f.rule.startswith(slip.family) for f in hits), hits, alarms)


def read(name: str, fmt: str, folder: Path = OUT):
    from checker.readers import read_document
    return read_document(folder / f"{name}.{fmt}")


def measure(rules, slips: list[Slip] = SLIPS, formats=("docx", "txt"), folder: Path = OUT) -> list[Outcome]:
    from checker.api import check_document
    outcomes = []
    by_doc = defaultdict(list)
    for s in slips:
        by_doc[doc_name(s.doc)].append(s)
    for name, doc_slips in by_doc.items():
        for fmt in formats:
            document = read(name, fmt, folder)
            baseline = check_document(document, rules)
            for s in doc_slips:
                outcomes.append(evaluate(document, s, rules, baseline, fmt))
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    rows: dict[str, dict[str, list[Outcome]]] = defaultdict(lambda: defaultdict(list))
    for o in outcomes:
        rows[o.slip.kind][o.fmt].append(o)
    fmts = sorted({o.fmt for o in outcomes})
    head = "| kind | family | " + " | ".join(f".{f}" for f in fmts) + " | false alarms |"
    out = [head, "| --- | --- | " + " | ".join("---:" for _ in fmts) + " | ---: |"]
    tot = {f: [0, 0] for f in fmts}
    alarms_total = 0
    for kind in sorted(rows, key=lambda k: (next(iter(rows[k].values()))[0].slip.family, k)):
        cells = []
        alarms = 0
        for f in fmts:
            os_ = rows[kind][f]
            n, d = len(os_), sum(o.detected for o in os_)
            tot[f][0] += n
            tot[f][1] += d
            alarms += sum(len(o.alarms) for o in os_)
            cells.append(f"{d}/{n}")
        alarms_total += alarms
        fam = next(iter(rows[kind].values()))[0].slip.family
        out.append(f"| {kind} | {fam} | " + " | ".join(cells) + f" | {alarms} |")
    out.append("| **all** | | " + " | ".join(
        f"**{tot[f][1]}/{tot[f][0]} ({tot[f][1] / max(1, tot[f][0]):.0%})**" for f in fmts) + f" | {alarms_total} |")
    return "\n".join(out)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--measure", action="store_true", help="recall of the planted slips")
    ap.add_argument("--clean", action="store_true", help="findings on the correct documents")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--show-alarms", action="store_true")
    ap.add_argument("--kinds", default="")
    ap.add_argument("--docs", default="", help="comma-separated document numbers (01,02…)")
    ap.add_argument("--formats", default="docx,txt")
    args = ap.parse_args(argv)
    if not (args.measure or args.clean):
        for path in build():
            print(path.relative_to(ROOT))
        return 0
    from checker.api import check_document
    from checker.ruleset import load_rules
    rules = load_rules()
    formats = tuple(f for f in args.formats.split(",") if f)
    if args.clean:
        for name in DOCS:
            for fmt in formats:
                for f in check_document(read(name, fmt), rules):
                    print(f"{name}.{fmt}: {f.rule} {f.location.label}: «{f.excerpt[:60]}» {f.message[:140]}")
        return 0
    kinds = {k for k in args.kinds.split(",") if k}
    docs = {d for d in args.docs.split(",") if d}
    slips = [s for s in SLIPS if (not kinds or s.kind in kinds) and (not docs or s.doc in docs)]
    outcomes = measure(rules, slips, formats)
    for o in outcomes:
        if (args.show_misses and not o.detected) or (args.show_alarms and o.alarms):
            print(f"{'MISS ' if not o.detected else 'ALARM'} .{o.fmt} {o.slip.describe()}")
            for f in o.alarms:
                print(f"      false alarm {f.rule} {f.location.label}: «{f.excerpt[:60]}» {f.message[:140]}")
    print(table(outcomes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
