"""Speed shortcuts of the date/number checks (issue 8, round 2) give what the plain way gives."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.checks.dates import _load_calendar, calendar_path, fold_for_words, required_words
from checker.checks.numeric_totals import _paren_levels

_SHIPPED = [rx for c in _load_calendar(str(calendar_path())) for rx in c.patterns]


def test_required_words_reads_literal_runs_only():
    assert required_words(r"thành lập Đảng(?:\s+Cộng\s+sản)?") == ("thành", "lập", "đảng")
    assert required_words(r"Quốc\s+tế\s+Phụ\s+nữ") == ("quốc", "tế", "phụ", "nữ")
    assert required_words(r"liệt\s+s[ĩỹ]") == ("liệt",)          # class: not a literal
    assert required_words(r"Tết\s+Nguyên\s+[đĐ]án") == ("tết", "nguyên", "án")
    assert required_words(r"abc?d") == ("ab",)                     # "c" is optional, "d" alone is short
    assert required_words(r"\p{Lu}\p{L}+ ngày") == ("ngày",)
    assert required_words(r"(?:Ngày|Lễ)\s+hội") == ("hội",)
    assert required_words(r"Ngày\s+hội|Lễ\s+hội") is None         # top-level alternative
    for opaque in (r"(?x) ngày  # comment", r"(?i)ngày", r"\u0110ảng", r"(ngày)\s+\1", r"(?:Đảng){e<=1}",
                   r"\N{LATIN SMALL LETTER A}bc"):
        assert required_words(opaque) is None, opaque


def test_every_shipped_pattern_has_words():
    # the shipped calendar is prefiltered entirely (a None here would mean a pattern always runs)
    assert all(required_words(rx.pattern) for rx in _SHIPPED)


_WORDS = sorted({w for rx in _SHIPPED for w in (required_words(rx.pattern) or ())})


def _variants(word: str):
    return st.sampled_from([word, word.upper(), word.title(), word.replace("i", "ı"), word.replace("I", "ı")])


_PIECES = st.one_of(st.sampled_from(_WORDS).flatmap(_variants),
                    st.sampled_from([" ", "  ", "\n", "-", "–", ",", "(", "ngày ", "27/7", "Việt Nam", "ı", "İ"]))


@settings(max_examples=800, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_a_pattern_that_matches_holds_its_words(text):
    folded = fold_for_words(text)
    for rx in _SHIPPED:
        if rx.search(text):
            assert all(w in folded for w in required_words(rx.pattern)), (rx.pattern, text)


def test_shipped_names_are_found_in_real_sentences():
    sentences = ["Kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024)",
                 "NGÀY THƯƠNG BINH - LIỆT SĨ 27/7", "Tết Nguyên Đán Giáp Thìn", "Quốc khánh 2/9"]
    for s in sentences:
        folded = fold_for_words(s)
        assert any(rx.search(s) and all(w in folded for w in required_words(rx.pattern)) for rx in _SHIPPED), s


@given(st.text(st.sampled_from("ab()( )"), max_size=40))
def test_paren_levels(text):
    depth, want = 0, []
    for ch in text:
        depth += ch == "("
        want.append(depth)
        depth -= ch == ")" and depth > 0
    assert _paren_levels(text) == want


_REF_PIECES = st.sampled_from(["Quyết định", "QUYẾT ĐỊNH", "quyết  định", "Công văn", "Kế hoạch", "số", "Số", " ", "  ",
                               "\u00a0", ":", "983", "12", "/", "-", "–", "UBND", "TNMT", "QĐ", "2024", "ngày", "ı"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_REF_PIECES, max_size=12).map("".join))
def test_reference_gate_is_necessary(text):
    from checker.checks.dates_refs import REF_RE, TYPE_NUMBER_RE

    if REF_RE.search(text):
        assert TYPE_NUMBER_RE.search(fold_for_words(text)), text


def _split_items_reference(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The character-by-character reading that `split_items` replaces (same cuts)."""
    def top_level_has(sep):
        depth = 0
        for i in range(start, end):
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and text[i] == sep:
                return True
        return False

    spans, semicolons, depth, s, i = [], top_level_has(";"), 0, start, start
    while i < end:
        ch, cut = text[i], 0
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            if ch == ";":
                cut = 1
            elif semicolons:
                pass
            elif ch == "," and not (i > 0 and text[i - 1].isdigit() and i + 1 < end and text[i + 1].isdigit()):
                cut = 1
            elif text.startswith(" và ", i) or text.startswith(" hoặc ", i):
                cut = 4 if text.startswith(" và ", i) else 6
        if cut:
            spans.append((s, i))
            s = i = i + cut
            continue
        i += 1
    spans.append((s, end))
    out = []
    for a, b in spans:
        while a < b and text[a] in " \t:-–+":
            a += 1
        while b > a and text[b - 1] in " \t.;,":
            b -= 1
        if b > a:
            out.append((a, b))
    return out


_LIST_PIECES = st.sampled_from(list("ab1,;()[] .:") + [" và ", " hoặc ", " và và ", "2,5", "trong đó: ", "gồm ",
                                                       "12 xã", "(trong đó ", "…", "TRONG ĐÓ", "Cụ thể:"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_LIST_PIECES, max_size=25).map("".join), st.data())
def test_split_items_and_keyword_gate(text, data):
    from checker.extract.lists import _KEYWORD_GATE, KEYWORD_RE, split_items

    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert split_items(text, a, b) == _split_items_reference(text, a, b)
    if KEYWORD_RE.search(text):
        assert _KEYWORD_GATE.search(text.casefold())
