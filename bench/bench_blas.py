"""Which library multiplies the model's matrices: thinc's default (blis) against numpy's BLAS.

    python -m bench.bench_blas [--texts N] [--repeat 3]

The stages load spaCy through pipeline/core/spacy_models.py, which builds the model's layers on
thinc's numpy backend without blis and holds numpy's BLAS to one thread (its module doc says
why). This bench loads the project's model both ways in one process and runs, on the same text,
(a) the facts stage's parser (tok2vec, tagger, parser) and (b) the entities stage's NER, each
backend timed the best of --repeat runs, interleaved. Text: the sentences of the seeds and of
../shared/dev/casualties (when present) that hold a digit or a word of harm, up to --texts.
It prints the time of each and the ratio blis / numpy (above 1: numpy's faster), and checks the
two backends read every token the same (tags, dependencies, heads, entities). Writes
bench/out/blas.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import spacy

from pipeline.core.spacy_models import load_spacy
from pipeline.facts.params import FactsParams

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "dev" / "casualties" / "articles"
OUT = REPO / "bench" / "out" / "blas.json"
WANTED = re.compile(r"\d|\b(?:kill|dead|died|shot|wound|injur|hurt|arrest)", re.I)
PARSER = {"exclude": ["ner", "lemmatizer", "attribute_ruler"]}
NER = {"exclude": ["tok2vec", "tagger", "parser", "lemmatizer", "attribute_ruler"]}  # as the entities stage runs it


def texts(limit: int) -> list[str]:
    files = sorted((REPO / "seeds").glob("*.txt")) + (sorted(DEV.rglob("*.txt")) if DEV.is_dir() else [])
    out: list[str] = []
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                if 20 <= len(sentence) <= 600 and WANTED.search(sentence):
                    out.append(sentence)
                    if len(out) >= limit:
                        return out
    return out


def reading(doc) -> list[tuple]:
    return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


def best_time(nlp, sample: list[str], repeat: int) -> tuple[float, list]:
    best, docs = float("inf"), []
    for _ in range(repeat):
        started = time.perf_counter()
        docs = list(nlp.pipe(sample, batch_size=128))
        best = min(best, time.perf_counter() - started)
    return best, [reading(d) for d in docs]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_blas", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, default=3000, help="sentences to read (default 3000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per backend; the best counts (default 3)")
    args = ap.parse_args(argv)
    model = FactsParams().parser_model
    sample = texts(args.texts)
    words = sum(len(s.split()) for s in sample)
    print(f"{len(sample)} sentences, {words} words; model {model}")
    results = {}
    for job, kwargs in (("parser", PARSER), ("ner", NER)):
        numpy_nlp = load_spacy(model, **kwargs)
        blis_nlp = spacy.load(model, **kwargs)  # thinc's default backend
        best_time(numpy_nlp, sample[:200], 1)  # warm-up of both
        best_time(blis_nlp, sample[:200], 1)
        t_numpy, t_blis, same = float("inf"), float("inf"), True
        for _ in range(args.repeat):  # interleaved: load from elsewhere hits both alike
            tb, rb = best_time(blis_nlp, sample, 1)
            tn, rn = best_time(numpy_nlp, sample, 1)
            t_blis, t_numpy, same = min(t_blis, tb), min(t_numpy, tn), same and rb == rn
        results[job] = {"blis_s": round(t_blis, 3), "numpy_s": round(t_numpy, 3),
                        "blis_over_numpy": round(t_blis / t_numpy, 2), "same_reading": same}
        print(f"  {job:6s}  blis {t_blis:6.2f} s   numpy {t_numpy:6.2f} s   blis / numpy {t_blis / t_numpy:4.2f}x"
              f"   same reading of every token: {'yes' if same else 'NO'}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"sentences": len(sample), "words": words, **results}, indent=2) + "\n")
    print(f"written {OUT.relative_to(REPO)}")
    return 0 if all(r["same_reading"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
