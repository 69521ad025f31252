"""A gazetteer alias links a mention only when it is written alike: same script; an acronym
(or any name of at most four letters) only with the same letters in the same case, never
through a phonetic or transliteration key. Texts in the styles of a Usenet post, a US local
news story and a wire story."""

from __future__ import annotations

import pytest

from pipeline.entities.gazetteer import parse_yaml
from pipeline.entities.ner import GazetteerMatcher
from pipeline.entities.refine import M, link_gazetteer
from pipeline.text.translit import acronyms, is_acronym, is_headline, written_alike

GAZ = parse_yaml("""
entities:
  - name: Democratic Choice of Kazakhstan
    label: ORG
    aliases: [DCK, DVK]
  - name: National Security Committee
    label: ORG
    aliases: [KNB, КНБ, ҰҚК]
  - name: Uralsk
    label: GPE
    aliases: [Oral, Орал]
  - name: Zhezkazgan
    label: GPE
    aliases: [Jezkazgan, Жезқазған]
  - name: Tengizchevroil
    label: ORG
    aliases: [TCO]
""", "test-gazetteer")


@pytest.mark.parametrize("text, alias, ok", [
    ("DC", "DCK", False),          # sound-alike key (c -> k, doubled letters): never for an acronym
    ("UK", "ҰҚК", False),          # a Latin acronym is not a Cyrillic one
    ("KNB", "KNB", True),
    ("Knb", "KNB", False),         # an acronym only in its own case
    ("TCO", "TCO", True),
    ("Tco", "TCO", False),
    ("JEZKAZGAN", "Jezkazgan", True),   # a headline in capitals
    ("Dzhezkazgan", "Jezkazgan", True),  # a transliteration of a long name, same script
    ("Жезказган", "Jezkazgan", False),   # other script: only through a Cyrillic alias
    ("Жезказган", "Жезқазған", True),
    ("jezkazgan", "Jezkazgan", False),  # all lower case only when listed so
    ("Oral", "Oral", True),
    ("ORAL", "Oral", False),       # four letters in capitals: an acronym, not the town
    ("Rukh Pen Til", "Rukh pen Til", True),   # title case may capitalise a small word
    ("Rukh pen til", "Rukh pen Til", False),  # but not drop a capital the alias has
])
def test_written_alike(text, alias, ok):
    assert written_alike(text, alias) is ok


def test_acronym_helpers():
    assert is_acronym("UK") and is_acronym("N.Y.") and is_acronym("NATO") and not is_acronym("Nato")
    assert not is_acronym("ALMATY") and is_headline("VLADIMIR PUTIN") and not is_headline("UK")
    assert acronyms("CSI Miami") == ("CSI",) and acronyms("N.I") == ("NI",) and acronyms("WORLD WAR II") == ()


def test_lookup_needs_an_alias_written_alike():
    assert GAZ.lookup("DC") is None and GAZ.lookup("UK") is None and GAZ.lookup("Knb") is None
    assert GAZ.lookup("KNB") == 1 and GAZ.lookup("КНБ") == 1 and GAZ.lookup("DVK") == 0
    assert GAZ.lookup("Dzhezkazgan") == 3 and GAZ.lookup("JEZKAZGAN") == 3
    assert GAZ.lookup("Жезказган") == 3  # a Cyrillic variant, through the Cyrillic alias
    assert GAZ.lookup("Тенгизшевройл") is None  # no Cyrillic alias listed: no link across scripts


TEXTS = {
    # Usenet post (20 Newsgroups style)
    "usenet": "From: jdoe@cs.example.edu\nIn article <1993Apr5@example.edu> bob writes:\n"
              "> The UK and DC offices of the agency never answered. Ask TCO.\n",
    # US local news
    "local": "WASHINGTON, DC - The council met Tuesday. A spokesman for Tco said the UK firm would bid.\n",
    # wire story with a Cyrillic quote
    "wire": "ALMATY (Reuters) - The KNB said on Monday that Oral and ORAL were quiet; "
            "«УК РК» and ҰҚК were cited by the Jezkazgan court.\n",
}


@pytest.mark.parametrize("style", sorted(TEXTS))
def test_matcher_links_only_what_is_written_alike(style):
    import spacy

    nlp = spacy.blank("en")
    found = {(s.text, s.label_) for s in GazetteerMatcher(nlp, GAZ).spans(nlp.make_doc(TEXTS[style]))}
    texts = {t for t, _ in found}
    assert not texts & {"DC", "UK", "Tco", "ORAL", "УК"}, found
    expected = {"usenet": {"TCO"}, "local": set(), "wire": {"KNB", "Oral", "ҰҚК", "Jezkazgan"}}[style]
    assert texts == expected


def test_model_mentions_link_only_through_aliases_written_alike():
    text = "The DC office, the UK desk, Tco staff, KNB officers and Dzhezkazgan miners."
    spans = [(w, text.index(w)) for w in ("DC", "UK", "Tco", "KNB", "Dzhezkazgan")]
    mentions = [M(0, s, s + len(w), "ORG") for w, s in spans]
    link_gazetteer(mentions, [text], GAZ, 0.88, 6)
    linked = {text[m.start:m.end]: (m.gaz, m.link_rule) for m in mentions}
    assert linked["DC"][0] == linked["UK"][0] == linked["Tco"][0] == -1
    assert linked["KNB"] == (1, "gazetteer_key") and linked["Dzhezkazgan"] == (3, "gazetteer_key")
