"""Reading batch inputs lazily: JSONL, CSV, JSON lists, image folders and event exports.

Flow position: **sources** -> rows (payload + labels) -> evaluation -> metrics
-> report. Every reader is a generator that yields one :class:`Record` at a
time, so a 100k-row file is never held in memory (a JSON *list* file is the
one exception: JSON has no streaming form in the standard library, so a list
is parsed whole; use JSON Lines for big data sets).

A record is either a data row to evaluate, a row that could not be read
(``error`` set, reported in the verdicts file in input order), or an
*event* from ``firewall-proxy events export``: a decision already taken by
a running firewall, which is counted as recorded instead of re-evaluated
(its prompt is only kept as a redacted excerpt).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import orjson

__all__ = [
    "IMAGE_SUFFIXES",
    "Record",
    "SourceKind",
    "count_records",
    "detect_kind",
    "is_event_row",
    "iter_csv",
    "iter_images",
    "iter_json",
    "iter_jsonl",
    "iter_source",
]

SourceKind = Literal["jsonl", "csv", "json", "images"]
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif", ".tif", ".tiff"})
# An exported event always carries these (Event.to_dict(), and the CSV export's header).
_EVENT_KEYS = frozenset({"id", "time", "action", "categories", "mode"})


@dataclass(slots=True)
class Record:
    """One input row. ``line`` is the 1-based line (JSONL/CSV data line), list
    index (JSON) or file index (image folder) within ``source``."""

    source: str
    line: int
    row: dict[str, Any] | None = None
    error: str | None = None
    event: bool = False


def is_event_row(row: dict[str, Any]) -> bool:
    return row.keys() >= _EVENT_KEYS


def detect_kind(path: str | Path) -> SourceKind:
    """The reader for ``path``: by folder, by suffix, else by the first character."""
    p = Path(path)
    if p.is_dir():
        return "images"
    suffix = p.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    with open(p, "rb") as fh:
        head = fh.read(4096).lstrip()
    if suffix == ".json" and head.startswith(b"["):
        return "json"
    return "jsonl"


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield (line number, row or None, error or None) for each non-empty line."""
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                msg = str(exc).split(":", 1)[0]
                yield n, None, f"line {n}: not valid JSON ({msg})"
                continue
            if not isinstance(row, dict):
                yield n, None, f"line {n}: a row must be a JSON object"
                continue
            yield n, row, None


def iter_json(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """A JSON file holding a list of row objects (item numbers start at 1)."""
    try:
        with open(path, "rb") as fh:
            doc = orjson.loads(fh.read())
    except orjson.JSONDecodeError as exc:
        yield 1, None, f"not valid JSON ({exc})"
        return
    if isinstance(doc, dict):
        doc = [doc]
    if not isinstance(doc, list):
        yield 1, None, "a JSON data file must hold a list of objects"
        return
    for n, row in enumerate(doc, 1):
        if isinstance(row, dict):
            yield n, row, None
        else:
            yield n, None, f"item {n}: a row must be a JSON object"


def _csv_field_limit() -> None:
    # Prompts and base64 images are longer than the csv module's 128 KiB default.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


def iter_csv(
    path: str | Path, delimiter: str | None = None
) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """CSV (or TSV) with a header line; rows are numbered by data line from 1."""
    _csv_field_limit()
    sep = delimiter or ("\t" if str(path).lower().endswith(".tsv") else ",")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=sep)
        n = 0
        while True:
            try:
                raw = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                n += 1
                yield n, None, f"row {n}: {exc}"
                continue
            n += 1
            if None in raw:
                yield n, None, f"row {n}: more fields than the header has columns"
                continue
            row = {k: v for k, v in raw.items() if v is not None}
            if is_event_row(row):
                row = _event_from_csv(row)
            yield n, row, None


def _event_from_csv(row: dict[str, Any]) -> dict[str, Any]:
    """An exported CSV event row back into :meth:`Event.to_dict` shape."""
    cats: dict[str, float] = {}
    for item in str(row.get("categories", "")).split(";"):
        name, _, score = item.partition("=")
        if name.strip():
            try:
                cats[name.strip()] = float(score)
            except ValueError:
                cats[name.strip()] = 1.0
    out = dict(row)
    out["categories"] = cats
    out["time"] = _csv_time(str(row.get("time", "")))
    # The CSV export escapes cells that a spreadsheet would run as formulas.
    for key in ("excerpt", "explanation"):
        value = str(out.get(key, ""))
        out[key] = value[1:] if value[:2] in ("'=", "'+", "'-", "'@") else value
    try:
        out["latency_ms"] = float(row.get("latency_ms") or 0.0)
    except ValueError:
        out["latency_ms"] = 0.0
    return out


def _csv_time(value: str) -> float | str:
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return value


def iter_images(root: str | Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Every image under ``root`` in sorted path order, as a datapoint row.

    An image inside a sub-folder gets that folder's name as its ``label``
    (``data/clean/a.jpg`` -> ``clean``), so a folder per class labels a set.
    """
    base = Path(root)
    files = sorted(p for p in base.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
    for n, p in enumerate(files, 1):
        row: dict[str, Any] = {"image_path": str(p)}
        rel = p.relative_to(base)
        if len(rel.parts) > 1:
            row["label"] = rel.parts[0]
        yield n, row, None


def iter_source(
    path: str | Path, kind: SourceKind | None = None, delimiter: str | None = None
) -> Iterator[Record]:
    """Records of one ``--data`` path; event export rows are marked as events."""
    kind = kind or detect_kind(path)
    name = str(path)
    if kind == "images":
        rows = iter_images(path)
    elif kind == "csv":
        rows = iter_csv(path, delimiter)
    elif kind == "json":
        rows = iter_json(path)
    else:
        rows = iter_jsonl(path)
    for n, row, error in rows:
        if row is None:
            yield Record(name, n, None, error)
        else:
            yield Record(name, n, row, None, is_event_row(row))


def count_records(path: str | Path, kind: SourceKind | None = None) -> int:
    """How many records :func:`iter_source` will yield (for the progress bar's ETA)."""
    kind = kind or detect_kind(path)
    if kind == "images":
        return sum(
            1 for p in Path(path).rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES
        )
    if kind == "json":
        with open(path, "rb") as fh:
            try:
                doc = json.load(fh)
            except ValueError:
                return 1
        return len(doc) if isinstance(doc, list) else 1
    with open(path, "rb") as fh:
        lines = sum(1 for line in fh if line.strip())
    # CSV: the header is not a row (quoted newlines make this an estimate).
    return max(0, lines - 1) if kind == "csv" else lines
