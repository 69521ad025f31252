"""The user-editable gazetteer: names the model misses, spellings that are one entity.

A gazetteer is a YAML file (or a CSV file of entities only) that the user
names in ``params.yaml`` (``entities.gazetteer``). YAML layout::

    entities:                     # each: one real-world thing
      - name: Zhezkazgan          # canonical name shown in the tables
        label: GPE                # PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...
        aliases: [Jezkazgan, Жезқазған, Dzhezkazgan]   # other spellings / names
        lowercase: false          # also match all-lower-case text ("youtube")
        find: true                # false: only merge spellings, never add mentions
    exclude: [Akim, Internet]     # never an entity, whatever the model says
    given_names:                  # given names that are the same name
      - [Dmitry, Dmitri, Dima]
    titles: [Akim]                # extra words stripped before a person's name

CSV layout: a header ``name,label,aliases`` (``aliases`` separated by ``;``),
one entity per row. An empty or missing section is fine: the stage works
with no gazetteer at all.

Nothing here is specific to any corpus: the file is the user's data.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.text.translit import name_key, phonetic_key, written_alike

LABEL_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ_")


class GazetteerError(ValueError):
    """The gazetteer file is wrong; the message names the file, the entry and the fix."""


@dataclass(frozen=True)
class Entry:
    name: str
    label: str
    aliases: tuple[str, ...]  # every form, the name first
    lowercase: bool = False
    find: bool = True


@dataclass
class Gazetteer:
    entries: list[Entry] = field(default_factory=list)
    exclude: tuple[str, ...] = ()
    given_names: list[tuple[str, ...]] = field(default_factory=list)
    titles: tuple[str, ...] = ()
    source: str = ""

    def __post_init__(self):
        self.by_name_key: dict[str, int] = {}
        phon: dict[str, set[int]] = {}
        # key -> (alias, entry): the spellings a key stands for, to check how the text is written
        self.forms_by_name_key: dict[str, list[tuple[str, int]]] = {}
        self.forms_by_phonetic: dict[str, list[tuple[str, int]]] = {}
        for i, e in enumerate(self.entries):
            for form in e.aliases:
                k = name_key(form)
                if k:
                    self.by_name_key[k] = i
                    phon.setdefault(phonetic_key(form), set()).add(i)
                    self.forms_by_name_key.setdefault(k, []).append((form, i))
                    self.forms_by_phonetic.setdefault(phonetic_key(form), []).append((form, i))
        # a phonetic key shared by two entries is ambiguous and links nothing
        self.by_phonetic: dict[str, int] = {k: next(iter(v)) for k, v in phon.items() if len(v) == 1}
        self.exclude_keys = frozenset(name_key(x) for x in self.exclude if name_key(x))
        self.given_group: dict[str, int] = {}
        for gi, group in enumerate(self.given_names):
            for n in group:
                self.given_group.setdefault(phonetic_key(n), gi)
        self.title_keys = frozenset(name_key(t) for t in self.titles if name_key(t))

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, text: str) -> int | None:
        """The entry a surface form names, by name key then by phonetic key, through an alias
        written alike (``translit.written_alike``: same script; an acronym or a name of at most
        four letters only as written, case included; the same capitalised words otherwise).
        A key two entries share names neither."""
        for forms in (self.forms_by_name_key.get(name_key(text), ()),
                      self.forms_by_phonetic.get(phonetic_key(text), ())):
            hits = {i for alias, i in forms if written_alike(text, alias, self.entries[i].lowercase)}
            if len(hits) == 1:
                return hits.pop()
            if hits:
                return None
        return None

    def written_as(self, text: str, i: int) -> bool:
        """True if entry i has an alias with the text's phonetic key written alike (see lookup)."""
        e = self.entries[i]
        forms = [a for a, j in self.forms_by_phonetic.get(phonetic_key(text), ()) if j == i] or list(e.aliases)
        return any(written_alike(text, a, e.lowercase) for a in forms)

    def fingerprint(self) -> str:
        payload = json.dumps([
            [[e.name, e.label, list(e.aliases), e.lowercase, e.find] for e in self.entries],
            list(self.exclude), [list(g) for g in self.given_names], list(self.titles),
        ], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _as_list(value, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise GazetteerError(f"{where}: expected a list of names, got {value!r}")
    return [str(v) for v in value]


def _entry(raw, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: expected a mapping with name, label, aliases; got {raw!r}")
    unknown = set(raw) - {"name", "label", "aliases", "lowercase", "find", "note"}
    if unknown:
        raise GazetteerError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
                             "allowed: name, label, aliases, lowercase, find, note")
    name = str(raw.get("name") or "").strip()
    if not name:
        raise GazetteerError(f"{where}: 'name' is missing or empty")
    label = str(raw.get("label") or "").strip()
    if not label or not set(label) <= LABEL_CHARS:
        raise GazetteerError(f"{where} ({name}): 'label' must be an upper-case label such as "
                             f"PERSON, ORG, GPE, LOC, NORP, FAC, EVENT; got {raw.get('label')!r}")
    forms = [name]
    for a in _as_list(raw.get("aliases"), f"{where} ({name}) aliases"):
        a = " ".join(a.split())
        if a and a not in forms:
            forms.append(a)
    for flag in ("lowercase", "find"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise GazetteerError(f"{where} ({name}): '{flag}' must be true or false")
    return Entry(name, label, tuple(forms), bool(raw.get("lowercase", False)), bool(raw.get("find", True)))


def _check_conflicts(entries: list[Entry], source: str) -> None:
    seen: dict[str, tuple[int, str]] = {}
    for i, e in enumerate(entries):
        for form in e.aliases:
            k = name_key(form)
            if not k:
                raise GazetteerError(f"{source}: entry {i + 1} ({e.name}): alias {form!r} has no letters or digits")
            if k in seen and seen[k][0] != i:
                j, other = seen[k]
                raise GazetteerError(
                    f"{source}: {form!r} is listed under two entities, entry {j + 1} "
                    f"({entries[j].name}, as {other!r}) and entry {i + 1} ({e.name}). "
                    "A spelling can name only one entity: remove it from one of them.")
            seen[k] = (i, form)


def parse_yaml(text: str, source: str = "<gazetteer>") -> Gazetteer:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{source} is not valid YAML: {exc}") from exc
    raw = raw or {}
    if isinstance(raw, list):  # a bare list of entities
        raw = {"entities": raw}
    if not isinstance(raw, dict):
        raise GazetteerError(f"{source}: expected a mapping with entities, exclude, given_names, titles")
    unknown = set(raw) - {"entities", "exclude", "given_names", "titles"}
    if unknown:
        raise GazetteerError(f"{source}: unknown section(s) {', '.join(sorted(unknown))}; "
                             "allowed: entities, exclude, given_names, titles")
    items = raw.get("entities") or []
    if not isinstance(items, list):
        raise GazetteerError(f"{source}: 'entities' must be a list")
    entries = [_entry(item, f"{source}: entry {i + 1}") for i, item in enumerate(items)]
    _check_conflicts(entries, source)
    groups_raw = raw.get("given_names") or []
    if not isinstance(groups_raw, list):
        raise GazetteerError(f"{source}: 'given_names' must be a list of lists of names")
    groups = [tuple(_as_list(g, f"{source}: given_names item {i + 1}")) for i, g in enumerate(groups_raw)]
    return Gazetteer(entries, tuple(_as_list(raw.get("exclude"), f"{source}: exclude")), groups,
                     tuple(_as_list(raw.get("titles"), f"{source}: titles")), source)


def parse_csv(text: str, source: str = "<gazetteer>") -> Gazetteer:
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    if "name" not in fields or "label" not in fields:
        raise GazetteerError(f"{source}: a CSV gazetteer needs a header with at least name,label "
                             "(and optionally aliases, separated by ';')")
    entries = []
    for i, row in enumerate(reader):
        row = {(k or "").strip().lower(): (v or "") for k, v in row.items()}
        if not any(v.strip() for v in row.values()):
            continue
        aliases = [a.strip() for a in row.get("aliases", "").split(";") if a.strip()]
        entries.append(_entry({"name": row["name"], "label": row["label"].strip(), "aliases": aliases},
                              f"{source}: row {i + 2}"))
    _check_conflicts(entries, source)
    return Gazetteer(entries, source=source)


def load_gazetteer(path: Path | None) -> Gazetteer:
    """Read the gazetteer file; None gives an empty gazetteer. A missing file is an error."""
    if path is None:
        return Gazetteer(source="(none)")
    if not path.is_file():
        raise GazetteerError(
            f"Gazetteer file {path} does not exist. Create it (see docs/entities.md) or set "
            "entities.gazetteer to null in params.yaml to run without one.")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".csv":
        return parse_csv(text, str(path))
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise GazetteerError(f"{path}: the gazetteer must be a .yaml, .yml or .csv file")
    return parse_yaml(text, str(path))
