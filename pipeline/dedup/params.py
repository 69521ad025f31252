"""The `dedup` section of params.yaml: what counts as a repeat, and how hard to look."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from pipeline.core.params import Section


class DedupParams(Section):
    # what is compared at all
    min_chars: int = Field(
        20, ge=1, le=100_000,
        description="passages shorter than this (normalised characters) are never matched")
    min_words: int = Field(
        3, ge=1, le=1000,
        description="passages with fewer words are never matched (one-word lines, numbers)")
    furniture_patterns: list[str] = Field(
        default_factory=list,
        description="extra regexes for whole lines ignored at a passage's start or end "
                    "(lines without a letter or digit, like a lone '.', are always ignored)")
    # candidate search
    shingle_words: int = Field(
        3, ge=2, le=10, description="words per shingle in the candidate index and for Jaccard")
    sketch_size: int = Field(
        24, ge=4, le=1024,
        description="shingles sampled per passage (lowest hashes) to look up in the index")
    max_df: int = Field(
        200, ge=2, le=1_000_000,
        description="shingles found in more passages than this are common phrases: not used to find candidates")
    min_shared: int = Field(
        2, ge=1, le=64,
        description="sampled shingles a pair must share to be compared (fewer if a passage has fewer)")
    seed: int = Field(1, ge=0, le=2**31 - 1, description="salt of the shingle hashes")
    # decisions
    near_threshold: float = Field(
        0.7, gt=0, le=1,
        description="word-level similarity (2*LCS/(len a + len b)) from which two passages are near repeats")
    jaccard_threshold: float = Field(
        0.5, gt=0, le=1,
        description="shingle Jaccard from which two passages are near repeats (catches reordered sentences)")
    contain_threshold: float = Field(
        0.9, gt=0, le=1,
        description="share of the shorter passage's words found, in order, in one place of the longer one "
                    "from which it is contained in it")
    min_contained_words: int = Field(
        5, ge=2, le=1000, description="shortest passage (words) that can be found inside another")
    exact_short_words: int = Field(
        12, ge=2, le=1000,
        description="a contained passage shorter than this must occur word for word and start and end "
                    "at a sentence or line break of the longer one")
    member_coverage: float = Field(
        0.5, gt=0, le=1,
        description="a contained passage that is at least this share of the longer one joins its cluster "
                    "(a truncated copy); a smaller one is recorded as quoted inside it")
    reworded_threshold: float = Field(
        0.5, gt=0, le=1,
        description="IDF-weighted share of content words (not figures) from which a passage next to other "
                    "repeats is a reworded copy")
    reworded_window: int = Field(
        3, ge=0, le=20,
        description="passages around two aligned repeats searched for reworded copies (0 turns this off)")
    reworded_min_words: int = Field(8, ge=2, le=1000, description="shortest passage judged as a reworded copy")
    # blocks
    block_gap: int = Field(
        1, ge=0, le=20, description="unrepeated passages allowed inside one copy of a repeated block")
    block_reorder: int = Field(
        3, ge=0, le=50, description="how far passages may move within a block copy and still align")
    # work split
    partition_passages: int = Field(
        50_000, ge=100, le=10_000_000, description="passages per parallel partition")
    shards: int = Field(
        4, ge=1, le=1024,
        description="parallel tasks of the candidate search (each counts the pairs whose first passage is in "
                    "its slice of the corpus)")
    verify_chunk: int = Field(
        200_000, ge=100, le=100_000_000, description="candidate pairs per parallel verification task")
    verify_wave: int = Field(
        800_000, ge=100, le=1_000_000_000,
        description="candidate pairs verified before the pairs their links already joined are dropped from "
                    "the rest (many copies of one text are not compared each with each)")

    @field_validator("furniture_patterns")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        for p in value:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {p!r} ({exc})") from exc
        return value
