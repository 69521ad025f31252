"""A stage whose Prefect server dies under it: finish the work, say so in one line, exit.

Prefect reports a flow run's final state through its API and retries for minutes
when the server is gone, printing each failed event with its payload. The work
itself (the flow's body, which writes the stage's tables atomically) does not need
the server. So while a stage runs, a thread asks the server's /health once a
second; after a few misses it prints one line, mutes Prefect's retry chatter, waits
for the flow's body to return, and ends the process: exit 0 when that was the last
stage asked for (its tables are written; its run is not recorded in Prefect), else
exit 1 naming the stages that did not run.
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
import sys
import threading
import time
from dataclasses import dataclass, field

from pipeline.core.prefect_server import healthy

POLL_SECONDS = 1.0
MISSES = 5  # consecutive unanswered health checks before the server counts as gone (a dead one refuses at
# once: 5 s; a busy one that is merely slow gets 5 timeouts, 25 s or more, before it counts as gone)
HEALTH_TIMEOUT = 5.0  # a busy server may be slow; a dead one refuses at once


@dataclass
class StageRun:
    """One stage's flow body, watched: `finished` is set when it has returned."""
    name: str
    started: float
    finished: threading.Event = field(default_factory=threading.Event)
    summary: object = None


# runs being watched, by stage name: the wrapped flow body refers to its run by name only,
# so that the flow stays picklable (the Dask runner ships it with its tasks; an Event is not)
_RUNS: dict[str, StageRun] = {}


def watched(flow, run: StageRun):
    """`flow` with its body wrapped so that `run` learns when the body (the work) has returned."""
    inner, name = flow.fn, run.name
    _RUNS[name] = run

    @functools.wraps(inner)
    def body(*args, **kwargs):
        return _finished(name, inner(*args, **kwargs))

    # Prefect validates parameters from the signature: give it with the annotations resolved
    # where the flow is defined (as strings they would be looked up in this module)
    body.__signature__ = inspect.signature(inner, eval_str=True)
    flow.fn = body
    return flow


def _finished(name: str, summary):
    """Called by a watched flow body as it returns (module level: pickled by reference)."""
    stage_run = _RUNS.get(name)
    if stage_run is not None:
        stage_run.summary = summary
        stage_run.finished.set()
    return summary


def _mute_prefect() -> None:
    """Silence Prefect's loggers: each failed API call and event would print its payload."""
    for name in list(logging.root.manager.loggerDict):
        if name == "prefect" or name.startswith("prefect."):
            logging.getLogger(name).disabled = True


class ApiWatch:
    """Watches the API for the stages of one `pipeline run`; see the module docstring."""

    def __init__(self, api_url: str, stages: list[str], exit=os._exit):
        self.api_url = api_url
        self.stages = stages
        self.current: StageRun | None = None  # the stage whose flow is running
        self.completed: list[str] = []
        self._exit = exit  # os._exit: the main thread is stuck in the client's retries
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="prefect-api-watch", daemon=True)

    def __enter__(self) -> ApiWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()

    def stage(self, name: str, flow):
        """`flow`, watched as the stage now running."""
        self.current = StageRun(name, time.monotonic())
        return watched(flow, self.current)

    def stage_done(self) -> None:
        self.completed.append(self.current.name)
        self.current = None

    def _watch(self) -> None:
        misses = 0
        while not self._stop.wait(POLL_SECONDS):
            misses = 0 if healthy(self.api_url, HEALTH_TIMEOUT) else misses + 1
            if misses >= MISSES:
                self._lost()
                return

    def _lost(self) -> None:
        run = self.current
        _mute_prefect()
        name = run.name if run else "the run"
        print(f"error: the Prefect server at {self.api_url} stopped answering during {name}; "
              f"finishing {name} without it (its run will not be complete in Prefect)",
              file=sys.stderr, flush=True)
        if run is not None:
            run.finished.wait()
            print(f"{run.name}: done in {time.monotonic() - run.started:.1f}s (tables written; "
                  "not recorded in Prefect)", flush=True)
            self.completed.append(run.name)
        rest = [s for s in self.stages if s not in self.completed]
        if rest:
            print(f"error: not run: {', '.join(rest)}; once a server answers, run "
                  f"`python -m pipeline run {' '.join(rest)}`", file=sys.stderr, flush=True)
        sys.stdout.flush()
        sys.stderr.flush()
        self._exit(1 if rest else 0)
