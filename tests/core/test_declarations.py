"""dvc.yaml, docs/contract.md and the stages' reads agree with what the code declares."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from pipeline import contract
from pipeline.contract import Column
from pipeline.core import dvcfile
from pipeline.core.tables import Inputs
from pipeline.stages import ALL_COLUMNS, STAGES

REPO = Path(__file__).resolve().parents[2]
STAGE_PACKAGES = ("ingest", "dedup", "clean", "entities", "facts", "report")


def test_dvc_yaml_stage_entries_are_the_registrys():
    problems = dvcfile.differences(REPO / "dvc.yaml")
    assert not problems, "\n".join(problems) + "\nrun `python -m pipeline derive --write`"


def test_contract_doc_lists_every_column_the_code_declares():
    text = (REPO / "docs" / "contract.md").read_text(encoding="utf-8")
    assert text == contract.render_document(text), "run `python -m pipeline derive --write`"


def test_a_new_column_is_named_by_the_contract_check(monkeypatch):
    """The worked example: add a column to a table's declaration, and the doc check
    and dvc.yaml's deps say what else to change."""
    claims = contract.get("facts", "claims")
    wider = replace(claims, columns=(*claims.columns, Column("language", pa.string(), "of the sentence")))
    monkeypatch.setitem(contract.tables_of("facts"), "claims", wider)
    text = (REPO / "docs" / "contract.md").read_text(encoding="utf-8")
    rendered = contract.render_document(text)
    assert rendered != text and "| `language` | string | of the sentence |" in rendered
    assert "pipeline/contract/facts.py" in dvcfile.stage_entry("report")["deps"]


def test_a_new_import_shows_in_the_stage_deps(tmp_path, monkeypatch):
    """A stage that starts importing shared code gets it as a DVC dependency."""
    module = REPO / "pipeline" / "facts" / "measure.py"
    code = module.read_text(encoding="utf-8")
    assert "pipeline/text/normalize.py" not in dvcfile.stage_entry("facts")["deps"]
    original = dvcfile._imports.__wrapped__

    def with_extra_import(path: Path):
        found = original(path)
        if path == module:
            return (*found, REPO / "pipeline" / "text" / "normalize.py")
        return found

    monkeypatch.setattr(dvcfile, "_imports", with_extra_import)
    assert "pipeline/text/normalize.py" in dvcfile.stage_entry("facts")["deps"]
    assert code == module.read_text(encoding="utf-8")


def _pipeline_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return {n for n in names if n.startswith("pipeline.")}


def test_the_import_scanner_finds_what_the_whole_module_parse_finds():
    """The stage deps read only a module's import statements (fast); on every module of the package
    they name the same `pipeline.*` modules as a parse of the whole module."""
    for path in sorted((REPO / "pipeline").rglob("*.py")):
        scanned = ast.parse(dvcfile._import_statements(path.read_text(encoding="utf-8")))
        names = {a.name for n in ast.walk(scanned) if isinstance(n, ast.Import) for a in n.names} | {
            n.module for n in ast.walk(scanned) if isinstance(n, ast.ImportFrom) and n.module}
        assert {n for n in names if n.startswith("pipeline.")} == _pipeline_imports(path), path


def test_the_import_scanner_reads_continued_and_nested_imports():
    source = '''"""Docs."""
from pipeline.facts.per_document import DocumentFacts, \\
    facts_per_document
from pipeline.core import (
    tables,  # a comment
    workers,
)


def late():
    import pipeline.text.dates
    from pipeline.facts import grammar
'''
    statements = dvcfile._import_statements(source)
    assert ast.parse(statements)
    assert "facts_per_document" in statements and "workers" in statements
    assert "import pipeline.text.dates" in statements and "from pipeline.facts import grammar" in statements


@pytest.mark.parametrize("stage", STAGE_PACKAGES)
def test_no_stage_imports_another_stage(stage):
    others = {f"pipeline.{s}" for s in STAGE_PACKAGES if s != stage}
    for path in (REPO / "pipeline" / stage).rglob("*.py"):
        bad = {n for n in _pipeline_imports(path) if any(n == o or n.startswith(o + ".") for o in others)}
        assert not bad, f"{path.relative_to(REPO)} imports {bad}"


def test_core_imports_no_stage():
    stages = tuple(f"pipeline.{s}" for s in STAGE_PACKAGES)
    for path in (REPO / "pipeline" / "core").rglob("*.py"):
        bad = {n for n in _pipeline_imports(path) if n.startswith(stages)}
        assert not bad, f"{path.relative_to(REPO)} imports {bad}"


def test_every_declared_read_names_real_columns():
    for name, stage in STAGES.items():
        for producer, tables in stage.declared_reads().items():
            assert list(STAGES).index(producer) < list(STAGES).index(name), (name, producer)
            for table, columns in tables.items():
                declared = contract.get(producer, table)
                if columns is not ALL_COLUMNS:
                    declared.check_columns(columns)


def test_reads_are_checked_against_the_registry_and_the_contract(tmp_path):
    inputs = Inputs(tmp_path, "clean")
    with pytest.raises(contract.ContractError, match="does not declare"):
        inputs.read("dedup", "passages")  # clean does not read dedup
    with pytest.raises(contract.ContractError, match="no column 'txt'"):
        inputs.read("ingest", "passages", ["passage_id", "txt"])
    with pytest.raises(contract.ContractError, match=r"columns \['n_bytes'\]"):
        Inputs(tmp_path, "dedup").read("ingest", "documents", ["doc_id", "n_bytes"])
    with pytest.raises(FileNotFoundError, match="run the 'ingest' stage first"):
        inputs.read("ingest", "passages")


def test_the_written_schemas_are_the_contracts():
    from pipeline.clean.stage import SCHEMAS
    from pipeline.dedup.stage import TABLES

    assert {n: s for n, s in SCHEMAS.items()} == {n: t.schema for n, t in contract.tables_of("clean").items()}
    assert {n: s for n, s in TABLES.items()} == {n: t.schema for n, t in contract.tables_of("dedup").items()}
    for table in (t for s in ("ingest", "dedup", "clean", "entities", "facts")
                  for t in contract.tables_of(s).values()):
        assert table.schema.metadata is None  # outputs stay byte-stable
        assert all(c.doc for c in table.columns), f"{table.stage}/{table.name}: a column without a meaning"


def _floor_columns(text: str) -> dict[tuple[str, str], set[str]]:
    """(stage, table) -> columns the contract's prose requires ("- `x.parquet`: `col` (meaning), ...")."""
    import re

    floor: dict[tuple[str, str], set[str]] = {}
    for section in re.split(r"^## ", text, flags=re.M):
        head = re.match(r"data/(\w+)/", section)
        if not head:
            continue
        for item in re.split(r"^- ", section, flags=re.M)[1:]:
            name = re.match(r"`(\w+)\.parquet`:", item)
            if not name:
                continue
            body = item[name.end():]
            while re.search(r"\([^()]*\)", body):
                body = re.sub(r"\([^()]*\)", "", body)  # meanings and allowed values, not columns
            floor[(head.group(1), name.group(1))] = set(re.findall(r"`(\w+)`", body))
    return floor


def test_every_column_the_contract_prose_requires_is_declared():
    floor = _floor_columns((REPO / "docs" / "contract.md").read_text(encoding="utf-8").split(contract.MARKER)[0])
    assert len(floor) >= 12 and ("facts", "claims") in floor
    for (stage, name), columns in floor.items():
        declared = set(contract.get(stage, name).schema.names)
        assert columns <= declared, f"data/{stage}/{name}.parquet lacks {sorted(columns - declared)}"


def test_a_partition_reads_only_its_rows_in_table_order(tmp_path):
    from pipeline.core.tables import stage_output

    rows = pd.DataFrame({"passage_id": [f"p{i}" for i in range(10)], "doc_id": [f"d{i % 3}" for i in range(10)],
                         "seq": list(range(10)), "char_start": [0] * 10, "char_end": [1] * 10,
                         "page": [None] * 10, "text": list("abcdefghij")})
    with stage_output(tmp_path / "data" / "ingest") as out:
        out.write(contract.get("ingest", "passages"), rows)
    inputs = Inputs(tmp_path, "facts")
    part = inputs.read("ingest", "passages", where=("doc_id", ["d2", "d0"]))
    assert part["passage_id"].tolist() == ["p0", "p2", "p3", "p5", "p6", "p8", "p9"]
    assert list(part.columns) == contract.get("ingest", "passages").schema.names
    narrow = Inputs(tmp_path, "clean").read("ingest", "passages", ["passage_id", "text"], where=("doc_id", ["d1"]))
    assert list(narrow.columns) == ["passage_id", "text"] and narrow["text"].tolist() == ["b", "e", "h"]
    with pytest.raises(contract.ContractError, match="no column 'document'"):
        inputs.read("ingest", "passages", where=("document", ["d1"]))


def test_a_partition_decodes_only_the_row_groups_holding_its_rows(tmp_path, monkeypatch):
    """Tables are written in row groups; a partition's read decodes the groups its documents' rows are
    in (documents are contiguous in a table), and gives what filtering the whole table gives, also
    after the table is rewritten."""
    import pyarrow.parquet as pq

    from pipeline.core import parts
    from pipeline.core.tables import stage_output

    monkeypatch.setattr(parts, "ROW_GROUP_ROWS", 4)
    monkeypatch.setattr(parts, "DOCS_PER_PART", 10**12)  # one part (below: several)
    docs = [f"d{i // 5}" for i in range(40)]  # eight documents of five passages
    rows = pd.DataFrame({"passage_id": [f"p{i}" for i in range(40)], "doc_id": docs, "seq": list(range(40)),
                         "char_start": [0] * 40, "char_end": [1] * 40, "page": [None] * 40,
                         "text": [f"t{i}" for i in range(40)]})
    for version in (rows, rows.assign(text=rows["text"] + "!")):
        with stage_output(tmp_path / "data" / "ingest") as out:
            out.write(contract.get("ingest", "passages"), version)
        [path] = parts.part_files(tmp_path / "data" / "ingest" / "passages.parquet")
        assert pq.ParquetFile(path).num_row_groups == 10
        decoded = []
        real = pq.ParquetFile.read_row_groups
        monkeypatch.setattr(pq.ParquetFile, "read_row_groups",
                            lambda self, groups, **kw: decoded.extend(groups) or real(self, groups, **kw))
        part = Inputs(tmp_path, "facts").read("ingest", "passages", where=("doc_id", ["d1", "d6"]))
        monkeypatch.setattr(pq.ParquetFile, "read_row_groups", real)
        whole = version[version["doc_id"].isin(["d1", "d6"])].reset_index(drop=True)
        assert part[["passage_id", "text"]].equals(whole[["passage_id", "text"]])
        assert decoded == [1, 2, 7, 8]  # rows 5-9 and 30-34, in groups of four rows
        assert Inputs(tmp_path, "facts").read("ingest", "passages", where=("doc_id", ["d9"])).empty
    # in parts of about two documents, only the parts holding the documents are decoded
    monkeypatch.setattr(parts, "DOCS_PER_PART", 2)
    with stage_output(tmp_path / "data" / "ingest") as out:
        out.write(contract.get("ingest", "passages"), rows)
    files = parts.part_files(tmp_path / "data" / "ingest" / "passages.parquet")
    assert len(files) > 1
    opened = []
    real = pq.ParquetFile.read_row_groups
    monkeypatch.setattr(pq.ParquetFile, "read_row_groups",
                        lambda self, groups, **kw: opened.append(bool(groups)) or real(self, groups, **kw))
    part = Inputs(tmp_path, "facts").read("ingest", "passages", where=("doc_id", ["d1", "d6"]))
    assert part["passage_id"].tolist() == [f"p{i}" for i in [*range(5, 10), *range(30, 35)]]
    assert all(opened) and len(opened) <= 2
