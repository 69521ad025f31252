"""Which Prefect task runner maps a stage's partitions: threads or Dask.

Outputs never depend on the runner, so ``runner`` is deliberately not a DVC
param of any stage: switching to Dask does not invalidate the tables.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from pipeline.core.params import Section


class RunnerParams(Section):
    kind: Literal["threads", "processes", "dask"] = Field(
        "threads",
        description="threads (default), processes (a local process pool: CPU-bound "
        "stages use every core) or dask (prefect-dask)",
    )
    max_workers: int = Field(2, ge=1, le=256, description="threads or processes for those kinds")
    stage_threads: dict[str, int] = Field(
        default_factory=dict,
        description="worker threads for particular stages (threads runner), e.g. {ingest: 1}: a stage "
        "whose work holds the GIL can run slower on two threads than on one (bench/bench_runner.py)",
    )
    dask_address: str | None = Field(
        None,
        description="address of a running Dask scheduler (tcp://host:8786); "
        "empty starts a local Dask cluster",
    )
    dask_workers: int = Field(2, ge=1, le=256, description="workers of the local Dask cluster")

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
    """Build the Prefect task runner the params ask for."""
    if params.kind == "dask":
        from prefect_dask import DaskTaskRunner

        if params.dask_address:
            return DaskTaskRunner(address=params.dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": params.dask_workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    if params.kind == "processes":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=params.max_workers)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=params.max_workers)
