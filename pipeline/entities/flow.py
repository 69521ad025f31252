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

from pipeline.contract import entities as contract
from pipeline.core.flow import stage_context
from pipeline.core.tables import stage_output
from pipeline.entities.gazetteer import Gazetteer, load_gazetteer
from pipeline.entities.params import EntitiesParams
from pipeline.entities.stage import (
    build_tables, extract_mentions, raw_span_from_maps,
    select_passages,
)
from pipeline.text.offsets import offset_maps

@task(name="entities-recognise", cache_policy=NONE)
def recognise_task(selected, sentences, params: EntitiesParams, gazetteer: Gazetteer):
    return extract_mentions(selected, sentences, params, gazetteer)


@task(name="entities-resolve", cache_policy=NONE)
def resolve_task(mentions, sentences, dedup, params: EntitiesParams, gazetteer: Gazetteer, raw_span):
    return build_tables(mentions, sentences, dedup, params, gazetteer, raw_span)


def corpus_gazetteer(root, params: EntitiesParams) -> Gazetteer:
    """The corpus's gazetteer: none when it has none at the default place (a new corpus starts without
    another corpus's names); a file named in params.yaml must exist."""
    if not params.gazetteer:
        return Gazetteer(source="(none)")
    path = root / params.gazetteer
    if not path.is_file() and "gazetteer" not in params.model_fields_set:
        return Gazetteer(source=f"(none: no {params.gazetteer})")
    return load_gazetteer(path)


@flow(name="entities", log_prints=True)
def entities_flow(root: str, params: EntitiesParams) -> dict:
    """Find named entities in the clean passages and merge their spellings into entities."""
    logger = get_run_logger()
    ctx = stage_context(root, "entities")
    gazetteer = corpus_gazetteer(ctx.root, params)
    logger.info("entities: model %s, gazetteer %s (%d entries), %d process(es)",
                params.model, params.gazetteer or "none", len(gazetteer), params.n_process)
    inputs = ctx.inputs
    clean_passages = inputs.read("clean", "passages")
    sentences = inputs.read("clean", "sentences")
    edits = inputs.read("clean", "edits")
    dedup = inputs.read("dedup", "passages")
    ingest_passages = inputs.read("ingest", "passages")
    raw_span = raw_span_from_maps(offset_maps(ingest_passages, edits))

    selected, skipped = select_passages(clean_passages, dedup, params)
    logger.info("entities: %d passages with the model, %d with the Russian model, %d with the gazetteer "
                "only; skipped %s", int((selected["mode"] == "model").sum()),
                int((selected["mode"] == "russian").sum()), int((selected["mode"] == "gazetteer").sum()),
                skipped or "none")
    mentions = recognise_task(selected, sentences, params, gazetteer)
    mentions, entities, merges, cooc = resolve_task(mentions, sentences, dedup, params, gazetteer, raw_span)
    with stage_output(ctx.out_dir) as out:
        for name, frame in (("mentions", mentions), ("entities", entities), ("merges", merges),
                            ("cooccurrence", cooc)):
            out.write(contract.TABLES[name], frame)
    summary = {"mentions": len(mentions), "entities": len(entities),
               "merges": int((merges["rule"] != "canonical").sum()), "pairs": len(cooc),
               "passages": len(selected), "skipped": skipped}
    logger.info("entities: %s", summary)
    return summary
