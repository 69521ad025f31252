"""The reworded-copy search (pipeline/dedup/merge.py) and the sorted set operations it runs on.

After its first round the search expands only the aligned pairs the last round did not have and
counts the support of their neighbours over every aligned pair; these tests hold it to the plain
search (every aligned pair expanded every round) on a real pile of copies, and its parts to what
they stand for."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings, strategies as st

import pipeline.dedup.stage as dedup_stage
from pipeline.dedup import merge
from pipeline.dedup.arrays import sorted_union, sorted_unique, sorted_unique_counts
from pipeline.dedup.flow import run_dedup
from pipeline.dedup.params import DedupParams
from tests.dedup.piles import cluster_roots, pile_tables

int_arrays = st.lists(st.integers(-2**40, 2**40), max_size=60).map(lambda v: np.asarray(v, np.int64))


@settings(max_examples=200, deadline=None)
@given(int_arrays, int_arrays)
def test_sorted_set_operations_equal_numpys(a, b):
    assert np.array_equal(sorted_unique(a), np.unique(a))
    values, counts = sorted_unique_counts(a)
    expected_values, expected_counts = np.unique(a, return_counts=True)
    assert np.array_equal(values, expected_values) and np.array_equal(counts, expected_counts)
    assert np.array_equal(sorted_union(a, b), np.union1d(a, b))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=2, max_size=40), st.data())
def test_support_counts_what_expanding_the_aligned_pairs_counts(docs, data):
    """Every neighbour key of a round's aligned pairs has, by the reverse count over the alignment, the
    support the expansion gives it; and the alignment holds exactly the pairs it is made of."""
    doc = np.asarray(sorted(docs), np.int64)  # passages of a document are consecutive
    n = len(doc)
    roots = cluster_roots(data.draw(st.lists(st.integers(-1, 4), min_size=n, max_size=n)))
    clustered = np.bincount(roots, minlength=n)[roots] >= 2
    w, cap = data.draw(st.integers(1, 2)), data.draw(st.integers(1, 4))
    d = np.arange(-w, w + 1)
    dx, dy = np.repeat(d, len(d)), np.tile(d, len(d))
    rep = np.arange(n)
    alignment = merge.Alignment(roots, clustered, doc, cap, w)
    pairs = alignment.pairs()
    every = [(a, b) for a in range(n) for b in range(a + 1, n)]
    member = alignment.contains(np.array([a for a, _ in every], np.int64), np.array([b for _, b in every], np.int64))
    assert sorted(map(tuple, pairs.tolist())) == [p for p, m in zip(every, member.tolist()) if m]
    keys, support = np.unique(merge._neighbour_keys(pairs, d, doc, rep, roots, merge.CopiesByDocument(roots, doc)),
                              return_counts=True)
    assert np.array_equal(merge._support(keys, alignment, dx, dy, doc), support)


def plain_reworded_links(uf, clustered, doc, rep, tokstr, idf, params, cap=20, max_rounds=8):
    """The search as it was before rounds became incremental: every aligned pair expanded every round,
    each neighbour pair scored one by one (the reference)."""
    w = params.reworded_window
    n = len(doc)
    found, rejected, rounds = [], set(), 0
    d = np.arange(-w, w + 1)
    dx, dy = np.repeat(d, len(d)), np.tile(d, len(d))

    def overlap(a, b):
        sa, sb = set(tokstr[a]), set(tokstr[b])
        wa, wb = (math.fsum(idf.get(c, 0.0) for c in s) for s in (sa, sb))
        return 0.0 if min(wa, wb) <= 0 else math.fsum(idf.get(c, 0.0) for c in sa & sb) / min(wa, wb)

    for _ in range(max_rounds):
        roots = uf.roots()
        pairs = merge.within_cluster_pairs(roots, clustered(), cap)
        pairs = pairs[(doc[pairs[:, 0]] != doc[pairs[:, 1]]) | (pairs[:, 1] - pairs[:, 0] > 2 * w)]
        if not len(pairs):
            break
        rounds += 1
        keys, support = np.unique(merge._neighbour_keys(pairs, d, doc, rep, roots, merge.CopiesByDocument(roots, doc)),
                                  return_counts=True)
        accepted, touched = 0, set()
        for k in keys[support >= 2].tolist():
            if k in rejected:
                continue
            p, q = divmod(k, n)
            if (roots[p] in touched or roots[q] in touched) and uf.find(p) == uf.find(q):
                continue
            short, long_ = sorted((len(tokstr[rep[p]]), len(tokstr[rep[q]])))
            score = overlap(rep[p], rep[q]) if short >= params.reworded_min_words and short * 3 >= long_ else 0.0
            if score >= params.reworded_threshold:
                uf.union(p, q)
                touched.update((roots[p], roots[q]))
                found.append((int(rep[p]), int(rep[q]), score))
                accepted += 1
            else:
                rejected.add(k)
        if not accepted:
            break
    plain_reworded_links.rounds = rounds
    return found


def test_incremental_rounds_find_the_reworded_copies_the_plain_search_finds(tmp_path, monkeypatch):
    """A pile of the dev set's real documents and edited copies of them (bench_scale's pile: reprints
    with other figures, names and a sentence fewer), where the search runs several rounds: the same
    links, clusters and passages as the plain search."""
    docs, passages = pile_tables(tmp_path, 800)
    # near copies only when nearly equal: the edited paragraphs are left to the reworded search, whose
    # stretches then take several rounds to cover
    strict = DedupParams(near_threshold=0.95, jaccard_threshold=0.95)
    fast = run_dedup(passages, docs, strict)
    monkeypatch.setattr(merge, "CHUNK_PAIRS", 64)  # many parts: scores carried from part to part
    sliced = run_dedup(passages, docs, strict)
    monkeypatch.setattr(dedup_stage, "reworded_links", plain_reworded_links)
    plain = run_dedup(passages, docs, strict)
    assert plain_reworded_links.rounds >= 3
    assert (fast["links"]["method"] == "reworded").sum() >= 20
    for name in ("passages", "clusters", "links", "blocks"):
        assert fast[name].equals(plain[name]), name
        assert sliced[name].equals(plain[name]), name


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=80), st.integers(1, 20))
def test_parts_by_document_pair_keep_each_document_pair_whole(pairs, size):
    doc = np.arange(31) // 3  # three passages per document
    pairs = np.asarray(pairs, np.int64).reshape(-1, 2)
    parts = list(merge._by_document_pair(pairs, doc, size))
    assert sorted(map(tuple, np.concatenate(parts).tolist() if parts else [])) == sorted(map(tuple, pairs.tolist()))
    owner = {}
    for i, part in enumerate(parts):
        assert len(part)
        for a, b in part.tolist():
            assert owner.setdefault(tuple(sorted((doc[a], doc[b]))), i) == i  # a document pair in one part
        if i < len(parts) - 1:
            assert len(part) >= size  # cut only once a part has its size


def test_pairs_already_joined_are_not_verified_and_the_clusters_stay_the_same(tmp_path):
    """bench_scale's pile (real documents and many edited copies of each): verified a few thousand
    pairs at a time, the pairs whose passages earlier links joined are skipped; the clusters and
    blocks are those of verifying every candidate at once. Only the redundant links go, and with them
    a passage's best method where its best link was one of them."""
    docs, passages = pile_tables(tmp_path, 1200)
    at_once = run_dedup(passages, docs, DedupParams(verify_wave=10**9))
    in_waves = run_dedup(passages, docs, DedupParams(verify_wave=2_000, verify_chunk=500))
    assert at_once["_stats"]["joined_skipped"] == 0
    assert in_waves["_stats"]["joined_skipped"] > 500
    assert len(in_waves["links"]) < len(at_once["links"])
    for name in ("clusters", "blocks"):
        assert in_waves[name].equals(at_once[name]), name
    columns = ["passage_id", "cluster_id", "canonical_passage_id", "match", "similarity", "skip_downstream",
               "block_id"]
    assert in_waves["passages"][columns].equals(at_once["passages"][columns])
    methods = in_waves["passages"]["method"].fillna("") != at_once["passages"]["method"].fillna("")
    assert methods.sum() < 10
    occurrences = [c for c in at_once["occurrences"].columns if c != "relation"]
    assert in_waves["occurrences"][occurrences].equals(at_once["occurrences"][occurrences])
