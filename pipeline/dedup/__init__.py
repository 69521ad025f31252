"""Dedup: find every repeated passage, exact or near, within and across documents."""
