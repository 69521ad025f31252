"""What a worker process loads once and lends to every task it runs (a model, on a Dask worker).

A Dask worker is a long-lived process that runs many tasks of a run, and of the
next run too; loading a spaCy model for each task would cost more than the task.
`held(key, build)` builds the value the first time this process asks for `key`
and lends the same object afterwards, to one thread at a time (a spaCy pipeline
and the caches beside it are not meant to be used by two threads at once; a
worker started with more than one thread runs the model one task at a time).
`builds()` counts what this process has built, so a test can ask each worker.
"""

from __future__ import annotations

import threading
from collections import Counter
from contextlib import contextmanager
from typing import Any, Callable, Hashable, Iterator

_LOCK = threading.Lock()  # guards the tables below, and a build in progress
_VALUES: dict[Hashable, Any] = {}
_IN_USE: dict[Hashable, threading.Lock] = {}
_BUILDS: Counter = Counter()


@contextmanager
def held(key: Hashable, build: Callable[[], Any]) -> Iterator[Any]:
    """This process's value for `key` (built now if it has none), held by this thread for the block."""
    with _LOCK:
        if key not in _VALUES:
            _VALUES[key] = build()
            _IN_USE[key] = threading.Lock()
            _BUILDS[key] += 1
        value, lock = _VALUES[key], _IN_USE[key]
    with lock:
        yield value


def builds() -> dict[Hashable, int]:
    """How many times this process built each value it holds (1 each, unless something is wrong)."""
    with _LOCK:
        return dict(_BUILDS)
