"""Text normalisation for matching: two texts that a reader sees as the same
text get the same normalised form.

What is ignored: case, runs of whitespace, quote styles (curly, straight,
guillemets, primes), dash styles (hyphen, en/em dash, minus), compatibility
forms (NFKC: ligatures, full-width letters, non-breaking spaces), homoglyphs
(a Cyrillic or Greek letter that looks like a Latin one inside a Latin word,
and the reverse), and furniture lines at the edges of a passage (lines with no
letter or digit, such as a lone ".", "***" or "—", plus any line matching a
caller's patterns).

Everything here is a pure function of its input, deterministic across runs,
processes and machines, and cheap for ASCII text (the common case skips the
Unicode work). Other stages can share it: `normalize_for_match` for keys,
`fold_homoglyphs` and `fold_punctuation` for readable text, `tokens` for word
lists.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Sequence

QUOTES_DASHES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2035": "'",
    "\u02bc": "'", "\u02b9": "'", "\u0060": "'", "\u00b4": "'", "\uff07": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2036": '"', "\u2039": '"', "\u203a": '"', "\u301d": '"', "\u301e": '"',
    "\uff02": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2e3a": "-", "\u2e3b": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00ad": None,  # soft hyphen: invisible
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,  # zero-width
})

# Letters that look like a Latin letter, by script. Upper and lower case are
# listed separately because e.g. Greek "Η" looks like "H" but "η" does not look like "h".
_CYRILLIC_TO_LATIN = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Һ": "H", "Ԛ": "Q", "Ԝ": "W",
    "Ү": "Y", "Ӏ": "I",
}
_GREEK_TO_LATIN = {
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "ο": "o", "ν": "v", "ρ": "p", "ι": "i", "κ": "k", "υ": "u", "α": "a", "ϲ": "c", "ϳ": "j",
}
# The reverse direction: Latin look-alikes inside a Cyrillic or Greek word.
_LATIN_TO_CYRILLIC = {
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і",
    "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р", "C": "С",
    "T": "Т", "Y": "У", "X": "Х", "I": "І",
}
_LATIN_TO_GREEK = {
    "A": "Α", "B": "Β", "E": "Ε", "Z": "Ζ", "H": "Η", "I": "Ι", "K": "Κ", "M": "Μ", "N": "Ν",
    "O": "Ο", "P": "Ρ", "T": "Τ", "Y": "Υ", "X": "Χ", "o": "ο", "v": "ν",
}
_CYRILLIC_TO_GREEK = {c: _LATIN_TO_GREEK[l] for c, l in _CYRILLIC_TO_LATIN.items() if l in _LATIN_TO_GREEK}
_GREEK_TO_CYRILLIC = {g: _LATIN_TO_CYRILLIC[l] for g, l in _GREEK_TO_LATIN.items() if l in _LATIN_TO_CYRILLIC}

_PUNCT = re.compile("[" + "".join(re.escape(chr(c)) for c in QUOTES_DASHES) + "]")

TO_SCRIPT = {
    "latin": str.maketrans({**_CYRILLIC_TO_LATIN, **_GREEK_TO_LATIN}),
    "cyrillic": str.maketrans({**_LATIN_TO_CYRILLIC, **_GREEK_TO_CYRILLIC}),
    "greek": str.maketrans({**_LATIN_TO_GREEK, **_CYRILLIC_TO_GREEK}),
}
# A letter is ambiguous when it has a look-alike in another script: it cannot
# tell which script a word is written in.
AMBIGUOUS = frozenset(
    set(_CYRILLIC_TO_LATIN) | set(_CYRILLIC_TO_LATIN.values()) | set(_GREEK_TO_LATIN)
    | set(_GREEK_TO_LATIN.values()) | set(_LATIN_TO_CYRILLIC) | set(_LATIN_TO_GREEK)
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_GREEK = re.compile(r"[\u0370-\u03ff]")
_LETTERS = re.compile(r"[^\W\d_]+")

# Scripts written without spaces: each character is a token of its own.
_NO_SPACE = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana, CJK
)
TOKEN = re.compile(rf"[{_NO_SPACE}]|[^\W_{_NO_SPACE}]+")
_HAS_ALNUM = re.compile(r"[^\W_]")


def _script(ch: str) -> str | None:
    o = ord(ch)
    if o < 0x250 and ch.isalpha():
        return "latin"
    if 0x400 <= o <= 0x52F:
        return "cyrillic"
    if 0x370 <= o <= 0x3FF:
        return "greek"
    return None


def _dominant_script(text: str) -> str | None:
    counts = {"latin": len(_LATIN.findall(text)), "cyrillic": len(_CYRILLIC.findall(text)),
              "greek": len(_GREEK.findall(text))}
    best = max(counts, key=lambda k: (counts[k], k == "latin"))
    return best if counts[best] else None


@lru_cache(maxsize=65536)
def _fold_word(word: str, dominant: str | None) -> str:
    """The word in one script: its unambiguous letters decide which."""
    votes: dict[str, int] = {}
    present: set[str] = set()
    for ch in word:
        s = _script(ch)
        if s is None:
            continue
        present.add(s)
        if ch not in AMBIGUOUS:
            votes[s] = votes.get(s, 0) + 1
    if not present:
        return word
    if votes:
        top = max(votes.values())
        winners = [s for s, v in votes.items() if v == top]
        target = dominant if dominant in winners else sorted(winners)[0]
    else:
        # only look-alike letters ("а", "сор", "op"): read them in the script of the text
        target = dominant if dominant is not None else next(iter(sorted(present)))
    if present == {target}:
        return word
    return word.translate(TO_SCRIPT[target])


def fold_homoglyphs(text: str) -> str:
    """Rewrite look-alike letters into the script of the word they sit in.

    "Kаzаkhstаn" with Cyrillic "а" becomes Latin "Kazakhstan"; "Kaзахстан"
    with a Latin "K" becomes Cyrillic "Казахстан"; a word made only of
    look-alike letters ("а" used as a list marker) follows the text's main
    script. Text in one script only is returned unchanged.
    """
    if text.isascii():
        return text
    scripts = bool(_LATIN.search(text)) + bool(_CYRILLIC.search(text)) + bool(_GREEK.search(text))
    if scripts < 2:
        return text
    dominant = _dominant_script(text)
    return _LETTERS.sub(lambda m: _fold_word(m.group(), dominant), text)


def fold_punctuation(text: str) -> str:
    """Curly/straight quotes, guillemets and primes -> ' or "; dashes -> -; drop zero-width marks."""
    if text.isascii():
        return text.replace("`", "'")
    return _PUNCT.sub(lambda m: QUOTES_DASHES[ord(m.group())] or "", text)


def is_furniture_line(line: str, patterns: Sequence[re.Pattern] = ()) -> bool:
    """A line with no letter or digit (".", "***", "—"), or one matching a pattern."""
    stripped = line.strip()
    if not _HAS_ALNUM.search(stripped):
        return True
    return any(p.fullmatch(stripped) for p in patterns)


@lru_cache(maxsize=64)
def compile_patterns(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.I) for p in patterns)


def content_span(text: str, patterns: Sequence[re.Pattern] = ()) -> tuple[int, int]:
    """(start, end) of `text` without furniture lines at its start and end.

    Returns (0, 0) when every line is furniture. Lines in the middle are kept.
    """
    start, end = 0, len(text)
    while start < end:
        nl = text.find("\n", start, end)
        line_end = end if nl < 0 else nl
        if not is_furniture_line(text[start:line_end], patterns):
            break
        start = end if nl < 0 else nl + 1
    while end > start:
        nl = text.rfind("\n", start, end)
        line_start = start if nl < 0 else nl + 1
        if not is_furniture_line(text[line_start:end], patterns):
            break
        end = start if nl < 0 else nl
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else (0, 0)


def strip_furniture(text: str, patterns: Sequence[re.Pattern] = ()) -> str:
    s, e = content_span(text, patterns)
    return text[s:e]


def normalize_for_match(text: str, patterns: Iterable[str] | Sequence[re.Pattern] = ()) -> str:
    """The form two copies of a text share: see the module docstring for what is ignored."""
    return normalize_span(text, patterns)[2]


def normalize_span(text: str, patterns: Iterable[str] | Sequence[re.Pattern] = ()) -> tuple[int, int, str]:
    """(start, end, normalised): the content span of `text` (furniture lines
    at the edges left out) and its normalised form."""
    pats = _as_patterns(patterns)
    s, e = content_span(text, pats)
    return s, e, normalize_content(text[s:e])


def normalize_content(text: str) -> str:
    """`normalize_for_match` without the furniture-line step."""
    if text.isascii():
        return " ".join(text.replace("`", "'").lower().split())
    # punctuation before and after NFKC: it both creates and removes dash/quote forms
    text = fold_homoglyphs(unicodedata.normalize("NFKC", fold_punctuation(text)))
    folded = fold_punctuation(text).casefold()
    # lower case can make a lookalike of another script ("Vμ" -> "vμ": v is a Greek nu's twin), so the
    # lookalikes are folded once more: the form is then a fixed point (normalising it again changes nothing)
    return " ".join(fold_homoglyphs(folded).split()) if not folded.isascii() else " ".join(folded.split())


def _as_patterns(patterns) -> tuple[re.Pattern, ...]:
    patterns = tuple(patterns)
    if all(isinstance(p, re.Pattern) for p in patterns):
        return patterns
    return compile_patterns(tuple(str(p) for p in patterns))


def tokens(normalized: str) -> list[str]:
    """Words of a normalised text: runs of letters/digits; one token per
    character in scripts written without spaces (Chinese, Japanese, Thai...)."""
    return TOKEN.findall(normalized)
