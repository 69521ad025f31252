"""The pieces of the clean stage's bucket store (pipeline/clean/store.py, pipeline/clean/flow.py)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean.flow import in_document_order
from pipeline.clean.store import buckets, document_keys, n_buckets


def _passages(texts: dict[str, list[str]]) -> pa.Table:
    rows = [(d, f"{d}-p{i}", i, 0, len(t), t) for d, ts in texts.items() for i, t in enumerate(ts)]
    cols = list(zip(*rows)) if rows else [[]] * 6
    return pa.table(dict(zip(("doc_id", "passage_id", "seq", "char_start", "char_end", "text"), cols)))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text("abcdef", min_size=1, max_size=4), st.lists(st.integers(0, 5), min_size=1, max_size=4),
                       min_size=1, max_size=12),
       st.integers(1, 8), st.randoms(use_true_random=False))
def test_rows_dealt_into_buckets_come_back_in_document_order(rows_per_doc, count, rnd):
    """However the documents are dealt into buckets and the buckets read, each document's rows come
    back in the documents' order, a document's own rows as they were."""
    order = list(rows_per_doc)
    table = pa.table({"doc_id": [d for d in order for _ in range(len(rows_per_doc[d]))],
                      "row": [f"{d}:{k}:{v}" for d in order for k, v in enumerate(rows_per_doc[d])]})
    keys = {d: format(rnd.getrandbits(64), "016x") for d in order}
    dealt = buckets(keys, count)
    assert sorted(d for b in dealt for d in b) == sorted(order)
    parts = [table.filter(pc.is_in(table.column("doc_id"), pa.array(b, pa.string()))) for b in dealt if b]
    rnd.shuffle(parts)
    merged = in_document_order(parts, {d: i for i, d in enumerate(order)})
    assert merged.column("row").to_pylist() == table.column("row").to_pylist()


def test_a_documents_key_changes_with_its_text_offsets_or_order_and_nothing_else():
    base = {"a": ["One.", "Two."], "b": ["Three."]}
    keys = document_keys(_passages(base))
    assert document_keys(_passages({**base, "b": ["Three!"]})) == {**keys, "b": document_keys(
        _passages({"b": ["Three!"]}))["b"]}
    assert document_keys(_passages({"a": ["Two.", "One."], "b": ["Three."]}))["a"] != keys["a"]
    assert document_keys(_passages({"a": ["One.Two."], "b": ["Three."]}))["a"] != keys["a"]


def test_the_number_of_buckets_is_a_power_of_two_of_about_the_size_asked():
    assert n_buckets(0, 2) == 1
    assert n_buckets(2 * 1024 * 1024, 2) == 1
    assert n_buckets(2 * 1024 * 1024 + 1, 2) == 2
    assert n_buckets(57 * 1024 * 1024, 2) == 32
