"""The clean stage's pure functions on the seed corpus (dev tests against tests/gold/clean/) and units."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from pipeline.core.paths import CORPUS_FILES
from pipeline.text.offsets import apply_edits
from pipeline.clean.params import CleanParams
from pipeline.clean.sentences import make_splitter
from pipeline.clean.stage import SCHEMAS, Cleaner, clean_passages
from pipeline.core.params import ParamsError, load_params
from pipeline.core.tables import to_arrow
from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import discover, read_partition
from pipeline.text.homoglyphs import latin_skeleton, mixed_script_fixes
from tests.conftest import REPO

GOLD = REPO / "tests" / "gold" / "clean"


@pytest.fixture(scope="module")
def seeds():
    params = IngestParams()
    files, _ = discover(REPO, params)
    docs, passages, _ = (t.to_pandas() for t in read_partition(REPO, files, params))
    out = clean_passages(passages)
    name = {d: Path(p).name for d, p in zip(docs["doc_id"], docs["source_path"])}
    return docs, passages, out, name


def _doc(seeds, prefix):
    docs, *_ = seeds
    row = docs[docs["source_path"].str.contains(f"/{prefix}")].iloc[0]
    return row["doc_id"], row["text"]


# -- the tables ------------------------------------------------------------------


def test_every_ingest_passage_is_cleaned_once_and_tables_fit_their_schemas(seeds):
    _, passages, out, _ = seeds
    p = out["passages"]
    assert sorted(p["passage_id"]) == sorted(passages["passage_id"])
    assert p["passage_id"].is_unique and out["sentences"]["sentence_id"].is_unique
    for name, frame in out.items():
        to_arrow(frame, SCHEMAS[name])  # raises on a missing column or a wrong type
    assert p["language"].str.fullmatch(r"[a-z]{2}|und").all()


def test_edits_applied_to_the_raw_passage_give_text_clean(seeds):
    docs, passages, out, _ = seeds
    text = dict(zip(docs["doc_id"], docs["text"]))
    edits = out["edits"]
    by_pid = {pid: g for pid, g in edits.groupby("passage_id")}
    clean = dict(zip(out["passages"]["passage_id"], out["passages"]["text_clean"]))
    for row in passages.itertuples():
        g = by_pid.get(row.passage_id)
        tuples = [] if g is None else list(zip(g["raw_start"], g["raw_end"], g["before"], g["after"]))
        for a, b, before, _ in tuples:
            assert text[row.doc_id][a:b] == before
        assert apply_edits(row.text, row.char_start, tuples) == clean[row.passage_id]
        if g is not None:
            for r in g.itertuples():
                assert clean[row.passage_id][r.clean_start:r.clean_end] == r.after


def test_numbers_names_and_quotes_are_not_altered(seeds):
    """Digits and quote marks survive; letters change only through the listed repairs."""
    docs, passages, out, _ = seeds
    clean = dict(zip(out["passages"]["passage_id"], out["passages"]["text_clean"]))
    for row in passages.itertuples():
        c = clean[row.passage_id]
        assert re.findall(r"\d+", row.text) == re.findall(r"\d+", c)
        for q in "\"'“”‘’«»":
            assert row.text.count(q) == c.count(q), q
        words_raw = re.findall(r"[^\W\d_]+", latin_skeleton(row.text))
        words_clean = re.findall(r"[^\W\d_]+", latin_skeleton(c))
        assert words_raw == words_clean
    assert set(out["edits"]["rule"]) <= {"space", "homoglyph", "line_join"}


# -- the dev tests -------------------------------------------------------------


def test_cyrillic_list_markers_of_the_opinion_piece_become_latin(seeds):
    doc_id, raw = _doc(seeds, "000")
    assert "а) the authorities" in raw and "с) the court" in raw  # Cyrillic in the seed
    p = seeds[2]["passages"]
    texts = p[p["doc_id"] == doc_id]["text_clean"].tolist()
    assert "a) the authorities of Kazakhstan severely suppressed disturbances of the oil-men, who imposed " \
           "fair demands to increase salaries;" in texts
    assert any(t.startswith("c) the court became the mean") for t in texts)
    assert not any(re.search("[\u0400-\u04ff]", t) for t in texts)
    e = seeds[2]["edits"]
    e = e[(e["doc_id"] == doc_id) & (e["rule"] == "homoglyph")]
    assert sorted(zip(e["before"], e["after"])) == [("а", "a"), ("с", "c")]
    assert all(raw[a:b] in "ас" for a, b in zip(e["raw_start"], e["raw_end"]))


def _line_labels(gold_file: dict, text: str):
    """(line text, occurrence) -> 'furniture' | 'either' | 'content' for every line of a document."""
    furn = {g["line"]: g.get("occurrences") for g in gold_file["furniture"]}
    either = {g["line"]: g.get("occurrences") for g in gold_file["either"]}
    pats = [re.compile(p) for p in gold_file.get("either_patterns", [])]
    labels = {}
    seen = Counter()
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        k = seen[s]
        seen[s] += 1
        if s in furn and (furn[s] is None or k in furn[s]):
            labels[(s, k)] = "furniture"
        elif (s in either and (either[s] is None or k in either[s])) or any(p.fullmatch(s) for p in pats):
            labels[(s, k)] = "either"
        else:
            labels[(s, k)] = "content"
    return labels


def _flagged_lines(seeds, doc_id: str, text: str) -> set[tuple[str, int]]:
    """The raw lines (text, occurrence) that the furniture table flags."""
    f = seeds[2]["furniture"]
    starts = []
    pos = 0
    for line in text.split("\n"):
        starts.append((pos, pos + len(line), line.strip()))
        pos += len(line) + 1
    occurrence = {}
    seen = Counter()
    for a, b, s in starts:
        if s:
            occurrence[a] = (s, seen[s])
            seen[s] += 1
    flagged = set()
    for ra in f[f["doc_id"] == doc_id]["raw_start"]:
        line_start = text.rfind("\n", 0, ra) + 1
        flagged.add(occurrence[line_start])
    return flagged


@pytest.mark.parametrize("name", ["000_775f58cdf9c666c0.txt", "001_77ba9d6743900335.txt",
                                  "002_58f5ba6ad2df0acd.txt", "003_bd6df31fc1c4f7d5.txt",
                                  "004_666f14b6d6051045.txt"])
def test_furniture_matches_the_gold_and_no_content_line_is_flagged(seeds, name):
    gold = json.loads((GOLD / "furniture_gold.json").read_text(encoding="utf-8"))["files"][name]
    doc_id, text = _doc(seeds, name[:3])
    labels = _line_labels(gold, text)
    for g in gold["furniture"] + gold["either"]:
        assert any(k[0] == g["line"] for k in labels), f"gold line not in {name}: {g['line']!r}"
    for c in gold["content"]:
        assert labels.get((c, 0)) == "content", f"{c!r} is not a content line of {name}"
    flagged = _flagged_lines(seeds, doc_id, text)
    wrongly = sorted(k for k in flagged if labels[k] == "content")
    assert not wrongly, f"content flagged as furniture in {name}: {wrongly}"
    missed = sorted(k for k, v in labels.items() if v == "furniture" and k not in flagged)
    assert not missed, f"furniture not flagged in {name}: {missed}"


def test_boilerplate_passages_are_those_made_only_of_furniture(seeds):
    _, _, out, _ = seeds
    p = out["passages"]
    f = out["furniture"]
    for row in p.itertuples():
        lines = [ln for ln in row.text_clean.split("\n") if ln.strip()]
        n_furn = int((f["passage_id"] == row.passage_id).sum())
        assert row.n_furniture_lines == n_furn
        assert row.is_boilerplate == (n_furn == len(lines) and n_furn > 0)
        assert pd.notna(row.boilerplate_rule) == row.is_boilerplate
    texts = dict(zip(p["text_clean"], p["is_boilerplate"]))
    assert texts["What's new"] and texts["Back\nTop Bottom"] and texts["Last edited:\n."]
    assert texts["Bookmark/Search this post with"]
    assert texts["More news in the Telegram channel. Subscribe!"]
    assert not texts["Kazakhstan protests"]
    # a passage mixing content and furniture keeps its content, and says which lines are furniture
    mixed = p[p["text_clean"].str.startswith(".\nWhy do you label")]
    assert len(mixed) >= 3 and not mixed["is_boilerplate"].any()
    sents = out["sentences"]
    s = sents[sents["passage_id"] == mixed["passage_id"].iloc[0]]
    assert s.iloc[0]["text"] == "." and s.iloc[0]["is_boilerplate"]
    assert not s.iloc[1:]["is_boilerplate"].any()


def test_infographic_fragments_read_as_sentences_and_headings_stay_apart(seeds):
    gold = json.loads((GOLD / "lines_gold.json").read_text(encoding="utf-8"))["files"]
    p = seeds[2]["passages"]
    for name, g in gold.items():
        doc_id, _ = _doc(seeds, name[:3])
        lines = [ln.strip() for t in p[p["doc_id"] == doc_id]["text_clean"] for ln in t.split("\n")]
        for sentence in g["joined"]:
            assert any(sentence in ln for ln in lines), f"not re-joined in {name}: {sentence!r}"
        for line in g["separate"]:
            assert line in lines, f"joined to a neighbour in {name}: {line!r}"


def test_line_joins_only_replace_line_breaks(seeds):
    e = seeds[2]["edits"]
    joins = e[e["rule"] == "line_join"]
    assert len(joins) >= 40
    assert set(joins["after"]) <= {" ", ""}
    assert all(b.strip(" \t") == "\n" for b in joins["before"])


def test_sentences_point_into_text_clean_and_back_into_the_document(seeds):
    docs, _, out, _ = seeds
    text = dict(zip(docs["doc_id"], docs["text"]))
    clean = dict(zip(out["passages"]["passage_id"], out["passages"]["text_clean"]))
    s = out["sentences"]
    assert len(s) > 1500
    edited = set(out["edits"]["passage_id"])
    for r in s.itertuples():
        assert clean[r.passage_id][r.start:r.end] == r.text and r.text == r.text.strip() and r.text
        raw = text[r.doc_id][r.raw_start:r.raw_end]
        assert raw == r.text or r.passage_id in edited


def _sentence_f1(kind: str, seeds) -> float:
    gold = json.loads((GOLD / "sentences_gold.json").read_text(encoding="utf-8"))
    _, _, out, name = seeds
    by_key = {(name[r.doc_id], int(r.char_start)): r.text_clean for r in out["passages"].itertuples()}
    splitter = make_splitter(kind, CleanParams().abbreviations)

    def inline(t, e):
        j = e
        while j < len(t) and t[j].isspace():
            if t[j] == "\n":
                return False
            j += 1
        return j < len(t)

    tp = fp = fn = 0
    for e in gold["passages"]:
        t = by_key[(e["file"], e["char_start"])]
        ends, pos = [], 0
        for sent in e["sentences"]:
            pos = t.index(sent, pos) + len(sent)
            ends.append(pos)
        amb = {t.index(a) + len(a) for a in e["ambiguous_after"]}
        g = {x for x in ends if inline(t, x)} - amb
        p = {b for _, b in splitter.split(t) if inline(t, b)} - amb
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    return 2 * tp / (2 * tp + fp + fn)


def test_sentence_splitter_on_the_seed_gold(seeds):
    assert _sentence_f1("rules", seeds) >= 0.99
    assert _sentence_f1("punkt", seeds) >= 0.97


# -- unicode repair -----------------------------------------------------------------

CASES = json.loads((GOLD / "unicode_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['kind']}-{i}" for i, c in enumerate(CASES)])
def test_unicode_repair_cases(case):
    res = Cleaner().clean(case["input"])
    assert res.text_clean == case["expected"]
    if case["kind"] == "keep":
        assert res.edits == []
    else:
        assert res.edits and apply_edits(case["input"], 0, [e[:4] for e in res.edits]) == case["expected"]


def test_mojibake_is_logged_as_small_edits_with_offsets():
    raw = "Intro line.\nIt\u00e2\u20ac\u2122s the \u00e2\u20ac\u0153Janaozen case\u00e2\u20ac\u009d, 2011."
    res = Cleaner().clean(raw, char_start=100)
    assert res.text_clean == "Intro line.\nIt’s the “Janaozen case”, 2011."
    rules = {e[4] for e in res.edits}
    assert rules == {"mojibake"}
    # the untouched words keep exact offsets
    k = res.text_clean.index("Janaozen")
    a, b = res.offset_map.raw_span(k, k + len("Janaozen"))
    assert raw[a - 100:b - 100] == "Janaozen"
    assert all(len(e[2]) <= 4 for e in res.edits)  # one edit per damaged character, not per line


def test_mojibake_word_in_a_line_of_real_cyrillic_or_accents_is_repaired():
    # one word of UTF-8 read as Windows-1252 inside a line of legitimate Russian (or French):
    # ftfy reads the stretch from the first damaged word to the last, not the whole line,
    # whose real Cyrillic letters kept it from decoding the line as a whole
    damaged = "городе".encode("utf-8").decode("windows-1252", errors="strict")
    assert damaged == "\u0433\u043e\u0440\u043e\u0434\u0435".encode().decode("cp1252")
    raw = f"Забастовка продолжалась почти семь месяцев. В {damaged} было введено чрезвычайное положение."
    res = Cleaner().clean(raw)
    assert res.text_clean == raw.replace(damaged, "городе")
    assert [e[4] for e in res.edits] == ["mojibake"]
    accented = "Les défenseurs réclament une enquête, l\u00e2\u20ac\u2122État répond à peine."
    assert Cleaner().clean(accented).text_clean == "Les défenseurs réclament une enquête, l’État répond à peine."
    # real text on both sides is left as written, its offsets exact
    k = res.text_clean.index("Забастовка")
    assert res.offset_map.raw_span(k, k + 10) == (k, k + 10)


def test_composed_passes_merge_into_one_raw_edit():
    # a zero-width space read as Windows-1252: mojibake repair gives U+200B, which is then deleted
    raw = "In 2011\u00e2\u20ac\u2039year."
    res = Cleaner().clean(raw)
    assert res.text_clean == "In 2011year."
    assert [(e[2], e[3], e[4]) for e in res.edits] == [("\u00e2\u20ac\u2039", "", "mojibake+zero_width")]
    # and a fix that is finer than the damage stays two edits
    res = Cleaner().clean("In 2011\u00c2\u00a0year.")
    assert res.text_clean == "In 2011 year."
    assert [(e[2], e[3], e[4]) for e in res.edits] == [("\u00c2", "", "mojibake"), ("\u00a0", " ", "space")]


# -- homoglyphs --------------------------------------------------------------------


def _fix(text):
    out = text
    for f in reversed(mixed_script_fixes(text)):
        out = out[:f.start] + f.after + out[f.end:]
    return out


@pytest.mark.parametrize("raw,expected", [
    ("Kаzаkhstаn and Jаnаozen", "Kazakhstan and Janaozen"),          # Cyrillic а in Latin words
    ("а) the authorities and с) the court", "a) the authorities and c) the court"),
    ("Вчера в Жанаозенe прошёл митинг", "Вчера в Жанаозене прошёл митинг"),  # Latin e in a Russian word
    ("Пpивeт", "Привет"),                                            # Latin p, e
    ("Он пришёл c другом и o нём", "Он пришёл с другом и о нём"),   # Latin c/o as Russian words
    ("Αthens and Οslo", "Athens and Oslo"),                          # Greek capitals
])
def test_look_alike_letters_follow_the_word_script(raw, expected):
    assert _fix(raw) == expected


@pytest.mark.parametrize("text", [
    "Жанаозен, 16 декабря 2011 года. Полиция открыла огонь по бастующим нефтяникам.",
    "Қазақстан Республикасы тәуелсіз мемлекет, ол 16 желтоқсанда үйге қайтты.",
    "KazMunayGas is “КазМунайГаз” in Russian.",
    "BBC, CNN и РИА Новости сообщили о стрельбе.",
    "α-particles and the μm scale",
    "Ελληνικά: Ο Νίκος και η Άννα.",
    "Сор",                               # a whole word of look-alikes with no context: unclear
])
def test_real_russian_kazakh_greek_and_mixed_names_are_left_alone(text):
    assert mixed_script_fixes(text) == []
    assert Cleaner().clean(text).text_clean == text


def test_a_word_of_only_look_alikes_follows_a_clearly_latin_line():
    # The trade-off, documented in docs/clean.md: a Russian word written only with
    # letters identical to Latin ones, quoted alone in an English line, cannot be told
    # from a spoofed English word; the line decides.
    assert _fix("The word “сор” means litter") == "The word “cop” means litter"


# -- language -------------------------------------------------------------------------


def test_languages_of_seeds_and_of_other_texts(seeds):
    p = seeds[2]["passages"]
    long_en = p[p["text_clean"].str.len() > 300]
    assert (long_en["language"] == "en").all()
    assert (p[p["text_clean"].str.len() < 15]["language"] == "und").all()
    assert p["language_confidence"].dropna().between(0, 1).all()
    c = Cleaner()
    assert c.clean("Жанаозен, 16 декабря 2011 года. Полиция открыла огонь по бастующим нефтяникам.").language == "ru"
    assert c.clean("Жаңаөзен қаласында мұнайшылар ереуілге шықты. Полиция оларға оқ атты.").language == "kk"
    assert c.clean("La police a ouvert le feu sur les grévistes du pétrole à Janaozen.").language == "fr"
    res = c.clean("OK")
    assert res.language == "und" and res.language_confidence is None


def test_a_first_short_read_gives_the_seeds_the_languages_of_a_whole_read(seeds):
    """The two-read default changes confidences, not languages (docs/clean.md: Language)."""
    _, passages, out, _ = seeds
    one = clean_passages(passages, CleanParams(language_first_chars=0))["passages"]
    two = out["passages"]
    assert one["language"].tolist() == two["language"].tolist()
    assert one["language_label"].tolist() == two["language_label"].tolist()
    settled_early = one["language_confidence"].notna() & (one["language_confidence"] != two["language_confidence"])
    assert settled_early.sum() > len(two) // 4


# -- params ---------------------------------------------------------------------------


def test_clean_section_is_validated_with_messages(tmp_path):
    p = tmp_path / "params.yaml"
    p.write_text("clean:\n  furniture:\n    bad_rule: ['(unclosed']\n")
    with pytest.raises(ParamsError, match=r"clean\.furniture.*bad regex"):
        load_params(p)
    p.write_text("clean:\n  sentence_splitter: nltk\n")
    with pytest.raises(ParamsError, match=r"clean\.sentence_splitter"):
        load_params(p)
    p.write_text("clean:\n  furniture:\n    Share Buttons: ['share']\n")
    with pytest.raises(ParamsError, match="rule name"):
        load_params(p)
    assert load_params(REPO / "params.yaml")["clean"] == CleanParams()


def test_furniture_rules_come_from_params():
    text = "Real content line.\nAdvertisement"
    assert Cleaner().clean(text).furniture == []
    params = CleanParams(furniture={"ads": ["advertisement"]})
    res = Cleaner(params).clean(text)
    assert [(text[a:b], r) for a, b, r in res.furniture] == [("Advertisement", "ads")]


def test_nothing_in_the_pipeline_names_a_seed_file():
    seeds_names = [p.stem for p in (REPO / "seeds").iterdir() if p.name not in CORPUS_FILES]
    for path in (REPO / "pipeline").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        for s in seeds_names:
            assert s not in src and s.split("_")[-1] not in src, (path, s)


# -- report section -------------------------------------------------------------------


def test_report_section_escapes_text_and_gives_metrics(tmp_path, seeds):
    from pipeline.report.params import ReportParams
    from pipeline.report.sections.cleanup import build
    from pipeline.report.tables import Tables

    _, passages, _, _ = seeds
    hostile = pd.DataFrame([{
        "passage_id": "dx-p00000", "doc_id": "dx", "seq": 0, "char_start": 0, "char_end": 60,
        "text": "<script>alert(1)</script>\u00a0x\nShare\n<img src=x onerror=alert(2)>.jpg"}])
    out = clean_passages(pd.concat([passages, hostile], ignore_index=True))
    folder = tmp_path / "data" / "clean"
    folder.mkdir(parents=True)
    for name, frame in out.items():
        import pyarrow.parquet as pq
        pq.write_table(to_arrow(frame, SCHEMAS[name]), folder / f"{name}.parquet")
    section = build(Tables(tmp_path), ReportParams())
    assert section is not None and "<script>" not in section.html and "<img" not in section.html
    m = section.metrics["clean"]
    assert m["passages"] == len(passages) + 1
    assert m["edits_by_rule"]["homoglyph"] == 2 and m["furniture_lines"] >= 60
    assert m["languages"]["en"] > 300
    assert build(Tables(tmp_path / "nothing"), ReportParams()) is None


def test_nfc_of_seed_output(seeds):
    for t in seeds[2]["passages"]["text_clean"]:
        assert unicodedata.is_normalized("NFC", t)
        assert "\u00a0" not in t and "\u200b" not in t and "\u00ad" not in t


def test_blocks_skipped_when_building_the_nfc_table_have_no_unstable_character():
    from pipeline.clean.unicode import NFC_STABLE_BLOCKS, _nfc_unstable

    bad = [hex(cp) for a, b in NFC_STABLE_BLOCKS for cp in range(a, b + 1)
           if not 0xD800 <= cp <= 0xDFFF and _nfc_unstable(cp)]
    assert bad == []
