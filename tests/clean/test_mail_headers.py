"""E-mail and newsgroup header fields are page furniture: flagged, never deleted."""

from __future__ import annotations

import pandas as pd

from pipeline.clean.params import CleanParams
from pipeline.clean.stage import clean_passages


def _clean(text: str) -> dict:
    passages = pd.DataFrame([{"passage_id": "p1", "doc_id": "d1", "seq": 0, "char_start": 0,
                              "char_end": len(text), "text": text}])
    return clean_passages(passages, CleanParams())


def test_a_header_block_is_furniture_and_kept():
    text = ("From: smith@cs.example.edu (John Smith)\nSubject: Re: Saturn pricing\n"
            "Organization: Example University\nLines: 51\nNNTP-Posting-Host: cs.example.edu")
    out = _clean(text)
    assert bool(out["passages"]["is_boilerplate"].iloc[0])
    assert set(out["furniture"]["rule"]) == {"mail_header"} and len(out["furniture"]) == 5
    assert out["passages"]["text_clean"].iloc[0] == text  # flagged, not removed


def test_a_sentence_that_starts_like_a_field_name_is_not_a_header():
    out = _clean("Subject to approval by the board, the plant will hire 300 workers.\n"
                 "From there, 40 trucks a day will leave for the port.")
    assert out["furniture"].empty and not bool(out["passages"]["is_boilerplate"].iloc[0])
