"""Russian figures: what a number counts and who says so, on the Russian gold set (tests/gold/ru:
16 self-written news texts about other events than the seed corpus's) and on small cases."""

from __future__ import annotations

import pytest

from bench.bench_russian import load_gold, score_figures
from pipeline.facts.attribution import frames
from pipeline.facts.events import PlaceNames, event_key, slug
from pipeline.facts.lexicon import compile_lexicon
from pipeline.facts.params import FactsParams
from pipeline.facts.ru_places import nominative
from tests.facts_helpers import facts_for_text, run_facts, tables_from_texts

LEX = compile_lexicon(FactsParams())


@pytest.fixture(scope="module")
def gold_run():
    texts, _, figures = load_gold()
    tables = tables_from_texts(list(texts.items()))
    quantities = run_facts(tables)["quantities"].copy()
    documents = tables["documents"]
    files = dict(zip(documents["doc_id"], documents["source_path"].str.replace("seeds/", "", regex=False)))
    quantities["file"] = quantities["doc_id"].map(files)
    return figures, quantities


def test_gold_figures_found_with_value_and_measure(gold_run):
    figures, quantities = gold_run
    assert len(figures) >= 50
    score = score_figures(figures, quantities)
    assert score["found"] >= 0.85, score["misses"]
    assert score["value_and_measure_right"] >= 0.90, score["misses"]
    assert score["attribution_right"] >= 0.6, score["misses"]


def test_numbers_that_are_not_amounts_make_no_claims(gold_run):
    _, quantities = gold_run
    written = set(quantities["surface"])
    # ages, article numbers, clock times and aircraft models in the gold's texts
    for not_an_amount in ("38-летний", "статье 402", "Ан-24", "Ми-8"):
        assert not any(not_an_amount in s or s in not_an_amount.split()[-1:] for s in written), not_an_amount


@pytest.mark.parametrize("sentence, phrase, kind", [
    ("По официальным данным, в результате аварии погибли 14 человек.", "По официальным данным", "official"),
    ("Правозащитники утверждают, что погибших было не менее 70.", "Правозащитники утверждают", "unofficial"),
    ("Ранены 30 человек, сообщили в МВД.", "сообщили в МВД", "official"),
    ("Как сообщает агентство Интерфакс, задержаны 15 человек.", "Как сообщает агентство Интерфакс", "media"),
    ("По словам очевидцев, на площадь вышли около двух тысяч человек.", "По словам очевидцев", "eyewitness"),
    ("Сообщается, что пострадали 12 человек.", "Сообщается", "unknown"),
    ("Олег Петров заявил журналистам, что ущерб превысил 2 млн рублей.", "Олег Петров заявил", "unknown"),
    # a name in guillemets and a full stop inside a name belong to the source
    ("Вода поднялась до 8,1 метра, сообщили в пресс-службе «Казгидромета».",
     "сообщили в пресс-службе «Казгидромета»", "official"),
    ("По информации портала Orda.kz, двое рыбаков пропали.", "По информации портала Orda.kz", "media"),
    ("По версии следствия, он получил не менее 12,5 млн рублей.", "По версии следствия", "official"),
    ("Наблюдатели коалиции зафиксировали не менее 87 нарушений.", "Наблюдатели коалиции зафиксировали",
     "unofficial"),
    ("Вице-министр труда и социальной защиты Аскар Бейсенов заявил, что зарплаты вырастут на 15%.",
     "Вице-министр труда и социальной защиты Аскар Бейсенов заявил", "official"),
])
def test_russian_sources(sentence, phrase, kind):
    found = frames(sentence, 0, LEX)
    assert [(f.phrase, f.kind) for f in found] == [(phrase, kind)]


@pytest.mark.parametrize("text, value, measure", [
    ("В результате пожара погибли два человека.", 2, "killed"),          # the verb before its subject
    ("Четырнадцать человек погибли и 19 получили травмы.", 14, "killed"),
    ("Полиция задержала не менее 40 человек на митинге.", 40, "detained"),
    ("В департаменте сообщили о 28 задержанных.", 28, "detained"),  # the counted noun is the cue
    ("Пострадали шесть человек, в том числе двое спасателей.", 2, "injured"),  # a part of the figure before
    ("Ущерб превысил 2,1 млн белорусских рублей.", 2_100_000, "money"),
    ("Оглашение приговора заняло около трех часов.", 3, "other"),  # hours are no prison term
    ("Полиция задержала более 100 участников акции.", 100, "detained"),  # the verb over who they are
])
def test_russian_measures(text, value, measure):
    rows = facts_for_text(text)["quantities"]
    row = rows[rows["value_low"] == value].iloc[0]
    assert row["measure"] == measure


def test_amount_over_a_verb_of_exceeding_is_a_lower_bound():
    rows = facts_for_text("Ущерб превысил 2,1 млн белорусских рублей.")["quantities"]
    assert (rows["value_low"].tolist(), rows["value_high"].isna().tolist(), rows["unit"].tolist()) == \
        ([2_100_000], [True], ["BYN"])


def test_a_repeated_currency_left_out_is_carried_over():
    rows = facts_for_text("Доходы запланированы на уровне 40,3 трлн рублей, расходы — 43,2 трлн.")["quantities"]
    assert rows["unit"].tolist() == ["RUB", "RUB"] and set(rows["measure"]) == {"money"}


def test_cyrillic_places_have_latin_event_keys_and_join_their_latin_spelling():
    assert slug("Жанаозен") == "zhanaozen" and slug("Актобе") != slug("Алматы")
    assert event_key("Караганда", "2023-10-28", "violence") == "karaganda-2023-10-violence"
    places = PlaceNames({"Karaganda": ["Qaraghandy"]}, 0.85)
    places.build({"Караганде": 3, "Karaganda": 5, "Актобе": 2, "Алматы": 2})
    assert places("Караганде") == "Karaganda"
    assert places("Актобе") != places("Алматы")


@pytest.mark.parametrize("written,want", [
    ("Шахтинске", "Шахтинск"), ("Новотроицке", "Новотроицк"), ("Москве", "Москва"), ("Караганде", "Караганда"),
    ("Оренбургской области", "Оренбургская область"),   # the noun takes the adjective's case
    ("Нью-Йорке", "Нью-Йорк"), ("Ростове-на-Дону", "Ростов-на-Дону"), ("Новом Узене", "Новый Узен"),
    ("Жанаозене", "Жанаозен"),     # a name the analyser does not know: cut back to its stem only
    ("Жанаозен", "Жанаозен"), ("Алматы", "Алматы"), ("Кунгур", "Кунгур"), ("Springfield", "Springfield"),
])
def test_a_russian_place_is_named_in_the_nominative(written, want):
    assert nominative(written) == want


def test_one_town_in_two_cases_and_two_scripts_is_one_event():
    places = PlaceNames({}, 0.85)
    places.build({"Шахтинске": 2, "Шахтинск": 1, "Кунгуре": 1})
    assert places("Шахтинске") == places("Шахтинск") == "Шахтинск"
    assert event_key(places("Шахтинске"), "2017-03-02", "accident") == "shakhtinsk-2017-03-accident"
    assert slug(places("Кунгуре")) == "kungur"


def test_english_and_russian_in_one_document_keep_their_own_readers():
    text = ("Police said 16 people were killed in Springfield on 16 December 2011.\n\n"
            "По официальным данным, 16 декабря 2011 года в Спрингфилде погибли 16 человек.\n")
    rows = facts_for_text(text)["quantities"]
    assert rows["measure"].tolist() == ["killed", "killed"]
    assert rows["attribution_kind"].tolist() == ["official", "official"]
    assert rows["event_date"].tolist() == ["2011-12-16", "2011-12-16"]


def test_russian_cues_never_match_english_text():
    """English outputs do not move with the Russian lexicon: every cue of lexicons/ru.yaml is Cyrillic."""
    import re
    from pathlib import Path

    import yaml

    data = yaml.safe_load((Path(__file__).resolve().parents[2] / "pipeline/facts/lexicons/ru.yaml").read_text("utf-8"))
    cues = [c for value in data.values() for c in (value if isinstance(value, list) else
                                                    [x for v in value.values() if isinstance(v, list) for x in v])]
    assert cues and all(re.search(r"[а-яё]", c.lower()) for c in cues), [c for c in cues if not re.search(r"[а-яё]", c)]
