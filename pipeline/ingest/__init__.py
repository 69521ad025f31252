"""Ingest: files under the input folder -> documents, passages, rejected inputs."""
