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


class RussianNames:
    """natasha's NER, morphology tagger and vocabulary, loaded once (about 0.7 s)."""

    def __init__(self, batch_size: int = 16):
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger

        embedding = NewsEmbedding()
        self.ner = NewsNERTagger(embedding)
        self.ner.batch_size = batch_size
        self.morph = NewsMorphTagger(embedding)
        self.vocab = MorphVocab()

    def find(self, texts: Sequence[str]) -> list[list[RussianName]]:
        """The names in each text, in text order."""
        out: list[list[RussianName]] = []
        for markup in self.ner.map(list(texts)):
            out.append([RussianName(s.start, s.stop, LABELS[s.type]) for s in markup.spans if s.type in LABELS])
        return out

    def normal_forms(self, names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """(surface, label) -> the name in the nominative, written like the surface
        ("Караганде" -> "Караганда", "Карагандинской области" -> "Карагандинская область").
        Organisation names inflect their head word and its adjectives only ("Верховного
        суда Казахстана" -> "Верховный суд Казахстана"), as natasha does."""
        from natasha.doc import DocToken
        from natasha.norm import normalize, syntax_normalize
        from razdel import tokenize

        todo = sorted({(s, lab) for s, lab in names if s.strip()})
        if not todo:
            return {}
        tokens = [[DocToken(t.start, t.stop, t.text) for t in tokenize(s)] for s, _ in todo]
        out: dict[tuple[str, str], str] = {}
        for (surface, label), toks, markup in zip(todo, tokens, self.morph.map([[t.text for t in ts] for ts in tokens])):
            for token, tagged in zip(toks, markup.tokens):
                token.pos, token.feats = tagged.pos, tagged.feats
            try:
                if label == "ORG":
                    for i, token in enumerate(toks):  # a flat chain: the first noun heads the name
                        token.id, token.head_id = str(i), (str(_head(toks)) if i != _head(toks) else "")
                    normal = syntax_normalize(self.vocab, toks)
                else:
                    normal = normalize(self.vocab, toks)
            except Exception:  # noqa: BLE001 - a word pymorphy2 cannot inflect keeps its surface
                normal = surface
            out[(surface, label)] = normal or surface
        return out


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
