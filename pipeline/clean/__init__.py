"""Clean: repaired text, an edit log, offsets back to the raw text, language, sentences."""
