"""Readers of document formats: bytes in, extracted text and its provenance out.

Each reader lives in its own module and returns an `Extracted` record
(pipeline/ingest/readers/base.py); `sniff.py` chooses the reader from the
content first and the file extension second.
"""
