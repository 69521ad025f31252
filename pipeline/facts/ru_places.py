"""Russian place names in the nominative: "в Шахтинске", "из Новотроицка", "в Оренбургской области" name
Шахтинск, Новотроицк, Оренбургская область. A place written in six cases would otherwise be six places,
and its event key ("shakhtinske-...") would match neither the Russian nominative nor an English text's
"Shakhtinsk". pymorphy2 (the analyser the Russian number reader loads) gives each word's cases; a word
that can be read as a nominative is left as written."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.facts.ru_quantities import _morph

_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё\-]*")
_DECLINED = {"NOUN", "ADJF"}


_OBLIQUE = ("gent", "datv", "ablt", "loct", "loc2", "gen2")


@lru_cache(maxsize=16384)
def nominative(name: str) -> str:
    """`name` with its Cyrillic words put in the nominative (capitals kept). The case is the one the
    name is in: that of its first word that cannot be a nominative ("Оренбургской области": the
    genitive, so "области" is the genitive singular, not the nominative plural). A word the analyser
    does not know is only cut back to its stem ("Жанаозене" -> "Жанаозен"), never given a new ending.
    Unchanged without the analyser, or when the name may already be a nominative."""
    morph = _morph()
    if not morph:
        return name
    words = list(_CYRILLIC_WORD.finditer(name))
    parses = {m.start(): [p for p in morph.parse(m.group(0)) if p.tag.POS in _DECLINED] for m in words}
    case = None
    for m in words:
        found = parses[m.start()]
        if found and not any(p.tag.case == "nomn" for p in found):
            geo = [p for p in found if "Geox" in p.tag]
            case = (geo or found)[0].tag.case
            break
    if case not in _OBLIQUE:
        return name

    def one(m: re.Match) -> str:
        word = m.group(0)
        of_case = [p for p in parses[m.start()] if p.tag.case == case]
        if not of_case:
            return word
        geo = [p for p in of_case if "Geox" in p.tag]
        inflected = (geo or of_case)[0].inflect({"nomn"})
        if inflected is None:
            return word
        out = inflected.word
        if not morph.word_is_known(word.lower()) and not (
                word.lower().startswith(out) and 0 < len(word) - len(out) <= 2):
            return word
        return "-".join(o[:1].upper() + o[1:] if w[:1].isupper() else o      # "Нью-Йорке": "Нью-Йорк"
                        for o, w in zip(out.split("-"), word.split("-") + [""] * out.count("-")))

    return _CYRILLIC_WORD.sub(one, name)
