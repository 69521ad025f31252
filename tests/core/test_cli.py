"""The command line's own choices, checked without starting a server."""

from prefect.settings import get_current_settings

from pipeline.cli import _stage_flow_settings


def test_stage_flows_skip_prefect_heartbeats_unless_the_user_asks(monkeypatch):
    monkeypatch.delenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", raising=False)
    monkeypatch.delenv("PREFECT_RUNNER_HEARTBEAT_FREQUENCY", raising=False)
    assert get_current_settings().flows.heartbeat_frequency is not None  # Prefect's default beats
    with _stage_flow_settings():
        assert get_current_settings().flows.heartbeat_frequency is None
    assert get_current_settings().flows.heartbeat_frequency is not None  # restored afterwards

    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "60")
    with _stage_flow_settings():
        assert get_current_settings().flows.heartbeat_frequency == 60


def test_run_takes_a_worker_count_and_refuses_nonsense(capsys):
    import pytest

    from pipeline.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["run", "ingest", "--workers", "1"]).workers == 1
    assert parser.parse_args(["run", "ingest"]).workers is None  # params.yaml decides
    for bad in ("0", "-2", "two", "1000"):
        with pytest.raises(SystemExit):
            parser.parse_args(["run", "ingest", "--workers", bad])
        assert "expected a whole number from 1 to 256" in capsys.readouterr().err


def test_a_python_without_the_packages_is_told_what_to_do():
    """What `dvc repro` from a shell without the project's environment meets."""
    import subprocess
    import sys

    from tests.conftest import REPO

    # -S: no site-packages, as a system Python that never had the project installed
    proc = subprocess.run([sys.executable, "-S", "-m", "pipeline", "run", "ingest"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "cannot import" in proc.stderr and "source .venv/bin/activate" in proc.stderr
