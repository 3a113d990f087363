"""Vietnamese language checks: broken syllables, confusions, Unicode, punctuation, names.

Every check walks each unit once (linear); the word list and the orthography model are
built once per process (checker.lexicon, checker.checks.language_ortho).
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from operator import and_, methodcaller
from itertools import accumulate, compress, count, islice
from typing import Iterable, Optional

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..context import CheckContext
from ..findings import Finding
from ..lexicon import (allowed_tokens, attested, known_word, may_start_long_word, one_edit_syllables,
                       syllable_weight, syllables, word_rank)
from ..ruleset import RuleSpec
from . import register
from .language_ortho import VOWELS, is_valid, restyle, strip_tone, tone_style

TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}_@/.&])[\p{L}\p{M}]++(?![\p{L}\p{M}\p{N}_@/&]|[.\-][\p{L}\p{N}])")
WORD = regex.compile(r"[\p{L}\p{M}]++")
# TOKEN with its lookbehind tested after the first letter (the same matches, ~35 % faster: the
# engine skips to a letter before trying the lookaround), captured to cut the text at tokens
TOKEN_SPLIT = regex.compile(r"([\p{L}\p{M}](?<![\p{L}\p{M}\p{N}_@/.&][\p{L}\p{M}])[\p{L}\p{M}]*+"
                            r"(?![\p{L}\p{M}\p{N}_@/&]|[.\-][\p{L}\p{N}]))")
_HAS_LETTER = regex.compile(r"[\p{L}\p{M}]")
VIET_MARKED = regex.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[^\x00-\x7f]")
# Bounded repetitions keep every pattern linear on hostile input (tests/test_regex_linear.py).
URLISH = regex.compile(r"(?:https?://|www\.)[^\s]{1,300}|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}"
                       r"|(?<![\w.-])[\w-]{1,63}(?:\.[\w-]{1,63}){0,5}\.(?:gov|com|org|net|edu)(?:\.vn)?\b(?:/[^\s]{0,300})?")
_GROUP = methodcaller("group")
MAX_PER_UNIT = 5  # findings of one rule in one paragraph: more is noise or hostile input
MAX_SYLLABLE = 10  # longer letter runs are not syllables (and get no edit-distance work)
ADMIN_NOUNS = frozenset("xã huyện tỉnh phường quận thị trấn thành phố thôn bản ấp tổ khu sông suối núi đèo hồ".split())
ADMIN_UNITS = frozenset("xã huyện tỉnh phường quận thôn bản ấp".split())


class LanguageParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _allowed(ctx: CheckContext) -> set[str]:
    cached = ctx.cache.get("language.allowed")
    if cached is None:
        cached = set(allowed_tokens())
        for w in list(ctx.settings.allowed_words) + list(ctx.settings.allowed_names):
            cached.update(t.lower() for t in WORD.findall(unicodedata.normalize("NFC", w)))
        ctx.cache["language.allowed"] = cached
    return cached


# Every URLISH match contains one of these: a paragraph without any (nearly all) skips the scan.
_URL_HINTS = ("://", "www.", "@", ".gov", ".com", ".org", ".net", ".edu")


def _tokens(text: str) -> list:
    """Letter tokens that are not part of codes, URLs or numbers ("KM1", "TH&THCS")."""
    toks = list(TOKEN.finditer(text))
    if not ("." in text or "@" in text) or not any(h in text for h in _URL_HINTS):
        return toks
    masked = [m.span() for m in URLISH.finditer(text)]
    if not masked:
        return toks
    out = []
    k = 0
    for m in toks:
        while k < len(masked) and masked[k][1] <= m.start():
            k += 1
        if k < len(masked) and masked[k][0] <= m.start() < masked[k][1]:
            continue
        out.append(m)
    return out


def _token_parts(text: str) -> list[str]:
    """The text cut at the tokens of _tokens: [gap, token, gap, token, …, gap] (2n + 1 pieces,
    the odd ones the tokens), without building a match object per token."""
    if ("." in text or "@" in text) and any(h in text for h in _URL_HINTS):
        parts, at = [], 0  # tokens inside a URL or an e-mail address are masked: part of a gap
        for m in _tokens(text):
            parts += (text[at:m.start()], m.group())
            at = m.end()
        parts.append(text[at:])
        return parts
    return TOKEN_SPLIT.split(text)


def _lower_runs(text: str, parts: list[str], lows: list[str]) -> list[str]:
    """WORD.findall(text.lower()), from the tokens already lower-cased and the gaps between them.

    Every letter run is a token or lies inside a gap (a token is a whole letter run), and
    lower-casing maps letters and marks to letters and marks and nothing else to them (checked
    over every code point in tests/test_fast_paths_language.py), so the runs are the same
    except where the final-sigma rule looks across a run's end: text with Σ goes the plain way."""
    if "Σ" in text:
        return WORD.findall(text.lower())
    gaps = "\n".join(parts[0::2])
    return lows + WORD.findall(gaps.lower()) if _HAS_LETTER.search(gaps) else lows


def _neighbours(text: str, toks, i: int) -> tuple[Optional[str], Optional[str]]:
    """Lower-case tokens directly left/right of toks[i] (only a space between)."""
    left = right = None
    if i > 0 and text[toks[i - 1].end():toks[i].start()] == " ":
        left = toks[i - 1].group().lower()
    if i + 1 < len(toks) and text[toks[i].end():toks[i + 1].start()] == " ":
        right = toks[i + 1].group().lower()
    return left, right


# --- NN002: syllables -----------------------------------------------------------------

def suggest(token: str, left: Optional[str], right: Optional[str], right_cap: bool = False) -> list[str]:
    """Dictionary syllables one (else two) edits away, best first: those that make a word
    with a neighbour, then administrative nouns before a name, then the more common."""
    low = token.lower()
    cands = _near_syllables(low)
    weight = syllable_weight()

    def score(c: str):
        ctxw = (left is not None and known_word(left, c)) or (right is not None and known_word(c, right))
        admin = right_cap and c in ADMIN_NOUNS
        same = _skeleton(c) == _skeleton(low)  # "cǜ" (a font artefact) -> "cũ", "cú"...
        return (not ctxw, not admin, not same, -weight.get(c, 0), c)

    ranked = sorted(cands, key=score)
    return [_case_like(token, c) for c in ranked[:3]]


@lru_cache(maxsize=1 << 10)  # a slip typed again costs the two-edit search once (~1 ms)
def _near_syllables(low: str) -> tuple[str, ...]:
    """Well-formed dictionary syllables one edit from ``low``, else every one within two."""
    cands = [c for c in one_edit_syllables(low) if is_valid(c)]
    if not cands:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        # every syllable within two edits (a few dozen), ranked by suggest() like the one-edit
        # ones; a cap on the number taken kept whichever came first in set order, so the
        # suggestion changed with the interpreter's hash seed
        cands = [c for c, _, _ in process.extract(low, _valid_pool(), scorer=Levenshtein.distance,
                                                   score_cutoff=2, limit=None)]
    return tuple(cands)


def _rank(token: str, cands: list[str], left: Optional[str], right: Optional[str]) -> list[str]:
    """The three best of ``cands``: the same letters first (marks lost: "khong" -> "không"; two
    swapped: "gioa" -> "giao"), then those making a word with a neighbour, then the more common."""
    weight = syllable_weight()
    low = token.lower()

    def score(c: str):
        ctxw = (left is not None and known_word(left, c)) or (right is not None and known_word(c, right))
        same = sorted(_skeleton(c)) == sorted(low)
        return (not same, not ctxw, -weight.get(c, 0), c)

    return [_case_like(token, c) for c in sorted(cands, key=score)[:3]]


@lru_cache(maxsize=1)
def _valid_pool() -> tuple[str, ...]:
    """Well-formed dictionary syllables (built once, not per suggestion)."""
    return tuple(sorted(s for s in syllable_weight() if is_valid(s)))


def _case_like(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_DOUBLED = regex.compile(r"([b-df-hj-np-tv-zđ])\1", regex.IGNORECASE)


def _broken(tok: str, known, allowed) -> bool:
    """Does NN002 flag this token?"""
    low = tok.lower()
    if low in known or low in allowed or (tok.isupper() and len(tok) > 1) or len(tok) > MAX_SYLLABLE:
        return False
    if not VIET_MARKED.search(tok):
        return False  # loan words, codes: "logistics", "fanpage"
    if tok[0].isupper():  # proper names ("Đắk Sắk", "Đạ Tẻh") unless broken by a doubled consonant
        return not is_valid(low) and bool(_DOUBLED.search(tok))
    return True


# --- ASCII-only slips: a Vietnamese syllable typed without its marks or with a slipped key ---
# "gioa" (giao), "thma gia" (tham gia), "ssau" (sau). Loan words and codes are ASCII too
# ("logistics", "clip", "tour", "sandbox"), so such a token is flagged only on evidence.

_ASCII_SHAPE = regex.compile(r"[a-eg-ik-vxy]{2,7}")  # no f, j, w, z: those are foreign letters
_ASCII_VOWEL = regex.compile(r"[aeiouy]")
_ONSET_DOUBLED = regex.compile(r"^[^aeiouy]*?([b-df-hj-np-tv-z])\1")  # "ssau", "bban", "kkhai"
MIN_COMMON = 20  # dictionary entries a suggested syllable must appear in (weight)


def _ascii_suspect(tok: str, known, allowed) -> bool:
    """Cheap shape test: a lower-case ASCII token that may be a Vietnamese slip."""
    return (tok.islower() and bool(_ASCII_SHAPE.fullmatch(tok)) and tok not in known and tok not in allowed
            and bool(_ASCII_VOWEL.search(tok)))


@lru_cache(maxsize=1)
def _by_skeleton() -> dict[str, tuple[str, ...]]:
    """Well-formed dictionary syllables under their letters without marks ("khong" -> "không", "khóng"…)."""
    out: dict[str, list[str]] = defaultdict(list)
    for syl in syllable_weight():
        if syl.isalpha() and is_valid(syl):
            out[_skeleton(syl)].append(syl)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=1 << 12)
def _ascii_candidates(tok: str) -> tuple[str, ...]:
    """Common dictionary syllables one keystroke from an ASCII token: one edit, two adjacent
    letters swapped, or the same letters with their marks ("khong" -> "không")."""
    weight = syllable_weight()
    cands = set(one_edit_syllables(tok))
    for i in range(len(tok) - 1):
        cands.add(tok[:i] + tok[i + 1] + tok[i] + tok[i + 2:])
    cands.update(_by_skeleton().get(tok, ()))
    return tuple(sorted(c for c in cands if c != tok and is_valid(c) and weight.get(c, 0) >= MIN_COMMON))


def _doc_words(ctx: CheckContext) -> Counter:
    """Every letter run of the document, lower-cased, with its count (built once, on demand)."""
    cached = ctx.cache.get("language.doc_words")
    if cached is None:
        runs = ctx.cache.get("language.letter_runs")  # as written, kept by _units_to_spell
        if runs is None or any("Σ" in unit.ntext for unit in ctx.units()):
            cached = Counter()
            for unit in ctx.units():
                cached.update(WORD.findall(unit.ntext.lower()))
        else:
            cached = _lower_counts(runs)
        ctx.cache["language.doc_words"] = cached
    return cached


def _lower_counts(runs: Counter) -> Counter:
    """Fold the counts of letter runs as written into lower case. The same as counting the runs
    of the lower-cased text: lower-casing maps letters and marks to letters and marks and
    nothing else to them (every code point checked in tests/test_fast_paths_language.py), and
    only the final-sigma rule looks beyond a run's end (callers keep text with Σ out)."""
    out: Counter = Counter()
    for w, n in runs.items():
        out[w.lower()] += n
    return out


def _units_to_spell(ctx: CheckContext, known, allowed) -> list:
    """The units holding a letter run NN002 may flag, decided once per distinct run (a token is a
    letter run, and _broken()/_ascii_suspect() look at the token alone); most units hold none.
    Keeps the count of every run as written for _doc_words."""
    flaggable: dict[str, bool] = {}
    runs: Counter = Counter()
    out = []
    for unit in ctx.units():
        words = WORD.findall(unit.ntext)
        runs.update(words)
        for w in set(words).difference(flaggable):
            flaggable[w] = _broken(w, known, allowed) or _ascii_suspect(w, known, allowed)
        if any(map(flaggable.__getitem__, words)):
            out.append(unit)
    ctx.cache["language.letter_runs"] = runs
    return out


def _ascii_slip(tok: str, left: Optional[str], right: Optional[str], doc_words: Counter) -> Optional[list[str]]:
    """Suggestions when an ASCII token is a Vietnamese slip, else None.

    The token must be used once in the document (a loan word or code is usually repeated, and a
    word the author writes twice is meant) and have a common syllable one keystroke away; then
    * a well-formed syllable no dictionary word uses ("gioa", "khong") is a slip;
    * a consonant doubled before the vowel ("ssau") is a slip when the single letter gives a
      common syllable (no English word starts so);
    * any other shape ("thma", "kihn", "muu") only when a candidate makes a dictionary word with
      a neighbour ("thma gia" -> "tham gia") — the token itself does not."""
    if doc_words.get(tok, 0) > 1:
        return None
    cands = list(_ascii_candidates(tok))
    if not cands:
        return None
    if left and known_word(left, tok) or right and known_word(tok, right):
        return None
    if is_valid(tok):
        return cands
    dbl = _ONSET_DOUBLED.match(tok)
    if dbl:
        single = tok[:dbl.start(1)] + tok[dbl.end(1):]
        if single in cands:
            return [single]
    ctxw = [c for c in cands if (left and known_word(left, c)) or (right and known_word(c, right))]
    return ctxw or None


@register("vi_syllable", LanguageParams)
def vi_syllable(ctx: CheckContext, rule: RuleSpec, p: LanguageParams) -> Iterable[Finding]:
    """Lower-case tokens with Vietnamese letters that are no Vietnamese syllable ("huện",
    "tttài", "đoeẻ"), and capitalised ones broken by a doubled consonant ("Viêttel").
    All-caps tokens (abbreviations) and capitalised names otherwise are left alone. ASCII-only
    lower-case tokens (loan words, codes, or a syllable typed without its marks) only on
    evidence (see _ascii_slip)."""
    allowed = _allowed(ctx)
    known = syllables()
    for unit in _units_to_spell(ctx, known, allowed):
        text = unit.ntext
        toks = _tokens(text)
        hits = 0
        for i, m in enumerate(toks):
            if hits >= MAX_PER_UNIT:
                break
            tok = m.group()
            low = tok.lower()
            if not _broken(tok, known, allowed):
                if not _ascii_suspect(tok, known, allowed):
                    continue
                left, right = _neighbours(text, toks, i)
                cands = _ascii_slip(tok, left, right, _doc_words(ctx))
                if not cands:
                    continue
                cands = _rank(tok, cands, left, right)
                reason = "không có trong từ điển" if is_valid(low) else "sai cấu tạo âm tiết tiếng Việt"
                hits += 1
                yield ctx.finding(rule, unit, m.start(), m.end(), word=tok, reason=reason,
                                  suggestion="Có thể là: " + ", ".join(cands), evidence={"reason": reason})
                continue
            left, right = _neighbours(text, toks, i)
            right_cap = bool(right) and i + 1 < len(toks) and toks[i + 1].group()[:1].isupper()
            cands = suggest(tok, left, right, right_cap)
            reason = "không có trong từ điển" if is_valid(low) else "sai cấu tạo âm tiết tiếng Việt"
            hits += 1
            yield ctx.finding(rule, unit, m.start(), m.end(), word=tok, reason=reason,
                              suggestion=("Có thể là: " + ", ".join(cands)) if cands else None,
                              evidence={"reason": reason})


# --- NN003: confusions ----------------------------------------------------------------

def _segment(lows: list[str]) -> list[int]:
    """Greedy longest-match word segmentation; returns the length of the word starting at
    each token (0 inside a word). The plain form of _ConfusionScan._segment_runs (its reference
    in tests/test_fast_paths_language.py)."""
    out = [0] * len(lows)
    n = len(lows)
    i = 0
    while i < n:  # spelled out, without slicing: this runs for every syllable of the report
        left = n - i
        if left >= 4 and known_word(lows[i], lows[i + 1], lows[i + 2], lows[i + 3]):
            k = 4
        elif left >= 3 and known_word(lows[i], lows[i + 1], lows[i + 2]):
            k = 3
        elif left >= 2 and known_word(lows[i], lows[i + 1]):
            k = 2
        else:
            k = 1
        out[i] = k
        i += k
    return out


# Grammatical words so frequent that a one-letter variant of them is rarely a slip worth
# a warning ("để làm", "vụ về"): never the syllable that gets changed.
FUNCTION_WORDS = frozenset("""
và của các có là được cho để với trong này đó những một không đã sẽ đang theo về từ tại
như thì mà nên khi đến ra vào lên làm việc cũng còn rất nhiều mỗi cả hay hoặc do bởi vì
nếu trên dưới sau trước giữa ngoài qua ở cùng đều chỉ vẫn lại thêm nhất năm tháng ngày
sự tự con cái chiếc cuộc
""".split())


LINKS = frozenset("từ tại với cho về theo đến trong trên dưới qua bởi của và các những hoặc nhưng mà thì".split())
CLASSIFIERS = frozenset("con cái chiếc cây quả bức tấm cuốn ngôi căn bộ đôi cặp".split())
# collective nouns of livestock reports: "đàn ong", "bầy vịt" name the animal that follows
HERD_NOUNS = frozenset("đàn bầy".split())
# words that read with the number after them ("vốn nhà nước khoảng 2.900 tỷ đồng"): not the
# second half of a noun ("nước khoáng") when a number follows
APPROXIMATORS = frozenset("khoảng chừng ngót gần hơn tầm".split())
_NUMBER_NEXT = regex.compile(r" \d")


def _common(a: str, b: str) -> bool:
    """A dictionary word that also occurs in real text (see lexicon.attested_pairs)."""
    return known_word(a, b) and attested(a, b)


@lru_cache(maxsize=1 << 14)  # pure; a report repeats its words, each was worked out again
def _edits(syl: str) -> tuple[str, ...]:
    """One-edit dictionary neighbours that keep the base letters (a tone or vowel mark
    changed: "cở" -> "cơ", "kế" -> "kể") or change only the final letter ("vế" -> "vết",
    "nhập" -> "nhật")."""
    if syl in FUNCTION_WORDS or syl in ADMIN_UNITS:
        return ()  # "tỉnh", "xã" are the commonest nouns of an administrative report
    out = []
    sk = _skeleton(syl)
    for cand in one_edit_syllables(syl):
        if not is_valid(cand):
            continue
        csk = _skeleton(cand)
        same_base = csk == sk
        bc, bs = strip_tone(cand)[0], strip_tone(syl)[0]
        final = ((len(bc) == len(bs) and bc[:-1] == bs[:-1] and bc[-1] not in VOWELS and bs[-1] not in VOWELS)
                 or (bc[:-1] == bs and bc[-1] not in VOWELS) or (bs[:-1] == bc and bs[-1] not in VOWELS))
        # the first consonant not typed: "hối hợp" -> "phối hợp", "ác đồng chí" -> "các"
        onset = cand[1:] == syl and cand[0] not in VOWELS
        if same_base or final or onset:
            out.append(cand)
    return tuple(out)


class ConfusionParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_alone: int = Field(2, ge=1)  # a syllable standing alone more often than this is meant


@register("vi_confusion", ConfusionParams)
def vi_confusion(ctx: CheckContext, rule: RuleSpec, p: ConfusionParams) -> Iterable[Finding]:
    """Two lower-case syllables that form no word (or a rare one the document does not
    mean), where changing one letter or mark of one of them gives a common word ("kế cả" -> "kể cả", "phong chống" -> "phòng chống").

    Conservative by construction: both syllables must stand alone in a longest-match
    segmentation ("tham gia | phong | chống"), the pair must be neither a dictionary word
    nor seen in real text, the corrected pair must be both, the pair must occur once in
    the document, and the syllable to change must not stand alone elsewhere in the
    document more than ``max_alone`` times (a document that writes "tỉnh" alone fifty
    times means "tỉnh")."""
    known = syllables()
    allowed = _allowed(ctx)
    units = ctx.units()
    scan = _ConfusionScan(known, allowed)
    for u, unit in enumerate(units):
        scan.add(u, unit)
    pairs, counts = scan.pairs, scan.counts
    once_words = {scan.first_word[w] for w, n in counts.items()
                  if n == 1 and w in scan.first_word and w in known and w not in allowed}
    rare: list[tuple] = []  # (unit, start, end, finding): given last, where no other reading points
    taken: set[tuple] = set()  # (unit id, start, end) of the other findings

    def keep(unit, s, e, f):
        taken.add((id(unit), s, e))
        return f

    for u in sorted(once_words):
        unit = units[u]
        toks = _tokens(unit.ntext)
        # both helpers look only at tokens used at most once in the document: find those in C
        at = list(compress(count(), map((1).__ge__, map(counts.__getitem__, map(_GROUP, toks)))))
        for s, e, f in _lone_syllables(ctx, rule, unit, toks, at, known, allowed, counts):
            yield keep(unit, s, e, f)
        rare.extend((unit, s, e, f) for s, e, f in _rare_syllables(ctx, rule, unit, toks, at, known, allowed, counts))
    for unit, s, e, f in _rare_twins(ctx, rule, scan.twin_places, pairs):
        yield keep(unit, s, e, f)
    for unit, s, e, a, b, fixes in scan.candidates:
        if pairs[(a, b)] > 1:
            continue  # written the same way twice: a usage, not a slip
        fixes = [f for f in fixes if scan.alone[a if f[0] != a else b] <= p.max_alone]
        if b in APPROXIMATORS and _NUMBER_NEXT.match(unit.ntext, e):
            fixes = [f for f in fixes if f[1] == b]  # "khoảng 2.900": the approximator is meant
        if not fixes or len(fixes) > 2:
            continue  # none, or too many readings: stay quiet
        fixes.sort(key=lambda f: -word_rank(*f))
        fixed = " hoặc ".join(f"{fa} {fb}" for fa, fb in fixes)
        yield keep(unit, s, e, ctx.finding(rule, unit, s, e, phrase=unit.ntext[s:e], fixed=fixed,
                                           suggestion=fixed, evidence={"word": fixed}))
    for unit, s, e, f in rare:
        if not any((id(unit), ts, te) in taken for ts in range(s - 12, s + 1) for te in range(e, e + 12)):
            yield f


class _ConfusionScan:
    """One pass over the document, each unit tokenised once, gathering what vi_confusion and
    its two rare-usage helpers need (they used to tokenise the whole document again each).

    A report repeats its words and word pairs: every question about a pair (is it a word, may it
    start a longer word, is it a rare twin, is it two dictionary syllables making no word) is
    answered once, when the pair first occurs, and kept in sets; a unit is then visited in Python
    only at the indices of such pairs (found in C), and its runs are segmented with the answers.
    Every shortcut is compared with the plain way (_runs, _segment) in
    tests/test_fast_paths_language.py."""

    def __init__(self, known, allowed):
        self.known, self.allowed = known, allowed
        self.pairs: Counter = Counter()  # lower-case token pairs
        self.alone: Counter = Counter()  # syllables standing alone in the segmentation
        self.counts: Counter = Counter()  # every letter run, lower-cased (for _lone_syllables)
        # where each word first occurs: _lone_syllables only concerns words used once, so it
        # revisits (and tokenises again) only the units that hold one
        self.first_word: dict[str, int] = {}
        self.twin_places: list = []  # lower-case dictionary pairs never seen in real text (_rare_twins)
        self.candidates: list = []  # (unit, start, end, a, b, fixes) of the confusable pairs
        # per distinct pair, decided on its first occurrence (see _learn)
        self.word_pairs: set = set()  # known_word(a, b)
        self.long_starts: set = set()  # may start a word of three or four syllables
        self.kind: dict = {}  # the two above for segmentation: _LONG (may start one), else _WORD
        self.twins: set = set()  # known_word(a, b) and not attested(a, b)
        self.odd: set = set()  # no word, two different dictionary syllables: may be a confusion
        self.in_run: dict[str, bool] = {}  # per distinct token: may it take part in a run?
        self.lower: dict[str, str] = {}  # per distinct token: lower-cased

    def _learn(self, new_pairs) -> None:
        known, allowed = self.known, self.allowed
        for pair in new_pairs:
            a, b = pair
            if known_word(a, b):
                self.word_pairs.add(pair)
                if not attested(a, b):
                    self.twins.add(pair)
            elif a != b and a in known and b in known and a not in allowed and b not in allowed:
                self.odd.add(pair)
            if a in known and b in known and may_start_long_word(a, b):
                self.long_starts.add(pair)
                self.kind[pair] = _LONG
            elif pair in self.word_pairs:
                self.kind[pair] = _WORD

    def add(self, u: int, unit) -> None:
        text = unit.ntext
        parts = _token_parts(text)
        words = parts[1::2]
        lower, in_run = self.lower, self.in_run
        for w in set(words).difference(lower):  # a lower-cased token new to the document comes
            low = lower[w] = w.lower()  # from a token new to it
            in_run[w] = low in self.known and low not in self.allowed and not (len(w) > 1 and w.isupper())
            self.first_word.setdefault(low, u)
        lows = list(map(lower.__getitem__, words))  # a dict look-up is ~3x cheaper than str.lower
        bigrams = list(zip(lows, lows[1:]))
        seen = len(self.pairs)
        self.pairs.update(bigrams)
        if len(self.pairs) > seen:  # the pairs new to the document are the Counter's last keys
            self._learn(list(islice(reversed(self.pairs), len(self.pairs) - seen)))
        self.counts.update(_lower_runs(text, parts, lows))
        if not bigrams:
            return
        spaced = list(map(" ".__eq__, parts[2:-1:2]))  # token j and j + 1 one space apart
        offsets = None  # offsets[2 * j], offsets[2 * j + 1]: where token j starts and ends

        def span(j: int, k: int) -> tuple[int, int]:
            nonlocal offsets
            if offsets is None:
                offsets = list(accumulate(map(len, parts)))
            return offsets[2 * j], offsets[2 * k + 1]

        for j in compress(count(), map(self.twins.__contains__, bigrams)):
            if spaced[j] and words[j].islower() and words[j + 1].islower():
                self.twin_places.append((unit, *span(j, j + 1), *bigrams[j]))
        single = self._segment_runs(list(map(in_run.__getitem__, words)), lows, bigrams, spaced)
        per_unit = 0
        for j in compress(count(), map(self.odd.__contains__, bigrams)):
            if not (single[j] and single[j + 1] and spaced[j] and words[j].islower() and words[j + 1].islower()):
                continue
            a, b = bigrams[j]
            if attested(a, b):
                continue
            fixes = list(_fixes(a, b, before_name=j + 2 < len(words) and words[j + 2][:1].isupper() and spaced[j + 1]))
            if fixes and per_unit < 10 * MAX_PER_UNIT:
                per_unit += 1
                self.candidates.append((unit, *span(j, j + 1), a, b, fixes))

    def _segment_runs(self, ok, lows, bigrams, spaced) -> list[bool]:
        """Segment each run (see _runs: ``ok`` says which tokens may belong to one) the way
        _segment does, count the syllables standing alone, and return for each token whether
        it stands alone in a run."""
        n = len(ok)
        single = [False] * n
        # pair j inside a run: both tokens may belong to one, one space apart (all in C)
        linked = bytes(map(and_, map(and_, ok, ok[1:]), spaced))
        if 1 not in linked:
            return single
        kind = list(map(self.kind.get, bigrams))  # None, _WORD or _LONG, per pair
        alone = []
        for run in _LINKED.finditer(linked):  # pairs s..e-1 linked: the run is tokens s..e
            i, e = run.start(), run.end() + 1
            while i < e:  # greedy longest match, as _segment
                k = 1
                if i + 1 < e:
                    c = kind[i]
                    if c is _WORD:
                        k = 2
                    elif c is _LONG:
                        left = e - i
                        if left >= 4 and known_word(*lows[i:i + 4]):
                            k = 4
                        elif left >= 3 and known_word(*lows[i:i + 3]):
                            k = 3
                        elif bigrams[i] in self.word_pairs:
                            k = 2
                if k == 1:
                    single[i] = True
                    alone.append(lows[i])
                i += k
        if alone:
            self.alone.update(alone)
        return single


_WORD, _LONG = "word", "long"  # _ConfusionScan.kind: a word pair, a pair that may start a longer word
_LINKED = regex.compile(rb"\x01+")


@lru_cache(maxsize=1 << 12)
def _fixes(a: str, b: str, before_name: bool) -> tuple[tuple[str, str], ...]:
    """Common words one edit away from the pair a b (see vi_confusion)."""
    # before a preposition or conjunction ("thu từ", "đạt với") any word may stand
    fixes = [(x, b) for x in _edits(a) if _common(x, b)] if b not in LINKS else []
    # "thuộc tỉnh Lâm Đồng": the noun before a name is meant; after a grammatical
    # word or classifier ("để mắc", "con bê") any word may follow
    if not before_name and a not in FUNCTION_WORDS and a not in CLASSIFIERS and a not in HERD_NOUNS:
        fixes += [(a, y) for y in _edits(b) if _common(a, y)]
    return tuple(fixes)


def _spaced(text: str, toks: list) -> list[bool]:
    """For each token but the last: is it followed by exactly one space, then the next token?"""
    return [text[m.end():n.start()] == " " for m, n in zip(toks, toks[1:])]


def _rare_twins(ctx, rule, places, pairs: Counter, min_uses: int = 3) -> Iterable[tuple]:
    """A dictionary word written once, in lower case, and never seen in real text, while the
    document itself writes a one-mark variant at least ``min_uses`` times: "dự kiến hoàng
    thành" in a report that says "hoàn thành" everywhere else ("Hoàng thành Thăng Long",
    capitalised, is a name and left alone). ``places``: (unit, start, end, a, b) of every
    lower-case pair, single-spaced, that is a dictionary word not seen in real text."""
    for unit, start, end, a, b in places:
        if pairs[(a, b)] != 1:
            continue
        fixes = [(x, b) for x in _edits(a) if pairs[(x, b)] >= min_uses and known_word(x, b)]
        fixes += [(a, y) for y in _edits(b) if pairs[(a, y)] >= min_uses and known_word(a, y)]
        if len(fixes) != 1:
            continue
        fixed = " ".join(fixes[0])
        yield unit, start, end, ctx.finding(rule, unit, start, end, phrase=f"{a} {b}", fixed=fixed, suggestion=fixed,
                                            evidence={"word": fixed, "uses_in_document": pairs[fixes[0]]})


def _lone_syllables(ctx, rule, unit, toks, at, known, allowed, counts: Counter, min_uses: int = 5
                    ) -> Iterable[tuple]:
    """A syllable used once in the document that makes no word or usual pair with either
    neighbour, while a one-mark variant the document uses at least ``min_uses`` times makes
    usual pairs with both ("phối hợp vơi các" -> "với"). ``at``: the indices of the tokens
    used at most once (no other can be flagged)."""
    text = unit.ntext
    for i in at:
        m = toks[i]
        a = m.group()
        if not a.islower() or a not in known or a in allowed or counts[a] > 1:
            continue
        prev, nxt = _neighbours(text, toks, i)
        if not prev or not nxt or not toks[i - 1].group().islower():
            continue
        if known_word(prev, a) or attested(prev, a) or known_word(a, nxt) or attested(a, nxt):
            continue
        fixes = [x for x in _edits(a) if counts[x] >= min_uses and attested(prev, x) and attested(x, nxt)]
        if len(fixes) != 1:
            continue
        s, e = toks[i - 1].start(), toks[i + 1].end()
        fixed = f"{toks[i - 1].group()} {fixes[0]} {toks[i + 1].group()}"
        yield m.start(), m.end(), ctx.finding(rule, unit, m.start(), m.end(), phrase=text[s:e], fixed=fixed,
                                              suggestion=fixes[0],
                                              evidence={"word": fixes[0], "uses_in_document": counts[fixes[0]]})


RARE = 3  # a syllable in at most this many dictionary entries, and a word of its own in at most
# one of underthesea's four word lists, is rare ("trính", "sóm", "xủ"; not "đợt", "thửa")
COMMON = 30  # … and its variant must be in at least this many ("trình", "sớm", "xử")


def _in_word(lows: list[str], i: int) -> bool:
    """Is token i part of a dictionary word (or a pair seen in real text) with its neighbours?"""
    for s in range(max(0, i - 2), i + 1):
        for n in (2, 3):
            if s + n <= len(lows) and s <= i < s + n and known_word(*lows[s:s + n]):
                return True
    return (i > 0 and attested(lows[i - 1], lows[i])) or (i + 1 < len(lows) and attested(lows[i], lows[i + 1]))


def _rare_syllables(ctx, rule, unit, toks, at, known, allowed, counts: Counter) -> Iterable[tuple]:
    """A rare syllable (in at most ``RARE`` dictionary entries) used once, in lower case, in no
    word with its neighbours, when one mark or final letter changed gives a common syllable
    that makes a common word with a neighbour ("xủ lý" -> "xử"), or is far the commonest variant
    ("thẩm định, trính UBND" -> "trình"; "phát hiện sóm các" -> "sớm")."""
    text = unit.ntext
    weight = syllable_weight()
    lows = None
    hits = 0
    for i in at:  # as in _lone_syllables
        m = toks[i]
        a = m.group()
        if hits >= MAX_PER_UNIT:
            break
        if not a.islower() or weight.get(a, 0) > RARE or a not in known or a in allowed or counts[a] > 1:
            continue
        if word_rank(a) > 1:
            continue  # a word of its own in the smaller lists too ("đợt", "thửa"): common, not rare
        if not is_valid(a):
            continue  # a loan word the dictionary lists ("gas", "bar"): not a Vietnamese syllable slip
        if lows is None:
            lows = [t.group().lower() for t in toks]
        spaced_l = i > 0 and text[toks[i - 1].end():m.start()] == " "
        spaced_r = i + 1 < len(toks) and text[m.end():toks[i + 1].start()] == " "
        window = lows[max(0, i - 2) if spaced_l else i:(i + 3 if spaced_r else i + 1)]
        if _in_word(window, window.index(a)):
            continue
        fixes = [x for x in _edits(a) if weight.get(x, 0) >= COMMON]
        prev = lows[i - 1] if spaced_l else None
        nxt = lows[i + 1] if spaced_r else None
        in_ctx = [x for x in fixes if (prev and _common(prev, x)) or (nxt and _common(x, nxt))]
        fixes.sort(key=lambda x: -weight[x])
        if len(in_ctx) == 1:
            fix = in_ctx[0]
        elif not in_ctx and fixes and (len(fixes) == 1 or weight[fixes[0]] >= 2 * weight[fixes[1]]):
            fix = fixes[0]  # far the commonest variant ("trính" -> "trình" 90 entries, "trinh" 33)
        else:
            continue
        hits += 1
        yield m.start(), m.end(), ctx.finding(
            rule, unit, m.start(), m.end(), phrase=a, fixed=fix, suggestion=fix,
            evidence={"word": fix, "rare": f"“{a}” chỉ có trong {weight.get(a, 0)} mục từ điển"})


def _runs(words, lows, spaced, known, allowed) -> list[tuple[int, int]]:
    """Runs of dictionary syllables separated by single spaces, as (first, end) token indices.
    Capitalised ones take part in segmentation ("Huy động sự") but are never paired; all-caps
    ones break runs. The plain form of the runs _ConfusionScan._segment_runs finds (its reference
    in tests/test_fast_paths_language.py)."""
    runs: list[tuple[int, int]] = []
    start = None  # first token of the open run
    for i, low in enumerate(lows):
        ok = low in known and low not in allowed and not (len(words[i]) > 1 and words[i].isupper())
        if ok and start is not None and spaced[i - 1]:
            continue  # the run goes on
        if start is not None and i - start >= 2:
            runs.append((start, i))
        start = i if ok else None
    if start is not None and len(lows) - start >= 2:
        runs.append((start, len(lows)))
    return runs


# --- NN004 / NN005 / NN006 / NN007: Unicode ------------------------------------------------

_HAS_MARK = regex.compile(r"\p{M}")


@register("vi_decomposed", LanguageParams)
def vi_decomposed(ctx: CheckContext, rule: RuleSpec, p: LanguageParams) -> Iterable[Finding]:
    """Words typed with combining marks (NFD): they look right but break search and
    sorting. One finding per document (the fix is one action: normalise the file), on the
    first such word, with the number of words and paragraphs affected."""
    first = None
    words_: list[str] = []
    paragraphs = 0
    for unit in ctx.units():
        if not unit.norm.changed:
            continue
        original, norm, n = unit.text, unit.norm, len(unit.ntext)
        hits = [m for m in WORD.finditer(unit.ntext)
                if _HAS_MARK.search(original, norm.original_offset(m.start()),
                                    norm.original_offset(m.end()) if m.end() < n else len(original))]
        if not hits:
            continue
        paragraphs += 1
        words_.extend(h.group() for h in hits)
        if first is None:
            first = (unit, hits[0])
    if first is None:
        return
    unit, m = first
    yield ctx.finding(rule, unit, m.start(), m.end(), count=len(words_), paragraphs=paragraphs,
                      word=m.group(), suggestion="Chuẩn hoá toàn văn bản về dạng dựng sẵn (NFC)",
                      evidence={"decomposed_words": ", ".join(words_[:8]) + ("…" if len(words_) > 8 else ""),
                                "paragraphs": paragraphs})


class ToneStyleParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_ratio: float = Field(2.0, ge=1.0)  # majority must outnumber minority this many times
    max_findings: int = Field(10, ge=1)


# Only words ending in o+a, o+e or u+y can show a tone style (each vowel bare or carrying tone
# marks only: every such NFC letter is listed, "ṍ" and "ṹ" included). _STYLE_END finds those
# word ends, _RUN_BACK takes the whole letter run back from there (the same span WORD gives):
# the regex engine skips ~99 % of the words instead of handing each one to Python.
_STYLE_END = regex.compile(r"(?:[oòóỏõọṍ]\p{M}*[aàáảãạeèéẻẽẹ]|[uùúủũụṹ]\p{M}*[yỳýỷỹỵ])\p{M}*(?![\p{L}\p{M}])",
                           regex.IGNORECASE)
_RUN_BACK = regex.compile(r"[\p{L}\p{M}]++", regex.REVERSE)


def _stylable_words(text: str):
    for end in _STYLE_END.finditer(text):
        yield _RUN_BACK.match(text, 0, end.end())


@register("vi_tone_style", ToneStyleParams)
def vi_tone_style(ctx: CheckContext, rule: RuleSpec, p: ToneStyleParams) -> Iterable[Finding]:
    """Old and new tone placement mixed in one document ("hóa"/"hoá"): the minority style
    is flagged with the majority spelling as suggestion."""
    occ: dict[str, list] = {"old": [], "new": []}
    for unit in ctx.units():
        for m in _stylable_words(unit.ntext):
            style = tone_style(m.group())
            if style:
                occ[style].append((unit, m))
    old, new = len(occ["old"]), len(occ["new"])
    if not old or not new:
        return
    major, minor = ("old", "new") if old >= new else ("new", "old")
    if len(occ[major]) < p.min_ratio * len(occ[minor]):
        return  # no clear house style: say nothing rather than guess
    label = {"old": "hòa, thủy", "new": "hoà, thuỷ"}
    by_word: dict[str, list] = defaultdict(list)
    for unit, m in occ[minor]:
        by_word[m.group()].append((unit, m))
    for word, places in list(by_word.items())[: p.max_findings]:
        unit, m = places[0]  # one finding per spelling, on its first use
        fixed = restyle(word, major)
        yield ctx.finding(rule, unit, m.start(), m.end(), word=word, fixed=fixed, times=len(places),
                          style=label[major], suggestion=fixed,
                          evidence={"majority": f"{len(occ[major])} chữ kiểu “{label[major]}”",
                                    "minority": f"{len(occ[minor])} chữ kiểu “{label[minor]}”",
                                    "this_spelling": f"“{word}” {len(places)} lần"})


_SCRIPT = regex.compile(r"\p{Script=Cyrillic}|\p{Script=Greek}")


@register("vi_lookalike", LanguageParams)
def vi_lookalike(ctx: CheckContext, rule: RuleSpec, p: LanguageParams) -> Iterable[Finding]:
    """A word mixing Latin letters with Cyrillic or Greek look-alikes ("Việt Nаm" with a
    Cyrillic а): it reads right but search and spell-checking miss it."""
    for unit in ctx.units():
        text = unit.ntext
        if not _SCRIPT.search(text):
            continue  # no Cyrillic or Greek letter at all: nearly every paragraph
        hits = 0
        for m in WORD.finditer(text):
            w = m.group()
            if hits < MAX_PER_UNIT and _SCRIPT.search(w) and regex.search(r"\p{Script=Latin}", w):
                odd = "".join(sorted({c for c in w if _SCRIPT.match(c)}))
                names = ", ".join(f"{c} ({unicodedata.name(c, '?').title()})" for c in odd)
                hits += 1
                yield ctx.finding(rule, unit, m.start(), m.end(), word=w, chars=names,
                                  evidence={"characters": names})


# TCVN3 (ABC) text read as Windows-1252 and VNI text read as Windows-1252.
_T3 = r"\xa1-\xaf\xb4-\xb6\xb8-\xbf"  # Latin-1 signs TCVN3 uses for letters (not ° ± ² ³ ·)
_TCVN3 = regex.compile(rf"(?<![\p{{L}}{_T3}])[\p{{L}}{_T3}]*(?:[{_T3}]|\p{{Ll}}[\xc0-\xde])[\p{{L}}{_T3}]*")
_VNI = regex.compile(r"\b[A-Za-z]*[aeiouyAEIOUY][øùûõïáàäåâæéèëêöôóòõñ][A-Za-z]*|\b[ñÑ][a-zöôø]+")
# A _TCVN3 match needs one of these characters: without any, the scan is skipped.
_TCVN3_HINT = regex.compile(rf"[{_T3}\xc0-\xde]")
_ASCII_LETTER = regex.compile("[A-Za-z]")


@register("vi_legacy_font", LanguageParams)
def vi_legacy_font(ctx: CheckContext, rule: RuleSpec, p: LanguageParams) -> Iterable[Finding]:
    """Text pasted from legacy TCVN3 (.VnTime) or VNI fonts shows as "Th«ng b¸o" or
    "Thoâng baùo". One finding per paragraph with three or more such words."""
    known = syllables()
    per_chunk: dict[str, int] = {}  # legacy-font words in a whitespace-free chunk of text
    for unit in ctx.units():
        text = unit.ntext
        # Neither pattern matches across whitespace, and whitespace before or after a chunk
        # looks to both like the text's edge (not a letter, nor a \w for \b; checked over every
        # code point in tests/test_fast_paths_language.py): a paragraph's hits are those of its
        # chunks, counted once per distinct chunk. Nearly every paragraph has none.
        chunks = text.split()
        for c in set(chunks).difference(per_chunk):
            per_chunk[c] = sum(len(_legacy_hits(c, rx, known)) for _, rx in _LEGACY)
        if sum(map(per_chunk.__getitem__, chunks)) < 3:
            continue
        for name, rx in _LEGACY:
            hits = _legacy_hits(text, rx, known)
            if len(hits) >= 3:
                s, e = hits[0].start(), hits[min(2, len(hits) - 1)].end()
                yield ctx.finding(rule, unit, s, e, font=name, count=len(hits),
                                  evidence={"font": name, "words": len(hits)})
                break


_LEGACY = (("TCVN3", _TCVN3), ("VNI", _VNI))


def _legacy_hits(text: str, rx, known) -> list:
    """Words of ``text`` in the legacy font of ``rx``: no Vietnamese syllable, an ASCII letter."""
    if rx is _TCVN3 and not _TCVN3_HINT.search(text):
        return []  # every TCVN3 word has one of these characters
    return [m for m in rx.finditer(text) if _ASCII_LETTER.search(m.group())
            and not is_valid(m.group().lower())
            and m.group().lower() not in known]


# --- NN008: brackets and quotes -------------------------------------------------------

_OPEN = {"(": ")", "“": "”", "‘": "’", "[": "]"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_BRACKET = regex.compile("[" + regex.escape("".join(_OPEN) + "".join(_CLOSE)) + "]")
_LIST_LABEL = regex.compile(r"(?:^|(?<=\n))[ \t]*\(?(?:[0-9]{1,2}|[a-zđA-ZĐ]|[ivxIVX]{1,4})\)")


@register("vi_brackets", LanguageParams)
def vi_brackets(ctx: CheckContext, rule: RuleSpec, p: LanguageParams) -> Iterable[Finding]:
    """Quotes and brackets that do not pair within a paragraph: ‘…” or “… without its
    closing mark, ( without ). List labels "1)", "a)" and apostrophes are not brackets."""
    for unit in ctx.units():
        text = unit.ntext
        marks = [(m.start(), m.group()) for m in _BRACKET.finditer(text)]  # only these matter
        if not marks:
            continue
        labels = {i for m in _LIST_LABEL.finditer(text) for i in range(m.start(), m.end())}
        stack: list[tuple[str, int]] = []
        singles = 0  # "‘" on the stack
        emitted = 0
        for i, ch in marks:
            if emitted >= MAX_PER_UNIT:
                break
            if i in labels:
                continue  # "(1)", "a)" list labels
            if ch in _OPEN:
                if ch == "‘" and i > 0 and text[i - 1].isalpha():
                    continue
                stack.append((ch, i))
                singles += ch == "‘"
            elif ch in _CLOSE:
                if ch == "’" and (i + 1 < len(text) and text[i + 1].isalpha()):
                    continue  # apostrophe inside a word
                if ch == "’" and not singles:
                    continue
                if stack and stack[-1][0] == _CLOSE[ch]:
                    singles -= stack.pop()[0] == "‘"
                    continue
                emitted += 1
                if stack and {stack[-1][0], _CLOSE[ch]} <= {"“", "‘"}:
                    o, at = stack.pop()  # ‘…” : mismatched quote pair
                    singles -= o == "‘"
                    yield ctx.finding(rule, unit, at, i + 1, mark=o,
                                      suggestion="“" + text[at + 1:i] + "”",
                                      evidence={"opened": o, "closed": ch})
                    continue
                yield ctx.finding(rule, unit, i, i + 1, mark=ch, evidence={"closed_without_open": ch})
        for o, at in stack[: max(0, MAX_PER_UNIT - emitted)]:
            end = min(len(text), at + 1 + 25)
            yield ctx.finding(rule, unit, at, at + 1, mark=o,
                              evidence={"opened_without_close": o, "after": text[at:end]})


# --- NN013 / NN014 / NN015: names -----------------------------------------------------------

NAME = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]{1,10}(?:[ ]\p{Lu}[\p{Ll}\p{M}]{1,10}){1,5}(?![\p{L}\p{M}])")


@lru_cache(maxsize=1 << 14)
def _skeleton(s: str) -> str:
    d = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in d if not unicodedata.combining(c)).lower()


@register("vi_name_variants", LanguageParams)
def vi_name_variants(ctx: CheckContext, rule: RuleSpec, p: LanguageParams) -> Iterable[Finding]:
    """The same capitalised name written with different accents in one document ("Sin
    Suối Hồ" and "Sìn Suối Hồ"): the rarer spelling is flagged. Differences of tone
    placement only ("Hoà"/"Hòa") are left to NN005."""
    groups: dict[str, Counter] = defaultdict(Counter)
    where: dict[str, list] = defaultdict(list)
    for unit in ctx.units():
        for m in NAME.finditer(unit.ntext):
            name = m.group()
            sylls = name.split(" ")
            if any(not VIET_MARKED.search(s) and not s.isascii() for s in sylls):
                continue
            canon = " ".join(restyle(s, "old") if tone_style(s) == "new" else s for s in sylls)
            groups[_skeleton(name)][canon] += 1
            where[canon].append((unit, m))
    for key, spellings in groups.items():
        if len(spellings) < 2:
            continue
        (top, n_top), *rest = spellings.most_common()
        for variant, n in rest:
            if n >= n_top or variant.lower() == top.lower():
                continue  # a tie, or only letter case differs
            # names may differ only in letters that carry marks, syllable by syllable
            if not all(_skeleton(a) == _skeleton(b) for a, b in zip(top.split(), variant.split())):
                continue
            for unit, m in where[variant][:3]:
                yield ctx.finding(rule, unit, m.start(), m.end(), name=m.group(), other=top,
                                  suggestion=top,
                                  evidence={"spellings": f"“{top}” {n_top} lần, “{variant}” {n} lần"})


_LOWER_WORDS = regex.compile(r"(\p{Ll}{1,10})(?: (\p{Ll}{1,10}))?(?: (\p{Ll}{1,10}))?(?![\p{L}\p{M}])")
_ADMIN_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(xã|huyện|tỉnh|phường|quận|thị trấn|thành phố|thị xã|thôn|bản|ấp)\s+")


@register("vi_name_case", LanguageParams)
def vi_name_case(ctx: CheckContext, rule: RuleSpec, p: LanguageParams) -> Iterable[Finding]:
    """A place name after "xã", "huyện", "thị trấn"… written in lower case although the
    document capitalises it elsewhere ("thị trấn phong thổ" vs "Phong Thổ")."""
    names: Counter = Counter()
    units = ctx.units()
    for unit in units:
        for m in NAME.finditer(unit.ntext):
            sylls = m.group().split(" ")
            for k in range(len(sylls) - 1):  # every capitalised pair and triple inside
                for n in (2, 3):
                    if k + n <= len(sylls):
                        names[" ".join(sylls[k:k + n]).lower()] += 1
    if not names:
        return
    for unit in units:
        text = unit.ntext
        hits = 0
        for m in _ADMIN_BEFORE.finditer(text):
            if hits >= MAX_PER_UNIT:
                break
            start = m.end()
            rest = _LOWER_WORDS.match(text, start)
            if not rest:
                continue
            sylls = [g for g in rest.groups() if g]
            for n in (3, 2):
                if len(sylls) >= n:
                    cand = " ".join(sylls[:n])
                    if names.get(cand, 0) >= 1:
                        fixed = " ".join(s[:1].upper() + s[1:] for s in sylls[:n])
                        hits += 1
                        yield ctx.finding(rule, unit, start, start + len(cand), name=cand, fixed=fixed,
                                          suggestion=fixed, evidence={"capitalised_elsewhere": fixed})
                        break


INSTITUTIONS = (
    # (pattern over NFC text, correct form); flagged when the text differs from the form
    (r"Đảng\s+cộng\s+sản\s+Việt\s+Nam|đảng\s+[Cc]ộng\s+[Ss]ản\s+Việt\s+Nam|Đảng\s+Cộng\s+Sản\s+Việt\s+Nam",
     "Đảng Cộng sản Việt Nam"),
    (r"Mặt\s+trận\s+tổ\s+quốc\s+Việt\s+Nam|Mặt\s+Trận\s+Tổ\s+Quốc\s+Việt\s+Nam", "Mặt trận Tổ quốc Việt Nam"),
    (r"(?:Ủ|Uỷ)y?\s+Ban\s+Nhân\s+Dân|Ủy\s+ban\s+Nhân\s+dân|Uỷ\s+Ban\s+Nhân\s+Dân", "Ủy ban nhân dân"),
    (r"Hội\s+Đồng\s+Nhân\s+Dân|Hội\s+đồng\s+Nhân\s+dân", "Hội đồng nhân dân"),
    # lower-case head before a named body: "ủy ban nhân dân tỉnh Lai Châu"
    (r"(?<![\p{L}\p{M}])(?:ủy|uỷ)\s+ban\s+nhân\s+dân(?=\s+(?:(?:tỉnh|huyện|xã|phường|quận|thị\s+xã|thị\s+trấn|thành\s+phố)\s+)?\p{Lu})",
     "Ủy ban nhân dân"),
    (r"(?<![\p{L}\p{M}])hội\s+đồng\s+nhân\s+dân(?=\s+(?:(?:tỉnh|huyện|xã|phường|quận|thị\s+xã|thị\s+trấn|thành\s+phố)\s+)?\p{Lu})",
     "Hội đồng nhân dân"),
)
_INSTITUTIONS = [(regex.compile(p), form) for p, form in INSTITUTIONS]
# Words every match of the pattern at the same index holds, as written (the patterns are case-
# sensitive): a paragraph without them is not scanned with it (most have none).
_INSTITUTION_WORDS = (("Việt",), ("Việt",), ("Nhân",), ("Nhân",), ("ban", "nhân"), ("hội", "đồng", "nhân"))


@register("vi_institution_case", LanguageParams)
def vi_institution_case(ctx: CheckContext, rule: RuleSpec, p: LanguageParams) -> Iterable[Finding]:
    """Names of institutions capitalised as Decree 30/2020/NĐ-CP requires: "Đảng Cộng sản
    Việt Nam", "Ủy ban nhân dân tỉnh…", "Hội đồng nhân dân huyện…". Generic use in lower
    case ("ủy ban nhân dân các cấp") is left alone."""
    for unit in ctx.units():
        text = unit.ntext
        hits = 0
        if "hân" not in text and "Việt" not in text:
            continue  # in every pattern's words below ("Nhân", "nhân" or "Việt")
        for (rx, form), needed in zip(_INSTITUTIONS, _INSTITUTION_WORDS):
            if not all(w in text for w in needed):
                continue
            for m in rx.finditer(text):
                if hits >= MAX_PER_UNIT:
                    break
                got = " ".join(m.group().split())
                if got == form or got.isupper():
                    continue
                fixed = form
                if form.startswith("Ủy") and got.lower().startswith("uỷ"):
                    fixed = "Uỷ" + form[2:]
                if got == fixed:
                    continue
                hits += 1
                yield ctx.finding(rule, unit, m.start(), m.end(), name=m.group(), fixed=fixed,
                                  suggestion=fixed)
