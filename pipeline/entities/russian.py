"""Names in Russian text (and Kazakh written in Cyrillic) with natasha's news models.

spaCy's English model cannot read Cyrillic, so passages the clean stage tags as
Russian or Kazakh (``entities.russian_languages``) go to natasha's ``NewsNERTagger``
(a slovnet CNN over navec embeddings, both shipped inside the ``natasha`` package,
so it runs offline). Kazakh has no model of its own: Kazakh passages in Cyrillic
are read by the Russian model, which finds the many Russian-shaped names of
Kazakh news and misses some purely Kazakh ones; the gazetteer fills the gaps.

natasha labels PER, ORG and LOC; they become the labels the rest of the pipeline
uses (PERSON, ORG, GPE): a natasha LOC is a city, region or country far more
often than a river or a mountain, and cross-script merges need equal labels
(Караганда LOC joins Karaganda GPE).

Russian inflects names: "в Караганде", "Путину". ``normal_forms`` gives each
distinct mention its nominative ("Караганда", "Путин") with natasha's own
normaliser: its morphology tagger reads the case, gender and number of each word
of the name and pymorphy2 inflects it to the nominative. The tagger reads only the
words of the name, each distinct name once, so its cost grows with the number of
distinct names, not with the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Sequence

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}


@dataclass(frozen=True)
class RussianName:
    """A name natasha found: character offsets into the text it was given."""
    start: int
    end: int
    label: str  # PERSON | ORG | GPE


# prepositions that govern a case: read with the name after them, they tell the tagger its case
PREPOSITIONS = frozenset("""
в во на из из-за из-под от к ко с со у о об обо по при под подо над за для до без через между около после
перед возле вокруг среди против напротив вдоль
""".split())


class RussianNames:
    """natasha's NER, morphology tagger and vocabulary, loaded once (about 0.7 s)."""

    def __init__(self):
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger

        embedding = NewsEmbedding()
        self.ner = NewsNERTagger(embedding)  # natasha's batch of 8 texts: larger ones were no faster here
        self.morph = NewsMorphTagger(embedding)
        self.morph.batch_size = 64  # names are a few words: 64 per batch took 0.4 s for 200 names, 8 took 0.7 s
        self.vocab = MorphVocab()

    def find(self, texts: Sequence[str]) -> list[list[RussianName]]:
        """The names in each text, in text order, with two rules of news text the model gets wrong:
        a news dateline names a place ("КЕМЕРОВО, 12 февраля." is no organisation), and a name with
        a digit is no person ("Ан-24", "Су-25": models of aircraft)."""
        out: list[list[RussianName]] = []
        for text, markup in zip(texts, self.ner.map(list(texts))):
            names = []
            for span in markup.spans:
                label = LABELS.get(span.type)
                if label is None or (label == "PERSON" and any(c.isdigit() for c in text[span.start:span.stop])):
                    continue
                if label != "GPE" and DATELINE.match(text, span.start) and _line_start(text, span.start):
                    label = "GPE"
                names.append(RussianName(span.start, span.stop, label))
            out.append(names)
        return out

    def normal_forms(self, names: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str, str], str]:
        """(surface, label, preposition before it or "") -> the name in the nominative, written like the
        surface ("Караганде" -> "Караганда", "Карагандинской области" -> "Карагандинская область").
        The tagger reads the preposition with the name: "в Караганде" is plainly locative, "Караганде"
        alone may be taken for a nominative. Organisation names inflect their head word and its
        adjectives only ("Верховного суда Казахстана" -> "Верховный суд Казахстана"), as natasha does."""
        from natasha.doc import DocToken
        from natasha.norm import recover_shapes, recover_spaces
        from razdel import tokenize

        todo = sorted({n for n in names if n[0].strip()})
        if not todo:
            return {}
        tokens = [[DocToken(t.start, t.stop, t.text) for t in tokenize(s)] for s, _, _ in todo]
        words = [([before] if before else []) + [t.text for t in ts] for (_, _, before), ts in zip(todo, tokens)]
        out: dict[tuple[str, str, str], str] = {}
        for (surface, label, before), toks, markup in zip(todo, tokens, self.morph.map(words)):
            tagged = markup.tokens[1:] if before else markup.tokens
            for token, tag in zip(toks, tagged):
                token.pos, token.feats = tag.pos, tag.feats
            # an organisation inflects its head noun and the adjectives before it ("Верховного суда
            # Казахстана" -> "Верховный суд Казахстана"); other names every word
            last = _head(toks) if label == "ORG" else len(toks) - 1
            try:
                words = [_nominative(self.vocab, t) if i <= last else t.text for i, t in enumerate(toks)]
                normal = recover_spaces(list(recover_shapes(words, toks)), toks)
            except Exception:  # noqa: BLE001 - a word pymorphy2 cannot inflect keeps its surface
                normal = surface
            out[(surface, label, before)] = normal or surface
        return out


# a place in capitals opening a line, then a comma and a date, or a dash or an agency in brackets:
# "МОСКВА, 3 марта.", "УРАЛЬСК — ", "АСТАНА (Reuters)"
DATELINE = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ’'.-]+(?:[ -][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ’'.-]+){0,2}"
                      r"[ \t]*(?:,[ \t]*\d{1,2}[ \t]+\w+|[–—-][ \t]|\()")


def _line_start(text: str, pos: int) -> bool:
    return not text[text.rfind("\n", 0, pos) + 1:pos].strip()


def _nominative(vocab, token) -> str:
    """One word of a name in the nominative (lower case; the caller restores its shape). natasha's
    rule first: the vocabulary's analysis with the tagger's part of speech, gender, number and case.
    The tagger often guesses the gender of an unknown name wrong ("Караганде" masculine), so next
    the analysis with the same part of speech, case and number; when the tagger's case
    is nominative (or no case the word can have) but no analysis of the word is a nominative, the
    analyses agreeing with the tagger's gender and number. Otherwise the word stays as written."""
    word = token.text.lower().replace("ё", "е")
    feats = token.feats or {}
    case = feats.get("Case")
    if token.pos not in ("PROPN", "NOUN", "ADJ") or case is None:
        return word
    pos = "NOUN" if token.pos == "PROPN" else token.pos
    analyses = [f for f in vocab(word) if ("NOUN" if f.pos == "PROPN" else f.pos) == pos]
    if case == "Nom" or not any(f.feats.get("Case") == case for f in analyses):
        # the tagger's case is no case the word can have: a word none of whose analyses is a
        # nominative ("Токаеву", "Караганду") is in an oblique case all the same
        if any(f.feats.get("Case") == "Nom" for f in analyses):
            return word
        forms = analyses
    else:
        forms = [f for f in analyses if f.feats.get("Case") == case]
    for keys in (("Gender", "Number"), ("Number",)):  # never another number: "Токаев" is no plural of "токай"
        for form in forms:
            if all(form.feats.get(k) == feats.get(k) for k in keys):
                inflected = form.inflect({"Nom"})
                if inflected:
                    return inflected.word.replace("ё", "е")
    return word


def _head(tokens) -> int:
    """The head of an organisation name without a parse: its first noun."""
    for i, token in enumerate(tokens):
        if token.pos in ("NOUN", "PROPN"):
            return i
    return 0


class _Shared:
    @cached_property
    def names(self) -> RussianNames:
        return RussianNames()


_SHARED = _Shared()


def russian_names() -> RussianNames:
    """One loaded model per process."""
    return _SHARED.names
