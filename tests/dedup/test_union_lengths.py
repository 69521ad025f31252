"""union_lengths: the characters a document's repeated passages cover, intervals merged per document."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from pipeline.dedup.stage import union_lengths

INTERVAL = st.tuples(st.integers(0, 3), st.integers(0, 60), st.integers(0, 25))


def covered(intervals: list[tuple[int, int, int]], group: int) -> int:
    chars = set()
    for g, start, length in intervals:
        if g == group:
            chars.update(range(start, start + length))
    return len(chars)


@settings(max_examples=300, deadline=None)
@given(st.lists(INTERVAL, max_size=40))
def test_the_union_of_each_groups_intervals_counts_each_character_once(intervals):
    group = np.array([g for g, _, _ in intervals], np.int64)
    start = np.array([s for _, s, _ in intervals], np.int64)
    end = np.array([s + n for _, s, n in intervals], np.int64)
    got = union_lengths(group, start, end, 5)
    assert got.tolist() == [covered(intervals, g) for g in range(5)]


def test_touching_nested_and_far_apart_passages():
    group = np.array([0, 0, 0, 0, 1, 1], np.int64)
    start = np.array([0, 10, 12, 40, 5, 5], np.int64)
    end = np.array([10, 20, 15, 50, 5, 9], np.int64)   # 0-10 and 10-20 touch; 12-15 inside; an empty one
    assert union_lengths(group, start, end, 3).tolist() == [30, 4, 0]
