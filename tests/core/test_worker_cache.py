"""A value a worker process builds once and lends to its tasks one thread at a time."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from pipeline.core.worker_cache import builds, held


def test_built_once_and_lent_to_one_thread_at_a_time():
    key = ("test", uuid.uuid4().hex)
    made, using, most = [], [0], [0]
    guard = threading.Lock()

    def build():
        time.sleep(0.05)  # a slow load: every thread asks meanwhile
        made.append(object())
        return made[-1]

    def task(seen: list):
        with held(key, build) as value:
            with guard:
                using[0] += 1
                most[0] = max(most[0], using[0])
            time.sleep(0.01)
            seen.append(value)
            with guard:
                using[0] -= 1

    seen: list = []
    threads = [threading.Thread(target=task, args=(seen,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 1 and builds()[key] == 1
    assert len(seen) == 8 and all(v is made[0] for v in seen)
    assert most[0] == 1  # never two threads inside the block at once


def test_a_failed_build_is_not_kept():
    key = ("test", uuid.uuid4().hex)

    def broken():
        raise OSError("no such model")

    for _ in range(2):  # the next task tries again (and says why it cannot)
        with pytest.raises(OSError, match="no such model"):
            with held(key, broken):
                raise AssertionError("no value to lend")
    assert key not in builds()
    with held(key, lambda: "loaded") as value:
        assert value == "loaded"
