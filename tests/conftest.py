"""Shared fixtures: a throw-away copy of the project, one real Prefect server
for the whole session (started through the pipeline's own embedded-server
path, so that path is exercised too), and one project built once for the
session that the tests which only read a built project share."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
PROJECT_FILES = ["pipeline", "params.yaml", "dvc.yaml", ".dvcignore", "pyproject.toml", ".gitignore"]


def pytest_configure(config):
    """No wall-clock limits in tests: Hypothesis's per-example deadline (200 ms by
    default) fails on a busy machine without saying anything about the code.
    Speed is measured in bench/; pytest-timeout still catches a hang."""
    from hypothesis import settings

    settings.register_profile("no-deadline", deadline=None)
    settings.load_profile("no-deadline")


def venv_env(**extra) -> dict:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update({"DVC_NO_ANALYTICS": "1", "DO_NOT_TRACK": "1",
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    env.update(extra)
    return env


def run(cmd, cwd, check=True, **env) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=venv_env(**env), capture_output=True, text=True,
                          timeout=600)
    if check and proc.returncode:
        raise AssertionError(f"{cmd} failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    return proc


def run_gold_checker(stage: str, cwd: Path, gold: Path | None = None) -> subprocess.CompletedProcess:
    """tests/gold/<stage>/check_gold.py as a newcomer runs it: from any folder, no
    SEEDS_DIR, so the seeds are found from the script's own place in the repository."""
    cmd = [sys.executable, str(REPO / "tests" / "gold" / stage / "check_gold.py")]
    if gold is not None:
        cmd += ["--gold", str(gold)]
    return subprocess.run(cmd, cwd=cwd, env={"PATH": ""}, capture_output=True, text=True, timeout=120)


def make_project(dest: Path, seeds: Path | None = SEEDS) -> Path:
    """A fresh project like a clone: code, params, dvc.yaml, seeds; git + dvc initialised."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    (dest / "seeds").mkdir(exist_ok=True)
    if seeds is not None:
        for f in sorted(seeds.iterdir()):
            shutil.copy2(f, dest / "seeds" / f.name)
    run(["git", "init", "-q"], dest)
    run(["git", "config", "user.email", "test@example.com"], dest)
    run(["git", "config", "user.name", "test"], dest)
    run([sys.executable, "-m", "dvc", "init", "-q"], dest)
    shutil.copy2(REPO / ".dvc" / "config", dest / ".dvc" / "config")
    run(["git", "add", "-A"], dest)
    run(["git", "commit", "-qm", "project"], dest)
    return dest


ID_COLUMN = re.compile(r"(^|_)(id|ids|of)$|^source_path$|^passage_ids$|^doc_ids$")
REPLICA_ROWS = 1 << 20  # rows per written chunk (cut into row groups of ROW_GROUP_ROWS, as a stage writes)


def _suffix(col, k: int):
    import pyarrow as pa
    import pyarrow.compute as pc

    tail = f"~{k}"
    if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
        return pc.binary_join_element_wise(col, pa.scalar(tail, col.type), "")
    if pa.types.is_list(col.type) or pa.types.is_large_list(col.type):
        flat = pc.list_flatten(col)
        joined = pc.binary_join_element_wise(flat, pa.scalar(tail, flat.type), "")
        out = []
        for chunk in col.chunks:
            offsets = chunk.offsets
            out.append(type(chunk).from_arrays(pc.subtract(offsets, offsets[0]), joined[int(offsets[0].as_py()):
                                                int(offsets[-1].as_py())].combine_chunks(), mask=chunk.is_null()))
        return pa.chunked_array(out, col.type)
    return col


def table_bytes(path: Path) -> bytes:
    """A stage table's bytes: its parts' in order (a table is a folder of parts, pipeline/core/parts.py)."""
    from pipeline.core.parts import part_files

    files = part_files(path)
    assert files, f"{path}: no table"
    return b"".join(f.read_bytes() for f in files)


def replicate(src: Path, dst: Path, copies: int) -> None:
    """Every table under src/data, `copies` times, every id suffixed per copy
    (`~k`), so the report meets a large corpus with real text, offsets and mix
    of repeats, entities and figures. Written as the stages write (zstd, row
    groups of ROW_GROUP_ROWS rows, in parts), so reading it costs what a real corpus would."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.core.parts import PartWriter, read_parts

    for table_path in sorted((src / "data").glob("*/*.parquet")):
        table = read_parts(table_path)
        target = dst / "data" / table_path.parent.name / table_path.name
        with PartWriter(target, table.schema) as w:
            pending, rows = [], 0
            for k in range(copies):
                cols = [(_suffix(table.column(n), k) if ID_COLUMN.search(n) else table.column(n))
                        for n in table.column_names]
                pending.append(pa.table(cols, schema=table.schema))
                rows += table.num_rows
                if rows >= REPLICA_ROWS or k == copies - 1:
                    w.write_table(pa.concat_tables(pending))
                    pending, rows = [], 0


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory) -> str:
    """One embedded Prefect server for the session, via `python -m pipeline server start`."""
    home = make_project(tmp_path_factory.mktemp("prefect-home"), seeds=None)
    env = venv_env()
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.run([sys.executable, "-m", "pipeline", "server", "start"], cwd=home, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    url = proc.stdout.strip().splitlines()[-1]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/api"), url
    os.environ["PREFECT_API_URL"] = url
    yield url
    subprocess.run([sys.executable, "-m", "pipeline", "server", "stop"], cwd=home, env=env,
                   capture_output=True, timeout=120)
    os.environ.pop("PREFECT_API_URL", None)


@pytest.fixture
def project(tmp_path, prefect_api) -> Path:
    """A fresh project of its own, for a test that builds, edits or breaks it."""
    return make_project(tmp_path / "project")


# Documents added to the seeds of the shared built project. Hostile: document text
# that must never become markup in the report, and a binary file that ingest rejects.
# Foreign: other encodings and formats that ingest must read, and files it must reject.
HOSTILE_TXT = """<script>window.__pwned = 1; alert('xss')</script><img src=x onerror="window.__pwned=2">

A paragraph with <b>tags</b>, a <a href="javascript:window.__pwned=3">javascript: link</a>,
<style>body{display:none}</style> and <iframe src="http://127.0.0.9/"></iframe>.

"><script>window.__pwned=4</script>
"""
HOSTILE_HTML = """<html><head><title>&lt;script&gt;window.__pwned=5&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</title>
<script>window.__pwned=6</script></head><body><p>&lt;svg onload=window.__pwned=7&gt;</p>
<p><a href="javascript:window.__pwned=8">click</a></p></body></html>"""
# a short Russian news text (self-written; cp1251 on disk): one place and one person of the seeds in
# Cyrillic, and a death toll beside the English ones (tests/e2e/test_russian_sources.py)
RUSSIAN = ("Жанаозен: 14 погибших\n\n"
           "АЛМАТЫ, 20 декабря 2011 года. 16 декабря в Жанаозене полиция открыла огонь по бастующим нефтяникам. "
           "По официальным данным Генеральной прокуратуры, погибли 14 человек, ещё 64 получили ранения. "
           "Президент Нурсултан Назарбаев объявил в городе чрезвычайное положение. Назарбаеву доложили, что "
           "порядок восстановлен.\n")
BUILT_EXTRA_SEEDS = {
    "hostile.txt": HOSTILE_TXT.encode(),
    "hostile.html": HOSTILE_HTML.encode(),
    "broken.txt": b"\x00\x01\x02<script>x</script>" * 50,
    "russian.txt": RUSSIAN.encode("cp1251"),
    "utf16.txt": "Zhanaozen strike, UTF-16 edition.\n".encode("utf-16"),
    "blob.txt": bytes(range(256)) * 64,
    "empty.txt": b"",
    "page.html": ("<html><head><title>Page</title><script>document.title='pwned'</script></head>"
                  "<body><p>Oil workers &amp; police.</p><script>alert(1)</script></body></html>").encode(),
}


WITNESS_PAGES = (
    "Witness statement\n\nOn 16 December 2011 I was on the central square of Zhanaozen when the police "
    "opened fire. I saw at least 20 people fall near the stage.",
    "The next morning the hospital staff told me that 11 of the wounded had died. Prosecutors later said "
    "that 17 people were killed and more than 100 injured.",
)


def witness_pdf() -> bytes:
    """A two-page text PDF (WeasyPrint) of a self-written witness statement, for the built project:
    its figures are cited in the report, each quote with its page."""
    from html import escape

    from weasyprint import HTML

    pages = "".join(f'<div style="break-before:page">{"".join(f"<p>{escape(p)}</p>" for p in page.split(chr(10) * 2))}'
                    "</div>" for page in WITNESS_PAGES)
    return HTML(string=f"<html><head><title>Witness statement</title></head><body>{pages}</body></html>"
                ).write_pdf()


@pytest.fixture(scope="session")
def built_run(tmp_path_factory, prefect_api) -> tuple[Path, str]:
    """The project built once for the session: the seeds plus BUILT_EXTRA_SEEDS, every
    stage run by `python -m pipeline run all` against the session's Prefect server
    (stopped at session end by prefect_api). Returns (project, the command's stdout).

    Shared by every test that only reads a built project (report, provenance, facts
    flow, entities): such a test must not change it. A test that edits params or
    seeds, crashes a stage or schedules runs takes its own `project` instead."""
    project = make_project(tmp_path_factory.mktemp("built") / "project")
    for name, data in BUILT_EXTRA_SEEDS.items():
        (project / "seeds" / name).write_bytes(data)
    (project / "seeds" / "statement.pdf").write_bytes(witness_pdf())
    out = run([sys.executable, "-m", "pipeline", "run", "all"], project)
    return project, out.stdout


@pytest.fixture(scope="session")
def built_project(built_run) -> Path:
    return built_run[0]
