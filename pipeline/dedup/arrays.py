"""Set operations on big integer arrays by sorting.

numpy 2.3+ answers np.unique (and union1d, built on it) through a hash table unless counts are
asked for; on the millions of int64 keys dedup handles that path is tens of times slower than a
sort (2.4.6 here: 5.6 s against 0.1 s for 5M keys, and np.unique(return_counts=True) 0.5 s), so
dedup's hot paths sort instead. Same values, same order (ascending) as np.unique.
"""

from __future__ import annotations

import numpy as np


def first_of_runs(x: np.ndarray) -> np.ndarray:
    """Mask of the first element of each run of equal values (of a sorted array: of each value)."""
    first = np.ones(len(x), dtype=bool)
    first[1:] = x[1:] != x[:-1]
    return first


def sorted_unique(x: np.ndarray) -> np.ndarray:
    """np.unique(x), by sorting."""
    if not len(x):
        return x
    x = np.sort(x)
    return x[first_of_runs(x)]


def sorted_unique_counts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(x, return_counts=True), by sorting."""
    if not len(x):
        return x, np.zeros(0, np.int64)
    x = np.sort(x)
    first = first_of_runs(x)
    starts = np.flatnonzero(first)
    return x[first], np.diff(np.append(starts, len(x)))


def sorted_union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """np.union1d(a, b), by sorting."""
    return sorted_unique(np.concatenate((a, b)))
