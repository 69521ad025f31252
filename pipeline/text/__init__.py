"""Text utilities shared by several stages (dates, normalisation)."""
