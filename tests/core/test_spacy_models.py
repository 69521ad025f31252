"""Models load on numpy's BLAS (not blis), one BLAS thread per process, and read text as blis does."""

from __future__ import annotations

from pathlib import Path

import spacy
from thinc.api import NumpyOps, get_current_ops
from threadpoolctl import threadpool_info

from pipeline.core.spacy_models import load_spacy
from pipeline.facts.params import FactsParams

MODEL = FactsParams().parser_model
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EXCLUDE = ["ner", "lemmatizer", "attribute_ruler"]


def _seed_paragraphs(n: int) -> list[str]:
    lines = [line.strip() for path in sorted(SEEDS.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 80]
    return lines[:n]


def test_every_layer_multiplies_through_numpy_and_the_process_backend_is_restored():
    before = get_current_ops()
    nlp = load_spacy(MODEL, exclude=EXCLUDE)
    layers = [layer for name in nlp.pipe_names for layer in nlp.get_pipe(name).model.walk()]
    assert layers and all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)
    assert get_current_ops() is before


def test_numpy_blas_runs_one_thread_after_a_load():
    load_spacy(MODEL, exclude=EXCLUDE)
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_parses_equal_the_blis_backends_on_the_seeds():
    texts = _seed_paragraphs(60)
    ours = load_spacy(MODEL, exclude=EXCLUDE)
    theirs = spacy.load(MODEL, exclude=EXCLUDE)  # thinc's default backend (blis)
    assert not any(getattr(layer.ops, "use_blis", True) is False
                   for layer in theirs.get_pipe("parser").model.walk())
    for ours_doc, theirs_doc in zip(ours.pipe(texts), theirs.pipe(texts)):
        assert [(t.tag_, t.dep_, t.head.i) for t in ours_doc] == [(t.tag_, t.dep_, t.head.i) for t in theirs_doc]
