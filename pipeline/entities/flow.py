"""Prefect flow of the entities stage.

Reads data/clean (passages, sentences, edits), data/dedup (passages) and
data/ingest (passages, for the offset maps), runs the pure functions of
stage.py and writes data/entities/ atomically:

    mentions.parquet, entities.parquet, merges.parquet, cooccurrence.parquet

The NER model runs in ``entities.n_process`` processes that the stage starts
itself (a spaCy model is loaded once per process), so ``runner.kind`` does not
change how this stage is parallelised.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from pipeline.clean.offsets import offset_maps
from pipeline.core.flow import stage_context
from pipeline.core.tables import read_table, stage_output
from pipeline.entities.gazetteer import Gazetteer, load_gazetteer
from pipeline.entities.params import EntitiesParams
from pipeline.entities.stage import (
    COOCCURRENCE, ENTITIES, MENTIONS, MERGES, build_tables, extract_mentions, raw_span_from_maps,
    select_passages,
)

CLEAN_PASSAGE_COLUMNS = ["passage_id", "doc_id", "text_clean", "language", "is_boilerplate"]
SENTENCE_COLUMNS = ["sentence_id", "passage_id", "doc_id", "start", "end"]
DEDUP_COLUMNS = ["passage_id", "doc_id", "canonical_passage_id", "is_canonical", "match"]


@task(name="entities-recognise", cache_policy=NONE)
def recognise_task(selected, sentences, params: EntitiesParams, gazetteer: Gazetteer):
    return extract_mentions(selected, sentences, params, gazetteer)


@task(name="entities-resolve", cache_policy=NONE)
def resolve_task(mentions, sentences, dedup, params: EntitiesParams, gazetteer: Gazetteer, raw_span):
    return build_tables(mentions, sentences, dedup, params, gazetteer, raw_span)


@flow(name="entities", log_prints=True)
def entities_flow(root: str) -> dict:
    """Find named entities in the clean passages and merge their spellings into entities."""
    logger = get_run_logger()
    ctx = stage_context(root)
    params: EntitiesParams = ctx.params["entities"]
    gazetteer = load_gazetteer(ctx.root / params.gazetteer) if params.gazetteer else Gazetteer(source="(none)")
    logger.info("entities: model %s, gazetteer %s (%d entries), %d process(es)",
                params.model, params.gazetteer or "none", len(gazetteer), params.n_process)
    clean_dir, dedup_dir, ingest_dir = ctx.in_dir("clean"), ctx.in_dir("dedup"), ctx.in_dir("ingest")
    clean_passages = read_table(clean_dir / "passages.parquet", CLEAN_PASSAGE_COLUMNS)
    sentences = read_table(clean_dir / "sentences.parquet", SENTENCE_COLUMNS)
    edits = read_table(clean_dir / "edits.parquet")
    dedup = read_table(dedup_dir / "passages.parquet", DEDUP_COLUMNS)
    ingest_passages = read_table(ingest_dir / "passages.parquet")
    raw_span = raw_span_from_maps(offset_maps(ingest_passages, edits))

    selected, skipped = select_passages(clean_passages, dedup, params)
    logger.info("entities: %d passages with the model, %d with the gazetteer only; skipped %s",
                int((selected["mode"] == "model").sum()), int((selected["mode"] == "gazetteer").sum()),
                skipped or "none")
    mentions = recognise_task(selected, sentences, params, gazetteer)
    mentions, entities, merges, cooc = resolve_task(mentions, sentences, dedup, params, gazetteer, raw_span)
    with stage_output(ctx.out_dir("entities")) as out:
        out.write_table("mentions.parquet", mentions, MENTIONS)
        out.write_table("entities.parquet", entities, ENTITIES)
        out.write_table("merges.parquet", merges, MERGES)
        out.write_table("cooccurrence.parquet", cooc, COOCCURRENCE)
    summary = {"mentions": len(mentions), "entities": len(entities),
               "merges": int((merges["rule"] != "canonical").sum()), "pairs": len(cooc),
               "passages": len(selected), "skipped": skipped}
    logger.info("entities: %s", summary)
    return summary
