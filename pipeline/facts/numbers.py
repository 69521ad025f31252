"""Numbers as written: digits with any grouping, number words, magnitudes.

Pure functions over a token list; no knowledge of what is counted.
"""

from __future__ import annotations

import re

UNITS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen"])}
TENS = {w: 10 * i for i, w in enumerate(
    ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]) if w}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
MAGNITUDES = {"thousand": 1e3, "thousands": 1e3, "k": 1e3, "tsd": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7,
              "crores": 1e7,
              "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "mio": 1e6, "m": 1e6,
              "billion": 1e9, "billions": 1e9, "bln": 1e9, "bn": 1e9, "trillion": 1e12, "trn": 1e12}
# plural or "several" multiples: the lower bound is twice the base (README of the gold set)
VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2_000_000,
         "billions": 2_000_000_000, "scores": 40}
# fractions: "two-thirds", "a quarter of", "three quarters" (the denominator word -> denominator)
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
             "tenth": 10, "tenths": 10}
_WORDS = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen", "dozens", "hundreds", "thousands", "millions", "several",
                          "few", "couple", "half", "twice", "scores", "tens", "quarter", "third", "thirds", "quarters"],
                         key=len, reverse=True))
WORD_NUMBER = re.compile(r"\b(?:" + _WORDS + r")\b", re.I)
WORD_NUMBER_LOWER = re.compile(r"\b(?:" + _WORDS + r")\b")  # on lower-cased text: much faster than re.I


class Tok:
    """A token with its offsets; `low` is its lower-cased text."""

    __slots__ = ("text", "start", "end", "kind", "low")

    def __init__(self, text: str, start: int, end: int, kind: str):  # kind: num | word | punct
        self.text, self.start, self.end, self.kind, self.low = text, start, end, kind, text.lower()

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end}, {self.kind})"


_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*)"
    r"|(?P<num>\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?(?![\d,]\d)"      # 12,34,567 (Indian lakh grouping)
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"                 # 1,000 / 150,000
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])"           # 15 000
    r"|\d{1,3}(?:\.\d{3})+(?![.,]?\d)"                            # 12.000
    r"|\d+(?:[.,]\d+)?"                                           # 16 / 7,5 / 113.4
    r"|(?<![\w.,])\.\d+)"                                         # .5 (a leading point)
    r"|(?P<punct>\S)")


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        out.append(Tok(m.group(), m.start() + offset, m.end() + offset, kind))
    return out


_COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?")
_SPACE_GROUPS = re.compile(r"\d{1,3}(?: \d{3})+")
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PLAIN = re.compile(r"\d+(?:[.,]\d+)?")


# a digit string longer than this is an identifier (an account, a hash), not an amount
MAX_DIGITS = 18
MAX_VALUE = 1e18


def digit_value(s: str, decimal_point: bool = False) -> float | None:
    """Value of a digit token: 1,000 / 15 000 / 12.000 grouping; 7,5 / 113.4 / .5 decimals.
    `decimal_point`: read a single point as a decimal point even before three digits (1.762 before
    a scale word or a unit: "$1.762bn", "1.356 billion", "1.609 km"). None for a value that is not
    a finite amount (more than MAX_DIGITS digits)."""
    if s.isdigit() and s.isascii():
        return float(s) if len(s) <= MAX_DIGITS else None
    t = s.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    if sum(c.isdigit() for c in t) > MAX_DIGITS:
        return None
    if t.startswith("."):
        return float("0" + t) if t[1:].isdigit() and t[1:].isascii() else None
    if _COMMA_GROUPS.fullmatch(t):
        return float(t.replace(",", ""))
    if _SPACE_GROUPS.fullmatch(t):
        return float(t.replace(" ", ""))
    if decimal_point and t.count(".") == 1 and _PLAIN.fullmatch(t):
        return float(t)
    if _DOT_GROUPS.fullmatch(t):  # 12.000, 1.500: a thousands dot in an integer context
        return float(t.replace(".", ""))
    if _PLAIN.fullmatch(t):
        return float(t.replace(",", "."))
    return None


def _below_hundred(word: str) -> bool:
    """A number word under a hundred: "five", "twelve", "forty", "forty-five"."""
    parts = word.split("-")
    if len(parts) == 2:
        return parts[0] in TENS and parts[1] in UNITS and 0 < UNITS[parts[1]] < 10
    return word in TENS or (word in UNITS and 0 < UNITS[word] < 100)


def word_number(toks: list[Tok], i: int) -> tuple[float, int, str] | None:
    """Parse number words starting at toks[i]: (value, index after, kind exact|vague|about|ratio).

    Handles "Thirty seven", "twenty-five", "a hundred", "two dozen", "seven and a half",
    "half an hour" (0.5), "several hundred", "dozens", "a few", "a couple".
    """
    n = len(toks)

    def low(k):
        return toks[k].low if k < n else ""

    w = low(i)
    if w in ("a", "an", "one", "half", "quarter") and (low(i + 1) in FRACTIONS or w in ("half", "quarter")):
        # a third of, a quarter million, half million, one third, half a million
        d = FRACTIONS[w] if w in ("half", "quarter") else FRACTIONS[low(i + 1)]
        k = i + 1 if w in ("half", "quarter") else i + 2
        if w in ("half", "quarter") and low(k) in ("a", "an") and low(k + 1) in SCALES:
            k += 1
        if low(k) in SCALES:
            return SCALES[low(k)] / d, k + 1, "exact"
        if w not in ("half", "quarter") and not low(i + 1).endswith("s") and (
                low(k) == "of" or w == "one" or (w in ("a", "an") and low(i + 1) == "half")):
            return 1 / d, k, "fraction"
        if w == "quarter":
            return None
    preset = None   # "a hundred and fifty": the cardinal words go on after "a hundred"
    if w in ("a", "an"):
        nxt = low(i + 1)
        if nxt in SCALES and low(i + 2) == "and" and _below_hundred(low(i + 3)):
            preset = SCALES[nxt]
        elif nxt in SCALES or nxt == "dozen":
            val = SCALES.get(nxt, 12)
            j = i + 2
            return float(val), j, "exact"
        if nxt == "few":
            return 2.0, i + 2, "vague"
        if nxt == "couple":
            j = i + 2
            return 2.0, j, "about"
        if preset is None:
            return None
    if w == "several":
        nxt = low(i + 1)
        if nxt in ("hundred", "thousand", "million", "dozen"):
            base = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}[nxt]
            return 2.0 * base, i + 2, "vague"
        return 2.0, i + 1, "vague"
    if w in VAGUE:
        j = i + 1
        val = float(VAGUE[w])
        # tens of thousands / hundreds of thousands
        if low(j) == "of" and low(j + 1) in ("thousands", "millions"):
            return float(VAGUE[w] * (1000 if low(j + 1) == "thousands" else 1_000_000)), j + 2, "vague"
        return val, j, "vague"
    if w == "tens" and low(i + 1) == "of" and low(i + 2) in ("thousands", "millions"):
        return 20.0 * (1000 if low(i + 2) == "thousands" else 1_000_000), i + 3, "vague"
    if w == "half":
        if low(i + 1) in ("a", "an") and low(i + 2):
            return 0.5, i + 1, "exact"
        return 0.5, i + 1, "half"
    # cardinal words
    total = 0.0
    current = 0.0
    j = i
    seen = False
    if preset is not None:
        total, current = (0.0, float(preset)) if preset == 100 else (float(preset), 0.0)
        j, seen = i + 2, True
    while j < n:
        t = low(j)
        parts = t.split("-")
        if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS and 0 < UNITS[parts[1]] < 10:
            if seen and current % 100 != 0:
                break   # ("twenty forty-five": two numbers)
            current += TENS[parts[0]] + UNITS[parts[1]]
            seen = True
            j += 1
            continue
        if t == "and" and seen and (current >= 100 and current % 100 == 0 or total > 0 and current == 0) \
                and _below_hundred(low(j + 1)):
            j += 1   # British "one hundred and twelve", "two thousand and five"
            continue
        if t in UNITS and not (seen and current % 10 == 0 and current % 100 != 0 and current >= 20 and UNITS[t] >= 10):
            if seen and current % 100 != 0 and not (current % 10 == 0 and current >= 20 and UNITS[t] < 10):
                break
            current += UNITS[t]
            seen = True
            j += 1
            continue
        if t in TENS:
            if seen and current % 100 != 0:
                break
            current += TENS[t]
            seen = True
            j += 1
            continue
        if t in SCALES and seen:
            if SCALES[t] == 100:
                current *= 100
            else:
                total += current * SCALES[t]
                current = 0
            j += 1
            continue
        if t == "dozen" and seen:
            current *= 12
            j += 1
            continue
        if t == "and" and seen and low(j + 1) in ("a", "an") and low(j + 2) == "half":
            current += 0.5
            j += 3
            continue
        break
    if not seen:
        return None
    # two-thirds, three quarters (billion), one - third
    c = total + current
    k = j + 1 if low(j) == "-" else j
    if 1 < c < 10 and c == int(c) and low(k) in FRACTIONS and low(k).endswith("s") and FRACTIONS[low(k)] > c:
        v = c / FRACTIONS[low(k)]
        if low(k + 1) in SCALES:
            return v * SCALES[low(k + 1)], k + 2, "exact"
        return v, k + 1, "fraction"
    if c == 1 and low(k) in FRACTIONS and not low(k).endswith("s") and (k > j or low(k + 1) in ("of", *SCALES)):
        v = 1 / FRACTIONS[low(k)]
        if low(k + 1) in SCALES:
            return v * SCALES[low(k + 1)], k + 2, "exact"
        return v, k + 1, "fraction"
    return c, j, "exact"
