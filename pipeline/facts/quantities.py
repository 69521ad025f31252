"""Quantities in a passage: value bounds, hedge, unit, and the traps that are not quantities.

`extract_passage(text, sentence_spans, lexicon)` is the entry point. It works on
the passage text (so a sentence broken over lines is still one sentence) and
returns plain dicts with offsets into that text. What is counted (measure) and
who says so (attribution) are decided per sentence in `measure.py` and
`attribution.py`.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from pipeline.facts.headline import HARM_WORD, headline_case, is_headline_word, reads_harm_headline
from pipeline.facts.lexicon import (
    CURRENCY_CODES_BEFORE, CURRENCY_WORDS, DISTANCE_UNITS, PERSON_NOUNS, TIME_UNITS, Lexicon,
)
from pipeline.facts.numbers import FRACTIONS, MAGNITUDES, TENS, UNITS, WORD_NUMBER, WORD_NUMBER_LOWER, Tok, \
    digit_value, tokenize, word_number
from pipeline.facts.units import CURRENCY_CODES, CURRENCY_NAMES, CURRENCY_SYMBOLS, GLUED_ONLY, MEASURE_UNITS, MONEY, \
    PER_NOUNS, SPACED_UNITS, match_unit, per_rate
from pipeline.text import date_search
from pipeline.text.date_search import find_dates

HEDGES = [  # (words, qualifier); longest first when matching
    ("no fewer than", "at_least"), ("no less than", "at_least"), ("not less than", "at_least"),
    ("not fewer than", "at_least"), ("in excess of", "at_least"), ("upwards of", "at_least"),
    ("a minimum of", "at_least"), ("at least", "at_least"), ("more than", "at_least"),
    ("not only", "at_least"), ("over", "at_least"), ("above", "at_least"),
    # verbs of exceeding, the amount their object ("the death toll exceeded 100", "has topped 1,000")
    ("exceeded", "at_least"), ("exceeds", "at_least"), ("exceeding", "at_least"), ("topped", "at_least"),
    ("surpassed", "at_least"), ("surpasses", "at_least"), ("surpassing", "at_least"),
    ("no more than", "at_most"), ("not more than", "at_most"), ("a maximum of", "at_most"),
    ("less than", "at_most"), ("fewer than", "at_most"), ("up to", "at_most"), ("at most", "at_most"),
    ("just under", "at_most"), ("nearly", "at_most"), ("almost", "at_most"), ("under", "at_most"),
    ("an estimated", "about"), ("approximately", "about"), ("roughly", "about"), ("around", "about"),
    ("about", "about"), ("some", "about"), ("circa", "about"), ("close to", "about"), ("approx", "about"),
    ("estimated", "about"),
    ("exactly", "exact"), ("precisely", "exact"), ("only", "exact"), ("just", "exact"),
    ("possibly", "possibly"), ("perhaps", "possibly"), ("maybe", "possibly"), ("probably", "possibly"),
]
_HEDGE_WORDS = sorted(((tuple(w.split()), q) for w, q in HEDGES), key=lambda x: -len(x[0]))
_HEDGE_BY_LAST: dict = {}
for _w, _q in _HEDGE_WORDS:
    _HEDGE_BY_LAST.setdefault(_w[-1], []).append((_w, _q))
# "talk about 46 buildings": `about` means `concerning` after these words
ABOUT_NOT_HEDGE = {"talk", "talks", "talked", "talking", "speak", "speaks", "spoke", "speaking", "know",
                   "knew", "known", "think", "thought", "care", "cares", "cared", "write", "wrote", "written",
                   "hear", "heard", "learn", "learned", "learnt", "read", "ask", "asked", "tell", "told",
                   "information", "concern", "concerned", "worried", "news", "story", "stories", "complain",
                   "complained", "joke", "forget", "forgot", "remember", "be", "is", "was", "were", "are"}
CODE_WORDS = {"article", "art", "paragraph", "para", "chapter", "section", "part", "room", "no", "nr",
              "number", "flight", "decree", "page", "pp", "version", "v", "clause", "item", "grade", "class",
              "level", "episode", "volume", "vol", "issue", "route", "platform", "gate", "phase", "stage",
              "round", "code", "model", "figure", "fig", "table", "verse", "line", "block", "unit", "apartment",
              "apt", "house", "street", "st", "avenue", "ave", "building", "lot", "case", "file", "ward",
              "cell", "hall", "school", "district", "microdistrict", "zone", "sector", "license", "licence",
              "by-sa", "cc", "seat", "position", "rank", "ranked", "place", "number", "image", "photo", "picture",
              "slide", "report", "exhibit", "appendix", "annex", "bulletin", "channel", "bus", "train", "highway",
              "exit", "interstate", "junction", "track", "terminal", "pier", "suite", "box", "ext"}
# words after a number that make it an address, not an amount: "the 1700 block", "123 Random Street"
ADDRESS_AFTER = {"block"}
BORE_AFTER = re.compile(r"[\s-]?(?:caliber|calibre|cal\.|gauge|bore)\b", re.I)
COMPASS_POINTS = {"N", "S", "E", "W", "NE", "NW", "SE", "SW"}
STREET_WORDS = {w.lower() for w in date_search.STREET_WORDS}
# a hyphenated pair of numbers in these contexts is a score or a vote tally ("won 3-2", "a 5-4 ruling")
SCORE_CUES = re.compile(r"(?:won|win|wins|winning|beat|beats|beaten|defeat(?:ed|s)?|lost|loses|losing|victory|"
                        r"draw|drew|tied|score[sd]?|scoreline|goals?|match|game|final|halftime|half-time|lead|"
                        r"led|trail(?:ed|ing)?|series|votes?|voted|ruling|decision|record)", re.I)
# verbs of change: "rose 5% to 7%" is a change from one value to another, not a range
CHANGE_WORDS = {"rose", "rise", "rises", "risen", "rising", "fell", "fall", "falls", "fallen", "falling", "increased",
                "increase", "increases", "decreased", "decrease", "decreases", "grew", "grow", "grows", "grown",
                "climbed", "climb", "dropped", "drop", "declined", "decline", "jumped", "jump", "slid", "sank",
                "gained", "up", "down", "cut", "raised", "lowered", "soared", "plunged", "surged", "tumbled",
                "moved", "changed", "went", "shifted", "slipped", "eased"}
_FUNCTION_WORDS = {w for words, _ in [(w.split(), q) for w, q in HEDGES] for w in words} | {
    "in", "on", "at", "by", "of", "from", "to", "over", "under", "between", "since", "after", "before", "until",
    "during", "for", "with", "without", "within", "the", "a", "an", "his", "her", "their", "its", "our", "my",
    "your", "all", "some", "only", "about", "some", "these", "those", "this", "that", "and", "or", "but", "if",
    "nearly", "almost", "exactly", "page", "pp", "no", "nr", "from", "than", "when", "while", "as", "per", "each",
    "every", "another", "other", "top", "last", "next", "first", "final", "total", "who", "which", "what",
    "where", "why", "how", "then", "so", "yet", "also", "just", "it", "we", "they", "he", "she", "i", "you",
    "there", "here", "now", "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "ok", "yes"}

OFFSET_AFTER = {"later", "earlier", "ago", "prior", "before", "after", "since", "hence", "beforehand",
                "afterwards", "previously"}
GLUE_OK = {"of", "to", "in", "by", "for", "at", "from", "with", "about", "than", "connect"}
AGE_COPULAS = {"was", "were", "is", "are", "be", "been"}
AGE_GIVEN = {"given", "listed", "reported", "put", "recorded", "stated", "estimated", "believed"}
AGE_VERB_LAST = AGE_COPULAS | {"has", "had", "believed"}   # the verb right before what an age is said to be


def _age_stated_before(toks, i: int) -> bool:
    """'whose age was given as 17', 'her age is 32', 'their ages were 30 and 60': the number is what a
    copula says an age is; 'ranged in age from 46 to 73': the ages' range."""
    words = [t.low for t in toks[max(0, i - 5):i]]
    if words[-1:] in (["from"], ["between"]) and any(w in ("age", "ages", "aged") for w in words[-4:-1]):
        return True  # "ranged in age from 46 to 73", "ages ranging from 18 to 24", "aged between 23 and 48"
    if words[-2:-1] and words[-1] == "as" and words[-2] in AGE_GIVEN:
        words = words[:-2]   # "... was given as"
    while words and words[-1] in ("been", "be", "to"):
        words = words[:-1]   # "has been", "is believed to be"
    if not words or words[-1] not in AGE_VERB_LAST:
        return False
    words = words[:-1]
    if words and words[-1] in ("is", "was", "are", "were"):
        words = words[:-1]   # "... age is believed to be": the copula before `believed`
    return bool(words) and words[-1] in ("age", "ages")


AGE_WORDS = {"old", "year-old", "years-old", "month-old", "months-old", "week-old", "day-old"}
ATTRIBUTE_UNITS = {"story", "storey", "stories", "storeys", "storied", "floor", "star", "lane", "seater",
                   "door", "page", "point"}
COMPARATIVES = {"greater", "more", "higher", "larger", "bigger", "less", "fewer", "lower", "smaller", "as",
                "over", "worse", "better", "faster"}
STOP = {"the", "a", "an", "this", "that", "these", "those", "and", "or", "but", "of", "in", "on", "at", "to",
        "for", "from", "with", "by", "into", "near", "during", "after", "before", "since", "until", "were",
        "was", "are", "is", "be", "been", "being", "had", "have", "has", "will", "would", "could", "can",
        "may", "might", "must", "should", "did", "do", "does", "who", "which", "that", "whom", "whose",
        "they", "he", "she", "it", "we", "i", "you", "them", "their", "his", "her", "its", "our", "there",
        "than", "as", "so", "not", "no", "all", "each", "every", "per", "remain", "remained", "stood", "went",
        "came", "took", "got", "received", "gathered", "died", "lived", "stay", "stayed", "say", "said",
        "says", "reached", "attended", "occupied", "spent", "lay", "numbered", "began", "started", "fell",
        "rallied", "dressed", "included", "including", "more", "still", "also", "already", "then", "when",
        "where", "while", "if", "about", "over", "up", "out", "down", "away", "off", "again", "only",
        "just", "even", "too", "very", "led", "get", "gets", "make", "made", "leave", "left", "work", "live",
        "stand", "turned", "become", "became", "seized", "burned", "looted", "damaged", "killed", "injured",
        "wounded", "detained", "arrested", "tried", "sentenced", "fired", "dismissed", "brought", "taken",
        "appeared", "passed", "lasted", "joined", "elected", "affected", "held", "visited", "shot", "beaten",
        "own", "other", "another", "such", "many", "much", "some", "any", "both", "either", "neither"}
# a number on a line of its own is a figure only with a label line after it (infographics)
NUMBER_LINE = re.compile(r"^[ \t]*(?:[$€₸£][ \t]*)?\d{1,3}(?:[ ,.\u00a0]\d{3})*(?:[.,]\d+)?[ \t]*%?[ \t]*$")
LABEL_LINE = re.compile(r"^[ \t]*[a-z][^\d\n]{0,80}(?:\b(?:1[89]|20)\d\d\b[^\d\n]{0,20})?$")
# a yes/no question asserts nothing ("Were five people killed?"); a wh-question presupposes what it asks
# about ("Who killed two people?" says two were killed)
POLAR_QUESTION = re.compile(r"\W*(?:was|were|is|are|am|did|do|does|has|have|had|will|would|could|can|should|shall|"
                            r"may|might|must)\b[^?]*\?\W*", re.I)
HYPOTHETICAL = re.compile(r"\b(?:if|wish|imagine|suppose|supposing|should\s+have\s+been|would\s+have)\b", re.I)
PHONE = re.compile(r"\+\d[\d \-()]{6,}\d")
# (555) 123-4567, 555-123-4567, 555.123.4567; account numbers 1111-22223333-4444: digit groups
# joined by hyphens three times or more are identifiers
PHONE_PLAIN = re.compile(r"(?<![\d.,\-])(?:\(\d{3}\)\s?|\d{3}[\-.])\d{3}[\-.]\d{4}(?![\d\-])|"
                         r"(?<![\d.,\-])\d+(?:-\d+){2,}(?![\d\-])")
# 020 7946 0958, 0800 123 456: digit groups led by a zero (amounts have no leading zero)
PHONE_SPACED = re.compile(r"(?<![\d.,])0\d{1,4}(?:[ \-]\d{2,4}){2,}(?![\d])")
# 3:1, 2:0 (a ratio or a score; clock times 5:30 are blocked as times)
RATIO_COLON = re.compile(r"(?<![\d:.,])\d{1,3}:\d{1,3}(?![\d:])")
_PHONE_HINT = re.compile(r"\d[\-.]\d+[\-.]\d|\d\)\s?\d{3}-")  # a cheap test before PHONE_PLAIN
TIME_COLON = re.compile(r"\d{1,2}(?::\d{2}){1,}(?::\d{2})*")
URLISH = re.compile(r"[_/=\\]|://|\.(?:jpe?g|png|gif|webp|svg|pdf|html?|php|mp4)\b|www\.", re.I)
# a number paired with another by a spaced slash: a counter ("1 / 33"), a ratio or a date, not an amount
# (a written fraction without spaces, "3/4", is read by _fraction first)
SLASH_PAIR_AFTER = re.compile(r"[ \t]*/[ \t]*\d")
SLASH_PAIR_BEFORE = re.compile(r"\d[ \t]*/[ \t]*$")


@dataclass
class Quantity:
    start: int
    end: int
    core_start: int
    core_end: int
    value_low: float | None
    value_high: float | None
    qualifier: str
    unit: str | None = None
    head: str | None = None          # the counted noun as written (lowercase), if any
    head_start: int | None = None
    measure: str = "other"
    uncertain: bool = False
    hedge_inherited: bool = False
    hypothetical: bool = False
    layout: bool = False             # figure paired with a label line (infographic)
    label: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    attribution: str | None = None
    attribution_kind: str = "author"
    extra: dict = field(default_factory=dict)


def _bounds(value: float | None, qualifier: str, high: float | None = None):
    if value is None:
        return None, None
    if qualifier in ("exact", "about"):
        return value, value
    if qualifier == "at_least":
        return value, None
    if qualifier == "at_most":
        return None, value
    if qualifier == "range":
        return value, high
    if qualifier == "vague":
        return value, None
    return value, value


def glued_unit(suffix: str) -> bool:
    """Is `suffix` (letters glued after a number) a unit, a magnitude or a currency? 50mph, 6kW, 5km,
    118.5p, 30C, 1.8m, 5bn, 115USD, 30MUSD; not 5G, 3D, 1990s, 11a."""
    if not suffix:
        return False
    if suffix in CURRENCY_SYMBOLS:
        return True
    if len(suffix) == 1:
        return suffix in "mMkKtglLCFpWV"
    low = suffix.lower()
    if low in ("pm", "am", "st", "nd", "rd", "th"):
        return False
    return low in MEASURE_UNITS or low in MAGNITUDES or low in CURRENCY_CODES or low in DISTANCE_UNITS or (
        low[:1] == "m" and low[1:] in CURRENCY_CODES and suffix[:1] == "M") or low in ("mln", "bln", "yo")


def _glued_suffix(text: str, end: int) -> str:
    k = end
    while k < len(text) and k - end < 12 and text[k].isalpha():
        k += 1
    return text[end:k]


def _currency_before(toks: list[Tok], i: int) -> str | None:
    """The currency written right before toks[i] ($, €, C$, HK$, c $, USD, rmb), as a code."""
    k = i - 1
    if k < 0 or i >= len(toks):
        return None
    t = toks[k]
    if t.kind == "punct" and t.text in CURRENCY_SYMBOLS:
        if k > 0 and toks[k - 1].kind == "word" and toks[k - 1].end >= t.start - 1 and len(toks[k - 1].low) <= 4:
            p = toks[k - 1]
            key = p.low + t.text
            if p.low == "s" and k > 2 and toks[k - 2].text == "." and toks[k - 3].low == "u":
                return "USD"  # u.s $
            # C$ 16, HK$ 10, Mex$ 10 glued; "c $ 16", "hk $ 10" spaced (not "a $5 bill")
            if key in CURRENCY_SYMBOLS and (p.end == t.start or p.low in SPACED_PREFIXES):
                return CURRENCY_SYMBOLS[key]
        return CURRENCY_SYMBOLS[t.text]
    if t.text == "." and k > 0 and toks[k - 1].text == "Rs" and toks[k - 1].end == t.start:
        return "INR"   # "Rs. 45 lakh"
    if t.kind == "word":
        if k > 0 and toks[k - 1].kind == "num" and toks[k - 1].end >= t.start - 1:
            return None  # "10 rmb 20 usd": the code is the unit of the number before it
        if t.text in ("Rs", "RS"):
            return "INR"   # South Asian papers' "Rs 1,200 crore"
        if t.low in CURRENCY_CODES and (t.text.isupper() or t.low in ("rmb", "usd", "eur", "gbp")):
            return CURRENCY_CODES[t.low]
        if t.low in CURRENCY_CODES_BEFORE:
            return CURRENCY_WORDS[t.low]
    return None


SPACED_PREFIXES = {"c", "hk", "us", "nz", "mex", "cad", "aud", "nzd", "usd", "mxn", "au"}


def _fraction(toks: list[Tok], k: int) -> tuple[float, int] | None:
    """A written fraction at toks[k]: 1/4, 3/4 (a denominator of 2, 3, 4, 8 or 16, as in measures and
    prices; 1/5 or 3/10 are as often dates or scores). (value, index after) or None."""
    n = len(toks)
    if k + 2 < n and toks[k].kind == "num" and toks[k + 1].text == "/" and toks[k + 2].kind == "num" and \
            toks[k + 1].start == toks[k].end and toks[k + 2].start == toks[k + 1].end and toks[k].text.isdigit() \
            and toks[k + 2].text.isdigit():
        a, b = int(toks[k].text), int(toks[k + 2].text)
        if b in (2, 3, 4, 8, 16) and 0 < a < b and not (k + 4 < n and toks[k + 3].text == "/"
                                                        and toks[k + 3].start == toks[k + 2].end):
            return a / b, k + 3
    return None


def _unit_here(toks: list[Tok], j: int, text: str) -> tuple[str | None, int]:
    """(unit, index after it) for a percent sign, a currency or a unit of measurement at toks[j]."""
    n = len(toks)
    if j >= n:
        return None, j
    t = toks[j]
    w = t.low
    if w == "%" or w == "percent" or w == "pct":
        return "percent", j + 1
    if w == "per" and j + 1 < n and toks[j + 1].low == "cent":
        return "percent", j + 2
    if t.kind == "punct" and t.text in CURRENCY_SYMBOLS and t.text != "$" or t.text == "$" and t.kind == "punct":
        # 10 $, 15 €, 100元 (a symbol after the number, unless it opens the next amount)
        if j + 1 < n and toks[j + 1].kind == "num":
            return None, j
        return CURRENCY_SYMBOLS[t.text], j + 1
    glued = j > 0 and t.start == toks[j - 1].end and toks[j - 1].kind == "num"
    u, k = match_unit(toks, j, glued, text)
    if u is None and w in CURRENCY_WORDS and w not in ("$",):
        u, k = CURRENCY_WORDS[w], j + 1
    if u is None and t.kind == "word" and t.text in CURRENCY_SYMBOLS:
        u, k = CURRENCY_SYMBOLS[t.text], j + 1  # 100元
    if u is not None and k < n and toks[k].kind == "num" and toks[k].start == toks[k - 1].end:
        if toks[k].text in ("2", "3") and (k + 1 >= n or toks[k + 1].start > toks[k].end or toks[k + 1].kind == "punct"):
            return ("square " if toks[k].text == "2" else "cubic ") + u, k + 1  # 24703m2, 190 km2
        return None, j
    return u, k


def _million_m(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """A glued m after a number is million with money around it ("$48m", "1.8M dollars", "5m people"),
    metre otherwise ("1.8m tall", "48m")."""
    if toks[j].text == "M" or _currency_before(toks, i):
        return True
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is None or nxt.kind != "word":
        return False
    return nxt.low in CURRENCY_WORDS or nxt.low in PERSON_NOUNS or nxt.low in ("dollars", "euros", "pounds",
                                                                                "barrels", "tonnes", "tons",
                                                                                "users", "viewers", "visitors",
                                                                                "copies", "votes", "shares")


def _name_number(text: str, toks: list[Tok], i: int) -> bool:
    """A number that is part of a name: "Boeing 747", "Windows 10", "iPhone 11", "S&P 500", "Technical
    Report 995": right after a capitalised word (not a function word, a hedge, a month or a currency),
    and not followed by what it would count (a unit, a magnitude, a plural noun)."""
    if i == 0:
        return False
    p = toks[i - 1]
    t = toks[i]
    if p.kind != "word" or p.end != t.start - 1 or p.low in _FUNCTION_WORDS or p.low in CURRENCY_CODES \
            or p.low in CURRENCY_CODES_BEFORE or p.low in WORD_NUMBER_SET:
        return False
    if not (p.text[:1].isupper() or any(c.isupper() for c in p.text[1:])):
        return False
    if p.text.isupper() and len(p.text) > 1 and i > 1 and toks[i - 2].kind == "word" and toks[i - 2].text.isupper():
        return False  # A HEADLINE IN CAPITALS 16 ...
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None:
        if nxt.kind == "punct" and (nxt.text in "%°" or nxt.text in CURRENCY_SYMBOLS):
            return False
        if nxt.kind == "word":
            w = nxt.low
            if w in MAGNITUDES or w in SPACED_UNITS or w in TIME_UNITS or w in CURRENCY_WORDS or w in PERSON_NOUNS \
                    or w in ("percent", "per", "of") or (w.endswith("s") and not w.endswith("ss") and len(w) > 3
                                                           and nxt.text.islower()):
                return False
            if nxt.start == t.end:
                return False  # glued: 747s, 10km
    return True


YEAR_BEFORE = {"in", "since", "by", "until", "till", "of", "from", "during", "circa", "mid", "early", "late", "year",
               "after", "before", "through", "to", "and", "summer", "winter", "spring", "autumn", "fall"}


def _year_number(text: str, toks: list[Tok], i: int) -> bool:
    """A bare four-digit number 1800-2099 is a year unless it counts something written after it
    ("2000 people", "1500 km", "2011 tonnes") or is hedged ("about 2000") or priced ("$2011")."""
    t = toks[i]
    if len(t.text) != 4 or not t.text.isdigit() or not 1800 <= int(t.text) <= 2099:
        return False
    if _currency_before(toks, i) or _hedge_before(toks, i)[0]:
        return False
    prev = toks[i - 1].low if i > 0 else ""
    if prev in YEAR_BEFORE:
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or nxt.kind != "word":
        return not (nxt is not None and (nxt.text in "%" or nxt.text in CURRENCY_SYMBOLS))
    w = nxt.low
    if w in MAGNITUDES or w in SPACED_UNITS or w in TIME_UNITS or w in CURRENCY_WORDS or w in CURRENCY_NAMES \
            or w in PERSON_NOUNS or w in ("percent", "per", "of"):
        return False
    return not (w.endswith("s") and not w.endswith("ss") and nxt.text.islower() and len(w) > 3
                and i + 2 < len(toks) and toks[i + 2].low not in ("a", "an", "the"))


_CODE_AFTER = re.compile(r"([A-Za-z]{1,3})-?(\d+)\b")
_CODE_CHUNK = re.compile(r"[A-Za-z]+\d*-\d|[A-Za-z]+\d+[A-Za-z]|\d+[A-Za-z]+(?:-\d|\d\d)")


def _in_code(text: str, t: Tok) -> bool:
    """A number inside a code of letters and digits: scp2-173m, 24703 L-202, m212 (the code may
    follow the number after a space: "24703 L-202")."""
    chunk = _chunk(text, t.start, t.end)
    if len(chunk) > len(t.text) + 1 and _CODE_CHUNK.search(chunk.strip(".,;:!?()[]\"'")):
        return True
    k = t.end
    if k + 2 < len(text) and text[k] == " " and text[k + 1].isalpha():
        nxt = _CODE_AFTER.match(text, k + 1, k + 12)
        if nxt and not (nxt.group(1).lower() in MEASURE_UNITS and nxt.group(2) in ("2", "3")):
            return True  # but 190 km2 is an area
    return False


TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "lady", "lord", "mx"}
PLACE_PREPOSITIONS = {"in", "at", "on", "from", "to", "near", "of", "for", "by", "outside", "inside", "across",
                      "around", "into", "via", "across", "towards", "toward"}


def _person_name_before(toks: list[Tok], k: int) -> bool:
    """Does a person's name end right before toks[k]: a title and a name ("Mr Smith") or two
    capitalised words or more ("Jane Doe") not led by a preposition ("In New York" is a place)?"""
    run = []
    m = k - 1
    while m >= 0 and toks[m].kind == "word" and toks[m].text[:1].isupper() and len(run) < 5:
        run.append(toks[m])
        m -= 1
    if m >= 0 and toks[m].text == "." and m > 0 and toks[m - 1].low in TITLES:
        return bool(run)  # Mr. Smith
    if not run or run[0].low in _FUNCTION_WORDS:
        return False
    if run[-1].low in TITLES:
        return len(run) >= 2
    if m >= 0 and toks[m].low in PLACE_PREPOSITIONS:
        return False
    return len(run) >= 2 and run[-1].low not in _FUNCTION_WORDS


AGE_LIST_LINKS = {",", "and"}
AGE_TIME_WORDS = {"now", "then"}   # "Tyrese Bailey, now 18, was found guilty"


def _small_whole(tok: Tok) -> bool:
    return tok.kind == "num" and tok.text.isdigit() and 0 < int(tok.text) < 120


def _age_apposition(toks: list[Tok], i: int) -> bool:
    """Is toks[i] one of the ages set off by commas after the people they are ("two men, 24 and 30,
    suffered", "The victims, 17, 19 and 22, were named", "Tyrese Bailey, now 18, was"): a list of two
    or more whole numbers under 120 (or one after "now"/"then") between a comma after a person's name
    or a noun of people and a comma or full stop."""
    n = len(toks)
    first = i
    while first >= 2 and toks[first - 1].text.lower() in AGE_LIST_LINKS and _small_whole(toks[first - 2]):
        first -= 2
    last = i
    while last + 2 < n and toks[last + 1].text.lower() in AGE_LIST_LINKS and _small_whole(toks[last + 2]):
        last += 2
    c = first - 1
    timed = c >= 0 and toks[c].low in AGE_TIME_WORDS
    if timed:
        c -= 1
    if c < 1 or toks[c].text != "," or not (last > first or timed):
        return False
    if last + 1 < n and toks[last + 1].text not in (",", ".", ";"):
        return False
    if last > first and not any(toks[k].low == "and" for k in range(first, last)):
        return False   # "24, 30" without "and" is no list of ages as news writes them
    return _person_name_before(toks, c) or toks[c - 1].low in PERSON_NOUNS


def _change_before(toks: list[Tok], i: int) -> bool:
    """A verb of change right before the number ("rose 5% to 7%", "fell by 2 to 3")."""
    k = i - 1
    if k > 0 and toks[k].low in ("by", "from", "some", "about", "around", "roughly", "nearly", "almost"):
        k -= 1
    return k >= 0 and toks[k].low in CHANGE_WORDS


def _age(q: Quantity, start: int, value, high, qualifier: str, unit: str, end: int) -> Quantity:
    """An age ("five years old", "a 28-year-old", "aged 52", "87 yo"): a figure only when ages are asked
    for; its unit says it is an age ("year of age"), its counted noun is "age", so it is never a count."""
    q.start, q.end = start, max(end, q.end)
    if qualifier == "range":
        q.value_low, q.value_high = value, high
    else:
        q.value_low, q.value_high = _bounds(value, qualifier if qualifier in ("exact", "about", "at_least",
                                                                              "at_most") else "exact")
    q.qualifier = qualifier if qualifier in ("exact", "about", "at_least", "at_most", "range") else "exact"
    q.unit = f"{unit} of age"
    q.head = "age"
    return q


def _line_of(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


def _chunk(text: str, start: int, end: int, limit: int = 80) -> str:
    """The run of non-space characters around text[start:end], at most `limit` characters either
    side (a 60,000-character run of digits and commas is read in linear time)."""
    s = start
    lo = max(0, start - limit)
    while s > lo and not text[s - 1].isspace():
        s -= 1
    e = end
    hi = min(len(text), end + limit)
    while e < hi and not text[e].isspace():
        e += 1
    return text[s:e]


def _blocked_spans(text: str, dates=None) -> list[tuple[int, int, str]]:
    """Spans that are never quantities: dates, clock times, phone numbers."""
    dates = find_dates(text) if dates is None else dates
    spans = [(m.start, m.end, "date") for m in dates if m.form not in ("relwd", "wd", "today", "rely", "m", "relm")]
    if "+" in text:
        spans += [(m.start(), m.end(), "phone") for m in PHONE.finditer(text)]
    if _PHONE_HINT.search(text):
        spans += [(m.start(), m.end(), "phone") for m in PHONE_PLAIN.finditer(text)]
    if ":" in text:
        spans += [(m.start(), m.end(), "time") for m in TIME_COLON.finditer(text)]
        spans += [(m.start(), m.end(), "ratio") for m in RATIO_COLON.finditer(text)]
    if " 0" in text or "\n0" in text or text[:1] == "0":
        spans += [(m.start(), m.end(), "phone") for m in PHONE_SPACED.finditer(text)]
    if "clock" in text:
        for m in _OCLOCK.finditer(text):
            spans.append((m.start(), m.end(), "time"))
    if not _DIGIT.search(text):
        return spans
    for m in _DOT_TIME.finditer(text):
        hh, mm = int(m.group(1)), int(m.group(2))
        tail = text[m.end():m.end() + 12].lower()
        head = text[max(0, m.start() - 6):m.start()].rstrip()
        unit_word = re.match(r"\s*([^\W\d_]+)", tail)
        if head[-1:] in CURRENCY_SYMBOLS or head.lower().endswith(tuple(CURRENCY_CODES)) or (
                unit_word and (unit_word.group(1) in MEASURE_UNITS and unit_word.group(1) not in GLUED_ONLY
                               or unit_word.group(1) in CURRENCY_NAMES or unit_word.group(1) in CURRENCY_CODES)):
            continue  # $ 1.22, 6.25 BTC, 1.20 cents, 2.45 km: an amount, not a clock time
        if hh <= 24 and mm < 60 and not re.match(r"\s*(?:%|percent|per cent|million|mln|bln|billion|"
                                                  r"thousand|usd|tenge|roubles|rubles|eur|dollars|km)", tail):
            spans.append((m.start(), m.end(), "time"))
    if _AMPM_HINT.search(text):
        for m in _AMPM.finditer(text):
            spans.append((m.start(), m.end(), "time"))
    return spans


_DIGIT = re.compile(r"\d")
_LINE_DIGIT = re.compile(r"(?m)^[ \t]*\d")
_LIST_SEP = re.compile(r"\s*(?:,|and|or|,\s*and)\s*")
_DIGITS = re.compile(r"\d+")
_AMPM_HINT = re.compile(r"\d\s*[ap]\.?m|clock", re.I)
_OCLOCK = re.compile(r"\b(?:" + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True)) + r")\s+o['’]clock", re.I)
_DOT_TIME = re.compile(r"(?<![\d.,])(\d{1,2})[.](\d{2})(?![\d])")
_AMPM = re.compile(r"\b(\d{1,2})(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o['’]clock)", re.I)


def _overlaps(spans, s, e) -> str | None:
    for a, b, why in spans:
        if a < e and s < b:
            return why
    return None


def _hedge_before(toks: list[Tok], i: int) -> tuple[str | None, int]:
    """(qualifier, index of the hedge's first token) for the hedge ending right before toks[i]."""
    if i == 0:
        return None, i
    for words, q in _HEDGE_BY_LAST.get(toks[i - 1].low, ()):
        n = len(words)
        k = i - n
        if k < 0:
            continue
        if all(toks[k + x].low == words[x] for x in range(n)):
            if words == ("about",) and k > 0 and toks[k - 1].low in ABOUT_NOT_HEDGE:
                return None, i
            if words == ("some",) and i < len(toks) and toks[i].low in ("of",):
                return None, i
            # `only` inside "not only" is handled by the longer entry
            return q, k
    return None, i


def _unit_after(toks: list[Tok], j: int) -> tuple[str | None, str | None, int, int | None]:
    """(unit, head word, index after a time/distance unit consumed, head start offset)."""
    n = len(toks)
    if j < n and toks[j].kind == "word":
        w = toks[j].low
        if w in TIME_UNITS:
            return TIME_UNITS[w], w, j + 1, toks[j].start
        if w in DISTANCE_UNITS and (w != "m" or toks[j].start == toks[j - 1].end):
            return DISTANCE_UNITS[w], w, j + 1, toks[j].start
    # the counted noun: skip modifiers up to a stop
    k = j
    if k < n and toks[k].low == "of" and k + 1 < n and toks[k + 1].low in ("them", "these", "those", "us",
                                                                         "whom", "which"):
        return "person", "them", k, None
    if k < n and toks[k].low == "of":
        k += 1
        if k < n and toks[k].low in ("the", "these", "those", "his", "her", "their", "our"):
            k += 1
    words = []
    while k < n and len(words) < 5:
        t = toks[k]
        if t.kind == "punct":
            if t.text in "“”\"'‘’«»" and not words:
                k += 1
                continue
            if t.text == "-" and words:
                k += 1
                continue
            break
        if t.kind != "word":
            break
        w = t.low
        if w in STOP and not (w in PERSON_NOUNS and not words):
            break
        if w.endswith("ing") and len(w) > 5:
            break
        if w.endswith("ed") and w not in PERSON_NOUNS:
            nxt = toks[k + 1] if k + 1 < n else None
            if nxt is None or nxt.kind != "word" or nxt.low in STOP:
                break
        words.append((w, t.start))
        k += 1
    if not words:
        return None, None, j, None
    head, hs = words[-1]
    for w, s in words:  # the first plural is the head: "two buildings light up", "seven different varieties"
        if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            head, hs = w, s
            break
    # prefer a person noun inside the group ("police officers", "oil workers")
    for w, s in reversed(words):
        if w in PERSON_NOUNS:
            return "person", w, j, s
    return _singular(head), head, j, hs


def _singular(w: str) -> str:
    w = w.strip("-")
    if w in ("houses", "buildings", "kindergartens", "schools", "shops", "banks", "offices", "cafes",
             "hotels", "homes", "strongholds", "facilities"):
        return "building"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


# what may follow a number's hyphen without making a compound adjective: number words and fractions
# ("twenty-five", "two-thirds"), links of ranges and rates ("two-to-three", "one-on-one", "one-of-a-kind")
_NOT_MODIFIER_NOUNS = {*UNITS, *TENS, *FRACTIONS, "to", "or", "and", "on", "of", "in", "by", "for", "and-a-half"}


def _compound_modifier(toks: list[Tok], j: int) -> bool:
    """Does a number end at toks[j] ("-") in a compound adjective, NUMBER-NOUN before another word
    ("two-county chase", "3-vehicle crash")? The units of measure, time and money are read before."""
    n = len(toks)
    if not (0 < j and j + 2 < n and toks[j].text == "-" and toks[j + 1].kind == "word" and toks[j + 2].kind == "word"
            and toks[j - 1].end == toks[j].start and toks[j].end == toks[j + 1].start):
        return False  # (written as one word: "9 - iron" is no compound)
    first = toks[j + 1].low.split("-")[0]
    return first.isalpha() and first not in _NOT_MODIFIER_NOUNS


def _split_number_words(toks: list[Tok]) -> list[Tok]:
    """`seven-month-long` -> seven, -, month-long (twenty-five stays whole; `thirty-one-year-old` ->
    thirty-one, -, year-old)."""
    if not any("-" in t.text for t in toks if t.kind == "word"):
        return toks
    out = []
    for t in toks:
        if t.kind == "word" and "-" in t.text:
            first, rest = t.text.split("-", 1)
            fl = first.lower()
            parts = t.text.split("-")
            if len(parts) > 2 and fl in TENS and 0 < UNITS.get(parts[1].lower(), 0) < 10:
                first, rest = f"{parts[0]}-{parts[1]}", "-".join(parts[2:])
                a = t.start + len(first)
                out.extend([Tok(first, t.start, a, "word"), Tok("-", a, a + 1, "punct"), Tok(rest, a + 1, t.end, "word")])
                continue
            if (fl in UNITS or fl in TENS or fl in ("half", "several", "a")) and not (
                    fl in TENS and rest.lower() in UNITS):
                if fl == "a":
                    out.append(t)
                    continue
                a = t.start + len(first)
                out.append(Tok(first, t.start, a, "word"))
                out.append(Tok("-", a, a + 1, "punct"))
                out.append(Tok(rest, a + 1, t.end, "word"))
                continue
        out.append(t)
    return out


_TENS_UNITS = re.compile("(?:" + "|".join(TENS) + ")-(?:" + "|".join(w for w, v in UNITS.items() if 0 < v < 10)
                         + ")", re.I)


_CAND = re.compile(r"\d")
MAX_AMOUNT = 1e21  # larger than any amount written in words or digits (world GDP is ~1e14 dollars)
WORD_NUMBER_SET = {*UNITS, *TENS, "hundred", "thousand", "million", "billion", "dozen", "half", "several"}


def _window_tokens(text: str, s: int, e: int, cands=None) -> list[Tok]:
    """Tokens of the stretches of text[s:e] around its numbers (and 40 characters before the
    sentence, for codes like "No. 1254" split off by the sentence splitter): a figure needs only
    a few words on each side, so long sentences are not tokenized whole."""
    if cands is None:
        low = text[s:e].lower()
        cands = [m.start() for m in _CAND.finditer(text, s, e)]
        cands += [m.start() + s for m in WORD_NUMBER_LOWER.finditer(low)] if len(low) == e - s else \
            [m.start() for m in WORD_NUMBER.finditer(text, s, e)]
        cands.sort()
    if not cands:
        return []
    spans: list[list[int]] = []
    for c in cands:
        a, b = max(s - 40 if c - s < 50 else s, c - 50), min(e, c + 100)
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    toks: list[Tok] = []
    for a, b in spans:
        a = max(0, a)
        while a > 0 and not text[a - 1].isspace() and a > spans[0][0] - 40:
            a -= 1
        while b < e and not text[b].isspace():
            b += 1
        part = tokenize(text[a:b], a)
        if toks and part and part[0].start < toks[-1].end:
            part = [t for t in part if t.start >= toks[-1].end]
        if toks and part:
            toks.append(Tok("\u2026", toks[-1].end, toks[-1].end, "punct"))  # a gap no pattern crosses
        toks.extend(part)
    return _split_number_words(toks)


def parse_sentence(text: str, s: int, e: int, blocked, hypothetical: bool, cands=None,
                   ages: bool = False) -> list[Quantity]:
    """Quantities whose number lies in text[s:e] (offsets into `text`); `cands` = where numbers start."""
    toks = _window_tokens(text, s, e, cands)
    n = len(toks)
    out: list[Quantity] = []
    i = 0
    while i < n and toks[i].start < s:
        i += 1
    while i < n:
        t = toks[i]
        q = None
        if t.kind == "num" or (t.kind == "word" and (WORD_NUMBER.fullmatch(t.text) or t.low in ("a", "an")
                                                     or _TENS_UNITS.fullmatch(t.text))):
            q = _parse_at(text, toks, i, blocked, ages)
        if q is None:
            i += 1
            continue
        quantity, j = q
        if quantity is None:  # words read and found to be no figure
            i = max(j, i + 1)
            continue
        if not all(v is None or math.isfinite(v) and abs(v) <= MAX_AMOUNT for v in (quantity.value_low,
                                                                                   quantity.value_high)):
            i = max(j, i + 1)
            continue  # an overflow ("9" * 18 + " trillion trillion") is no amount
        quantity.hypothetical = hypothetical
        quantity.sentence_start, quantity.sentence_end = s, e
        out.append(quantity)
        i = max(j, i + 1)
    return out


def _parse_at(text: str, toks: list[Tok], i: int, blocked, ages: bool = False) -> tuple[Quantity | None, int] | None:
    n = len(toks)
    t = toks[i]
    low = t.low
    uncertain = False
    kind = "exact"
    sign_at = None
    if t.kind == "num":
        why = _overlaps(blocked, t.start, t.end)
        if why:
            return None
        # a point before three digits is a decimal point before a scale word or a unit
        # ("$1.762bn", "1.356 billion", "1.609 km"), a thousands separator otherwise ("1.500 people")
        nxt_tok = toks[i + 1] if i + 1 < n else None
        point = "." in t.text and nxt_tok is not None and nxt_tok.kind == "word" and nxt_tok.start - t.end <= 1 \
            and (nxt_tok.low in MAGNITUDES or nxt_tok.low in SPACED_UNITS
                 or (nxt_tok.start == t.end and nxt_tok.low in MEASURE_UNITS))
        value = digit_value(t.text, decimal_point=point)
        if value is None or (len(t.text) > 1 and t.text[0] == "0" and t.text[1].isdigit()):
            return None  # 007, 0958: a code or a phone number, not an amount
        j = i + 1
        before = text[t.start - 1] if t.start > 0 else " "
        after = text[t.end] if t.end < len(text) else " "
        if before == "#" or before == "№":
            return None
        if before.isalpha():
            k = t.start
            while k > 0 and text[k - 1].isalpha():
                k -= 1
            glued = text[k:t.start]
            if not (glued.islower() and len(glued) >= 2 and glued in GLUE_OK) and glued.lower() not in \
                    CURRENCY_CODES_BEFORE and glued.lower() not in CURRENCY_CODES:
                return None
        if after.isalpha():
            k = t.end
            while k < len(text) and text[k].isalpha():
                k += 1
            suffix = text[t.end:k]
            if suffix.lower() in ("st", "nd", "rd", "th"):
                return None  # ordinal
            if k < len(text) and (text[k].isalnum() or text[k] in "-_") and not (
                    text[k] in "23²³" and (k + 1 >= len(text) or not text[k + 1].isalnum())):
                return None  # a code: 24703L202, 3x4, 4G-LTE
            if not glued_unit(suffix):
                return None
        if before in "-–" and t.start >= 2 and text[t.start - 2].isalpha():
            return None  # OS-5, Covid-19
        # a sign: "-5 yards", "−3", "minus 5 degrees" (not a hyphen between words or numbers)
        sign_at = None
        if before in "-−" and (t.start < 2 or text[t.start - 2] in " \t\n([{\"'“‘:;=") and not (
                i > 1 and toks[i - 2].kind == "num" and toks[i - 2].end >= t.start - 3):
            value = -value
            sign_at = t.start - 1
        elif i > 0 and toks[i - 1].low == "minus":
            value = -value
            sign_at = toks[i - 1].start
        if _name_number(text, toks, i) or _year_number(text, toks, i) or _in_code(text, t):
            return None
        # ages in apposition to people: "two men, 24 and 30, suffered graze wounds", "Tyrese Bailey, now 18,"
        if t.text.isdigit() and 0 < value < 120 and _age_apposition(toks, i):
            if not ages:
                return None
            q = Quantity(t.start, t.end, t.start, t.end, value, value, "exact")
            return _age(q, t.start, value, None, "exact", "year", t.end), i + 1
        # an age in apposition, as news writes it: "Mr Smith, 45, was arrested", "Jane Doe (32)"
        if i > 1 and t.text.isdigit() and 0 < value < 120 and i + 1 < n and (
                (toks[i - 1].text == "," and toks[i + 1].text == ",") or (toks[i - 1].text == "(" and
                                                                         toks[i + 1].text == ")")) \
                and _person_name_before(toks, i - 1) and not _unit_here(toks, i + 2, text)[0] \
                and (toks[i - 1].text == "(" or i + 2 >= n or toks[i + 2].kind == "word"):
            if not ages:
                return None
            q = Quantity(t.start, t.end, t.start, t.end, value, value, "exact")
            return _age(q, t.start, value, None, "exact", "year", t.end), i + 1
        if after == "." and t.end + 1 < len(text) and text[t.end + 1].isalpha() and not text[t.end + 1].isupper():
            return None  # 1.max (file names)
        frac = _fraction(toks, i)
        if frac is None and i + 1 < n and toks[i + 1].start == t.end + 1 and t.text.isdigit():
            f2 = _fraction(toks, i + 1)  # 10 1/2 miles, 7 3/4 %
            if f2 is not None:
                frac = (value + f2[0], f2[1])
        if frac is not None:
            value, j = frac
            after = text[toks[j - 1].end] if toks[j - 1].end < len(text) else " "
        elif URLISH.search(_chunk(text, t.start, t.end)):
            return None
        elif SLASH_PAIR_AFTER.match(text, t.end) or SLASH_PAIR_BEFORE.search(text, max(0, t.start - 8), t.start):
            return None  # "1 / 33" (a gallery's counter), "12 / 05": numbers paired by a slash count nothing
        if before == "+":
            return None
        # list marker: "1. Immediate release", "2) ..."
        ls, le = _line_of(text, t.start)
        if not text[ls:t.start].strip() and after in ".)" and (t.end + 1 >= le or text[t.end + 1] == " "):
            return None
        # a number alone on its line: only the infographic rule may read it
        if NUMBER_LINE.match(text[ls:le]):
            return None
        # code words and codes: "article 241", "No. 1254", "KC 852", "Part 2"
        if i > 0:
            p = toks[i - 1]
            pl = p.low.rstrip(".")
            if p.kind == "word" and pl in CODE_WORDS and not (pl in ("number", "no") and i > 1 and toks[i - 2].low in ("a", "the", "large")):
                return None
            if p.kind == "punct" and p.text == "." and i > 1 and toks[i - 2].low in ("no", "nr", "art", "p", "pp"):
                return None
            # "Image 9 of 16", "page 3 of 10": the total of a numbered series is a code too
            if p.low == "of" and i > 2 and toks[i - 2].kind == "num" and toks[i - 3].low.rstrip(".") in CODE_WORDS:
                return None
            if p.kind == "word" and p.text.isupper() and 2 <= len(p.text) <= 4 and p.low not in \
                    CURRENCY_CODES_BEFORE and p.low not in CURRENCY_CODES and p.end == t.start - 1 and p.low not in ("us", "un", "eu", "i"):
                return None
        # a weapon's bore names a kind of gun, it counts nothing: ".38-caliber handgun", "12-gauge shotgun"
        if BORE_AFTER.match(text, t.end):
            return None
        # addresses: "the 1700 block of Main Street", "123 Random Street"
        if nxt_tok is not None and nxt_tok.kind == "word":
            if nxt_tok.low in ADDRESS_AFTER:
                return None
            # (a headline's common word is no street name: "4 Hurt In Highway Shooting")
            if nxt_tok.text[:1].isupper() and "." not in t.text and "," not in t.text and \
                    not is_headline_word(nxt_tok.text):
                k = i + 1
                if toks[k].text in COMPASS_POINTS:  # "916 W. Wildy St.", "1200 NW Fifth Avenue"
                    k += 2 if k + 1 < n and toks[k + 1].text == "." and toks[k + 1].start == toks[k].end else 1
                first = k
                while k < n and k < first + 3 and toks[k].kind == "word" and toks[k].text[:1].isupper():
                    if toks[k].low in STREET_WORDS and k > first:
                        return None
                    k += 1
        # scores and tallies: "won 3-2", "a 5-4 ruling", "3–1": a hyphenated pair that does not go up
        # is not a range, and neither number is an amount
        if i + 2 < n and toks[i + 1].text in ("-", "–") and toks[i + 2].kind == "num" and \
                toks[i + 1].start - t.end <= 1 and toks[i + 2].start - toks[i + 1].end <= 1 and \
                t.text.isdigit() and toks[i + 2].text.isdigit() and len(t.text) <= 3 and len(toks[i + 2].text) <= 3:
            a, b = int(t.text), int(toks[i + 2].text)
            if b <= a or SCORE_CUES.search(text, max(0, t.start - 60), toks[i + 2].end + 60):
                if not (i + 3 < n and toks[i + 3].kind == "word" and (toks[i + 3].low in TIME_UNITS
                                                                       or toks[i + 3].low in SPACED_UNITS)):
                    return None
        if i > 1 and toks[i - 1].text in ("-", "–") and toks[i - 2].kind == "num" and toks[i - 2].text.isdigit() \
                and t.text.isdigit() and len(t.text) <= 3 and len(toks[i - 2].text) <= 3 and \
                t.start - toks[i - 1].end <= 1 and toks[i - 1].start - toks[i - 2].end <= 1:
            a, b = int(toks[i - 2].text), int(t.text)
            if b <= a or SCORE_CUES.search(text, max(0, toks[i - 2].start - 60), t.end + 60):
                if not (i + 1 < n and toks[i + 1].kind == "word" and (toks[i + 1].low in TIME_UNITS
                                                                       or toks[i + 1].low in SPACED_UNITS)):
                    return None
        # broken number from bad translation: "1 4 Human", "2 00 protesters", "6 4 people"
        if (i + 1 < n and toks[i + 1].kind == "num" and toks[i + 1].start == t.end + 1 and text[t.end] == " "
                and len(t.text) <= 3 and t.text.isdigit() and toks[i + 1].text.isdigit()
                and len(toks[i + 1].text) <= 2 and i + 2 < n and toks[i + 2].kind == "word"
                and toks[i + 2].low not in ("and", "or", "to")):
            uncertain = True
            j = i + 2
            value = None
    else:
        if _overlaps(blocked, t.start, t.end) or low == "zero":
            return None
        wn = word_number(toks, i)
        if wn is None:
            if low == "twice" and i + 1 < n and toks[i + 1].low == "as":
                wn = (2.0, i + 1, "ratio")
            else:
                return None
        value, j, kind = wn
        if low in ("a", "an") and kind == "exact" and j < n and toks[j - 1].low == "dozen":
            pass
        # `one`: a count only when hedged, or of people, or of a casualty, or `for one month`
        if low == "one" and j == i + 1:
            hq, _ = _hedge_before(toks, i)
            nxt = toks[j].low if j < n else ""
            nxt2 = toks[j + 1].low if j + 1 < n else ""
            window = " ".join(x.low for x in toks[j:j + 6])
            ok = hq in ("at_least", "at_most", "about")
            if re.match(r"(?:[a-z]+ ){0,2}(?:was |were |has |had )?(?:been )?(?:[a-z]+ly )?(?:killed|died|dead|"
                        r"injured|wounded|shot|hurt|hospitali[sz]ed|taken to)", window):
                # ("one person was seriously injured": an adverb of degree before the harm)
                ok = True
            if nxt in TIME_UNITS and i > 0 and toks[i - 1].low in ("for", "than", "lasted"):
                ok = True
            if (nxt in MEASURE_UNITS and nxt not in GLUED_ONLY) or nxt in CURRENCY_NAMES or (
                    nxt in TIME_UNITS and nxt2 == "old") or (nxt == "-" and (
                    nxt2.split("-")[0] in CURRENCY_NAMES or nxt2 in MEASURE_UNITS and nxt2 not in GLUED_ONLY)):
                ok = True  # one mile, one penny, one year old
            if nxt == "of" or (i > 0 and toks[i - 1].low in ("no", "the", "any", "every", "each", "this", "that",
                                                              "which", "at", "in", "only")):
                ok = (hq in ("at_least", "at_most", "about") or nxt in CURRENCY_NAMES) and nxt != "of"
            if not ok:
                return None
        if (low == "half" and j == i + 1) or kind == "half":
            nxt = toks[j].low if j < n else ""
            if nxt == "of" and j + 2 < n and toks[j + 1].low in ("a", "an"):
                u = toks[j + 2].low  # half of a mile; half of a pizza is no share of a group
                if u in TIME_UNITS or u in SPACED_UNITS:
                    q = Quantity(t.start, toks[j + 2].end, t.start, toks[j + 2].end, 0.5, 0.5, "exact",
                                 TIME_UNITS.get(u) or MEASURE_UNITS[u])
                    return _finish(text, toks, i, j + 3, q, blocked, ages=ages)
                return None
            if nxt == "of":
                kind = "exact"
                value = 50.0
                q = Quantity(t.start, t.end, t.start, t.end, 50.0, 50.0, "exact", "percent")
                return _finish(text, toks, i, j, q, blocked, ages=ages)
            if nxt in ("a", "an") and j + 1 < n and toks[j + 1].low in TIME_UNITS:
                j += 1  # half an hour
            elif not ((nxt in MEASURE_UNITS and nxt not in GLUED_ONLY) or nxt in TIME_UNITS):
                return None  # a half turn, half a mile
        if kind == "half":
            kind = "exact"
        if kind == "fraction":
            kind = "exact"
            if j + 2 < n and toks[j].low == "of" and toks[j + 1].low in ("a", "an"):
                # "a third of a mile" is a fraction of a unit; "a quarter of a century" of one thing
                u = toks[j + 2].low
                if u in TIME_UNITS or u in SPACED_UNITS:
                    q = Quantity(t.start, toks[j + 2].end, t.start, toks[j + 2].end, value, value, "exact",
                                 TIME_UNITS.get(u) or MEASURE_UNITS[u])
                    return _finish(text, toks, i, j + 3, q, blocked, ages=ages)
                return None
            if j < n and toks[j].low == "of":
                # "two-thirds of the workers", like "half of": a share, in percent
                value = round(value * 100, 2)
                q = Quantity(t.start, toks[j - 1].end, t.start, toks[j - 1].end, value, value, "exact", "percent")
                return _finish(text, toks, i, j, q, blocked, ages=ages)
        # title case runs are names, not figures: "Three Steps Above Heaven"
        # (but not a headline's: "Six People Found Shot to Death in Home")
        if t.text[:1].isupper() and i + 2 < n and toks[i + 1].kind == "word" and toks[i + 2].kind == "word" \
                and toks[i + 1].text[:1].isupper() and toks[i + 2].text[:1].isupper() \
                and toks[i + 1].low not in TIME_UNITS and not (
                    is_headline_word(toks[i + 1].text) and is_headline_word(toks[i + 2].text)):
            return None
        # a number word in a short heading line ("Six days of one year"); not a news headline that reports
        # the dead or hurt in sentence case ("Two killed in crash", "Two hundred hurt in stampede")
        ls, le = _line_of(text, t.start)
        line = text[ls:le].strip()
        if line and line[-1] not in ".!?:;\"”»)" and len(line.split()) <= 6 and line[:1].isupper() \
                and not _DIGIT.search(line) and text[ls:t.start].strip() == "" and not HARM_WORD.search(line):
            return None
    # magnitude after digits: 5 bln, 113.4 thousand, 100 mln
    if t.kind == "num" and value is not None and j < n and toks[j].kind == "word":
        m = toks[j].low
        if m in MAGNITUDES and (m not in ("m", "k") or toks[j].start == toks[j - 1].end) and not (
                m == "m" and not _million_m(text, toks, i, j)):
            value *= MAGNITUDES[m]
            j += 1
        elif m.startswith("m") and m[1:] in CURRENCY_CODES and toks[j].text[:1] == "M" and len(m) == 4:
            value *= 1e6  # 30 MUSD, 120 MEUR: millions of a currency (finance usage)
            q0 = Quantity(sign_at if sign_at is not None else t.start, toks[j].end, sign_at if sign_at is not None else t.start, toks[j].end, value, value, kind, CURRENCY_CODES[m[1:]])
            return _finish(text, toks, i, j + 1, q0, blocked, value=value, kind=kind, ages=ages)
    s0 = t.start if t.kind != "num" or sign_at is None else sign_at
    q = Quantity(s0, toks[j - 1].end, s0, toks[j - 1].end, None, None, kind)
    q.value_low = value
    q.uncertain = uncertain
    if kind == "vague" and j < n and toks[j].low == "more":
        j += 1
        q.end = toks[j - 1].end
    if kind == "ratio":
        q.unit = "ratio"
    return _finish(text, toks, i, j, q, blocked, value=value, kind=kind, ages=ages)


def _finish(text, toks, i, j, q: Quantity, blocked, value=None, kind=None, ages=False):
    n = len(toks)
    if value is None and q.value_low is not None:
        value = q.value_low
    kind = kind or q.qualifier
    high = None
    qualifier = "exact" if kind in ("exact", "ratio") else kind
    # range: A-B, A–B, A to B, between A and B, from A to B; a unit may be written on both
    # numbers ("5% to 10%", "from $250,000 to $1 million", "5km-10km") or on the second only
    hq, hk = _hedge_before(toks, i)
    cur = _currency_before(toks, i)
    i0 = i - 1 if cur else i
    between = i0 > 0 and toks[i0 - 1].low == "between"
    frm = i0 > 0 and toks[i0 - 1].low == "from"
    unit1, j1 = (None, j)
    if j < n and q.unit is None and toks[j].low not in ("to", "and", "or") and toks[j].text not in ("-", "–", "—"):
        unit1, j1 = _unit_here(toks, j, text)
    if j1 + 1 < n and not q.uncertain and value is not None and (
            toks[j1].text in ("-", "–", "—") or toks[j1].low in ("to", "or") or (between and toks[j1].low == "and")) \
            and not (toks[j1].text == "-" and toks[j1].start == toks[j1 - 1].end and toks[j1 + 1].kind == "word"
                     and toks[j1 + 1].start == toks[j1].end):
        jc = j1
        rk = jc + 1
        cur2 = _currency_before(toks, rk + 1) if rk + 1 < n and toks[rk + 1].kind == "num" else None
        if cur2 and cur2 == cur:
            rk += 1  # $250,000 to $1 million
        r = toks[rk]
        second = None
        if r.kind == "num" and not _overlaps(blocked, r.start, r.end) and (
                not text[r.end:r.end + 1].isalpha() or glued_unit(_glued_suffix(text, r.end))):
            v2 = digit_value(r.text, decimal_point=rk + 1 < n and toks[rk + 1].low in MAGNITUDES)
            k = rk + 1
            if v2 is not None and k < n and toks[k].low in MAGNITUDES and toks[k].low not in ("m", "k"):
                v2 *= MAGNITUDES[toks[k].low]
                k += 1
            second = (v2, k)
        elif r.kind == "word":
            wn = word_number(toks, rk)
            if wn and wn[2] == "exact":
                second = (wn[0], wn[1])
        same_unit = False
        if second and second[0] is not None:
            if unit1 is not None:
                unit2, k2 = _unit_here(toks, second[1], text)
                same_unit = unit2 == unit1
                if same_unit:
                    second = (second[0], k2)
            elif cur2 and cur2 == cur:
                same_unit = True
        change = _change_before(toks, i0)
        if toks[jc].low == "or" and second and second[0] is not None and not (
                unit1 is None and value > 0 and second[0] <= 3 * value and second[1] < n and
                (toks[second[1]].low in PERSON_NOUNS or toks[second[1]].kind == "word") and
                (toks[i].kind == "num") == (toks[rk].kind == "num")):
            # "two or three miners", "10 or 12 people": an approximate count, when both numbers are
            # written alike, close, and count the noun after them (not "Article 5 or 6", "5 or 50")
            second = None
        if second and second[0] is not None and second[0] > value and (unit1 is None or same_unit) and (
                toks[jc].low != "to" or frm or between or (same_unit and not change) or (
                    toks[jc].low == "to" and (hq is None or hq in ("about",)) and not change and unit1 is None
                    and (second[1] < n and (toks[second[1]].low in TIME_UNITS or toks[second[1]].low
                                            in PERSON_NOUNS or toks[second[1]].kind == "word")))):
            j = jc
            if unit1 is not None:
                q.unit = unit1
            # a magnitude after the second number applies to both: 150-170 thousand
            if t_mag := (toks[second[1] - 1].low if second[1] - 1 > j + 1 else None):
                if t_mag in MAGNITUDES and value < second[0] / MAGNITUDES[t_mag]:
                    value *= MAGNITUDES[t_mag]
            high = second[0]
            qualifier = "range"
            j = second[1]
            q.end = toks[j - 1].end
            if between or frm:
                hk = i0 - 1
                hq = None
    # currency before: $5 million, USD 5, KZT 1,000, RUB 40 mln
    unit = q.unit
    start = q.start
    k = (hk if hq else i) - 1
    if k >= 0 and unit is None and (toks[k].low in CURRENCY_CODES_BEFORE or _currency_before(toks, k + 1)):
        unit = _currency_before(toks, k + 1) or CURRENCY_WORDS[toks[k].low]
        while k > 0 and toks[k - 1].end == toks[k].start and toks[k - 1].kind != "num" and \
                (toks[k - 1].text + text[toks[k].start:toks[k].end]).lower() != toks[k].low:
            k -= 1  # C$, HK$, US$: the code glued before the symbol
        start = toks[k].start
        hq2, hk2 = _hedge_before(toks, k)
        if hq2 and not hq:
            hq, hk = hq2, hk2
    # currency / percent after
    if j < n:
        w = toks[j].low
        if w in CURRENCY_WORDS and w not in ("$", "pounds", "pound") and (unit is None or unit == CURRENCY_WORDS[w]):
            unit = CURRENCY_WORDS[w]
            j += 1
        elif unit is None and (w == "%" or w == "percent" or (w == "per" and j + 1 < n and toks[j + 1].low == "cent")):
            unit = "percent"
            j += 2 if w == "per" else 1
        if unit and j < n and toks[j].low in MAGNITUDES and toks[j].low not in ("m", "k", "thousands"):
            value = value * MAGNITUDES[toks[j].low] if value is not None else None
            if high is not None:
                high *= MAGNITUDES[toks[j].low]
            j += 1
    # any other unit after the number: 50mph, 6kW, 30C, 20 degrees celsius, 25 kg, 10 us dollars
    if unit is None and j < n and not (toks[j].text == "-" and j + 1 < n and toks[j + 1].kind == "word"):
        u, k = _unit_here(toks, j, text)
        if u is not None and u not in ("percent",):
            unit, j = u, k
    if unit in MONEY and value is not None and j < n:
        # 3 dollars 50 cents, thirteen dollars and forty-five cents
        k = j + 1 if toks[j].low == "and" else j
        if k < n and unit in ("USD", "EUR", "GBP", "CAD", "AUD"):
            c = digit_value(toks[k].text) if toks[k].kind == "num" else None
            k2 = k + 1
            if toks[k].kind == "word":
                wn = word_number(toks, k)
                c, k2 = (wn[0], wn[1]) if wn and wn[2] == "exact" else (None, k)
            if c is not None and 0 < c < 100 and k2 < n and toks[k2].low in ("cents", "cent", "pence", "p"):
                value += c / 100
                j = k2 + 1
            elif c is not None and 0 < c < 100 and c == int(c) and re.match(
                    r"\s*(?:$|[.,;:!?)\]])", text[toks[k2 - 1].end:toks[k2 - 1].end + 3]) and (
                    toks[k].kind != "num" or len(toks[k].text) == 2):
                value += c / 100  # 15 dollars 50, thirteen dollars forty-five: the cents, unnamed
                j = k2
    if unit is not None and unit not in ("percent", "ratio") and j < n:
        per, k = per_rate(toks, j)  # $ 98 a share, 500,000 barrels a day, 50 meters per millisecond
        if per and per != unit and not (k < n and toks[k].low in OFFSET_AFTER):  # not "a year earlier"
            q.extra["per"] = per
            j = k
    q.end = max(q.end, toks[j - 1].end)
    # compound adjectives: 3-day, seven-month, 5-year prison term; ages are not quantities
    head = None
    head_start = None
    if j + 1 < n and toks[j].text == "-" and toks[j + 1].kind == "word":
        first = toks[j + 1].low.split("-")[0]
        rest = toks[j + 1].low
        if first in TIME_UNITS:
            after = toks[j + 2].low if j + 2 < n else ""
            if "old" in rest.split("-") or after in ("old", "-old") or (after == "-" and j + 3 < n
                                                                        and toks[j + 3].low == "old"):
                if not ages:
                    return None  # 16-year-old
                end = toks[j + 1].end if "old" in rest.split("-") else toks[j + 2 if after != "-" else j + 3].end
                return _age(q, start, value, high, qualifier, TIME_UNITS[first], end), j + 2
            unit = TIME_UNITS[first]
            q.end = toks[j + 1].start + len(first)
            j += 2
        elif first in ATTRIBUTE_UNITS:
            return None  # five-story building
        elif (first in MEASURE_UNITS and first not in GLUED_ONLY or first in CURRENCY_NAMES) and unit is None:
            # a 3-inch thickness, the six-mile trip, a 45-acre farm, a 12-cent-a-share dividend, a one-yen bid
            unit = MEASURE_UNITS.get(first) or CURRENCY_NAMES[first]
            parts = rest.split("-")
            if len(parts) == 3 and parts[1] in ("a", "per") and parts[2] in PER_NOUNS:
                q.extra["per"] = PER_NOUNS[parts[2]]
                q.end = toks[j + 1].end
            else:
                q.end = toks[j + 1].start + len(first)
            j += 2
        elif unit is None and _compound_modifier(toks, j):
            # a number joined to a noun that describes the next one ("a two-county chase", "a three-vehicle
            # crash", "a four-man crew", "a 12-member jury"): it counts that noun, never the dead or hurt
            q.end = toks[j + 1].start + len(first)
            q.extra["modifier"] = True
            unit, head, head_start = first, first, toks[j + 1].start
            j += 2
    if unit is None and j < n and toks[j].low in ("yo", "y.o"):
        if not ages:
            return None  # a 87 yo man
        return _age(q, start, value, high, qualifier, "year", toks[j].end), j + 1
    if unit is None and head is None:
        unit, head, j2, head_start = _unit_after(toks, j)
        if unit in TIME_UNITS.values() or unit in ("km", "metre", "mile", "cm"):
            q.end = toks[j2 - 1].end
            j = j2
            nxt = toks[j].low if j < n else ""
            if nxt in ("old",) or (nxt == "of" and j + 1 < n and toks[j + 1].low in ("age", "independence",
                                                                                   "existence")):
                if ages and unit in TIME_UNITS.values() and (nxt == "old" or toks[j + 1].low == "age"):
                    return _age(q, min(start, toks[hk].start) if hq else start, value, high, qualifier
                                if qualifier == "range" else (hq or qualifier), unit,
                                toks[j].end if nxt == "old" else toks[j + 1].end), j + (1 if nxt == "old" else 2)
                return None
    # ages and offsets: "aged 52", "turned 50", "Six months after", "41 years prior", "within two days"
    first = hk if hq else i
    prev = toks[first - 1].low if first > 0 else ""
    if prev in ("aged", "turned", "age") or (j < n and toks[j].low in ("yo", "y.o")) or \
            _age_stated_before(toks, first):
        if ages and unit is None:
            return _age(q, start, value, high, qualifier, "year", q.end if toks[j].low not in ("yo", "y.o")
                        else toks[j].end), j
        return None, j  # (no figure, and none in it: "from 46 to 73" is one age range, 73 no count)
    nxt = toks[j].low if j < n else ""
    if unit in TIME_UNITS.values() or (unit is None and head is None):
        # "Six months after", "two years ago"; a bare number before a preposition of time is a count
        # whose clause goes on ("injured 7 before fleeing", "put the toll at 45 after the ferry sank")
        if nxt in OFFSET_AFTER and (unit is not None or nxt not in ("before", "after", "since") or (
                first >= 2 and toks[first - 1].low in ("or", "to") and toks[first - 2].low in TIME_UNITS)):
            return None  # (and "a day or two before": the unit is the alternative's)
        if nxt == "on" and (j + 1 >= n or toks[j + 1].kind == "punct"):
            return None
        if prev == "within" and unit in TIME_UNITS.values():
            return None
        if prev == "after" and unit in TIME_UNITS.values() and (j >= n or toks[j].text in (",", ".")):
            return None
        if unit in TIME_UNITS.values() and nxt == "or" and j + 2 < n and toks[j + 2].low in OFFSET_AFTER:
            return None
    if nxt == "times":
        after = toks[j + 1].low if j + 1 < n else ""
        if after in COMPARATIVES:
            unit = "ratio"
            q.end = toks[j].end
            j += 1
        else:
            return None
    if nxt in ("old",) and unit in (None, "person"):
        return None
    if nxt == "of" and j + 1 < n and toks[j + 1].low == "independence":
        return None
    # `over several months` means `during`
    if hq == "at_least" and toks[hk].low == "over" and unit in TIME_UNITS.values():
        hq = None
    if hq in ("at_least", "at_most", "about") and qualifier == "exact":
        qualifier = hq
    elif hq in ("at_least", "at_most") and qualifier == "vague":
        if hq == "at_most" and kind == "vague":
            value = None  # up to several years: no usable bound
    if hq and toks[hk].low in ("estimated",) and toks[hk - 1].low in ("was", "is", "were", "be") if hk > 0 else False:
        pass
    if hq:
        start = min(start, toks[hk].start)
    if q.uncertain:
        qualifier = "vague"
        low_, high_ = None, None
    elif qualifier == "range":
        low_, high_ = value, high
    else:
        low_, high_ = _bounds(value, qualifier)
    q.start = start
    q.value_low, q.value_high, q.qualifier = low_, high_, qualifier
    q.unit = unit
    q.head = head
    q.head_start = head_start
    if q.qualifier == "vague" and q.value_low is None and not q.uncertain and value is not None:
        q.value_low = value
    return q, j


def _layout(text: str, lexicon: Lexicon) -> list[Quantity]:
    """Infographics: a column of number lines followed by a column of label lines.

    The i-th number pairs with the i-th label; when there are more label lines than
    numbers, the last number takes the rest ("prison" + "sentences"). A number line
    with no label after it (an axis tick) is not a figure.
    """
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    out: list[Quantity] = []
    i = 0
    while i < len(lines):
        if not NUMBER_LINE.match(lines[i][2]) or not lines[i][2].strip():
            i += 1
            continue
        run = []
        while i < len(lines) and lines[i][2].strip() and NUMBER_LINE.match(lines[i][2]):
            run.append(lines[i])
            i += 1
        labels = []
        while i < len(lines) and lines[i][2].strip() and LABEL_LINE.match(lines[i][2]) and \
                len(lines[i][2].split()) <= 8:
            labels.append(lines[i])
            i += 1
        if not labels or len(labels) < len(run):
            continue
        groups = [[lab] for lab in labels[:len(run) - 1]] + [labels[len(run) - 1:]]
        block_start, block_end = run[0][0], labels[-1][1]
        for (ls, le, raw), group in zip(run, groups):
            m = re.search(r"\S.*\S|\S", raw)
            s, e = ls + m.start(), ls + m.end()
            surface = text[s:e]
            num = re.sub(r"[^\d.,\s]", "", surface).strip()
            value = digit_value(num)
            if value is None:
                continue
            unit = "percent" if "%" in surface else None
            label = " ".join(g[2].strip() for g in group)
            q = Quantity(s, e, s, e, value, value, "exact", unit, layout=True, label=label,
                         sentence_start=block_start, sentence_end=block_end)
            out.append(q)
    return out


_END = re.compile(r"[.!?…:;][\"'”»)\]]*\s*$")


def analysis_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans repaired for analysis: a sentence cut at a line break (no end
    punctuation, next one starting in lower case or after a comma) is joined to the
    next; gaps are covered so no text is skipped."""
    spans = sorted((max(0, s), min(len(text), e)) for s, e in spans if e > s)
    if not spans:
        return [(0, len(text))] if text.strip() else []
    filled = []
    pos = 0
    for s, e in spans:
        if s < pos:
            s = pos
        if s >= e:
            continue
        if text[pos:s].strip():
            filled.append((pos, s))
        filled.append((s, e))
        pos = e
    if text[pos:].strip():
        filled.append((pos, len(text)))
    out: list[list[int]] = []
    for s, e in filled:
        if out:
            ps, pe = out[-1]
            prev = text[ps:pe]
            nxt = text[s:e].lstrip()
            if (not _END.search(prev) and nxt[:1].islower()) or prev.rstrip().endswith((",", "–", "-")):
                if pe - ps < 3000:
                    out[-1][1] = e
                    continue
        out.append([s, e])
    return [(s, e) for s, e in out]


def _windows(text: str, spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Cut sentences longer than `limit` at spaces, so the work per sentence is bounded."""
    out = []
    for s, e in spans:
        while e - s > limit:
            cut = text.rfind(" ", s + limit // 2, s + limit)
            cut = cut if cut > s else s + limit
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


def _harm_headlines_in_prose_case(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each headline in Title Case or capitals that reports the dead or hurt ("Five Found Dead
    In Home", "Fire Kills 3 In Bronx Apartment") in headline case: its common words lowered, as in prose,
    so that its numbers are not taken for parts of names or a heading's words (same length: every
    offset stays valid; the figures' words are read back from the text as written)."""
    pieces, at = [], 0
    for s, e in spans:
        if e - s <= 300 and reads_harm_headline(text[s:e]):
            pieces += [text[at:s], headline_case(text[s:e])]
            at = e
    return "".join(pieces) + text[at:] if pieces else text


def extract_passage(text: str, sentence_spans: list[tuple[int, int]], max_sentence_chars: int = 2000,
                    dates=None, prepared: bool = False, ages: bool = False) -> list[Quantity]:
    """Every quantity in a passage; sentence spans are (start, end) into `text`; `dates` = find_dates(text)
    when the caller has it already; `prepared` = the spans are already analysis sentences."""
    if not text:
        return []
    if not prepared:
        sentence_spans = _windows(text, analysis_sentences(text, sentence_spans), max_sentence_chars)
    text = _harm_headlines_in_prose_case(text, sentence_spans)
    blocked = _blocked_spans(text, dates)
    out: list[Quantity] = []
    if NUMBER_LINE.search(text) or "\n" in text:
        if _LINE_DIGIT.search(text):
            out.extend(_layout(text, None))
    low = text.lower()
    words = WORD_NUMBER_LOWER.finditer(low) if len(low) == len(text) else WORD_NUMBER.finditer(text)
    cands = sorted([m.start() for m in _DIGITS.finditer(text)] + [m.start() for m in words])
    if blocked and cands:  # numbers inside dates and clock times need no parsing (one merge walk)
        spans = sorted((a, b) for a, b, _ in blocked)
        keep, j, reach = [], 0, -1
        for c in cands:
            while j < len(spans) and spans[j][0] <= c:
                reach = max(reach, spans[j][1])
                j += 1
            if c >= reach:
                keep.append(c)
        cands = keep
    for s, e in sentence_spans:
        k = bisect.bisect_left(cands, s)
        if k >= len(cands) or cands[k] >= e:
            continue
        k2 = bisect.bisect_left(cands, e, k)
        chunk = text[s:e]
        hyp = bool(HYPOTHETICAL.search(chunk)) or POLAR_QUESTION.fullmatch(chunk) is not None
        for q in parse_sentence(text, s, e, blocked, hyp, cands[k:k2], ages):
            out.append(q)
    out.sort(key=lambda q: q.start)
    # a unit written once distributes over a list: "six, five, four years"
    for a, b in zip(reversed(out[:-1]), reversed(out[1:])):
        if a.unit is None and a.head is None and b.unit in ("year", "month", "day", "week", "hour", "KZT", "USD",
                                                            "RUB", "EUR", "percent", "km") and \
                _LIST_SEP.fullmatch(text[a.end:b.start]):
            a.unit = b.unit
    # drop overlaps (keep the earlier, longer one)
    kept: list[Quantity] = []
    for q in out:
        if kept and q.start < kept[-1].end:
            if (q.end - q.start) > (kept[-1].end - kept[-1].start) and not kept[-1].layout:
                kept[-1] = q
            continue
        kept.append(q)
    return kept
