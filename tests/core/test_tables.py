"""Stage folders are replaced whole or not at all, even when the writer dies."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pandas as pd
import pyarrow as pa
import pytest

from pipeline.core.tables import read_table, stage_output

SCHEMA = pa.schema([("n", pa.int64())])


def write_version(final, n):
    with stage_output(final) as out:
        out.write_table("a.parquet", pd.DataFrame({"n": [n]}), SCHEMA)
        out.write_table("b.parquet", pd.DataFrame({"n": [n]}), SCHEMA)


def test_new_version_replaces_old(tmp_path):
    final = tmp_path / "data" / "stage"
    write_version(final, 1)
    write_version(final, 2)
    assert read_table(final / "a.parquet")["n"].tolist() == [2]
    assert sorted(p.name for p in final.iterdir()) == ["a.parquet", "b.parquet"]


def test_exception_keeps_last_good_version(tmp_path):
    final = tmp_path / "data" / "stage"
    write_version(final, 1)
    with pytest.raises(RuntimeError):
        with stage_output(final) as out:
            out.write_table("a.parquet", pd.DataFrame({"n": [2]}), SCHEMA)
            raise RuntimeError("stage failed half way")
    assert read_table(final / "a.parquet")["n"].tolist() == [1]
    assert not list((tmp_path / "data" / ".staging").glob("stage.tmp-*"))


@pytest.mark.parametrize("when", ["mid-write", "before-swap"])
def test_killed_process_keeps_last_good_version(tmp_path, when):
    final = tmp_path / "data" / "stage"
    write_version(final, 1)
    script = textwrap.dedent(f"""
        import os, pandas as pd, pyarrow as pa
        from pathlib import Path
        from pipeline.core.tables import stage_output
        schema = pa.schema([("n", pa.int64())])
        with stage_output(Path({str(final)!r})) as out:
            out.write_table("a.parquet", pd.DataFrame({{"n": [2]}}), schema)
            if {when!r} == "mid-write":
                os.kill(os.getpid(), 9)
            out.write_table("b.parquet", pd.DataFrame({{"n": [2]}}), schema)
    """)
    env = {"PIPELINE_CRASH_BEFORE_SWAP": "stage"} if when == "before-swap" else {}
    import os
    proc = subprocess.run([sys.executable, "-c", script], env={**os.environ, **env})
    assert proc.returncode != 0
    assert read_table(final / "a.parquet")["n"].tolist() == [1]
    assert read_table(final / "b.parquet")["n"].tolist() == [1]
    write_version(final, 3)  # the next run recovers and cleans up
    assert read_table(final / "b.parquet")["n"].tolist() == [3]
    assert not list((tmp_path / "data" / ".staging").glob("stage.tmp-*"))


def test_crash_between_the_two_renames_is_undone(tmp_path):
    final = tmp_path / "data" / "stage"
    write_version(final, 1)
    staging = tmp_path / "data" / ".staging"
    final.rename(staging / "stage.old-deadbeef")  # as if killed right after the first rename
    write_version(final, 2)
    assert read_table(final / "a.parquet")["n"].tolist() == [2]
    assert not list(staging.glob("stage.old-*"))


def test_interrupted_swap_restores_the_old_folder_on_next_read(tmp_path):
    from pipeline.core.tables import recover, stage_lock

    final = tmp_path / "data" / "stage"
    write_version(final, 1)
    final.rename(tmp_path / "data" / ".staging" / "stage.old-0001")
    with stage_lock(final):
        recover(final)
    assert read_table(final / "a.parquet")["n"].tolist() == [1]
