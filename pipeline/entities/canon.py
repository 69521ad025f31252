"""Canonicalisation: one entity per real-world thing, and a reason for every merge.

Mentions are grouped into *forms* (one spelling, one label, one scope); forms
are merged into entities by rules tried in order of confidence. Every merge
is an edge (alias -> the form it was matched to, rule, score) and every merge
is checked against *cannot-link* guards between all forms of the two sides:

- type agreement: labels must be equal;
- two different gazetteer entries never merge;
- persons: different given names (unless the gazetteer lists them as the same
  name, or one is an initial), different genders of a surname (Ivanov /
  Ivanova, -ov/-ova, -ev/-eva, -in/-ina), a title of the other gender;
- derived words: Kazakhstan / Kazakhstani, Ivanov / Ivanova, Mukhtar / Mukhtarov;
- different numbers (OS-5 / OS-6), Roman numerals (World War I / World War II) or
  acronyms as written, case included (IRC / IRQ, N.I / N.Y.), unless the gazetteer
  lists both spellings; outside persons, a whole word changed ("CSI" / "XY").

Rules (rule name, score):

- ``gazetteer`` / ``gazetteer_key`` (1.0), ``gazetteer_fuzzy`` (similarity):
  the spelling is listed (or nearly) in the user's gazetteer;
- ``same_key`` (1.0): equal up to case, accents, punctuation and script;
- ``translit_key`` (0.95): equal after folding romanisation variants, unless a
  whole word differs as written ("N.I" / "N.Y.", "CSI" / "XY");
- ``case_form`` (1.0, or 0.95 when transliteration folding is needed too): a Russian
  name in another case joins its nominative, which natasha's morphology gives
  ("Астане" / "Астана" / "Astana"); every rule compares a Russian name by its
  nominative;
- ``plural`` (0.95): a group name and its plural (NORP, one word: "Arab" / "Arabs");
- ``fuzzy`` (similarity): a rare spelling very close to another one, same
  number of words (a typo), close as written too (not "Broklyn" / "Brookline");
- ``given_name_variant`` (0.9) / ``initial`` (0.9): same surname, given names
  the gazetteer lists as one name, or an initial;
- ``surname_in_doc`` (1.0), ``given_name_in_doc`` (0.9): a single word that is
  the surname / given name of exactly one person named in full in the same
  document; ``..._in_passage`` (0.85) when only the passage decides;
  ``surname_in_corpus`` (0.8) when exactly one person in the whole corpus has
  that surname, written the same way or a transliteration of a surname-shaped word
  (-ov, -eva, ...), and the document names none; an acronym never resolves ("JPL");
- ``same_name_in_doc`` (1.0): the same unresolved single name within one
  document. A single name that two persons of the document share is left
  unresolved, one entity per passage, rather than guessed.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Sequence

from pipeline.entities.gazetteer import Gazetteer
from pipeline.text.translit import (derived_from, is_acronym, name_key, phonetic_key, surname_gender,
                                        surname_shaped, whole_word_edit, written_apart)

TITLE_GENDER = {
    **dict.fromkeys("mr sir lord king prince father monsieur emperor sultan sheikh emir".split(), "m"),
    **dict.fromkeys("mrs ms miss madam madame mme mlle lady dame queen princess sister".split(), "f"),
}


@dataclass
class Form:
    id: int
    surface: str
    label: str
    scope: str  # "" corpus-wide; else the passage_id or doc_id it is confined to
    gaz: int
    doc_id: str = ""
    passage_id: str = ""
    mentions: list[int] = field(default_factory=list)
    virtual: bool = False
    gender: str | None = None
    link_rule: str = ""
    link_score: float = 1.0
    normal: str = ""  # the nominative of a Russian name ("Караганде" -> "Караганда"); "" if none

    def __post_init__(self):
        # an inflected Russian name is compared by its nominative: every rule sees "Караганда"
        name = self.normal or self.surface
        self.key1 = name_key(name)
        self.key2 = phonetic_key(name)
        self.words = self.key2.split()

    @property
    def inflected(self) -> bool:
        """A Russian name written in another case than the nominative."""
        return bool(self.normal) and name_key(self.normal) != name_key(self.surface)


@dataclass
class MentionIn:
    doc_id: str
    passage_id: str
    surface: str
    label: str
    gaz: int = -1
    link_rule: str = ""
    link_score: float = 1.0
    title: str = ""
    normal: str = ""  # the nominative of a Russian name, "" if none


@dataclass
class Result:
    entity_of_mention: list[str]
    entities: list[dict]
    merges: list[dict]


class Clusters:
    def __init__(self, forms: list[Form], gazetteer: Gazetteer):
        self.forms = forms
        self.parent = list(range(len(forms)))
        self.members = {i: [i] for i in range(len(forms))}
        self.edges: list[tuple[int, int, str, float, str]] = []
        self.gazetteer = gazetteer
        self.groups = gazetteer.given_group

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def given_compatible(self, a: str, b: str) -> bool:
        if a == b:
            return True
        if len(a) == 1 or len(b) == 1:
            return a[0] == b[0]
        ga, gb = self.groups.get(a), self.groups.get(b)
        return ga is not None and ga == gb

    def cannot_link(self, a: Form, b: Form) -> bool:
        if a.label != b.label:
            return True
        if a.gaz >= 0 and b.gaz >= 0 and a.gaz != b.gaz:
            return True
        if a.gender and b.gender and a.gender != b.gender:
            return True
        wa, wb = a.words, b.words
        if not wa or not wb:
            return False
        if a.gaz < 0 or b.gaz < 0:  # spellings the gazetteer lists as one are one; others are checked
            if a.gaz < 0 and b.gaz < 0 and written_apart(a.surface, b.surface):
                return True  # a different number, Roman numeral or acronym, as written
            if a.label != "PERSON" and len(a.key1.split()) == len(b.key1.split()) \
                    and whole_word_edit(a.surface, b.surface):
                return True  # "CSI" / "XY", "N.I" / "N.Y.": a word changed, not a spelling
        if a.label == "PERSON":
            if len(wa) >= 2 and len(wb) >= 2:
                if not self.given_compatible(wa[0], wb[0]):
                    return True
                if wa[-1] != wb[-1] and derived_from(wa[-1], wb[-1]):
                    return True
                ga, gb = surname_gender(wa[-1]), surname_gender(wb[-1])
                return bool(ga and gb and ga != gb)
            if len(wa) == 1 and len(wb) == 1:
                return derived_from(wa[0], wb[0])
            single, full = (wa[0], wb) if len(wa) == 1 else (wb[0], wa)
            if single == full[-1] or self.given_compatible(single, full[0]):
                return False
            return True
        if derived_from(a.key2.replace(" ", ""), b.key2.replace(" ", "")):
            return True
        return _digits(a.key2) != _digits(b.key2)

    def union(self, a: int, b: int, rule: str, score: float, detail: str, check: bool = True) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if check:
            for i in self.members[ra]:
                for j in self.members[rb]:
                    if self.cannot_link(self.forms[i], self.forms[j]):
                        return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.edges.append((a, b, rule, score, detail))
        return True


def _digits(key: str) -> list[str]:
    import re

    return re.findall(r"\d+", key)


def _title_gender(titles: list[str]) -> str | None:
    genders = {TITLE_GENDER.get(name_key(t.split()[-1].rstrip("."))) for t in titles if t}
    genders.discard(None)
    return genders.pop() if len(genders) == 1 else None


def build_forms(mentions: Sequence[MentionIn], gazetteer: Gazetteer) -> tuple[list[Form], list[int]]:
    """Group mentions into forms; returns forms and the form index of each mention."""
    forms: list[Form] = []
    index: dict[tuple, int] = {}
    titles: dict[int, list[str]] = defaultdict(list)
    form_of: list[int] = []
    for i, m in enumerate(mentions):
        surface = " ".join(m.surface.split())
        single_person = m.label == "PERSON" and m.gaz < 0 and len(phonetic_key(surface).split()) == 1
        scope = m.passage_id if single_person else ""
        key = (m.label, surface, scope, m.gaz, m.normal)
        f = index.get(key)
        if f is None:
            f = len(forms)
            index[key] = f
            forms.append(Form(f, surface, m.label, scope, m.gaz, m.doc_id, m.passage_id,
                              link_rule=m.link_rule, link_score=m.link_score, normal=m.normal))
        forms[f].mentions.append(i)
        forms[f].link_score = min(forms[f].link_score, m.link_score)
        if m.title:
            titles[f].append(m.title)
        form_of.append(f)
    for f in forms:
        if f.label == "PERSON":
            g = _title_gender(titles.get(f.id, []))
            if g is None and f.words and (len(f.words) >= 2 or f.gaz < 0):
                g = surname_gender(f.words[-1]) if len(f.words) >= 2 else None
            f.gender = g
    return forms, form_of


def _quality(surface: str) -> int:
    if surface.isupper() and len(surface) > 4:
        return 0
    if surface.islower():
        return 0
    return 1


def _entity_id(label: str, key: str, scope: str) -> str:
    h = hashlib.sha256(f"{label}\x1f{key}\x1f{scope}".encode()).hexdigest()[:12]
    return f"E{h}"


def canonicalise(mentions: Sequence[MentionIn], gazetteer: Gazetteer, *, fuzzy_threshold: float = 0.88,
                 fuzzy_min_chars: int = 6, fuzzy_max_mentions: int = 3,
                 resolve_in_corpus: bool = True) -> Result:
    import numpy as np
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    forms, form_of = build_forms(mentions, gazetteer)
    # virtual forms: one per gazetteer entry in use, the canonical name
    virtual: dict[int, int] = {}
    for f in list(forms):
        if f.gaz >= 0 and f.gaz not in virtual:
            e = gazetteer.entries[f.gaz]
            v = Form(len(forms), e.name, e.label, "", f.gaz, virtual=True)
            forms.append(v)
            virtual[f.gaz] = v.id
    cl = Clusters(forms, gazetteer)
    counts = [len(f.mentions) for f in forms]

    # A. gazetteer entries
    for f in forms:
        if f.gaz >= 0 and not f.virtual:
            e = gazetteer.entries[f.gaz]
            rule = f.link_rule or "gazetteer"
            detail = {"gazetteer": f"listed in the gazetteer under {e.name!r}",
                      "gazetteer_key": f"same spelling key as a gazetteer name of {e.name!r}",
                      "gazetteer_fuzzy": f"close to a gazetteer name of {e.name!r}"}.get(rule, rule)
            cl.union(virtual[f.gaz], f.id, rule, f.link_score, detail, check=False)

    # B. equal keys (same label and scope)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for f in forms:
        if f.gaz < 0 and f.key2:
            groups[(f.label, f.scope, f.key2)].append(f.id)
    for ids in groups.values():
        head = forms[ids[0]]
        for j in ids[1:]:
            g = forms[j]
            if head.inflected or g.inflected:
                cases = ", ".join(f"{f.surface!r} is a case form of {f.normal!r}" for f in (head, g) if f.inflected)
                cl.union(head.id, g.id, "case_form", 1.0 if g.key1 == head.key1 else 0.95,
                         f"same name in the nominative: {cases} (natasha's morphology)"
                         + ("" if g.key1 == head.key1 else f"; same after transliteration folding (key {g.key2!r})"))
            elif g.key1 == head.key1:
                cl.union(head.id, g.id, "same_key", 1.0, "same letters up to case, accents and punctuation")
            elif not whole_word_edit(head.surface, g.surface):
                cl.union(head.id, g.id, "translit_key", 0.95,
                         f"same name after transliteration folding (key {g.key2!r}; written "
                         f"{name_key(head.surface)!r} / {name_key(g.surface)!r})")

    # B2. a demonym and its plural: "Armenian" / "Armenians", "Arab" / "Arabs" (NORP, one word)
    norp = {f.key2: f for f in forms if f.label == "NORP" and not f.virtual and len(f.words) == 1
            and not is_acronym(f.surface) and f.surface[:1].isupper()}
    for k, f in sorted(norp.items()):
        for plural in (k + "s", k + "es"):
            g = norp.get(plural)
            if g is not None:
                cl.union(f.id, g.id, "plural", 0.95,
                         f"{g.surface!r} is the plural of the group name {f.surface!r}")
                break

    # C. fuzzy: a rare spelling close to another one (typos), per label, blocked by first letter
    cand = [f for f in forms if f.gaz < 0 and not f.scope and len(f.key2.replace(" ", "")) >= fuzzy_min_chars]
    blocks: dict[tuple[str, str, int], list[Form]] = defaultdict(list)
    for f in cand:
        blocks[(f.label, f.key2[0], len(f.words))].append(f)
    pairs = []
    for block in blocks.values():
        if len(block) < 2:
            continue
        keys = [f.key2 for f in block]
        matrix = cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=fuzzy_threshold * 100)
        hits = np.argwhere(np.triu(matrix >= fuzzy_threshold * 100, 1))
        for i, j in hits.tolist():
            pairs.append((float(matrix[i, j]), block[i].id, block[j].id))
    for s, i, j in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        a, b = forms[i], forms[j]
        if min(counts[i], counts[j]) > fuzzy_max_mentions:
            continue  # two established spellings: likely two different things
        if a.label == "PERSON" and len(a.words) >= 2 and a.words[0] != b.words[0]:
            continue  # a typo in the surname only; different given names never
        if len(a.words) > 1 and any(x != y and fuzz.ratio(x, y) < fuzzy_threshold * 100
                                    for x, y in zip(a.words, b.words)):
            continue  # every word must be close: "Green Party" is not "Green Front"
        written = fuzz.ratio(a.key1, b.key1)
        if written < fuzzy_threshold * 100 or whole_word_edit(a.surface, b.surface):
            continue  # close only after folding ("Broklyn" / "Brookline"): a typo is close as written
        cl.union(i, j, "fuzzy", round(s / 100, 3), f"similarity {s / 100:.2f} of {a.key2!r} and {b.key2!r} "
                 f"({written / 100:.2f} as written)")

    # D. persons named in full: same surname, given names that are one name, or an initial
    full = [f for f in forms if f.label == "PERSON" and len(f.words) >= 2 and not f.virtual]
    by_surname: dict[str, list[Form]] = defaultdict(list)
    for f in full:
        by_surname[f.words[-1]].append(f)
    for group in by_surname.values():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                a, b = group[x], group[y]
                ga, gb = a.words[0], b.words[0]
                if ga == gb or cl.find(a.id) == cl.find(b.id):
                    continue
                if len(ga) > 1 and len(gb) > 1 and cl.given_compatible(ga, gb):
                    cl.union(a.id, b.id, "given_name_variant", 0.9,
                             f"same surname; the gazetteer lists {a.surface.split()[0]!r} and "
                             f"{b.surface.split()[0]!r} as one given name")
        for f in group:  # initials: "K. Tokayev"
            if len(f.words[0]) != 1:
                continue
            targets = {cl.find(g.id) for g in group if len(g.words[0]) > 1 and g.words[0][0] == f.words[0]}
            if len(targets) == 1:
                t = next(iter(targets))
                cl.union(t, f.id, "initial", 0.9, "initial and surname of the only such person")

    # E. single names: surname or given name of exactly one person named in full
    persons: dict[int, dict] = {}

    def person_index() -> dict[int, dict]:
        idx: dict[int, dict] = {}
        for f in forms:
            if f.label != "PERSON":
                continue
            words = f.words if not f.virtual else []
            if f.virtual:  # gazetteer person: every listed spelling counts
                for alias in gazetteer.entries[f.gaz].aliases:
                    w = phonetic_key(alias).split()
                    if len(w) >= 2:
                        r = idx.setdefault(cl.find(f.id), _pinfo())
                        r["surnames"].add(w[-1])
                        r["given"].add(w[0])
                        r["written"].add(name_key(alias).split()[-1])
                continue
            if len(words) < 2:
                continue
            r = idx.setdefault(cl.find(f.id), _pinfo())
            r["surnames"].add(words[-1])
            r["given"].add(words[0])
            r["written"].add(f.key1.split()[-1])
        for f in forms:
            r = idx.get(cl.find(f.id))
            if r is not None and f.mentions:
                for mi in f.mentions:
                    r["docs"].add(mentions[mi].doc_id)
                    r["passages"].add(mentions[mi].passage_id)
                if f.gender:
                    r["gender"].add(f.gender)
        return idx

    persons = person_index()
    singles = [f for f in forms if f.label == "PERSON" and f.scope and len(f.words) == 1]
    by_surname_corpus: dict[str, set[int]] = defaultdict(set)
    for root, r in persons.items():
        for s in r["surnames"]:
            by_surname_corpus[s].add(root)
    roots_in_doc: dict[str, list[int]] = defaultdict(list)
    for root, r in persons.items():
        for d in r["docs"]:
            roots_in_doc[d].append(root)
    unresolved: list[Form] = []
    ambiguous: set[int] = set()
    for f in singles:
        k = f.words[0]
        if is_acronym(f.surface):  # "JPL" is not the given name of a "JPL Info"
            unresolved.append(f)
            continue

        def how(root: int) -> str | None:
            r = persons[root]
            if k in r["surnames"]:
                return "surname"
            if any(cl.given_compatible(k, g) for g in r["given"] if len(g) > 1):
                return "given_name"
            return None

        def fits(root: int) -> bool:
            g = persons[root]["gender"]
            return not (f.gender and len(g) == 1 and f.gender not in g)

        in_doc = {root: how(root) for root in roots_in_doc.get(f.doc_id, ())}
        in_doc = {root: h for root, h in in_doc.items() if h and fits(root)}
        rule = None
        if len(in_doc) == 1:
            root, h = next(iter(in_doc.items()))
            rule = (f"{h}_in_doc", 1.0 if h == "surname" else 0.9,
                    f"the {h.replace('_', ' ')} of the only person of the document so named")
        elif len(in_doc) > 1:
            in_p = {root: h for root, h in in_doc.items() if f.passage_id in persons[root]["passages"]}
            if len(in_p) == 1:
                root, h = next(iter(in_p.items()))
                rule = (f"{h}_in_passage", 0.85,
                        f"the {h.replace('_', ' ')} of the only person of the passage so named")
            else:
                ambiguous.add(f.id)
        elif resolve_in_corpus:
            # across documents a surname written the same way, or a transliteration of a
            # surname-shaped word (Sergeeva / Sergeyeva); "Kris" is not "Dennis Kriz" and
            # "Vessel" not "Aleksander Vesel"
            roots = [r for r in by_surname_corpus.get(k, ())
                     if fits(r) and (f.key1 in persons[r]["written"] or surname_shaped(f.surface))]
            if len(roots) == 1:
                root = roots[0]
                rule = ("surname_in_corpus", 0.8,
                        "the surname of the only person of the corpus so named (none in the document)")
        if rule is None or not cl.union(_rep(cl, forms, root), f.id, *rule):
            if f.id not in ambiguous:
                unresolved.append(f)
    # F. unresolved single names: one entity per document and spelling key
    by_doc_key: dict[tuple, list[Form]] = defaultdict(list)
    for f in unresolved:
        by_doc_key[(f.doc_id, f.key2)].append(f)
    for group in by_doc_key.values():
        for g in group[1:]:
            cl.union(group[0].id, g.id, "same_name_in_doc", 1.0,
                     "the same single name, unresolved, within one document")

    return _assemble(forms, form_of, cl, mentions, gazetteer)


def _pinfo() -> dict:
    return {"surnames": set(), "given": set(), "docs": set(), "passages": set(), "gender": set(),
            "written": set()}


def _rep(cl: Clusters, forms: list[Form], root: int) -> int:
    """The form a single name is matched to: the longest name of the cluster."""
    members = cl.members[cl.find(root)]
    return max(members, key=lambda i: (len(forms[i].words), len(forms[i].mentions), -i))


def _assemble(forms, form_of, cl: Clusters, mentions, gazetteer) -> Result:
    clusters: dict[int, list[int]] = defaultdict(list)
    for f in forms:
        clusters[cl.find(f.id)].append(f.id)
    # order clusters by first mention for deterministic ids
    first = {}
    for root, ids in clusters.items():
        ms = [m for i in ids for m in forms[i].mentions]
        if ms:
            first[root] = min(ms)
    adjacency: dict[int, list[tuple[int, str, float, str]]] = defaultdict(list)
    for a, b, rule, score, detail in cl.edges:
        adjacency[a].append((b, rule, score, detail))
        adjacency[b].append((a, rule, score, detail))
    entity_of_form: dict[int, str] = {}
    entities, merges = [], []
    used_ids: set[str] = set()
    for root in sorted(first, key=first.get):
        ids = clusters[root]
        real = [forms[i] for i in ids if not forms[i].virtual]
        virt = [forms[i] for i in ids if forms[i].virtual]
        if virt:
            canon = virt[0]
        else:
            canon = max(real, key=lambda f: (
                len(f.words) if f.label == "PERSON" else 0, _quality(f.surface), not f.inflected, len(f.mentions),
                -min(f.mentions, default=len(mentions)), f.surface))
        label = canon.label
        scoped = all(f.scope for f in real)
        scope = min(f.scope for f in real) if scoped else ""
        eid = _entity_id(label, canon.key2, scope)
        n = 2
        while eid in used_ids:
            eid = f"{_entity_id(label, canon.key2, scope)}-{n}"
            n += 1
        used_ids.add(eid)
        for i in ids:
            entity_of_form[i] = eid
        # the spanning tree of merges, walked from the canonical form
        seen = {canon.id}
        queue = [canon.id]
        rows: dict[tuple, dict] = {}
        if not canon.virtual:
            rows[(canon.surface, "canonical", "")] = {
                "entity_id": eid, "alias": canon.surface, "matched": None, "rule": "canonical",
                "score": 1.0, "n_mentions": len(canon.mentions), "detail": "the canonical name"}
        while queue:
            cur = queue.pop(0)
            for nxt, rule, score, detail in sorted(adjacency.get(cur, []), key=lambda x: x[0]):
                if nxt in seen:
                    continue
                seen.add(nxt)
                queue.append(nxt)
                f = forms[nxt]
                key = (f.surface, rule, forms[cur].surface)
                if key in rows:
                    rows[key]["n_mentions"] += len(f.mentions)
                    continue
                rows[key] = {"entity_id": eid, "alias": f.surface, "matched": forms[cur].surface,
                             "rule": rule, "score": float(score), "n_mentions": len(f.mentions),
                             "detail": detail}
        merges.extend(rows.values())
        alias_counts: Counter = Counter()
        docs: set[str] = set()
        passages: set[str] = set()
        for f in real:
            alias_counts[f.surface] += len(f.mentions)
            for mi in f.mentions:
                docs.add(mentions[mi].doc_id)
                passages.add(mentions[mi].passage_id)
        entities.append({
            # a Russian name only ever written in other cases is named by its nominative
            "entity_id": eid, "name": canon.normal if canon.inflected else canon.surface, "label": label,
            "aliases": [a for a, _ in sorted(alias_counts.items(), key=lambda x: (-x[1], x[0]))],
            "n_mentions": int(sum(alias_counts.values())), "n_docs": len(docs),
            "doc_ids": sorted(docs), "n_passages": len(passages),
            "key": canon.key2, "in_gazetteer": bool(virt),
            "scope": scope or None,
        })
    return Result([entity_of_form[f] for f in form_of], entities, merges)
