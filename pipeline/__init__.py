"""Reproducible text-analysis pipeline: documents in, cited facts out.

Stages (ingest, dedup, clean, entities, facts, report) are pure functions over
tables wrapped in thin Prefect flows; DVC runs and versions them.
"""

__version__ = "0.1.0"
