"""Issue 4, acceptance 2, on the whole seed corpus as the pipeline builds it:
for every entity mention and every figure, documents.text[raw_start:raw_end]
holds the same words as text_clean[start:end], modulo the logged edits."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from pipeline.text.offsets import apply_edits, offset_maps

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(built_project):
    project = built_project

    def table(name):
        return pq.read_table(project / "data" / f"{name}.parquet").to_pandas()

    return {n: table(n) for n in ("ingest/documents", "ingest/passages", "clean/passages", "clean/edits",
                                  "entities/mentions", "facts/quantities", "facts/timeline")}


@pytest.mark.parametrize("name", ["entities/mentions", "facts/quantities", "facts/timeline"])
def test_raw_span_holds_the_clean_words_modulo_logged_edits(built, name):
    rows = built[name]
    assert len(rows) > 50, f"{name} is nearly empty: the test would prove little"
    raw = dict(zip(built["ingest/documents"]["doc_id"], built["ingest/documents"]["text"]))
    clean = dict(zip(built["clean/passages"]["passage_id"], built["clean/passages"]["text_clean"]))
    maps = offset_maps(built["ingest/passages"], built["clean/edits"])
    edits = {pid: [(a, b, x, y) for a, b, x, y in zip(g["raw_start"], g["raw_end"], g["before"], g["after"])]
             for pid, g in built["clean/edits"].groupby("passage_id")}
    for r in rows.itertuples():
        clean_words = clean[r.passage_id][r.start:r.end]
        assert maps[r.passage_id].raw_span(r.start, r.end) == (r.raw_start, r.raw_end), r
        inside = [e for e in edits.get(r.passage_id, []) if r.raw_start <= e[0] and e[1] <= r.raw_end]
        repaired = apply_edits(raw[r.doc_id][r.raw_start:r.raw_end], r.raw_start, inside)
        assert repaired == clean_words, (name, r.raw_start, repaired, clean_words)


def test_some_spans_really_cross_edits(built):
    """The corpus exercises the mapping: some mention or figure lies after or across an edit."""
    e = built["clean/edits"]
    m = built["entities/mentions"].merge(e[["passage_id", "raw_start"]].rename(columns={"raw_start": "edit"}),
                                         on="passage_id")
    assert (m["edit"] < m["raw_start"]).any()
