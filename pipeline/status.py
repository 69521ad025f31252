"""`python -m pipeline status`: what is built, what is stale, recent runs."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from pipeline.core.parts import is_table, num_rows
from pipeline.core.paths import tool_env
from pipeline.stages import STAGES


def _tables(root: Path, stage: str) -> list[str]:
    folder = root / "data" / stage
    if not folder.is_dir():
        return []
    out = []
    for f in sorted(folder.glob("*.parquet")):
        if is_table(f):
            out.append(f"{f.name} ({num_rows(f):,} rows)")
    return out


def _recent_runs(api_url: str, n: int = 8) -> list[str]:
    import asyncio

    from prefect.client.orchestration import PrefectClient
    from prefect.client.schemas.sorting import FlowRunSort

    async def fetch():
        async with PrefectClient(api=api_url) as client:
            runs = await client.read_flow_runs(limit=n, sort=FlowRunSort.START_TIME_DESC)
            flows = {f.id: f.name for f in await client.read_flows()}
            return [(flows.get(r.flow_id, "?"), r.name, r.state_name, r.start_time) for r in runs]

    rows = asyncio.run(fetch())
    return [f"{(s.astimezone(dt.timezone.utc).strftime('%Y-%m-%d %H:%M:%S') if s else 'not started'):19}  "
            f"{flow:16} {state or '?':10} {name}" for flow, name, state, s in rows]


def show(root: Path, prefect: bool = True) -> int:
    print(f"project: {root}")
    for name in STAGES:
        if name == "report":
            continue  # its outputs are the reports, listed below
        tables = _tables(root, name)
        print(f"  {name:8} {', '.join(tables) if tables else 'not built'}")
    reports = [p.name for p in sorted((root / "reports").glob("report.*"))] if (root / "reports").is_dir() else []
    print(f"  reports  {', '.join(reports) or 'not built'}")
    dvc = subprocess.run([sys.executable, "-m", "dvc", "status"], cwd=root, env=tool_env(),
                         capture_output=True, text=True)
    print("dvc status:")
    for line in (dvc.stdout or dvc.stderr).strip().splitlines():
        print(f"  {line}")
    if prefect:
        from pipeline.core.prefect_server import healthy, read_state

        url = os.environ.get("PREFECT_API_URL") or (read_state(root) or {}).get("api_url")
        if url and healthy(url):
            print(f"Prefect: {url} (recent runs, newest first)")
            for line in _recent_runs(url):
                print(f"  {line}")
        else:
            print("Prefect: no server running (it starts on the next run; "
                  "or set PREFECT_API_URL)")
    return 0
