"""A pile mixing Russian and English sources (the shared built project: the seeds plus a short
Russian news text, tests/conftest.py RUSSIAN): one entity per place and person across scripts, and
the Russian death toll beside the English ones for the same event, quoted in Russian."""

from __future__ import annotations

import pandas as pd

from tests.e2e.test_pipeline_e2e import table


def _russian_doc(project) -> str:
    return table(project, "ingest/documents").set_index("source_path").loc["seeds/russian.txt", "doc_id"]


def test_one_entity_per_place_and_person_across_scripts(built_project):
    entities = table(built_project, "entities/entities")
    mentions = table(built_project, "entities/mentions")
    russian = mentions[mentions["doc_id"] == _russian_doc(built_project)]
    entity_of = dict(zip(russian["text"], russian["entity_id"]))
    place = entities.set_index("entity_id").loc[entity_of["Жанаозене"]]
    assert {"Zhanaozen", "Жанаозене"} <= set(place["aliases"]) and place["label"] == "GPE"
    assert entity_of["Жанаозене"] == entity_of["Жанаозен"]  # the headline's nominative and the locative
    person = entities.set_index("entity_id").loc[entity_of["Нурсултан Назарбаев"]]
    assert any("Nazarbayev" in a for a in person["aliases"])
    assert entity_of["Назарбаеву"] == entity_of["Нурсултан Назарбаев"]
    assert (entities["aliases"].map(lambda a: "Нурсултан Назарбаев" in a)).sum() == 1
    assert russian.loc[russian["text"] == "Жанаозене", "normal"].tolist() == ["Жанаозен"]


def test_russian_toll_stands_beside_the_english_ones(built_project):
    doc = _russian_doc(built_project)
    comparison = table(built_project, "facts/comparison")
    killed = comparison[comparison["measure"] == "killed"]
    ours = killed[killed["doc_ids"].map(lambda d: doc in list(d))]
    assert 14.0 in ours["value_low"].tolist()
    event = ours.loc[ours["value_low"] == 14.0, "event"].iloc[0]
    same_event = killed[killed["event"] == event]
    others = {v for v, d in zip(same_event["value_low"], same_event["doc_ids"]) if set(d) - {doc}}
    assert {14.0, 16.0, 70.0} <= others  # the English sources' figures for the same event
    row = same_event[same_event["value_low"] == 14.0].iloc[0]
    assert doc in list(row["doc_ids"]) and len(row["doc_ids"]) >= 2  # one row: Russian and English agree on 14
    claims = table(built_project, "facts/claims")
    russian = claims[(claims["doc_id"] == doc) & (claims["measure"] == "killed")]
    assert "official" in set(russian["attribution_kind"])
    html = (built_project / "reports" / "report.html").read_text(encoding="utf-8")
    assert "погибли 14 человек" in html  # quoted in the original language
    assert pd.notna(russian["event"]).all()
