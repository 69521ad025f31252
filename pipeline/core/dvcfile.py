"""dvc.yaml's stage entries, derived from the stage registry and the code's imports.

A stage's DVC dependencies are the code it runs (its own package, the shared
modules it imports, found by following `import` statements from its package,
and the .yaml data file of the same name beside such a module),
the contracts of the tables it reads, those tables' folders, and its other
inputs; its params are its own section of params.yaml. Deriving them means a
new import can never leave dvc.yaml stale: `python -m pipeline derive` says
what differs, `--write` rewrites the stage entries (a test fails while they differ).
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.stages import STAGES

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding pipeline/
# packages a stage depends on as a whole folder (its own, and the shared framework)
WHOLE_PACKAGES = ("core",)
HEADER = """\
# Stage entries are derived from pipeline/stages.py and the imports of each stage's
# code: edit the registry, then run `python -m pipeline derive --write` (a test
# checks they agree). deps: the stage's own package, the shared code it imports,
# the contracts of the tables it reads, those tables and its other inputs;
# params: only its own section. outs are persistent: the stage swaps in a complete
# new folder itself, so a crash never leaves the workspace without the last good
# tables (see pipeline/core/tables.py). `plots` and `metrics` below are kept as written.
"""


def _module_file(module: str) -> Path | None:
    """The source file of a `pipeline.*` module, or None for anything else."""
    if module != "pipeline" and not module.startswith("pipeline."):
        return None
    base = PACKAGE_ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _import_statements(source: str) -> str:
    """The statements of `source` that import from `pipeline` (at any depth of its code), each whole
    (a parenthesised or backslash-continued list of names included), dedented, one per line: parsing
    these instead of the whole module is what keeps a stage's start (its store version) fast."""
    lines = source.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].split("#", 1)[0].strip()
        i += 1
        if not (line.startswith("from pipeline") or line.startswith("import pipeline")):
            continue
        statement = line
        while (statement.count("(") > statement.count(")") or statement.endswith("\\")) and i < len(lines):
            statement = statement.rstrip("\\") + " " + lines[i].split("#", 1)[0].strip()
            i += 1
        out.append(statement)
    return "\n".join(out)


@lru_cache(maxsize=None)
def _imports(path: Path) -> tuple[Path, ...]:
    """Files of the `pipeline.*` modules that `path` imports (at any depth of its code),
    with the packages they sit in (Python runs a package's __init__ first)."""
    found: set[Path] = set()
    statements = _import_statements(path.read_text(encoding="utf-8"))
    try:
        tree = ast.parse(statements, str(path))
    except SyntaxError:  # a line of a docstring that reads like an import: the module, statement by statement
        tree = ast.Module(body=[node for line in statements.splitlines() for node in _parsed(line)], type_ignores=[])
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            for i in range(2, len(parts) + 1):  # the module and each package above it
                file = _module_file(".".join(parts[:i]))
                if file is not None:
                    found.add(file)
    return tuple(sorted(found))


def _parsed(statement: str) -> list:
    try:
        return ast.parse(statement).body
    except SyntaxError:
        return []


def _closure(files: list[Path]) -> set[Path]:
    seen: set[Path] = set()
    todo = list(files)
    while todo:
        file = todo.pop()
        if file in seen:
            continue
        seen.add(file)
        todo.extend(_imports(file))
    return seen


def code_deps(stage: str) -> list[str]:
    """The code paths a stage's outputs depend on, relative to the project root."""
    entry = STAGES[stage]
    own = PACKAGE_ROOT / "pipeline" / stage
    start = sorted(own.rglob("*.py"))
    start += [PACKAGE_ROOT / "pipeline" / "contract" / f"{producer}.py" for producer in entry.declared_reads()]
    paths: set[str] = set()
    for file in _closure(start):
        rel = file.relative_to(PACKAGE_ROOT)
        if rel == Path("pipeline/__init__.py"):
            continue  # the version string: not code a stage runs
        parts = rel.parts
        if parts[1] == stage or parts[1] in WHOLE_PACKAGES:
            paths.add("/".join(parts[:2]))
        else:
            paths.add(rel.as_posix())
            data = file.with_suffix(".yaml")  # a module's own data file: text/furniture.yaml
            if data.is_file():
                paths.add(data.relative_to(PACKAGE_ROOT).as_posix())
    return sorted(paths)


def stage_entry(stage: str) -> dict:
    """The dvc.yaml entry of one stage."""
    entry = STAGES[stage]
    deps = code_deps(stage)
    deps += [f"data/{producer}" for producer in STAGES if producer in entry.declared_reads()]
    deps += list(entry.inputs)
    out: dict = {"cmd": f"python -m pipeline run {stage}", "deps": deps, "params": [stage],
                 "outs": [{path: {"persist": True}} for path in entry.out_paths]}
    if entry.metrics:
        out["metrics"] = [{path: {"cache": False, "persist": True}} for path in entry.metrics]
    if entry.plots:
        out["plots"] = [{path: {"cache": False, "persist": True}} for path in entry.plots]
    return out


def stage_entries() -> dict:
    return {name: stage_entry(name) for name in STAGES}


def differences(dvc_yaml: Path) -> list[str]:
    """What in dvc.yaml's stage entries differs from the registry (empty: they agree)."""
    current = (yaml.safe_load(dvc_yaml.read_text(encoding="utf-8")) or {}).get("stages") or {}
    wanted = stage_entries()
    problems = []
    for name in sorted(set(current) | set(wanted), key=lambda n: (n not in wanted, list(wanted).index(n)
                                                                   if n in wanted else 0, n)):
        if name not in wanted:
            problems.append(f"dvc.yaml has stage {name!r}, which pipeline/stages.py does not declare")
        elif name not in current:
            problems.append(f"dvc.yaml lacks stage {name!r}")
        else:
            for key in sorted(set(current[name]) | set(wanted[name])):
                have, want = current[name].get(key), wanted[name].get(key)
                if have != want:
                    if isinstance(have, list) and isinstance(want, list) and key == "deps":
                        missing = [d for d in want if d not in have]
                        extra = [d for d in have if d not in want]
                        order = "" if missing or extra else " (order differs)"
                        problems.append(f"stage {name!r} deps: missing {missing}, not needed {extra}{order}")
                    else:
                        problems.append(f"stage {name!r} {key}: dvc.yaml has {have!r}, the registry says {want!r}")
    return problems


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as people write dvc.yaml."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=100)


def render(dvc_yaml: Path) -> str:
    """dvc.yaml with its stage entries derived; its other sections kept."""
    current = yaml.safe_load(dvc_yaml.read_text(encoding="utf-8")) if dvc_yaml.is_file() else {}
    rest = {k: v for k, v in (current or {}).items() if k != "stages"}
    stages = "\n".join(
        "\n".join("  " + line for line in _dump({name: entry}).splitlines()) + "\n"
        for name, entry in stage_entries().items()
    )
    body = "stages:\n" + stages
    if rest:
        body += "\n" + _dump(rest)
    return HEADER + body
