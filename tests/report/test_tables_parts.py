"""The report's reads of a table in many parts give what filtering the whole table gives."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from pipeline import contract
from pipeline.core import parts
from pipeline.core.parts import part_files, write_parts
from pipeline.report.tables import Tables


def test_where_by_key_and_by_another_column_across_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "DOCS_PER_PART", 3)
    n = 60
    rows = pd.DataFrame({"passage_id": [f"d{i // 4}-p{i % 4}" for i in range(n)], "doc_id": [f"d{i // 4}" for i in range(n)],
                         "seq": [i % 4 for i in range(n)], "char_start": [0] * n, "char_end": [1] * n,
                         "page": [None] * n, "text": [f"text {i}" for i in range(n)]})
    table = contract.get("ingest", "passages")
    write_parts(table.path(tmp_path), pa.Table.from_pandas(rows, table.schema, preserve_index=False), table.part_key)
    assert len(part_files(table.path(tmp_path))) > 2
    tables = Tables(tmp_path)
    by_doc = tables.where("ingest", "passages", "doc_id", ["d9", "d2", "nope"], ("passage_id", "text"))
    assert by_doc["passage_id"].tolist() == [f"d2-p{k}" for k in range(4)] + [f"d9-p{k}" for k in range(4)]
    assert list(by_doc.columns) == ["passage_id", "text"]
    wanted = ["d14-p3", "d0-p1", "d7-p0", "d7-p2"]
    by_passage = tables.where("ingest", "passages", "passage_id", wanted, ("doc_id", "seq"))
    expected = rows[rows["passage_id"].isin(wanted)][["doc_id", "seq"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(by_passage.reset_index(drop=True), expected, check_dtype=False)
    assert len(tables.where("ingest", "passages", "passage_id", wanted, limit=2)) == 2
    assert tables.where("ingest", "passages", "passage_id", ["none"]).empty
    assert tables.where("ingest", "passages", "doc_id", []).empty
    assert tables.num_rows("ingest", "passages") == n and tables.n_parts("ingest", "passages") > 2
    assert tables.head("ingest", "passages", 5)["passage_id"].tolist() == rows["passage_id"][:5].tolist()
