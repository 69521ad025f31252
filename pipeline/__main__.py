"""`python -m pipeline`: the command-line interface.

The process exits the ordinary way: Prefect's own exit hook sends its queued
logs and events, then the interpreter tears down. PIPELINE_FAST_EXIT=1 opts in
to `pipeline.core.fastexit.exit_now` instead, which drains Prefect's queues
itself and ends with `os._exit`, skipping ~0.3 s of teardown per process; it
calls a private Prefect API (no Prefect setting does this), so it is off by
default (docs/architecture.md).
"""

import os

from pipeline.cli import main

FAST_EXIT_ENV = "PIPELINE_FAST_EXIT"

code = main()
if os.environ.get(FAST_EXIT_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
    from pipeline.core.fastexit import exit_now

    exit_now(code)
raise SystemExit(code)
