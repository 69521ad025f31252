"""End a finished CLI process without the interpreter's slow teardown.

After a stage's flow, a normal exit spends about 0.3 s joining Prefect's
background threads and finalizing every module and object; `dvc repro` starts
one process per stage, so that is paid six times. Everything that matters is
done first: Prefect's queued logs and events are sent to the API (what its own
exit hook would do), logging handlers are flushed and closed, stdout and stderr
are flushed. Then the process ends with `os._exit`.
"""

from __future__ import annotations

import logging
import os
import sys

DRAIN_TIMEOUT_S = 10


def drain_prefect() -> None:
    """Send Prefect's queued logs and events to the API, as its exit hook does."""
    if "prefect" not in sys.modules:
        return
    from prefect._internal.concurrency.services import _QueueServiceBase

    # one registry holds every service instance (API log worker, events worker, ...)
    _QueueServiceBase.drain_all(timeout=DRAIN_TIMEOUT_S, at_exit=True)


def exit_now(code: int) -> None:
    """Flush what the process owes, then end it with `code` at once."""
    try:
        drain_prefect()
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - something to flush failed: exit the ordinary way
        raise SystemExit(code) from None
    os._exit(code)
