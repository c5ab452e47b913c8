"""Reading and measuring a directory of reference images, in parallel.

Flow position: the first step of ``firewall-proxy fit images`` (offline).
Files are listed in sorted order and measured by a process pool whose results
come back in input order, so the fit is deterministic whatever the workers.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from firewall_proxy.images.rules import ImageLimits

__all__ = ["IMAGE_SUFFIXES", "list_images", "measure_bytes", "measure_files", "measure_synthetic"]

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif", ".tif", ".tiff"})


def list_images(directory: str | Path) -> list[Path]:
    """Image files under ``directory`` (recursive), sorted for a deterministic fit."""
    root = Path(directory)
    return sorted(
        (p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES),
        key=lambda p: p.relative_to(root).as_posix(),
    )


def measure_bytes(data: bytes, limits: ImageLimits | None = None) -> dict[str, Any] | str:
    """Properties of one encoded image, or the reason it cannot be decoded."""
    from firewall_proxy.images.decode import DecodeLimits, DecodeProblem, decode_image
    from firewall_proxy.images.properties import measure

    lim = limits or ImageLimits()
    decoded = decode_image(
        data,
        DecodeLimits(lim.max_bytes, lim.max_pixels, frozenset(lim.formats), lim.allow_animated),
    )
    if isinstance(decoded, DecodeProblem):
        return decoded.message
    props = measure(decoded)
    props["format"] = decoded.format
    props["mode"] = decoded.mode
    return props


def _measure_path(path: str) -> dict[str, Any] | str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return f"cannot read: {exc.strerror}"
    return measure_bytes(data)


def measure_files(
    paths: Sequence[Path],
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any] | str]:
    """Measure ``paths`` in parallel; results come back in input order."""
    jobs = [str(p) for p in paths]
    n = workers if workers is not None else min(4, os.cpu_count() or 1)
    out: list[dict[str, Any] | str] = []
    if n <= 1 or len(jobs) < 8:
        for job in jobs:
            out.append(_measure_path(job))
            if progress:
                progress(1)
        return out
    with ProcessPoolExecutor(max_workers=n) as pool:
        for result in pool.map(_measure_path, jobs, chunksize=8):
            out.append(result)
            if progress:
                progress(1)
    return out


def measure_synthetic(
    paths: Sequence[Path],
    *,
    limit: int = 40,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Measurements of synthetic corruptions of up to ``limit`` evenly spaced ``paths``."""
    from firewall_proxy.images.synthetic import corrupted_measurements

    step = max(1, math.ceil(len(paths) / limit))
    jobs = [str(p) for p in paths[::step]]
    n = workers if workers is not None else min(4, os.cpu_count() or 1)
    out: list[dict[str, Any]] = []
    if n <= 1 or len(jobs) < 8:
        results: Iterable[list[dict[str, Any]]] = map(corrupted_measurements, jobs)
        for result in results:
            out.extend(result)
            if progress:
                progress(1)
        return out
    with ProcessPoolExecutor(max_workers=n) as pool:
        for result in pool.map(corrupted_measurements, jobs, chunksize=4):
            out.extend(result)
            if progress:
                progress(1)
    return out
