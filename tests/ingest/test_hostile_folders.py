"""A hostile corpus folder: ingest reads only what is inside it, never hangs, never
crashes on one bad entry, and says why it skipped each one.

The corpus holds: a link to /etc/passwd, a named pipe called x.txt, a link to
/dev/zero, a file whose name is not UTF-8, a broken link and a link loop, a
UTF-8 document with three invalid bytes, two newsgroup posts with a few control
characters, a link inside the corpus, and ordinary documents. The pure stage
functions read it here; one test runs `python -m pipeline repro` on it in a
real project, with a timeout and a memory cap, and then `dvc status`.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.ingest.corpus import CorpusError, read_bounded
from pipeline.ingest.dvc_fence import BEGIN, corpus_hazards, dvc_pattern, render
from pipeline.ingest.encoding import NotText, decode_counting
from pipeline.ingest.flow import drop_repeated_documents
from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import InputFile, discover, read_partition
from tests.conftest import venv_env

BAD_NAME = os.fsdecode(b"bad\xffname.txt")  # a name that is not UTF-8, as the OS hands it over
BAD_NAME_SHOWN = "bad\\xffname.txt"
CYRILLIC_BEFORE = "Жанаозен, 16 декабря 2011 года. Полиция открыла огонь по бастующим нефтяникам.\n"
CYRILLIC_AFTER = "Очевидцы говорят о десятках погибших; независимые источники называют другие цифры.\n"
POST_BACKSPACES = (
    "From: jdoe@engr.example.edu (John Doe)\n"
    "Subject: Re: Brake fade on long descents\n"
    "Lines: 6\n\n"
    "My old car had drum\b\b\b\bdisc brakes and they faded after ten miles down the pass.\n"
    "The shop said the fluid was old^H^H^H\b\b\bwet, so I had it flushed.\n"
)
POST_STX = (
    "From: asmith@med.example.org (Ann Smith)\n"
    "Subject: Re: Lyme disease tests\x02\n"
    "Lines: 5\n\n"
    "The\x02 Western blot is more specific than the ELISA test, but ask\x02 your doctor\n"
    "which lab runs it.\x02 Mine sent it away\x02 and it took two weeks.\x1b\n"
)
NORMAL = {
    "report.txt": "Oil workers in Zhanaozen went on strike in May 2011.\n\nThe strike lasted seven months.\n",
    "notes.md": "# Notes\n\nЗабастовка нефтяников продолжалась семь месяцев.\n",
}
OUTSIDE_TEXT = Path("/etc/passwd").read_text(errors="replace").splitlines()[0]  # must appear in no table


def build_hostile_corpus(seeds: Path) -> dict[str, str]:
    """Every case of the issue in `seeds`; returns {shown source_path: words its rejection must hold}."""
    seeds.mkdir(parents=True, exist_ok=True)
    for name, text in NORMAL.items():
        (seeds / name).write_text(text, encoding="utf-8")
    os.symlink("/etc/passwd", seeds / "passwd.txt")                        # 1
    os.mkfifo(seeds / "x.txt")                                             # 2
    os.symlink("/dev/zero", seeds / "zero.txt")                            # 3
    (seeds / BAD_NAME).write_text("A report whose file name is not UTF-8.\n", encoding="utf-8")  # 4
    os.symlink(seeds / "gone.txt", seeds / "dangling.txt")                 # 5
    os.symlink("loop_b.txt", seeds / "loop_a.txt")
    os.symlink("loop_a.txt", seeds / "loop_b.txt")
    (seeds / "damaged.txt").write_bytes(                                   # 6
        CYRILLIC_BEFORE.encode() + b"\xff\xfe\xfd" + CYRILLIC_AFTER.encode())
    (seeds / "posts").mkdir()                                              # 13
    (seeds / "posts" / "backspaces.txt").write_text(POST_BACKSPACES, encoding="ascii")
    (seeds / "posts" / "stx.txt").write_text(POST_STX, encoding="ascii")
    os.symlink("../report.txt", seeds / "posts" / "same_report.txt")      # a link inside: read once
    return {
        "seeds/passwd.txt": "link outside the corpus",
        "seeds/x.txt": "named pipe",
        "seeds/zero.txt": "link outside the corpus",
        "seeds/dangling.txt": "broken link",
        "seeds/loop_a.txt": "link loop",
        "seeds/loop_b.txt": "link loop",
        "seeds/posts/same_report.txt": "link to seeds/report.txt inside the corpus: read once",
    }


def ingest(root: Path, outside: Path | None = None):
    """The stage's pure functions as the flow chains them: (documents, passages, rejected) frames."""
    params = IngestParams()
    files, early = discover(root, params, outside=str(outside) if outside else None)
    docs, passages, bad = read_partition(root, files, params)
    docs, passages, repeats = drop_repeated_documents(docs, passages, {})
    rejected = pa.concat_tables([pa.Table.from_pylist(early, schema=bad.schema), bad, repeats])
    return docs.to_pandas(), passages.to_pandas(), rejected.to_pandas()


def assert_nothing_from_outside(frames) -> None:
    for frame in frames:
        for column in frame.columns:
            if frame[column].dtype == object:
                cells = frame[column].dropna().astype(str)
                assert not cells.str.contains(OUTSIDE_TEXT, regex=False).any(), column
                assert not cells.str.contains("\x00", regex=False).any(), column


def assert_read_as_the_issue_wants(docs, rejected, expected: dict[str, str], prefix: str = "seeds") -> None:
    reasons = dict(zip(rejected["source_path"], rejected["reason"]))
    for path, words in expected.items():
        assert words in reasons.get(path, ""), (path, reasons.get(path))
    by_path = docs.set_index("source_path")
    assert set(by_path.index) >= {f"{prefix}/report.txt", f"{prefix}/notes.md", f"{prefix}/{BAD_NAME_SHOWN}",
                                  f"{prefix}/damaged.txt", f"{prefix}/posts/backspaces.txt",
                                  f"{prefix}/posts/stx.txt"}
    damaged = by_path.loc[f"{prefix}/damaged.txt"]
    assert damaged["encoding"] == "utf-8" and damaged["n_replaced"] == 3
    assert CYRILLIC_BEFORE in damaged["text"] and CYRILLIC_AFTER in damaged["text"]
    assert by_path.loc[f"{prefix}/posts/backspaces.txt", "text"] == POST_BACKSPACES
    assert by_path.loc[f"{prefix}/posts/stx.txt", "text"] == POST_STX
    assert (by_path["n_replaced"].drop(f"{prefix}/damaged.txt") == 0).all()
    assert len(docs[docs["text"] == NORMAL["report.txt"]]) == 1  # the inside link added no second copy


def test_a_hostile_folder_is_read_safely_by_the_stage_functions(tmp_path):
    root = tmp_path / "project"
    expected = build_hostile_corpus(root / "seeds")
    docs, passages, rejected = ingest(root)
    assert_read_as_the_issue_wants(docs, rejected, expected)
    assert not set(docs["source_path"]) & set(rejected["source_path"])
    assert len(docs) + len(rejected) == 6 + 7  # every entry accounted for, once
    assert_nothing_from_outside([docs, passages, rejected])
    for name, frame in (("documents", docs), ("rejected", rejected)):  # every name is valid UTF-8 in Parquet
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / f"{name}.parquet")


def test_the_posts_had_been_refused_only_for_their_control_characters():
    """Item 13: before, more than 2% control bytes made a file binary."""
    for post in (POST_BACKSPACES, POST_STX):
        data = post.encode()
        share = sum(b < 32 and b not in b"\t\n\r\x0b\x0c" for b in data) / len(data)
        assert share > 0.02
        assert decode_counting(data).text == post


def test_random_bytes_with_control_characters_are_still_binary():
    """The other side of item 13: binary data without NUL bytes is not read as text."""
    import random

    rng = random.Random(7)
    for size in (300, 2000):
        data = bytes(rng.randint(1, 255) for _ in range(size))
        with pytest.raises(NotText, match="binary"):
            decode_counting(data)


@pytest.mark.parametrize("input_dir", ["../../etc", "/etc", ".", "seeds/../.."])
def test_an_input_folder_outside_the_project_is_refused(tmp_path, input_dir):
    root = tmp_path / "project"
    build_hostile_corpus(root / "seeds")
    with pytest.raises(CorpusError, match="not a folder inside the project") as err:
        discover(root, IngestParams(input_dir=input_dir))
    assert "\n" not in str(err.value)


def test_a_folder_outside_the_project_is_read_only_when_the_command_line_names_it(tmp_path):
    outside = tmp_path / "elsewhere"
    expected = build_hostile_corpus(outside)
    root = tmp_path / "project"
    root.mkdir()
    docs, _, rejected = ingest(root, outside=outside)
    prefix = os.path.realpath(outside)
    expected = {prefix + path.removeprefix("seeds"): words.replace("seeds/", prefix + "/")
                for path, words in expected.items()}
    assert_read_as_the_issue_wants(docs, rejected, expected, prefix=prefix)
    with pytest.raises(CorpusError, match="absolute"):
        discover(root, IngestParams(), outside="elsewhere")


def test_the_command_line_refuses_an_outside_folder_in_one_line(tmp_path, monkeypatch, capsys):
    from pipeline.cli import main

    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    monkeypatch.setenv("PIPELINE_ROOT", str(root))
    for input_dir in ("../../etc", "/etc"):
        (root / "params.yaml").write_text(f"ingest:\n  input_dir: {input_dir}\n")
        for command in (["run", "ingest"], ["repro"]):
            assert main(command) == 2
            err = capsys.readouterr().err
            assert err.startswith("error: ingest.input_dir") and err.count("\n") == 1, err
            assert "--input-dir" in err


def test_a_read_stops_at_the_limit_and_never_opens_a_pipe(tmp_path):
    """What discover saw may change before the read: a file that grew past the limit,
    or a pipe put in place of a file (opening it without O_NONBLOCK would hang)."""
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "grew.txt").write_bytes(b"word " * 300_000)  # 1.5 MB
    os.mkfifo(root / "seeds" / "swapped.txt")
    params = IngestParams(max_file_mb=1)
    files = [InputFile("seeds/grew.txt", 10), InputFile("seeds/swapped.txt", 10)]
    docs, _, rejected = (t.to_pandas() for t in read_partition(root, files, params))
    reasons = dict(zip(rejected["source_path"], rejected["reason"]))
    assert docs.empty
    assert reasons["seeds/grew.txt"] == "too large: grew past ingest.max_file_mb=1.0 while being read"
    assert "named pipe" in reasons["seeds/swapped.txt"]
    assert len(read_bounded(str(root / "seeds" / "grew.txt"), 10, 1000)) == 1001


def test_dvc_patterns_name_exactly_one_entry():
    assert dvc_pattern("seeds/x.txt") == "/seeds/x.txt"
    assert dvc_pattern("seeds/a*b?[c].txt") == "/seeds/a\\*b\\?\\[c\\].txt"
    assert dvc_pattern("seeds/" + BAD_NAME) == "/seeds/bad?name.txt"
    assert dvc_pattern("seeds/tab\there  ") == "/seeds/tab?here??"


def test_the_dvcignore_block_follows_the_corpus_and_keeps_other_lines(tmp_path):
    root = tmp_path / "project"
    build_hostile_corpus(root / "seeds")
    hazards = corpus_hazards(root, "seeds")
    shown = {h.path for h in hazards}
    assert shown == {"seeds/passwd.txt", "seeds/x.txt", "seeds/zero.txt", f"seeds/{BAD_NAME_SHOWN}",
                     "seeds/dangling.txt", "seeds/loop_a.txt", "seeds/loop_b.txt"}  # the inside link is harmless
    assert all(h.advice for h in hazards)
    mine = "# mine\n__pycache__/\n"
    fenced = render(mine, hazards)
    assert fenced.startswith(mine) and BEGIN in fenced and "/seeds/x.txt\n" in fenced
    assert render(fenced, hazards) == fenced
    assert render(fenced, []) == mine


def _cap_memory() -> None:
    """In the child: at most 4 GB of address space, so a read without limit fails fast."""
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


@pytest.mark.slow
def test_pipeline_repro_on_a_hostile_corpus_finishes_and_dvc_status_works(project):
    """The real command in a real project (tests/conftest.py `project`: the seeds plus every hostile
    entry): `python -m pipeline repro` exits 0 within 300 s under a 4 GB cap, names every bad entry,
    writes every skipped one to rejected.parquet, and nothing from outside the corpus reaches any
    table, CSV or the report; then plain `dvc status` neither fails nor hangs. The seed documents
    are taken out first: the hostile folder brings readable documents of its own, and the seeds
    would only add minutes of NER to the suite."""
    for seed in (project / "seeds").glob("*.txt"):
        seed.unlink()
    expected = build_hostile_corpus(project / "seeds")
    env = venv_env()

    def command(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", *args], cwd=project, env=env, capture_output=True,
                              text=True, errors="backslashreplace", timeout=300, preexec_fn=_cap_memory)

    try:
        repro = command("pipeline", "repro")
        assert repro.returncode == 0, repro.stderr[-4000:]
        for path in ("seeds/passwd.txt", "seeds/x.txt", "seeds/zero.txt", "seeds/dangling.txt",
                     "seeds/loop_a.txt", f"seeds/{BAD_NAME_SHOWN}"):
            assert f"  {path}: " in repro.stderr, path
        tables = {name: pq.read_table(project / "data" / "ingest" / f"{name}.parquet").to_pandas()
                  for name in ("documents", "passages", "rejected")}
        assert_read_as_the_issue_wants(tables["documents"], tables["rejected"], expected)
        every_table = [pq.read_table(t).to_pandas() for t in sorted((project / "data").rglob("*.parquet"))
                       if ".staging" not in t.parts]
        assert len(every_table) > 15  # every stage's tables
        assert_nothing_from_outside(every_table)
        for written in [*(project / "reports").rglob("*.csv"), project / "reports" / "report.html"]:
            assert OUTSIDE_TEXT not in written.read_text(encoding="utf-8", errors="replace"), written
        printed = subprocess.run(["pdftotext", str(project / "reports" / "report.pdf"), "-"],
                                 capture_output=True, text=True, check=True).stdout
        assert OUTSIDE_TEXT not in printed

        status = command("dvc", "status")
        assert status.returncode == 0, status.stderr[-4000:]
        assert "ingest:" not in status.stdout and "report:" not in status.stdout  # all just built
        assert "up to date" in command("dvc", "status", "ingest").stdout

        # the pipe goes: DVC's view changes back, ingest runs again, its row goes too
        (project / "seeds" / "x.txt").unlink()
        again = command("pipeline", "repro", "ingest")
        assert again.returncode == 0, again.stderr[-4000:]
        rejected = pq.read_table(project / "data" / "ingest" / "rejected.parquet").to_pandas()
        assert "seeds/x.txt" not in set(rejected["source_path"])
        assert "/seeds/x.txt\n" not in (project / ".dvcignore").read_text()
    finally:
        subprocess.run([sys.executable, "-m", "pipeline", "server", "stop"], cwd=project,
                       env={**env, "PIPELINE_ROOT": str(project)}, capture_output=True, timeout=120)


def test_status_does_not_hang_on_a_pipe_in_the_corpus(project):
    # `pipeline status` runs `dvc status`, which would wait forever reading a FIFO: it fences it first
    os.mkfifo(project / "seeds" / "pipe.txt")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "status", "--offline"], cwd=project,
                            env=venv_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=120)
    finally:  # a hung dvc child must not outlive the test
        if proc.poll() is None:
            os.killpg(proc.pid, 9)
            proc.wait()
    assert proc.returncode == 0, err
    assert "pipe.txt" in err and "dvc status:" in out
