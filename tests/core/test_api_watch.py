"""The API watch against a real HTTP server that stops answering (the e2e test kills a real
Prefect server; this one checks the exit codes and messages of each case quickly)."""

from __future__ import annotations

import threading
import time
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import pipeline.core.api_watch as api_watch


class _Health(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the http.server API)
        self.send_response(200 if self.path.endswith("/health") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}/api"
    httpd.server_close()


def _stage_body(root: str) -> dict:
    return {"root": root}


def _watch(url, stages, monkeypatch):
    monkeypatch.setattr(api_watch, "POLL_SECONDS", 0.05)
    exits = []
    done = threading.Event()

    def fake_exit(code):
        exits.append(code)
        done.set()
    return api_watch.ApiWatch(url, stages, exit=fake_exit), exits, done


@pytest.mark.parametrize("stages, code", [(["entities"], 0), (["entities", "facts", "report"], 1)])
def test_a_server_that_stops_answering_ends_the_run_after_its_stage(server, monkeypatch, capsys, stages, code):
    httpd, url = server
    watch, exits, done = _watch(url, stages, monkeypatch)
    with watch:
        flow = watch.stage("entities", types.SimpleNamespace(fn=_stage_body))
        time.sleep(0.3)
        assert exits == []  # an answering server: nothing happens
        httpd.shutdown()
        httpd.server_close()  # gone: connections are refused
        time.sleep(0.5)
        assert exits == []  # gone, but the stage's work is still running: wait for it
        assert flow.fn(root="/p") == {"root": "/p"}  # the work ends
        assert done.wait(10)
    assert exits == [code]
    out, err = capsys.readouterr()
    assert out.count("entities: done in") == 1 and "tables written" in out
    lines = err.strip().splitlines()
    assert "stopped answering during entities" in lines[0]
    if code:
        assert lines[1] == "error: not run: facts, report; once a server answers, run " \
                           "`python -m pipeline run facts report`"
    else:
        assert len(lines) == 1


def test_a_watched_flow_stays_picklable_for_the_dask_runner(server, monkeypatch):
    import cloudpickle

    _, url = server
    watch, _, _ = _watch(url, ["ingest"], monkeypatch)
    flow = watch.stage("ingest", types.SimpleNamespace(fn=_stage_body))
    copy = cloudpickle.loads(cloudpickle.dumps(flow.fn))
    assert copy(root="/q") == {"root": "/q"}
