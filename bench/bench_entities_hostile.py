"""The entities stage on hostile input: many mentions of one name, one enormous token, mixed scripts.

    python -m bench.bench_entities_hostile [--mentions 10000] [--repeat 2]

Each case runs the whole stage (pipeline.entities.stage.run_entities, the default model, no
gazetteer) at a base size and at 10 times that size, in the same run; the printed ratio of the two
times is ~10 for a cost linear in the input and ~100 for a quadratic one. Cases:
- one name repeated: `--mentions` mentions of one person and one place in short passages
  (canonicalisation, merges and co-occurrence all see thousands of identical names);
- one token of 100,000 characters in a passage, beside a sentence with names;
- names in mixed scripts (Latin, Cyrillic, Kazakh letters) side by side.
Figures are the best of --repeat runs. Nothing is asserted here (tests/entities checks that the
stage finishes and what it finds); this prints the scaling.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.entities.gazetteer import Gazetteer  # noqa: E402
from pipeline.entities.ner import Recogniser, load_model  # noqa: E402
from pipeline.entities.params import EntitiesParams  # noqa: E402
from pipeline.entities.stage import run_entities  # noqa: E402
from tests.entities_inputs import from_texts  # noqa: E402

SENTENCE = "Maria Ivanova met reporters in Springfield on Monday. "
MIXED = "Nazarbayev, Назарбаев and Nazarbaev met Tokayev (Токаев, Тоқаев) in Astana and Астана. "


def one_name(n_mentions: int) -> dict[str, str]:
    """n_mentions mentions of Maria Ivanova (and as many of Springfield), 20 sentences a passage."""
    n = max(1, n_mentions)
    passages = ["".join([SENTENCE] * min(20, n - i)) for i in range(0, n, 20)]
    return {"repeat.txt": "\n\n".join(passages) + "\n"}


def long_token(chars: int) -> dict[str, str]:
    return {"token.txt": "Police in Leeds said John Smith was arrested. " + "x" * chars + " Anna Berg left.\n"}


def mixed(copies: int) -> dict[str, str]:
    return {"mixed.txt": "\n\n".join(MIXED * 5 for _ in range(max(1, copies // 5))) + "\n"}


def timed(texts: dict[str, str], params: EntitiesParams, rec: Recogniser, repeat: int) -> tuple[float, int]:
    inputs = from_texts(texts, max_passage_chars=1_000_000)
    best, n = float("inf"), 0
    for _ in range(repeat):
        t = time.perf_counter()
        out = run_entities(inputs.clean_passages, inputs.sentences, inputs.dedup_passages, params, Gazetteer(),
                           inputs.raw_span, recogniser=rec)
        best = min(best, time.perf_counter() - t)
        n = len(out["mentions"])
    return best, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mentions", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    params = EntitiesParams(gazetteer=None)
    rec = Recogniser(params.model, params.labels, params.batch_size, nlp=load_model(params.model))
    timed(one_name(40), params, rec, 1)  # warm-up
    cases = (("one name repeated (mentions)", one_name, args.mentions),
             ("one long token (characters)", long_token, 100_000),
             ("mixed scripts (sentences)", mixed, args.mentions // 10))
    print(f"{'case':32s} {'size':>8s} {'s':>7s} {'mentions':>9s}   {'size x10':>8s} {'s':>7s} {'mentions':>9s}  ratio")
    for label, make, size in cases:
        small, n_small = timed(make(size // 10), params, rec, args.repeat)
        big, n_big = timed(make(size), params, rec, args.repeat)
        print(f"{label:32s} {size // 10:8,d} {small:7.2f} {n_small:9,d}   {size:8,d} {big:7.2f} {n_big:9,d}  "
              f"{big / small:5.1f}  (linear ~10, quadratic ~100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
