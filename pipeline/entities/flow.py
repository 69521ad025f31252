"""Prefect flow of the entities stage.

Reads data/clean (passages, sentences, edits), data/dedup (passages) and
data/ingest (passages, for the offset maps), runs the pure functions of
stage.py and writes data/entities/ atomically:

    mentions.parquet, entities.parquet, merges.parquet, cooccurrence.parquet

On the threads and processes runners the NER model runs in ``entities.n_process``
processes that the stage starts itself (a spaCy model is loaded once per process).
On the Dask runner it runs on the cluster's workers instead: the chunks go out in
units, one ``entities-model`` task each, as files in the stage's staging folder,
and each worker loads the model once, with the first unit it gets.

On every runner only the documents whose results are not in the stage's store
(``.pipeline-cache/entities/``, pipeline/entities/store.py) go to the models; the
store keeps, after the tables are written, the entries of this run's documents only.
"""

from __future__ import annotations

import os
import shutil
import time
from functools import partial
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from pipeline.contract import entities as contract
from pipeline.core.flow import map_partitions, progress_reporter, run_logger, stage_context
from pipeline.core.paths import cache_dir
from pipeline.core.runner import dask_slots, flow_dask_client
from pipeline.core.tables import stage_output
from pipeline.entities.gazetteer import Gazetteer, load_gazetteer
from pipeline.entities.ner import Recogniser, UnitMapper, recognise_on_worker
from pipeline.entities.params import EntitiesParams
from pipeline.entities.stage import (
    build_tables, extract_mentions, raw_span_from_maps,
    select_passages,
)
from pipeline.entities.store import MentionStore
from pipeline.entities.store_version import store_version
from pipeline.entities.unit_files import read_chunks, read_mentions, write_chunks, write_mentions
from pipeline.text.offsets import offset_maps


@task(name="entities-model", cache_policy=NONE)
def recognise_unit(part: str, index: int, work: str, model: str, labels: list[str], batch_size: int,
                   gazetteer: Gazetteer) -> str:
    """One unit of chunks (a file) through the model this worker keeps; its raw mentions to a file."""
    raw = recognise_on_worker(read_chunks(part), model=model, labels=labels, batch_size=batch_size,
                              gazetteer=gazetteer, load=partial(_load_on_worker, model, labels, batch_size))
    return write_mentions(raw, Path(work) / f"mentions-{index:05d}.parquet")


def _load_on_worker(model: str, labels: list[str], batch_size: int) -> Recogniser:
    started = time.monotonic()
    rec = Recogniser(model, labels, batch_size)
    run_logger().info("entities: model %s loaded on this worker (process %d) in %.1fs",
                      model, os.getpid(), time.monotonic() - started)
    return rec


def units_via(work: Path, params: EntitiesParams, gazetteer: Gazetteer, slots: int,
              mapper=map_partitions) -> UnitMapper:
    """The model's units as `recognise_unit` tasks, `slots` at a time, exchanged as files under
    `work`: the flow passes `map_partitions` (tasks on its Dask cluster), tests `map_serial`."""
    def run(units):
        work.mkdir(parents=True, exist_ok=True)
        paths = [write_chunks(unit, work / f"chunks-{i:05d}.parquet") for i, unit in enumerate(units)]
        done = mapper(recognise_unit, paths, "entities model", work=str(work), model=params.model,
                      labels=sorted(params.labels), batch_size=params.batch_size, gazetteer=gazetteer)
        return [read_mentions(path) for path in done]
    return UnitMapper(run, slots)


@task(name="entities-recognise", cache_policy=NONE)
def recognise_task(selected, sentences, params: EntitiesParams, gazetteer: Gazetteer, store: MentionStore):
    return extract_mentions(selected, sentences, params, gazetteer, store=store,
                            progress=progress_reporter("entities model", "units"))


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
    client = flow_dask_client()
    logger.info("entities: model %s, gazetteer %s (%d entries), %s",
                params.model, params.gazetteer or "none", len(gazetteer),
                f"{params.n_process} process(es)" if client is None else
                f"on the Dask workers ({dask_slots(client)} thread(s))")
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
    store = MentionStore(cache_dir(ctx.root, "entities"), store_version(params, gazetteer))
    with stage_output(ctx.out_dir) as out:
        if client is None:
            mentions = recognise_task(selected, sentences, params, gazetteer, store)
        else:  # called from the flow itself: a task's own arguments would travel with every unit it sends
            work = out.tmp / "work"
            mentions = extract_mentions(selected, sentences, params, gazetteer, store=store,
                                        units_to=units_via(work, params, gazetteer, dask_slots(client)))
            shutil.rmtree(work, ignore_errors=True)
        logger.info("entities: %d document(s) from the store, %d read by the models (store %s)",
                    store.reads, store.writes, store.entries)
        mentions, entities, merges, cooc = resolve_task(mentions, sentences, dedup, params, gazetteer, raw_span)
        for name, frame in (("mentions", mentions), ("entities", entities), ("merges", merges),
                            ("cooccurrence", cooc)):
            out.write(contract.TABLES[name], frame)
    store.keep_only()  # this run's documents: the store never outgrows the corpus
    summary = {"mentions": len(mentions), "entities": len(entities),
               "merges": int((merges["rule"] != "canonical").sum()), "pairs": len(cooc),
               "passages": len(selected), "skipped": skipped,
               "documents_from_store": store.reads, "documents_to_models": store.writes}
    logger.info("entities: %s", summary)
    return summary
