"""Forum posts with their headers, through the real ingest, clean and facts functions: no
claim comes from a header line, a report or model number, a sports result or an age.

Real posts: ../shared/dev/forum (20 Newsgroups: rec.autos, sci.med, talk.politics.misc);
one post written here adds the sports results, report numbers and ages that set lacks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.clean.params import CleanParams
from pipeline.clean.stage import clean_passages
from pipeline.facts.params import FactsParams
from pipeline.facts.stage import Inputs, extract_facts
from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import discover, read_partition
from pipeline.text.offsets import offset_maps

FORUM = Path(__file__).resolve().parents[3] / "shared" / "dev" / "forum"
HEADER = re.compile(r"^[A-Za-z][\w.-]*: ", re.M)

WRITTEN = """From: fan@example.org (A. Fan)
Subject: Re: 3 killed? No - Rangers 5, Bruins 2
Organization: Example University
Lines: 9

In article <1993Apr5.1@example.org>, someone writes:
Noonan fired it past Joseph in the third period and the Rangers won 5-2.
Clemens was striking out five in the first three innings as Boston beat Detroit 4 to 1.
See MIT AI Lab Technical Report 995 and RFC 822 for the details.
My uncle, 63, and his son, 30, watched it on a Sony KV-27 set.
"""


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    seeds = root / "seeds"
    for group in sorted(p for p in FORUM.iterdir() if p.is_dir()):
        dest = seeds / group.name
        dest.mkdir(parents=True)
        for post in sorted(group.iterdir())[:20]:
            shutil.copy(post, dest / post.name)
    (seeds / "written.txt").write_text(WRITTEN, encoding="utf-8")
    return root


def _facts(root: Path) -> tuple[dict, pd.DataFrame]:
    params = IngestParams(input_dir="seeds")
    files, _ = discover(root, params)
    docs, passages, _ = read_partition(root, files, params)
    documents, passages = docs.to_pandas(), passages.to_pandas()
    cleaned = clean_passages(passages, CleanParams())
    dedup = passages[["passage_id", "doc_id"]].assign(match="unique", is_canonical=True,
                                                      canonical_passage_id=passages["passage_id"],
                                                      skip_downstream=False)
    maps = offset_maps(passages, cleaned["edits"])
    inputs = Inputs(documents=documents, passages=passages, clean=cleaned["passages"],
                    sentences=cleaned["sentences"], dedup=dedup, mentions=None)
    out = extract_facts(inputs, FactsParams(), lambda pid, s, e: maps[pid].raw_span(s, e))
    return out, documents


@pytest.fixture(scope="module")
def forum(tmp_path_factory):
    if not FORUM.is_dir():
        raise FileNotFoundError(f"{FORUM}: the development sets are expected beside the project")
    return _facts(_corpus(tmp_path_factory.mktemp("forum")))


def test_no_claim_comes_from_a_header_line(forum):
    out, documents = forum
    text = dict(zip(documents["doc_id"], documents["text"]))
    claims = out["claims"]
    assert len(claims) > 10  # the posts do state figures (prices, percentages)
    for r in claims.itertuples():
        doc = text[r.doc_id]
        line_start = doc.rfind("\n", 0, r.raw_start) + 1
        head = doc[:doc.find("\n\n")] if "\n\n" in doc else doc
        in_header = r.raw_start < len(head) and HEADER.match(doc, line_start)
        assert not in_header, (r.surface, doc[line_start:line_start + 80])


def test_no_claim_from_scores_report_numbers_or_ages(forum):
    out, documents = forum
    written = documents.loc[documents["source_path"].str.endswith("written.txt"), "doc_id"].iloc[0]
    claims = out["claims"][out["claims"]["doc_id"] == written]
    assert claims.empty, claims[["measure", "value_low", "surface", "sentence"]].to_string()
