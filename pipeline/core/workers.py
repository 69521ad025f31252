"""Worker processes that share what their parent loaded, and die with it.

A stage whose partitions are CPU-bound Python and a spaCy model (entities, facts)
gains nothing from threads (the GIL) and little from a pool of fresh processes
(each would load the model again). `map_forked` forks a pool after the parent has
loaded the model, so each worker starts with it; results come back as plain
picklable values, in partition order. Every worker asks the kernel to kill it when
its parent dies (`die_with_parent`, Linux), and the pool is torn down in a
`finally`, so a killed stage leaves no worker behind.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable

PR_SET_PDEATHSIG = 1


def start_method() -> str:
    """fork where the platform has it (workers inherit the loaded model, as spaCy's own
    n_process does); spawn elsewhere. PIPELINE_MP_START overrides."""
    wanted = os.environ.get("PIPELINE_MP_START")
    methods = multiprocessing.get_all_start_methods()
    if wanted in methods:
        return wanted
    return "fork" if "fork" in methods else "spawn"


def die_with_parent() -> None:
    """Have the kernel send this process SIGKILL when its parent dies (Linux; elsewhere a no-op).
    Called first in every worker, so `kill -9` of a stage leaves no orphan computing on."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the call: nobody is waiting for this worker
        os._exit(1)


def _worker_start(initializer: Callable | None, initargs: tuple) -> None:
    die_with_parent()
    if initializer is not None:
        initializer(*initargs)


def map_forked(fn: Callable[..., Any], items: list[Any], n_process: int, *,
               initializer: Callable | None = None, initargs: tuple = (),
               progress: Callable[[int, int, float], None] | None = None) -> list[Any]:
    """[fn(item) for item in items], on `n_process` worker processes when there are two
    items or more (in this process otherwise). `progress(done, total, seconds)` is called
    as results arrive. The pool is shut down, its workers stopped, whatever happens."""
    started = time.monotonic()
    total = len(items)
    if n_process <= 1 or total < 2:
        out = []
        for i, item in enumerate(items, 1):
            out.append(fn(item))
            if progress:
                progress(i, total, time.monotonic() - started)
        return out
    pool = ProcessPoolExecutor(max_workers=min(n_process, total),
                               mp_context=multiprocessing.get_context(start_method()),
                               initializer=_worker_start, initargs=(initializer, initargs))
    try:
        out = []
        for i, result in enumerate(pool.map(fn, items), 1):
            out.append(result)
            if progress:
                progress(i, total, time.monotonic() - started)
        return out
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
