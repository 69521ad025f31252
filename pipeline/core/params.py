"""params.yaml: read, validate, explain.

Each stage owns the model of its own section (``pipeline/<stage>/params.py``),
so a stage's DVC deps change only when its own parameters do. This module only
knows where those models live and turns validation failures into messages that
name the key, what was given and what is allowed.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

# section name -> "module:Model". Stages add themselves here.
SECTIONS: dict[str, str] = {
    "runner": "pipeline.core.runner:RunnerParams",
    "ingest": "pipeline.ingest.params:IngestParams",
    "dedup": "pipeline.dedup.params:DedupParams",
    "clean": "pipeline.clean.params:CleanParams",
    "entities": "pipeline.entities.params:EntitiesParams",
    "facts": "pipeline.facts.params:FactsParams",
    "report": "pipeline.report.params:ReportParams",
}


class Section(BaseModel):
    """Base of every section model: unknown keys are errors, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ParamsError(ValueError):
    """params.yaml is wrong; the message says which key and what to write."""


def _model(section: str) -> type[Section]:
    module, _, name = SECTIONS[section].partition(":")
    return getattr(importlib.import_module(module), name)


def _allowed(model: type[BaseModel], loc: tuple) -> str:
    """A short description of what the field at `loc` accepts."""
    field = None
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                keys = ", ".join(current.model_fields)
                return f"allowed keys here: {keys}"
            current = field.annotation
    if field is None:
        return ""
    bits = []
    if field.description:
        bits.append(field.description)
    for meta in field.metadata:
        text = repr(meta)
        if any(t in text for t in ("ge=", "gt=", "le=", "lt=")):
            bits.append(text)
    if field.default is not None and not callable(field.default):
        bits.append(f"default: {field.default!r}")
    return "; ".join(bits)


def _explain(section: str, model: type[BaseModel], err: ValidationError) -> str:
    lines = []
    for e in err.errors():
        loc = tuple(e["loc"])
        key = ".".join([section, *map(str, loc)])
        given = e.get("input")
        if e["type"] == "extra_forbidden":
            allowed = ", ".join(model.model_fields)
            parent = loc[:-1]
            if parent:
                sub = model
                for p in parent:
                    sub = sub.model_fields[str(p)].annotation
                allowed = ", ".join(sub.model_fields)
            lines.append(f"  {key}: unknown key. Allowed keys in this section: {allowed}")
            continue
        hint = _allowed(model, loc)
        lines.append(
            f"  {key}: {e['msg']} (got {given!r})" + (f". Allowed: {hint}" if hint else "")
        )
    return "\n".join(lines)


def load_params(path: Path, sections: tuple[str, ...] | None = None) -> dict[str, Section]:
    """Validate params.yaml and return one model per section.

    Every section present is validated (a typo anywhere stops the run early);
    missing sections take their defaults.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        stat = None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size) if stat else None
    if key is None or key not in _LOADED:
        out = _load_params(path, stat is not None)
        if key is not None:
            _LOADED.clear()
            _LOADED[key] = out
    else:
        out = _LOADED[key]
    return {k: out[k] for k in (sections or out)}


# A stage process reads params.yaml three times (CLI check, runner, stage); parsing and
# validating once saves ~0.1 s per stage. Keyed by path, mtime and size: an edit is seen.
_LOADED: dict[tuple, dict[str, Section]] = {}
# libyaml's parser when PyYAML has it (same results as safe_load, ~10x faster)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_params(path: Path, exists: bool) -> dict[str, Section]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) if exists else {}
    except yaml.YAMLError as exc:
        raise ParamsError(f"{path} is not valid YAML: {exc}") from exc
    raw = raw or {}
    if not isinstance(raw, dict):
        raise ParamsError(f"{path} must be a mapping of sections ({', '.join(SECTIONS)}).")
    unknown = sorted(set(raw) - set(SECTIONS))
    if unknown:
        raise ParamsError(
            f"{path}: unknown section(s) {', '.join(unknown)}. "
            f"Allowed sections: {', '.join(SECTIONS)}."
        )
    problems = []
    out: dict[str, Section] = {}
    for name in SECTIONS:
        model = _model(name)
        value = raw.get(name) or {}
        if not isinstance(value, dict):
            problems.append(f"  {name}: must be a mapping of keys, got {value!r}")
            continue
        try:
            out[name] = model.model_validate(value)
        except ValidationError as exc:
            problems.append(_explain(name, model, exc))
    if problems:
        raise ParamsError(f"{path} has errors:\n" + "\n".join(problems))
    return out
