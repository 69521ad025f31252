"""The clean stage's store (pipeline/clean/store.py): a rebuild cleans only the buckets of documents that
are new or changed, reads the others from `.pipeline-cache/clean/`, and writes the tables a cold build
of the same pile writes, row for row. Real documents (the seeds, a local news article and a forum
post of ../shared/dev) through `python -m pipeline run ingest clean`, in buckets of ~10 kB of text
(the default is 2 MB: this pile would be one bucket)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO, make_project, run

pytestmark = pytest.mark.slow

DEV = REPO.parent / "shared" / "dev"
NEWS = DEV / "casualties" / "articles" / "781589" / "73e95103419f4a3e33abb527ff2d6877.txt"
POST = DEV / "forum" / "sci.med" / "58046.txt"
TABLES = ("passages", "edits", "sentences", "furniture")


def _clean(project: Path) -> dict:
    """Run ingest and clean; the clean stage's summary."""
    out = run([sys.executable, "-m", "pipeline", "run", "ingest", "clean"], project).stdout
    return json.loads(re.search(r"^clean: done in [0-9.]+s\s+(\{.*\})$", out, re.M).group(1))


def _tables(project: Path) -> dict:
    return {name: pq.read_table(project / "data" / "clean" / f"{name}.parquet") for name in TABLES}


def test_a_rebuild_cleans_only_new_and_changed_documents_and_equals_a_cold_build(prefect_api, tmp_path):
    """Edited, added and removed documents; then a damaged bucket."""
    project = make_project(tmp_path / "project")
    params = (project / "params.yaml").read_text()
    (project / "params.yaml").write_text(params.replace("\nclean:\n", "\nclean:\n  store_bucket_mb: 0.01\n"))
    seeds = project / "seeds"
    shutil.copy2(NEWS, seeds / "news.txt")
    shutil.copy2(POST, seeds / "post.txt")
    documents = [p for p in seeds.iterdir() if p.suffix == ".txt"]
    first = _clean(project)
    assert first["buckets_from_store"] == 0 and first["documents_cleaned"] == len(documents)
    assert first["buckets"] >= 4

    # one document edited, one added, one removed
    post = seeds / "post.txt"
    post.write_text(post.read_text(encoding="utf-8").replace("\n\n", "\n\nAn added line of the edit.\n\n", 1),
                    encoding="utf-8")
    shutil.copy2(DEV / "forum" / "talk.politics.misc" / "176871.txt", seeds / "added.txt")
    (seeds / "news.txt").unlink()
    again = _clean(project)
    # the buckets of the edited and the added document, and the one the removed one left
    assert 2 <= again["documents_cleaned"] < len(documents)
    assert again["buckets_from_store"] >= 1
    incremental = _tables(project)
    stored = list((project / ".pipeline-cache" / "clean").glob("*/*"))
    assert len(stored) == again["buckets"]                      # the store holds this pile only

    shutil.rmtree(project / ".pipeline-cache")
    cold = _clean(project)
    assert cold["buckets_from_store"] == 0
    for name, table in _tables(project).items():
        assert table.equals(incremental[name]), name
    assert again == {**cold, "buckets_from_store": again["buckets_from_store"],
                     "documents_from_store": again["documents_from_store"],
                     "documents_cleaned": again["documents_cleaned"]}
    assert again["documents_from_store"] + again["documents_cleaned"] == len(documents)

    # a damaged bucket (a file cut short, as by a crash) is cleaned again, to the same tables
    damaged = sorted((project / ".pipeline-cache" / "clean").glob("*/*/sentences.parquet"))[0]
    damaged.write_bytes(damaged.read_bytes()[:100])
    repaired = _clean(project)
    assert repaired["buckets_from_store"] == repaired["buckets"] - 1
    for name, table in _tables(project).items():
        assert table.equals(incremental[name]), name
