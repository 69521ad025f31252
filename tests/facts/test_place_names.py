"""Place spellings clustered into canonical names (pipeline/facts/events.py PlaceNames.build): one
name against all earlier ones in one rapidfuzz call gives what comparing them pair by pair gives."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings, strategies as st

from pipeline.facts.events import PlaceNames, _similarity
from pipeline.text.translit import has_cyrillic


def pairwise_canon(aliases: dict, threshold: float, counts: Counter) -> dict:
    """The clustering as written pair by pair (the reference)."""
    places = PlaceNames(aliases, threshold)
    reps, listed, canon = [], sorted(set(places.alias.values())), {}
    for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        key = places.alias.get(name.lower())
        if key:
            canon[name] = key
            continue
        other = [r for r in listed if has_cyrillic(r) != has_cyrillic(name)]
        match = next((r for r in reps + other if _similarity(name, r) >= places.threshold), None)
        if match is None:
            reps.append(name)
            match = name
        canon[name] = match
    return canon


REAL = ["Zhanaozen", "Zhanaozen'", "Janaozen", "Zhana Ozen", "Aktau", "Aqtau", "Almaty", "Almati", "Astana",
        "Shetpe", "Жанаозен", "Актау", "Springfield", "Springfeld", "Qaraghandy", "Karagandy", "Shelbyville",
        "Shelbyvil", "Chicago", "Chicago Heights", "South Shore", "Louisville", "Lousville", "Roswell", "Baltimore"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(REAL) | st.text("abn", min_size=3, max_size=7), min_size=1, max_size=40),
       st.sampled_from([0.6, 0.75, 0.85, 0.9]), st.booleans())
def test_clusters_equal_the_pairwise_reading(names, threshold, with_aliases):
    # (short names of three letters are alike in many ways: a name often reaches several earlier ones)
    counts = Counter(names)
    aliases = {"Zhanaozen": ["Жанаозен", "Novy Uzen"], "Aktau": ["Актау"]} if with_aliases else {}
    places = PlaceNames(aliases, threshold)
    places.build(counts)
    assert places.canon == pairwise_canon(aliases, threshold, counts)
