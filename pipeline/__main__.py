"""`python -m pipeline`: the command-line interface.

`run` commands are first offered to the project's stage host (pipeline/core/stage_host.py), which
runs them in a child forked from a process that has the imports done already.

The process exits the ordinary way: Prefect's own exit hook sends its queued
logs and events, then the interpreter tears down. PIPELINE_FAST_EXIT=1 opts in
to `pipeline.core.fastexit.exit_now` instead, which drains Prefect's queues
itself and ends with `os._exit`, skipping ~0.3 s of teardown per process; it
calls a private Prefect API (no Prefect setting does this), so it is off by
default (docs/architecture.md).
"""

import os
import sys

from pipeline.core.stage_host import run_through_host

FAST_EXIT_ENV = "PIPELINE_FAST_EXIT"

# `run <stage>`: the project's warm stage host runs it in a forked child, if it can stand in for this
# process exactly (pipeline/core/stage_host.py); otherwise it runs here
code = run_through_host(sys.argv[1:])
if code is not None:
    raise SystemExit(code)

from pipeline.cli import main  # noqa: E402

code = main()
if os.environ.get(FAST_EXIT_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
    from pipeline.core.fastexit import exit_now

    exit_now(code)
raise SystemExit(code)
