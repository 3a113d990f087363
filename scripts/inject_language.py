"""Inject one realistic language slip into real text and measure whether rasoat finds it.

    python scripts/inject_language.py ../shared/corpus/*.txt samples/clean_monthly_report.txt tests/data/recall/*.txt
    python scripts/inject_language.py FILE --per-kind 0 --show-misses --show-alarms
    python scripts/inject_language.py FILE --list            # only print the mutations

Each mutant is a copy of a correct report with ONE slip of a kind people really make when
typing Vietnamese: a word or phrase typed twice, a Telex/VNI keystroke slip inside a syllable
(tone on the wrong vowel, a letter doubled, dropped or swapped with its neighbour, two syllables
run together, the horn of ư/ơ lost, the wrong tone key), a word typed in decomposed Unicode
(NFD), a word switched to the other tone-placement style in a document with one house style, a
Cyrillic look-alike letter inside a word, a space before a comma, a quote or bracket left
unclosed.

Places are chosen by pattern and at random (seeded), never from a list of known typos. A
keystroke slip is named after the keystroke and after what it produced, judged with the
orthography model and the Viet74K syllable list only:

* ``/broken``  — no well-formed Vietnamese syllable ("huện", "ngừơi", "vậtchất");
* ``/nonword`` — a well-formed syllable that no dictionary word uses ("gioa");
* ``/real``    — another real syllable ("tỉnh" → "tình", "cơ" → "cở"), kept only when it makes
  no dictionary word with either neighbour (a slip that makes a word, "phòng" → "phong" in "gia
  phong", cannot be told from intent by any checker).

The measure is the one of ``scripts/inject_errors.py``: a mutant is *detected* when rasoat gives
a finding (any rule) that the original does not have, on the mutated line; any other new finding
is a *false alarm*. All rule families run.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Iterator, Optional

import regex

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _load_inject_errors():
    name = "inject_errors"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "inject_errors.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


_ie = _load_inject_errors()
Mutation, Outcome, evaluate, run_rules, table = _ie.Mutation, _ie.Outcome, _ie.evaluate, _ie.run_rules, _ie.table

# ---------------------------------------------------------------- Vietnamese letters

TONE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # huyền sắc hỏi ngã nặng
SHAPE_MARKS = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn
VOWELS = set("aeiouy")
# a lower-case word of letters only, not glued to digits, codes or other words
LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_@/&.\-])\p{Ll}[\p{Ll}\p{M}]{0,8}(?![\p{L}\p{M}\p{N}_@/&]|[.\-]\p{L})")


def letters(word: str) -> list[list[str]]:
    """[[base, marks…], …] of an NFC word: "người" -> [[n],[g],[u,horn,grave],[o,horn],[i]]."""
    out: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and out:
            out[-1].append(ch)
        else:
            out.append([ch])
    return out


def join(ls: list[list[str]]) -> str:
    return unicodedata.normalize("NFC", "".join("".join(x) for x in ls))


def tone_of(ls) -> tuple[Optional[int], Optional[str]]:
    for i, x in enumerate(ls):
        for m in x[1:]:
            if m in TONE_MARKS:
                return i, m
    return None, None


def _lex():
    from checker import lexicon
    from checker.checks import language_ortho
    return lexicon, language_ortho


def outcome(new: str) -> str:
    """broken / nonword / real, for one lower-case token."""
    lexicon, ortho = _lex()
    if not ortho.is_valid(new):
        return "broken"
    return "real" if new in lexicon.syllables() or lexicon.canon(new) in lexicon.syllables() else "nonword"


def _open_oa_oe_uy(word: str) -> bool:
    """Words whose tone may sit on either vowel ("hoà"/"hòa"): moving it is a style, not a slip."""
    base = "".join(x[0] for x in letters(word)).lower()
    return base.endswith(("oa", "oe", "uy"))


# ---------------------------------------------------------------- keystroke slips on one syllable

def slip_tone_misplaced(word: str, rng: random.Random) -> Optional[str]:
    """The tone key hit while the cursor sat on another vowel: "người" -> "ngừơi"."""
    ls = letters(word)
    at, tone = tone_of(ls)
    vow = [i for i, x in enumerate(ls) if x[0] in VOWELS]
    if at is None or len(vow) < 2 or _open_oa_oe_uy(word):
        return None
    if word.startswith(("gi", "qu")) and vow[0] == 1:
        vow = vow[1:]  # the i of "gi", the u of "qu" belong to the onset
    others = [i for i in vow if i != at]
    if not others:
        return None
    to = rng.choice(others)
    ls = [list(x) for x in ls]
    ls[at].remove(tone)
    ls[to].append(tone)
    return join(ls)


def slip_letter_doubled(word: str, rng: random.Random) -> Optional[str]:
    """A key pressed twice: "tài" -> "ttài", "Viettel" style."""
    ls = letters(word)
    cons = [i for i, x in enumerate(ls) if x[0] not in VOWELS and x[0].isalpha()]
    if not cons:
        return None
    i = rng.choice(cons)
    return join(ls[:i + 1] + [[ls[i][0]]] + ls[i + 1:])


def slip_letter_dropped(word: str, rng: random.Random) -> Optional[str]:
    """A key not registered: "huyện" -> "huện". The marks of a dropped vowel go with it."""
    ls = letters(word)
    if len(ls) < 3:
        return None
    i = rng.randrange(len(ls))
    new = ls[:i] + ls[i + 1:]
    if tone_of(ls)[0] == i:  # the tone key was typed anyway: it lands on a remaining vowel
        vow = [k for k, x in enumerate(new) if x[0] in VOWELS]
        if not vow:
            return None
        k = vow[min(len(vow) - 1, 1 if len(vow) > 2 else 0)]
        new = [list(x) for x in new]
        new[k].append(tone_of(ls)[1])
    return join(new)


def slip_letters_swapped(word: str, rng: random.Random) -> Optional[str]:
    """Two keys in the wrong order, marks staying on their letters: "giao" -> "gioa"."""
    ls = letters(word)
    opts = [i for i in range(len(ls) - 1) if ls[i][0] != ls[i + 1][0]]
    if not opts:
        return None
    i = rng.choice(opts)
    ls = list(ls)
    ls[i], ls[i + 1] = ls[i + 1], ls[i]
    return join(ls)


def slip_horn_dropped(word: str, rng: random.Random) -> Optional[str]:
    """The w key of Telex missed: "lượng" -> "luợng", "cơ" -> "co"."""
    ls = letters(word)
    horns = [i for i, x in enumerate(ls) if "\u031b" in x]
    if not horns:
        return None
    i = rng.choice(horns)
    ls = [list(x) for x in ls]
    ls[i].remove("\u031b")
    return join(ls)


def slip_tone_changed(word: str, rng: random.Random) -> Optional[str]:
    """The wrong tone key (or one added/forgotten) giving another real syllable: "tỉnh" -> "tình"."""
    lexicon, _ = _lex()
    ls = letters(word)
    at, tone = tone_of(ls)
    vow = [i for i, x in enumerate(ls) if x[0] in VOWELS]
    if not vow:
        return None
    if at is None:  # where a tone would go: the modified vowel, else the last vowel of a closed syllable, else first
        mod = [i for i in vow if any(m in SHAPE_MARKS for m in ls[i][1:])]
        at = mod[-1] if mod else (vow[-1] if ls[-1][0] not in VOWELS else vow[0])
    opts = []
    for t in [None, *sorted(TONE_MARKS)]:
        if t == tone:
            continue
        new = [list(x) for x in ls]
        if tone:
            new[at].remove(tone)
        if t:
            new[at].append(t)
        cand = join(new)
        if cand in lexicon.syllables():
            opts.append(cand)
    return rng.choice(opts) if opts else None


SYLLABLE_SLIPS = {
    "tone_misplaced": slip_tone_misplaced,
    "letter_doubled": slip_letter_doubled,
    "letter_dropped": slip_letter_dropped,
    "letters_swapped": slip_letters_swapped,
    "horn_dropped": slip_horn_dropped,
    "tone_changed": slip_tone_changed,
}


# ---------------------------------------------------------------- finders

def _prose_lines(lines: list[str]) -> list[int]:
    """Lines of running text (not a masthead, a signature or a short table cell)."""
    return [i for i, ln in enumerate(lines) if len(ln.strip()) >= 40 and sum(c.isalpha() for c in ln) > 30]


def _words_of(line: str) -> list[regex.Match]:
    lexicon, _ = _lex()
    return [m for m in LOWER_WORD.finditer(line) if m.group() in lexicon.syllables()]


def _neighbour_words(line: str, m) -> tuple[Optional[str], Optional[str]]:
    left = regex.search(r"([\p{L}\p{M}]+) $", line[:m.start()])
    right = regex.match(r" ([\p{L}\p{M}]+)", line[m.end():])
    return (left.group(1).lower() if left else None), (right.group(1).lower() if right else None)


def _makes_word(new: str, left: Optional[str], right: Optional[str]) -> bool:
    lexicon, _ = _lex()
    return bool((left and lexicon.known_word(left, new)) or (right and lexicon.known_word(new, right)))


def _mut(kind, ln, lines, new_line, before, after, note="") -> Mutation:
    new_lines = list(lines)
    new_lines[ln] = new_line
    return Mutation(kind, "NN", ln + 1, (ln + 1, ln + 1), before, after, "\n".join(new_lines), note=note)


def find_syllable_slips(lines, rng) -> Iterator[Mutation]:
    for ln in _prose_lines(lines):
        line = lines[ln]
        words = _words_of(line)
        if not words:
            continue
        for op, fn in SYLLABLE_SLIPS.items():
            m = rng.choice(words)
            w = m.group()
            new = fn(w, rng)
            if not new or new == w or unicodedata.normalize("NFC", new) == w:
                continue
            kind = outcome(new)
            if op == "tone_changed" and kind != "real":
                continue
            if kind == "real":
                left, right = _neighbour_words(line, m)
                if _makes_word(new, left, right):
                    continue  # a word in its context: no checker can call it a slip
            yield _mut(f"{op}/{kind}", ln, lines, line[:m.start()] + new + line[m.end():], w, new)


def find_missing_space(lines, rng) -> Iterator[Mutation]:
    _, ortho = _lex()
    for ln in _prose_lines(lines):
        line = lines[ln]
        pairs = [(a, b) for a, b in zip(_words_of(line), _words_of(line)[1:]) if line[a.end():b.start()] == " "]
        if not pairs:
            continue
        a, b = rng.choice(pairs)
        joined = a.group() + b.group()
        if ortho.is_valid(joined):
            continue
        yield _mut("missing_space", ln, lines, line[:a.end()] + line[b.start():], f"{a.group()} {b.group()}", joined)


def find_repeats(lines, rng) -> Iterator[Mutation]:
    lexicon, _ = _lex()
    for ln in _prose_lines(lines):
        line = lines[ln]
        words = _words_of(line)
        singles = [m for m in words if not lexicon.is_word(m.group(), m.group())]
        if singles:
            m = rng.choice(singles)
            left, right = _neighbour_words(line, m)
            if m.group() not in (left, right):
                yield _mut("repeat_word", ln, lines, line[:m.end()] + " " + m.group() + line[m.end():],
                           m.group(), f"{m.group()} {m.group()}")
        phrases = []
        for n in (2, 3):
            for k in range(len(words) - n + 1):
                seq = words[k:k + n]
                if all(line[x.end():y.start()] == " " for x, y in zip(seq, seq[1:])) \
                        and lexicon.is_word(*[x.group() for x in seq]):
                    phrases.append((seq[0].start(), seq[-1].end()))
        if phrases:
            s, e = rng.choice(phrases)
            ph = line[s:e]
            if line[e:e + 1 + len(ph)] != " " + ph and not line[:s].endswith(ph + " "):
                yield _mut("repeat_phrase", ln, lines, line[:e] + " " + ph + line[e:], ph, f"{ph} {ph}")


MARKED_WORD = regex.compile(r"(?<![\p{L}\p{M}])[\p{L}\p{M}]*[^\x00-\x7f][\p{L}\p{M}]*(?![\p{L}\p{M}])")


def find_nfd(lines, rng, text) -> Iterator[Mutation]:
    if not unicodedata.is_normalized("NFC", text):
        return  # the document already holds NFD words: one more changes nothing to say
    for ln in _prose_lines(lines):
        line = lines[ln]
        words = [m for m in MARKED_WORD.finditer(line) if unicodedata.normalize("NFD", m.group()) != m.group()]
        if words:
            m = rng.choice(words)
            nfd = unicodedata.normalize("NFD", m.group())
            yield _mut("nfd_word", ln, lines, line[:m.start()] + nfd + line[m.end():], m.group(), m.group() + " (NFD)")


def _style_occurrences(text: str):
    """(line, match, style) of open oa/oe/uy words with a tone, style "old" (hòa) or "new" (hoà)."""
    out = []
    for ln, line in enumerate(text.split("\n")):
        for m in regex.finditer(r"(?<![\p{L}\p{M}])[\p{L}\p{M}]{2,7}(?![\p{L}\p{M}])", line):
            w = m.group()
            ls = letters(w)
            at, tone = tone_of(ls)
            if at is None or len(ls) < 2 or any(len(x) > 1 for i, x in enumerate(ls) if i != at):
                continue
            base = "".join(x[0] for x in ls).lower()
            if not base.endswith(("oa", "oe", "uy")) or base[:-2] in ("q", "g") or base[:-2].endswith("q"):
                continue
            if at == len(ls) - 1:
                out.append((ln, m, "new"))
            elif at == len(ls) - 2:
                out.append((ln, m, "old"))
    return out


def find_tone_style(lines, rng, text) -> Iterator[Mutation]:
    occ = _style_occurrences(text)
    styles = {s for _, _, s in occ}
    if len(styles) != 1 or len(occ) < 4:
        return  # no house style, or a mixed one
    for ln, m, style in occ:
        if ln not in set(_prose_lines(lines)):
            continue
        ls = [list(x) for x in letters(m.group())]
        at, tone = tone_of(ls)
        to = at + 1 if style == "old" else at - 1
        ls[at].remove(tone)
        ls[to].append(tone)
        new = join(ls)
        line = lines[ln]
        yield _mut("tone_style_switch", ln, lines, line[:m.start()] + new + line[m.end():], m.group(), new)


CYRILLIC = {"o": "\u043e", "a": "\u0430", "e": "\u0435", "c": "\u0441", "p": "\u0440"}


def find_lookalike(lines, rng) -> Iterator[Mutation]:
    for ln in _prose_lines(lines):
        line = lines[ln]
        words = [m for m in regex.finditer(r"(?<![\p{L}\p{M}])\p{L}{2,}(?![\p{L}\p{M}])", line)
                 if regex.search("[oa]", m.group())]
        if words:
            m = rng.choice(words)
            w = m.group()
            idx = [i for i, c in enumerate(w) if c in "oa"]
            i = rng.choice(idx)
            new = w[:i] + CYRILLIC[w[i]] + w[i + 1:]
            yield _mut("cyrillic_letter", ln, lines, line[:m.start()] + new + line[m.end():], w, new + " (Kirin)")


def find_space_before_comma(lines, rng) -> Iterator[Mutation]:
    for ln in _prose_lines(lines):
        line = lines[ln]
        commas = [m for m in regex.finditer(r"(?<=\p{L}),(?= \p{L})", line)]
        if commas:
            m = rng.choice(commas)
            yield _mut("space_before_comma", ln, lines, line[:m.start()] + " " + line[m.start():],
                       line[max(0, m.start() - 10):m.end()], line[max(0, m.start() - 10):m.start()] + " ,")


def find_unbalanced(lines, rng) -> Iterator[Mutation]:
    for ln in _prose_lines(lines):
        line = lines[ln]
        quotes = list(regex.finditer(r"“[^“”\n]{2,80}”", line))
        brackets = list(regex.finditer(r"(?<=\p{L} )\([^()\n]{3,120}\)", line))
        for kind, found in (("unbalanced_quote", quotes), ("unbalanced_bracket", brackets)):
            if not found:
                continue
            m = rng.choice(found)
            if rng.random() < 0.5:  # the closing mark lost when the sentence was edited
                new_line = line[:m.end() - 1] + line[m.end():]
            else:
                new_line = line[:m.start()] + line[m.start() + 1:]
            yield _mut(kind, ln, lines, new_line, m.group()[:40], "(một dấu bị xóa)")


def mutations(text: str, seed: int = 0, per_kind: int = 3, name: str = "") -> list[Mutation]:
    """Mutants of one report: up to ``per_kind`` of each kind (0 = all), chosen with ``seed``."""
    rng = random.Random(f"lang:{seed}:{name}")
    lines = text.split("\n")
    by_kind: dict[str, list[Mutation]] = defaultdict(list)
    finders = [find_syllable_slips(lines, rng), find_missing_space(lines, rng), find_repeats(lines, rng),
               find_nfd(lines, rng, text), find_tone_style(lines, rng, text), find_lookalike(lines, rng),
               find_space_before_comma(lines, rng), find_unbalanced(lines, rng)]
    for gen in finders:
        for mu in gen:
            if mu.text != text:
                by_kind[mu.kind].append(mu)
    return _ie.pick(by_kind, sorted(by_kind), per_kind, rng)


def main(argv: Optional[list[str]] = None) -> int:
    return _ie.run_cli(argv, mutations, __doc__.split("\n\n")[0])


if __name__ == "__main__":
    raise SystemExit(main())
