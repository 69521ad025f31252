"""Command-line interface: `python -m pipeline --help`."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from pipeline.stages import STAGES

EPILOG = """\
examples:
  python -m pipeline repro                 rebuild what changed (dvc repro) and version it
  python -m pipeline run ingest            run one stage now (what dvc repro calls)
  python -m pipeline run all --runner dask run every stage on a local Dask cluster
  python -m pipeline schedule --cron "0 6 * * *"
                                           rebuild every morning at 06:00, with history in Prefect
  python -m pipeline status                what is built, what is stale, recent runs
  python -m pipeline server stop           stop the local Prefect server the pipeline started

Prefect: if PREFECT_API_URL is set, that server is used; otherwise a local
server (SQLite in .prefect/) is started on first use and reused.
"""


def _root() -> Path:
    from pipeline.core.paths import project_root

    return project_root()


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 256, got {text!r}")
    return value


def _die(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _check_params(root: Path) -> None:
    from pipeline.core.params import load_params

    load_params(root / "params.yaml")


def _stage_flow_settings():
    """Prefect settings for stage flows, which last seconds, not hours.

    Prefect (3.x) beats a flow run's heartbeat from a thread that sleeps in
    1 s steps and joins it when the flow ends: up to 1 s lost per stage, about
    a sixth of a cold `dvc repro` on small corpora. Heartbeats only serve to
    flag crashed long runs; the scheduled deployment's flow, which wraps the
    whole `dvc repro`, keeps them. Setting PREFECT_FLOWS_HEARTBEAT_FREQUENCY
    yourself turns them back on for stage flows.
    """
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    if os.environ.get("PREFECT_FLOWS_HEARTBEAT_FREQUENCY") or os.environ.get("PREFECT_RUNNER_HEARTBEAT_FREQUENCY"):
        return temporary_settings()
    return temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})


def cmd_run(args) -> int:
    root = _root()
    from pipeline.core.params import load_params

    params = load_params(root / "params.yaml")  # once: each stage gets its own section
    names = list(STAGES) if args.stages == ["all"] else args.stages
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        return _die(f"unknown stage(s) {', '.join(unknown)}; stages: all, {', '.join(STAGES)}")
    if args.input_dir and "ingest" not in names:
        return _die("--input-dir is the ingest stage's input folder: run it with `run ingest`")
    if "ingest" in names:  # a wrong input folder is one line here, not a traceback from the flow
        from pipeline.ingest.corpus import input_folder

        input_folder(root, params["ingest"].input_dir, args.input_dir)
    # an input table that is missing or unreadable: one line naming it and what rebuilds it, before
    # anything starts (not a stage that skips what it cannot read, nor a traceback from the flow)
    from pipeline.core.tables import unavailable_inputs

    for i, name in enumerate(names):
        problems = unavailable_inputs(root, name, set(names[:i]))
        if problems:
            more = f" (and {len(problems) - 1} more input table(s))" if len(problems) > 1 else ""
            return _die(problems[0] + more)
    if "entities" in names:  # a gazetteer named in params.yaml that is missing or broken: one line
        from pipeline.entities.flow import corpus_gazetteer
        from pipeline.entities.gazetteer import GazetteerError

        try:
            corpus_gazetteer(root, params["entities"])
        except (GazetteerError, OSError) as exc:
            return _die(str(exc).strip().splitlines()[0])
    from pipeline.core.prefect_server import configure, wait_ready

    runner = params["runner"]
    if args.runner:
        runner = runner.model_copy(update={"kind": args.runner})
    url = configure(root, wait=False)  # a server to start boots while the stages are imported
    with contextlib.ExitStack() as run_scope:
        try:
            from pipeline.core.cluster import run_cluster

            flows = {name: STAGES[name].load() for name in names}
            # Dask: the run's one cluster (a local one starts here, while the server boots, and
            # closes when the run ends)
            runner = run_scope.enter_context(run_cluster(runner))
        finally:
            wait_ready()
        if args.verbose:
            print(f"Prefect API: {url}", file=sys.stderr)
            if runner.kind == "dask":
                print(f"Dask scheduler: {runner.dask_address}", file=sys.stderr)
        return _run_stages(root, names, params, runner, flows, url, args)


def _run_stages(root: Path, names: list[str], params: dict, runner, flows: dict, url: str, args) -> int:
    """Each stage's flow in turn, on `runner` (its Dask cluster already chosen)."""
    from pipeline.core.api_watch import ApiWatch
    from pipeline.core.runner import task_runner

    with ApiWatch(url, names) as watch:  # a server that dies mid-stage: finish, one line, exit
        for name in names:
            stage_runner = runner.for_stage(name)
            if args.workers:  # the command line beats params.yaml, for every stage
                stage_runner = stage_runner.model_copy(update={"max_workers": args.workers})
            flow = watch.stage(name, flows[name].with_options(task_runner=task_runner(stage_runner)))
            started = time.monotonic()
            extra = {"outside_input_dir": args.input_dir} if name == "ingest" and args.input_dir else {}
            with _stage_flow_settings():
                summary = flow(root=str(root), params=params[name], **extra)
            watch.stage_done()
            print(f"{name}: done in {time.monotonic() - started:.1f}s  {json.dumps(summary, default=str)}")
    return 0


def _fence_corpus(root: Path) -> bool:
    """Before DVC hashes the corpus: name each entry it cannot hash (links out of the
    corpus, broken links, pipes, devices, names that are not UTF-8) with what to do,
    and keep DVC away from them (.dvcignore; pipeline/ingest/dvc_fence.py). True if
    that set changed since the last run."""
    from pipeline.ingest.corpus import printable
    from pipeline.ingest.dvc_fence import DVCIGNORE, corpus_hazards, write_fence

    from pipeline.core.params import load_params

    input_dir = load_params(root / "params.yaml")["ingest"].input_dir
    hazards = corpus_hazards(root, input_dir)
    if hazards:
        print(f"corpus check: {len(hazards)} entr{'y' if len(hazards) == 1 else 'ies'} in {printable(input_dir)}/ "
              f"that DVC cannot hash, now kept from DVC by {DVCIGNORE} (ingest rejects or reads each as "
              "data/ingest/rejected.parquet and documents.parquet show):", file=sys.stderr)
        for hazard in hazards:
            print(f"  {hazard.path}: {hazard.advice}", file=sys.stderr)
    return write_fence(root, hazards)


def _up_to_date(root: Path) -> bool:
    """Would a plain `dvc repro` run nothing (DVC's own status of every stage)? Then `repro` starts no
    Prefect server and no cluster for it: a no-op rebuild costs what DVC's check costs."""
    try:
        from dvc.repo import Repo

        with Repo(str(root)) as repo:
            return not repo.status()
    except Exception:  # any doubt (a damaged lock, a missing output): the full run says what is wrong
        return False


def cmd_repro(args) -> int:
    from pipeline.core.paths import tool_env

    root = _root()
    fence_changed = _fence_corpus(root)
    if not args.dvc_args and not fence_changed and _up_to_date(root):
        return subprocess.call([sys.executable, "-m", "dvc", "repro"], cwd=root, env=tool_env())
    from pipeline.core.prefect_server import configure

    configure(root)
    from pipeline.core.cluster import cluster_env, run_cluster
    from pipeline.core.params import load_params

    # runner.kind dask: one cluster for every stage DVC runs (each stage is a process of its own)
    with run_cluster(load_params(root / "params.yaml")["runner"]) as runner:
        env = tool_env() | cluster_env(runner)
        dvc = [sys.executable, "-m", "dvc", "repro"]
        if fence_changed and "--dry" not in args.dvc_args:
            # DVC no longer sees (or sees again) entries ingest reports on: rebuild ingest's tables
            print("corpus check: the entries kept from DVC changed; re-running ingest", file=sys.stderr)
            code = subprocess.call([*dvc, "--force", "--single-item", "ingest"], cwd=root, env=env)
            if code:
                return code
        return subprocess.call([*dvc, *args.dvc_args], cwd=root, env=env)


def cmd_schedule(args) -> int:
    if not args.cron and not args.interval:
        return _die("give --cron \"MIN HOUR DOM MON DOW\" or --interval SECONDS")
    root = _root()
    _check_params(root)
    from pipeline.core.prefect_server import configure

    url = configure(root)
    os.chdir(root)  # the deployment's entrypoint is a path relative to here
    from pipeline.schedule import serve

    print(f"Serving deployment '{args.name}' against {url}. Runs: "
          f"{'cron ' + args.cron if args.cron else f'every {args.interval}s'}. Ctrl-C stops it.")
    serve(root, cron=args.cron, interval=args.interval, name=args.name,
          push=not args.no_push, git_commit=not args.no_git_commit, run_now=args.now)
    return 0


def cmd_status(args) -> int:
    root = _root()
    from pipeline.status import show

    # `dvc status` hashes the corpus: entries it cannot hash are fenced first, as for `repro`
    _fence_corpus(root)

    return show(root, prefect=not args.offline)


def cmd_server(args) -> int:
    root = _root()
    from pipeline.core import prefect_server as ps

    if args.action == "init":
        print("created the local Prefect database" if ps.init_database(root)
              else "the local Prefect database exists already")
    elif args.action == "start":
        print(ps.configure(root))
    elif args.action == "stop":
        print("stopped" if ps.stop_server(root) else "no embedded server was running")
    else:
        state = ps.read_state(root)
        url = os.environ.get("PREFECT_API_URL") or (state or {}).get("api_url")
        ok = bool(url) and ps.healthy(url)
        print(f"{url or 'none'}: {'healthy' if ok else 'not running'}")
        from pipeline.core.stage_host import read_state as host_state

        host = host_state(root)
        if host:
            print(f"stage host: pid {host['pid']} ({'ready' if host.get('ready') else 'starting'}; "
                  f"log {root / '.prefect' / 'stage-host.log'})")
        return 0 if ok else 1
    return 0


def cmd_params(args) -> int:
    root = _root()
    from pipeline.core.params import load_params

    for name, section in load_params(root / "params.yaml").items():
        print(f"{name}:")
        for key, value in section.model_dump().items():
            desc = type(section).model_fields[key].description or ""
            print(f"  {key}: {value!r}" + (f"    # {desc}" if desc else ""))
    return 0


def cmd_derive(args) -> int:
    """dvc.yaml's stage entries and docs/contract.md's columns, from the registry and contract."""
    root = _root()
    from pipeline import contract
    from pipeline.core import dvcfile

    dvc_yaml, contract_md = root / "dvc.yaml", root / "docs" / "contract.md"
    problems = [f"dvc.yaml: {p}" for p in dvcfile.differences(dvc_yaml)]
    doc_now = contract_md.read_text(encoding="utf-8") if contract_md.is_file() else ""
    doc_wanted = contract.render_document(doc_now)
    if doc_now != doc_wanted:
        problems.append("docs/contract.md: its column tables differ from pipeline/contract/")
    if not problems:
        print("dvc.yaml and docs/contract.md agree with pipeline/stages.py and pipeline/contract/")
        return 0
    if not args.write:
        print("\n".join(problems))
        print("run `python -m pipeline derive --write` to update them")
        return 1
    for path, text in ((dvc_yaml, dvcfile.render(dvc_yaml)), (contract_md, doc_wanted)):
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    print("\n".join(problems))
    print("rewrote dvc.yaml's stage entries and docs/contract.md's column tables")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn a folder of documents into cited, versioned tables and reports.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    stage_list = "; ".join(f"{s.name}: {s.summary}" for s in STAGES.values())
    r = sub.add_parser("run", help="run stages now, in order (dvc repro calls this)",
                       description=f"Run stages now. Stages: {stage_list}.")
    r.add_argument("stages", nargs="+", metavar="STAGE", help=f"all, or any of: {', '.join(STAGES)}")
    r.add_argument("--runner", choices=["threads", "processes", "dask"],
                   help="override runner.kind in params.yaml")
    r.add_argument("--workers", type=_positive_int, metavar="N",
                   help="override runner.max_workers (and stage_threads) in params.yaml")
    r.add_argument("-v", "--verbose", action="store_true", help="say which Prefect server is used")
    r.add_argument("--input-dir", metavar="/ABS/FOLDER",
                   help="ingest: read this absolute folder (which may be outside the project) instead of "
                        "ingest.input_dir; outside the project only when given here")
    r.set_defaults(func=cmd_run)

    rp = sub.add_parser("repro", help="dvc repro: rebuild what changed and record versions",
                        description="Run `dvc repro` with the project's Prefect server; extra "
                                    "arguments go to dvc (e.g. `repro -- --force`). First checks the "
                                    "corpus folder: each entry DVC cannot hash (a link out of the corpus "
                                    "or to nowhere, a pipe, a device, a name that is not UTF-8) is named "
                                    "with what to do and kept from DVC by .dvcignore.")
    rp.add_argument("dvc_args", nargs=argparse.REMAINDER, help="arguments passed to dvc repro")
    rp.set_defaults(func=cmd_repro)

    s = sub.add_parser("schedule", help="rebuild on a schedule (Prefect deployment)",
                       description="Serve a Prefect deployment that runs `dvc repro`, pushes the new "
                                   "outputs to the DVC remote and commits dvc.lock. Keeps running; "
                                   "overlapping runs are skipped, never interleaved.")
    s.add_argument("--cron", help='cron expression, e.g. "0 6 * * *"')
    s.add_argument("--interval", type=float, help="seconds between runs")
    s.add_argument("--name", default="scheduled-repro", help="deployment name (default: %(default)s)")
    s.add_argument("--now", action="store_true", help="also run once immediately")
    s.add_argument("--no-push", action="store_true", help="do not `dvc push` after a run")
    s.add_argument("--no-git-commit", action="store_true", help="do not git-commit dvc.lock after a run")
    s.set_defaults(func=cmd_schedule)

    st = sub.add_parser("status", help="what is built, what is stale, recent Prefect runs")
    st.add_argument("--offline", action="store_true", help="do not contact the Prefect server")
    st.set_defaults(func=cmd_status)

    sv = sub.add_parser("server", help="start, stop or check the local Prefect server",
                        description="The local Prefect server the pipeline uses when PREFECT_API_URL "
                                    "is not set. init: create its database (set-up does this); start: "
                                    "start it (runs do this when needed); stop; status.")
    sv.add_argument("action", choices=["init", "start", "stop", "status"])
    sv.set_defaults(func=cmd_server)

    dv = sub.add_parser("derive", help="check dvc.yaml and docs/contract.md against the code's declarations",
                        description="dvc.yaml's stage entries (cmd, deps, params, outs) are derived from "
                                    "pipeline/stages.py and the imports of each stage's code; "
                                    "docs/contract.md's column tables from pipeline/contract/. Without "
                                    "--write: say what differs (exit 1 if anything does).")
    dv.add_argument("--write", action="store_true", help="rewrite what differs")
    dv.set_defaults(func=cmd_derive)

    pa = sub.add_parser("params", help="check params.yaml and show every key with its meaning")
    pa.set_defaults(func=cmd_params)
    return p


def _missing_dependency(exc: ModuleNotFoundError) -> int:
    """A Python without the project's packages: usually `dvc repro` from a shell
    where the project's environment is not active (dvc.yaml calls `python`)."""
    return _die(
        f"{sys.executable} cannot import {exc.name!r}: this is not the Python the pipeline "
        "was installed into. Activate the project's environment first (source .venv/bin/activate), "
        "or use `make repro`, which does it for you; to install, see the README's set-up."
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        from pipeline.core.cluster import ClusterError
        from pipeline.core.params import ParamsError
        from pipeline.core.paths import ProjectNotFound
        from pipeline.core.prefect_server import ServerError
        from pipeline.ingest.corpus import CorpusError
    except ModuleNotFoundError as exc:
        return _missing_dependency(exc)

    try:
        return args.func(args)
    except (ParamsError, ProjectNotFound, ServerError, FileNotFoundError, CorpusError, ClusterError) as exc:
        return _die(str(exc))
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] == "pipeline":
            raise  # our own code is broken: show the traceback
        return _missing_dependency(exc)
    except KeyboardInterrupt:
        return 130
