"""Repeated blocks: runs of consecutive repeated passages reprinted together.

An article reprinted inside a thread is one finding, not ninety. Two runs are
copies of one block when their passages are pairwise in the same clusters,
position by position up to a drift of `block_reorder` places (editions
reorder paragraphs) and
with at most `block_gap` unrepeated passages inside a run. Pairwise copies
that overlap are merged, so a post quoted four times is one block with five
copies.
"""

from __future__ import annotations

import numpy as np

from pipeline.dedup.merge import UnionFind, within_cluster_pairs


def find_blocks(root: np.ndarray, member: np.ndarray, doc: np.ndarray, seq: np.ndarray,
                gap: int, reorder: int, cap: int = 20) -> list[list[tuple[int, int, int]]]:
    """Blocks as lists of copies (doc, first gi, last gi), copies in global order.

    `root[gi]` is the cluster root of each passage, `member[gi]` whether it is a
    member of a cluster with at least two members.
    """
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
