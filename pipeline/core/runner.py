"""Which Prefect task runner maps a stage's partitions: threads, processes or Dask.

Outputs never depend on the runner, so ``runner`` is deliberately not a DVC
param of any stage: switching to Dask does not invalidate the tables. On Dask,
every stage of a run uses the one cluster `pipeline.core.cluster.run_cluster`
chose for it; `flow_dask_client` tells a flow whether it runs there.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from pipeline.core.params import Section


class RunnerParams(Section):
    kind: Literal["threads", "processes", "dask"] = Field(
        "threads",
        description="threads (default), processes (a local process pool: CPU-bound "
        "stages use every core) or dask (every stage's tasks, the entities and facts models "
        "included, on one Dask cluster per run: dask_address, or a local one)",
    )
    max_workers: int = Field(2, ge=1, le=256, description="threads or processes for those kinds")
    stage_threads: dict[str, int] = Field(
        default_factory=dict,
        description="worker threads for particular stages (threads runner), e.g. {ingest: 1}: a stage "
        "whose work holds the GIL can run slower on two threads than on one (bench/bench_runner.py)",
    )
    dask_address: str | None = Field(
        None,
        description="address of a running Dask scheduler (tcp://host:8786) whose workers run "
        "every stage's tasks; never started nor stopped by the pipeline (README: Running on a "
        "cluster); empty: a local cluster of dask_workers processes, started once per run",
    )
    dask_workers: int = Field(2, ge=1, le=256,
                              description="worker processes (one thread each) of the local Dask cluster")

    @field_validator("stage_threads")
    @classmethod
    def _known_stages(cls, value: dict[str, int]) -> dict[str, int]:
        from pipeline.stages import STAGES

        for stage, workers in value.items():
            if stage not in STAGES:
                raise ValueError(f"unknown stage {stage!r}; stages: {', '.join(STAGES)}")
            if not 1 <= workers <= 256:
                raise ValueError(f"{stage}: {workers} workers; allowed: 1 to 256")
        return value

    def for_stage(self, stage: str) -> "RunnerParams":
        """These settings with the stage's own thread count, if it has one (threads runner only)."""
        if self.kind != "threads" or stage not in self.stage_threads:
            return self
        return self.model_copy(update={"max_workers": self.stage_threads[stage]})


def task_runner(params: RunnerParams):
    """Build the Prefect task runner the params ask for. Dask: a client of the run's
    scheduler (`dask_address`, filled in by `pipeline.core.cluster.run_cluster`)."""
    if params.kind == "dask":
        from prefect_dask import DaskTaskRunner

        if not params.dask_address:
            raise ValueError("the Dask runner needs the run's scheduler: "
                             "wrap the run in pipeline.core.cluster.run_cluster")
        return DaskTaskRunner(address=params.dask_address)
    if params.kind == "processes":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=params.max_workers)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=params.max_workers)


def flow_dask_client():
    """The Dask client of the running flow's task runner; None when the flow is not on Dask.

    A stage that otherwise starts processes of its own (entities' model pool) sends
    its work to the cluster instead when this is set."""
    import sys

    from prefect.context import FlowRunContext

    dask_runners = sys.modules.get("prefect_dask")  # imported by task_runner when the kind is dask
    ctx = FlowRunContext.get()
    runner = getattr(ctx, "task_runner", None)
    if dask_runners is None or not isinstance(runner, dask_runners.DaskTaskRunner):
        return None
    return runner.client


def dask_slots(client) -> int:
    """Tasks the cluster runs at once: its workers' threads (at least 1, before any has joined)."""
    return max(1, sum(client.nthreads().values()))
