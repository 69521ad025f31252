"""The ingest stage's pure functions on the seed corpus and on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.paths import CORPUS_FILES, CORPUS_PROFILE
from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import discover, partition, read_partition
from tests.conftest import REPO


@pytest.fixture(scope="module")
def seeds():
    params = IngestParams()
    files, rejected = discover(REPO, params)
    docs, passages, bad = (t.to_pandas() for t in read_partition(REPO, files, params))
    return files, rejected, docs, passages, bad


def test_every_seed_is_read(seeds):
    files, rejected, docs, passages, bad = seeds
    assert len(files) == len(docs) == 5 and not rejected and bad.empty
    assert set(docs["encoding"]) == {"utf-8"} and set(docs["format"]) == {"txt"}


def test_passage_offsets_point_into_the_document_text(seeds):
    *_, docs, passages, _ = seeds
    text = dict(zip(docs["doc_id"], docs["text"]))
    for p in passages.itertuples():
        assert text[p.doc_id][p.char_start:p.char_end] == p.text
    # seq is dense per document and offsets increase
    for _, group in passages.groupby("doc_id"):
        assert group["seq"].tolist() == list(range(len(group)))
        assert group["char_start"].is_monotonic_increasing


def test_doc_id_depends_on_content_not_name_or_order(tmp_path, seeds):
    *_, docs, _, _ = seeds
    folder = tmp_path / "seeds"
    folder.mkdir()
    originals = sorted(f for f in (REPO / "seeds").iterdir() if f.name not in CORPUS_FILES)
    for i, f in enumerate(reversed(originals)):
        (folder / f"renamed_{i}.txt").write_bytes(f.read_bytes())
    files, _ = discover(tmp_path, IngestParams())
    again = read_partition(tmp_path, files, IngestParams())[0].to_pandas()
    assert sorted(again["doc_id"]) == sorted(docs["doc_id"])


def test_titles_and_dates_where_documents_state_them(seeds):
    *_, docs, _, _ = seeds
    by_title = dict(zip(docs["title"], docs["published_iso"]))
    assert by_title["Cold Winds From Janaozen"] == "2012-12-14"
    assert "What Do We Know About Janaozen Events?" in by_title


def test_bad_inputs_become_rejections_with_reasons(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\n \t\n")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "table.xyz").write_text("a,b\n1,2\n")
    (folder / "noscript.html").write_text("<html><script>alert(1)</script></html>")
    (folder / "ok.md").write_text("# Fine\n\nText.\n")
    (folder / "copy.md").write_text("# Fine\n\nText.\n")
    params = IngestParams(input_dir="in")
    files, early = discover(tmp_path, params)
    docs, passages, bad = (t.to_pandas() for t in read_partition(tmp_path, files, params))
    reasons = {r["source_path"]: r["reason"] for r in early} | dict(zip(bad["source_path"], bad["reason"]))
    assert "empty" in reasons["in/empty.txt"]
    assert "whitespace" in reasons["in/blank.txt"]
    assert "PNG" in reasons["in/photo.txt"]
    assert "corrupt or unreadable PDF" in reasons["in/scan.pdf"]
    assert "unsupported format '.xyz'" in reasons["in/table.xyz"] and "ingest.formats" in reasons["in/table.xyz"]
    assert "no visible text" in reasons["in/noscript.html"]
    import pyarrow as pa
    from pipeline.ingest.flow import drop_repeated_documents
    from pipeline.ingest.stage import PASSAGES, REJECTED, DOCUMENTS
    kept, kept_passages, repeats = drop_repeated_documents(
        pa.Table.from_pandas(docs, schema=DOCUMENTS, preserve_index=False),
        pa.Table.from_pandas(passages, schema=PASSAGES, preserve_index=False), {})
    assert kept.column("source_path").to_pylist() == ["in/copy.md"]
    assert repeats.to_pylist() == [{"source_path": "in/ok.md", "n_bytes": None, "reason":
                                    f"same content as in/copy.md (doc_id {docs['doc_id'][0]}); counted once"}]
    assert kept_passages.num_rows == len(passages) // 2  # one set of the shared passages


def test_partitions_keep_order_and_respect_size():
    from pipeline.ingest.stage import InputFile

    files = [InputFile(f"f{i}", 400_000) for i in range(10)]
    parts = partition(files, 1)
    assert [f for p in parts for f in p] == files
    assert all(sum(f.size for f in p) <= 1024 * 1024 for p in parts)


def test_the_corpus_profile_is_not_a_document(tmp_path):
    """seeds/corpus.yaml is the corpus's profile (pipeline/facts/profile.py): neither read nor rejected;
    a corpus.yaml deeper down is an ordinary unsupported file."""
    (tmp_path / "seeds" / "sub").mkdir(parents=True)
    (tmp_path / "seeds" / "a.txt").write_text("A text.", encoding="utf-8")
    (tmp_path / "seeds" / CORPUS_PROFILE).write_text("facts: {}\n", encoding="utf-8")
    (tmp_path / "seeds" / "sub" / CORPUS_PROFILE).write_text("facts: {}\n", encoding="utf-8")
    files, rejected = discover(tmp_path, IngestParams())
    assert [f.path for f in files] == ["seeds/a.txt"]
    assert [r["source_path"] for r in rejected] == ["seeds/sub/corpus.yaml"]
