"""The version a stored per-document result was computed with: everything but the document.

What the model finds in a document depends on the code that cuts and reads it (pipeline/entities
and the pipeline/text modules it imports: the same list DVC tracks for the stage), the `entities`
section of params.yaml, the spaCy model and the packages that run it (natasha for Russian), and
the corpus's gazetteer. A change to any of them gives another version, and every document goes to
the model again. `n_process` is left out: how many processes run the model changes no result.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from pathlib import Path

from pipeline.entities.gazetteer import Gazetteer
from pipeline.entities.params import EntitiesParams

PACKAGES = ("spacy", "thinc", "numpy", "natasha", "slovnet", "navec", "pymorphy2")
NOT_RESULTS = {"n_process"}  # params that change how the work runs, not what it finds


def store_version(params: EntitiesParams, gazetteer: Gazetteer) -> str:
    """A short hash of the code, params, model, packages and gazetteer."""
    parts = {
        "code": code_digest(),
        "params": params.model_dump(mode="json", exclude=NOT_RESULTS),
        "model": model_version(params.model),
        "packages": {name: _package_version(name) for name in PACKAGES},
        "gazetteer": gazetteer.fingerprint(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def code_files() -> list[Path]:
    """pipeline/entities and the pipeline/text modules it imports (with their data files)."""
    from pipeline.core.dvcfile import PACKAGE_ROOT, code_deps

    files: list[Path] = []
    for dep in code_deps("entities"):
        if dep.startswith(("pipeline/entities", "pipeline/text/")):
            path = PACKAGE_ROOT / dep
            files += sorted(f for f in path.rglob("*") if f.is_file() and "__pycache__" not in f.parts) \
                if path.is_dir() else [path]
    return files


def code_digest() -> str:
    from pipeline.core.dvcfile import PACKAGE_ROOT

    h = hashlib.sha256()
    for path in code_files():
        h.update(path.relative_to(PACKAGE_ROOT).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def model_version(model: str) -> str:
    """An installed model package: its name and version; a model folder: a hash of its files."""
    folder = Path(model)
    if folder.is_dir():
        h = hashlib.sha256()
        for path in sorted(f for f in folder.rglob("*") if f.is_file()):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
        return f"folder:{h.hexdigest()}"
    return f"{model}=={_package_version(model)}"


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"
