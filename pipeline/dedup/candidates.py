"""Candidate pairs from an inverted index of shingles.

Every unique shingle of every passage is in the index; each passage looks up
only its sample (bottom-k sketch). A pair is a candidate when one passage's
sampled shingles occur in the other: that finds near copies (they share most
shingles) and passages contained in longer ones (all of the short one's
sample is inside the long one), whatever the length difference, which a
Jaccard-only MinHash LSH cannot do.

The count of a pair is the number of shingles the two passages share that are
in the sample of at least one of them; a pair is compared when the count
reaches `min_shared` (fewer when a passage has fewer sampled shingles).

Sub-quadratic: a shingle shared by more than `max_df` passages is a common
phrase and is skipped (a stop-shingle), so a posting list costs at most
max_df² / 2 pairs. Exact copies are not affected: they are grouped by key
before the index, which holds only one passage of each exact group.

Parallel tasks split the pairs, not the shingles: each takes a slice of
passages as the first (earlier) passage of a pair (`pair_slices`), reads every
posting list and counts only its own pairs, so every count is complete in one
task and a task returns only its candidates (no global table of counts).

Everything is sorting of flat uint64 arrays (no Python loop over passages or
posting lists), a bounded batch of posting lists at a time:

- an index entry (shingle, passage, sampled) is packed into one uint64, the
  shingle's top hash bits above a "not sampled" bit above the passage index,
  so one in-place value sort gives the posting lists with their sampled
  entries first, each part in passage order;
- a pair is written once per shingle that counts for it, as the key
  `a << passage_bits | b` (a < b), held as uint32 in buckets of `a`; one
  sort per bucket and the run lengths give the counts.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

BATCH_PAIRS = 1_000_000     # pairs generated at once (bounded temporaries)
RUN_CHUNK = 2_000_000       # sorted pair keys counted at once
_U64 = np.uint64


def passage_bits(n_total: int) -> int:
    """Bits of a passage index (a pair key holds two)."""
    bits = max(1, int(n_total - 1).bit_length())
    if bits > 32:
        raise ValueError(f"{n_total} passages: at most 2**32 can be indexed")
    return bits


def pack_entries(h: np.ndarray, gi: np.ndarray, sel: np.ndarray, n_total: int,
                 out: np.ndarray | None = None) -> np.ndarray:
    """Index entries packed into uint64s: shingle (top hash bits), then
    not-sampled, then passage. Shingles differing only in the low
    passage_bits(n_total) + 1 bits of their hash count as one: with 18 bits
    for 233k passages that leaves 45 bits, well beyond the number of shingles.
    """
    bits = passage_bits(n_total)
    low = _U64(bits + 1)
    packed = np.right_shift(h.astype(np.uint64, copy=False), low, out=out)
    packed <<= low
    packed |= (~sel.astype(bool)).astype(np.uint64) << _U64(bits)
    packed |= gi.astype(np.uint64)
    return packed


def entry_passages(packed: np.ndarray, n_total: int) -> np.ndarray:
    """Passage (gi) of each index entry."""
    return (packed & _U64((1 << passage_bits(n_total)) - 1)).astype(np.int64)


def posting_lists(packed: np.ndarray, n_total: int, max_df: int, chunk: int = RUN_CHUNK):
    """Posting lists that can make pairs: 2..max_df passages, at least one with the shingle sampled.

    `packed`: sorted index entries. Returns (passage of each kept entry
    (int32), list sizes, sampled entries per list); the entries of one list
    are consecutive, sampled ones first. Works a chunk of entries at a time
    (chunks end between lists), so temporaries stay small.
    """
    bits = passage_bits(n_total)
    low = _U64(bits + 1)
    n = len(packed)
    gs, sizes, sels = [], [], []
    s = 0
    while s < n:
        e = min(n, s + chunk)
        if e < n:  # end the chunk after the last entry of its last shingle
            last = packed[e - 1] >> low
            e = n if last == (_U64(0xFFFFFFFFFFFFFFFF) >> low) else \
                int(np.searchsorted(packed, (last + _U64(1)) << low))
        shingle = packed[s:e] >> low
        start = np.empty(e - s, dtype=bool)
        start[0] = True
        np.not_equal(shingle[1:], shingle[:-1], out=start[1:])
        del shingle
        gstart = np.flatnonzero(start)
        del start
        gsize = np.diff(np.append(gstart, e - s))
        # sampled entries come first in a list: the list has one iff its first entry is sampled
        first_sampled = ((packed[s + gstart] >> _U64(bits)) & _U64(1)) == 0
        ok = (gsize >= 2) & (gsize <= max_df) & first_sampled
        gstart, gsize = gstart[ok] + s, gsize[ok]
        sub = packed[_ranges(gstart, gsize)]
        gs.append((sub & _U64((1 << bits) - 1)).astype(np.int32))
        is_sel = ((sub >> _U64(bits)) & _U64(1)) == 0
        del sub
        list_of = np.repeat(np.arange(len(gsize)), gsize)
        sels.append(np.bincount(list_of, weights=is_sel, minlength=len(gsize)).astype(np.int64))
        sizes.append(gsize.astype(np.int64))
        s = e
    if not gs:
        return np.zeros(0, np.int32), np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(gs), np.concatenate(sizes), np.concatenate(sels)


def _ranges(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Concatenated aranges [s, s + size) (vectorised)."""
    total = int(sizes.sum())
    if not total:
        return np.zeros(0, np.int64)
    offs = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes)
    return np.arange(total, dtype=np.int64) + offs


def pair_runs(lists: tuple[np.ndarray, np.ndarray, np.ndarray], n_total: int,
              first: tuple[int, int] | None = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Distinct pairs sharing a counted shingle, with their counts, in key order
    a slice at a time: (sorted uint64 keys `a << passage_bits(n_total) | b`,
    a < b; uint32 counts), from `posting_lists`; only pairs whose first
    passage `a` is in the range `first` (lo, hi) if given.

    A pair is written once per shingle that counts for it. To halve the memory
    and the sort, the written pairs are held as uint32: the top bits of `a`
    choose a bucket (as many buckets as needed for the rest of the key to fit
    in 32 bits), the rest of the key is stored; buckets are sorted and counted
    one after the other, so their keys come out in order.
    """
    g, sizes, n_sel = lists
    bits = passage_bits(n_total)
    # enough buckets for the rest of a key to fit in 32 bits, and about 1k first passages
    # per bucket at most (smaller sorts are faster)
    bucket_bits = max(0, 2 * bits - 32, bits - 10)
    wide = bucket_bits > _MAX_BUCKET_BITS  # > 4M passages: plain uint64 keys, one bucket
    if wide:
        bucket_bits = 0
    rest_bits = 2 * bits - bucket_bits
    n_buckets = 1 << bucket_bits
    buckets: list[list[np.ndarray]] = [[] for _ in range(n_buckets)]
    # a sampled entry pairs with every entry after it in its list (sampled entries
    # come first, so a pair of two sampled entries is written once)
    per_list = n_sel * sizes - n_sel * (n_sel + 1) // 2
    lstart = np.cumsum(sizes) - sizes
    batch = np.cumsum(per_list) // BATCH_PAIRS
    cuts = np.flatnonzero(np.diff(batch)) + 1
    for sel_lists in np.split(np.arange(len(sizes)), cuts):
        if not len(sel_lists):
            continue
        lo = lstart[sel_lists[0]]
        hi = lstart[sel_lists[-1]] + sizes[sel_lists[-1]]
        a, b = _pairs_of(g[lo:hi], sizes[sel_lists], n_sel[sel_lists])
        if first is not None:
            mine = (a >= first[0]) & (a < first[1])
            a, b = a[mine], b[mine]
        key = (a.astype(np.uint64) << _U64(bits)) | b.astype(np.uint64)
        del a, b
        if wide:
            buckets[0].append(key)
            continue
        rest = (key & _U64((1 << rest_bits) - 1)).astype(np.uint32)
        if n_buckets == 1:
            buckets[0].append(rest)
            continue
        which = (key >> _U64(rest_bits)).astype(np.uint16)  # bucket_bits <= 12
        del key
        order = np.argsort(which, kind="stable")  # a radix sort on 16 bits
        bounds = np.cumsum(np.bincount(which, minlength=n_buckets))[:-1]
        for j, piece in enumerate(np.split(rest[order], bounds)):
            if len(piece):
                buckets[j].append(piece)
    for j in range(n_buckets):
        pieces, buckets[j] = buckets[j], []
        if not pieces:
            continue
        keys = pieces[0] if len(pieces) == 1 else np.concatenate(pieces)
        del pieces
        keys.sort()
        base = _U64(j) << _U64(rest_bits)
        for uk, counts in count_runs(keys):
            yield uk.astype(np.uint64) | base, counts
        del keys


_MAX_BUCKET_BITS = 12


def _pairs_of(g: np.ndarray, sizes: np.ndarray, n_sel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (a < b) within consecutive posting lists (sampled entries first in each)."""
    starts = np.cumsum(sizes) - sizes
    rank = np.arange(len(g)) - np.repeat(starts, sizes)
    after = np.where(rank < np.repeat(n_sel, sizes), np.repeat(sizes, sizes) - rank - 1, 0)
    left = np.repeat(np.arange(len(g)), after)
    right = _ranges(np.flatnonzero(after) + 1, after[after > 0])
    a, b = g[left], g[right]
    del left, right
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keep = lo != hi  # two shingles of one passage that share their kept hash bits
    return lo[keep], hi[keep]


def count_runs(keys: np.ndarray, chunk: int = RUN_CHUNK) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(unique keys, run lengths) of sorted keys, a chunk at a time (chunks end
    at run boundaries, so each key is in one chunk)."""
    n = len(keys)
    s = 0
    while s < n:
        e = min(n, s + chunk)
        if e < n:
            e = int(np.searchsorted(keys, keys[e - 1], side="right"))
        k = keys[s:e]
        new = np.empty(len(k), dtype=bool)
        new[0] = True
        np.not_equal(k[1:], k[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        yield k[starts], np.diff(np.append(starts, len(k))).astype(np.uint32)
        s = e


def select_candidates(keys: np.ndarray, counts: np.ndarray, n_sel: np.ndarray, n_total: int,
                      min_shared: int) -> np.ndarray:
    """Pairs (k x 2, int64) that share enough sampled shingles to be compared."""
    bits = passage_bits(n_total)
    a = (keys >> _U64(bits)).astype(np.int64)
    b = (keys & _U64((1 << bits) - 1)).astype(np.int64)
    need = np.minimum(min_shared, np.maximum(1, np.minimum(n_sel[a], n_sel[b])))
    ok = counts >= need
    return np.stack([a[ok], b[ok]], axis=1)


def candidate_pairs(lists: tuple[np.ndarray, np.ndarray, np.ndarray], n_total: int, n_sel: np.ndarray,
                    min_shared: int, first: tuple[int, int] | None = None) -> tuple[np.ndarray, int]:
    """Candidates from the posting lists, never holding every pair's count:
    (k x 2 int64 pairs in key order, number of distinct pairs sharing a counted
    shingle); only pairs whose first passage is in `first` (lo, hi) if given."""
    out, distinct = [], 0
    for uk, counts in pair_runs(lists, n_total, first):
        distinct += len(uk)
        out.append(select_candidates(uk, counts, n_sel, n_total, min_shared))
    cands = np.concatenate(out) if out else np.zeros((0, 2), np.int64)
    return cands, distinct


def pair_slices(n_total: int, parts: int) -> list[tuple[int, int]]:
    """Ranges of first passages that split the pairs about evenly between `parts`
    tasks: the first passage of a random pair falls below x·n with probability
    1 - (1 - x)², so the cuts are at n·(1 - sqrt(1 - j/parts))."""
    parts = max(1, min(parts, n_total))
    cuts = [0] + [int(n_total * (1 - (1 - j / parts) ** 0.5)) for j in range(1, parts)] + [n_total]
    return [(lo, hi) for lo, hi in zip(cuts[:-1], cuts[1:]) if hi > lo]
