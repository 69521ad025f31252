"""The dedup stage's candidate index and verification shortcuts against plain
reference implementations: the packed, sorted, bucketed pair counting must give
exactly the pairs of its definition, however the work is split, and the
alignment bound in verification must not change a single link."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pandas as pd
from hypothesis import given, settings, strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

import pipeline.dedup.candidates as cand
from pipeline.dedup.merge import within_cluster_pairs
from pipeline.dedup.params import DedupParams
from pipeline.dedup.signatures import mix64, tokenise
from pipeline.dedup.verify import LINK_COLUMNS, shingle_jaccard, verify_pairs
from pipeline.text.normalize import normalize_for_match, tokens

from tests.dedup.test_dedup import dedup


# -- candidate pairs ------------------------------------------------------------

def _corpus(rng: random.Random, n_passages: int, n_total: int, vocab: int, sketch: int):
    """Passages at random places of [0, n_total), each a set of shingles with a
    bottom-k sample (by hash, as signatures.shingles does)."""
    gis = sorted(rng.sample(range(n_total), n_passages))
    shingle_hash = {s: int(mix64(np.array([s + 1], np.uint64))[0]) >> 16 << 16 for s in range(vocab)}
    sets, samples = {}, {}
    for g in gis:
        sh = set(rng.sample(range(vocab), rng.randint(1, min(vocab, 12))))
        sets[g] = sh
        samples[g] = set(sorted(sh, key=lambda s: shingle_hash[s])[:sketch])
    h = np.array([shingle_hash[s] for g in gis for s in sorted(sets[g])], dtype=np.uint64)
    gi = np.array([g for g in gis for _ in sets[g]], dtype=np.int64)
    sel = np.array([s in samples[g] for g in gis for s in sorted(sets[g])], dtype=bool)
    n_sel = np.zeros(n_total, dtype=np.int32)
    for g in gis:
        n_sel[g] = len(samples[g])
    return sets, samples, h, gi, sel, n_sel


def _reference(sets, samples, n_sel, max_df: int, min_shared: int) -> list[tuple[int, int]]:
    """Candidates by their definition: shingles shared by a pair, sampled by at
    least one of the two, in 2..max_df passages; enough of them."""
    df: dict[int, int] = {}
    for sh in sets.values():
        for s in sh:
            df[s] = df.get(s, 0) + 1
    out = []
    for a, b in itertools.combinations(sorted(sets), 2):
        count = sum(1 for s in sets[a] & sets[b]
                    if (s in samples[a] or s in samples[b]) and df[s] <= max_df)
        need = min(min_shared, max(1, min(n_sel[a], n_sel[b])))
        if count and count >= need:
            out.append((a, b))
    return out


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), n_total=st.sampled_from([40, 1000, 300_000, 5_000_000]),
       max_df=st.integers(2, 8), min_shared=st.integers(1, 3), shards=st.integers(1, 5))
def test_candidate_pairs_are_exactly_those_of_the_definition(seed, n_total, max_df, min_shared, shards):
    rng = random.Random(seed)
    n_passages = min(n_total, rng.randint(2, 30))
    sets, samples, h, gi, sel, n_sel = _corpus(rng, n_passages, n_total, vocab=rng.randint(3, 25), sketch=3)
    expected = _reference(sets, samples, n_sel, max_df, min_shared)
    # tiny batches and chunks, so that every boundary is crossed
    old = cand.BATCH_PAIRS, cand.RUN_CHUNK
    cand.BATCH_PAIRS, cand.RUN_CHUNK = 3, 4
    try:
        packed = cand.pack_entries(h, gi, sel, n_total)
        packed.sort()
        lists = cand.posting_lists(packed, n_total, max_df, chunk=5)
        got, distinct = cand.candidate_pairs(lists, n_total, n_sel, min_shared)
        # the flow's way: one task per slice of first passages, results concatenated
        sliced = [cand.candidate_pairs(lists, n_total, n_sel, min_shared, first=r)
                  for r in cand.pair_slices(n_total, shards)]
    finally:
        cand.BATCH_PAIRS, cand.RUN_CHUNK = old
    assert [tuple(p) for p in got.tolist()] == expected
    flow = np.concatenate([c for c, _ in sliced])
    assert [tuple(p) for p in flow.tolist()] == expected
    assert distinct == sum(k for _, k in sliced)


def test_pair_slices_cover_every_passage_once():
    for n, parts in [(1, 4), (3, 4), (10, 1), (233_147, 4), (1000, 7)]:
        slices = cand.pair_slices(n, parts)
        assert slices[0][0] == 0 and slices[-1][1] == n
        assert all(a[1] == b[0] for a, b in zip(slices, slices[1:]))
        assert all(hi > lo for lo, hi in slices) and len(slices) <= parts


def test_index_entries_keep_passage_sampled_flag_and_shingle():
    h = np.array([0xFFFF_0000_0000_0000, 0x1234_5678_9ABC_0000, 0x1234_5678_9ABC_0000], dtype=np.uint64)
    gi = np.array([7, 3, 9])
    sel = np.array([False, True, False])
    packed = cand.pack_entries(h, gi, sel, 10)
    assert cand.entry_passages(packed, 10).tolist() == [7, 3, 9]
    packed.sort()
    # same shingle: sampled entry first; the other shingle last (higher hash)
    assert cand.entry_passages(packed, 10).tolist() == [3, 9, 7]
    g, sizes, n_sel = cand.posting_lists(packed, 10, max_df=5)
    assert g.tolist() == [3, 9] and sizes.tolist() == [2] and n_sel.tolist() == [1]


def test_common_shingles_above_max_df_are_skipped_but_exact_repeats_are_kept():
    # every shingle of the repeated line is in more than max_df distinct passages:
    # no candidate comes from the index for it, yet its exact copies are found by key
    line = "The people of the town were tired of waiting."
    others = [line + " " + end for end in ("Then came the strike.", "Nobody asked them why.",
                                           "The mayor left in May.")]
    t = dedup([line, others[0]], [line, others[1]], [line, others[2]], [line], max_df=2)
    p = t["passages"].set_index("passage_id")
    copies = p.loc[["d000-p00000", "d001-p00000", "d002-p00000", "d003-p00000"]]
    assert copies["cluster_id"].nunique() == 1 and copies["cluster_id"].notna().all()
    assert copies["skip_downstream"].sum() == 3 and (copies["match"] == "exact").all()
    assert t["_stats"]["pairs_indexed"] == 0


# -- verification ----------------------------------------------------------------

def _verify_reference(pairs, tokstr, n_alpha, region, params) -> pd.DataFrame:
    """verify_pairs as it was before the LCS bound: the alignment on every pair."""
    rows = []
    near_t, jac_t, cont_t = params.near_threshold, params.jaccard_threshold, params.contain_threshold
    min_alpha = (params.min_contained_words + 1) // 2
    for a, b in pairs:
        a, b = int(a), int(b)
        sa, sb = tokstr[a], tokstr[b]
        if not sa or not sb:
            continue
        inner, outer = (a, b) if len(sa) <= len(sb) else (b, a)
        si, so = (sa, sb) if inner == a else (sb, sa)
        ni, no = len(si), len(so)
        r = Indel.normalized_similarity(si, so)
        if r >= near_t:
            rows.append((a, b, "near", r, None, True, inner, outer, None, None))
            continue
        if ni >= params.min_contained_words and n_alpha[inner] >= min_alpha and ni < no:
            al = fuzz.partial_ratio_alignment(si, so, score_cutoff=cont_t * 100)
            if al is not None and al.score >= cont_t * 100:
                if ni >= params.exact_short_words or al.score >= 100:
                    member = ni / no >= params.member_coverage
                    rows.append((a, b, "contained" if member else "quoted", r, al.score / 100, member,
                                 inner, outer, al.dest_start, al.dest_end))
                    continue
        if ni / no >= jac_t and r >= jac_t / 2:
            j = shingle_jaccard(si, so, params.shingle_words)
            if j >= jac_t:
                rows.append((a, b, "shingles", max(j, r), None, True, inner, outer, None, None))
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def test_alignment_bound_changes_no_link():
    rng = random.Random(11)
    alphabet = [chr(0x100 + i) for i in range(40)]
    texts = []
    for _ in range(400):
        kind = rng.random()
        if texts and kind < 0.5:  # a piece of an earlier text, edited a little
            src = rng.choice(texts)
            s = rng.randrange(len(src))
            piece = list(src[s:s + rng.randint(3, 60)])
            for _ in range(rng.randint(0, 3)):
                if piece:
                    piece[rng.randrange(len(piece))] = rng.choice(alphabet)
            texts.append("".join(piece) or rng.choice(alphabet))
        else:
            texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120))))
    texts[5] = ""  # empty token strings are never linked
    n_alpha = np.array([len(t) for t in texts])
    pairs = np.array([(a, b) for a, b in itertools.combinations(range(len(texts)), 2)
                      if rng.random() < 0.5], dtype=np.int64)
    # word for word at boundaries is checked on raw text; short ones are judged as if at boundaries
    import pipeline.dedup.verify as verify
    old = verify._short_at_boundaries
    verify._short_at_boundaries = lambda *a: True
    try:
        for params in (DedupParams(), DedupParams(contain_threshold=0.75, near_threshold=0.6,
                                                  min_contained_words=3, exact_short_words=6)):
            got = verify_pairs(pairs, texts, n_alpha, lambda g: "", params)
            want = _verify_reference(pairs, texts, n_alpha, lambda g: "", params)
            assert len(want) > 40 and set(want["method"]) >= {"near", "contained", "quoted"}
            pd.testing.assert_frame_equal(got.astype(object), want.astype(object))
    finally:
        verify._short_at_boundaries = old


# -- tokenisation -----------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
                | st.text(alphabet="ab1 2_-.'\x00\n", max_size=40), max_size=12))
def test_tokenise_finds_the_normalisers_tokens_and_hashes_words_consistently(raw):
    norms = [normalize_for_match(t) for t in raw] + ["Kazakhstan 2011 ٣ 扎纳 " + "x" * 30, "x" * 30]
    h, figure, counts = tokenise(norms, seed=1)
    words = [tokens(n) for n in norms]
    assert counts.tolist() == [len(w) for w in words]
    flat = [w for ws in words for w in ws]
    assert figure.tolist() == [w.isdigit() for w in flat]
    seen: dict[str, int] = {}
    for w, x in zip(flat, h.tolist()):
        assert seen.setdefault(w, x) == x      # one word, one hash, wherever it is
    assert len(set(seen.values())) == len(seen)  # and different words, different hashes
    again, _, _ = tokenise(list(reversed(norms)), seed=1)
    assert sorted(again.tolist()) == sorted(h.tolist())
    other, _, _ = tokenise(norms, seed=2)
    assert not len(h) or (other != h).any()


# -- merge --------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.integers(1, 50).flatmap(lambda n: st.tuples(
    st.lists(st.integers(0, n - 1), min_size=n, max_size=n), st.lists(st.booleans(), min_size=n, max_size=n),
    st.integers(1, 6))))
def test_within_cluster_pairs_are_each_head_with_every_later_member(case):
    roots, clustered, cap = case
    root = np.minimum(np.array(roots), np.arange(len(roots)))
    got = within_cluster_pairs(root, np.array(clustered), cap).tolist()
    want = []
    for r in sorted({int(root[i]) for i in range(len(root)) if clustered[i]}):
        members = [i for i in range(len(root)) if clustered[i] and root[i] == r]
        want += [[h, m] for h in members[:cap] for m in members if m > h]
    assert got == want


def test_shingles_of_passages_far_apart_in_the_same_block_place_are_kept():
    # passage 0 and passage 64 sit at the same place of their blocks; with only
    # ineligible passages between them, their entries are next to each other
    from pipeline.dedup.signatures import shingles
    params = DedupParams(shingle_words=2, sketch_size=4)
    tok = np.array([1, 2] + [9] * 63 + [1, 2], dtype=np.uint64)
    lens = np.array([2] + [1] * 63 + [2])
    eligible = np.array([True] + [False] * 63 + [True])
    h, gi, sel, n_sel = shingles(tok, lens, eligible, 0, params)
    assert gi.tolist() == [0, 64] and h[0] == h[1] and n_sel[0] == n_sel[64] == 1
