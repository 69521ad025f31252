"""The version a stored per-document result was computed with: everything but the document.

What the model finds in a document depends on the code that cuts and reads it (pipeline/entities
and the pipeline/text modules it imports: the same list DVC tracks for the stage), the `entities`
section of params.yaml, the spaCy model and the packages that run it (natasha for Russian), and
the corpus's gazetteer. A change to any of them gives another version, and every document goes to
the model again. `n_process` is left out: how many processes run the model changes no result.
The pieces are pipeline/core/store_version.py's, shared with the facts stage.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.store_version import files_digest, model_version, package_versions, stage_code_files, \
    version_of
from pipeline.entities.gazetteer import Gazetteer
from pipeline.entities.params import EntitiesParams

PACKAGES = ("spacy", "thinc", "numpy", "natasha", "slovnet", "navec", "pymorphy2")
NOT_RESULTS = {"n_process"}  # params that change how the work runs, not what it finds


def store_version(params: EntitiesParams, gazetteer: Gazetteer) -> str:
    """A short hash of the code, params, model, packages and gazetteer."""
    return version_of({
        "code": code_digest(),
        "params": params.model_dump(mode="json", exclude=NOT_RESULTS),
        "model": model_version(params.model),
        "packages": package_versions(PACKAGES),
        "gazetteer": gazetteer.fingerprint(),
    })


def code_files() -> list[Path]:
    """pipeline/entities and the pipeline/text modules it imports (with their data files)."""
    return stage_code_files("entities")


def code_digest() -> str:
    return files_digest(code_files())
