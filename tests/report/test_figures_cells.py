"""The figures section's cells: a sub-count is shown as one of the counted, not as a competing toll."""

from __future__ import annotations

from collections import namedtuple

import pandas as pd

from pipeline.report.sections.figures import as_written

Claim = namedtuple("Claim", "surface part")


def test_a_part_is_shown_as_one_of_the_counted():
    assert as_written(Claim("two", True)) == "two (one of the counted, not a toll)"
    assert as_written(Claim("Six", False)) == "Six"


def test_the_claims_tables_bool_column_reads_the_same():
    rows = pd.DataFrame({"surface": ["two", "Six"], "part": [True, False]}).itertuples()
    assert [as_written(r) for r in rows] == ["two (one of the counted, not a toll)", "Six"]
