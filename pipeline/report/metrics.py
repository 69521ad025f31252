"""What goes into reports/metrics.json, and what goes into the detail table.

`dvc metrics show/diff` prints every key of metrics.json, so it holds only a
fixed set of headline figures, grouped by stage, whatever the corpus: no key
names a document, a rule or a label, so the file does not grow with the pile
and a diff between two versions reads as a summary. Everything the sections
count (per rule, per label, per language, ...) goes to
reports/tables/metrics-detail.csv, one row per figure.
"""

from __future__ import annotations

import pandas as pd

# stage -> the section metrics shown as headline figures, in the order printed.
# Keys are short on purpose: `dvc metrics diff` prints path, key and three values on one line.
HEADLINE: dict[str, tuple[str, ...]] = {
    "ingest": ("documents", "rejected", "passages", "characters"),
    "dedup": ("repeated_share", "clusters", "passages_in_clusters", "exact_repeats_skipped"),
    "clean": ("passages_edited", "edits", "furniture_lines", "boilerplate_passages", "sentences"),
    "entities": ("mentions", "entities", "merges", "merges_inexact"),
    "facts": ("quantities", "claims", "independent_claims", "events", "contested", "uncertain_numbers",
              "timeline_dates"),
    "report": ("citations",),
}
MAX_KEYS = 30
assert sum(map(len, HEADLINE.values())) <= MAX_KEYS


def headline(metrics: dict) -> dict:
    """{stage: {key: number}} of the headline figures present in the sections' metrics."""
    out: dict = {}
    for stage, keys in HEADLINE.items():
        values = {k: metrics[stage][k] for k in keys if k in metrics.get(stage, {})}
        if values:
            out[stage] = values
    return out


def _flat(prefix: str, value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flat(f"{prefix}.{key}", inner)
    elif isinstance(value, (list, tuple)):
        yield prefix, "; ".join(map(str, value))
    else:
        yield prefix, value


def detail(metrics: dict) -> pd.DataFrame:
    """Every figure the sections counted, one row each: stage, metric (dotted), value."""
    rows = [(stage, key.partition(".")[2], str(value))
            for stage in sorted(metrics) for key, value in _flat(stage, metrics[stage])]
    return pd.DataFrame(rows, columns=["stage", "metric", "value"])
