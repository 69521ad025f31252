"""The full tables next to the report: one CSV for a table of one part, a folder of CSV parts (one per
Parquet part, each with the header) for a larger one, so an unchanged part is an unchanged file."""

from __future__ import annotations

import csv
import hashlib

import pyarrow as pa

from pipeline.core import parts
from pipeline.core.parts import write_parts
from pipeline.report.exports import TableExport, write_table_csv
from pipeline.report.html import full_table_note


def _claims(n_docs: int, first: int = 0) -> pa.Table:
    rows = [{"claim_id": f"c{d}-{k}", "doc_id": f"d{d}", "sentence": "Three were killed.",
             "event_ids": [f"e{d}", "e0"], "value": float(k)} for d in range(first, first + n_docs) for k in range(2)]
    return pa.Table.from_pylist(rows)


def _rows(path) -> list[dict]:
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_table_of_one_part_is_one_csv(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "DOCS_PER_PART", 10**12)
    write_parts(tmp_path / "data" / "facts" / "claims.parquet", _claims(5))
    dest = tmp_path / "facts-claims.csv"
    assert write_table_csv(tmp_path, TableExport("facts", "claims", drop=("sentence",)), dest) == 10
    rows = _rows(dest)
    assert len(rows) == 10 and "sentence" not in rows[0] and rows[0]["event_ids"] == "e0; e0"


def test_a_table_in_parts_is_a_folder_of_csv_parts_and_one_added_document_changes_one(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "DOCS_PER_PART", 4)
    digests = []
    for name, table in (("a", _claims(60)), ("b", pa.concat_tables([_claims(60), _claims(1, first=999)]))):
        root = tmp_path / name
        n_parts = write_parts(root / "data" / "facts" / "claims.parquet", table)
        dest = root / "facts-claims.csv"
        assert write_table_csv(root, TableExport("facts", "claims"), dest) == table.num_rows
        assert not dest.exists()
        files = sorted((root / "facts-claims").glob("part-*.csv"))
        assert len(files) == n_parts > 1
        rows = [r for f in files for r in _rows(f)]  # every part has the header; together, every row in order
        assert [r["claim_id"] for r in rows] == table.column("claim_id").to_pylist()
        digests.append({hashlib.md5(f.read_bytes()).hexdigest() for f in files})
    assert len(digests[1] - digests[0]) == 1


def test_the_report_links_a_table_in_parts_to_its_folder():
    one = full_table_note(5, "facts", "claims", "claims")
    many = full_table_note(5, "facts", "claims", "claims", parts=3)
    assert '<a href="tables/facts-claims.csv">CSV</a>' in one
    assert '<a href="tables/facts-claims/">CSV in 3 parts</a>' in many and "data/facts/claims.parquet" in many
    assert full_table_note(0, "facts", "claims", parts=3) == ""
