"""The version a stored per-document result was computed with: everything but the document.

A stage's store (pipeline/core/doc_store.py) keeps entries in a folder per version; each stage
says what its version covers (pipeline/entities/store_version.py, pipeline/facts/store_version.py)
from the pieces here: the digest of the code that computes the result (the stage's own package
and the pipeline/text modules it imports: the list DVC tracks for the stage), the version of a
model package (or the files of a model folder), and the versions of the packages that run it.
A change to any of them gives another version, and every document is computed again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
from pathlib import Path

from pipeline.core.doc_store import FORMAT


def version_of(parts: dict) -> str:
    """A short hash of a stage's parts (JSON values), of the store's entry format and of Python's
    version (its regular expressions and Unicode tables read every text)."""
    payload = json.dumps({**parts, "store_format": FORMAT, "python": platform.python_version()}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def stage_code_files(stage: str) -> list[Path]:
    """pipeline/<stage> and the pipeline/text modules it imports (with their data files), and the
    module that loads spaCy models (which backend multiplies its matrices is part of how a result
    was computed)."""
    from pipeline.core.dvcfile import PACKAGE_ROOT, code_deps

    files: list[Path] = [PACKAGE_ROOT / "pipeline" / "core" / "spacy_models.py"]
    for dep in code_deps(stage):
        if dep.startswith((f"pipeline/{stage}", "pipeline/text/")):
            path = PACKAGE_ROOT / dep
            files += sorted(f for f in path.rglob("*") if f.is_file() and "__pycache__" not in f.parts) \
                if path.is_dir() else [path]
    return files


def files_digest(files: list[Path]) -> str:
    """A hash of the files' paths (relative to the project) and contents."""
    from pipeline.core.dvcfile import PACKAGE_ROOT

    h = hashlib.sha256()
    for path in files:
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
    return f"{model}=={package_version(model)}"


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def package_versions(names: tuple[str, ...]) -> dict[str, str]:
    return {name: package_version(name) for name in names}
