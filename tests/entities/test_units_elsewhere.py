"""The entities model's units run elsewhere (the Dask workers' path, here in this process through
`map_serial`): the same mentions as the stage's own process pool, units exchanged as files, and the
model loaded once per process however many units it runs."""

from __future__ import annotations

import pandas as pd

from pipeline.core.flow import map_serial
from pipeline.core.worker_cache import builds
from pipeline.entities.flow import units_via
from pipeline.entities.gazetteer import load_gazetteer
from pipeline.entities.ner import Chunk, worker_model_key
from pipeline.entities.params import EntitiesParams
from pipeline.entities.stage import extract_mentions, select_passages
from pipeline.entities.unit_files import read_chunks, read_mentions, write_chunks, write_mentions
from tests.conftest import REPO
from tests.entities_inputs import from_folder


def test_units_on_workers_find_what_the_process_pool_finds(tmp_path):
    seeds = from_folder(REPO / "seeds")
    params = EntitiesParams(n_process=2)
    gazetteer = load_gazetteer(REPO / "seeds" / "gazetteer.yaml")
    selected, _ = select_passages(seeds.clean_passages, seeds.dedup_passages, params)
    reports = []
    pool = extract_mentions(selected, seeds.sentences, params, gazetteer,
                            progress=lambda done, total, seconds: reports.append((done, total)))
    assert len(pool) > 500
    total = reports[-1][1]  # the pool reported every unit as it came back, in order
    assert total > 2 * params.n_process and reports == [(done, total) for done in range(1, total + 1)]
    key = worker_model_key(params.model, params.labels, params.batch_size)
    before = builds().get(key, 0)
    for slots in (2, 3):  # 2: the pool's own units; 3: other cuts, the same mentions
        work = tmp_path / f"work-{slots}"
        units = units_via(work, params, gazetteer, slots, mapper=map_serial)
        elsewhere = extract_mentions(selected, seeds.sentences, params, gazetteer, units_to=units)
        pd.testing.assert_frame_equal(elsewhere, pool)
        chunk_files = sorted(work.glob("chunks-*.parquet"))
        assert len(chunk_files) > 2 * slots  # at least 4 units per slot on this corpus, as for the pool
        assert len(list(work.glob("mentions-*.parquet"))) == len(chunk_files)
    assert builds()[key] - before <= 1  # loaded by the first unit this process ran, if not before


def test_unit_files_give_back_what_was_written(tmp_path):
    chunks = [Chunk(0, 0, "Zhanaozen, 16 December", True), Chunk(7, 20_000, "Жаңаөзен \x00 ✓", False),
              Chunk(8, 3, "", True)]
    assert read_chunks(write_chunks(chunks, tmp_path / "c.parquet")) == chunks
    mentions = [(0, 0, 9, "GPE", 3), (7, 20_000, 20_008, "GPE", -1)]
    assert read_mentions(write_mentions(mentions, tmp_path / "m.parquet")) == mentions
    assert read_mentions(write_mentions([], tmp_path / "none.parquet")) == []


def test_spawned_workers_find_what_forked_ones_find(monkeypatch):
    """Where processes cannot be forked (macOS, Windows) each worker of the pool loads the model itself;
    the mentions are the same, and the units still come back in order."""
    seeds = from_folder(REPO / "seeds")
    params = EntitiesParams(n_process=2)
    gazetteer = load_gazetteer(REPO / "seeds" / "gazetteer.yaml")
    selected, _ = select_passages(seeds.clean_passages, seeds.dedup_passages, params)
    forked = extract_mentions(selected, seeds.sentences, params, gazetteer)
    monkeypatch.setenv("PIPELINE_MP_START", "spawn")
    reports = []
    spawned = extract_mentions(selected, seeds.sentences, params, gazetteer,
                               progress=lambda done, total, seconds: reports.append(done))
    assert len(reports) > 2 * params.n_process  # the units went to the pool, not this process
    pd.testing.assert_frame_equal(spawned, forked)
