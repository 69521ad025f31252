"""params.yaml: read, validate, explain.

Each stage owns the model of its own section (``pipeline/<stage>/params.py``),
so a stage's DVC deps change only when its own parameters do; the stage
registry (``pipeline/stages.py``) says where each model lives. This module
validates the file and turns failures into messages that name the key, what was
given and what is allowed. A process loads params.yaml once (the CLI does) and
passes each stage its own section.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.stages import STAGES

RUNNER_SECTION = "pipeline.core.runner:RunnerParams"


def sections() -> dict[str, str]:
    """params.yaml section -> "module:Model": the runner's, then each stage's (from the registry)."""
    return {"runner": RUNNER_SECTION, **{name: stage.params for name, stage in STAGES.items()}}


class Section(BaseModel):
    """Base of every section model: unknown keys are errors, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ParamsError(ValueError):
    """params.yaml is wrong; the message says which key and what to write."""


def _model(section: str) -> type[Section]:
    module, _, name = sections()[section].partition(":")
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


def load_params(path: Path) -> dict[str, Section]:
    """Validate params.yaml and return one model per section.

    Every section present is validated (a typo anywhere stops the run early);
    missing sections and keys take the defaults in code.
    """
    return _load_params(path, path.is_file())


# libyaml's parser when PyYAML has it (same results as safe_load, ~10x faster)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_params(path: Path, exists: bool) -> dict[str, Section]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) if exists else {}
    except yaml.YAMLError as exc:
        raise ParamsError(f"{path} is not valid YAML: {exc}") from exc
    raw = raw or {}
    known = sections()
    if not isinstance(raw, dict):
        raise ParamsError(f"{path} must be a mapping of sections ({', '.join(known)}).")
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ParamsError(
            f"{path}: unknown section(s) {', '.join(unknown)}. "
            f"Allowed sections: {', '.join(known)}."
        )
    problems = []
    out: dict[str, Section] = {}
    for name in known:
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
