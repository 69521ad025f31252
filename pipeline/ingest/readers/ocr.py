"""OCR of a PDF page without a text layer, through Debian's tesseract (a thin wrapper, no Python binding).

The page is rendered by pdfium at 300 dpi in grey, handed to `tesseract - -` on
stdin, and its text read from stdout; tesseract runs on one thread
(OMP_THREAD_LIMIT=1: ingest already uses the cores it is given) with a time
limit per page. Optional: when the binary or a language pack is missing, or
`ingest.ocr` is off, the page is reported with the reason and the command that
enables OCR.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from dataclasses import dataclass

import pypdfium2 as pdfium

DPI = 300
TIMEOUT_S = 120  # per page: a page tesseract cannot finish in this is reported, not waited for
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-eng (and tesseract-ocr-rus for Russian)"


@dataclass(frozen=True)
class Ocr:
    """How pages without text are read: tesseract's path and languages, or the reason they are not."""

    binary: str | None       # None: OCR is not used, `reason` says why
    languages: str = "eng"   # tesseract's -l: "eng", "eng+rus"
    max_pages: int = 0       # pages read by OCR per document at most
    reason: str = ""


class OcrFailed(Exception):
    """tesseract could not read one page; the message says why."""


@functools.lru_cache(maxsize=8)
def _installed_languages(binary: str) -> frozenset[str]:
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


OFF = Ocr(None, reason="OCR is off (ingest.ocr: off); set ingest.ocr: auto to read scanned pages")


def settings(mode: str, languages: str, max_pages: int) -> Ocr:
    """OCR as `ingest.ocr` (auto: on when tesseract and the language packs are installed; off) says."""
    if mode == "off":
        return OFF
    binary = shutil.which("tesseract")
    if binary is None:
        return Ocr(None, reason=f"OCR is not available: install tesseract-ocr ({INSTALL}) to read it")
    missing = [lang for lang in languages.split("+") if lang not in _installed_languages(binary)]
    if missing:
        packs = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        return Ocr(None, reason=f"OCR language(s) {'+'.join(missing)} of ingest.ocr_languages are not "
                                f"installed: apt-get install {packs}")
    return Ocr(binary, languages, max_pages)


def read_page(page: pdfium.PdfPage, ocr: Ocr) -> str:
    """The text tesseract reads on a rendered page; OcrFailed with the reason if it cannot."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    try:
        image = bitmap.to_pil()
        png = io.BytesIO()
        image.save(png, "PNG")
    finally:
        bitmap.close()
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.run([ocr.binary, "-", "-", "-l", ocr.languages, "--dpi", str(DPI)],
                              input=png.getvalue(), capture_output=True, timeout=TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired as exc:
        raise OcrFailed(f"OCR took longer than {TIMEOUT_S} s") from exc
    except OSError as exc:
        raise OcrFailed(f"tesseract could not be run ({exc.strerror})") from exc
    if proc.returncode:
        raise OcrFailed(f"tesseract failed: {proc.stderr.decode('utf-8', 'replace').strip()[-200:]}")
    return proc.stdout.decode("utf-8", "replace")
