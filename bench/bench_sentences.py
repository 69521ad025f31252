"""Sentence splitters compared on the seed gold: boundary precision/recall/F1 and speed.

    python bench/bench_sentences.py [--repeat N]

Reads seeds/ through the ingest and clean stages' pure functions, so the
splitters see text_clean exactly as the pipeline makes it. Scored boundaries
are those inside a line (line breaks are boundaries for every splitter);
boundaries the gold marks ambiguous are ignored. Speed: MB/s of text_clean
split on one core, over the whole seed corpus (repeated N times).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.clean.params import CleanParams  # noqa: E402
from pipeline.clean.sentences import make_splitter  # noqa: E402
from pipeline.clean.stage import clean_passages  # noqa: E402
from pipeline.ingest.params import IngestParams  # noqa: E402
from pipeline.ingest.stage import discover, read_partition  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "clean" / "sentences_gold.json"


def inline(text: str, end: int) -> bool:
    """True if more text follows `end` on the same line (a boundary a splitter has to find)."""
    j = end
    while j < len(text) and text[j].isspace():
        if text[j] == "\n":
            return False
        j += 1
    return j < len(text)


def gold_boundaries(text: str, sentences: list[str], ambiguous: list[str]) -> tuple[set[int], set[int]]:
    """In-line boundary offsets of the gold sentences in text, and the ambiguous ones."""
    ends, pos = [], 0
    for s in sentences:
        i = text.index(s, pos)
        pos = i + len(s)
        ends.append(pos)
    amb = {text.index(a) + len(a) for a in ambiguous}
    return {e for e in ends if inline(text, e)}, amb


def predicted(text: str, spans) -> set[int]:
    return {b for _, b in spans if inline(text, b)}


def load_seed_passages():
    params = IngestParams()
    files, _ = discover(ROOT, params)
    docs, passages, _ = (t.to_pandas() for t in read_partition(ROOT, files, params))
    return docs, passages


def evaluate(splitter, texts_by_key, gold) -> dict:
    tp = fp = fn = 0
    errors = []
    keys = [(e["file"], e["char_start"]) for e in gold["passages"]]
    texts = [texts_by_key[k] for k in keys]
    spans_all = splitter.split_many(texts)
    for e, text, spans in zip(gold["passages"], texts, spans_all):
        g, amb = gold_boundaries(text, e["sentences"], e["ambiguous_after"])
        p = predicted(text, spans) - amb
        g -= amb
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
        for b in sorted(p - g):
            errors.append(("split", e["file"][:3], e["seq"], text[max(0, b - 40):b + 20]))
        for b in sorted(g - p):
            errors.append(("missed", e["file"][:3], e["seq"], text[max(0, b - 40):b + 20]))
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec, "f1": f1, "errors": errors}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5, help="times the seed corpus is split for the speed figure")
    ap.add_argument("--errors", action="store_true", help="list every wrong boundary")
    args = ap.parse_args()
    docs, passages = load_seed_passages()
    clean = clean_passages(passages)["passages"]
    source = dict(zip(docs["doc_id"], docs["source_path"]))
    texts_by_key = {(Path(source[r.doc_id]).name, int(r.char_start)): r.text_clean for r in clean.itertuples()}
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    all_texts = list(clean["text_clean"])
    mb = sum(len(t.encode()) for t in all_texts) * args.repeat / 1e6
    abbrevs = CleanParams().abbreviations
    n_gold = sum(len(e["sentences"]) for e in gold["passages"])
    print(f"gold: {len(gold['passages'])} passages, {n_gold} sentences; speed over {mb:.2f} MB of text_clean")
    print(f"{'splitter':<8} {'precision':>9} {'recall':>7} {'F1':>6} {'fp':>4} {'fn':>4} {'MB/s':>8}")
    for kind in ("rules", "punkt", "spacy"):
        splitter = make_splitter(kind, abbrevs, CleanParams().spacy_model)
        splitter.split_many(all_texts[:5])  # warm up (model load)
        res = evaluate(splitter, texts_by_key, gold)
        started = time.perf_counter()
        for _ in range(args.repeat):
            splitter.split_many(all_texts)
        speed = mb / (time.perf_counter() - started)
        print(f"{kind:<8} {res['precision']:>9.3f} {res['recall']:>7.3f} {res['f1']:>6.3f} "
              f"{res['fp']:>4} {res['fn']:>4} {speed:>8.2f}")
        if args.errors:
            for err in res["errors"]:
                print(f"    {err[0]:<6} {err[1]} seq={err[2]}: {err[3]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
