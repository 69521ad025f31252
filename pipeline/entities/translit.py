"""Transliteration and comparison keys for names written in Latin or Cyrillic.

Three levels, each coarser than the last:

- ``to_latin(text)``: Cyrillic (Russian, Kazakh, Ukrainian, Belarusian letters)
  to Latin, roughly BGN/PCGN; Latin diacritics kept. For display.
- ``name_key(text)``: ASCII, lower case, punctuation and spacing normalised.
  Two spellings with the same ``name_key`` differ only in case, punctuation or
  script ("UST-KAMENOGORSK" / "Ust-Kamenogorsk", "KazAtomProm" / "Kazatomprom",
  "Жезказган" / "Zhezkazgan").
- ``phonetic_key(text)``: ``name_key`` with the spelling choices of the common
  romanisations of Russian and Kazakh folded together (zh/j, kh/k, y/i, q/k,
  gh/g, ck/k, c/k, w/v, final z/s, a glide "y" between vowels, doubled letters).
  "Jezkazgan" / "Zhezkazgan", "Tokaev" / "Tokayev", "Qyzylorda" / "Kyzylorda",
  "Kulibaev" / "Kulibayev", "Dmitriy" / "Dmitry", "Tengizgas" / "Tengizgaz"
  share a phonetic key. Gendered surname endings (-ov/-ova, -ev/-eva, -in/-ina) are
  kept apart on purpose: the "a" survives every fold.

All functions are pure and work on any string; the empty string maps to "".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Cyrillic -> Latin, lower case; upper case is derived. Kazakh letters are
# mapped to the Latin letters the usual English-language romanisations use
# (Жезқазған -> Zhezqazghan, Қазақстан -> Qazaqstan, Ұлы -> Uly).
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh
    "ә": "a", "ғ": "gh", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
    # Ukrainian, Belarusian, and Kazakh/Tatar letters met in names
    "є": "ye", "ї": "yi", "ґ": "g", "ў": "u", "ҡ": "q", "ҙ": "z", "ҫ": "s",
    "ӊ": "n", "ӑ": "a", "ӗ": "e", "ҳ": "h", "ӣ": "i", "ӯ": "u",
}
# Latin letters that NFKD does not decompose into ASCII + a combining mark.
LATIN_EXTRA = {
    "ə": "a", "ǝ": "a", "ı": "i", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ŋ": "n", "ħ": "h",
}
APOSTROPHES = "'’‘`´ʼʻ′"

_TRANS: dict[int, str] = {}
for _src, _dst in {**CYRILLIC, **LATIN_EXTRA}.items():
    _TRANS[ord(_src)] = _dst
    up = _src.upper()
    if len(up) == 1 and up != _src:
        _TRANS[ord(up)] = _dst[:1].upper() + _dst[1:] if _dst else ""

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u052f" for c in text)


def to_latin(text: str) -> str:
    """Cyrillic letters to Latin; everything else unchanged."""
    return text.translate(_TRANS)


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """ASCII lower-case key: case, script, accents, apostrophes and punctuation ignored."""
    s = to_latin(text)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate(_TRANS)  # letters NFKD exposed (e.g. decomposed Cyrillic й)
    s = s.lower()
    for a in APOSTROPHES:
        s = s.replace(a, "")
    s = _NON_ALNUM.sub(" ", s)
    return s.strip()


_FOLDS = [
    (re.compile(r"dzh|dj"), "j"),
    (re.compile(r"zh"), "j"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"c(?![hiey])"), "k"),  # Victor/Viktor, Czeck -> but keep ch, ce, ci
    (re.compile(r"^ye"), "e"),  # Yelena/Elena, Yevgeny/Evgeny
    (re.compile(r"y"), "i"),
    (re.compile(r"(?<=[aeou])i(?=[aeu])"), ""),  # Tokayev/Tokaev
    (re.compile(r"z$"), "s"),  # Tengizgaz/Tengizgas
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters
]


@lru_cache(maxsize=200_000)
def word_phonetic(word: str) -> str:
    """Fold the romanisation choices of one ASCII lower-case word."""
    for pattern, repl in _FOLDS:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=200_000)
def phonetic_key(text: str) -> str:
    """Transliteration-aware key: romanisation variants of a name compare equal."""
    return " ".join(word_phonetic(w) for w in name_key(text).split())


def tokens(key: str) -> list[str]:
    return key.split()


# Gender of a (Slavic or Kazakh) surname from its ending, on phonetic keys.
_FEMALE_END = re.compile(r"(?:ova|eva|ina|ska|skaia|kaia|kisi|kizi)$")
_MALE_END = re.compile(r"(?:ov|ev|in|ski|skii|uli|ovich|evich|ich)$")
# Endings that derive one word from another (a different referent): gendered
# surnames, patronymics, demonyms and adjectives.
DERIVATIONS = ("a", "ova", "eva", "ina", "ov", "ev", "in", "ovich", "evich", "ovna", "evna",
               "i", "is", "ian", "ians", "an", "ans", "n", "ns", "ese", "ish", "ic", "ist", "ism",
               "iia", "ia", "uli", "kisi")


def surname_gender(word_key: str) -> str | None:
    """'f', 'm' or None from a phonetic word key ("nasarbaeva" -> 'f')."""
    if len(word_key) < 4:
        return None
    if _FEMALE_END.search(word_key):
        return "f"
    if _MALE_END.search(word_key):
        return "m"
    return None


# Endings of Slavic, Kazakh, Georgian ... surnames (on phonetic keys), for
# deciding that an unknown capitalised word is a person's surname.
_SURNAME_END = re.compile(r"(?:ov|ev|ova|eva|enko|chuk|iuk|ski|ska|vich|ovna|evna|uli|kisi|dze|shvili)$")


def surname_like(word_key: str) -> bool:
    return len(word_key) >= 5 and bool(_SURNAME_END.search(word_key))


def derived_from(a: str, b: str) -> bool:
    """True if one key is the other plus a derivational ending (Kazakh/Kazakhstan is not:
    that is a different stem; Ivanov/Ivanova, Kazakhstan/Kazakhstani, Mukhtar/Mukhtarov are)."""
    if a == b:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if not long_.startswith(short):
        return False
    return long_[len(short):] in DERIVATIONS
