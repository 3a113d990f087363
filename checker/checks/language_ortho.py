"""Vietnamese orthography: which letter strings are well-formed syllables.

A syllable is onset + rime (medial, nucleus, coda) + tone. The model generates every
well-formed spelling once per process (a few tens of thousands of strings) with the tone
mark on an allowed vowel; both placements are accepted where usage differs
("hoà"/"hòa", "thuỷ"/"thủy"). Spelling constraints are enforced: "gh/ngh/k" only
before e, ê, i (y for k); "c/g/ng" never before them; stop codas (p, t, c, ch) take
only the sắc or nặng tone. Doubled consonants ("tttài", "Viêttel") and impossible
rimes ("đoeẻ") therefore fail.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Optional

ONSETS = ("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
          "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x")

_RIMES = """
a ai ao au ay am an ang anh ap at ac ach
ăm ăn ăng ăp ăt ăc
âu ây âm ân âng âp ât âc
e eo em en eng ep et ec
ê êu êm ên ênh êp êt êch
i ia iu im in inh ip it ich
iêu iêm iên iêng iêp iêt iêc
yêu yêm yên yêng yêt
o oi om on ong op ot oc oong ooc
ô ôi ôm ôn ông ôp ôt ôc
ơ ơi ơm ơn ơp ơt
u ua ui um un ung up ut uc
uôi uôm uôn uông uôt uôc
ư ưa ưi ưu ưm ưn ưng ưt ưc
ươi ươu ươm ươn ương ươp ươt ươc
y
oa oai oay oam oan oang oanh oap oat oac oach
oăm oăn oăng oăt oăc
oe oeo oen oet
uê uênh uêch uơ
uân uâng uât uây
uy uya uyu uyn uynh uyt uych uyên uyêt
"""
RIMES = tuple(_RIMES.split())

# Rimes after "qu" (the u belongs to the onset): "qua", "quê", "quy", "quân", "quyết".
_QU_RIMES = """
a ai ao an ang anh ap at ac ach ay ăm ăn ăng ăt ăc âu ân âng ât ây
e eo en et ê ên ênh êch y yn ynh yt ych yêt yên yêu i ơ ơi
"""
QU_RIMES = tuple(_QU_RIMES.split())

STOPS = ("p", "t", "c", "ch")
FRONT = ("e", "ê", "i", "y")
VOWELS = set("aăâeêioôơuưy")
MODIFIED = set("ăâêôơư")
TONES = {"ngang": "", "huyền": "\u0300", "sắc": "\u0301", "hỏi": "\u0309", "ngã": "\u0303", "nặng": "\u0323"}
TONE_MARKS = {v: k for k, v in TONES.items() if v}


def _onset_fits(onset: str, rime: str) -> bool:
    first = rime[0]
    if onset in ("gh", "ngh", "k"):
        return first in FRONT and not (onset != "k" and first == "y")
    if onset in ("c", "ng"):
        return first not in FRONT
    if onset == "g":
        return first not in ("e", "ê", "y")  # "gì" is g + i
    if onset == "gi":
        return not rime.startswith(("i", "y"))
    if onset == "qu":
        return False  # handled with QU_RIMES
    if onset == "":
        return not rime.startswith("iê")  # "yên", not "iên"
    if rime.startswith("yê"):
        return onset == ""
    return True


def tone_positions(rime: str) -> list[int]:
    """Indices in ``rime`` where a tone mark may sit (two where usage differs)."""
    vowels = [i for i, c in enumerate(rime) if c in VOWELS]
    modified = [i for i in vowels if rime[i] in MODIFIED]
    if modified:
        return [modified[-1]]
    if not rime[-1] in VOWELS:  # closed syllable: last vowel
        return [vowels[-1]]
    if len(vowels) == 1:
        return vowels
    if len(vowels) == 2:
        if rime in ("oa", "oe", "uy"):
            return [vowels[0], vowels[1]]  # old "hòa", new "hoà"
        return [vowels[0]]
    return [vowels[1]]  # oai, oay, uya, uyu, oeo


def _mark(rime: str, pos: int, mark: str) -> str:
    return unicodedata.normalize("NFC", rime[:pos + 1] + mark + rime[pos + 1:])


@lru_cache(maxsize=1)
def valid_syllables() -> frozenset[str]:
    """Every well-formed lower-case syllable (NFC), with both tone placements."""
    out: set[str] = set()
    pairs = [(o, r) for o in ONSETS for r in RIMES if o != "qu" and _onset_fits(o, r)]
    pairs += [("qu", r) for r in QU_RIMES]
    for onset, rime in pairs:
        stop = rime.endswith(STOPS)
        for tone, mark in TONES.items():
            if stop and tone not in ("sắc", "nặng"):
                continue
            if not mark:
                out.add(onset + rime)
                continue
            for pos in tone_positions(rime):
                out.add(onset + _mark(rime, pos, mark))
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def is_valid(syllable: str) -> bool:
    return syllable.lower() in valid_syllables()


@lru_cache(maxsize=1 << 14)  # pure; the confusion rule asks again for every repeat of a word
def strip_tone(syllable: str) -> tuple[str, Optional[str]]:
    """("hoà") -> ("hoa", "huyền")."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = None
    kept = []
    for ch in decomposed:
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


@lru_cache(maxsize=1 << 16)
def tone_style(syllable: str) -> Optional[str]:
    """"old" ("hòa", "thủy") or "new" ("hoà", "thuỷ") for open oa/oe/uy syllables with a
    tone; None when the syllable does not show the difference ("hoàn", "quý", "hoa")."""
    low = syllable.lower()
    base, tone = strip_tone(low)
    if tone is None:
        return None
    for rime in ("oa", "oe", "uy"):
        if base.endswith(rime) and len(base) >= 2:
            onset = base[: -len(rime)]
            if onset in ("q", "g") or onset.endswith("q"):
                return None  # "quý", "quá": the u belongs to the onset
            if onset not in ONSETS:
                return None
            # which base letter carries the tone mark
            idx = -1
            count = 0
            for c in unicodedata.normalize("NFD", low):
                if c in TONE_MARKS:
                    idx = count - 1
                elif not unicodedata.combining(c):
                    count += 1
            return "new" if idx == len(base) - 1 else "old"
    return None


def restyle(syllable: str, style: str) -> str:
    """Move the tone of an open oa/oe/uy syllable to the given style, keeping case."""
    base, tone = strip_tone(syllable)
    if tone is None:
        return syllable
    pos = len(base) - 1 if style == "new" else len(base) - 2
    return _mark(base, pos, TONES[tone])
