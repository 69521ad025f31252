"""Which passages the NER model reads: a language tag of one passage does not make an English text go
unread (issue: an English sports story tagged Slovenian lost its 20 entities)."""

from __future__ import annotations

import pandas as pd

from pipeline.entities.params import EntitiesParams
from pipeline.entities.stage import select_passages

STORY = ("Olimpija Ljubljana beat Maribor 2-1 on Saturday with a late goal from Novak, "
         "and coach Petrovic said the title race is open again after the derby in the capital. ") * 3


def modes(rows: list[tuple[str, str, str, float | None]], tag_of_ru: str = "ru", **params) -> dict[str, str]:
    """rows: (passage_id, doc_id, language, confidence) with English-looking or Cyrillic text (for "ru",
    tagged `tag_of_ru`)."""
    clean = pd.DataFrame([{"passage_id": pid, "doc_id": doc, "text_clean": STORY if lang != "ru" else
                           "Полиция задержала двух человек в Алматы после протеста на площади. " * 3,
                           "language": tag_of_ru if lang == "ru" else lang, "language_confidence": conf,
                           "is_boilerplate": False}
                          for pid, doc, lang, conf in rows])
    selected, _ = select_passages(clean, None, EntitiesParams(**params))
    return dict(zip(selected["passage_id"], selected["mode"]))


def test_an_unsure_tag_in_latin_script_goes_to_the_model():
    assert modes([("p1", "d1", "sl", 0.62)]) == {"p1": "model"}


def test_a_sure_tag_of_another_language_does_not():
    assert modes([("p1", "d1", "de", 0.98)]) == {"p1": "gazetteer"}


def test_a_passage_of_a_mostly_english_document_goes_to_the_model():
    got = modes([("p1", "d1", "en", 0.99), ("p2", "d1", "en", 0.97), ("p3", "d1", "sl", 0.95)])
    assert got == {"p1": "model", "p2": "model", "p3": "model"}


def test_cyrillic_is_never_sent_to_the_english_model():
    assert modes([("p1", "d1", "en", 0.99), ("p2", "d1", "ru", 0.55)]) == {"p1": "model", "p2": "russian"}
    # a Cyrillic passage tagged English (a mistaken tag) goes to the Russian model too
    assert modes([("p1", "d1", "en", 0.99), ("p2", "d1", "ru", 0.55)], tag_of_ru="en") == \
        {"p1": "model", "p2": "russian"}
    # without the Russian model: the gazetteer
    assert modes([("p1", "d1", "en", 0.99), ("p2", "d1", "ru", 0.55)], russian_languages=[]) == \
        {"p1": "model", "p2": "gazetteer"}
