"""The `ingest` section of params.yaml."""

from __future__ import annotations

from pydantic import Field, field_validator

from pipeline.core.params import Section

DEFAULT_FORMATS = {
    "txt": "txt", "text": "txt",
    "md": "md", "markdown": "md",
    "html": "html", "htm": "html", "xhtml": "html",
}


class IngestParams(Section):
    input_dir: str = Field("seeds", description="folder of input documents, relative to the project")
    formats: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_FORMATS),
        description="file extension -> reader (txt, md or html)",
    )
    max_file_mb: float = Field(50, gt=0, le=4096, description="larger files are rejected")
    max_passage_chars: int = Field(
        4000, ge=200, le=1_000_000, description="longer blocks are cut at line/sentence breaks"
    )
    partition_mb: float = Field(
        4, gt=0, le=4096, description="input megabytes per parallel partition"
    )

    @field_validator("formats")
    @classmethod
    def _known_readers(cls, value: dict[str, str]) -> dict[str, str]:
        bad = {ext: r for ext, r in value.items() if r not in ("txt", "md", "html")}
        if bad:
            raise ValueError(f"unknown reader(s) {bad}; each extension maps to txt, md or html")
        return {ext.lower().lstrip("."): r for ext, r in value.items()}
