"""Progress lines of long work: at every tenth of it and at its end."""

from __future__ import annotations

import logging

from pipeline.core.flow import progress_reporter


class Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def reporter(*args) -> tuple:
    logger = logging.Logger("test-progress", logging.INFO)  # (not registered: no other set-up touches it)
    lines = Lines()
    logger.addHandler(lines)
    return progress_reporter(*args, logger=logger), lines.lines


def test_progress_is_logged_at_every_tenth_and_at_the_end():
    report, lines = reporter("entities model", "units")
    for done in range(1, 26):
        report(done, 25, done * 0.5)
    assert lines[0] == "entities model: 2/25 units done (1.0s)"
    assert lines[-1] == "entities model: 25/25 units done (12.5s)"
    assert len(lines) == 13  # 2, 4, ..., 24, and 25


def test_small_work_reports_each_step():
    report, lines = reporter("facts")
    for done in range(1, 4):
        report(done, 3, 0.0)
    assert lines == [f"facts: {done}/3 partitions done (0.0s)" for done in (1, 2, 3)]
