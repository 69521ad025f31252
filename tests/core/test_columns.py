"""is_in: the same mask as Series.isin, on Arrow-backed and object strings."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings, strategies as st

from pipeline.core.columns import is_in

WORDS = st.one_of(st.none(), st.sampled_from(["p1", "p2", "Zhanaozen", "", "ö", "p10"]), st.text(max_size=4))


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=30), st.lists(WORDS, max_size=30), st.booleans(), st.booleans())
def test_is_in_gives_the_mask_isin_gives(column, values, arrow_column, as_series):
    col = pd.Series(column, dtype="str" if arrow_column else object)
    wanted = pd.Series(values, dtype=object) if as_series else set(values)
    expected = col.isin([v for v in values if isinstance(v, str)]).to_numpy(dtype=bool)
    expected = expected & col.notna().to_numpy()   # a missing value is never found
    assert np.array_equal(is_in(col, wanted), expected)


def test_repeat_passages_of_a_pile_are_found_among_its_passages():
    passages = pd.Series([f"p{i:06d}" for i in range(50_000)], dtype="str")
    repeats = passages.iloc[::7]
    mask = is_in(passages, repeats)
    assert mask.sum() == len(repeats) and mask[::7].all() and not mask[1::7].any()
