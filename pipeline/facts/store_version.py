"""The version a document's stored figures and dates were read with: everything but the document.

What the first phase finds in a document depends on the code that reads it (pipeline/facts with its
lexicon files, and the pipeline/text modules it imports: the list DVC tracks for the stage), the
`facts` params as resolved with the corpus profile (the profile's places and words are in them), the
parser model and the packages that run it (spaCy, thinc, numpy), and rapidfuzz (place names). A
change to any of them gives another version, and every document is read again. Left out: how the
work is split (`n_process`, `partition_passages`) and the profile's file name (its content is in
the resolved params).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.store_version import files_digest, model_version, package_versions, stage_code_files, \
    version_of
from pipeline.facts.params import FactsParams

PACKAGES = ("spacy", "thinc", "numpy", "rapidfuzz")
NOT_RESULTS = {"n_process", "partition_passages", "profile"}  # how the work runs, or where the profile was


def store_version(params: FactsParams) -> str:
    """A short hash of the code, the resolved params, the parser model and the packages."""
    return version_of({
        "code": code_digest(),
        "params": params.model_dump(mode="json", exclude=NOT_RESULTS),
        "model": model_version(params.parser_model) if params.parser_model else None,
        "packages": package_versions(PACKAGES),
    })


def code_files() -> list[Path]:
    """pipeline/facts (its lexicons included) and the pipeline/text modules it imports."""
    return stage_code_files("facts")


def code_digest() -> str:
    return files_digest(code_files())
