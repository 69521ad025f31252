"""The stages, in pipeline order: name -> where its flow lives and what it does.

Later stages add themselves here (and to dvc.yaml and core/params.py).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    name: str
    flow: str  # "module:function"
    summary: str

    def load(self):
        module, _, fn = self.flow.partition(":")
        return getattr(importlib.import_module(module), fn)


STAGES: dict[str, Stage] = {s.name: s for s in [
    Stage("ingest", "pipeline.ingest.flow:ingest_flow",
          "read every file under the input folder: documents, passages, rejected inputs"),
    Stage("dedup", "pipeline.dedup.flow:dedup_flow",
          "find repeated passages (exact, near, quoted, reworded) and repeated blocks"),
    Stage("clean", "pipeline.clean.flow:clean_flow",
          "repair and flag every passage: clean text, edit log, furniture, language, sentences"),
    Stage("entities", "pipeline.entities.flow:entities_flow",
          "people, organisations and places: mentions, one entity per real-world thing, co-occurrences"),
    Stage("facts", "pipeline.facts.flow:facts_flow",
          "figures (value, hedge, measure), who claims them, the event they are about, and a timeline"),
    Stage("report", "pipeline.report.flow:report_flow",
          "write reports/report.html, report.pdf and metrics.json from the tables"),
]}
