"""params.yaml errors name the key and what is allowed; params.yaml holds only what the project
sets, and the defaults (with their data files) live in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.params import ParamsError, load_params
from tests.conftest import REPO


def write(tmp_path, text):
    p = tmp_path / "params.yaml"
    p.write_text(text)
    return p


def test_project_params_are_valid():
    params = load_params(REPO / "params.yaml")
    assert params["ingest"].input_dir == "seeds"


def test_unknown_key_is_named_with_the_allowed_keys(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "ingest:\n  max_passage_char: 100\n"))
    msg = str(err.value)
    assert "ingest.max_passage_char" in msg and "unknown key" in msg and "max_passage_chars" in msg


def test_out_of_range_value_names_key_and_bound(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "ingest:\n  max_passage_chars: 5\n"))
    msg = str(err.value)
    assert "ingest.max_passage_chars" in msg and "200" in msg and "got 5" in msg


def test_wrong_choice_lists_the_choices(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "runner:\n  kind: gpu\n"))
    msg = str(err.value)
    assert "runner.kind" in msg and "threads" in msg and "processes" in msg and "dask" in msg and "gpu" in msg


def test_unknown_section(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "ingestt:\n  input_dir: x\n"))
    assert "ingestt" in str(err.value) and "ingest" in str(err.value)


def test_unknown_reader_for_an_extension(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "ingest:\n  formats:\n    odt: odt\n"))
    assert "ingest.formats" in str(err.value) and "txt, md or html" in str(err.value)


def test_report_caps_are_validated(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "report:\n  claims_per_figure: 1\n  sources_per_row: 0\n"))
    msg = str(err.value)
    assert "report.claims_per_figure" in msg and "got 1" in msg
    assert "report.sources_per_row" in msg and "got 0" in msg
    caps = load_params(REPO / "params.yaml")["report"]
    assert (caps.top_n, caps.occurrences_per_cluster, caps.claims_per_figure, caps.sources_per_row) == (25, 6, 25, 10)


def test_every_load_reads_the_file_as_it_is_now(tmp_path):
    """No hidden cache: the CLI loads params.yaml once per process and passes each
    stage its section, so a later load sees an edit even within one second."""
    path = write(tmp_path, "ingest:\n  max_file_mb: 5\n")
    assert load_params(path)["ingest"].max_file_mb == 5
    path.write_text("ingest:\n  max_file_mb: 7\n", encoding="utf-8")  # same size, same mtime second
    assert load_params(path)["ingest"].max_file_mb == 7
    path.write_text("ingest:\n  max_file_mb: 0\n", encoding="utf-8")
    with pytest.raises(ParamsError, match="max_file_mb"):
        load_params(path)


def test_sections_come_from_the_stage_registry():
    from pipeline.core.params import sections
    from pipeline.stages import STAGES

    assert list(sections()) == ["runner", *STAGES]
    for name, stage in STAGES.items():
        assert stage.params_model() is type(load_params(REPO / "params.yaml")[name])


def test_stage_threads_name_a_real_stage_and_a_sane_count(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "runner:\n  stage_threads: {ingets: 1}\n"))
    msg = str(err.value)
    assert "runner.stage_threads" in msg and "ingets" in msg and "ingest, dedup, clean" in msg
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "runner:\n  stage_threads: {clean: 0}\n"))
    assert "clean: 0 workers" in str(err.value)


def test_stage_threads_apply_to_their_stage_and_only_on_threads(tmp_path):
    runner = load_params(write(tmp_path, "runner:\n  max_workers: 3\n  stage_threads: {ingest: 1}\n"))["runner"]
    assert runner.for_stage("ingest").max_workers == 1
    assert runner.for_stage("clean").max_workers == 3
    processes = runner.model_copy(update={"kind": "processes"})
    assert processes.for_stage("ingest").max_workers == 3  # a process pool is not held back by the GIL


# --- a stage is declared once: the defaults live in code and its data files; params.yaml holds
# --- only what this project changes and the few knobs a user is expected to turn

# (section, key) kept in params.yaml even at their default value. Keep this short: anything
# else in params.yaml must differ from the code's default.
USER_KNOBS = {
    ("runner", "kind"), ("runner", "max_workers"),
    ("ingest", "input_dir"),
    ("dedup", "min_chars"),
    ("clean", "repeated_line_min_chars"),
    ("entities", "model"), ("entities", "gazetteer"),
    ("report", "title"), ("report", "top_n"),
}

# data files holding long defaults: file -> (section model, the fields it supplies)
DATA_FILES = {
    "pipeline/facts/lexicons/en.yaml": ("facts", {
        "measures", "measure_exclude", "attribution", "reporting", "kinds", "kind_exclude",
        "measure_kinds", "harm_causes", "same_day_kinds", "place_measures", "predicates", "place_abbreviations"}),
    "pipeline/text/furniture.yaml": ("clean", None),  # the whole file is clean.furniture
    "pipeline/clean/words.yaml": ("clean", {
        "continuation_words", "continuation_words_before_capital", "abbreviations"}),
}


def _models():
    import importlib

    from pipeline.core.params import sections

    out = {}
    for name, where in sections().items():
        module, _, cls = where.partition(":")
        out[name] = getattr(importlib.import_module(module), cls)
    return out


def _raw_project_params() -> dict:
    import yaml

    return yaml.safe_load((REPO / "params.yaml").read_text(encoding="utf-8")) or {}


def _data_file(rel: str):
    import yaml

    data = yaml.safe_load((REPO / rel).read_text(encoding="utf-8"))
    if rel == "pipeline/facts/lexicons/en.yaml":
        data = _with_other_languages(data)
    return data


def _with_other_languages(english: dict) -> dict:
    """The facts lexicons' defaults: en.yaml, each list extended by the other languages' files
    (lexicons/ru.yaml) in file-name order; keys no FactsParams field has (person_nouns) left out."""
    import yaml

    merged = {k: ({n: (list(v) if isinstance(v, list) else v) for n, v in value.items()}
                  if isinstance(value, dict) else value) for k, value in english.items()}
    for path in sorted((REPO / "pipeline/facts/lexicons").glob("*.yaml")):
        if path.name == "en.yaml":
            continue
        other = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(other) - set(english) <= {"person_nouns"}, f"{path.name}: keys en.yaml does not have"
        for key, value in other.items():
            if key not in merged:
                continue
            if isinstance(value, list):
                merged[key] = merged[key] + [v for v in value if v not in merged[key]]
            else:
                for name, cues in value.items():
                    if isinstance(cues, list):
                        have = merged[key].setdefault(name, [])
                        have.extend(c for c in cues if c not in have)
                    else:
                        merged[key].setdefault(name, cues)
    return merged


def test_project_params_yaml_is_small():
    size = (REPO / "params.yaml").stat().st_size
    assert size <= 4096, f"params.yaml is {size} bytes; defaults belong in pipeline/<stage>/params.py"


def test_project_params_only_differ_from_the_defaults_or_are_user_knobs():
    assert len(USER_KNOBS) <= 12, "the user-knob list is meant to stay short"
    models = _models()
    raw = _raw_project_params()
    assert set(raw) == set(models), "every section stays in params.yaml (dvc.yaml names each one)"
    restated = []
    for section, values in raw.items():
        model = models[section]
        default = model()
        for key, value in (values or {}).items():
            given = getattr(model.model_validate({key: value}), key)
            if given == getattr(default, key) and (section, key) not in USER_KNOBS:
                restated.append(f"{section}.{key}")
    assert not restated, f"params.yaml restates code defaults: {restated}"


def test_every_param_has_a_description():
    missing = [f"{section}.{key}" for section, model in _models().items()
               for key, field in model.model_fields.items() if not (field.description or "").strip()]
    assert not missing, f"fields without a description (python -m pipeline params prints it): {missing}"


def test_params_command_lists_every_key_with_its_meaning(monkeypatch, capsys):
    from pipeline.cli import cmd_params

    monkeypatch.chdir(REPO)
    assert cmd_params(None) == 0
    out = capsys.readouterr().out
    for section, model in _models().items():
        assert f"\n{section}:\n" in "\n" + out
        for key, field in model.model_fields.items():
            assert f"\n  {key}: " in out and field.description in out, f"{section}.{key}"


def test_data_files_are_the_defaults_and_pass_validation():
    from pipeline.clean.params import CleanParams
    from pipeline.facts.params import FactsParams

    models = {"facts": FactsParams(), "clean": CleanParams()}
    for rel, (section, keys) in DATA_FILES.items():
        data = _data_file(rel)
        default = models[section]
        if keys is None:
            assert data and default.furniture == data and list(default.furniture) == list(data), rel
            continue
        assert set(data) == keys, f"{rel}: keys {sorted(data)} (each must be a field of {section})"
        for key in keys:
            value = getattr(default, key)
            assert value, f"{section}.{key} is empty"
            assert value == data[key], f"{section}.{key} is not {rel}'s"
            if isinstance(value, dict):
                assert list(value) == list(data[key]), f"{section}.{key}: order is priority"
    # defaults are not validated by pydantic: check them through the validators explicitly
    for default in models.values():
        assert type(default).model_validate(default.model_dump()) == default
    # every call hands out its own copy of a list, not the cached one
    a, b = FactsParams(), FactsParams()
    a.measures["killed"].append("zzz")
    a.reporting.append("zzz")
    assert "zzz" not in b.measures["killed"] and "zzz" not in FactsParams().reporting


def test_a_list_in_params_yaml_replaces_the_data_files_default(tmp_path):
    from pipeline.text.furniture import FurnitureRules
    from pipeline.facts.lexicon import compile_lexicon

    lexicon = _data_file("pipeline/facts/lexicons/en.yaml")
    params = load_params(write(tmp_path, (
        "facts:\n  reporting: [whispered]\n  kind_exclude: [riot van]\n"
        "clean:\n  furniture:\n    stars: ['\\*{3,}']\n  abbreviations: [Approx.]\n")))
    facts, clean = params["facts"], params["clean"]
    assert facts.reporting == ["whispered"] and facts.kind_exclude == ["riot van"]
    assert facts.measures == lexicon["measures"] and facts.kinds == lexicon["kinds"]  # unset keys: the file's
    lex = compile_lexicon(facts)
    assert lex.reporting.search("he whispered") and not lex.reporting.search("according to")
    assert clean.furniture == {"stars": [r"\*{3,}"]} and clean.abbreviations == ["approx"]
    assert clean.continuation_words == _data_file("pipeline/clean/words.yaml")["continuation_words"]
    rules = FurnitureRules(clean.furniture, clean.furniture_max_line_chars, clean.repeated_line_min_chars)
    assert rules.rule_of("*****") == "stars" and rules.rule_of("Share") is None


def test_data_files_are_shipped_with_the_package():
    import tomllib

    package_data = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    shipped = {f for package, patterns in package_data.items() for pattern in patterns
               for f in (REPO / Path(*package.split("."))).glob(pattern)}
    files = set((REPO / "pipeline").rglob("*.yaml"))
    assert {str(f.relative_to(REPO)) for f in files} >= set(DATA_FILES)
    missing = sorted(str(f.relative_to(REPO)) for f in files - shipped)
    assert not missing, f"not in [tool.setuptools.package-data] of pyproject.toml: {missing}"


def test_an_empty_or_missing_params_file_is_an_error_naming_it(tmp_path):
    for text in ("", "# nothing here\n"):
        with pytest.raises(ParamsError, match="params.yaml is empty"):
            load_params(write(tmp_path, text))
    with pytest.raises(ParamsError, match="is missing"):
        load_params(tmp_path / "nowhere" / "params.yaml")


def test_a_key_written_twice_is_an_error(tmp_path):
    with pytest.raises(ParamsError, match=r"written twice: entities.n_process \(line 3\)"):
        load_params(write(tmp_path, "entities:\n  n_process: 2\n  n_process: 1\n"))
    with pytest.raises(ParamsError, match=r"written twice: facts \(line 3\)"):
        load_params(write(tmp_path, "facts: {}\nreport: {}\nfacts: {}\n"))


def test_messages_say_bounds_in_words(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "entities:\n  n_process: 0\n"))
    text = str(err.value)
    assert "at least 1" in text and "Ge(" not in text and "PydanticUndefined" not in text
    with pytest.raises(ParamsError) as err:
        load_params(write(tmp_path, "entities:\n  languages: 5\n"))
    assert "PydanticUndefined" not in str(err.value)
