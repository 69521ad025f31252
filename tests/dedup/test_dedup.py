"""The dedup stage's pure functions: the normaliser, the merge, and small
hand cases built from real seed text, plus hostile input."""

from __future__ import annotations

import random
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from pipeline.core.tables import to_arrow
from pipeline.dedup.merge import UnionFind, exact_groups
from pipeline.dedup.params import DedupParams
from pipeline.dedup.flow import run_dedup
from pipeline.dedup.stage import TABLES
from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import read_document
from pipeline.text.normalize import fold_homoglyphs, normalize_for_match, tokens
from tests.conftest import REPO, SEEDS

SEED_002 = (SEEDS / "002_58f5ba6ad2df0acd.txt").read_text(encoding="utf-8")
SEED_003 = (SEEDS / "003_bd6df31fc1c4f7d5.txt").read_text(encoding="utf-8")
SEED_004 = (SEEDS / "004_666f14b6d6051045.txt").read_text(encoding="utf-8")


def paragraph(text: str, starts_with: str) -> str:
    for block in re.split(r"\n\s*\n", text):
        if block.strip().startswith(starts_with):
            return block.strip()
    raise AssertionError(f"no paragraph starts with {starts_with!r}")


SAME_RUSSIA = paragraph(SEED_002, "Same Russia which has invaded")
CIA = paragraph(SEED_002, "CIA backed protest")
SUMMER = paragraph(SEED_003, "In the summer, Zhanaozen was rocked")


def corpus(*docs: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents (one list of passage texts each) as ingest tables."""
    drows, prows = [], []
    for d, texts in enumerate(docs):
        doc_id = f"d{d:03d}"
        pos = 0
        for seq, t in enumerate(texts):
            prows.append({"passage_id": f"{doc_id}-p{seq:05d}", "doc_id": doc_id, "seq": seq,
                          "char_start": pos, "char_end": pos + len(t), "text": t})
            pos += len(t) + 2
        drows.append({"doc_id": doc_id, "source_path": f"in/{d:03d}.txt", "published_iso": None,
                      "n_chars": pos})
    return pd.DataFrame(prows), pd.DataFrame(drows)


def dedup(*docs, **params):
    passages, documents = corpus(*docs)
    return run_dedup(passages, documents, DedupParams(**params))


def row(tables, passage_id) -> dict:
    p = tables["passages"].set_index("passage_id")
    return {k: (None if not isinstance(v, (list, np.ndarray)) and pd.isna(v) else v)
            for k, v in p.loc[passage_id].items()}


# -- the normaliser -----------------------------------------------------------

def test_normaliser_ignores_case_quotes_dashes_whitespace_and_homoglyphs():
    a = "Kazakhstan's “oil” workers — 16 December"
    b = "KAZАKHSTAN’S \"oil\"   workers - 16  december"  # Cyrillic А inside the Latin word
    assert normalize_for_match(a) == normalize_for_match(b)
    assert fold_homoglyphs("Kаzаkhstаn") == "Kazakhstan"          # Cyrillic а in a Latin word
    assert fold_homoglyphs("Kaзахстан и мир") == "Казахстан и мир"  # Latin K in a Cyrillic word
    assert fold_homoglyphs("Only Latin here") == "Only Latin here"
    assert normalize_for_match("Привет, мир") == "привет, мир"       # one script: untouched


def test_furniture_lines_at_the_edges_are_ignored():
    post = "Why do you label ordinary everyday protestors terrorist?"
    assert normalize_for_match(".\n" + post) == normalize_for_match(post)
    assert normalize_for_match("\u00a0\n.\n" + post + "\n***") == normalize_for_match(post)
    assert normalize_for_match("Last edited:\n.\n" + post, ["last edited:?"]) == normalize_for_match(post)
    assert normalize_for_match("...") == ""
    # a furniture line in the middle is text
    assert normalize_for_match("a b c\n.\nd e f") != normalize_for_match("a b c\nd e f")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_normaliser_is_idempotent(text):
    once = normalize_for_match(text)
    assert normalize_for_match(once) == once
    assert tokens(once) == tokens(normalize_for_match(once))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=200) | st.text(
    alphabet=" \t\nabcXYZ.,'\"-—“”’", max_size=80))
def test_normaliser_is_blind_to_case_spacing_and_quote_style(text):
    base = normalize_for_match(text)
    assert normalize_for_match(text.upper()) == normalize_for_match(text.lower())
    assert normalize_for_match(re.sub(r"[ \t]+", "  \t ", text)) == base
    curly = text.replace('"', "“").replace("'", "’").replace("-", "—")
    assert normalize_for_match(curly) == base


# -- union-find ---------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))))
def test_union_find_roots_are_the_smallest_member_of_each_component(case):
    n, edges = case
    uf = UnionFind(np.arange(n))
    for a, b in edges:
        uf.union(a, b)
    roots = uf.roots()
    # reference: connected components by graph search
    adj = {i: set() for i in range(n)}
    for a, b in edges:
        adj[a].add(b)
        adj[b].add(a)
    for i in range(n):
        seen, todo = {i}, [i]
        while todo:
            for j in adj[todo.pop()]:
                if j not in seen:
                    seen.add(j)
                    todo.append(j)
        assert roots[i] == min(seen)


def test_exact_groups_point_to_the_earliest_member():
    key = np.array([5, 7, 5, 9, 7, 5], dtype=np.uint64)
    eligible = np.array([True, True, True, True, True, False])
    assert exact_groups(key, eligible).tolist() == [0, 1, 0, 3, 1, -1]


# -- hand cases on seed text --------------------------------------------------

def test_exact_copy_with_homoglyphs_and_quote_styles_is_one_cluster_skipped_once():
    variant = SAME_RUSSIA.replace("a", "а", 3).replace("'", "’").upper()  # Cyrillic а, curly quote, caps
    t = dedup([SAME_RUSSIA, "Something else entirely, about the weather in spring."],
              [".\n" + variant, CIA])
    first, copy = row(t, "d000-p00000"), row(t, "d001-p00000")
    assert first["cluster_id"] == copy["cluster_id"] is not None
    assert first["is_canonical"] and not copy["is_canonical"]
    assert copy["match"] == "exact" and copy["skip_downstream"] and copy["similarity"] == 1.0
    assert row(t, "d000-p00001")["match"] == "unique"
    cluster = t["clusters"].set_index("cluster_id").loc[first["cluster_id"]]
    assert cluster["n_occurrences"] == 2 and cluster["n_docs"] == 2
    assert cluster["canonical_passage_id"] == "d000-p00000"


def test_truncated_quote_is_found_inside_the_long_passage_with_offsets():
    words = SUMMER.split()
    quote = " ".join(words[10:40])  # a quarter of the paragraph, as its own passage
    reply = "I read this somewhere: " + quote + " What do you make of it, honestly?"
    t = dedup([SUMMER], [reply, quote])
    q, original, rep = row(t, "d001-p00001"), row(t, "d000-p00000"), row(t, "d001-p00000")
    c = q["cluster_id"]
    assert c is not None and q["match"] == "near" and not q["skip_downstream"]
    # the reply is mostly the quote: same cluster; the original holds it as a quoted part
    assert rep["cluster_id"] == c
    assert original["cluster_id"] is None and list(original["quotes_cluster_ids"]) == [c]
    cluster = t["clusters"].set_index("cluster_id").loc[c]
    assert "d000-p00000" in cluster["passage_ids"] and cluster["n_occurrences"] == 3
    occ = t["occurrences"]
    o = occ[(occ["passage_id"] == "d000-p00000") & (occ["relation"] == "quoted")].iloc[0]
    assert not o.approximate
    assert normalize_for_match(SUMMER[o.char_start:o.char_end]) == normalize_for_match(quote)


def test_short_quote_inside_a_sentence_is_not_a_repeat_but_a_quoted_line_is():
    line = "Same chaos played over and over again."
    reply = line + "\nWell put - here the Russians are the trouble makers in these republics."
    inside = "They said the same chaos played over and over again in every town they visited."
    t = dedup([line, "Completely unrelated words about a garden and its old trees."], [reply, inside])
    c = row(t, "d000-p00000")["cluster_id"]
    assert c is not None
    assert list(row(t, "d001-p00000")["quotes_cluster_ids"]) == [c]
    assert len(row(t, "d001-p00001")["quotes_cluster_ids"]) == 0
    assert row(t, "d001-p00001")["cluster_id"] is None


def test_word_edits_make_a_near_repeat_that_keeps_its_text_and_flags_figures():
    edited = SUMMER.replace("two", "several", 1).replace("Zhanaozen", "Zhanaozen city", 1)
    edited = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), edited, count=1)
    t = dedup([SUMMER], [edited])
    a, b = row(t, "d000-p00000"), row(t, "d001-p00000")
    assert a["cluster_id"] == b["cluster_id"] is not None
    assert b["match"] == "near" and not b["skip_downstream"]
    assert 0.7 <= b["similarity"] < 1.0
    if re.search(r"\d", SUMMER):
        assert b["figures_differ"]


def test_look_alikes_with_a_shared_template_stay_apart():
    # 004's victim cards share their first sentence and a "5 years" figure (gold pair d3/d4)
    cards = [b.strip() for b in re.split(r"\n\s*\n", SEED_004)
             if b.strip().startswith("One of the arrested")]
    assert len(cards) >= 2
    t = dedup(cards)
    assert t["passages"]["cluster_id"].isna().all()


def test_reordered_sentences_are_near():
    sentences = re.split(r"(?<=[.!?])\s+", SUMMER)
    assert len(sentences) >= 3
    random.Random(3).shuffle(sentences)
    t = dedup([SUMMER], [" ".join(sentences)])
    assert row(t, "d000-p00000")["cluster_id"] == row(t, "d001-p00000")["cluster_id"] is not None


def test_consecutive_repeats_are_one_block():
    article = [SAME_RUSSIA, CIA, SUMMER]
    t = dedup(["Intro line of the first thread, nothing repeated here.", *article],
              ["Another thread starts with its own words and no copy.", *article, "A reply of my own."])
    blocks = t["blocks"]
    assert blocks["block_id"].nunique() == 1
    assert sorted(blocks["n_passages"]) == [3, 3]
    assert row(t, "d001-p00002")["block_id"] == blocks["block_id"].iloc[0]


def test_tables_conform_to_their_schemas():
    t = dedup([SAME_RUSSIA, CIA], [SAME_RUSSIA, SUMMER])
    for name, schema in TABLES.items():
        to_arrow(t[name], schema)
    p = t["passages"]
    # the contract: canonical passages point to themselves, unique passages have no cluster
    canon = p[p["is_canonical"] & p["cluster_id"].notna()]
    assert (canon["canonical_passage_id"] == canon["passage_id"]).all()
    assert p.loc[p["match"] == "unique", "cluster_id"].isna().all()
    assert (p["skip_downstream"] == ((p["match"] == "exact") & ~p["is_canonical"])).all()


# -- hostile input ------------------------------------------------------------

def test_empty_one_word_and_punctuation_passages_make_no_clusters():
    junk = ["", " ", ".", "Yes", "Yes", "Share", "Share", "1 2 3 4 5 6 7 8 9 10 11 12",
            "1 2 3 4 5 6 7 8 9 10 11 12", "***", "—", "#1\n#2\n#3"]
    t = dedup(junk, list(reversed(junk)))
    assert t["passages"]["cluster_id"].isna().all()
    assert len(t["clusters"]) == 0 and len(t["blocks"]) == 0


def test_no_passages_at_all():
    passages, documents = corpus()
    t = run_dedup(passages.reindex(columns=["passage_id", "doc_id", "seq", "char_start", "char_end", "text"]),
                  documents.reindex(columns=["doc_id", "source_path", "published_iso", "n_chars"]),
                  DedupParams())
    assert len(t["passages"]) == 0 and len(t["clusters"]) == 0
    for name, schema in TABLES.items():
        to_arrow(t[name], schema)


def test_five_megabyte_single_line_document():
    rng = random.Random(5)
    vocab = list({w.strip(".,;:!?\"'()").lower() for w in SEED_003.split() if w.isalpha()})
    line = " ".join(rng.choice(vocab) for _ in range(900_000))[: 5 * 2**20]
    doc, rows = read_document("big.txt", line.encode(), IngestParams())
    passages = pd.DataFrame(rows)
    documents = pd.DataFrame([{k: doc[k] for k in ("doc_id", "source_path", "published_iso", "n_chars")}])
    t = run_dedup(passages, documents, DedupParams())
    assert len(t["passages"]) == len(rows) > 1000
    # random words: no passage is a copy of another
    assert t["passages"]["cluster_id"].isna().all()


def test_non_latin_scripts_are_compared_but_not_confused():
    ru = "Жанаозен, 16 декабря 2011 года. Полиция открыла огонь по бастующим нефтяникам на площади."
    ru2 = "Жанаозен, 17 декабря 2011 года. Власти объявили чрезвычайное положение и комендантский час."
    zh = "扎纳奥津石油工人罢工持续了七个月，警察在广场上向人群开枪。"
    zh2 = "扎纳奥津的居民说，城市在事件之后仍然处于紧张状态，商店关门。"
    ar = "أضرب عمال النفط في جاناوزين لمدة سبعة أشهر قبل أن تطلق الشرطة النار."
    ar2 = "قال سكان المدينة إن الوضع ظل متوترا بعد الأحداث وأغلقت المتاجر أبوابها."
    t = dedup([ru, zh, ar, "Ещё один абзац без повторов, просто текст."], [ru2, zh2, ar2, ru.upper(), zh])
    cid = {p: row(t, p)["cluster_id"] for p in t["passages"]["passage_id"]}
    assert cid["d001-p00003"] == cid["d000-p00000"] is not None
    assert cid["d001-p00004"] == cid["d000-p00001"] is not None
    for distinct in ("d001-p00000", "d001-p00001", "d001-p00002", "d000-p00002", "d000-p00003"):
        assert cid[distinct] is None
    assert len(t["clusters"]) == 2


def test_bad_params_are_refused():
    with pytest.raises(Exception):
        DedupParams(furniture_patterns=["("])
    with pytest.raises(Exception):
        DedupParams(near_threshold=1.5)


def test_a_reprint_keeps_its_paragraphs_apart_and_finds_the_one_reworded():
    """A local-news story (../shared/dev/casualties) reprinted by a second outlet with one paragraph
    reworded. Its paragraphs share names, places and wording ('gunshot wound on his ... arm', 'police
    said'), and the first copy repeats its lede as a photo caption: only the reworded paragraph is a
    reworded copy. Neighbouring paragraphs that each have their copy in the other document are not
    compared with each other, and a passage repeated next to itself gives no context."""
    story = REPO.parent / "shared" / "dev" / "casualties" / "articles" / "640677" / \
        "655cab0776aeae810068553d76a4566a.txt"
    first = [p.strip() for p in story.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    second = list(first)
    at = next(i for i, p in enumerate(second) if p.startswith("All injuries"))
    second[at] = ("None of the injuries were life-threatening, according to police, and no suspects are in "
                  "custody in connection with the shootings.")
    passages = dedup(first, second)["passages"]
    by_text = dict(zip(passages["passage_id"], passages["text"]))
    reworded = passages[passages["method"] == "reworded"]
    assert sorted(by_text[p][:12] for p in reworded["passage_id"]) == ["All injuries", "None of the "]
    cluster = dict(zip(passages["passage_id"], passages["cluster_id"]))
    victims = [p for p, t in by_text.items() if t.startswith(("A 31-year-old", "A 23-year-old"))]
    assert len({cluster[p] for p in victims}) == 2  # each victim's paragraph with its own copy only
    headline = [p for p, t in by_text.items() if t.startswith("4 Men Injured")]
    assert {cluster[p] for p in headline} == {cluster[headline[0]]}
    assert sum(cluster[p] == cluster[headline[0]] for p in by_text) == 2
