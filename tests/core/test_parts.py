"""A table as parts cut where documents choose: read back whole, and one document's change rewrites
only its own part (what lets DVC store an unchanged part once)."""

from __future__ import annotations

import hashlib

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core import parts
from pipeline.core.parts import PartWriter, TableParts, part_files, read_parts, write_parts

SCHEMA = pa.schema([("doc_id", pa.string()), ("seq", pa.int32()), ("text", pa.string())])
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    """Four documents a part on average, so small tables have many parts."""
    monkeypatch.setattr(parts, "DOCS_PER_PART", 4)


def pile(doc_rows: list[int], first: int = 0) -> pa.Table:
    """Documents d<first>, d<first+1>, ... with the given numbers of rows, grouped by document."""
    docs, seqs, texts = [], [], []
    for i, n in enumerate(doc_rows, start=first):
        for j in range(n):
            docs.append(f"d{i}")
            seqs.append(j)
            texts.append(f"document {i} row {j} " * (j % 3 + 1))
    return pa.table({"doc_id": docs, "seq": seqs, "text": texts}, schema=SCHEMA)


def contents(folder) -> set[str]:
    """The parts' bytes as digests: what a content-addressed cache (DVC's) holds."""
    return {hashlib.md5(f.read_bytes()).hexdigest() for f in part_files(folder)}


def written_in_batches(folder, table: pa.Table, cuts: list[int]) -> None:
    with PartWriter(folder, SCHEMA) as writer:
        start = 0
        for cut in sorted({min(c, table.num_rows) for c in cuts}) + [table.num_rows]:
            writer.write_table(table.slice(start, cut - start))
            start = cut


doc_rows = st.lists(st.integers(min_value=1, max_value=5), min_size=0, max_size=40)


@SETTINGS
@given(rows=doc_rows, cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=6))
def test_parts_read_back_as_the_table_whatever_the_batches(tmp_path_factory, rows, cuts):
    table = pile(rows)
    whole, batched = tmp_path_factory.mktemp("whole"), tmp_path_factory.mktemp("batched")
    write_parts(whole / "t.parquet", table)
    written_in_batches(batched / "t.parquet", table, cuts)
    assert read_parts(whole / "t.parquet").equals(table)
    assert pd.read_parquet(whole / "t.parquet").equals(table.to_pandas())  # what a user's pandas reads
    assert TableParts(whole / "t.parquet").num_rows == table.num_rows
    # the bytes of each part do not depend on how the stage streamed its rows
    assert [f.read_bytes() for f in part_files(whole / "t.parquet")] == \
        [f.read_bytes() for f in part_files(batched / "t.parquet")]
    for f in part_files(whole / "t.parquet"):  # a document is never cut across parts
        docs = read_parts(f).column("doc_id").to_pylist()
        assert not docs or parts.starts_part(docs[0]) or f == part_files(whole / "t.parquet")[0]


@SETTINGS
@given(rows=st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=40),
       at=st.integers(min_value=0, max_value=40), added_rows=st.integers(min_value=1, max_value=5),
       added_id=st.integers(min_value=1000, max_value=1100))
def test_an_added_document_rewrites_at_most_two_parts(tmp_path_factory, rows, at, added_rows, added_id):
    at = min(at, len(rows))
    before = pile(rows)
    split = sum(rows[:at])
    after = pa.concat_tables([before.slice(0, split), pile([added_rows], first=added_id),
                              before.slice(split)])
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    write_parts(a / "t.parquet", before)
    write_parts(b / "t.parquet", after)
    assert len(contents(b / "t.parquet") - contents(a / "t.parquet")) <= 2
    # and removing it again gives back the same parts, byte for byte
    write_parts(a / "again.parquet", after.filter(pa.compute.not_equal(after.column("doc_id"), f"d{added_id}")))
    assert contents(a / "again.parquet") == contents(a / "t.parquet")


def test_a_thousand_documents_make_many_parts_and_one_edit_changes_one(tmp_path):
    rows = [3] * 1000
    before = pile(rows)
    edited = before.to_pandas()
    edited.loc[edited["doc_id"] == "d500", "text"] = "edited"
    write_parts(tmp_path / "a.parquet", before)
    write_parts(tmp_path / "b.parquet", pa.Table.from_pandas(edited, schema=SCHEMA, preserve_index=False))
    n = len(part_files(tmp_path / "a.parquet"))
    assert 150 < n < 400  # about 1000 / 4
    assert len(contents(tmp_path / "b.parquet") - contents(tmp_path / "a.parquet")) == 1


def test_a_table_without_documents_is_cut_by_its_first_column_and_empty_is_one_part(tmp_path):
    clusters = pa.table({"cluster_id": [f"c{i}" for i in range(200)], "n": list(range(200))})
    assert write_parts(tmp_path / "clusters.parquet", clusters) > 10
    assert read_parts(tmp_path / "clusters.parquet").equals(clusters)
    grown = clusters.to_pandas()
    grown.loc[120, "n"] = 1000  # one cluster grows: its part alone is new
    write_parts(tmp_path / "grown.parquet", pa.Table.from_pandas(grown, clusters.schema, preserve_index=False))
    assert len(contents(tmp_path / "grown.parquet") - contents(tmp_path / "clusters.parquet")) == 1
    assert write_parts(tmp_path / "empty.parquet", SCHEMA.empty_table()) == 1
    empty = read_parts(tmp_path / "empty.parquet")
    assert empty.num_rows == 0 and empty.schema.names == SCHEMA.names


def test_a_declared_key_cuts_the_parts_and_null_keys_are_values(tmp_path):
    timeline = pa.table({"date": [None, None, *[f"2011-12-{d:02d}" for d in range(1, 29) for _ in range(3)]],
                         "doc_id": [f"d{i % 7}" for i in range(86)]})
    n = write_parts(tmp_path / "timeline.parquet", timeline, key="date")
    assert n > 1 and read_parts(tmp_path / "timeline.parquet").equals(timeline)
    for f in part_files(tmp_path / "timeline.parquet")[1:]:  # every part begins at a date that starts one
        first = read_parts(f).column("date")[0].as_py()
        assert parts.starts_part(first)
    write_parts(tmp_path / "by_doc.parquet", timeline)  # cut by doc_id: elsewhere, same rows
    assert read_parts(tmp_path / "by_doc.parquet").equals(timeline)


def test_no_parts_is_no_table(tmp_path):
    (tmp_path / "t.parquet").mkdir()
    assert not parts.is_table(tmp_path / "t.parquet")
    with pytest.raises(FileNotFoundError, match="no Parquet parts"):
        TableParts(tmp_path / "t.parquet")


def test_reading_a_table_of_many_parts_holds_no_file_open(tmp_path):
    """A process may have 1,024 (macOS: 256) files open; a table of 100,000 documents has hundreds of
    parts, and a stage or the report reads a dozen tables."""
    import os

    from pipeline.core.tables import read_where

    table = pile([2] * 600)
    write_parts(tmp_path / "t.parquet", table)
    parts_of = TableParts(tmp_path / "t.parquet")
    assert len(parts_of.files) > 100

    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    before = open_files()
    assert parts_of.num_rows == table.num_rows and parts_of.read(["doc_id"]).num_rows == table.num_rows
    assert sum(b.num_rows for b in parts_of.iter_batches(7, ["seq"])) == table.num_rows
    found = read_where(tmp_path / "t.parquet", "doc_id", ["d5", "d599", "d300"], ["seq"])
    assert found.num_rows == 6
    assert open_files() == before


def test_duckdb_reads_a_table_folder_as_the_table_in_order(tmp_path):
    """docs/contract.md tells users to query `'data/<stage>/<name>.parquet/*.parquet'` with DuckDB."""
    import duckdb

    table = pile([1, 3, 2] * 50)
    write_parts(tmp_path / "t.parquet", table)
    assert len(part_files(tmp_path / "t.parquet")) > 5
    with duckdb.connect() as con:
        rows = con.sql(f"SELECT * FROM '{tmp_path / 't.parquet'}/*.parquet'").to_arrow_table()
        counted = con.execute(f"SELECT doc_id, count(*) FROM '{tmp_path / 't.parquet'}/*.parquet' "
                              "GROUP BY doc_id ORDER BY doc_id").fetchall()
    assert rows.cast(SCHEMA).equals(table)
    assert dict(counted) == pd.Series(table.column("doc_id").to_pylist()).value_counts().to_dict()


def test_a_missing_part_is_named_not_skipped(tmp_path):
    from pipeline import contract
    from pipeline.core.tables import unavailable_inputs

    passages = contract.get("ingest", "passages")
    rows = pa.table({"passage_id": [f"d{i}-p0" for i in range(300)], "doc_id": [f"d{i}" for i in range(300)],
                     "seq": [0] * 300, "char_start": [0] * 300, "char_end": [1] * 300, "page": [None] * 300,
                     "text": ["x"] * 300})
    write_parts(passages.path(tmp_path), rows.cast(passages.schema))
    files = part_files(passages.path(tmp_path))
    assert len(files) > 3
    files[2].unlink()
    assert parts.missing_parts(passages.path(tmp_path)) == [files[2].name]
    with pytest.raises(FileNotFoundError, match=f"{files[2].name} is missing"):
        TableParts(passages.path(tmp_path))
    problems = unavailable_inputs(tmp_path, "dedup")
    assert any(p.startswith(f"data/ingest/passages.parquet is incomplete ({files[2].name} of its parts is missing)")
               and "python -m pipeline run ingest" in p for p in problems), problems
