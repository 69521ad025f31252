"""The thin layer between pure stage functions and Prefect.

`map_partitions` fans a task out over partitions on whichever task runner the
flow has (threads or Dask) and reports progress as partitions finish
(`progress_reporter`, which the stages' own worker pools use as well);
`StageContext` gives a flow its project root, its own params section (loaded
once by the caller) and its inputs.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from prefect import get_run_logger, unmapped
from prefect.exceptions import MissingContextError

from pipeline.core.paths import data_dir
from pipeline.core.tables import Inputs


@dataclass(frozen=True)
class StageContext:
    root: Path
    stage: str
    inputs: Inputs

    @property
    def out_dir(self) -> Path:
        """data/<stage>/, the folder the stage swaps in whole."""
        return data_dir(self.root, self.stage)


def stage_context(root: str | Path, stage: str) -> StageContext:
    root = Path(root)
    return StageContext(root, stage, Inputs(root, stage))


def run_logger() -> logging.Logger | logging.LoggerAdapter:
    """The running flow's or task's Prefect logger (its lines reach the run's log and the UI);
    outside a run (tests, benchmarks) the `pipeline` logger."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("pipeline")


def progress_reporter(label: str, what: str = "partitions", logger=None) -> Callable[[int, int, float], None]:
    """`report(done, total, seconds)`, which logs "<label>: done/total <what> done (Ns)" at every
    tenth of the work and at its end: what a user watching a long stage sees move. `logger`: the
    run's (`run_logger`) unless given."""
    logger = logger or run_logger()

    def report(done: int, total: int, seconds: float) -> None:
        if done == total or done % max(1, total // 10) == 0:
            logger.info("%s: %d/%d %s done (%.1fs)", label, done, total, what, seconds)
    return report


def iter_partitions(task, partitions: list[Any], label: str, **constants) -> Iterator[Any]:
    """Run `task(part=..., index=..., **constants)` for each partition on the
    flow's task runner; yield results in partition order as they complete, so
    the caller can write each one out before the next arrives."""
    report = progress_reporter(label)
    if not partitions:
        return
    started = time.monotonic()
    futures = task.map(
        part=partitions,
        index=list(range(len(partitions))),
        **{k: unmapped(v) for k, v in constants.items()},
    )
    for i, fut in enumerate(futures, 1):
        result = fut.result()
        futures[i - 1] = None  # let the runner forget a result we have consumed
        yield result
        report(i, len(partitions), time.monotonic() - started)


def map_partitions(task, partitions: list[Any], label: str, **constants) -> list[Any]:
    """All results of `iter_partitions`, in partition order."""
    return list(iter_partitions(task, partitions, label, **constants))


def map_serial(task, partitions: list[Any], label: str, **constants) -> list[Any]:
    """What `map_partitions` returns, computed in this process without Prefect: the
    task's own function on each partition (tests and benchmarks drive a stage's
    phases with it, so they run the code the flow runs)."""
    fn = getattr(task, "fn", task)
    return [fn(part=part, index=i, **constants) for i, part in enumerate(partitions)]


def chunks(items: Iterable[Any], size: int) -> list[list[Any]]:
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]
