"""Russian passages: natasha's NER, names compared in the nominative, one entity across scripts.

On the Russian gold set (tests/gold/ru: 16 self-written news texts about other events than the
seed corpus's) and on small cases written here.
"""

from __future__ import annotations

import pytest

from bench.bench_russian import GOLD_LABEL, load_gold, natasha_mentions, prf
from pipeline.entities.canon import MentionIn, canonicalise
from pipeline.entities.gazetteer import Gazetteer
from pipeline.entities.params import EntitiesParams
from pipeline.entities.russian import russian_names
from pipeline.entities.stage import run_entities
from tests.entities_inputs import from_texts

NO_GAZETTEER = Gazetteer(source="none")


@pytest.fixture(scope="module")
def gold():
    return load_gold()


def stage_on(texts: dict[str, str], language: str = "ru", **params):
    inputs = from_texts(texts, language=language)
    out = run_entities(inputs.clean_passages, inputs.sentences, inputs.dedup_passages,
                       EntitiesParams(n_process=1, **params), NO_GAZETTEER, inputs.raw_span)
    return inputs, out


def test_gold_mentions_at_least_as_good_as_natasha_alone(gold):
    texts, entities, _ = gold
    wanted = set(zip(entities["doc"], entities["start"], entities["end"], entities["label"]))
    assert len(wanted) >= 200
    inputs, out = stage_on(texts)
    files = inputs.file_of_doc()
    m = out["mentions"]
    found = {(files[d], int(a), int(b), GOLD_LABEL[lab]) for d, a, b, lab in
             zip(m["doc_id"], m["raw_start"], m["raw_end"], m["label"]) if lab in GOLD_LABEL}
    ours, alone = prf(found, wanted), prf(natasha_mentions(texts), wanted)
    assert ours["f1"] >= alone["f1"] and ours["f1"] >= 0.7, (ours, alone)
    assert out["summary"]["passages_russian"] == len(inputs.clean_passages)


def test_case_forms_join_their_nominative_and_the_latin_spelling():
    # no gazetteer: the merges come from natasha's morphology and transliteration alone
    texts = {"ru.txt": "Президент Касым-Жомарт Токаев прилетел в Караганду. В Караганде его встретил аким. "
                       "Позже Токаеву показали шахту, а жители Караганды пришли на встречу.\n"}
    mentions = [MentionIn("d1", "p1", "Karaganda", "GPE"), MentionIn("d1", "p1", "Kassym-Jomart Tokayev", "PERSON")]
    _, out = stage_on(texts)
    ru = out["mentions"]
    forms = {t: n for t, n in zip(ru["text"], ru["normal"])}
    assert forms.get("Караганде") == "Караганда" and forms.get("Караганды") == "Караганда"
    latin = mentions + [MentionIn("d2", f"p{i}", t, lab, normal=n if isinstance(n, str) else "")
                        for i, (t, lab, n) in enumerate(zip(ru["text"], ru["label"], ru["normal"]))]
    result = canonicalise(latin, NO_GAZETTEER)
    entity = dict(zip([x.surface for x in latin], result.entity_of_mention))
    assert entity["Karaganda"] == entity["Караганде"] == entity["Караганды"]
    assert entity["Kassym-Jomart Tokayev"] == entity["Касым-Жомарт Токаев"]
    rules = {(r["alias"], r["rule"]) for r in result.merges}
    assert any(rule == "case_form" for alias, rule in rules if alias.startswith("Караганд"))
    detail = next(r["detail"] for r in result.merges if r["rule"] == "case_form")
    assert "case form" in detail and "natasha" in detail
    # an entity written only in oblique cases is named in the nominative
    only = canonicalise([MentionIn("d1", "p1", "Мангистауской области", "GPE", normal="Мангистауская область")],
                        NO_GAZETTEER)
    assert only.entities[0]["name"] == "Мангистауская область"


def test_different_names_in_cyrillic_stay_apart():
    texts = {"ru.txt": "Автобус из Актобе столкнулся с грузовиком под Алматы. В Астане и Актау объявили траур.\n"}
    _, out = stage_on(texts)
    names = set(out["entities"]["name"])
    assert {"Актобе", "Алматы", "Астана", "Актау"} <= names or len(names) >= 4, names


def test_datelines_are_places_and_aircraft_are_not_people():
    names = russian_names()
    text = "КЕМЕРОВО, 12 февраля. Ан-24 выкатился за пределы полосы.\nУРАЛЬСК — Вода поднялась."
    found = {text[n.start:n.end]: n.label for n in names.find([text])[0]}
    assert found.get("КЕМЕРОВО") == "GPE"
    assert found.get("Ан-24") != "PERSON"


def test_english_passages_never_reach_the_russian_model(gold):
    texts = {"en.txt": "Police in Karaganda detained 12 miners on Monday, the ministry said.\n"}
    _, out = stage_on(texts, language="en")
    assert out["summary"]["passages_russian"] == 0
    assert out["mentions"]["normal"].isna().all()


@pytest.mark.parametrize("latin, cyrillic", [
    ("Zhanaozen", "Жанаозен"), ("Janaozen", "Жанаозен"), ("Žanaozen", "Жанаозен"),  # BGN, English, ISO 9
    ("Nazarbayev", "Назарбаев"), ("Nazarbaev", "Назарбаев"),                          # -ayev / -aev
    ("Smirnoff", "Смирнов"), ("Lebedeff", "Лебедев"),                                 # -off / -ov
    ("Dzhambul", "Джамбул"), ("Djambul", "Джамбул"), ("Chelyabinsk", "Челябинск"),
    ("Shymkent", "Шымкент"), ("Šymkent", "Шымкент"), ("Khabarovsk", "Хабаровск"),
])
def test_standard_romanisations_share_a_key_with_the_cyrillic(latin, cyrillic):
    from pipeline.text.translit import phonetic_key

    assert phonetic_key(latin) == phonetic_key(cyrillic)


@pytest.mark.parametrize("a, b", [("Smirnova", "Smirnoff"), ("Ivanov", "Ivanova"), ("Kiev", "Kiyevka")])
def test_different_names_keep_different_keys(a, b):
    from pipeline.text.translit import phonetic_key

    assert phonetic_key(a) != phonetic_key(b)
