"""The language rules' shortcuts (issue 8, round 3) give exactly what the plain way gives.

Each fast path is compared with the straightforward computation on generated text (hypothesis)
or, where the claim is about characters, checked over every code point."""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import compress
from types import SimpleNamespace

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.checks.language import (_INSTITUTION_WORDS, _INSTITUTIONS, _LEGACY, _T3, TOKEN,
                                     TOKEN_SPLIT, WORD, CLASSIFIERS, FUNCTION_WORDS, LINKS, MAX_PER_UNIT,
                                     _broken, _ascii_suspect, _common, _ConfusionScan, _edits,
                                     _legacy_hits, _lower_counts, _lower_runs, _runs, _segment, _spaced,
                                     _token_parts, _tokens, _units_to_spell)
from checker.lexicon import attested, known_word, long_word_starts, may_start_long_word, syllables, words
from checker.ruleset import load_rules

LM = regex.compile(r"[\p{L}\p{M}]")

# Syllables that make words, confusions ("kế cả", "phong chống", "truy vế", "vơi"), rare twins
# ("hoàng thành"), long words ("ủy ban nhân dân"), function words, capitals, all-caps, loan words
# and codes, mixed with the separators and characters that decide what a token is.
_SYLLABLES = ("kế cả kể phong phòng chống truy vế vết phố phổ biến hối phối hợp vơi với các cơ quan "
              "hoàng hoàn thành gieo cấy ủy ban nhân dân hội đồng tỉnh xã huyện thôn và của để làm "
              "trính trình sóm sớm phát hiện xủ xử lý con bê cây được tham gia dịch thu từ đạt "
              "Lâm Đồng Phong Thổ UBND KH covid online gioa khong thma ssau x y Σ ς").split()
_SEPARATORS = [" ", " ", " ", "  ", ", ", ". ", "; ", ": ", "\n", "\t", "-", ".", "/", "@", "&", "_",
               "1", "2021", " (", ") ", "“", "”", "\u00a0", "www.", "://", ".gov", "\u0301", "é"]


@st.composite
def _texts(draw):
    n = draw(st.integers(0, 24))
    out = []
    for _ in range(n):
        word = draw(st.sampled_from(_SYLLABLES))
        case = draw(st.sampled_from(("lower", "lower", "lower", "title", "upper")))
        out.append(word.title() if case == "title" else word.upper() if case == "upper" else word)
        out.append(draw(st.sampled_from(_SEPARATORS)))
    return "".join(out)


def _parts_plain(text: str) -> list[str]:
    """The gaps and tokens of _tokens, cut at the match objects' spans."""
    parts, at = [], 0
    for m in _tokens(text):
        parts += [text[at:m.start()], m.group()]
        at = m.end()
    return parts + [text[at:]]


# --- tokens -------------------------------------------------------------------------------------

@settings(max_examples=400, deadline=None)
@given(_texts())
def test_token_parts_are_the_tokens_and_their_gaps(text):
    assert _token_parts(text) == _parts_plain(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab đĐ1._@/&-:\t\u0301\u00a0é") + ["www.", ".gov", "://"]), max_size=40).map("".join))
def test_token_split_finds_what_token_finds(text):
    assert TOKEN_SPLIT.split(text)[1::2] == TOKEN.findall(text)


def test_lower_case_keeps_letters_and_marks_apart_from_the_rest():
    """_lower_runs and _lower_counts rely on it: lower-casing maps a letter or mark to letters and
    marks only, and any other character to no letter or mark."""
    odd = [hex(cp) for cp in range(sys.maxunicode + 1)
           if bool(LM.match(chr(cp))) != all(LM.match(c) for c in chr(cp).lower())]
    assert odd == []


@settings(max_examples=400, deadline=None)
@given(_texts())
def test_lower_runs_are_the_runs_of_the_lower_cased_text(text):
    parts = _token_parts(text)
    lows = [w.lower() for w in parts[1::2]]
    assert Counter(_lower_runs(text, parts, lows)) == Counter(WORD.findall(text.lower()))


@settings(max_examples=400, deadline=None)
@given(_texts())
def test_lower_counts_fold_like_the_lower_cased_text(text):
    if "Σ" in text:
        return  # callers take the plain way (final sigma)
    assert _lower_counts(Counter(WORD.findall(text))) == Counter(WORD.findall(text.lower()))


# --- NN003: the one-pass scan -------------------------------------------------------------------

class _PlainScan:
    """What _ConfusionScan gathers, computed the plain way: every pair, run and segment."""

    def __init__(self, known, allowed):
        self.known, self.allowed = known, allowed
        self.pairs, self.alone, self.counts = Counter(), Counter(), Counter()
        self.first_word: dict[str, int] = {}
        self.twin_places: list = []
        self.candidates: list = []

    def add(self, u, unit):
        text = unit.ntext
        toks = _tokens(text)
        ws = [m.group() for m in toks]
        lows = [w.lower() for w in ws]
        spaced = _spaced(text, toks)
        self.pairs.update(zip(lows, lows[1:]))
        self.counts.update(WORD.findall(text.lower()))
        for w in lows:
            self.first_word.setdefault(w, u)
        for j in range(len(toks) - 1):
            a, b = lows[j], lows[j + 1]
            if spaced[j] and ws[j].islower() and ws[j + 1].islower() and known_word(a, b) and not attested(a, b):
                self.twin_places.append((unit, toks[j].start(), toks[j + 1].end(), a, b))
        found = 0
        for s, e in _runs(ws, lows, spaced, self.known, self.allowed):
            alone = [k == 1 for k in _segment(lows[s:e])]
            self.alone.update(compress(lows[s:e], alone))
            for j in range(s, e - 1):
                a, b = lows[j], lows[j + 1]
                if a == b or not (alone[j - s] and alone[j + 1 - s] and ws[j].islower() and ws[j + 1].islower()):
                    continue
                if known_word(a, b) or attested(a, b):
                    continue
                name_next = j + 2 < len(toks) and ws[j + 2][:1].isupper() and spaced[j + 1]
                fixes = [(x, b) for x in _edits(a) if _common(x, b)] if b not in LINKS else []
                if not name_next and a not in FUNCTION_WORDS and a not in CLASSIFIERS:
                    fixes += [(a, y) for y in _edits(b) if _common(a, y)]
                if fixes and found < 10 * MAX_PER_UNIT:
                    found += 1
                    self.candidates.append((unit, toks[j].start(), toks[j + 1].end(), a, b, fixes))


def _units(texts):
    return [SimpleNamespace(ntext=unicodedata.normalize("NFC", t)) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(_texts(), min_size=1, max_size=4))
def test_confusion_scan_gathers_what_the_plain_scan_gathers(texts):
    known, allowed = syllables(), set()
    fast, plain = _ConfusionScan(known, allowed), _PlainScan(known, allowed)
    for u, unit in enumerate(_units(texts)):
        fast.add(u, unit)
        plain.add(u, unit)
    for field in ("pairs", "alone", "counts", "first_word", "twin_places", "candidates"):
        assert getattr(fast, field) == getattr(plain, field), field


def test_the_scan_meets_long_words_and_confusions():
    """The generated text above does reach the interesting branches."""
    known = syllables()
    fast, plain = _ConfusionScan(known, set()), _PlainScan(known, set())
    text = ("đề nghị ủy ban nhân dân tỉnh kế cả hội đồng nhân dân xã phong chống dịch, truy vế "
            "hoàng thành phối hợp vơi các cơ quan")
    for scan in (fast, plain):
        scan.add(0, _units([text])[0])
    assert fast.candidates and fast.candidates == plain.candidates
    assert fast.alone == plain.alone and fast.long_starts


def test_long_word_starts_cover_every_long_word():
    """may_start_long_word is false only where no three- or four-syllable word can start."""
    for entry in list(words())[::7]:
        parts = entry.split(" ")
        if len(parts) in (3, 4) and known_word(*parts):
            assert may_start_long_word(parts[0], parts[1]), entry
    assert ("ủy", "ban") in long_word_starts() or ("uỷ", "ban") in long_word_starts()


# --- NN002: the units worth tokenising ----------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(_texts(), min_size=1, max_size=5))
def test_units_to_spell_are_those_with_a_word_to_flag(texts):
    known, allowed = syllables(), set()
    units = _units(texts)
    ctx = SimpleNamespace(units=lambda: units, cache={})
    plain = [u for u in units
             if any(_broken(w, known, allowed) or _ascii_suspect(w, known, allowed) for w in WORD.findall(u.ntext))]
    assert _units_to_spell(ctx, known, allowed) == plain
    assert _lower_counts(ctx.cache["language.letter_runs"]) == \
        Counter(w for u in units for w in WORD.findall(u.ntext.lower())) or any("Σ" in t for t in texts)


# --- NN007: legacy fonts, counted per whitespace-free chunk -------------------------------------

def test_whitespace_is_neither_a_letter_nor_a_word_character():
    """vi_legacy_font cuts the text at whitespace (str.split): a space must look to both
    patterns like the text's edge."""
    word = regex.compile(r"\w")
    legacy = regex.compile(rf"[\p{{L}}{_T3}]")
    odd = [hex(cp) for cp in range(sys.maxunicode + 1)
           if chr(cp).isspace() and (word.match(chr(cp)) or legacy.match(chr(cp)))]
    assert odd == []


_LEGACY_CHARS = list("Th«ng b¸o Thoâng baùo ñaõ ôû ¸ µ ¶ ¹ Ê Ô À a e o u y\t\n.,") + ["\u00a0", "Ñ", "2"]


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from(_LEGACY_CHARS), max_size=40))
def test_legacy_hits_are_the_hits_of_the_chunks(text):
    known = syllables()
    for _, rx in _LEGACY:
        whole = [m.group() for m in _legacy_hits(text, rx, known)]
        chunked = [m.group() for c in text.split() for m in _legacy_hits(c, rx, known)]
        assert whole == chunked


# --- NN015 and the pattern rules: the literal and regex prefilters -------------------------------

_INSTITUTION_PIECES = ["Ủy", "Uỷ", "ủy", "uỷ", "Ủyy", "ban", "Ban", "Nhân", "nhân", "Dân", "dân", "Hội", "hội",
                       "Đồng", "đồng", "Đảng", "đảng", "Cộng", "cộng", "Sản", "sản", "Việt", "Nam", "Mặt",
                       "trận", "Trận", "tổ", "Tổ", "quốc", "Quốc", "tỉnh", "Lai", "Châu", "thị", "xã"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_INSTITUTION_PIECES), st.sampled_from([" ", "  ", "\n", ", "])),
                max_size=8))
def test_institution_patterns_hold_their_words(pieces):
    text = "".join(a + b for a, b in pieces)
    for (rx, _), needed in zip(_INSTITUTIONS, _INSTITUTION_WORDS):
        if rx.search(text):
            assert all(w in text for w in needed)
            assert "hân" in text or "Việt" in text


@lru_cache(maxsize=None)
def _pattern_params(rule_id):
    rule = next(r for r in load_rules() if r.id == rule_id)
    return regex.compile(rule.params["pattern"]), regex.compile(rule.params["prefilter"])


@pytest.mark.parametrize("rule_id", ["NN009", "NN010", "NN011", "NN012"])
@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(list("aAbđĐ1 \t\n,;:.'`´-–+•*/@_%)”\u0301") + ["ngày  tháng", "Số:  "]),
                     max_size=30).map("".join))
def test_pattern_prefilters_hold_in_every_match(rule_id, text):
    rx, pre = _pattern_params(rule_id)
    if rx.search(text):
        assert pre.search(text)

