"""The dedup stage on the seed corpus against the hand-made gold set
(tests/gold/dedup/): every repeated group found, no look-alike pair merged,
the reprinted blocks found. Figures are printed (pytest -s) and asserted at
the level reached when this test was written."""

from __future__ import annotations

import itertools
import json

import pytest

from pipeline.dedup.params import DedupParams
from pipeline.dedup.flow import run_dedup
from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import discover, read_partition
from tests.conftest import REPO, run_gold_checker

GOLD = json.loads((REPO / "tests" / "gold" / "dedup" / "seeds_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result():
    params = IngestParams()
    files, _ = discover(REPO, params)
    docs, passages, _ = (t.to_pandas() for t in read_partition(REPO, files, params))
    tables = run_dedup(passages, docs, DedupParams())
    by_doc: dict[str, list] = {}
    for r in tables["passages"].itertuples():
        by_doc.setdefault(r.doc_id, []).append(r)
    path_to_doc = dict(zip(docs["source_path"], docs["doc_id"]))

    def find(span) -> list[str]:
        """Ingest passages covering a gold span (long gold passages are cut by ingest)."""
        rows = by_doc[path_to_doc[f"seeds/{span['file']}"]]
        return [r.passage_id for r in rows if r.char_start < span["end"] and span["start"] < r.char_end]

    return tables, find


def _cluster_sets(tables):
    """Every occurrence of each cluster: members and passages quoting it."""
    sets = [set(ids) for ids in tables["clusters"]["passage_ids"]]
    of: dict[str, set[int]] = {}
    for i, s in enumerate(sets):
        for p in s:
            of.setdefault(p, set()).add(i)
    return sets, of


def _pieces(occurrences: list[list[str]]) -> list[tuple[str, ...]]:
    """A gold group's occurrences as aligned ingest passages (i-th piece with i-th piece)."""
    if all(len(o) == 1 for o in occurrences):
        return [tuple(o[0] for o in occurrences)]
    assert len({len(o) for o in occurrences}) == 1, occurrences
    return list(zip(*occurrences))


def evaluate(tables, find) -> dict:
    sets, of = _cluster_sets(tables)

    def together(ids) -> bool:
        return bool(set.intersection(*[of.get(p, set()) for p in ids]))

    missed, gold_pairs = [], set()
    for g in GOLD["groups"]:
        pieces = _pieces([find(o) for o in g["occurrences"]])
        if not all(together(p) for p in pieces):
            missed.append(g["id"])
        for p in pieces:
            gold_pairs |= {tuple(sorted(x)) for x in itertools.combinations(set(p), 2)}
    neutral = {tuple(sorted((a, b))) for d in GOLD["partial_overlaps"]
               for a in find(d["a"]) for b in find(d["b"])}
    merged = [d["id"] for d in GOLD["distinct_pairs"] if together(find(d["a"]) + find(d["b"]))]
    predicted = {tuple(sorted(x)) for s in sets for x in itertools.combinations(s, 2)} - neutral
    tp = len(predicted & gold_pairs)
    return {
        "groups": len(GOLD["groups"]), "groups_found": len(GOLD["groups"]) - len(missed), "missed": missed,
        "distinct_pairs": len(GOLD["distinct_pairs"]), "distinct_merged": merged,
        "pair_precision": tp / len(predicted) if predicted else 1.0,
        "pair_recall": tp / len(gold_pairs),
        "false_pairs": sorted(predicted - gold_pairs),
    }


def test_every_gold_group_is_found_and_no_look_alike_is_merged(result):
    tables, find = result
    ev = evaluate(tables, find)
    print(f"\ngold dedup: groups {ev['groups_found']}/{ev['groups']}, distinct pairs merged "
          f"{len(ev['distinct_merged'])}/{ev['distinct_pairs']}, pair precision {ev['pair_precision']:.3f}, "
          f"pair recall {ev['pair_recall']:.3f}")
    assert ev["missed"] == []
    assert ev["distinct_merged"] == []
    assert ev["pair_precision"] == 1.0, ev["false_pairs"][:10]
    assert ev["pair_recall"] == 1.0


def test_exact_kinds_and_exact_subsets_are_exact_matches(result):
    tables, find = result
    p = tables["passages"].set_index("passage_id")
    for g in GOLD["groups"]:
        occ = [find(o) for o in g["occurrences"]]
        subsets = [list(range(len(occ)))] if g["kind"] == "exact" else g.get("exact_subsets", [])
        for sub in subsets:
            for piece in _pieces([occ[i] for i in sub]):
                keys = {p.loc[x, "norm_key"] for x in piece}
                assert len(keys) == 1, (g["id"], piece)
                # every copy but the earliest one with this text is skipped downstream
                assert sum(not p.loc[x, "skip_downstream"] for x in piece) <= 1
                assert {p.loc[x, "exact_of"] for x in piece} == {min(piece) if not any(
                    p.loc[x, "exact_of"] not in piece for x in piece) else p.loc[piece[0], "exact_of"]}


def test_reworded_copies_keep_their_own_text_and_figures_are_flagged(result):
    tables, find = result
    p = tables["passages"].set_index("passage_id")
    for g in GOLD["groups"]:
        if g["kind"] != "reworded":
            continue
        ids = [find(o)[0] for o in g["occurrences"]]
        assert len({p.loc[x, "cluster_id"] for x in ids}) == 1
        assert not any(p.loc[x, "skip_downstream"] for x in ids), g["id"]
    # g33: the prosecutor's figure is 10 dead in one edition and 14 in the other
    g33 = next(g for g in GOLD["groups"] if g["id"] == "g33")
    later = find(g33["occurrences"][1])[0]
    assert p.loc[later, "figures_differ"]


def test_gold_blocks_are_found(result):
    tables, find = result
    blocks = tables["blocks"]
    copies = {}
    for r in blocks.itertuples():
        copies.setdefault(r.block_id, []).append(set(r.passage_ids))
    found = 0
    for b in GOLD["blocks"]:
        spans = [set(find(c)) for c in b["copies"]]
        # one found block whose copies cover every gold copy (at least its passages, maybe a neighbour more)
        ok = any(all(any(s <= c for c in cs) for s in spans) and len(cs) >= len(spans)
                 for cs in copies.values())
        found += ok
    print(f"\ngold blocks found {found}/{len(GOLD['blocks'])}; found blocks {len(copies)}")
    assert found == len(GOLD["blocks"])
    assert len(copies) == len(GOLD["blocks"])


def test_gold_checker_passes_from_any_folder(tmp_path):
    proc = run_gold_checker("dedup", tmp_path)
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith("OK"), proc.stdout + proc.stderr


def test_gold_checker_rejects_a_span_off_by_one(tmp_path):
    gold = json.loads((REPO / "tests" / "gold" / "dedup" / "seeds_gold.json").read_text(encoding="utf-8"))
    gold["groups"][0]["occurrences"][0]["start"] += 1
    bad = tmp_path / "seeds_gold.json"
    bad.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    proc = run_gold_checker("dedup", tmp_path, gold=bad)
    assert proc.returncode == 1, proc.stdout + proc.stderr


def test_reworded_copies_do_not_depend_on_how_the_neighbourhoods_are_cut(monkeypatch):
    """The aligned pairs' neighbourhoods are expanded a slice at a time (bounded memory on a pile of
    copies); slices of three pairs give the seeds' tables as one slice does."""
    import pipeline.dedup.merge as merge

    params = IngestParams()
    files, _ = discover(REPO, params)
    docs, passages, _ = (t.to_pandas() for t in read_partition(REPO, files, params))
    whole = run_dedup(passages, docs, DedupParams())
    monkeypatch.setattr(merge, "CHUNK_PAIRS", 3)
    sliced = run_dedup(passages, docs, DedupParams())
    assert (whole["links"]["method"] == "reworded").any()
    for name in ("passages", "clusters", "links"):
        assert whole[name].equals(sliced[name]), name
