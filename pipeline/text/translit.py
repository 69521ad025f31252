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
  gh/g, ck/k, c/k, w/v, final z/s, final -off/-ov, a glide "y" between vowels, doubled
  letters; ISO 9's ž, č, š are zh, ch, sh).
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
    # the hačeks of ISO 9 / scholarly transliteration (and of Czech, Croatian, Latvian, Lithuanian):
    # Žezkazgan / Zhezkazgan, Čeljabinsk / Chelyabinsk, Šymkent / Shymkent
    "ž": "zh", "č": "ch", "š": "sh", "ŝ": "shch",
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


_CYRILLIC_LETTER = re.compile(r"[\u0400-\u052f]")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC_LETTER.search(text) is not None


def cyrillic_share(text: str) -> float:
    """The share of the letters of `text` that are Cyrillic (0 when it has none: the common case is one
    regex scan). Which reader a passage or sentence goes to, Russian or English, is decided by it."""
    if not _CYRILLIC_LETTER.search(text):
        return 0.0
    letters = sum(1 for c in text if c.isalpha())
    return len(_CYRILLIC_LETTER.findall(text)) / letters if letters else 0.0


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
    (re.compile(r"(?<=[aeo])ff$"), "v"),  # the old French-style -off/-eff: Smirnoff/Smirnov, Lebedeff/Lebedev
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


# --- what the keys may not fold away (merge guards) ------------------------------------------
#
# A key folds spelling choices; it must not fold away what tells two names apart: a number
# ("F-15" / "F-16"), a Roman numeral ("World War I" / "World War II"), the letters of an
# acronym ("IRC" / "IRQ", "N.I" / "N.Y."), or a whole word ("CSI" / "XY").

ACRONYM_MAX = 4  # an all-caps word of at most this many letters is an acronym ("UK", "NATO")
_ROMAN = re.compile(r"^(?=[IVXLCDM]+$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.?){2,}$")  # "N.Y.", "U.S", "NY"
_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?")


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def is_acronym(text: str) -> bool:
    """One word (dots allowed) of 2 to ACRONYM_MAX letters, all upper case: "UK", "DC", "N.Y.", "NATO"."""
    t = text.strip()
    if " " in t or not _DOTTED.fullmatch(t):
        return False
    letters = _letters(t)
    return 2 <= len(letters) <= ACRONYM_MAX and letters.isupper()


def is_headline(text: str) -> bool:
    """All capitals with a word longer than an acronym: "VLADIMIR PUTIN", not "UK"."""
    letters = _letters(text)
    return bool(letters) and letters.isupper() and any(len(_letters(w)) > ACRONYM_MAX for w in text.split())


def acronyms(text: str) -> tuple[str, ...]:
    """The acronyms written in a name, as written ("CSI Miami" -> ("CSI",), "N.Y." -> ("NY",));
    a headline in capitals has none (its words are words, not acronyms)."""
    if is_headline(text):
        return ()
    return tuple(_letters(t) for t in _TOKEN.findall(text) if is_acronym(t) and not _ROMAN.match(_letters(t)))


def roman_numerals(text: str) -> tuple[str, ...]:
    """Roman numerals after the first word ("Louis XIV" -> ("XIV",), "World War I" -> ("I",))."""
    words = _TOKEN.findall(text)
    return tuple(w.rstrip(".") for w in words[1:] if _ROMAN.match(w.rstrip(".")))


def numbers(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", text))


def whole_word_edit(a: str, b: str) -> bool:
    """True if two names of as many words differ by a whole word rather than a spelling: a
    changed word of one or two letters ("N I" / "N Y"), or two words with little in common
    ("CSI" / "XY"). Compared on name keys (as written, up to case and script)."""
    from rapidfuzz import fuzz

    wa, wb = name_key(a).split(), name_key(b).split()
    if len(wa) != len(wb):
        return True
    for x, y in zip(wa, wb):
        if x != y and (min(len(x), len(y)) <= 2 or fuzz.ratio(x, y) < 50):
            return True
    return False


def written_apart(a: str, b: str) -> str | None:
    """Why two spellings can never be one name whatever their keys say, or None: a different
    number, Roman numeral or acronym (compared as written, case included)."""
    if numbers(a) != numbers(b):
        return "different numbers"
    if roman_numerals(a) != roman_numerals(b):
        return "different Roman numerals"
    if not (is_headline(a) or is_headline(b)) and acronyms(a) != acronyms(b):
        return "different acronyms"
    return None


def script(text: str) -> str:
    """'cyrillic', 'latin' or '' (no letters) by the letters of the text."""
    cyr = sum(1 for c in text if "\u0400" <= c <= "\u052f")
    lat = sum(1 for c in text if c.isalpha() and not ("\u0400" <= c <= "\u052f"))
    if not cyr and not lat:
        return ""
    return "cyrillic" if cyr >= lat else "latin"


def written_alike(text: str, alias: str, lowercase: bool = False) -> bool:
    """A gazetteer alias names this text only if it is written alike: the same script; an
    acronym (or any name of at most ACRONYM_MAX letters) only with the same letters in the same
    case; otherwise capitals on every word the alias capitalises (title case may add more), or
    the whole text in capitals (a headline), or all lower case when the alias is (or the entry
    allows it)."""
    if text == alias:
        return True
    if script(text) != script(alias):
        return False
    lt, la = _letters(text), _letters(alias)
    if is_acronym(text) or is_acronym(alias) or len(lt) <= ACRONYM_MAX or len(la) <= ACRONYM_MAX:
        return lt == la
    if written_apart(text, alias):
        return False
    if text.islower():
        return lowercase or alias.islower()
    if is_headline(text):
        return True
    # every word the alias capitalises is capitalised in the text; title case may capitalise more
    # ("Rukh Pen Til" for a listed "Rukh pen Til"), lower case may not ("the turkish lira")
    tw, aw = _TOKEN.findall(text), _TOKEN.findall(alias)
    return len(tw) == len(aw) and all(t[:1].isupper() or not a[:1].isupper() for t, a in zip(tw, aw))


def surname_shaped(word: str) -> bool:
    """``surname_like`` on a word as written, not fooled by the w/v fold: "Sokolova", "Ivanov",
    "Kovalenko" are; "Heathrow", "Moscow", "Glasgow" are not."""
    return surname_like(phonetic_key(word)) and not name_key(word).endswith("w")
