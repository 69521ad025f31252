"""Column operations pandas does slowly on Arrow-backed strings."""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def is_in(column: pd.Series, values: Iterable) -> np.ndarray:
    """Mask: each value of `column` is one of `values` (as `Series.isin`, None never matching).

    pandas' `isin` on Arrow-backed strings first makes a pyarrow scalar of every value looked for,
    one by one (1.5 s for the 330,000 repeat passages of a 30,000-document pile); this hands both
    sides to Arrow at once."""
    if isinstance(values, (pd.Series, pd.Index)):
        wanted = _strings(values).drop_null()
    else:
        wanted = pa.array([v for v in values if isinstance(v, str)], type=pa.large_string())
    if not len(wanted) or not len(column):
        return np.zeros(len(column), dtype=bool)
    return np.asarray(pc.is_in(_strings(column), value_set=wanted).fill_null(False), dtype=bool)


def _strings(values: pd.Series | pd.Index) -> pa.Array:
    """The values as one Arrow array of large strings (no copy when they are Arrow strings already)."""
    array = pa.array(values, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return array.cast(pa.large_string())
