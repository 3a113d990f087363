"""Vietnamese language rules (NN) on real sentences from the seed reports and the corpus."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from checker import lexicon
from checker.api import check_file, check_text
from checker.checks.language_ortho import is_valid, restyle, tone_style
from checker.context import Settings
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"
SEED_000 = SEEDS / "000_c03d6b0ecd1a4636.txt"
SEED_001 = SEEDS / "001_f132eb425b58aa76.txt"

RULES = {r.id: r for r in load_rules()}
NN = [r for r in RULES.values() if r.id.startswith("NN")]

needs_seeds = pytest.mark.skipif(not SEED_000.exists(), reason="seed reports not present")
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")


def found(text, *rule_ids, settings=None):
    rules = [RULES[r] for r in rule_ids] if rule_ids else NN
    return [(f.rule, f.excerpt) for f in check_text(text, rules, settings)]


def findings(text, rule_id, settings=None):
    return check_text(text, [RULES[rule_id]], settings)


# --- orthography model ----------------------------------------------------------------

@pytest.mark.parametrize("syllable", [
    "huyện", "hoà", "hòa", "thuỷ", "thủy", "quý", "quỳnh", "giữa", "gì", "người", "khuỷu",
    "ngoài", "tuổi", "nghiêng", "quyết", "thuở", "xoong", "kỹ", "kĩ", "yêu", "khoẻ", "khỏe",
])
def test_well_formed_syllables(syllable):
    assert is_valid(syllable)


@pytest.mark.parametrize("syllable", [
    "đoeẻ",   # impossible rime
    "tttài",  # tripled onset
    "viêttel",  # doubled coda
    "huện",   # no rime "uên"
    "tềt",    # stop coda with huyền tone
    "ngiên",  # "ngh" required before i
    "kan",    # "c" required before a
    "hòan",   # tone on the wrong vowel of a closed syllable
])
def test_malformed_syllables(syllable):
    assert not is_valid(syllable)


def test_tone_style_and_restyle():
    assert tone_style("hoà") == "new" and tone_style("hòa") == "old"
    assert tone_style("thuỷ") == "new" and tone_style("thủy") == "old"
    assert tone_style("quý") is None and tone_style("hoàn") is None and tone_style("hoa") is None
    assert restyle("thuỷ", "old") == "thủy" and restyle("Hòa", "new") == "Hoà"


def test_word_list_loads_once_and_knows_both_tone_placements():
    lexicon.words()
    lexicon.words()
    assert lexicon.words.cache_info().misses == 1
    assert lexicon.known_word("số", "hóa") and lexicon.known_word("số", "hoá")
    assert lexicon.known_word("truy", "vết")  # rules/data/language_words.yaml
    assert "huyện" in lexicon.one_edit_syllables("huện")


# --- NN001 repeated words ------------------------------------------------------------

def test_repeated_words_in_seeds_and_legitimate_sequences():
    assert found("kịp thời hỗ trợ hỗ trợ nhân dân sớm ổn định cuộc sống", "NN001") == [("NN001", "hỗ trợ hỗ trợ")]
    assert found("ban hành Nghị định số 77/2025/NĐ-CP ngày 01/4/2025 chính chính phủ.", "NN001") == [
        ("NN001", "chính chính")]
    for text in ("xử phạt 04 vụ về hành vi vi phạm quy định về nhãn hàng hóa",
                 "Ngày ngày người dân vẫn lên nương", "thường thường mỗi tháng họp một lần",
                 "để từng người dân, từng gia đình, từng cơ quan tham gia"):
        assert found(text, "NN001") == []


# --- NN002 syllables --------------------------------------------------------------------

@needs_seeds
def test_seed_broken_syllables():
    got = {(f.excerpt, f.suggestion) for f in check_file(SEED_000, [RULES["NN002"]]).findings}
    excerpts = {e for e, _ in got}
    assert {"huện", "đoeẻ", "niện", "cở", "đợn"} <= excerpts
    sugg = dict(got)
    assert sugg["huện"].startswith("Có thể là: huyện")
    assert sugg["niện"].startswith("Có thể là: niệm")  # "kỷ niệm" beats "kỷ điện"
    assert sugg["cở"].startswith("Có thể là: cơ")
    got1 = {f.excerpt for f in check_file(SEED_001, [RULES["NN002"]]).findings}
    assert got1 == {"Viêttel", "tttài"}


def test_abbreviations_names_codes_and_loan_words_pass():
    text = ("Sau khi thiên tai xảy ra BCH PCTT&TKCN huyện đã chỉ đạo; Phối hợp TTDVNN tham mưu kế hoạch "
            "phòng, chống bệnh VDNC; xây dựng sản phẩm OCOP; BQL rừng phòng hộ; Xã Đắk Sắk; Xã Đạ Tẻh 3; "
            "dự án KM1, trường TH&THCS số 1; phát triển logistics, fanpage; csdl.moet.gov.vn; covid-19")
    assert found(text, "NN002") == []


def test_allowed_words_setting_silences_a_word():
    text = "Viễn thông Viêttel: 1.450 thuê bao"
    assert found(text, "NN002") == [("NN002", "Viêttel")]
    assert found(text, "NN002", settings=Settings(allowed_words=["Viêttel"])) == []


def test_font_artefact_letters_get_a_vietnamese_suggestion():
    f = findings("tích hợp dữ liệu các khu, điểm du lịch cǜ và mới sau sáp nhập", "NN002")
    assert [x.excerpt for x in f] == ["cǜ"] and f[0].suggestion
    f = findings("chú trọng đào tạo đội ngǜ giảng viên", "NN002")
    assert f[0].suggestion.startswith("Có thể là: ngũ")


# --- NN003 confusions -------------------------------------------------------------------

@needs_seeds
def test_seed_confusions():
    got = {(f.excerpt, f.suggestion) for f in check_file(SEED_000, [RULES["NN003"]]).findings}
    assert got == {("vơi", "với"), ("cảnh bảo", "cảnh báo"), ("kế cả", "kể cả"), ("hoàng thành", "hoàn thành"),
                   ("phong chống", "phòng chống"), ("truy vế", "truy vết")}
    got1 = {(f.excerpt, f.suggestion) for f in check_file(SEED_001, [RULES["NN003"]]).findings}
    assert got1 == {("cập nhập", "cập nhật")}


@pytest.mark.parametrize("text", [
    "Tham quan Hoàng thành Thăng Long",
    "tổng số gia súc chết rét là 39 con (11 con trâu, 23 con nghé, 01 con bò, 04 con bê)",
    "quản lý học sinh, sinh viên, không để mắc vào tệ nạn ma túy",
    "Các sở, ban, ngành thuộc tỉnh; UBND các xã, phường, đặc khu",
    "Nguồn vốn thu từ tiền sử dụng đất 12.910 triệu đồng",
    "Thủ tướng đánh giá cao sự nỗ lực và những kết quả nổi bật",
    "Số người làm việc tại hội do hội tự hợp đồng: 24 người.",
    "phát triển nguồn nhân lực về nông nghiệp số tại các cơ sở đào tạo",
])
def test_confusions_stay_quiet_on_correct_sentences(text):
    assert found(text, "NN003") == []


def test_confusion_guards_are_narrow():
    # "đàn ong" (bees) and "khoảng 2.900" (about) are meant; without a number after it the
    # approximator is still a possible slip
    assert found("Tổng đàn ong là 867 đàn; đàn bò 970 con.", "NN003") == []
    assert found("Vốn nhà nước khoảng 2.900 tỷ đồng, vốn FDI gần 664 tỷ đồng.", "NN003") == []
    assert found("Mua nước khoảng cho hội nghị.", "NN003") == [("NN003", "nước khoảng")]


# --- NN004 - NN007 Unicode ------------------------------------------------------------

@needs_seeds
def test_seed_decomposed_words_one_finding():
    f = check_file(SEED_001, [RULES["NN004"]]).findings
    assert len(f) == 1
    assert unicodedata.normalize("NFC", f[0].excerpt) == "Việc" and f[0].excerpt != "Việc"
    assert f[0].evidence["paragraphs"] == 2


def test_precomposed_text_is_quiet():
    assert found("Việc kiến nghị, đề nghị liên quan đến tranh chấp đất đai", "NN004") == []


@needs_seeds
def test_seed_tone_style_minority():
    f = check_file(SEED_001, [RULES["NN005"]]).findings
    got = {(x.excerpt, x.suggestion) for x in f}
    assert ("thuỷ", "thủy") in got and ("hoá", "hóa") in got
    assert all(x.severity.value == "info" for x in f)


def test_tone_style_balanced_document_is_quiet():
    assert found("văn hóa; văn hoá; hòa giải; hoà giải", "NN005") == []


def test_lookalike_cyrillic():
    assert found("Ủy ban nhân dân tỉnh Lаi Châu", "NN006") == [("NN006", "Lаi")]
    assert found("hệ số α = 0,5", "NN006") == []


def test_legacy_fonts():
    assert found("Th«ng b¸o kÕt luËn cña Chñ tÞch UBND tØnh", "NN007") == [("NN007", "Th«ng b¸o kÕt")]
    assert found("Thoâng baùo keát luaän cuûa Chuû tòch", "NN007") == [("NN007", "Thoâng baùo keát")]
    assert found("· 100% các cơ quan đơn vị; 47.899,8 m²; nhiệt độ 25°C", "NN007") == []


# --- NN008 - NN012 punctuation and spacing ----------------------------------------------

def test_unmatched_quotes_and_brackets():
    f = findings("kế hoạch vận động ủng hộ quỹ ‘Đền ơn đáp nghĩa”.", "NN008")
    assert [(x.excerpt, x.suggestion) for x in f] == [("‘Đền ơn đáp nghĩa”", "“Đền ơn đáp nghĩa”")]
    assert found("(1) Tổ chức trực ban 24/24 kể cả thứ 7 (trừ ngày lễ)\n2) Qua theo dõi\na) Sản xuất", "NN008") == []
    assert found("Kế hoạch “Nâng cao Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2026", "NN008") == [
        ("NN008", "“")]


def test_stray_apostrophe_space_before_and_after_punctuation():
    assert found("'- Chủ trì Tổ công tác liên ngành kiểm tra 03 đơn vị", "NN009") == [("NN009", "'")]
    assert found("thu hoạch xong 724 ha diện tích , đạt 100% KH", "NN010") == [("NN010", "tích ,")]
    assert found("(Viêttel: 1.450 thuê bao; Viễn Thông:131 thuê bao)", "NN011") == [("NN011", "Thông:131")]
    assert found("năng suất 56,22 tạ/ha lúc 8:30; V/v tăng cường; Sở VH,TT&DL; https://a.gov.vn", "NN011") == []


@needs_seeds
def test_double_spaces_are_info_and_skip_date_blanks():
    f = check_file(SEED_000, [RULES["NN012"]]).findings
    assert f and all(x.severity.value == "info" for x in f)
    assert found("Lâm Đồng, ngày         tháng 4 năm 2026", "NN012") == []
    assert found("1.1.  Sản xuất nông - lâm nghiệp", "NN012") == []


# --- NN013 - NN015 names --------------------------------------------------------------------

def test_name_spelled_two_ways():
    text = ("Phối hợp với xã Nậm Xe, Sìn Suối Hồ tiếp tục vận động\n"
            "UBND xã Nậm Xe, Sin Suối Hồ tuyên truyền\nxã Sin Suối Hồ, Lản Nhì Thàng")
    f = findings(text, "NN013")
    assert [(x.excerpt, x.suggestion) for x in f] == [("Sìn Suối Hồ", "Sin Suối Hồ")]
    assert found("xã Hòa Bình\nxã Hoà Bình\nxã Hòa Bình", "NN013") == []


@needs_seeds
def test_seed_lower_case_place_name():
    f = check_file(SEED_000, [RULES["NN014"]]).findings
    assert [(x.excerpt, x.suggestion) for x in f] == [("phong thổ", "Phong Thổ")]


def test_institution_names():
    assert found("kỷ niệm 91 năm ngày thành lập Đảng cộng sản Việt Nam", "NN015") == [
        ("NN015", "Đảng cộng sản Việt Nam")]
    assert found("được ủy ban nhân dân tỉnh Lai Châu cấp phép", "NN015") == [("NN015", "ủy ban nhân dân")]
    for text in ("nâng cao hiệu quả hoạt động của ủy ban nhân dân các cấp",
                 "Ủy ban nhân dân tỉnh cấp phép; Hội đồng nhân dân huyện; ĐẢNG CỘNG SẢN VIỆT NAM",
                 "Uỷ ban nhân dân huyện Than Uyên"):
        assert found(text, "NN015") == []


# --- the corpus: correct Vietnamese stays quiet -------------------------------------------

# Every warning the NN rules raise on the corpus, read one by one: all are real slips.
CORPUS_WARNINGS = {
    ("010", "NN001", "khu vực khu vực"), ("013", "NN001", "chính chính"), ("024", "NN001", "chống chống"),
    ("026", "NN001", "tình tình"), ("024", "NN002", "biễn"), ("026", "NN002", "đị"),
    ("029", "NN002", "truyên"), ("039", "NN002", "cǜ"), ("039", "NN002", "ngǜ"), ("039", "NN002", "kǶ"),
    ("039", "NN002", "cǜng"), ("040", "NN002", "triểt"), ("026", "NN003", "lự lượng"),
    ("029", "NN003", "phố biến"), ("029", "NN003", "nối lên"), ("029", "NN003", "tống hợp"),
    ("040", "NN003", "sữa chữa"), ("026", "NN013", "Phông Sa Lỳ"), ("015", "NN008", "“"),
}


@needs_corpus
def test_corpus_warnings_are_the_known_slips():
    got = set()
    for path in sorted(CORPUS.glob("*.txt")):
        if path.name == "README.md":
            continue
        for f in check_file(path, NN).findings:
            if f.severity.value != "info" and f.rule not in ("NN004",):
                got.add((path.name[:3], f.rule, f.excerpt))
    assert got == CORPUS_WARNINGS


@needs_corpus
def test_speed_on_the_largest_report():
    path = CORPUS / "039_bacninh_kh_kinhteso_2026_2030.txt"
    check_file(path, NN)  # warm the word list and models
    start = time.perf_counter()
    check_file(path, NN)
    assert time.perf_counter() - start < 3.0


# --- ASCII slips and rare syllables ----------------------------------------------------------

def test_ascii_slip_used_twice_is_meant():
    """A lower-case ASCII token the author writes twice is a term, not a slip; once, it is."""
    once = "Xã đã gioa chỉ tiêu cho các thôn."
    twice = once + "\nTiếp tục gioa chỉ tiêu năm 2025 cho các thôn."
    assert ("NN002", "gioa") in found(once, "NN002")
    assert not found(twice, "NN002")


def test_ascii_slip_needs_evidence():
    """Not a syllable, no doubled onset and no one-key fix making a word: a loan word stays quiet."""
    assert not found("Cài đặt app quản lý, upload file lên hệ thống, dùng smartphone và camera.", "NN002")
    assert found("Đoàn đã thma gia kiểm tra.", "NN002") == [("NN002", "thma")]
    [f] = findings("Xây dựng mô hình donh nghiệp xanh.", "NN002")
    assert f.suggestion.startswith("Có thể là: doanh")


def test_allowed_words_silence_ascii_slips():
    assert not found("Xã đã gioa chỉ tiêu cho các thôn.", "NN002", settings=Settings(allowed_words=["gioa"]))


def test_rare_syllable_not_reported_twice():
    """A rare syllable also caught as a pair ("xủ lý" -> "xử lý") gives one NN003 finding."""
    got = found("Kiểm tra việc xủ lý vi phạm hành chính trong lĩnh vực đất đai.", "NN003")
    assert got == [("NN003", "xủ lý")]


def test_rare_syllable_needs_a_clear_fix():
    assert found("Sở Tài chính thẩm định, trính UBND tỉnh phê duyệt.", "NN003") == [("NN003", "trính")]
    # common words of their own, though rare in dictionary entries
    assert not found("Tổ chức đợt cao điểm; đo đạc lại từng thửa đất; trồng cây đước.", "NN003")
