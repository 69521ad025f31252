"""params.yaml errors name the key and what is allowed."""

from __future__ import annotations

import pytest

from pipeline.core.params import ParamsError, load_params
from tests.conftest import REPO


def write(tmp_path, text):
    p = tmp_path / "params.yaml"
    p.write_text(text)
    return p


def test_project_params_are_valid():
    params = load_params(REPO / "params.yaml")
    assert params["ingest"].input_dir == "seeds"


def test_unknown_key_is_named_with_the_allowed_keys(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "ingest:\n  max_passage_char: 100\n"))
    msg = str(err.value)
    assert "ingest.max_passage_char" in msg and "unknown key" in msg and "max_passage_chars" in msg


def test_out_of_range_value_names_key_and_bound(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "ingest:\n  max_passage_chars: 5\n"))
    msg = str(err.value)
    assert "ingest.max_passage_chars" in msg and "200" in msg and "got 5" in msg


def test_wrong_choice_lists_the_choices(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "runner:\n  kind: gpu\n"))
    msg = str(err.value)
    assert "runner.kind" in msg and "threads" in msg and "processes" in msg and "dask" in msg and "gpu" in msg


def test_unknown_section(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "ingestt:\n  input_dir: x\n"))
    assert "ingestt" in str(err.value) and "ingest" in str(err.value)


def test_unknown_reader_for_an_extension(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "ingest:\n  formats:\n    pdf: pdf\n"))
    assert "ingest.formats" in str(err.value) and "txt, md or html" in str(err.value)


def test_report_caps_are_validated(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "report:\n  claims_per_figure: 1\n  sources_per_row: 0\n"))
    msg = str(err.value)
    assert "report.claims_per_figure" in msg and "got 1" in msg
    assert "report.sources_per_row" in msg and "got 0" in msg
    caps = load_params(REPO / "params.yaml")["report"]
    assert (caps.top_n, caps.occurrences_per_cluster, caps.claims_per_figure, caps.sources_per_row) == (25, 6, 25, 10)


def test_params_read_once_per_process_but_an_edit_is_seen(tmp_path):
    path = write(tmp_path, "ingest:\n  max_file_mb: 5\n")
    first = load_params(path)
    assert load_params(path)["ingest"] is first["ingest"]  # parsed and validated once
    path.write_text("ingest:\n  max_file_mb: 7\n", encoding="utf-8")  # same size: mtime tells
    import os
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert load_params(path)["ingest"].max_file_mb == 7
    path.write_text("ingest:\n  max_file_mb: 0\n", encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000))
    with pytest.raises(ParamsError, match="max_file_mb"):
        load_params(path)


def test_stage_threads_name_a_real_stage_and_a_sane_count(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "runner:\n  stage_threads: {ingets: 1}\n"))
    msg = str(err.value)
    assert "runner.stage_threads" in msg and "ingets" in msg and "ingest, dedup, clean" in msg
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "runner:\n  stage_threads: {clean: 0}\n"))
    assert "clean: 0 workers" in str(err.value)


def test_stage_threads_apply_to_their_stage_and_only_on_threads(tmp_path):
    runner = load_params(write(tmp_path, "runner:\n  max_workers: 3\n  stage_threads: {ingest: 1}\n"))["runner"]
    assert runner.for_stage("ingest").max_workers == 1
    assert runner.for_stage("clean").max_workers == 3
    processes = runner.model_copy(update={"kind": "processes"})
    assert processes.for_stage("ingest").max_workers == 3  # a process pool is not held back by the GIL
