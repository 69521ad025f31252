"""Per-document digests of table rows: a change shows in its own document's digest and nowhere else."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings, strategies as st

from pipeline.core.row_digest import document_digests

ROW = st.fixed_dictionaries({
    "doc_id": st.sampled_from(["d1", "d2", "d3", "d4"]),
    "text": st.text(max_size=12),
    "start": st.integers(-5, 10**12),
    "flag": st.booleans(),
})


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "text", "start", "flag"])


@settings(max_examples=150, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=25), st.data())
def test_a_changed_value_changes_its_documents_digest_only(rows, data):
    before = document_digests([("t", frame(rows))])
    at = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.sampled_from(["text", "start", "flag"]))
    changed = [dict(r) for r in rows]
    old = changed[at][column]
    new = data.draw({"text": st.text(max_size=12), "start": st.integers(-5, 10**12),
                     "flag": st.booleans()}[column].filter(lambda v: v != old))
    changed[at][column] = new
    after = document_digests([("t", frame(changed))])
    doc = rows[at]["doc_id"]
    assert after[doc] != before[doc]
    assert {d: v for d, v in after.items() if d != doc} == {d: v for d, v in before.items() if d != doc}


@settings(max_examples=100, deadline=None)
@given(st.lists(ROW, min_size=2, max_size=25), st.randoms(use_true_random=False))
def test_other_documents_rows_and_the_index_do_not_count_but_a_documents_own_order_does(rows, rng):
    base = document_digests([("t", frame(rows))])
    # the same rows with the documents interleaved differently (each document's rows in their order)
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    queues = {d: list(rs) for d, rs in by_doc.items()}
    shuffled = []
    while queues:
        d = rng.choice(sorted(queues))
        shuffled.append(queues[d].pop(0))
        if not queues[d]:
            del queues[d]
    reindexed = frame(shuffled)
    reindexed.index = range(100, 100 + len(shuffled))
    assert document_digests([("t", reindexed)]) == base
    # a new document's rows leave the others' digests as they were
    more = document_digests([("t", frame(rows + [{"doc_id": "new", "text": "x", "start": 1, "flag": True}]))])
    assert {d: v for d, v in more.items() if d != "new"} == base
    # two different rows of one document swapped: its digest changes
    for d, rs in by_doc.items():
        if len(rs) >= 2 and rs[0] != rs[1]:
            swapped = [r for r in rows if r["doc_id"] != d] + [rs[1], rs[0], *rs[2:]]
            assert document_digests([("t", frame(swapped))])[d] != base[d]


def test_tables_are_told_apart_by_label_and_documents_without_rows_are_left_out():
    a = frame([{"doc_id": "d1", "text": "Two people were killed.", "start": 0, "flag": False}])
    empty = frame([])
    one = document_digests([("clean/passages", a), ("clean/sentences", empty)])
    assert set(one) == {"d1"}
    assert document_digests([("clean/sentences", a)]) != one
    # rows split over two tables are not the same as all of them in one
    b = frame([{"doc_id": "d1", "text": "x", "start": 1, "flag": True}])
    assert document_digests([("t", a), ("t", b)]) != document_digests([("t", pd.concat([a, b]))])


def test_text_python_holds_but_utf_8_cannot_still_gets_a_digest_of_its_own():
    rows = frame([{"doc_id": "d1", "text": "ok", "start": 0, "flag": False}])
    lone = rows.copy()
    lone["text"] = pd.Series(["x\ud800y"], dtype=object)
    other = rows.copy()
    other["text"] = pd.Series(["x\ud801y"], dtype=object)
    assert document_digests([("t", lone)])["d1"] != document_digests([("t", other)])["d1"]
