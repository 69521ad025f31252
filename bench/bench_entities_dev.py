"""Names on corpora the project was not built on: the entities stage against the raw spaCy model,
on the hand-made gold of forum posts and local news (tests/gold/entities/dev_gold.json).

    python -m bench.bench_entities_dev [--gold tests/gold/entities/dev_gold.json] [--keep DIR]
                                       [--json bench/out/entities_dev.json]

What runs, in one run:
- the stage: a temporary project whose seeds/ holds the gold's documents (paths relative to
  ../shared/dev, never copied into the repo), the repo's params.yaml without a gazetteer (the
  repo's is about Kazakhstan), and `python -m pipeline run ingest dedup clean entities` with the
  repo's code; its local Prefect server is stopped afterwards. Its mentions are scored.
- the raw model: the same spaCy model with the same components (NER only) on each document's
  whole text as ingested, every entity it finds a mention.
Both are scored on the gold's regions with pipeline.entities.evaluate: a mention is right when
file, span and label agree (micro P/R/F1 and per label); span-only F1 beside it; merges against
the gold's keys and its must-not-merge pairs (the raw model merges nothing). Also printed: names
of e-mail and news header fields found as entities (none wanted) and names of the repo's
gazetteer found in the stage's entities but not in the documents (a leak; none wanted).

Target (issue "Names that hold on any corpus"): the stage's mention F1 above the raw model's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "dev"
GOLD = REPO / "tests" / "gold" / "entities" / "dev_gold.json"
OUT = REPO / "bench" / "out" / "entities_dev.json"
STAGES = ["ingest", "dedup", "clean", "entities"]
HEADER_WORDS = {"lines", "subject", "organization", "from", "nntp-posting-host", "uucp", "reply-to",
                "message-id", "newsgroups", "path", "sender", "distribution", "keywords", "summary",
                "article-i.d.", "x-newsreader", "references"}


def _project(files: list[str], dest: Path, dev: Path) -> Path:
    from bench.bench_casualties import build_project

    rows = pd.DataFrame({"article": files, "path": [str(dev / f) for f in files]})
    return build_project(dest, rows)


def stage_mentions(project: Path) -> pd.DataFrame:
    from bench.bench_casualties import run_pipeline

    run_pipeline(project, STAGES)
    mentions = pd.read_parquet(project / "data" / "entities" / "mentions.parquet")
    docs = pd.read_parquet(project / "data" / "ingest" / "documents.parquet", columns=["doc_id", "source_path"])
    files = dict(zip(docs["doc_id"], docs["source_path"].str.replace(r"^seeds/", "", regex=True)))
    mentions["file"] = mentions["doc_id"].map(files)
    return mentions


def raw_mentions(project: Path, model: str, labels: set[str]) -> pd.DataFrame:
    """The model alone on each document's text as ingested (NER and what it listens to)."""
    from pipeline.entities.ner import load_model

    nlp = load_model(model)
    docs = pd.read_parquet(project / "data" / "ingest" / "documents.parquet", columns=["source_path", "text"])
    rows = []
    for path, text in zip(docs["source_path"], docs["text"]):
        file = re.sub(r"^seeds/", "", path)
        for ent in nlp(text).ents:
            if ent.label_ in labels:
                rows.append({"file": file, "raw_start": ent.start_char, "raw_end": ent.end_char,
                             "label": ent.label_, "entity_id": f"{ent.label_}:{ent.text}", "text": ent.text})
    return pd.DataFrame(rows, columns=["file", "raw_start", "raw_end", "label", "entity_id", "text"])


def header_entities(mentions: pd.DataFrame) -> list[str]:
    return sorted({t for t in mentions["text"] if t.strip().lower().rstrip(":") in HEADER_WORDS})


def gazetteer_leaks(project: Path) -> list[str]:
    """Canonical names of the repo's gazetteer among the stage's entities that no document writes."""
    import yaml

    gaz = yaml.safe_load((REPO / "seeds" / "gazetteer.yaml").read_text(encoding="utf-8")) or {}
    names = {e["name"] for e in gaz.get("entities", []) if isinstance(e, dict) and e.get("name")}
    entities = pd.read_parquet(project / "data" / "entities" / "entities.parquet")
    texts = " ".join(pd.read_parquet(project / "data" / "ingest" / "documents.parquet", columns=["text"])["text"])
    name_col = "name" if "name" in entities else entities.columns[1]
    return sorted(n for n in set(entities[name_col]) & names if n not in texts)


def main(argv: list[str] | None = None) -> int:
    from pipeline.entities.evaluate import evaluate, format_report, load_gold
    from pipeline.entities.params import EntitiesParams

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--dev", type=Path, default=DEV, help="the folder the gold's file paths are relative to")
    ap.add_argument("--keep", type=Path, help="build the project here and leave it")
    ap.add_argument("--json", type=Path, default=OUT)
    args = ap.parse_args(argv)

    gold = load_gold(args.gold)
    files = sorted({r["file"] for r in gold["regions"]})
    labels = {m["label"] for m in gold["mentions"]}
    with tempfile.TemporaryDirectory(prefix="bench-entities-dev-") as tmp:
        project = _project(files, args.keep or Path(tmp) / "project", args.dev)
        print(f"bench_entities_dev: {len(files)} documents, {len(gold['mentions'])} gold mentions; "
              f"running {' '.join(STAGES)} in {project} ...", flush=True)
        stage = stage_mentions(project)
        model = EntitiesParams().model
        raw = raw_mentions(project, model, labels)
        results = {"stage": evaluate(gold, stage), "raw_model": evaluate(gold, raw)}
        headers = {"stage": header_entities(stage), "raw_model": header_entities(raw)}
        leaks = gazetteer_leaks(project)
    for name, res in results.items():
        res.pop("_cells", None)
        res["merges"].pop("impure_entities", None)
        print(f"\n{name.replace('_', ' ')}:\n{format_report(res)}")
    f1 = {k: r["mentions"]["micro"]["f1"] for k, r in results.items()}
    span = {k: r["mentions"]["span_only"]["f1"] for k, r in results.items()}
    print(f"\n  mention F1 (span and label): stage {f1['stage']:.3f}, raw model {f1['raw_model']:.3f}  "
          f"(target: stage above the raw model: {'ok' if f1['stage'] > f1['raw_model'] else 'MISSED'})")
    print(f"  span-only F1: stage {span['stage']:.3f}, raw model {span['raw_model']:.3f}")
    print(f"  must-not-merge violations (stage): {len(results['stage']['merges']['must_not_merge_violations'])}")
    print(f"  header words as entities: stage {headers['stage'] or 'none'}, raw model {headers['raw_model'] or 'none'}")
    print(f"  names of the repo's gazetteer the documents do not write: {leaks or 'none'}")
    report = {"gold": str(args.gold.relative_to(REPO)) if args.gold.is_relative_to(REPO) else str(args.gold),
              "documents": len(files), "results": results, "header_entities": headers, "gazetteer_leaks": leaks}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, default=float) + "\n")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
