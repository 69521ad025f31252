"""Scheduled rebuilds: a Prefect deployment whose run is `dvc repro` + versioning.

A run takes a project-wide lock first. If another run (scheduled or by hand
through this module) holds it, the new run ends at once in the state
"Skipped" (a completed state: `pipeline status` lists it), so overlapping runs
never interleave; a restarted serve process that fires its missed runs at once
therefore does one rebuild, not many. The serve loop starts a run that comes
due while another is running (so it is recorded as skipped, not left "Late").
SIGTERM ends the serve loop: the run in progress is cancelled and the commands
it started (dvc and the stages under it) are stopped with it. After `dvc repro`
the outputs are pushed to the DVC remote and everything that defines the version
is committed to git (dvc.lock, params.yaml, the metrics, and every stage dependency
in dvc.yaml that is not an output: the code, the corpus folder with its documents,
profile and gazetteer), so every scheduled version can be checked out and rebuilt.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.states import Completed

from pipeline.core.paths import tool_env

LOCK_NAME = ".pipeline-run.lock"
# what every version commits besides each stage's dependencies (dvc.yaml): the lock with the
# hashes of every output, the parameters, the metrics and plots git keeps, and the corpus fence
VERSIONED = ("dvc.lock", "dvc.yaml", "params.yaml", "reports/metrics.json", "reports/plots", ".dvcignore")


STOP_GRACE_SECONDS = 10  # a cancelled run's commands get this long after SIGTERM, then SIGKILL


def _run(cmd: list[str], root: Path, logger) -> str:
    """Run a command in a process group of its own; if this run is stopped (cancelled,
    terminated), the whole group goes with it: dvc and the stage processes under it."""
    logger.info("$ %s", " ".join(cmd))
    proc = subprocess.Popen(cmd, cwd=root, env=tool_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = proc.communicate()
    except BaseException:
        _stop_group(proc)
        raise
    for line in output.splitlines()[-40:]:
        logger.info("  %s", line)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed with exit code {proc.returncode}; "
                           "see the lines above in this run's log")
    return output


def _stop_group(proc: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, STOP_GRACE_SECONDS), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, text=True, capture_output=True)


def versioned_paths(root: Path) -> list[str]:
    """Everything that defines a version: VERSIONED and every stage dependency in dvc.yaml that is
    not a DVC output (the code, the corpus folder with its documents, profile and gazetteer), so
    that `git checkout <commit> && dvc pull && dvc status` is clean for every scheduled commit."""
    import yaml

    spec = yaml.safe_load((root / "dvc.yaml").read_text(encoding="utf-8")) or {}
    stages = spec.get("stages") or {}
    outs = {next(iter(o)) if isinstance(o, dict) else o for st in stages.values() for o in st.get("outs") or []}
    deps = {d for st in stages.values() for d in st.get("deps") or []
            if not any(d == o or d.startswith(o.rstrip("/") + "/") for o in outs)}
    return sorted(p for p in {*VERSIONED, *deps} if (root / p).exists())


def commit_versions(root: Path, message: str, logger) -> str | None:
    """Commit what defines this version (versioned_paths) if any of it changed; return the commit id."""
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode:
        logger.info("not a git repository: versions are in the DVC cache and remote only")
        return None
    paths = versioned_paths(root)
    if not _git(root, "status", "--porcelain", "--untracked-files=all", "--", *paths).stdout.strip():
        logger.info("nothing that defines the version changed: nothing to commit")
        return None
    ident = []
    if not _git(root, "config", "user.email").stdout.strip():
        ident = ["-c", "user.name=pipeline scheduler", "-c", "user.email=pipeline@localhost"]
    _git(root, "add", "-A", "--", *paths)  # new documents too, removed ones as removed
    done = _git(root, *ident, "commit", "--no-verify", "-m", message, "--", *paths)
    if done.returncode:
        raise RuntimeError(f"git commit failed: {done.stderr.strip() or done.stdout.strip()}")
    sha = _git(root, "rev-parse", "HEAD").stdout.strip()
    logger.info("committed %s as %s", ", ".join(paths), sha[:12])
    return sha


@flow(name="scheduled-repro", log_prints=True)
def scheduled_repro(root: str, push: bool = True, git_commit: bool = True) -> dict:
    """Rebuild what changed, push the outputs to the DVC remote, commit dvc.lock."""
    logger = get_run_logger()
    project = Path(root)
    with open(project / LOCK_NAME, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.warning("another pipeline run holds %s: skipping this run", LOCK_NAME)
            return Completed(data={"skipped": True}, name="Skipped",
                             message=f"another pipeline run holds {LOCK_NAME}")
        # `pipeline repro`: dvc repro after the corpus check (entries DVC cannot hash are fenced)
        out = _run([sys.executable, "-m", "pipeline", "repro"], project, logger)
        ran = [line.split("'")[1] for line in out.splitlines() if line.startswith("Running stage '")]
        if push:
            _run([sys.executable, "-m", "dvc", "push"], project, logger)
        sha = None
        if git_commit:
            from prefect.runtime import flow_run

            sha = commit_versions(project, f"pipeline: scheduled rebuild ({flow_run.name or 'run'})\n\n"
                                           f"Stages re-run: {', '.join(ran) or 'none'}.", logger)
        return {"skipped": False, "stages_run": ran, "commit": sha}


def serve(root: Path, *, cron: str | None, interval: float | None, name: str,
          push: bool, git_commit: bool, run_now: bool) -> None:
    """Register the deployment and execute its runs until interrupted."""
    params = {"root": str(root), "push": push, "git_commit": git_commit}
    deployment = scheduled_repro.to_deployment(
        name=name, cron=cron, interval=interval, parameters=params,
        description="dvc repro on schedule, then dvc push and git commit of dvc.lock",
    )
    if run_now:
        scheduled_repro(**params)
    runner = _runner_class()(pause_on_shutdown=True, limit=OVERLAP_LIMIT)
    runner.add_deployment(deployment)
    try:
        asyncio.run(runner.start())
    except KeyboardInterrupt:
        pass


# two at a time: a run that comes due while one runs starts, finds the lock held and ends
# "Skipped" (with one at a time it would wait, shown as "Late", and run after)
OVERLAP_LIMIT = 2


def _runner_class():
    from prefect.runner import Runner

    class PipelineRunner(Runner):
        """Prefect's runner, whose SIGTERM handler stops it properly: Prefect's own calls the
        async stop from the signal handler without awaiting it, so the run in progress was
        neither cancelled nor stopped and stayed "Running"."""

        def handle_sigterm(self, *args) -> None:
            self._logger.info("SIGTERM received: cancelling the run in progress, then stopping")
            asyncio.get_running_loop().create_task(self.astop())

    return PipelineRunner
