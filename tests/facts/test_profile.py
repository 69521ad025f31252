"""The corpus profile (seeds/corpus.yaml): a corpus's own places and words extend the general
defaults for that corpus only."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.facts.params import FactsParams
from pipeline.facts.profile import ProfileError, load_profile, profile_params, with_profile
from tests.facts_helpers import facts_for_text

REPO = Path(__file__).resolve().parents[2]
SENTENCE = "Rioters burned 5 akimats on Friday."


def measures(params: FactsParams) -> list[str]:
    return sorted(facts_for_text(f"Riots\n\nPublished: 2011-12-17\n\n{SENTENCE}", params=params)["quantities"]["measure"])


def test_the_seeds_words_serve_the_seeds_only():
    general = FactsParams()
    seeds = profile_params(general, REPO)
    assert "akimats" not in general.measures["buildings"] and "tenge" not in general.measures["money"]
    assert "akimats" in seeds.measures["buildings"] and seeds.places["Zhanaozen"]
    assert measures(general) == ["other"]  # a new corpus starts from general defaults
    assert measures(seeds) == ["buildings"]


def test_a_profile_extends_lists_and_keeps_their_order(tmp_path):
    path = tmp_path / "corpus.yaml"
    path.write_text("facts:\n  measures: {money: [tenge, pay], livestock: [sheep]}\n  measure_exclude: [kill time]\n",
                    encoding="utf-8")
    base = FactsParams()
    merged = with_profile(base, load_profile(path))
    assert merged.measures["money"] == base.measures["money"] + ["tenge"]  # 'pay' is there already
    assert list(merged.measures)[-1] == "livestock" and merged.measure_exclude[-1] == "kill time"


@pytest.mark.parametrize("text,message", [
    ("entities: {}\n", "one section, 'facts'"),
    ("facts:\n  partition_passages: 5\n", "facts.partition_passages cannot be set"),
    ("facts:\n  measures: [a, b]\n", "facts.measures must be a mapping"),
    ("facts: [\n", "not valid YAML"),
])
def test_a_wrong_profile_names_the_key(tmp_path, text, message):
    path = tmp_path / "corpus.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        with_profile(FactsParams(), load_profile(path))


def test_no_profile_file_is_no_profile(tmp_path):
    assert profile_params(FactsParams(), tmp_path) == FactsParams()
    assert profile_params(FactsParams(profile=None), REPO) == FactsParams(profile=None)
