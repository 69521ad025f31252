"""Look-alike letters across Latin, Cyrillic and Greek, and repairing words that mix them.

Scraped and OCR'd text often has a Cyrillic "а" or "с" inside an English word
or list marker, or a Latin "o" inside a Russian word: invisible to a reader,
fatal to search, matching and entity linking. The tables here map each letter
to its twin in another script. Two strengths:

- ``STRICT``: glyphs that are identical in common fonts (Cyrillic а/a, о/o,
  Greek Ο/O...). Safe even for a whole word judged by its context.
- ``BROAD``: adds near twins (Cyrillic к/k, Greek ν/v, α/a...). Used only inside
  a word whose own letters say which script it is written in.

`mixed_script_fixes` returns the repairs; `latin_skeleton` folds every
look-alike to Latin for matching keys (dedup, entity names), not for display.

Real Russian, Kazakh or Greek words are never touched: a word is changed only
when its script is clear, from its own distinctive letters or, for a word made
only of identical look-alikes (a Cyrillic "а)" list marker in English text),
from the clear script of the words around it on the same line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# -- tables --------------------------------------------------------------------

# Cyrillic -> Latin, identical glyphs
CYRILLIC_TO_LATIN_STRICT = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
    "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W",
    "Ӏ": "I", "Ү": "Y",
}
CYRILLIC_TO_LATIN = {
    **CYRILLIC_TO_LATIN_STRICT,
    "ё": "ë", "ї": "ï", "к": "k", "ү": "y", "У": "Y", "Ё": "Ë", "Ї": "Ï",
}
# Latin -> Cyrillic, for Latin letters inside a Cyrillic word (Russian/Kazakh letters only)
LATIN_TO_CYRILLIC = {
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і",
    "h": "һ", "k": "к", "ë": "ё",
    "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р",
    "C": "С", "T": "Т", "X": "Х", "Y": "У", "I": "І", "Ë": "Ё",
}
GREEK_TO_LATIN_STRICT = {
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
}
GREEK_TO_LATIN = {
    **GREEK_TO_LATIN_STRICT,
    "α": "a", "ι": "i", "ν": "v", "ρ": "p", "υ": "u", "κ": "k", "χ": "x", "γ": "y",
    "ϲ": "c", "ϳ": "j",
}
LATIN_TO_GREEK = {
    "A": "Α", "B": "Β", "E": "Ε", "Z": "Ζ", "H": "Η", "I": "Ι", "K": "Κ", "M": "Μ",
    "N": "Ν", "O": "Ο", "P": "Ρ", "T": "Τ", "Y": "Υ", "X": "Χ",
    "o": "ο", "a": "α", "i": "ι", "v": "ν", "p": "ρ", "u": "υ", "k": "κ", "x": "χ",
}

# (from script, to script) -> table
TABLES = {
    ("Cyrillic", "Latin"): CYRILLIC_TO_LATIN,
    ("Latin", "Cyrillic"): LATIN_TO_CYRILLIC,
    ("Greek", "Latin"): GREEK_TO_LATIN,
    ("Latin", "Greek"): LATIN_TO_GREEK,
}
STRICT_TO_LATIN = {**CYRILLIC_TO_LATIN_STRICT, **GREEK_TO_LATIN_STRICT}
# single-letter Latin words that are Russian words when written in Cyrillic
# ("c" for "с", "a" for "а"...): fixed only inside clearly Cyrillic lines
LATIN_WORDS_IN_CYRILLIC = {"a": "а", "o": "о", "c": "с", "y": "у"}

_SKELETON = str.maketrans({**CYRILLIC_TO_LATIN, **GREEK_TO_LATIN})


def latin_skeleton(text: str) -> str:
    """Every Cyrillic/Greek look-alike replaced by its Latin twin (same length): a matching key."""
    return text.translate(_SKELETON)


# -- scripts -------------------------------------------------------------------


def script_of(ch: str) -> str | None:
    """'Latin', 'Cyrillic', 'Greek' for letters of those scripts, else None."""
    o = ord(ch)
    if o < 0x80:
        return "Latin" if ("a" <= ch <= "z" or "A" <= ch <= "Z") else None
    if 0x00C0 <= o <= 0x024F:
        return None if ch in "×÷" else "Latin"
    if 0x0400 <= o <= 0x052F or 0x1C80 <= o <= 0x1C8F or 0xA640 <= o <= 0xA69F:
        return "Cyrillic" if ch.isalpha() else None
    if 0x0370 <= o <= 0x03FF or 0x1F00 <= o <= 0x1FFF:
        return "Greek" if ch.isalpha() else None
    if 0x1E00 <= o <= 0x1EFF or 0x2C60 <= o <= 0x2C7F or 0xA720 <= o <= 0xA7FF:
        return "Latin"
    return None


_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_CYR = "\u0400-\u052f\u1c80-\u1c8f\ua640-\ua69f"
_GRK = "\u0370-\u03ff\u1f00-\u1fff"
HAS_LATIN = re.compile(f"[{_LATIN}]")
OTHER_SCRIPT_RANGES = _CYR + _GRK  # a regex class body: the Cyrillic and Greek letters' blocks
HAS_OTHER = re.compile(f"[{OTHER_SCRIPT_RANGES}]")
# two letters of different scripts side by side: a mixed word
TRANSITION = re.compile(
    f"[{_LATIN}](?=[{_CYR}{_GRK}])|[{_CYR}](?=[{_LATIN}{_GRK}])|[{_GRK}](?=[{_LATIN}{_CYR}])")
_STRICT_CHARS = "".join(sorted(STRICT_TO_LATIN))
# a whole word of identical Cyrillic/Greek look-alikes ("а" in "а) the authorities")
# (the leading lookahead only lets the scan skip other characters fast)
LOOKALIKE_WORD = re.compile(rf"(?=[{_STRICT_CHARS}])(?<![^\W\d_])[{_STRICT_CHARS}]+(?![^\W\d_])")
OTHER_RUN = re.compile(f"[{_CYR}{_GRK}]+")
_IS_LATIN = re.compile(f"[{_LATIN}]")
CYRILLIC_GREEK_TRANSITION = re.compile(f"[{_CYR}](?=[{_GRK}])|[{_GRK}](?=[{_CYR}])")


def transitions(text: str) -> list[int]:
    """Start of every TRANSITION match (letters of two scripts side by side), found from the runs
    of Cyrillic and Greek characters: Latin text is skipped at the speed of one character class."""
    out = []
    n = len(text)
    for run in OTHER_RUN.finditer(text):
        s, e = run.span()
        if s and _IS_LATIN.match(text, s - 1):
            out.append(s - 1)
        if e - s > 1:
            out.extend(m.start() for m in CYRILLIC_GREEK_TRANSITION.finditer(text, s, e))
        if e < n and _IS_LATIN.match(text, e):
            out.append(e - 1)
    return out
LATIN_LETTER_WORD = re.compile(r"(?<![^\W\d_])[aocy](?![^\W\d_])")
WORD = re.compile(r"[^\W\d_]+")
MAX_WORD = 64  # longer runs of letters are not words; never converted


def _distinctive(word: str) -> dict[str, int]:
    """Per script, the letters that have no look-alike in another script present in the word."""
    scripts = {s for s in map(script_of, word) if s}
    out: dict[str, int] = {}
    for ch in word:
        s = script_of(ch)
        if not s:
            continue
        twins = any(ch in TABLES.get((s, other), ()) for other in scripts if other != s)
        if len(scripts) == 1:
            # alone in its script: distinctive unless it has a twin in any script
            twins = any(ch in t for (src, _), t in TABLES.items() if src == s)
        if not twins:
            out[s] = out.get(s, 0) + 1
    return out


def _distinct_class(script: str, ranges: str) -> re.Pattern:
    twins = "".join(sorted({c for (src, _), t in TABLES.items() if src == script for c in t}))
    return re.compile(f"(?![{re.escape(twins)}])[{ranges}]")


def word_script(word: str) -> str | None:
    """The script a word is clearly written in, from its distinctive letters; None if unclear."""
    if not TRANSITION.search(word):  # one script: fast path
        for script, rx in _DISTINCT:
            if rx.search(word):
                return script
        return None
    d = _distinctive(word)
    if len(d) == 1:
        return next(iter(d))
    return None


_DISTINCT = [(s, _distinct_class(s, r)) for s, r in (("Latin", _LATIN), ("Cyrillic", _CYR), ("Greek", _GRK))]
CYRILLIC_WORD = re.compile(f"[{_CYR}]{{3}}")


@dataclass(frozen=True)
class Fix:
    start: int
    end: int
    after: str
    reason: str  # "mixed_word" or "context"


def _context_script(text: str, start: int, end: int, window_words: int, window_chars: int = 240) -> str | None:
    """The clear script of the words around text[start:end] on the same line, or None."""
    line_start = text.rfind("\n", max(0, start - window_chars), start) + 1
    line_start = max(line_start, start - window_chars)
    nl = text.find("\n", end, end + window_chars)
    line_end = nl if nl >= 0 else min(len(text), end + window_chars)
    left = [m.group() for m in WORD.finditer(text, line_start, start)][-window_words:]
    right = [m.group() for m in WORD.finditer(text, end, line_end)][:window_words]
    votes: dict[str, int] = {}
    for w in left + right:
        s = word_script(w)
        if s:
            votes[s] = votes.get(s, 0) + 1
    if not votes:
        return None
    best = max(votes, key=votes.get)
    total = sum(votes.values())
    if votes[best] >= 2 and votes[best] >= 0.8 * total:
        return best
    return None


def _convert(word: str, target: str) -> str | None:
    out = []
    for ch in word:
        s = script_of(ch)
        if s is None or s == target:
            out.append(ch)
            continue
        twin = TABLES.get((s, target), {}).get(ch)
        if twin is None:
            return None
        out.append(twin)
    return "".join(out)


def _word_bounds(text: str, i: int) -> tuple[int, int]:
    a = i
    while a > 0 and (text[a - 1].isalpha()):
        a -= 1
    b = i + 1
    n = len(text)
    while b < n and text[b].isalpha():
        b += 1
    return a, b


def _changed_run(old: str, new: str, offset: int, reason: str) -> Fix | None:
    if old == new:
        return None
    i = 0
    while old[i] == new[i]:
        i += 1
    j = len(old)
    while old[j - 1] == new[j - 1]:
        j -= 1
    return Fix(offset + i, offset + j, new[i:j], reason)


def mixed_script_fixes(text: str, context_words: int = 8) -> list[Fix]:
    """Repairs for look-alike letters of the wrong script, sorted, non-overlapping.

    1. A word mixing scripts whose distinctive letters all belong to one script
       is written in that script: its other letters become their twins
       ("Kаzаkhstаn" with Cyrillic а -> Latin). A word with distinctive letters
       of two scripts ("KazМунайГаз") is left alone.
    2. A word mixing scripts with no distinctive letter, or a whole word of
       identical Cyrillic/Greek look-alikes, follows the clear script of the
       words around it on its line (at least two words, 80 % agreeing).
    3. In a clearly Cyrillic line, a one-letter Latin word a/o/c/y becomes the
       Cyrillic preposition or conjunction it imitates.
    """
    if not HAS_OTHER.search(text) or not HAS_LATIN.search(text):
        return []
    fixes: dict[int, Fix] = {}
    done_until = -1
    for pos in transitions(text):
        if pos < done_until:
            continue
        a, b = _word_bounds(text, pos)
        done_until = b
        if b - a > MAX_WORD:
            continue  # not a word (a hostile run of letters): leave it
        word = text[a:b]
        d = _distinctive(word)
        target = None
        reason = "mixed_word"
        if len(d) == 1:
            target = next(iter(d))
        elif not d:
            target = _context_script(text, a, b, context_words)
            reason = "context"
        if target is None:
            continue
        new = _convert(word, target)
        if new is not None:
            fix = _changed_run(word, new, a, reason)
            if fix:
                fixes[fix.start] = fix
    for m in LOOKALIKE_WORD.finditer(text):
        if m.end() - m.start() > MAX_WORD:
            continue
        if m.start() in fixes or any(f.start <= m.start() < f.end for f in fixes.values()):
            continue
        if _context_script(text, m.start(), m.end(), context_words) == "Latin":
            new = "".join(STRICT_TO_LATIN[c] for c in m.group())
            fixes[m.start()] = Fix(m.start(), m.end(), new, "context")
    if not CYRILLIC_WORD.search(text):
        return sorted(fixes.values(), key=lambda f: f.start)
    for m in LATIN_LETTER_WORD.finditer(text):
        if _context_script(text, m.start(), m.end(), context_words) == "Cyrillic":
            fixes[m.start()] = Fix(m.start(), m.end(), LATIN_WORDS_IN_CYRILLIC[m.group()], "context")
    return sorted(fixes.values(), key=lambda f: f.start)
