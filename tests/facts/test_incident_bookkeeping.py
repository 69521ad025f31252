"""What an incident keeps of its stories as they join (first and last day, the people named, the
stories by document) stays what its stories say, through joins and through a follow-up that shows
two incidents are one."""

from __future__ import annotations

import datetime as dt

from pipeline.facts.incidents import _Story, group


def story(doc_id: str, day: str, persons: set, killed: int = 2, place: str = "Gary") -> _Story:
    rows = [{"measure": "killed", "value_low": killed, "value_high": killed, "place": place}]
    return _Story(doc_id, f"{place.lower()}-{day[:7]}-violence", place, "violence", "day", day, rows,
                  names=frozenset({place}), persons=frozenset(persons), main=True)


def recomputed(incident) -> tuple:
    days = [s.day for s in incident.stories if s.day is not None]
    by_doc: dict = {}
    for s in incident.stories:
        by_doc.setdefault(s.doc_id, []).append(s)
    persons = set().union(*(s.persons for s in incident.stories))
    return min(days), max(days), persons, by_doc


def test_a_follow_up_naming_the_people_of_two_incidents_makes_them_one_and_the_bookkeeping_follows():
    first = story("a", "2016-05-01", {"ann lee", "bo ray"})
    apart = story("b", "2016-05-06", {"cy dow"})            # days later, nobody in common: another incident
    follow_up = story("c", "2016-05-10", {"ann lee", "cy dow"})  # names people of both, same count and place
    incidents = group([first, apart, follow_up], frozenset({"violence"}))
    assert len(incidents) == 1
    (incident,) = incidents
    assert {s.doc_id for s in incident.stories} == {"a", "b", "c"}
    first_day, last_day, persons, by_doc = recomputed(incident)
    assert (incident.first, incident.last) == (first_day, last_day) == (dt.date(2016, 5, 1), dt.date(2016, 5, 10))
    assert incident.persons == persons and list(incident.by_doc) == list(by_doc) and incident.by_doc == by_doc


def test_stories_days_apart_without_people_in_common_stay_apart():
    incidents = group([story("a", "2016-05-01", {"ann lee"}), story("b", "2016-05-06", {"cy dow"}),
                       story("c", "2016-05-02", set())], frozenset({"violence"}))
    assert sorted(sorted(s.doc_id for s in inc.stories) for inc in incidents) == [["a", "c"], ["b"]]
    for incident in incidents:
        first_day, last_day, persons, by_doc = recomputed(incident)
        assert (incident.first, incident.last, incident.persons) == (first_day, last_day, persons)
        assert incident.by_doc == by_doc
