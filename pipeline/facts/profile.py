"""The corpus profile: what one corpus needs the facts stage to know, kept with its documents.

The defaults (params.yaml, else lexicons/en.yaml) serve any news-like text. A corpus's
own places and local words (local names of offices, slang for its money, the spellings
of its towns) live in ``corpus.yaml`` at the top of its input folder (`facts.profile`), so they travel with
the documents and never leak into another corpus. Ingest does not read it as a
document; `dvc repro` re-runs the facts stage when it changes (the input folder is a
dependency of the stage).

    # seeds/corpus.yaml
    facts:
      places: {Springfield: [Springfeld, Sprinfield]}  # canonical name -> other spellings
      measures: {money: [quid]}                        # added to the default cue lists
      measure_exclude: [let me die]

Every list there is added to the default list of the same key, every mapping of lists
merged key by key (new keys after the default ones), so a profile only extends the
defaults; to replace a default, set the key in params.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from pipeline.facts.params import FactsParams

# lexicon keys a profile may extend (lists, or mappings of lists or of strings)
EXTENDABLE = ("places", "measures", "measure_exclude", "predicates", "attribution", "reporting", "kinds",
              "kind_exclude", "measure_kinds", "harm_causes", "same_day_kinds", "place_measures")


class ProfileError(ValueError):
    """corpus.yaml is wrong; the message names the key."""


def load_profile(path: Path) -> dict[str, Any]:
    """The `facts` section of a corpus profile ({} when the file does not exist)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or set(data) - {"facts"}:
        raise ProfileError(f"{path}: a corpus profile has one section, 'facts' (found: {sorted(data)})")
    facts = data.get("facts") or {}
    unknown = sorted(set(facts) - set(EXTENDABLE)) if isinstance(facts, dict) else ["(not a mapping)"]
    if unknown:
        raise ProfileError(f"{path}: facts.{unknown[0]} cannot be set in a corpus profile; "
                           f"allowed keys: {', '.join(EXTENDABLE)}")
    return facts


def with_profile(params: FactsParams, profile: dict[str, Any], source: str = "corpus.yaml") -> FactsParams:
    """`params` with the profile's lists added to its own."""
    if not profile:
        return params
    merged = params.model_dump()
    for key, extra in profile.items():
        merged[key] = _extend(merged[key], extra, f"facts.{key}", source)
    try:
        return FactsParams.model_validate(merged)
    except ValidationError as exc:
        raise ProfileError(f"{source}: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from exc


def _extend(base, extra, where: str, source: str):
    if isinstance(base, list):
        if not isinstance(extra, list):
            raise ProfileError(f"{source}: {where} must be a list")
        return base + [x for x in extra if x not in base]
    if isinstance(base, dict):
        if not isinstance(extra, dict):
            raise ProfileError(f"{source}: {where} must be a mapping")
        out = dict(base)
        for k, v in extra.items():
            out[k] = _extend(base[k], v, f"{where}.{k}", source) if k in base and isinstance(base[k], list) else v
        return out
    raise ProfileError(f"{source}: {where} cannot be extended")


def profile_params(params: FactsParams, root: Path) -> FactsParams:
    """`params` with the corpus profile the params name (facts.profile), if there is one."""
    if not params.profile:
        return params
    path = Path(root) / params.profile
    return with_profile(params, load_profile(path), str(path))
