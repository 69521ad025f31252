"""The stage registry: every stage, in pipeline order, declared once.

A stage's entry says where its flow and its params model live, which tables of
earlier stages it reads (and which of their columns), which other files it
reads, and what it writes. Everything else is derived from here: the params.yaml
sections (`pipeline.core.params`), what a flow may read (`pipeline.core.tables.Inputs`),
the CLI's stage list, and the stage entries of dvc.yaml (`pipeline.core.dvcfile`,
checked by a test). The tables themselves are declared in `pipeline/contract/`.

This module imports no stage: the entries name modules by string, so the
registry is cheap to import and a stage's code is loaded only when it runs.

To add a stage: write ``pipeline/<name>/`` (params.py, stage.py, flow.py), its
tables in ``pipeline/contract/<name>.py``, an entry here, then
``python -m pipeline derive --write`` to update dvc.yaml.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

ALL_COLUMNS = None  # in `reads`: every column of the table


@dataclass(frozen=True)
class Stage:
    name: str
    summary: str
    flow: str                      # "module:function" of the Prefect flow
    params: str                    # "module:Model" of its params.yaml section
    # producer stage -> table -> the columns read (ALL_COLUMNS: all of them)
    reads: Mapping[str, Mapping[str, tuple[str, ...] | None]] = field(default_factory=dict)
    inputs: tuple[str, ...] = ()   # files or folders outside data/ it reads, relative to the project root
    writes_tables: bool = True     # writes data/<name>/ (tables in pipeline/contract/<name>.py)
    outs: tuple[str, ...] = ()     # other outputs (DVC-cached), relative to the project root
    metrics: tuple[str, ...] = ()  # DVC metrics files it writes (kept in git)
    plots: tuple[str, ...] = ()    # DVC plot data it writes (kept in git)

    def load(self):
        """The stage's flow function."""
        module, _, fn = self.flow.partition(":")
        return getattr(importlib.import_module(module), fn)

    def params_model(self):
        module, _, name = self.params.partition(":")
        return getattr(importlib.import_module(module), name)

    def declared_reads(self) -> dict[str, dict[str, tuple[str, ...] | None]]:
        """producer -> table -> columns (ALL_COLUMNS: all), with EVERY_TABLE spelled out."""
        if self.reads is EVERY_TABLE:
            from pipeline.contract import tables_of

            earlier = list(STAGES)[:list(STAGES).index(self.name)]
            return {p: {t: ALL_COLUMNS for t in tables_of(p)} for p in earlier if STAGES[p].writes_tables}
        return {p: dict(tables) for p, tables in self.reads.items()}

    @property
    def out_paths(self) -> tuple[str, ...]:
        return ((f"data/{self.name}",) if self.writes_tables else ()) + self.outs


def _reads(**producers: Mapping[str, tuple[str, ...] | None]):
    return MappingProxyType({k: MappingProxyType(dict(v)) for k, v in producers.items()})


EVERY_TABLE: Mapping = MappingProxyType({})  # in `reads`: every table of every earlier stage, all columns

STAGES: dict[str, Stage] = {s.name: s for s in [
    Stage(
        "ingest", "read every file under the input folder: documents, passages, rejected inputs",
        flow="pipeline.ingest.flow:ingest_flow", params="pipeline.ingest.params:IngestParams",
        inputs=("seeds",),
    ),
    Stage(
        "dedup", "find repeated passages (exact, near, quoted, reworded) and repeated blocks",
        flow="pipeline.dedup.flow:dedup_flow", params="pipeline.dedup.params:DedupParams",
        reads=_reads(ingest={"documents": ("doc_id", "source_path", "published_iso", "n_chars"),
                             "passages": ALL_COLUMNS}),
    ),
    Stage(
        "clean", "repair and flag every passage: clean text, edit log, furniture, language, sentences",
        flow="pipeline.clean.flow:clean_flow", params="pipeline.clean.params:CleanParams",
        reads=_reads(ingest={"passages": ("passage_id", "doc_id", "seq", "char_start", "char_end", "text")}),
    ),
    Stage(
        "entities", "people, organisations and places: mentions, one entity per real-world thing, co-occurrences",
        flow="pipeline.entities.flow:entities_flow", params="pipeline.entities.params:EntitiesParams",
        reads=_reads(
            ingest={"passages": ALL_COLUMNS},
            dedup={"passages": ("passage_id", "doc_id", "canonical_passage_id", "is_canonical", "match")},
            clean={"passages": ("passage_id", "doc_id", "text_clean", "language", "language_confidence",
                                "is_boilerplate", "boilerplate_rule"),
                   "sentences": ("sentence_id", "passage_id", "doc_id", "start", "end"),
                   "edits": ALL_COLUMNS},
        ),
        inputs=("seeds",),  # its gazetteer, seeds/gazetteer.yaml (entities.gazetteer)
    ),
    Stage(
        "facts", "figures (value, hedge, measure), who claims them, the event they are about, and a timeline",
        flow="pipeline.facts.flow:facts_flow", params="pipeline.facts.params:FactsParams",
        reads=_reads(
            ingest={"documents": ("doc_id", "source_path", "title", "published_iso", "n_passages"),
                    "passages": ALL_COLUMNS},
            dedup={"passages": ALL_COLUMNS, "clusters": ALL_COLUMNS},
            clean={"passages": ALL_COLUMNS, "sentences": ("sentence_id", "passage_id", "doc_id", "start", "end"),
                   "edits": ALL_COLUMNS},
            entities={"mentions": ALL_COLUMNS},
        ),
        inputs=("seeds",),  # its corpus profile, seeds/corpus.yaml (facts.profile)
    ),
    Stage(
        "report", "write reports/report.html, report.pdf and metrics.json from the tables",
        flow="pipeline.report.flow:report_flow", params="pipeline.report.params:ReportParams",
        reads=EVERY_TABLE, writes_tables=False,
        outs=("reports/report.html", "reports/report.pdf", "reports/tables"),
        metrics=("reports/metrics.json",), plots=("reports/plots",),
    ),
]}


def table_stages() -> tuple[str, ...]:
    """The stages that write tables, in pipeline order."""
    return tuple(name for name, s in STAGES.items() if s.writes_tables)
