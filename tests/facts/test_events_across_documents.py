"""Events across documents: articles about one incident share one event key, different incidents never do.

Small corpora written for the purpose (US local-news style: a headline, a publication line, a
body with or without a dateline). Place mentions are given by hand where a test is about the
places NER finds (labels GPE, LOC, FAC as the entities stage writes them); elsewhere the facts
stage finds places with its own patterns, as it does when no entities ran.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pipeline.facts.events import containers, event_places
from pipeline.facts.incidents import WINDOW_DAYS
from tests.facts_helpers import facts_for_text, run_facts, tables_from_texts

CASUALTY = ("killed", "injured")


def with_mentions(tables: dict, names: dict[str, str]) -> dict:
    """Add entity mentions for every occurrence of each name (name -> NER label)."""
    rows = []
    rx = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names, key=len, reverse=True)))
    for p in tables["passages"].itertuples():
        for m in rx.finditer(p.text):
            rows.append({"mention_id": f"{p.passage_id}-m{m.start()}", "entity_id": m.group(), "doc_id": p.doc_id,
                         "passage_id": p.passage_id, "sentence_id": None, "start": m.start(), "end": m.end(),
                         "raw_start": m.start(), "raw_end": m.end(), "text": m.group(), "label": names[m.group()]})
    tables = dict(tables)
    tables["mentions"] = pd.DataFrame(rows, columns=tables["mentions"].columns)
    return tables


def keys_of(docs: list[tuple[str, str]], names: dict[str, str]) -> dict[str, set]:
    """doc file name -> event keys of its killed/injured figures, for documents whose places and people
    NER tags as `names` says."""
    return casualty_keys(run_facts(with_mentions(tables_from_texts(docs), names)))


def casualty_keys(out: dict) -> dict[str, set]:
    """doc file name -> event keys of its killed/injured figures."""
    c = out["claims"]
    c = c[c["measure"].isin(CASUALTY)]
    keys: dict = {}
    for path, ev in zip(c["source_path"], c["event"]):
        keys.setdefault(path.split("/")[-1], set()).add(ev)
    return keys


GARY_DATELINE = ("Two killed in Gary shooting\n\nPublished: 2013-05-13\n\n"
                 "GARY, Ind. — Two men were killed and three other people were wounded in a shooting Sunday "
                 "night, police said.\n\nThe shooting happened outside a house on Jefferson Street.\n")
GARY_NEXT_DAY = ("Gary shooting victims identified\n\nPosted on May 14, 2013 at 9:10 am\n\n"
                 "Police in Gary on Tuesday identified the two men who were killed in a shooting on Sunday, May 12. "
                 "Three other people were injured, a police spokesman said.\n")
GARY_LATER = ("Three dead in another Gary shooting\n\nPublished: May 20, 2013\n\n"
              "GARY, Ind. — Three people were killed in a shooting Saturday, police said.\n")
GARY_NEXT_MONTH = ("Shooting in Gary\n\nDate: June 17, 2013\n\n"
                   "GARY, Ind. (AP) — Four people were killed in a shooting on Saturday, police said.\n")
HAMMOND_SAME_DAY = ("Two dead in Hammond shooting\n\nPublished: 2013-05-13\n\n"
                    "HAMMOND, Ind. — Two men were killed and one was wounded in a shooting Sunday night, "
                    "police said.\n")


def test_one_shooting_told_a_day_apart_in_two_styles_has_one_key():
    out = run_facts(tables_from_texts([("a.txt", GARY_DATELINE), ("b.txt", GARY_NEXT_DAY)]))
    keys = casualty_keys(out)
    assert set(keys) == {"a.txt", "b.txt"}
    assert keys["a.txt"] == keys["b.txt"] and len(keys["a.txt"]) == 1, keys
    key = next(iter(keys["a.txt"]))
    assert key.startswith("gary-2013-05") and key.endswith("-violence")
    q = out["quantities"]
    a_id = out["claims"].set_index("source_path").loc["seeds/a.txt", "doc_id"]
    a_id = a_id if isinstance(a_id, str) else a_id.iloc[0]
    dates = q[q["measure"].isin(CASUALTY) & (q["doc_id"] == a_id)]["event_date"]
    assert set(dates) == {"2013-05-12"}   # "Sunday" in the paper of Monday 13 May


def test_two_shootings_in_one_city_days_or_a_month_apart_have_different_keys():
    docs = [("a.txt", GARY_DATELINE), ("b.txt", GARY_NEXT_DAY), ("c.txt", GARY_LATER), ("d.txt", GARY_NEXT_MONTH)]
    out = run_facts(tables_from_texts(docs))
    keys = casualty_keys(out)
    assert keys["a.txt"] == keys["b.txt"]
    assert len({frozenset(keys[d]) for d in ("a.txt", "c.txt", "d.txt")}) == 3, keys
    # two incidents of one place, kind and month are told apart by their first day
    assert keys["a.txt"] == {"gary-2013-05-12-violence"} and keys["c.txt"] == {"gary-2013-05-18-violence"}
    assert keys["d.txt"] == {"gary-2013-06-violence"}
    ev = out["events"].set_index("event_id")
    assert ev.loc["gary-2013-05-12-violence", "label"] == "Gary, 12 May 2013 (violence)"
    assert ev.loc["gary-2013-05-18-violence", "period"] == "2013-05-18"
    assert ev.loc["gary-2013-06-violence", "label"] == "Gary, June 2013 (violence)"


def test_the_same_day_in_two_cities_is_two_incidents():
    keys = casualty_keys(run_facts(tables_from_texts([("a.txt", GARY_DATELINE), ("h.txt", HAMMOND_SAME_DAY)])))
    assert keys["a.txt"].isdisjoint(keys["h.txt"]), keys
    assert all(k.startswith("hammond-2013-05") for k in keys["h.txt"])


def test_undated_articles_never_merge_across_documents():
    undated = ("Two killed in Gary\n\nGARY, Ind. — Two men were killed in a shooting Sunday night, police said.\n")
    undated2 = ("Gary shooting\n\nTwo people were killed in a shooting in Gary on Sunday, police said.\n")
    docs = [("a.txt", GARY_DATELINE), ("u1.txt", undated), ("u2.txt", undated2)]
    keys = casualty_keys(run_facts(tables_from_texts(docs)))
    assert len({frozenset(v) for v in keys.values()}) == 3, keys
    for d in ("u1.txt", "u2.txt"):
        assert all("undated" in k for k in keys[d]), keys   # the key says the year is not known


def test_articles_that_name_no_place_never_merge_across_documents():
    # two shootings a day apart, neither article naming a town: nothing says they are one incident
    first = ("Teen dead in early morning shooting\n\nPublished: 2017-03-30\n\n"
             "A 16-year-old girl was found dead inside a car early Thursday, police said.\n")
    second = ("Man fatally shot by friend\n\nPublished: 2017-03-31\n\n"
              "A man was shot and killed by a friend who was handling a gun on Friday, police said.\n")
    keys = casualty_keys(run_facts(tables_from_texts([("a.txt", first), ("b.txt", second)])))
    assert keys["a.txt"] and keys["b.txt"], keys
    assert keys["a.txt"].isdisjoint(keys["b.txt"]), keys


def test_same_town_name_in_different_years_never_shares_a_key():
    tn = ("Jackson shooting\n\nPublished: 2015-06-08\n\nJACKSON, Tenn. — Two people were killed in a shooting "
          "Saturday night in west Jackson, police said.\n")
    ms = ("Jackson shooting\n\nPublished: 2017-02-10\n\nJACKSON, Miss. — Three people were killed in a shooting "
          "Thursday in west Jackson, police said.\n")
    keys = casualty_keys(run_facts(tables_from_texts([("tn.txt", tn), ("ms.txt", ms)])))
    assert keys["tn.txt"].isdisjoint(keys["ms.txt"]), keys


ALTURAS = ("Four dead in tribal office shooting\n\nPublished: 2014-02-21\n\n"
           "ALTURAS, Calif. (AP) — A woman killed four people and wounded two others Thursday at the Cedarville "
           "Rancheria office in Alturas, Calif., authorities said. The California Highway Patrol closed "
           "Main Street near the office.\n\nModoc County Sheriff's deputies arrested the woman at the scene.\n")
RANCHERIA = ("Tribal council shooting\n\nUpdated: Feb. 20, 2014 6:45 PM\n\n"
             "Four people were killed and two were injured in a shooting Thursday at the Cedarville Rancheria "
             "tribal office, Modoc County officials said. The Rancheria lies in Northern Calif.\n")
PLACES = {"Alturas": "GPE", "Calif.": "GPE", "Cedarville Rancheria": "LOC", "California Highway Patrol": "ORG",
          "Main Street": "FAC", "Modoc County": "GPE", "Northern Calif.": "LOC"}


def test_ner_places_town_over_state_county_street_and_one_key_across_articles():
    tables = with_mentions(tables_from_texts([("a.txt", ALTURAS), ("r.txt", RANCHERIA)]), PLACES)
    out = run_facts(tables)
    q = out["quantities"]
    cas = q[q["measure"].isin(CASUALTY)]
    assert not cas.empty
    a = cas[cas["doc_id"] == tables["documents"]["doc_id"][0]]
    assert set(a["place"]) <= {"Alturas", "Cedarville Rancheria"}, set(a["place"])   # not Calif., a street
    assert not set(cas["place"]) & {"Calif.", "Main Street", "Northern Calif."}
    keys = casualty_keys(out)
    assert keys["a.txt"] == keys["r.txt"] and len(keys["a.txt"]) == 1, keys


def test_event_places_join_fragments_and_drop_spots():
    text = "Police said two men were shot in St. Louis near Law Street and taken to Barnes Hospital, St. Louis, Mo."
    ms = [(m.start(), m.end(), m.group()) for m in re.finditer(r"Louis|Law Street|Barnes Hospital|Mo\.", text)]
    places = event_places(text, ms)
    assert [n for _, _, n in places] == ["St. Louis", "St. Louis", "Mo."]
    assert containers(text, places) == {"Mo."}
    text = ("Four men were shot on Divinity Street, which connects Springfield and Chester Avenues, and taken to "
            "CaroMont Regional Medical Center; Gary Police said a native of Houston was held in Southeast Saturday.")
    ms = [(m.start(), m.end(), m.group()) for m in re.finditer(r"Springfield|CaroMont|Gary|Houston|Southeast Saturday",
                                                              text)]
    assert [n for _, _, n in event_places(text, ms)] == ["Gary"]


def test_publication_date_dates_a_text_without_dates_within_the_window():
    a = ("Shooting in Gary\n\nPublished: 2013-05-13\n\nGARY, Ind. — Two men were killed in a shooting, "
         "police said.\n")   # no date in the text: the day it was published
    b = ("Gary shooting\n\nPublished: 2013-05-14\n\nGARY, Ind. — Two men were killed in a shooting on "
         "Sunday, May 12, police said.\n")
    far = ("Gary shooting\n\nPublished: 2013-05-20\n\nGARY, Ind. — Two men were killed in a shooting, "
           "police said.\n")
    keys = casualty_keys(run_facts(tables_from_texts([("a.txt", a), ("b.txt", b), ("far.txt", far)])))
    assert WINDOW_DAYS == 2
    assert keys["a.txt"] == keys["b.txt"]
    assert keys["far.txt"].isdisjoint(keys["a.txt"]), keys


def test_an_article_weeks_later_lands_on_the_date_its_sentences_state():
    first = ("Police fire on strikers\n\nPublished: 2011-12-17\n\nSHELBYVILLE — Police opened fire on striking "
             "oil workers on Friday. Officials said 16 people were killed and 86 were injured.\n")
    later = ("A month after the shooting\n\nPublished: 2012-01-20\n\nOn 16 December 2011 police in Shelbyville "
             "opened fire on striking oil workers. Witnesses say 70 people were killed.\n")
    keys = casualty_keys(run_facts(tables_from_texts([("first.txt", first), ("later.txt", later)])))
    assert keys["first.txt"] == keys["later.txt"] == {"shelbyville-2011-12-violence"}, keys


def test_detentions_in_two_towns_on_one_day_stay_two_events():
    text = ("On 17 December 2011 in Shelbyville, 70 people were detained by police.\n\n"
            "In Springfield, 300 people were detained at a rally of solidarity on 17 December 2011.\n")
    q = run_facts(tables_from_texts([("t.txt", text)]))["quantities"].set_index("surface")
    assert q.loc["70", "kind"] == q.loc["300", "kind"] == "crackdown"
    assert q.loc["70", "event"] != q.loc["300", "event"]


def test_undated_figures_of_no_kind_stay_with_their_document():
    a = "Town report\n\nIn Gary, 40 buildings stood empty.\n"
    b = "Another report\n\nIn Gary, 12 buildings stood empty.\n"
    q = run_facts(tables_from_texts([("a.txt", a), ("b.txt", b)]))["quantities"].set_index("surface")
    assert q.loc["40", "event"] != q.loc["12", "event"]
    assert "undated" in q.loc["40", "event"] and "undated" in q.loc["12", "event"]


def test_a_date_after_publication_dates_no_figure():
    # "will turn 2 on April 2" is a date to come: the figures of an article published on March 31
    # happened by then, so that date is no event date (it stays on the timeline)
    text = ("Two killed in South Shore shooting\n\nPublished: 2017-03-31\n\n"
            "Two men were killed in a shooting in South Shore on Thursday, police said.\n\n"
            "One of them, a father of two, was injured last year; his son will turn 2 on April 2, "
            "and one cousin was hurt.\n")
    out = run_facts(tables_from_texts([("a.txt", text)]))
    dates = set(out["quantities"]["event_date"].dropna())
    assert dates and all(d <= "2017-04-01" for d in dates), dates
    assert "2017-04-02" in set(out["timeline"]["date"])


def test_a_police_department_names_the_place_it_serves():
    # neither article names its town but through the agency: one incident, at that town
    texts = [("a.txt", "Teen dead in early morning shooting\n\nPublished: 2017-03-30\n\n"
                       "The Riverton Police Department said a 16-year-old girl was found dead in a car.\n"),
             ("b.txt", "Second victim identified\n\nPublished: 2017-03-31\n\n"
                       "Two people were killed in the shooting on Thursday, the Riverton Police Department said.\n")]
    tables = with_mentions(tables_from_texts(texts), {"The Riverton Police Department": "ORG",
                                                       "the Riverton Police Department": "ORG"})
    keys = casualty_keys(run_facts(tables))
    assert keys["a.txt"] == keys["b.txt"] and all(k.startswith("riverton-2017-03") for k in keys["a.txt"]), keys


def test_a_publishers_towns_after_the_headline_are_not_the_storys():
    houston = ("Man charged in Houston shooting deaths of woman - KXYZ.com-Tyler, Longview, Jacksonville, Texas"
               " | ETX News\n\nPublished: 2015-11-09\n\n"
               "HOUSTON (AP) - Two people were shot and killed Friday in their Houston home, police said.\n")
    jacksonville = ("Two dead in Jacksonville drive-by\n\nPublished: 2015-11-06\n\n"
                    "Two men were killed in a drive-by shooting in Jacksonville on Thursday night, police said.\n")
    tables = with_mentions(tables_from_texts([("h.txt", houston), ("j.txt", jacksonville)]),
                           {"Houston": "GPE", "HOUSTON": "GPE", "Jacksonville": "GPE", "Texas": "GPE",
                            "Tyler": "GPE", "Longview": "GPE"})
    keys = casualty_keys(run_facts(tables))
    assert keys["h.txt"].isdisjoint(keys["j.txt"]), keys


def test_a_station_town_in_the_headlines_tail_is_not_the_title_place():
    # the station's town, named more often than the story's (the page's own lines), is not the place the
    # title gives the story's figures
    text = ("Two men killed in Springdale shooting - KRVT 7 Riverton News\n\nPublished: 2016-05-02\n\n"
            "Two men were shot dead on Sunday night, police said. The station has reporters in Riverton. "
            "Viewers in Riverton can watch the update at six.\n")
    tables = with_mentions(tables_from_texts([("s.txt", text)]), {"Springdale": "GPE", "Riverton": "GPE"})
    keys = casualty_keys(run_facts(tables))
    assert keys["s.txt"] == {"springdale-2016-05-violence"}, keys


SPRINGDALE_FIRST = ("Family of four found dead in Springdale home\n\nPublished: 2016-11-17\n\n"
                    "A Springdale, Arkansas father killed his wife and their two daughters before killing himself "
                    "on Thursday, deputies said.\n")
SPRINGDALE_FOLLOW_UP = ("Officials release causes of death in Arkansas murder-suicide\n\nPublished: 2016-11-21\n\n"
                        "Officials said on Monday that an Arkansas man, his wife and their two daughters died from "
                        "gunshot wounds. Four people were found dead on Thursday, November 17, the medical examiner "
                        "said on Monday. The medical examiner said on Monday that all four died of gunshot "
                        "wounds.\n")


def test_a_follow_up_dated_by_later_news_joins_the_incident_at_the_place_it_holds():
    """The follow-up names only the state and is dated mostly by the day the causes of death were
    released; its figures keep the day of the deaths, and the first article writes the town in that
    state: one incident."""
    tables = with_mentions(tables_from_texts([("a.txt", SPRINGDALE_FIRST), ("b.txt", SPRINGDALE_FOLLOW_UP)]),
                           {"Springdale": "GPE", "Arkansas": "GPE"})
    keys = casualty_keys(run_facts(tables))
    assert len(keys["a.txt"] | keys["b.txt"]) == 1, keys


def test_only_nested_places_join_on_the_other_days_of_a_story():
    """Stories of two documents at places of different names, whose own days are 3 days apart and
    whose other days are 1 apart: one incident only when a document writes one place inside the
    other (Springdale, Arkansas), not when one merely names the other (victims who had lived in
    Oakton, found in Linden)."""
    from pipeline.facts.incidents import _places_agree, _Story

    def story(doc, place, anchor, others, names, inside=frozenset()):
        return _Story(doc, f"{doc}-ev", place, "violence", "day", anchor, [], frozenset(names), inside, others)

    fire = story("a", "Linden", "2016-09-08", ("2016-09-09",), {"Linden", "Oakton"})
    shooting = story("b", "Oakton", "2016-09-11", ("2016-09-10",), {"Oakton"})
    assert not _places_agree(fire, shooting, frozenset({"violence"}))
    town = story("a", "Springdale", "2016-11-17", (), {"Springdale", "Arkansas"},
                 frozenset({("Springdale", "Arkansas")}))
    follow_up = story("b", "Arkansas", "2016-11-21", ("2016-11-17",), {"Arkansas"})
    assert _places_agree(town, follow_up, frozenset({"violence"}))


def test_an_event_is_no_place_and_a_street_inside_a_name_does_not_join_two_towns():
    from pipeline.facts.events import event_places
    from pipeline.facts.incidents import _places_agree, _Story

    title = "Investigation into Fatal Shooting at 4235 Oak Shadows"
    assert event_places(title, [(19, 33, "Fatal Shooting")]) == []

    def story(doc, place, anchor, names, published_only=False):
        return _Story(doc, f"{doc}-ev", place, "violence", "day", anchor, [], frozenset(names), frozenset(), (),
                      published_only)

    houston = story("a", "Houston", "2016-12-31", {"Houston"})
    # dated only by its publication day; "Houston Whittier" is a street of Detroit
    detroit = story("b", "Detroit", "2017-01-01", {"Detroit", "Houston Whittier"}, published_only=True)
    assert not _places_agree(houston, detroit, frozenset({"violence"}))
    county = story("b", "Harris County", "2017-01-01", {"Harris County", "Houston"}, published_only=True)
    assert _places_agree(houston, county, frozenset({"violence"}))


def test_a_proper_name_inside_a_longer_proper_name_is_not_that_place():
    """A story dated by its own sentence ("a New Year's Eve shooting") is no longer weak evidence,
    yet "Houston Whittier" (a Detroit street) still does not name Houston; an area word or "City of"
    around the name does."""
    from pipeline.facts.incidents import _names, _places_agree, _Story

    def story(doc, place, names):
        return _Story(doc, f"{doc}-ev", place, "violence", "day", "2016-12-31", [], frozenset(names))

    houston = story("a", "Houston", {"Houston"})
    detroit = story("b", "Detroit", {"Detroit", "Houston Whittier", "East Outer Drive"})
    assert not _places_agree(houston, detroit, frozenset({"violence"}))
    assert _names("Cedarville", frozenset({"Cedarville Rancheria"}))
    assert _names("Houston", frozenset({"City of Houston"}))
    assert _names("Gaston County", frozenset({"Gaston"}))
    assert not _names("Houston", frozenset({"Houston Whittier", "Sam Houston Parkway"}))


def test_the_cache_of_names_starting_again_loses_no_answer(monkeypatch):
    """A pile of 100,000 documents asks more (place, document's names) pairs than the cache keeps: the
    answer that fills it must still come back (it raised KeyError once the cache was emptied)."""
    from pipeline.facts import incidents

    monkeypatch.setattr(incidents, "NAMED_CACHE_SIZE", 3)
    monkeypatch.setattr(incidents, "_NAMED", {})
    asked = [("Cedarville", {"Cedarville Rancheria"}, True), ("Houston", {"City of Houston"}, True),
             ("Houston", {"Houston Whittier"}, False), ("Gaston County", {"Gaston"}, True),
             ("Barre", {"Erbie", "DeSoto"}, False), ("Dayton", {"Dayton", "Ohio"}, True)] * 2
    for place, names, want in asked:
        assert incidents._names(place, frozenset(names)) is want, place
    assert len(incidents._NAMED) <= 3


def test_a_roundup_does_not_take_in_a_shooting_it_names_in_passing():
    """A roundup of one day's shootings tells mostly about the West Side one, and names a robbery in
    South Shore in passing; an article about a South Shore killing two days later does not join it
    through that passing mention. It does join an incident whose main story is at its place."""
    from pipeline.facts.incidents import _fits, _Incident, _Story

    def story(doc, place, anchor, n_rows, names):
        return _Story(doc, f"{doc}-{place}", place, "violence", "day", anchor, [{}] * n_rows, frozenset(names))

    roundup = _Incident([story("r", "West Side", "2017-04-02", 12, {"West Side", "South Shore"}),
                         story("r", "South Shore", "2017-04-02", 1, {"West Side", "South Shore"})], "day")
    charged = story("c", "South Shore", "2017-04-04", 5, {"South Shore", "Chicago"})
    assert not _fits(charged, roundup, frozenset({"violence"}))
    first = _Incident([story("f", "South Shore", "2017-04-03", 8, {"South Shore"}),
                       story("r", "South Shore", "2017-04-02", 1, {"West Side", "South Shore"})], "day")
    assert _fits(charged, first, frozenset({"violence"}))


def test_a_holiday_dates_the_figures_of_an_article_written_after_it():
    """Two articles about one shooting: one dates it by the day, the other, published after New
    Year's Day, only by the holiday: one incident, dated December 31 of the year before."""
    first = ("Boy, 5, shot in ankle in Detroit\n\nPublished: 2016-12-31\n\n"
             "DETROIT — A 5-year-old boy was shot in the ankle on Saturday night on the city's east side, "
             "police said.\n")
    later = ("Boy shot on New Year's Eve recovering\n\nPublished: 2017-01-03\n\n"
             "A 5-year-old boy who was wounded in a New Year's Eve shooting in Detroit is recovering, "
             "police said. He was among three people injured in the city that night.\n")
    out = run_facts(tables_from_texts([("a.txt", first), ("b.txt", later)]))
    q = out["quantities"]
    b_id = out["claims"].set_index("source_path").loc["seeds/b.txt", "doc_id"]
    b_id = b_id if isinstance(b_id, str) else b_id.iloc[0]
    assert set(q[q["measure"].isin(CASUALTY) & (q["doc_id"] == b_id)]["event_date"]) == {"2016-12-31"}
    keys = casualty_keys(out)
    assert keys["a.txt"] == keys["b.txt"] == {"detroit-2016-12-violence"}, keys


BELLINGHAM_FIRST = ("Two dead in Bellingham home\n\nPublished: 2015-07-13\n\n"
                    "BELLINGHAM, Wash. — A woman fatally shot her husband, Michael Jordan, and their 17-month-old son "
                    "on Sunday, police said. Two people were killed, said Sgt. Mark Doll.\n")
BELLINGHAM_NAMED = ("Victims identified in Bellingham killings\n\nPublished: 2015-07-21\n\n"
                    "BELLINGHAM, Wash. — Investigators on Monday released more details about the deaths of "
                    "Michael Jordan and his son. The two were killed in their home, Sgt. Mark Doll said.\n")
BELLINGHAM_OTHER = ("Two killed in Bellingham shooting\n\nPublished: 2015-07-21\n\n"
                    "BELLINGHAM, Wash. — Two men, Ray Fox and Sam Lee, were killed in a shooting on Monday, "
                    "Sgt. Mark Doll said.\n")


def test_a_follow_up_a_week_later_joins_through_the_people_it_names_not_the_spokesman():
    """The victims named a week later: the same victim, count and town as the first article, one
    incident. Another shooting in that town that day, told by the same police spokesman, stays apart."""
    tables = with_mentions(
        tables_from_texts([("a.txt", BELLINGHAM_FIRST), ("b.txt", BELLINGHAM_NAMED), ("c.txt", BELLINGHAM_OTHER)]),
        {"Bellingham": "GPE", "Michael Jordan": "PERSON", "Mark Doll": "PERSON", "Ray Fox": "PERSON",
         "Sam Lee": "PERSON"})
    keys = casualty_keys(run_facts(tables))
    assert keys["a.txt"] == keys["b.txt"] and len(keys["a.txt"]) == 1, keys
    assert keys["c.txt"].isdisjoint(keys["a.txt"]), keys


@pytest.mark.parametrize("text,name,about", [
    ("The victim, Deonta Turner, 23, died at the scene.", "Deonta Turner", True),
    ("Pedro Alberto Vargas had set fire to his apartment.", "Pedro Alberto Vargas", True),
    ("Police spokeswoman Alicia Smiley said the victim was 19.", "Alicia Smiley", False),
    ("Alicia Smiley, a police spokeswoman, said two men were hurt.", "Alicia Smiley", False),
    ("Two men were wounded, said Lt. John Doe of the Gary police.", "John Doe", False),
    ("Two men were wounded, according to Sheriff Bob Jones.", "Bob Jones", False),
    ("Bob Jones told reporters the scene was secure.", "Bob Jones", False),
    ("Jordan was found upstairs.", "Jordan", False),   # one word: too little to link two articles
])
def test_the_people_an_article_is_about_are_not_the_people_it_quotes(text, name, about):
    from pipeline.facts.participants import is_participant

    start = text.index(name)
    assert is_participant(text, start, start + len(name)) is about


def _dates_by_value(out: dict) -> dict:
    q = out["quantities"]
    q = q[q["measure"] == "killed"]
    return {float(v): d for v, d in zip(q["value_low"], q["event_date"])}


def test_a_year_long_before_the_day_of_writing_does_not_date_the_story():
    """A bare year a text looks back to ("His son was killed in 2005") dates its own sentence, not the
    headline's figure of the shooting the article is about."""
    text = ("2 killed at Washington Park gas station\n\nPublished: 2017-03-10\n\n"
            "A grieving father spoke outside the station. His son was killed in 2005, he said.\n\n"
            "Three men died after a shooting at the gas station on Friday, police said.\n")
    dates = _dates_by_value(run_facts(tables_from_texts([("a.txt", text)])))
    assert dates[2.0] == "2017-03-10" and dates[1.0] == "2005", dates


def test_figures_after_a_text_goes_back_to_a_year_long_past_are_of_that_past():
    text = ("Church shooting leaves nine dead\n\nPublished: 2015-06-18\n\n"
            "Nine people were killed in a shooting at the church on Wednesday night, police said.\n\n"
            "In 1822, the church was burned to the ground and its members were attacked after a slave revolt "
            "was exposed.\n\n"
            "Authorities executed 35 people, including the revolt's leader.\n")
    dates = _dates_by_value(run_facts(tables_from_texts([("a.txt", text)])))
    assert dates[9.0] == "2015-06-17" and dates[35.0] == "1822", dates


def test_a_one_word_place_that_is_a_persons_name_in_the_text_is_no_place():
    text = ("Murder-suicide in Deer Lodge\n\nPublished: 2015-06-09\n\n"
            "DEER LODGE, Mont. — Police say Michael Augustine Bournes shot his wife and three children on "
            "Sunday. Four people were killed, police said. Bournes then shot himself.\n")
    tables = with_mentions(tables_from_texts([("a.txt", text)]),
                           {"Deer Lodge": "GPE", "Michael Augustine Bournes": "PERSON", "Bournes": "GPE"})
    out = run_facts(tables)
    places = set(out["quantities"]["place"].dropna())
    assert "Bournes" not in places and "Deer Lodge" in places, places


def test_a_part_of_a_city_named_by_its_direction_is_inside_it():
    from pipeline.facts.incidents import _names, _nested

    assert _nested("Northwest Jacksonville", "Jacksonville", frozenset())
    assert _nested("Toledo", "West Toledo", frozenset())
    assert not _nested("West Toledo", "Toledo Heights", frozenset())
    assert not _nested("Westwood", "Wood", frozenset())
    assert _names("Chatham", frozenset({"East Chatham"}))


def test_a_year_at_the_end_of_a_sentence_dates_that_sentence_only():
    """'His son was killed in 2005.' dates itself; the wounded told after it, in the same paragraph,
    are of the shooting the article is about. 'In 1822, ...' at the front sets the time of what follows."""
    text = ("Gas station shooting\n\nPublished: 2017-03-10\n\n"
            "Four men were shot at a gas station on Friday, police said. His son was killed in 2005. "
            "A 24-year-old man was wounded in the legs. Two others were injured.\n")
    q = run_facts(tables_from_texts([("a.txt", text)]))["quantities"]
    dates = {(m, float(v)): d for m, v, d in zip(q["measure"], q["value_low"], q["event_date"])}
    assert dates[("killed", 1.0)] == "2005"
    assert dates[("injured", 2.0)] == "2017-03-10", dates


def test_where_a_person_lives_is_no_place_of_the_event():
    text = "Steven Freeman, 23, of the 7600 block of South Normal, was shot in Chatham. John Smith, of Oak Park, died."
    spans = [(text.index(n), text.index(n) + len(n), n) for n in ("South Normal", "Chatham", "Oak Park")]
    assert [n for *_, n in event_places(text, spans)] == ["Chatham"]


@pytest.mark.parametrize("body,want", [
    # past tense: the last such day before the text was written (a British and a US style)
    ("On April 2, the gunman opened fire on his fellow soldiers, killing three.", "2014-04"),
    ("Three men were shot dead in Leeds on 2 April, police said.", "2014-04"),
    # a week's grace for a story updated after its first publication date
    ("Three people were killed on Jan. 28, police said.", "2015-01"),
])
def test_a_day_without_its_year_in_a_past_tense_sentence_is_in_the_past(body, want):
    out = facts_for_text(f"Headline\n\nPublished: 2015-01-25\n\nSPRINGFIELD -- {body}")["claims"]
    killed = out[out["measure"] == "killed"]
    assert len(killed) and all(e.startswith(f"springfield-{want}") for e in killed["event"]), killed["event"].tolist()


def test_a_day_to_come_is_the_next_such_day_even_across_the_new_year():
    out = facts_for_text("Headline\n\nPublished: 2015-10-22\n\nSPRINGFIELD -- Tran is charged with three "
                         "counts of murder in the killing of three people on Tuesday. His next court date is a "
                         "scheduling hearing on Jan. 25.")
    assert "2016-01-25" in set(out["timeline"].iloc[:, 0])
    assert set(out["claims"]["event"]) == {"springfield-2015-10-violence"}, set(out["claims"]["event"])


def test_a_day_to_come_stays_ahead_and_dates_no_figure():
    out = facts_for_text("Headline\n\nPublished: 2015-01-25\n\nSPRINGFIELD -- The trial of the man accused "
                         "of killing three people is set for April 2.")
    assert "2015-04-02" in set(out["timeline"].iloc[:, 0])
    assert not out["claims"]["event"].str.contains("2015-04|2014-04").any()


@pytest.mark.parametrize("sentence,want", [
    ("The launch had a fitness certificate valid until June.", "2018-06"),   # a deadline: the next June
    ("Elections are due in March.", "2019-03"),
    ("The factory was closed in June after an inspection.", "2017-06"),     # told as past: the last June
    # a word of what is to come after the month says nothing of it
    ("In November, he escaped from jail one day before his expected release.", "2017-11"),
])
def test_a_bare_month_to_come_is_the_next_such_month_and_dates_no_figure(sentence, want):
    out = facts_for_text("Launch capsizes\n\nPublished: 2018-04-27\n\nChandpur, April 27: At least 21 people "
                         "drowned after a passenger launch capsized on Friday.\n\n" + sentence + "\n\n"
                         "Fifteen injured passengers were admitted to hospital.")
    assert want in set(out["timeline"]["date"]), out["timeline"][["date", "surface"]]
    injured = out["claims"][out["claims"]["measure"] == "injured"]
    assert list(injured["event"].str.contains("2018-04")) == [True], injured[["surface", "event"]]


def test_a_quarter_named_by_its_direction_does_not_join_two_cities():
    """"the South Side" of Chicago and of San Antonio on one day: most cities have a South Side, so the
    name joins no incidents; each article keeps its city."""
    chicago = ("2 dead, 4 hurt in Englewood drive-by shooting\n\nPublished: 2022-06-12\n\n"
               "Two men were killed and four other people were wounded in a drive-by shooting early Sunday in "
               "Englewood on the South Side, Chicago police said.\n")
    san_antonio = ("Gunman kills 4 at South Side graduation party\n\nPublished: 2022-06-12\n\n"
                   "SAN ANTONIO (AP) - A gunman killed four people at a graduation party on the city's South Side "
                   "early Sunday, police said.\n")
    keys = keys_of([("c.txt", chicago), ("s.txt", san_antonio)],
                   {"Englewood": "GPE", "South Side": "LOC", "Chicago": "GPE", "SAN ANTONIO": "GPE"})
    assert keys["c.txt"].isdisjoint(keys["s.txt"]), keys
    assert not any("south-side" in k for k in keys["c.txt"] | keys["s.txt"]), keys


@pytest.mark.parametrize("name", ["South Side", "the West End", "Eastside", "Old Town", "City Centre", "Northside"])
def test_a_quarter_named_by_its_direction_is_no_event_place(name):
    text = f"Two men were shot dead in {name} on Friday."
    a = text.index(name)
    assert event_places(text, [(a, a + len(name), name)]) == []


def test_a_follow_up_takes_the_day_of_its_story_told_at_a_spot_inside_its_town():
    """A follow-up three days later tells of "Monday's suicide bombing at Gwange market in Maiduguri",
    then its dead with no date or place of their own: they are Monday's, at the text's town."""
    first = ("Suicide bomber kills 12 at market\n\nPublished: 2021-06-07\n\nMAIDUGURI, Nigeria (Reuters) - A "
             "female suicide bomber killed 12 people at a market in Maiduguri on Monday. Another 27 people were "
             "wounded, officials said.\n")
    follow = ("Governor visits Maiduguri blast victims\n\nPublished: 2021-06-10\n\nThe governor on Wednesday "
              "visited victims of Monday's suicide bombing at Gwange market in Maiduguri and announced support "
              "for traders.\n\nTwelve people were killed in the attack. Twenty-seven others were injured.\n")
    keys = keys_of([("a.txt", first), ("b.txt", follow)],
                   {"MAIDUGURI": "GPE", "Maiduguri": "GPE", "Nigeria": "GPE", "Gwange": "GPE"})
    assert keys["a.txt"] == keys["b.txt"] == {"maiduguri-2021-06-violence"}, keys


def test_a_trials_days_do_not_date_the_harm_its_report_counts():
    """A sentencing report months later: "convicted in December ... in the death of X", "sentenced
    Thursday" date the courts' acts; the dead and wounded are of the shooting's day."""
    text = ("Man gets 35 years for nightclub shooting\n\nPublished: 2020-02-13\n\nA Memphis man who opened fire "
            "in a nightclub parking lot last March, killing one man and wounding two other people, was sentenced "
            "Thursday to 35 years in prison.\n\nJermaine Tolliver was convicted in December by a jury of "
            "second-degree murder in the death of Darnell Hughes. Prosecutors said Tolliver fired seven shots "
            "outside the club on March 3, 2019. A 24-year-old woman was struck in the leg.\n")
    q = facts_for_text(text)["quantities"]
    harm = q[q["measure"].isin(["killed", "injured"])]
    assert set(harm["event_date"].str[:7]) == {"2019-03"}, harm[["surface", "measure", "event_date"]]
    sentence = q[q["measure"] == "sentenced"]
    assert list(sentence["event_date"]) == ["2020-02-13"]


def test_a_trial_report_months_later_naming_the_victim_and_the_accused_joins_the_incident():
    """Eight months on, the verdict names the man stabbed to death and the man convicted, at the same
    town, with the same count: one incident (one shared name would join only within a month)."""
    first = ("Man stabbed to death outside takeaway\n\nPublished: 2018-08-12\n\nA man was stabbed to death "
             "and another was injured outside a takeaway in Leicester on Saturday night. Police named the dead "
             "man as Daniel Okoro. Marcus Reid, 24, has been charged with murder.\n")
    verdict = ("Takeaway killer jailed for life\n\nPublished: 2019-04-18\n\nMarcus Reid was jailed for life at "
               "Leicester Crown Court on Thursday for the murder of Daniel Okoro. One man was killed and another "
               "injured in the attack in Leicester, the court heard.\n")
    names = {"Leicester": "GPE", "Daniel Okoro": "PERSON", "Marcus Reid": "PERSON"}
    keys = keys_of([("a.txt", first), ("b.txt", verdict)], names)
    assert keys["a.txt"] == keys["b.txt"] == {"leicester-2018-08-violence"}, keys


def test_a_wire_storys_lead_not_its_bureau_names_its_place():
    """A wire dateline names the bureau the story was filed from; its lead says where it happened. Two
    agencies filing from different bureaus about one landslide share one key."""
    reuters = ("Death toll from landslide rises to 14\n\nPublished: 2023-03-13\n\n"
               "SAO PAULO (Reuters) - The death toll from a landslide that buried homes on a hillside in the "
               "northeastern Brazilian city of Salvador rose to 14 on Monday, local authorities said.\n\n"
               "Nine people were injured and taken to hospitals.\n")
    ap = ("Search ends after landslide\n\nPublished: 2023-03-14\n\n"
          "SALVADOR, Brazil (AP) — Firefighters on Tuesday ended their search of a hillside neighborhood where a "
          "landslide killed 14 people on Sunday. Nine people were injured.\n")
    cairo = ("Train crash\n\nPublished: 2022-11-03\n\nCAIRO (AP) — A collision between two passenger trains "
             "killed 30 people and injured 84 in the southern province of Minya on Wednesday. Officials said 52 "
             "people were taken to hospital.\n")
    keys = keys_of([("r.txt", reuters), ("a.txt", ap), ("c.txt", cairo)],
                   {"SAO PAULO": "GPE", "Salvador": "GPE", "SALVADOR": "GPE", "Brazil": "GPE", "CAIRO": "GPE",
                    "Minya": "GPE"})
    assert keys["r.txt"] == keys["a.txt"] == {"salvador-2023-03-disaster"}, keys
    assert keys["c.txt"] == {"minya-2022-11-accident"}, keys


@pytest.mark.parametrize("dateline,place", [
    ("COMANCHE, Okla.– ", "comanche"),     # the dash right after the state's abbreviation
    ("COMANCHE, Okla._", "comanche"),      # a wire feed's underscore for a dash
    ("HERKIMER, N.Y. - ", "herkimer"),
    ("SALT LAKE CITY — ", "salt-lake-city"),
    ("MILWAUKEE (AP) - ", "milwaukee"),    # a hyphen after the agency's bracket
    ("LONDON (Reuters) - ", "london"),      # ... whatever the agency's name
    ("Beijing, March 17 (Xinhua) -- ", "beijing"),   # the day after the month
    ("MANILA, Philippines — ", "manila"),
])
def test_a_news_dateline_names_the_place_of_its_story(dateline, place):
    out = facts_for_text(f"Headline\n\nPublished: 2015-03-19\n\n{dateline}A 10-year-old girl was killed on "
                         "Tuesday after her brother accidentally shot her in the neck, officials said.")
    assert set(out["claims"]["event"]) == {f"{place}-2015-03-violence"}, set(out["claims"]["event"])


def test_a_victims_name_tagged_a_place_names_no_place():
    # NER tags the girl's name GPE (as it did "Za'layia Jenkins"); the grammar counts her as the one who
    # died: she is a person
    text = ("Girl shot in her home dies\n\nPublished: 2016-05-16\n\nMILWAUKEE (AP) - Police said "
            "Shanice Jenkins was pronounced dead on Monday. Bullets struck Shanice Jenkins' home on Thursday.\n")
    tables = with_mentions(tables_from_texts([("a.txt", text)]), {"Shanice Jenkins": "GPE", "MILWAUKEE": "GPE"})
    keys = casualty_keys(run_facts(tables))
    assert keys["a.txt"] and all(k.startswith("milwaukee-2016-05") for k in keys["a.txt"]), keys


@pytest.mark.parametrize("name,want", [
    ("Potter County Fire", "Potter County"),   # NER took the service for a place: the place it serves
    ("Austin Police", "Austin"),
    ("FOX Carolina", None),                    # a broadcaster's station
    ("NBC Chicago", None),
    ("Salt Lake City", "Salt Lake City"),
    ("west Jackson", "Jackson"),               # a part of the city told by a common word
    ("southwest Houston", "Houston"),
])
def test_a_service_or_a_station_named_after_a_place(name, want):
    text = f"Officers said {name} units arrived on the scene, where two men were found dead."
    a = text.index(name)
    got = event_places(text, [(a, a + len(name), name)])
    assert [n for _, _, n in got] == ([want] if want else [])
    if want:
        assert text[got[0][0]:got[0][1]] == want


def test_an_agency_named_in_full_names_its_place_where_ner_tagged_only_the_office():
    text = ("Murder-suicide near Dawson\n\nPublished: 2016-11-12\n\nThe Navarro County Sheriff's Office said a "
            "man shot his wife and two children and then himself in a murder-suicide on Friday.\n")
    tables = with_mentions(tables_from_texts([("a.txt", text)]), {"Sheriff's Office": "ORG"})
    keys = casualty_keys(run_facts(tables))
    assert keys["a.txt"] and all(k.startswith("navarro-county-2016-11") for k in keys["a.txt"]), keys


@pytest.mark.parametrize("text,name,is_place", [
    ("Three men drove to 15th Street in a white Chevrolet Malibu.", "Malibu", False),   # a car's model
    ("Police stopped a Dodge Durango on the highway.", "Durango", False),
    ("Several bullets struck Za'Layia Jenkins' home.", "Za'Layia Jenkins", False),     # a person's home
    ("Shots were fired on Chicago's South Side.", "Chicago", True),                    # a place's part
    ("Houston's mayor spoke on Sunday.", "Houston", True),
    ("A Detroit man was shot in Toledo on Friday.", "Detroit", False),   # where he is from
    ("A Detroit man was shot in Toledo on Friday.", "Toledo", True),
    ("A Salt Lake man shot his son on Friday.", "Salt Lake", True),      # no other place: local news's own
    # where a person has served
    ("He deployed to Iraq in 2011 and was later based at Killeen.", "Iraq", False),
    ("Many of the soldiers have served multiple tours of Iraq and Afghanistan.", "Afghanistan", False),
    ("The sergeant, stationed in Germany for a year, was shot in Killeen.", "Germany", False),
    ("The sergeant, stationed in Germany for a year, was shot in Killeen.", "Killeen", True),
    ("Troops opened fire in Afghanistan on Friday.", "Afghanistan", True),
])
def test_a_cars_model_a_persons_home_or_origin_is_no_place(text, name, is_place):
    places = ("Detroit", "Toledo", "Salt Lake", "Chicago", "Houston", "Malibu", "Durango", "Za'Layia Jenkins",
              "Iraq", "Afghanistan", "Germany", "Killeen")
    mentions = [(text.index(n), text.index(n) + len(n), n) for n in places if n in text]
    assert any(n == name for _, _, n in event_places(text, mentions)) == is_place


SPRING_SUBDIVISION = ("6 members of family shot to death in Spring\n\nPublished: 2014-07-10\n\n"
                      "Six members of a family were shot to death Wednesday at their home in the Ponderosa "
                      "subdivision, deputies said. The victims were Katie Stay and her husband Stephen Stay. "
                      "Ronald Haskell was arrested after a standoff.\n")
SPRING_NEIGHBORHOOD = ("Man accused of killing family of six\n\nPublished: 2014-07-11\n\n"
                       "Ronald Haskell is accused of fatally shooting six people on Wednesday at a house in "
                       "Lockwood. Katie Stay and Stephen Stay were among the dead, police said.\n")
SPRING_OTHER_ONE_NAME = ("Man killed in Tomball\n\nPublished: 2014-07-11\n\n"
                         "A man was shot dead on Wednesday in Tomball. Katie Stay's neighbour Dan Cole was "
                         "questioned, police said.\n")


def test_articles_naming_the_same_people_days_apart_are_one_incident_wherever_they_place_it():
    """Two articles a day apart that name two of the same participants (the victims, the accused) tell of
    one incident, though one places it in a subdivision and the other in a neighbourhood; an article
    that shares one name with them stays apart."""
    names = {"Ponderosa": "GPE", "Lockwood": "GPE", "Tomball": "GPE", "Katie Stay": "PERSON",
             "Stephen Stay": "PERSON", "Ronald Haskell": "PERSON", "Dan Cole": "PERSON"}
    tables = with_mentions(tables_from_texts([("a.txt", SPRING_SUBDIVISION), ("b.txt", SPRING_NEIGHBORHOOD),
                                              ("c.txt", SPRING_OTHER_ONE_NAME)]), names)
    keys = casualty_keys(run_facts(tables))
    assert keys["a.txt"] == keys["b.txt"] and len(keys["a.txt"]) == 1, keys
    assert keys["c.txt"].isdisjoint(keys["a.txt"]), keys


def test_the_same_people_weeks_apart_are_not_joined_by_their_names_alone():
    later = SPRING_NEIGHBORHOOD.replace("2014-07-11", "2014-08-20").replace("on Wednesday", "on Aug. 18")
    names = {"Ponderosa": "GPE", "Lockwood": "GPE", "Katie Stay": "PERSON", "Stephen Stay": "PERSON",
             "Ronald Haskell": "PERSON"}
    tables = with_mentions(tables_from_texts([("a.txt", SPRING_SUBDIVISION), ("b.txt", later)]), names)
    keys = casualty_keys(run_facts(tables))
    assert keys["a.txt"].isdisjoint(keys["b.txt"]), keys


@pytest.mark.parametrize("sentence", [
    "March 13, 2013 - Police in Herkimer said that the gunman in the deadliest attack of 2013 left 4 dead.",
    "On 13 March 2013 police in Herkimer confirmed that 4 people had died, the county's worst toll of 2013.",
])
def test_a_bare_year_beside_a_full_date_of_that_year_does_not_blur_the_date(sentence):
    q = facts_for_text(f"Shooting\n\nPublished: 2013-03-20\n\n{sentence}")["quantities"]
    killed = q[q["measure"] == "killed"]
    assert list(killed["event_date"]) == ["2013-03-13"], killed[["surface", "event_date"]]


def test_a_bare_year_of_another_year_keeps_its_own_date():
    q = facts_for_text("Shooting\n\nPublished: 2013-03-20\n\nOn March 13, 2013, police said the man had "
                       "killed 2 people in 2009.")["quantities"]
    assert list(q.loc[q["measure"] == "killed", "event_date"]) == ["2009"]


OCALA_FIRST = ("Teen killed at gun range\n\nPublished: 2016-07-03\n\n"
               "Daniel R. Hale, 19, was shot and killed at a gun range in Ocala, Fla., on Sunday, police said.\n")
OCALA_FOLLOW_UP = ("Family mourns teen shot at Florida range\n\nPublished: 2016-07-06\n\n"
                   "Relatives of Daniel Hale gathered on Wednesday to remember the Florida teen. "
                   "One person was killed in the accident, the sheriff said.\n")


def test_a_follow_up_joins_through_a_person_named_without_his_middle_initial_and_a_state_abbreviated():
    """Three days later a second article names the victim without his middle initial and places the
    story in the state the first article abbreviates ("Ocala, Fla."): the same person, count and place,
    one incident. Each rule alone: the state written out ("Fla." is Florida) and the person's first and
    last name ("Daniel R. Hale" is "Daniel Hale" to a reader)."""
    tables = with_mentions(tables_from_texts([("a.txt", OCALA_FIRST), ("b.txt", OCALA_FOLLOW_UP)]),
                           {"Ocala": "GPE", "Fla.": "GPE", "Florida": "GPE", "Daniel R. Hale": "PERSON",
                            "Daniel Hale": "PERSON"})
    keys = casualty_keys(run_facts(tables))
    assert len(keys["a.txt"] | keys["b.txt"]) == 1, keys


@pytest.mark.parametrize("name,key", [
    ("Stephen J. Brumby", "stephen brumby"), ("Stephen Brumby's", "stephen brumby"),
    ("Mary-Jane O'Neil", "mary-jane o'neil"), ("Жанна Иванова", "жанна иванова"), ("Brumby", None),
])
def test_a_persons_key_is_the_first_and_last_name(name, key):
    from pipeline.facts.stage import person_key

    assert person_key(name) == key
