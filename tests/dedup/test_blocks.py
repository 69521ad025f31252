"""Repeated blocks (pipeline/dedup/blocks.py): the vectorised search finds what a plain loop over the
aligned pairs finds, on random documents of repeated passages, and on the cases a reader names."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from pipeline.dedup.blocks import find_blocks
from pipeline.dedup.merge import UnionFind, within_cluster_pairs
from tests.dedup.piles import cluster_roots


def loop_blocks(root, member, doc, seq, gap, reorder, cap=20):
    """The search as it was written first, one aligned pair at a time (union-find over pairs, then
    over spans): the reference the vectorised find_blocks must equal."""
    pairs = within_cluster_pairs(root, member, cap)
    if not len(pairs):
        return []
    x, y = pairs[:, 0], pairs[:, 1]
    dx, dy = doc[x], doc[y]
    order = np.lexsort((seq[y], seq[x], dy, dx))
    x, y, dx, dy = x[order], y[order], dx[order], dy[order]
    sx, sy = seq[x], seq[y]
    m = len(x)
    uf = UnionFind(np.arange(m))
    step = 1 + gap
    doc_x, doc_y, seq_x, seq_y = dx.tolist(), dy.tolist(), sx.tolist(), sy.tolist()  # (scalars read fast)
    for i in range(m):
        j = i + 1
        while j < m and doc_x[j] == doc_x[i] and doc_y[j] == doc_y[i] and seq_x[j] - seq_x[i] <= step:
            step_x, step_y = seq_x[j] - seq_x[i], seq_y[j] - seq_y[i]
            # the second copy advances with the first, drifting at most `reorder` places
            if step_x >= 1 and step_y != 0 and abs(step_y - step_x) <= reorder:
                uf.union(i, j)
            j += 1
    comp = uf.roots()
    spans: list[tuple[int, int, int]] = []  # (doc, lo gi, hi gi)
    edges: list[tuple[int, int]] = []
    order = np.argsort(comp, kind="stable")
    bounds = np.flatnonzero(np.diff(comp[order])) + 1
    for idx in np.split(order, bounds):
        if len(idx) < 2:
            continue
        xs, ys = x[idx], y[idx]
        a = (int(dx[idx[0]]), int(xs.min()), int(xs.max()))
        b = (int(dy[idx[0]]), int(ys.min()), int(ys.max()))
        if a[1] == a[2] or b[1] == b[2]:
            continue  # fewer than two passages on a side
        if a[0] == b[0] and a[1] <= b[2] and b[1] <= a[2]:
            continue  # one run overlapping itself: a passage repeated in a row, not a block
        edges.append((len(spans), len(spans) + 1))
        spans += [a, b]
    if not spans:
        return []
    # merge overlapping spans of the same document, then connect the copies
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    span_uf = UnionFind(np.arange(len(spans)))
    cur, cur_doc, cur_hi = None, None, None
    for i in order:
        d, lo, hi = spans[i]
        if cur is not None and d == cur_doc and lo <= cur_hi:
            span_uf.union(cur, i)
            cur_hi = max(cur_hi, hi)
        else:
            cur, cur_doc, cur_hi = i, d, hi
    for a, b in edges:
        span_uf.union(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(spans)):
        groups.setdefault(span_uf.find(i), []).append(i)
    blocks = []
    for members in groups.values():
        by_doc: dict[int, list[tuple[int, int]]] = {}
        for i in members:
            d, lo, hi = spans[i]
            by_doc.setdefault(d, []).append((lo, hi))
        copies = []
        for d, ivs in by_doc.items():
            ivs.sort()
            lo, hi = ivs[0]
            for a, b in ivs[1:]:
                if a <= hi:
                    hi = max(hi, b)
                else:
                    copies.append((d, lo, hi))
                    lo, hi = a, b
            copies.append((d, lo, hi))
        if len(copies) >= 2:
            blocks.append(sorted(copies, key=lambda c: c[1]))
    blocks.sort(key=lambda b: b[0][1])
    return blocks


@st.composite
def corpora(draw):
    """Documents as runs of passages; a passage's cluster drawn from a few (so runs repeat), or none."""
    n_docs = draw(st.integers(1, 5))
    lengths = draw(st.lists(st.integers(1, 12), min_size=n_docs, max_size=n_docs))
    n = sum(lengths)
    root = cluster_roots(draw(st.lists(st.integers(-1, 6), min_size=n, max_size=n)))
    doc = np.repeat(np.arange(n_docs), lengths)
    member = np.bincount(root, minlength=n)[root] >= 2
    return root, member, doc, draw(st.integers(0, 2)), draw(st.integers(0, 3)), draw(st.integers(2, 20))


@settings(max_examples=300, deadline=None)
@given(corpora())
def test_blocks_equal_the_loop_over_pairs(case):
    root, member, doc, gap, reorder, cap = case
    seq = np.arange(len(doc))
    expected = loop_blocks(root, member, doc, seq, gap, reorder, cap)
    assert find_blocks(root, member, doc, seq, gap, reorder, cap) == expected


def test_an_article_reprinted_twice_with_a_paragraph_moved_is_one_block_of_three_copies():
    # three documents: paragraphs 0-3 of a story (clusters 0..3), the third copy with 1 and 2 swapped
    # and an unrepeated paragraph inside; a passage repeated in a row in one document is no block
    layout = [[0, 1, 2, 3], [-1, 0, 1, 2, 3], [0, 2, -1, 1, 3], [7, 7]]
    doc = np.repeat(np.arange(len(layout)), [len(d) for d in layout])
    flat = [c for d in layout for c in d]
    root = cluster_roots(flat)
    member = np.bincount(root, minlength=len(flat))[root] >= 2
    blocks = find_blocks(root, member, doc, np.arange(len(flat)), gap=1, reorder=3)
    assert blocks == [[(0, 0, 3), (1, 5, 8), (2, 9, 13)]]
