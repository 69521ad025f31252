"""Units of chunks and the raw mentions found in them, as Parquet files.

On the Dask runner the model runs on the cluster's workers, which may be other
machines: a unit and its result travel as files in the stage's staging folder
(under the project's data/, which every worker sees), not through the scheduler.
The round trip is exact: the same chunks and mentions come back.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.entities.ner import Chunk, RawMention

CHUNKS = pa.schema([("index", pa.int64()), ("offset", pa.int64()), ("text", pa.string()),
                    ("use_model", pa.bool_())])
MENTIONS = pa.schema([("p", pa.int64()), ("start", pa.int64()), ("end", pa.int64()), ("label", pa.string()),
                      ("gaz", pa.int64())])


def write_chunks(chunks: list[Chunk], path: Path) -> str:
    columns = [[c.index for c in chunks], [c.offset for c in chunks], [c.text for c in chunks],
               [c.use_model for c in chunks]]
    pq.write_table(pa.Table.from_pydict(dict(zip(CHUNKS.names, columns)), schema=CHUNKS), path)
    return str(path)


def read_chunks(path: str) -> list[Chunk]:
    t = pq.read_table(path, schema=CHUNKS).to_pydict()
    return [Chunk(i, o, text, use) for i, o, text, use in zip(t["index"], t["offset"], t["text"], t["use_model"])]


def write_mentions(mentions: list[RawMention], path: Path) -> str:
    columns = [list(col) for col in zip(*mentions)] if mentions else [[] for _ in MENTIONS.names]
    pq.write_table(pa.Table.from_pydict(dict(zip(MENTIONS.names, columns)), schema=MENTIONS), path)
    return str(path)


def read_mentions(path: str) -> list[RawMention]:
    t = pq.read_table(path, schema=MENTIONS).to_pydict()
    return list(zip(t["p"], t["start"], t["end"], t["label"], t["gaz"]))
