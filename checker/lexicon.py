"""The Vietnamese word list (Viet74K, shipped offline by underthesea on PyPI).

Loaded once per process and shared: rules ask whether a syllable sequence is a word.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import chain
from importlib.util import find_spec
from pathlib import Path

import regex


@lru_cache(maxsize=1)
def _underthesea_dir() -> Path:
    """Where underthesea is installed, found without importing it (its import is slow)."""
    spec = find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("underthesea is required for the Vietnamese word list")
    return Path(list(spec.submodule_search_locations)[0])


def files(_package: str) -> Path:
    return _underthesea_dir()


@lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """Lower-cased NFC entries, single and multi-syllable ("hành vi", "ngày ngày")."""
    path = files("underthesea").joinpath("corpus/data/Viet74K.txt")
    text = path.read_text(encoding="utf-8")
    return frozenset(unicodedata.normalize("NFC", line.strip().lower()) for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every syllable that occurs in some entry."""
    out: set[str] = set()
    for entry in words():
        out.update(entry.replace("-", " ").split())
    return frozenset(out)


def is_word(*syllables_: str) -> bool:
    return " ".join(s.lower() for s in syllables_) in words()


# --- additions for the language rules -------------------------------------------------

def _data_file(name: str):
    from .ruleset import default_rules_dir

    return default_rules_dir() / "data" / name


@lru_cache(maxsize=1)
def _language_data() -> dict:
    import yaml

    path = _data_file("language_words.yaml")
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def allowed_tokens() -> frozenset[str]:
    """Shipped allow-list (rules/data/language_words.yaml, ``allowed``): lower-cased NFC
    tokens accepted by the syllable rule (loan words, units, common codes)."""
    items = _language_data().get("allowed") or []
    return frozenset(unicodedata.normalize("NFC", str(w)).lower() for w in items)


@lru_cache(maxsize=1)
def extra_words() -> frozenset[str]:
    """Administrative words missing from Viet74K (``extra_words`` in the data file)."""
    items = _language_data().get("extra_words") or []
    return frozenset(unicodedata.normalize("NFC", str(w)).lower() for w in items)


@lru_cache(maxsize=1 << 16)
def canon(syllable: str) -> str:
    """One spelling per syllable for look-ups: tone on the old-style vowel ("hoá" -> "hóa")."""
    from .checks.language_ortho import restyle, tone_style

    return restyle(syllable, "old") if tone_style(syllable) == "new" else syllable


@lru_cache(maxsize=1)
def _more_words() -> frozenset[str]:
    """What ``known_word`` accepts beyond Viet74K: the extra words, and every entry under its
    canonical tone placement. Kept beside words() rather than merged into a copy of it (a second
    set of 74.000 entries cost ~5 MB)."""
    out = set(extra_words())
    out.update(_canon_entry(e) for e in chain(words(), extra_words()) if _NEW_STYLE.search(e))
    return frozenset(out - words())


_NEW_STYLE = regex.compile(r"[oO][àáảãạèéẻẽẹ]|[uU][ỳýỷỹỵ]")


def _canon_entry(entry: str) -> str:
    if not _NEW_STYLE.search(entry):
        return entry
    return " ".join(canon(s) for s in entry.split(" "))


@lru_cache(maxsize=1)
def syllable_weight() -> dict[str, int]:
    """How many word-list entries use a syllable: a rough measure of how common it is."""
    out: dict[str, int] = {}
    for entry in chain(words(), _more_words()):  # every accepted entry once
        for syl in entry.replace("-", " ").split():
            out[syl] = out.get(syl, 0) + 1
    return out


# Pure look-ups over data fixed for the process: cached because the language rules ask the same
# question for every occurrence of a word (hundreds of thousands of times on a long report). An
# entry costs ~150 bytes: 32.768 of them (a real 500-page report has more distinct 2- to 4-syllable
# sequences) stay under 5 MB, and the frequent ones stay cached.
@lru_cache(maxsize=1 << 15)
def known_word(*syllables_: str) -> bool:
    """Is the sequence a dictionary word, whichever tone placement it uses?"""
    key = " ".join(canon(s.lower()) for s in syllables_)
    return key in words() or key in _more_words()


@lru_cache(maxsize=1)
def long_word_starts() -> frozenset[tuple[str, str]]:
    """The first two syllables (canonical tone placement) of every entry of three or more:
    ``known_word`` of three or four syllables can only hold when the first two are here."""
    out = set()
    for entry in chain(words(), _more_words()):
        parts = entry.split(" ")
        if len(parts) >= 3:
            out.add((parts[0], parts[1]))
    return frozenset(out)


def may_start_long_word(a: str, b: str) -> bool:
    """False when no word of three or more syllables starts with ``a b`` (so ``known_word(a, b,
    c)`` and ``known_word(a, b, c, d)`` are false whatever follows)."""
    return (canon(a.lower()), canon(b.lower())) in long_word_starts()


@lru_cache(maxsize=1)
def _deletion_index() -> dict[str, tuple[str, ...]]:
    """Every dictionary syllable under itself and each one-letter deletion of itself."""
    index: dict[str, set[str]] = {}
    for syl in syllable_weight():
        if not syl.isalpha():
            continue
        index.setdefault(syl, set()).add(syl)
        for i in range(len(syl)):
            index.setdefault(syl[:i] + syl[i + 1:], set()).add(syl)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def one_edit_syllables(token: str) -> list[str]:
    """Dictionary syllables at Levenshtein distance exactly 1 from ``token`` (NFC, lower)."""
    from rapidfuzz.distance import Levenshtein

    index = _deletion_index()
    cands: set[str] = set(index.get(token, ()))
    for i in range(len(token)):
        cands.update(index.get(token[:i] + token[i + 1:], ()))
    return sorted(c for c in cands if c != token and Levenshtein.distance(c, token) == 1)


@lru_cache(maxsize=1)
def _list_counts() -> dict[str, int]:
    """In how many of underthesea's word lists (Viet11K, 22K, 39K, 74K) a word appears:
    a rough measure of how common it is."""
    out: dict[str, int] = {}
    for name in ("Viet11K", "Viet22K", "Viet39K", "Viet74K"):
        if name == "Viet74K":
            seen = words()
        else:
            path = files("underthesea").joinpath(f"corpus/data/{name}.txt")
            seen = {unicodedata.normalize("NFC", line.strip().lower())
                    for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
        for w in seen:
            key = _canon_entry(w)
            out[key] = out.get(key, 0) + 1
    return out


def word_rank(*syllables_: str) -> int:
    key = " ".join(canon(s.lower()) for s in syllables_)
    return _list_counts().get(key, 0) + (1 if key in extra_words() else 0)


@lru_cache(maxsize=1)
def attested_pairs() -> frozenset[str]:
    """Syllable pairs seen in real Vietnamese text: the bigram features of underthesea's
    word-segmentation and POS models (trained on the VLSP 2013 treebank) and the
    multi-syllable words of the tagged sample shipped with the POS model. Used as
    evidence that a pair is usual, where Viet74K only lists dictionary words."""
    base = files("underthesea").joinpath("pipeline")
    out: set[str] = set()
    feature = regex.compile(rb"T\[(?:-2,-1|-1,0|0,1|1,2)\](?:\.lower)?=([^\x00]+)\x00")
    for rel in ("word_tokenize/models/ws_crf_vlsp2013_20230727/models.bin",
                "pos_tag/models/pos_crf_vlsp2013_20230303/models.bin"):
        path = base.joinpath(rel)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, OSError):
            continue
        for m in feature.finditer(data):
            try:
                text = m.group(1).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if text.count(" ") == 1:
                out.add(unicodedata.normalize("NFC", text.lower()))
    try:
        sample = base.joinpath("pos_tag/models/pos_crf_vlsp2013_20230303/test_output.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        sample = ""
    for line in sample.splitlines():
        word = line.split("\t", 1)[0].strip().lower()
        sylls = word.split(" ")
        for a, b in zip(sylls, sylls[1:]):
            out.add(unicodedata.normalize("NFC", f"{a} {b}"))
    return frozenset(_canon_entry(p) for p in out)


@lru_cache(maxsize=1 << 14)
def attested(a: str, b: str) -> bool:
    return f"{canon(a.lower())} {canon(b.lower())}" in attested_pairs() or known_extra(a, b)


def known_extra(*syllables_: str) -> bool:
    return " ".join(canon(s.lower()) for s in syllables_) in _extra_canon()


@lru_cache(maxsize=1)
def _extra_canon() -> frozenset[str]:
    """The extra words under their canonical tone placement (built once, not per look-up)."""
    return frozenset(" ".join(canon(s) for s in w.split(" ")) for w in extra_words())
