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


def test_a_signature_after_the_separator_is_furniture():
    text = "I bought mine for $12,000 in 1992.\n-- \nJohn Smith  | MIT AI Lab\nsmith@ai.example.edu"
    out = _clean(text)
    rules = out["furniture"]["rule"].tolist()
    assert rules == ["lone_punctuation", "signature", "signature"]  # the separator is punctuation anyway
    assert not bool(out["passages"]["is_boilerplate"].iloc[0])  # the sentence before it is content


def test_a_long_run_after_a_dash_line_is_content():
    text = "--\n" + "\n".join(f"Line {i} of an article set off by a rule." for i in range(12))
    assert _clean(text)["furniture"]["rule"].tolist() == ["lone_punctuation"]


def test_quote_introductions_are_furniture():
    for line in ("In article <1993Apr5.1@cs.example.edu>, fred@example (Fred Dickey) writes:",
                 "|> carolina@uiuc (Carol) wrote:", "wolfson@regatta.example.com (Stephen Wolfson) writes:"):
        assert _clean(line)["furniture"]["rule"].tolist() == ["quote_intro"], line
    assert _clean("He writes: the plant will hire 300 workers next year.")["furniture"].empty


def test_a_header_block_takes_every_field_and_folded_line():
    text = ("From: m-it@doc.example.edu (Tim Tsai)\nSubject: AWD BMW\nLines: 11\n"
            "X-Received: by usenet.example.com; id AA12484; Mon, 5 Apr 93\n"
            "\tid AA07384; Tue, 6 Apr 93 02:07:00 -0400\nNews-Software: VAX/VMS VNEWS 1.41")
    out = _clean(text)
    assert bool(out["passages"]["is_boilerplate"].iloc[0])
    assert set(out["furniture"]["rule"]) == {"mail_header"} and len(out["furniture"]) == 6


def test_field_like_lines_outside_a_header_block_are_content():
    out = _clean("Note: the plant will hire 300 workers.\nWarning: roads are closed.")
    assert out["furniture"].empty
