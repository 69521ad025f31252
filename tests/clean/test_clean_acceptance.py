"""Acceptance 2: for every clean span, the raw span holds the same words modulo the logged edits.

Over the WHOLE seed corpus, and over a copy of it damaged the ways real text
is (mojibake, no-break and zero-width spaces, soft hyphens, control characters,
look-alike letters, CR LF, decomposed accents), every span a later stage could
cite is checked: every sentence, every furniture line, every word, and random
spans. Maps come from the public `offset_maps(ingest passages, edits)`, as the
entities and facts stages get them.
"""

from __future__ import annotations

import random
import re
import unicodedata
from functools import lru_cache

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pandas as pd
import pytest

from pipeline.text.offsets import apply_edits, offset_maps
from pipeline.clean.stage import clean_passages
from pipeline.clean.unicode import FTFY_CONFIG, STANDALONE_NBSP
from pipeline.ingest.params import IngestParams
from pipeline.ingest.passages import split_passages
from pipeline.ingest.stage import discover, read_partition
from pipeline.text.homoglyphs import latin_skeleton
from tests.conftest import REPO

WORD = re.compile(r"\w+")


def _damage(text: str, seed: int) -> str:
    """Damage a document the ways scraped text is damaged, deterministically."""
    rnd = random.Random(seed)
    words = text.split(" ")
    out = []
    for w in words:
        r = rnd.random()
        if r < 0.03 and not w.isascii():
            # as browsers decode (WHATWG Windows-1252), or as Latin-1 (C1 controls)
            w = w.encode("utf-8").decode("sloppy-windows-1252") if rnd.random() < 0.5 else \
                w.encode("utf-8").decode("latin-1")
        elif r < 0.04:
            w = w.replace("a", "\u0430", 1)  # Cyrillic а inside a Latin word
        elif r < 0.05 and len(w) > 6:
            w = w[:3] + "\u00ad" + w[3:]  # soft hyphen
        elif r < 0.06:
            w = w + "\u200b"
        elif r < 0.065:
            w = w.replace("e", "e\u0301", 1)  # a decomposed accent
        elif r < 0.07:
            w = w + "\x00"
        out.append(w)
    sep = []
    for i in range(len(out) - 1):
        sep.append("\u00a0" if rnd.random() < 0.05 else " ")
    text = "".join(w + s for w, s in zip(out, sep + [""]))
    if seed % 2:
        text = text.replace("\n", "\r\n")
    # mojibake of curly quotes and dashes, as whole-document damage
    return text.replace("\u2019", "\u00e2\u20ac\u2122").replace("\u201c", "\u00e2\u20ac\u0153")


@lru_cache(maxsize=2)
def _corpus(damaged: bool):
    params = IngestParams()
    files, _ = discover(REPO, params)
    docs, passages, _ = (t.to_pandas() for t in read_partition(REPO, files, params))
    if damaged:
        rows, prow = [], []
        for i, d in enumerate(docs.itertuples()):
            text = _damage(d.text, i)
            did = f"damaged{i}"
            rows.append({"doc_id": did, "text": text})
            for seq, (a, b) in enumerate(split_passages(text, params.max_passage_chars)):
                prow.append({"passage_id": f"{did}-p{seq:05d}", "doc_id": did, "seq": seq,
                             "char_start": a, "char_end": b, "text": text[a:b]})
        docs, passages = pd.DataFrame(rows), pd.DataFrame(prow)
    return docs, passages, clean_passages(passages)


@pytest.fixture(scope="module", params=["seeds", "damaged seeds"])
def corpus(request):
    return _corpus(request.param == "damaged seeds")


def _norm(text: str) -> list[str]:
    """Words of a text with the repairs' differences folded away (for the words check)."""
    text = unicodedata.normalize("NFC", ftfy.fix_text(STANDALONE_NBSP.sub(" ", text), FTFY_CONFIG))
    text = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f-\x9f]", "", text)
    return WORD.findall(latin_skeleton(text))


def test_damage_was_repaired():
    docs, passages, out = _corpus(True)
    rules = set("+".join(out["edits"]["rule"]).split("+"))
    assert {"mojibake", "space", "soft_hyphen", "zero_width", "control", "homoglyph", "nfc",
            "newline", "line_join"} <= rules
    for t in out["passages"]["text_clean"]:
        assert "\u00e2\u20ac" not in t and "\u00a0" not in t and "\x00" not in t and "\r" not in t
        assert unicodedata.is_normalized("NFC", t)


def test_every_clean_span_maps_to_the_raw_text_that_produced_it(corpus):
    docs, passages, out = corpus
    text = dict(zip(docs["doc_id"], docs["text"]))
    maps = offset_maps(passages, out["edits"])
    edits = {pid: list(zip(g["raw_start"], g["raw_end"], g["before"], g["after"]))
             for pid, g in out["edits"].groupby("passage_id")}
    clean = dict(zip(out["passages"]["passage_id"], out["passages"]["text_clean"]))
    doc_of = dict(zip(passages["passage_id"], passages["doc_id"]))
    rnd = random.Random(7)
    checked = 0

    def check(pid: str, s: int, e: int) -> None:
        nonlocal checked
        m = maps[pid]
        c = clean[pid]
        rs, re_ = m.raw_span(s, e)
        raw = text[doc_of[pid]][rs:re_]
        inside = [x for x in edits.get(pid, ()) if rs <= x[0] and x[1] <= re_ and x[0] < x[1]]
        for x in edits.get(pid, ()):
            assert x[1] <= rs or x[0] >= re_ or (rs <= x[0] and x[1] <= re_), "an edit straddles the span"
        cs, ce = m.clean_span(rs, re_)
        assert cs <= s and e <= ce
        # replaying the logged edits on the raw span gives the clean text (widened to whole edits)
        assert apply_edits(raw, rs, inside) == c[cs:ce]
        # and the raw span holds the same words, modulo the repairs
        assert _norm(raw) == _norm(c[cs:ce])
        checked += 1

    for r in out["sentences"].itertuples():
        check(r.passage_id, r.start, r.end)
        assert maps[r.passage_id].raw_span(r.start, r.end) == (r.raw_start, r.raw_end)
    for r in out["furniture"].itertuples():
        check(r.passage_id, r.start, r.end)
        assert maps[r.passage_id].raw_span(r.start, r.end) == (r.raw_start, r.raw_end)
    for pid, c in clean.items():
        for w in WORD.finditer(c):
            check(pid, w.start(), w.end())
            rs, re_ = maps[pid].raw_span(w.start(), w.end())
            if not [x for x in edits.get(pid, ()) if rs <= x[0] < re_]:
                assert text[doc_of[pid]][rs:re_] == w.group()  # an unedited word is the same word
        for _ in range(5):
            if c:
                s = rnd.randrange(len(c))
                check(pid, s, rnd.randint(s + 1, len(c)))
    assert checked > 30000


def test_unedited_positions_round_trip(corpus):
    docs, passages, out = corpus
    maps = offset_maps(passages, out["edits"])
    text = dict(zip(docs["doc_id"], docs["text"]))
    for r in out["passages"].itertuples():
        m = maps[r.passage_id]
        for i in range(0, len(r.text_clean), 7):
            raw = m.to_raw(i)
            if text[r.doc_id][raw] == r.text_clean[i] and m.raw_span(i, i + 1) == (raw, raw + 1):
                assert m.to_clean(raw) == i
