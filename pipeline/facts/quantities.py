"""Quantities in a passage: value bounds, hedge, unit, and the traps that are not quantities.

`extract_passage(text, sentence_spans, lexicon)` is the entry point. It works on
the passage text (so a sentence broken over lines is still one sentence) and
returns plain dicts with offsets into that text. What is counted (measure) and
who says so (attribution) are decided per sentence in `measure.py` and
`attribution.py`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pipeline.facts.lexicon import (
    CURRENCY_CODES_BEFORE, CURRENCY_WORDS, DISTANCE_UNITS, PERSON_NOUNS, TIME_UNITS, Lexicon,
)
from pipeline.facts.numbers import MAGNITUDES, TENS, UNITS, WORD_NUMBER, WORD_NUMBER_LOWER, Tok, \
    digit_value, tokenize, word_number
from pipeline.text.dates import find_dates

HEDGES = [  # (words, qualifier); longest first when matching
    ("no fewer than", "at_least"), ("no less than", "at_least"), ("not less than", "at_least"),
    ("not fewer than", "at_least"), ("in excess of", "at_least"), ("upwards of", "at_least"),
    ("a minimum of", "at_least"), ("at least", "at_least"), ("more than", "at_least"),
    ("not only", "at_least"), ("over", "at_least"),
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
              "by-sa", "cc", "seat", "position", "rank", "ranked", "place", "number"}
OFFSET_AFTER = {"later", "earlier", "ago", "prior", "before", "after", "since", "hence", "beforehand",
                "afterwards", "previously"}
GLUE_OK = {"of", "to", "in", "by", "for", "at", "from", "with", "about", "than", "connect"}
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
HYPOTHETICAL = re.compile(r"\b(?:if|wish|imagine|suppose|supposing|should\s+have\s+been|would\s+have)\b", re.I)
PHONE = re.compile(r"\+\d[\d \-()]{6,}\d")
TIME_COLON = re.compile(r"\d{1,2}(?::\d{2}){1,}(?::\d{2})*")
URLISH = re.compile(r"[_/=\\]|://|\.(?:jpe?g|png|gif|webp|svg|pdf|html?|php|mp4)\b|www\.", re.I)


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


def _line_of(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


def _chunk(text: str, start: int, end: int) -> str:
    s = start
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = end
    while e < len(text) and not text[e].isspace():
        e += 1
    return text[s:e]


def _blocked_spans(text: str, dates=None) -> list[tuple[int, int, str]]:
    """Spans that are never quantities: dates, clock times, phone numbers."""
    dates = find_dates(text) if dates is None else dates
    spans = [(m.start, m.end, "date") for m in dates if m.form not in ("relwd", "wd", "today", "rely", "m", "relm")]
    if "+" in text:
        spans += [(m.start(), m.end(), "phone") for m in PHONE.finditer(text)]
    if ":" in text:
        spans += [(m.start(), m.end(), "time") for m in TIME_COLON.finditer(text)]
    if "clock" in text:
        for m in _OCLOCK.finditer(text):
            spans.append((m.start(), m.end(), "time"))
    if not _DIGIT.search(text):
        return spans
    for m in _DOT_TIME.finditer(text):
        hh, mm = int(m.group(1)), int(m.group(2))
        tail = text[m.end():m.end() + 12].lower()
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
             "hotels", "homes", "akimats", "strongholds", "facilities"):
        return "building"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _split_number_words(toks: list[Tok]) -> list[Tok]:
    """`seven-month-long` -> seven, -, month-long (twenty-five stays whole)."""
    if not any("-" in t.text for t in toks if t.kind == "word"):
        return toks
    out = []
    for t in toks:
        if t.kind == "word" and "-" in t.text:
            first, rest = t.text.split("-", 1)
            fl = first.lower()
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
        if t.kind == "word" and t.text.lower().startswith(("connectabout",)):
            pass
        out.append(t)
    return out


_TENS_UNITS = re.compile("(?:" + "|".join(TENS) + ")-(?:" + "|".join(w for w, v in UNITS.items() if 0 < v < 10)
                         + ")", re.I)


_CAND = re.compile(r"\d")


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


def parse_sentence(text: str, s: int, e: int, blocked, hypothetical: bool, cands=None) -> list[Quantity]:
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
            q = _parse_at(text, toks, i, blocked)
        if q is None:
            i += 1
            continue
        quantity, j = q
        quantity.hypothetical = hypothetical
        quantity.sentence_start, quantity.sentence_end = s, e
        out.append(quantity)
        i = max(j, i + 1)
    return out


def _parse_at(text: str, toks: list[Tok], i: int, blocked) -> tuple[Quantity, int] | None:
    n = len(toks)
    t = toks[i]
    low = t.low
    uncertain = False
    kind = "exact"
    if t.kind == "num":
        why = _overlaps(blocked, t.start, t.end)
        if why:
            return None
        value = digit_value(t.text)
        if value is None:
            return None
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
                    CURRENCY_CODES_BEFORE:
                return None
        if after.isalpha():
            k = t.end
            while k < len(text) and text[k].isalpha():
                k += 1
            suffix = text[t.end:k].lower()
            if suffix in ("st", "nd", "rd", "th"):
                return None  # ordinal
            if suffix not in MAGNITUDES and suffix not in DISTANCE_UNITS and suffix not in ("bn", "mln", "k",
                                                                                              "kg", "m"):
                return None
        if before in "-–" and t.start >= 2 and text[t.start - 2].isalpha():
            return None  # OS-5, Covid-19
        if after == "." and t.end + 1 < len(text) and text[t.end + 1].isalpha() and not text[t.end + 1].isupper():
            return None  # 1.max (file names)
        if URLISH.search(_chunk(text, t.start, t.end)):
            return None
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
            if p.kind == "word" and p.text.isupper() and 2 <= len(p.text) <= 4 and p.low not in \
                    CURRENCY_CODES_BEFORE and p.end == t.start - 1 and p.low not in ("us", "un", "eu", "i"):
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
            if re.match(r"(?:[a-z]+ ){0,2}(?:was |were |has |had )?(?:been )?(?:killed|died|dead|injured|"
                        r"wounded|shot|hospitali[sz]ed|taken to)", window):
                ok = True
            if nxt in TIME_UNITS and i > 0 and toks[i - 1].low in ("for", "than", "lasted"):
                ok = True
            if nxt == "of" or (i > 0 and toks[i - 1].low in ("no", "the", "any", "every", "each", "this", "that",
                                                              "which", "at", "in", "only")):
                ok = hq in ("at_least", "at_most", "about") and nxt != "of"
            if not ok:
                return None
        if low == "half" or kind == "half":
            nxt = toks[j].low if j < n else ""
            if nxt == "of":
                kind = "exact"
                value = 50.0
                q = Quantity(t.start, t.end, t.start, t.end, 50.0, 50.0, "exact", "percent")
                return _finish(text, toks, i, j, q, blocked)
            if nxt in ("a", "an") and j + 1 < n and toks[j + 1].low in TIME_UNITS:
                j += 1  # half an hour
            else:
                return None
        if kind == "half":
            kind = "exact"
        # title case runs are names, not figures: "Three Steps Above Heaven"
        if t.text[:1].isupper() and i + 2 < n and toks[i + 1].kind == "word" and toks[i + 2].kind == "word" \
                and toks[i + 1].text[:1].isupper() and toks[i + 2].text[:1].isupper() \
                and toks[i + 1].low not in TIME_UNITS:
            return None
        # a number word in a short heading line ("Six days of one year")
        ls, le = _line_of(text, t.start)
        line = text[ls:le].strip()
        if line and line[-1] not in ".!?:;\"”»)" and len(line.split()) <= 6 and line[:1].isupper() \
                and not _DIGIT.search(line) and text[ls:t.start].strip() == "":
            return None
    # magnitude after digits: 5 bln, 113.4 thousand, 100 mln
    if t.kind == "num" and value is not None and j < n and toks[j].kind == "word":
        m = toks[j].low
        if m in MAGNITUDES and (m not in ("m", "k") or toks[j].start == toks[j - 1].end):
            value *= MAGNITUDES[m]
            j += 1
    q = Quantity(t.start, toks[j - 1].end, t.start, toks[j - 1].end, None, None, kind)
    q.value_low = value
    q.uncertain = uncertain
    if kind == "vague" and j < n and toks[j].low == "more":
        j += 1
        q.end = toks[j - 1].end
    if kind == "ratio":
        q.unit = "ratio"
    return _finish(text, toks, i, j, q, blocked, value=value, kind=kind)


def _finish(text, toks, i, j, q: Quantity, blocked, value=None, kind=None):
    n = len(toks)
    if value is None and q.value_low is not None:
        value = q.value_low
    kind = kind or q.qualifier
    high = None
    qualifier = "exact" if kind in ("exact", "ratio") else kind
    # range: A-B, A–B, A to B, between A and B, from A to B
    hq, hk = _hedge_before(toks, i)
    between = i > 0 and toks[i - 1].low == "between"
    frm = i > 0 and toks[i - 1].low == "from"
    if j + 1 < n and not q.uncertain and value is not None and (
            toks[j].text in ("-", "–", "—") or toks[j].low == "to" or (between and toks[j].low == "and")):
        r = toks[j + 1]
        second = None
        if r.kind == "num" and not _overlaps(blocked, r.start, r.end) and not text[r.end:r.end + 1].isalpha():
            v2 = digit_value(r.text)
            k = j + 2
            if v2 is not None and k < n and toks[k].low in MAGNITUDES and toks[k].low not in ("m", "k"):
                v2 *= MAGNITUDES[toks[k].low]
                k += 1
            second = (v2, k)
        elif r.kind == "word":
            wn = word_number(toks, j + 1)
            if wn and wn[2] == "exact":
                second = (wn[0], wn[1])
        if second and second[0] is not None and second[0] > value and (
                toks[j].low != "to" or frm or between or (toks[j].low == "to" and (hq is None or hq in (
                    "about",)) and (second[1] < n and (toks[second[1]].low in TIME_UNITS or toks[second[1]].low
                                                       in PERSON_NOUNS or toks[second[1]].kind == "word")))):
            # a magnitude after the second number applies to both: 150-170 thousand
            if t_mag := (toks[second[1] - 1].low if second[1] - 1 > j + 1 else None):
                if t_mag in MAGNITUDES and value < second[0] / MAGNITUDES[t_mag]:
                    value *= MAGNITUDES[t_mag]
            high = second[0]
            qualifier = "range"
            j = second[1]
            q.end = toks[j - 1].end
            if between or frm:
                hk = i - 1
                hq = None
    # currency before: $5 million, USD 5, KZT 1,000, RUB 40 mln
    unit = q.unit
    start = q.start
    k = (hk if hq else i) - 1
    if k >= 0 and toks[k].low in CURRENCY_CODES_BEFORE:
        unit = CURRENCY_WORDS[toks[k].low]
        start = toks[k].start
        hq2, hk2 = _hedge_before(toks, k)
        if hq2 and not hq:
            hq, hk = hq2, hk2
    # currency / percent after
    if j < n:
        w = toks[j].low
        if w in CURRENCY_WORDS and w not in ("$",):
            unit = CURRENCY_WORDS[w]
            j += 1
        elif w == "%" or w == "percent" or (w == "per" and j + 1 < n and toks[j + 1].low == "cent"):
            unit = "percent"
            j += 2 if w == "per" else 1
        if unit and j < n and toks[j].low in MAGNITUDES and toks[j].low not in ("m", "k", "thousands"):
            value = value * MAGNITUDES[toks[j].low] if value is not None else None
            if high is not None:
                high *= MAGNITUDES[toks[j].low]
            j += 1
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
                return None  # 16-year-old
            unit = TIME_UNITS[first]
            q.end = toks[j + 1].start + len(first)
            j += 2
        elif first in ATTRIBUTE_UNITS:
            return None  # five-story building
    if unit is None:
        unit, head, j2, head_start = _unit_after(toks, j)
        if unit in TIME_UNITS.values() or unit in ("km", "metre", "mile", "cm"):
            q.end = toks[j2 - 1].end
            j = j2
            nxt = toks[j].low if j < n else ""
            if nxt in ("old",) or (nxt == "of" and j + 1 < n and toks[j + 1].low in ("age", "independence",
                                                                                   "existence")):
                return None
    # ages and offsets: "aged 52", "turned 50", "Six months after", "41 years prior", "within two days"
    prev = toks[(hk if hq else i) - 1].low if (hk if hq else i) > 0 else ""
    if prev in ("aged", "turned", "age"):
        return None
    nxt = toks[j].low if j < n else ""
    if unit in TIME_UNITS.values() or (unit is None and head is None):
        if nxt in OFFSET_AFTER:
            return None
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


def extract_passage(text: str, sentence_spans: list[tuple[int, int]], max_sentence_chars: int = 2000,
                    dates=None, prepared: bool = False, ages: bool = False) -> list[Quantity]:
    """Every quantity in a passage; sentence spans are (start, end) into `text`; `dates` = find_dates(text)
    when the caller has it already; `prepared` = the spans are already analysis sentences."""
    if not text:
        return []
    if not prepared:
        sentence_spans = _windows(text, analysis_sentences(text, sentence_spans), max_sentence_chars)
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
        hyp = bool(HYPOTHETICAL.search(chunk))
        for q in parse_sentence(text, s, e, blocked, hyp, cands[k:k2]):
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
