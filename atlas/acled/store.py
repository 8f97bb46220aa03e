"""The ACLED layer's files on disk, shared by the importer (which writes them) and the layer (which reads them).

``<data_dir>/acled/`` holds Arrow IPC files (events, sites, words), each named
for the export and the moment it was imported, and ``layer.json``, the manifest
naming the current files and their provenance. Data files are written under
new names first and the manifest is replaced last, atomically, so a reader sees
one whole generation of the layer or the one before it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from geo.files import replacing, write_atomic

LAYER_DIR = "acled"
MANIFEST = "layer.json"
KINDS = ("events", "sites", "words")


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


def write_arrow(table: pa.Table, path: Path) -> None:
    """``table`` as an uncompressed Arrow IPC file, written whole or not at all."""
    with replacing(path) as tmp, pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table.combine_chunks())


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
