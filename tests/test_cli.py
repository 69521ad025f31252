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
