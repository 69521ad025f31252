"""Candidate pairs from an inverted index of shingles, sharded by hash.

Every unique shingle of every passage is in the index; each passage looks up
only its sample (bottom-k sketch). A pair is a candidate when one passage's
sampled shingles occur in the other: that finds near copies (they share most
shingles) and passages contained in longer ones (all of the short one's
sample is inside the long one), whatever the length difference, which a
Jaccard-only MinHash LSH cannot do.

Sub-quadratic: a shingle shared by more than `max_df` passages is a common
phrase and is skipped, so a posting list costs at most max_df² / 2 pairs.
Shards (hash ranges) are independent tasks; the counts of a pair found in
several shards are summed in `merge_counts`.
"""

from __future__ import annotations

import numpy as np


def shard_of(h: np.ndarray, shards: int) -> np.ndarray:
    return (h % np.uint64(shards)).astype(np.int64)


def shard_pairs(h: np.ndarray, gi: np.ndarray, sel: np.ndarray, n_total: int,
                max_df: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (as keys a * n_total + b, a < b) sharing a shingle, with counts.

    `h`, `gi`, `sel`: the index entries of one shard (only representatives of
    exact groups, so copies do not pair with each other).
    """
    if len(h) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = np.argsort(h, kind="stable")
    h, gi, sel = h[order], gi[order], sel[order]
    start = np.ones(len(h), dtype=bool)
    start[1:] = h[1:] != h[:-1]
    gstart = np.flatnonzero(start)
    gsize = np.diff(np.append(gstart, len(h)))
    gid = np.repeat(np.arange(len(gstart)), gsize)
    has_sel = np.bincount(gid, weights=sel, minlength=len(gstart)) > 0
    ok_group = (gsize >= 2) & (gsize <= max_df) & has_sel
    keep = ok_group[gid]
    if not keep.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    gi, sel, gid = gi[keep], sel[keep], gid[keep]
    # pairs are generated a batch of whole posting lists at a time, so memory stays
    # bounded by BATCH_PAIRS whatever the corpus size
    first = np.ones(len(gid), dtype=bool)
    first[1:] = gid[1:] != gid[:-1]
    kstart = np.flatnonzero(first)
    ksize = np.diff(np.append(kstart, len(gid)))
    gpairs = ksize * (ksize - 1) // 2
    cum = np.cumsum(gpairs)
    batch_of = cum // BATCH_PAIRS
    cuts = np.flatnonzero(np.diff(batch_of)) + 1
    results = []
    for groups in np.split(np.arange(len(kstart)), cuts):
        if not len(groups):
            continue
        lo_e = kstart[groups[0]]
        hi_e = kstart[groups[-1]] + ksize[groups[-1]]
        results.append(_pairs_of(gi[lo_e:hi_e], sel[lo_e:hi_e], ksize[groups], n_total))
    return merge_counts(results)


BATCH_PAIRS = 4_000_000


def _pairs_of(gi: np.ndarray, sel: np.ndarray, sizes: np.ndarray, n_total: int):
    """Pairs within consecutive posting lists of the given sizes (a sampled shingle on one side)."""
    starts = np.cumsum(sizes) - sizes
    rank = np.arange(len(gi)) - np.repeat(starts, sizes)
    after = np.repeat(sizes, sizes) - rank - 1  # partners after each entry in its list
    total = int(after.sum())
    left = np.repeat(np.arange(len(gi)), after)
    offs = np.arange(total) - np.repeat(np.cumsum(after) - after, after)
    right = left + offs + 1
    useful = sel[left] | sel[right]
    a, b = gi[left[useful]], gi[right[useful]]
    keys = np.minimum(a, b) * np.int64(n_total) + np.maximum(a, b)
    return np.unique(keys, return_counts=True)


def merge_counts(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Sum the counts of the same pair over shards."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    keys = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([p[1] for p in parts])
    uniq, inv = np.unique(keys, return_inverse=True)
    return uniq, np.bincount(inv, weights=counts).astype(np.int64)


def select_candidates(keys: np.ndarray, counts: np.ndarray, n_sel: np.ndarray, n_total: int,
                      min_shared: int) -> np.ndarray:
    """Pairs (k x 2, int64) that share enough sampled shingles to be compared."""
    a, b = keys // n_total, keys % n_total
    need = np.minimum(min_shared, np.maximum(1, np.minimum(n_sel[a], n_sel[b])))
    ok = counts >= need
    return np.stack([a[ok], b[ok]], axis=1)
