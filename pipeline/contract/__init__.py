"""The data contract: every table a stage writes, its columns, types and meanings, once.

Each stage's tables are declared in ``pipeline/contract/<stage>.py`` as `Table`
records; the stages write them with `Table.schema`, consumers read them through
`pipeline.core.tables.read_input`, which checks the requested columns here, and
docs/contract.md's column lists are rendered from the same records
(`render_markdown`, checked by a test). Adding a column means adding a `Column`
to its table (and filling it in the stage).

A stage's contract module is imported only when asked for (`tables_of`), so a
stage's DVC dependencies hold only the contracts of the tables it reads.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyarrow as pa

from pipeline.core.parts import part_key
from pipeline.stages import table_stages


class ContractError(ValueError):
    """A table or column that the contract does not declare."""


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    doc: str = ""


@dataclass(frozen=True)
class Table:
    """One Parquet table under ``data/<stage>/<name>.parquet``."""

    stage: str
    name: str
    doc: str
    columns: tuple[Column, ...]
    parts_by: str | None = None  # the column whose values cut the table into parts (None: see part_key)

    @cached_property
    def schema(self) -> pa.Schema:
        """The Arrow schema the table is written with (no metadata: outputs stay byte-stable)."""
        return pa.schema([(c.name, c.type) for c in self.columns])

    @property
    def part_key(self) -> str:
        """The column the table's parts are cut by (pipeline/core/parts.py): `parts_by`, else `doc_id`
        when the table has it, else its first column. Declared where a table is ordered by another
        column than its documents (occurrences by cluster, the timeline by date)."""
        return self.parts_by or part_key(self.schema)

    @property
    def file(self) -> str:
        return f"{self.name}.parquet"

    def path(self, root: Path) -> Path:
        return Path(root) / "data" / self.stage / self.file

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise ContractError(
            f"data/{self.stage}/{self.file} has no column {name!r} in the contract "
            f"(pipeline/contract/{self.stage}.py); its columns: {', '.join(self.schema.names)}"
        )

    def check_columns(self, names) -> list[str]:
        """`names` as a list, after checking each is a declared column."""
        names = list(names)
        for name in names:
            self.column(name)
        return names


def join_columns(*columns: Column | tuple[Column, ...]) -> tuple[Column, ...]:
    """Columns from single columns and runs of columns shared with another table."""
    out: list[Column] = []
    for c in columns:
        out.extend(c if isinstance(c, tuple) else (c,))
    return tuple(out)


def tables_of(stage: str) -> dict[str, Table]:
    """The tables `stage` writes, by name."""
    if stage not in table_stages():
        raise ContractError(f"no stage {stage!r} writes tables; stages that do: {', '.join(table_stages())}")
    return importlib.import_module(f"{__name__}.{stage}").TABLES


def get(stage: str, name: str) -> Table:
    """The contract of ``data/<stage>/<name>.parquet``."""
    found = tables_of(stage)
    if name not in found:
        raise ContractError(
            f"stage {stage!r} writes no table {name!r} (pipeline/contract/{stage}.py); "
            f"its tables: {', '.join(found)}"
        )
    return found[name]


def _type_name(t: pa.DataType) -> str:
    if pa.types.is_list(t):
        return f"list<{_type_name(t.value_type)}>"
    return {"large_string": "string", "date32[day]": "date"}.get(str(t), str(t))


MARKER = ("<!-- Generated from pipeline/contract/ by `python -m pipeline derive --write`; "
          "edit the code, not the text below. -->")


def render_document(current: str) -> str:
    """docs/contract.md: its prose up to the marker line, then every table's columns."""
    head = current.split(MARKER)[0].rstrip("\n")
    return f"{head}\n\n{MARKER}\n\n{render_markdown()}"


def render_markdown() -> str:
    """The column lists of docs/contract.md (the part below its marker line)."""
    lines: list[str] = []
    for stage in table_stages():
        lines.append(f"### data/{stage}/")
        lines.append("")
        for t in tables_of(stage).values():
            lines.append(f"#### `{t.file}`")
            lines.append("")
            lines.append(t.doc)
            lines.append("")
            lines.append("| column | type | meaning |")
            lines.append("| --- | --- | --- |")
            for c in t.columns:
                lines.append(f"| `{c.name}` | {_type_name(c.type)} | {c.doc} |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
