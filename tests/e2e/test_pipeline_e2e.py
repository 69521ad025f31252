"""End to end on a fresh project copy: real DVC, real Prefect server, real files."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import contract
from pipeline.core.parts import TableParts
from pipeline.stages import table_stages
from tests.conftest import RUSSIAN, run, table_bytes, venv_env
from tests.report.print_checks import missing_citations, pdf_pages, squeezed_cells

pytestmark = pytest.mark.slow

def dvc(project, *args, check=True, **env):
    return run([sys.executable, "-m", "dvc", *args], project, check=check, **env)


def stages_run(output: str) -> list[str]:
    return [line.split("'")[1] for line in output.splitlines() if line.startswith("Running stage '")]


def table(project, name) -> pd.DataFrame:
    return pq.read_table(project / "data" / f"{name}.parquet").to_pandas()


def _digests(project: Path) -> dict[str, str]:
    """sha256 of every table and report file of a built project."""
    import hashlib

    files = sorted(p for p in [*(project / "data").rglob("part-*.parquet"), *(project / "reports").rglob("*")]
                   if p.is_file() and ".staging" not in p.parts)
    return {str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory, prefect_api):
    """The seeds built once by `dvc repro` (PYTHONHASHSEED=1): (project, its first dvc output, the
    digests of its outputs right after). The tests below go on with the project in file order."""
    from tests.conftest import make_project

    project = make_project(tmp_path_factory.mktemp("seeds-build") / "project")
    first = dvc(project, "repro", PYTHONHASHSEED="1")
    return project, first.stdout, _digests(project)


def test_two_clones_build_byte_identical_outputs(seeds_build, tmp_path):
    """Reproducible: the same input gives the same bytes in every table and
    report, whatever Python's per-process hash seed (set iteration order)."""
    from tests.conftest import make_project

    _, _, digests = seeds_build
    clone = make_project(tmp_path / "clone")
    dvc(clone, "repro", PYTHONHASHSEED="2")
    again = _digests(clone)
    assert digests.keys() == again.keys()
    differ = [name for name in digests if digests[name] != again[name]]
    assert not differ, f"outputs differ between two identical builds: {differ}"


def test_repro_builds_contract_tables_reports_and_is_then_clean(seeds_build):
    project, first, _ = seeds_build
    assert stages_run(first) == ["ingest", "dedup", "clean", "entities", "facts", "report"]
    for stage in table_stages():  # every table the contract declares, with exactly its schema
        for t in contract.tables_of(stage).values():
            written = TableParts(t.path(project)).schema_arrow
            assert written.remove_metadata().equals(t.schema), (t.stage, t.name)
    assert len(table(project, "ingest/documents")) == 5
    assert sorted(table(project, "clean/passages")["passage_id"]) == \
        sorted(table(project, "ingest/passages")["passage_id"])
    for f in ("report.html", "report.pdf", "metrics.json"):
        assert (project / "reports" / f).stat().st_size > 0
    metrics = json.loads((project / "reports" / "metrics.json").read_text())
    assert metrics["ingest"]["documents"] == 5
    detail = pd.read_csv(project / "reports" / "tables" / "metrics-detail.csv").set_index(["stage", "metric"])["value"]
    assert metrics["dedup"]["clusters"] > 0 and int(detail["dedup", "blocks"]) > 0
    dedup = table(project, "dedup/passages")
    assert len(dedup) == len(table(project, "ingest/passages"))
    assert set(dedup["match"]) == {"exact", "near", "unique"}
    assert "Repeated passages" in (project / "reports" / "report.html").read_text()
    assert int(detail["clean", "passages"]) == metrics["ingest"]["passages"]
    assert int(detail["clean", "edits_by_rule.homoglyph"]) == 2
    assert 'id="cleanup"' in (project / "reports" / "report.html").read_text()
    assert "up to date" in dvc(project, "status").stdout
    # the seeds' PDF: at most 40 pages, every cited quote of the HTML printed, no squeezed column
    html_text = (project / "reports" / "report.html").read_text()
    assert pdf_pages(project / "reports" / "report.pdf") <= 40
    assert missing_citations(html_text, project / "reports" / "report.pdf") == []
    assert squeezed_cells(html_text) == []

    # a second repro runs nothing
    assert stages_run(dvc(project, "repro").stdout) == []
    # and `python -m pipeline repro` (make repro) starts no Prefect server for nothing: no API given,
    # none left behind
    noop = run([sys.executable, "-m", "pipeline", "repro"], project, PREFECT_API_URL="")
    started = (project / ".prefect" / "server.json").exists()
    if started:  # (stopped before the assertions: a failing check leaves no server behind)
        run([sys.executable, "-m", "pipeline", "server", "stop"], project, check=False, PREFECT_API_URL="")
    assert "up to date" in noop.stdout and "Prefect server" not in noop.stdout + noop.stderr and not started

    # a dedup parameter makes dedup stale, not ingest nor clean (dvc status: what a repro would start
    # from; the clean parameter below is rebuilt for real, through to the report)
    before = (project / "params.yaml").read_text()
    (project / "params.yaml").write_text(before.replace("min_chars: 20 ", "min_chars: 30 "))
    stale = dvc(project, "status").stdout
    assert "dedup:" in stale and "ingest:" not in stale and "clean:" not in stale and "report:" not in stale
    (project / "params.yaml").write_text(before)

    # a report-only parameter re-runs only the report
    params = (project / "params.yaml").read_text().replace('title: "Corpus report"', 'title: "Zhanaozen"')
    (project / "params.yaml").write_text(params)
    assert stages_run(dvc(project, "repro").stdout) == ["report"]
    assert "<title>Zhanaozen</title>" in (project / "reports" / "report.html").read_text()

    # a clean parameter re-runs clean and the report that reads its tables, not ingest
    params = (project / "params.yaml").read_text().replace(
        "repeated_line_min_chars: 12", "repeated_line_min_chars: 0")
    (project / "params.yaml").write_text(params)
    ran = stages_run(dvc(project, "repro").stdout)
    assert ran[0] == "clean" and ran[-1] == "report" and "ingest" not in ran and "dedup" not in ran
    after = pd.read_csv(project / "reports" / "tables" / "metrics-detail.csv")
    assert not after["metric"].str.startswith("furniture_by_rule.repeated_line").any()
    assert after["metric"].str.startswith("furniture_by_rule.").any()

    # dvc metrics show reads the metrics file
    assert "documents" in dvc(project, "metrics", "show").stdout


def test_bad_and_foreign_inputs_are_read_or_rejected(built_project):
    """The foreign and broken files among the shared project's seeds (BUILT_EXTRA_SEEDS)."""
    project = built_project
    docs = table(project, "ingest/documents").set_index("source_path")
    assert docs.loc["seeds/russian.txt", "text"] == RUSSIAN
    assert docs.loc["seeds/russian.txt", "encoding"] == "cp1251"
    assert docs.loc["seeds/utf16.txt", "text"].startswith("Zhanaozen strike")
    page = docs.loc["seeds/page.html"]
    assert "Oil workers & police." in page["text"] and "alert" not in page["text"]
    rejected = table(project, "ingest/rejected").set_index("source_path")["reason"]
    assert set(rejected.index) == {"seeds/blob.txt", "seeds/empty.txt", "seeds/broken.txt"}
    assert "binary" in rejected["seeds/blob.txt"] and "empty" in rejected["seeds/empty.txt"]
    assert "binary" in rejected["seeds/broken.txt"]
    html = (project / "reports" / "report.html").read_text()
    assert "seeds/blob.txt" in html and "seeds/empty.txt" in html and "binary" in html
    clean = table(project, "clean/passages").set_index("doc_id")
    russian_id = table(project, "ingest/documents").set_index("source_path").loc["seeds/russian.txt", "doc_id"]
    passages = clean.loc[[russian_id]].reset_index(drop=True)
    # its body is Russian (a headline of three words may be too short to tell)
    assert passages.loc[passages["text_clean"].str.len().idxmax(), "language"] == "ru"


def test_killed_stage_keeps_last_good_tables_and_next_repro_recovers(seeds_build):
    """A stage that dies before it swaps its new tables in (here facts, after a change of its
    params) leaves the last good tables; the next repro finishes the job."""
    project = seeds_build[0]  # built, and changed by the test above: a repro brings it up to date
    dvc(project, "repro")
    before = table_bytes(project / "data" / "facts" / "claims.parquet")
    params = (project / "params.yaml").read_text().replace("facts: {}", "facts:\n  context_sentences: 2")
    assert "context_sentences: 2" in params
    (project / "params.yaml").write_text(params)
    crashed = dvc(project, "repro", check=False, PIPELINE_CRASH_BEFORE_SWAP="facts")
    assert crashed.returncode != 0
    assert table_bytes(project / "data" / "facts" / "claims.parquet") == before
    assert stages_run(dvc(project, "repro").stdout) == ["facts", "report"]
    assert "up to date" in dvc(project, "status").stdout


def test_dask_runner_gives_the_same_tables(project):
    """`--runner dask` without runner.dask_address: one local cluster for the whole run (every stage
    connects to it), gone when the command ends. tests/e2e/test_dask_cluster.py runs a cluster
    started apart."""
    run([sys.executable, "-m", "pipeline", "run", "ingest", "clean"], project)
    names = [f"ingest/{n}" for n in ("documents", "passages", "rejected")] + \
        [f"clean/{n}" for n in ("passages", "edits", "sentences", "furniture")]
    threads = {n: table(project, n) for n in names}
    shutil.rmtree(project / ".pipeline-cache")  # clean's store would answer for every bucket: clean them again
    out = run([sys.executable, "-m", "pipeline", "run", "ingest", "clean", "--runner", "dask", "-v"], project)
    assert "ingest: done" in out.stdout and "clean: done" in out.stdout
    address = next(line.split()[-1] for line in out.stderr.splitlines() if line.startswith("Dask scheduler: "))
    assert out.stderr.count(f"Connecting to an existing Dask cluster at {address}") == 2, out.stderr[-3000:]
    assert "Creating a new Dask cluster" not in out.stderr
    assert _project_processes(project) == []  # the cluster's workers ended with the run
    for name, expected in threads.items():
        pd.testing.assert_frame_equal(table(project, name), expected)


def test_wrong_param_stops_with_a_message(project):
    (project / "params.yaml").write_text("ingest:\n  partition_mb: -1\n")
    proc = run([sys.executable, "-m", "pipeline", "run", "ingest"], project, check=False)
    assert proc.returncode == 2
    assert "ingest.partition_mb" in proc.stderr and "got -1" in proc.stderr


def _post(api: str, path: str, body: dict) -> list[dict]:
    """Straight to the Prefect REST API we were given (a client object would follow
    whatever settings Prefect cached at import)."""
    import urllib.request

    req = urllib.request.Request(f"{api}/{path}", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


def test_a_stage_process_keeps_its_run_history_with_either_exit(project, prefect_api):
    """A stage process ends the ordinary way (Prefect's exit hook sends its logs) or, with
    PIPELINE_FAST_EXIT=1, skips the interpreter's teardown after sending them: either way
    every log line of the flow reaches Prefect before the process is gone."""
    for fast in ("", "1"):
        proc = run([sys.executable, "-m", "pipeline", "run", "ingest"], project, PIPELINE_FAST_EXIT=fast)
        assert "ingest: done in" in proc.stdout
    runs = _post(prefect_api, "flow_runs/filter", {"sort": "START_TIME_DESC", "limit": 20})
    mine = [r for r in runs if r["parameters"].get("root") == str(project)]
    assert len(mine) == 2 and all(r["state"]["type"] == "COMPLETED" for r in mine)
    for flow_run in mine:
        logs = _post(prefect_api, "logs/filter",
                     {"logs": {"flow_run_id": {"any_": [flow_run["id"]]}}, "sort": "TIMESTAMP_ASC"})
        messages = [x["message"] for x in logs]
        assert any(m.startswith("ingest: ") and "'documents': 5" in m for m in messages), messages
        assert messages[-1].startswith("Finished in state Completed"), messages  # the very last one too


def _deployment_runs(api: str, name: str) -> list[dict]:
    """Flow runs of a deployment."""
    return _post(api, "flow_runs/filter", {"deployments": {"name": {"any_": [name]}}})


def _state(run: dict) -> str:
    return ((run.get("state") or {}).get("name") or "?")


def _project_processes(project: Path) -> list[str]:
    """Processes working in the project folder (dvc, stage runs, flow runs), but not this test."""
    out = []
    for cwd in Path("/proc").glob("[0-9]*/cwd"):
        try:
            if Path(os.readlink(cwd)) == project and int(cwd.parent.name) != os.getpid():
                out.append((cwd.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:120])
        except OSError:
            continue
    return out


def test_scheduled_run_fires_is_recorded_and_commits_versions(project, prefect_api):
    """A run every 5 s: the first rebuild takes longer, so runs that come due meanwhile start
    and end "Skipped". Then SIGTERM to the serve process while a run is in progress: the serve
    loop ends, that run is not left "Running", and nothing of it keeps running."""
    # a version defined by uncommitted changes: a params change and a new document
    params = (project / "params.yaml").read_text()
    (project / "params.yaml").write_text(params.replace('title: "Corpus report"', 'title: "Scheduled"'))
    (project / "seeds" / "added.txt").write_text("Added later\n\nOn 5 May 2016 police said 3 people were hurt.\n")
    log = open(project / "serve.log", "w")
    serve = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "schedule", "--interval", "5", "--name", "e2e-schedule"],
        cwd=project, env=venv_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        done, skipped, running = [], [], []
        while time.monotonic() < deadline and not (done and skipped and running):
            time.sleep(1)
            assert serve.poll() is None, (project / "serve.log").read_text()[-3000:]
            runs = _deployment_runs(prefect_api, "e2e-schedule")
            done = [r for r in runs if _state(r) == "Completed"]
            skipped = [r for r in runs if _state(r) == "Skipped"]
            running = [r for r in runs if _state(r) == "Running"] if done else []
        assert done, "no scheduled run completed: " + (project / "serve.log").read_text()[-3000:]
        assert skipped, "no overlapping run was recorded as skipped: " + str([_state(r) for r in runs])
        assert running, "no run in progress after the first: " + str([_state(r) for r in runs])
        serve.send_signal(15)  # to the serve process only, as a service manager does
        assert serve.wait(timeout=60) == 0, (project / "serve.log").read_text()[-3000:]
        stopped = {r["id"]: _state(r) for r in _deployment_runs(prefect_api, "e2e-schedule")}
        assert stopped[running[0]["id"]] != "Running", stopped  # cancelled (or done in the meantime)
        deadline = time.monotonic() + 30
        while _project_processes(project) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _project_processes(project) == []
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, 9)
            serve.wait(timeout=60)
    history = run(["git", "log", "--format=%s"], project).stdout
    assert "pipeline: scheduled rebuild" in history
    assert "dvc.lock" in run(["git", "show", "--name-only", "--format=", "HEAD"], project).stdout
    assert (project / "data" / "ingest" / "documents.parquet").exists()
    assert any((project / ".dvc-storage").rglob("*")), "dvc push did not fill the local remote"
    assert "up to date" in dvc(project, "status").stdout
    # the version can be checked out in a fresh clone and pulled: the same tables, dvc status clean
    commit = run(["git", "log", "-1", "--format=%H", "--grep=scheduled rebuild"], project).stdout.strip()
    clone = project.parent / "clone"
    run(["git", "clone", "-q", str(project), str(clone)], project.parent)
    run(["git", "checkout", "-q", commit], clone)
    assert (clone / "seeds" / "added.txt").is_file() and 'title: "Scheduled"' in (clone / "params.yaml").read_text()
    dvc(clone, "remote", "modify", "--local", "local", "url", str(project / ".dvc-storage"))
    dvc(clone, "pull")
    assert "up to date" in dvc(clone, "status").stdout
    for name in ("ingest/documents", "facts/claims", "entities/entities"):
        assert table_bytes(clone / "data" / f"{name}.parquet") == table_bytes(project / "data" / f"{name}.parquet")


def test_overlapping_run_is_skipped_not_interleaved(project):
    with open(project / ".pipeline-run.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        proc = run([sys.executable, "-c",
                    "from pipeline.schedule import scheduled_repro; "
                    f"print(scheduled_repro(root={str(project)!r}, push=False, git_commit=False))"],
                   project)
    assert "'skipped': True" in proc.stdout
    assert not (project / "data" / "ingest").exists()


def _group(pgid: int) -> list[int]:
    """Live processes of a process group (zombies are gone already)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(stat.parent.name))
    return out


def _start_entities(project, env, err_path) -> subprocess.Popen:
    """`pipeline run entities` in a process group of its own, once its flow has begun."""
    with open(err_path, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", "entities"], cwd=project, env=env,
                                stdout=subprocess.PIPE, stderr=err, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while "for flow 'entities'" not in err_path.read_text() and proc.poll() is None:
        assert time.monotonic() < deadline, err_path.read_text()[-2000:]
        time.sleep(0.2)
    return proc


def test_killed_stage_and_lost_server_leave_no_process_and_one_line(project):
    """SIGKILL of the entities stage: none of its model workers outlives it by 30 s. Then the
    stage's own Prefect server is killed while entities runs: the stage finishes its work,
    writes its tables, says so in one line and exits within 30 s, leaving no process behind."""
    # the runs start their own server, under project/.prefect; each stage in a process of its own (a
    # stage the warm stage host runs is tests/e2e/test_stage_host.py's)
    env = venv_env(PIPELINE_STAGE_HOST="0")
    env.pop("PREFECT_API_URL", None)
    subprocess.run([sys.executable, "-m", "pipeline", "run", "ingest", "dedup", "clean"], cwd=project, env=env,
                   check=True, capture_output=True, timeout=300)
    err_path = project / "run.err"
    server_pid = None
    try:
        proc = _start_entities(project, env, err_path)
        server_pid = json.loads((project / ".prefect" / "server.json").read_text())["pid"]
        deadline = time.monotonic() + 60  # the model workers are forked once the passages are read
        while len([p for p in _group(proc.pid) if p != server_pid]) < 3 and proc.poll() is None:
            assert time.monotonic() < deadline, err_path.read_text()[-2000:]
            time.sleep(0.05)
        os.kill(proc.pid, 9)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 30
        while [p for p in _group(proc.pid) if p != server_pid] and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [p for p in _group(proc.pid) if p != server_pid] == [], "a worker outlived its killed stage"

        proc = _start_entities(project, env, err_path)
        server_pid = json.loads((project / ".prefect" / "server.json").read_text())["pid"]
        os.kill(server_pid, 9)
        killed = time.monotonic()
        out, _ = proc.communicate(timeout=60)
        assert time.monotonic() - killed < 30
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 9)
        if server_pid and Path(f"/proc/{server_pid}").exists():
            os.kill(server_pid, 9)
    err = err_path.read_text()
    assert proc.returncode == 0, err[-3000:]
    assert "Traceback" not in err
    lost = [line for line in err.splitlines() if "stopped answering" in line]
    assert len(lost) == 1 and "entities" in lost[0]
    assert "entities: done in" in out and "tables written" in out
    assert len(table(project, "entities/mentions")) > 0
    time.sleep(1)
    assert _group(proc.pid) == []  # no worker, server or helper of the run is left
