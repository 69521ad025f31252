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
from pydantic_core import PydanticUndefined

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
        for attr, words in (("ge", "at least"), ("gt", "more than"), ("le", "at most"), ("lt", "less than")):
            bound = getattr(meta, attr, None)
            if bound is not None:
                bits.append(f"{words} {bound}")
    default = field.get_default(call_default_factory=True)
    if default is not None and default is not PydanticUndefined:
        bits.append(f"default: {default!r}")
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


def _duplicate_keys(node, where: str = "") -> list[str]:
    """Keys written twice in one mapping of a YAML node tree (YAML keeps the last silently)."""
    out = []
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is not None:
                if name in seen:
                    out.append(f"{where}{name} (line {key.start_mark.line + 1})")
                seen.add(name)
            out.extend(_duplicate_keys(value, f"{where}{name}." if name is not None else where))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            out.extend(_duplicate_keys(item, where))
    return out


def _load_params(path: Path, exists: bool) -> dict[str, Section]:
    known = sections()
    if not exists:
        raise ParamsError(f"{path} is missing: restore it (`git checkout -- {path.name}`) or write the "
                          f"sections you set ({', '.join(known)}; `python -m pipeline params` lists every key).")
    try:
        text = path.read_text(encoding="utf-8")
        tree = yaml.compose(text, Loader=_YAML_LOADER)
        raw = yaml.load(text, Loader=_YAML_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ParamsError(f"{path} is not valid YAML: {exc}") from exc
    if raw is None:
        raise ParamsError(f"{path} is empty: restore it (`git checkout -- {path.name}`) or write the sections "
                          f"you set ({', '.join(known)}); an empty file would run every stage on the code's "
                          f"defaults without saying so.")
    twice = _duplicate_keys(tree)
    if twice:
        raise ParamsError(f"{path}: key(s) written twice: {', '.join(twice)}; keep one of each.")
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
