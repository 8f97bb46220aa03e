"""The ACLED layer's files on disk, shared by the importer (which writes them) and the layer (which reads them).

``<data_dir>/acled/`` holds Arrow IPC files (events, notes, sites, words), each named
for the export and the moment it was imported, and ``layer.json``, the manifest
naming the current files and their provenance. Data files are written under
new names first and the manifest is replaced last, atomically, so a reader sees
one whole generation of the layer or the one before it.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa

from geo.files import replacing, write_atomic

LAYER_DIR = "acled"
MANIFEST = "layer.json"
KINDS = ("events", "notes", "sites", "words")
OPTIONAL = {"notes"}  # a layer imported before the notes had their own file keeps them in its events file


def layer_dir(data_dir: Path) -> Path:
    return Path(data_dir) / LAYER_DIR


def read_manifest(data_dir: Path) -> dict | None:
    """The current manifest, or None when no layer was imported (raises OSError, ValueError if unreadable)."""
    path = layer_dir(data_dir) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def write_manifest(data_dir: Path, manifest: dict) -> None:
    write_atomic(layer_dir(data_dir) / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def write_arrow(table: pa.Table, path: Path, *, one_batch: bool = True) -> None:
    """``table`` as an uncompressed Arrow IPC file, written whole or not at all: as one record batch (so a
    column reads back as one array, numeric ones without a copy), or, with ``one_batch=False``, a batch per
    chunk, never joining them in memory."""
    with replacing(path) as tmp, pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table.combine_chunks() if one_batch else table)


def take_rows(column: pa.ChunkedArray, rows: np.ndarray) -> pa.Array:
    """``column[rows]``, taken chunk by chunk: ``ChunkedArray.take`` joins every chunk first, a copy of the
    whole column (the notes of a million events) for any number of rows."""
    rows = np.asarray(rows, dtype=np.int64)
    starts = np.cumsum([0] + [len(chunk) for chunk in column.chunks])
    chunk_of = np.searchsorted(starts, rows, "right") - 1
    order = np.argsort(chunk_of, kind="stable")
    bounds = np.searchsorted(chunk_of[order], np.arange(len(starts)))
    pieces = [column.chunk(k).take(pa.array(rows[order[bounds[k]:bounds[k + 1]]] - starts[k]))
              for k in range(column.num_chunks) if bounds[k + 1] > bounds[k]]
    if not pieces:
        return pa.array([], type=column.type)
    back = np.empty(len(rows), dtype=np.int64)
    back[order] = np.arange(len(rows))
    return pa.concat_arrays(pieces).take(pa.array(back))


def read_arrow(path: Path) -> pa.Table:
    """A stored layer file, memory-mapped (nothing is copied until used)."""
    return pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all()


def remove_stale(data_dir: Path, keep: set[str]) -> None:
    """Drop earlier generations of the layer's files, once the manifest no longer names them."""
    for item in layer_dir(data_dir).iterdir():
        stale = item.suffix == ".arrow" and item.name.startswith(tuple(f"{kind}-" for kind in KINDS))
        torn = item.name.startswith(".") and item.name.endswith(".tmp")  # left by a killed import
        if (stale or torn) and item.name not in keep:
            item.unlink(missing_ok=True)
