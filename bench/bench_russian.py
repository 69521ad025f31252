"""Russian sources: names and figures on the Russian gold set (tests/gold/ru), against natasha alone.

    python -m bench.bench_russian [--keep DIR] [--words 50000] [--json bench/out/russian.json]

What runs, in one run:
- the pipeline: a temporary project whose seeds/ holds the gold's 16 documents, the repo's params.yaml
  without a gazetteer or corpus profile (they are about another corpus), and
  `python -m pipeline run ingest dedup clean entities facts` with the repo's code (its Prefect server is
  stopped afterwards). Its mentions and figures are scored.
- natasha alone: NewsNERTagger on each document's whole text, every span a mention.
Entities: a mention is right when document, span and label agree (PERSON -> PER; GPE, LOC, FAC -> LOC;
ORG -> ORG; other labels are not in the gold's scheme and are left out); micro P/R/F1 for both.
Figures: a gold figure is found when a figure of the pipeline overlaps its span; of those, value right
(bounds equal; an open bound must be open) and measure right, and the attribution kind beside it.
Speed: the stage's Russian path (natasha's NER, the gazetteer matcher and the nominatives of the names)
against natasha's NER alone on the same text (the gold repeated to --words words), in words per second.

Targets (issue "Russian and Kazakh sources"): mention F1 at or above natasha alone; figures found >= 85%,
value and measure right >= 90% of those; the Russian NER path >= 5,000 words/s.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold" / "ru"
OUT = REPO / "bench" / "out" / "russian.json"
STAGES = ["ingest", "dedup", "clean", "entities", "facts"]
GOLD_LABEL = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}


def load_gold(gold: Path = GOLD) -> tuple[dict[str, str], pd.DataFrame, pd.DataFrame]:
    """(document text by file name, entity mentions, figures)."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((gold / "docs").glob("*.txt"))}
    entities = pd.read_json(gold / "entities.jsonl", lines=True)
    figures = pd.read_json(gold / "figures.jsonl", lines=True, dtype={"value_low": float, "value_high": float})
    return texts, entities, figures


def prf(found: set, wanted: set) -> dict:
    tp = len(found & wanted)
    p = tp / len(found) if found else 0.0
    r = tp / len(wanted) if wanted else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "found": len(found), "gold": len(wanted), "right": tp}


def natasha_mentions(texts: dict[str, str]) -> set:
    from pipeline.entities.russian import russian_names

    names = russian_names()
    out = set()
    for (doc, text), markup in zip(texts.items(), names.ner.map(list(texts.values()))):
        out.update((doc, s.start, s.stop, s.type) for s in markup.spans)
    return out


def build(dest: Path, texts: dict[str, str]) -> Path:
    import yaml

    dest.mkdir(parents=True, exist_ok=True)
    (dest / "dvc.yaml").write_text((REPO / "dvc.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    params = yaml.safe_load((REPO / "params.yaml").read_text(encoding="utf-8"))
    params["entities"] = {**(params.get("entities") or {}), "gazetteer": None}
    params["facts"] = {**(params.get("facts") or {}), "profile": None}
    (dest / "params.yaml").write_text(yaml.safe_dump(params, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, text in texts.items():
        (dest / "seeds").mkdir(exist_ok=True)
        (dest / "seeds" / name).write_text(text, encoding="utf-8")
    return dest


def pipeline_outputs(project: Path) -> tuple[set, pd.DataFrame]:
    from bench.bench_casualties import run_pipeline

    run_pipeline(project, STAGES)
    docs = pd.read_parquet(project / "data" / "ingest" / "documents.parquet", columns=["doc_id", "source_path"])
    file_of = dict(zip(docs["doc_id"], docs["source_path"].str.replace(r"^seeds/", "", regex=True)))
    mentions = pd.read_parquet(project / "data" / "entities" / "mentions.parquet")
    found = {(file_of[d], int(a), int(b), GOLD_LABEL[lab]) for d, a, b, lab in zip(
        mentions["doc_id"], mentions["raw_start"], mentions["raw_end"], mentions["label"]) if lab in GOLD_LABEL}
    quantities = pd.read_parquet(project / "data" / "facts" / "quantities.parquet")
    quantities["file"] = quantities["doc_id"].map(file_of)
    return found, quantities


def _same(a, b) -> bool:
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def score_figures(figures: pd.DataFrame, quantities: pd.DataFrame) -> dict:
    """Found, value right, measure right, attribution kind right, per gold figure."""
    by_file = {f: g for f, g in quantities.groupby("file")}
    found = value = measure = both = kind = 0
    misses = []
    for g in figures.itertuples():
        q = by_file.get(g.doc)
        hit = None
        if q is not None:
            over = q[(q["raw_start"] < g.end) & (q["raw_end"] > g.start)]
            if len(over):
                # the overlapping figure whose value agrees, else the first
                agree = over[[_same(a, g.value_low) and _same(b, g.value_high)
                              for a, b in zip(over["value_low"], over["value_high"])]]
                hit = (agree if len(agree) else over).iloc[0]
        if hit is None:
            misses.append(f"missed  {g.doc}: {g.text!r} ({g.measure})")
            continue
        found += 1
        v = _same(hit["value_low"], g.value_low) and _same(hit["value_high"], g.value_high)
        m = hit["measure"] == g.measure
        value += v
        measure += m
        both += v and m
        kind += hit["attribution_kind"] == g.attribution_kind
        if not (v and m):
            misses.append(f"wrong   {g.doc}: {g.text!r}: gold {g.value_low}..{g.value_high} {g.measure}; "
                          f"got {hit['value_low']}..{hit['value_high']} {hit['measure']} ({hit['surface']!r})")
    n = len(figures)
    return {"figures": n, "found": round(found / n, 3) if n else 0.0,
            "value_right": round(value / found, 3) if found else 0.0,
            "measure_right": round(measure / found, 3) if found else 0.0,
            "value_and_measure_right": round(both / found, 3) if found else 0.0,
            "attribution_right": round(kind / found, 3) if found else 0.0, "misses": misses}


def speed(texts: dict[str, str], words: int) -> dict:
    """Words per second: the stage's Russian path and natasha's NER alone, on the same passages."""
    from pipeline.entities.gazetteer import Gazetteer
    from pipeline.entities.params import EntitiesParams
    from pipeline.entities.russian import russian_names
    from pipeline.entities.stage import extract_mentions

    paragraphs = [p for t in texts.values() for p in t.split("\n") if p.strip()]
    per_round = sum(len(p.split()) for p in paragraphs)
    rounds = max(1, -(-words // per_round))
    corpus = paragraphs * rounds
    n_words = per_round * rounds
    names = russian_names()
    list(names.ner.map(paragraphs[:4]))  # warm up
    started = time.perf_counter()
    list(names.ner.map(corpus))
    alone = time.perf_counter() - started
    selected = pd.DataFrame({"passage_id": [f"p{i}" for i in range(len(corpus))],
                             "doc_id": [f"d{i // 20}" for i in range(len(corpus))],
                             "text_clean": corpus, "mode": "russian"})
    started = time.perf_counter()
    extract_mentions(selected, None, EntitiesParams(n_process=1), Gazetteer(source="none"))
    stage = time.perf_counter() - started
    return {"words": n_words, "natasha_words_per_s": round(n_words / alone), "stage_words_per_s": round(n_words / stage),
            "stage_over_natasha_time": round(stage / alone, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--keep", type=Path, help="build the project in this (new or empty) folder and keep it")
    ap.add_argument("--words", type=int, default=50_000, help="words of text for the speed comparison")
    ap.add_argument("--json", type=Path, default=OUT, help="where to write the figures")
    ap.add_argument("--misses", action="store_true", help="print every missed or wrong figure")
    args = ap.parse_args(argv)
    texts, gold_entities, gold_figures = load_gold()
    wanted = set(zip(gold_entities["doc"], gold_entities["start"], gold_entities["end"], gold_entities["label"]))
    with tempfile.TemporaryDirectory(prefix="bench-ru-") as tmp:
        project = build(args.keep or Path(tmp) / "project", texts)
        found, quantities = pipeline_outputs(project)
    result = {"entities_pipeline": prf(found, wanted), "entities_natasha": prf(natasha_mentions(texts), wanted)}
    result["figures"] = score_figures(gold_figures, quantities)
    result["speed"] = speed(texts, args.words)
    print(f"Russian gold: {len(texts)} documents, {len(wanted)} mentions, {len(gold_figures)} figures")
    for who in ("pipeline", "natasha"):
        e = result[f"entities_{who}"]
        print(f"  entities {who:9s} P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  "
              f"({e['right']}/{e['gold']} right, {e['found']} found)")
    f = result["figures"]
    print(f"  figures found {f['found']:.3f} (target 0.85); of those value right {f['value_right']:.3f}, measure "
          f"right {f['measure_right']:.3f}, both {f['value_and_measure_right']:.3f} (target 0.90); attribution "
          f"kind right {f['attribution_right']:.3f}")
    s = result["speed"]
    print(f"  speed on {s['words']} words: the stage's Russian path {s['stage_words_per_s']} words/s, natasha's NER "
          f"alone {s['natasha_words_per_s']} words/s (time ratio {s['stage_over_natasha_time']}; target >= 5000 words/s)")
    if args.misses:
        print("\n".join("    " + m for m in f["misses"]))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
