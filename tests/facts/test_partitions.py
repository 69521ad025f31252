"""The facts tables are a function of the corpus, not of how its documents were partitioned
(the flow splits them by `partition_passages` and `n_process`)."""

from __future__ import annotations

import pandas as pd

from pipeline.facts.flow import partitions
from pipeline.facts.params import FactsParams
from pipeline.facts.stage import Inputs, merge, read_documents
from tests.facts_helpers import identity_raw_span, seed_tables


def _tables_by_parts(tables: dict, parts: list[list[str]], params: FactsParams) -> dict[str, pd.DataFrame]:
    qrows, trows = [], []
    for part in parts:
        keep = {k: (v[v["doc_id"].isin(part)] if "doc_id" in v else v) for k, v in tables.items()}
        inputs = Inputs(documents=keep["documents"], passages=keep["passages"], clean=keep["clean_passages"],
                        sentences=keep["sentences"], dedup=keep["dedup_passages"], mentions=keep["mentions"])
        q, t = read_documents(inputs, params, identity_raw_span(keep["passages"]))
        qrows.append(q)
        trows.append(t)
    return merge(pd.concat(qrows, ignore_index=True), pd.concat(trows, ignore_index=True), tables["documents"], params)


def test_one_partition_or_one_per_document_in_any_order_gives_the_same_tables():
    tables = seed_tables()
    params = FactsParams(profile=None)
    docs = tables["documents"]["doc_id"].tolist()
    whole = _tables_by_parts(tables, [docs], params)
    split = _tables_by_parts(tables, [[d] for d in reversed(docs)], params)
    for name, frame in whole.items():
        pd.testing.assert_frame_equal(frame.reset_index(drop=True), split[name].reset_index(drop=True), obj=name)


def test_partitions_keep_documents_whole_and_feed_every_process():
    documents = pd.DataFrame({"doc_id": [f"d{i}" for i in range(10)], "n_passages": [30] * 10})
    parts = partitions(documents, FactsParams(profile=None, n_process=2, partition_passages=2000))
    assert [d for p in parts for d in p] == documents["doc_id"].tolist()
    assert len(parts) >= 8   # at least 4 per process, when the corpus allows
    one = partitions(documents, FactsParams(profile=None, n_process=1, partition_passages=2000))
    assert len(one) == 1
