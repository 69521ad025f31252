"""The facts flow end to end on a fresh project copy (real Prefect server, real files).

UNTIL THE clean, dedup AND entities STAGES ARE MERGED this test writes stand-ins of
their tables (data/clean, data/dedup, data/entities: clean text = raw text, every
passage unique, no mentions) and of pipeline/clean/offsets.py (identity offsets)
into the temporary project, so that facts_flow and the report sections run on real
files. Once upstream lands, `dvc repro` builds those inputs and the stand-ins go.
"""

from __future__ import annotations

import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import run
from tests.facts_helpers import tables_from_texts

pytestmark = pytest.mark.slow

OFFSETS_STANDIN = '''"""Stand-in for the clean stage's offset maps (identity: no cleanup edits). Test only."""
class OffsetMap:
    def __init__(self, base):
        self.base = base
    def raw_span(self, start, end):
        return self.base + start, self.base + end
def offset_maps(passages, edits):
    return {p: OffsetMap(int(c)) for p, c in zip(passages["passage_id"], passages["char_start"])}
'''


def _write(path, df):
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path)


def test_facts_flow_writes_tables_and_report(project):
    run([sys.executable, "-m", "pipeline", "run", "ingest"], project)
    docs = pq.read_table(project / "data/ingest/documents.parquet").to_pandas()
    tables = tables_from_texts([(p.split("/")[-1], t) for p, t in zip(docs["source_path"], docs["text"])])
    assert set(tables["passages"]["passage_id"]) == set(
        pq.read_table(project / "data/ingest/passages.parquet").column("passage_id").to_pylist())
    _write(project / "data/clean/passages.parquet", tables["clean_passages"])
    _write(project / "data/clean/sentences.parquet", tables["sentences"])
    _write(project / "data/clean/edits.parquet", tables["edits"].astype(str))
    _write(project / "data/dedup/passages.parquet", tables["dedup_passages"].astype({"cluster_id": "object"}))
    _write(project / "data/dedup/clusters.parquet", tables["dedup_passages"].iloc[:0][["cluster_id"]])
    _write(project / "data/entities/mentions.parquet", tables["mentions"].astype(str))
    (project / "pipeline/clean").mkdir(exist_ok=True)
    (project / "pipeline/clean/__init__.py").write_text("")
    (project / "pipeline/clean/offsets.py").write_text(OFFSETS_STANDIN)

    out = run([sys.executable, "-m", "pipeline", "run", "facts", "report"], project)
    assert "facts: done" in out.stdout
    for name in ("quantities", "claims", "timeline", "comparison", "events"):
        assert (project / f"data/facts/{name}.parquet").is_file(), name
    q = pq.read_table(project / "data/facts/quantities.parquet").to_pandas()
    texts = dict(zip(docs["doc_id"], docs["text"]))
    for r in q.head(200).itertuples():
        assert texts[r.doc_id][r.raw_start:r.raw_end] == r.surface
    claims = pq.read_table(project / "data/facts/claims.parquet").to_pandas()
    killed = set(claims.loc[claims["measure"] == "killed", "value_low"].dropna())
    assert {10, 14, 15, 16, 17, 25, 64, 70} <= killed
    html = (project / "reports/report.html").read_text()
    assert "Contested figures" in html and "Timeline" in html and "<script>alert" not in html
    metrics = json.loads((project / "reports/metrics.json").read_text())
    assert metrics["facts"]["claims"] == len(claims)
