"""Mild synthetic corruptions of reference images, used while fitting.

Flow position: offline, inside ``firewall-proxy fit images``. A rules file
has a small false-flag budget; to decide which bounds deserve it, the fit
measures mildly corrupted copies of some reference images (exposure, contrast,
blur, grain, heavy compression, each re-encoded as JPEG like real uploads)
and tightens the bounds that catch the most of them per reference image
flagged. The corruptions are deliberately milder than the ones the benchmark
reports, so the rules are not fitted to the test.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

__all__ = ["SYNTHETIC_KINDS", "corrupted_measurements"]

SYNTHETIC_KINDS: tuple[str, ...] = (
    "brighten",
    "darken",
    "low_contrast",
    "blur",
    "grain",
    "compress",
)


def _variants(data: bytes, seed: int) -> list[bytes]:
    import numpy as np
    from PIL import Image, ImageEnhance, ImageFilter

    from firewall_proxy.images.decode import DecodedImage, decode_image

    decoded = decode_image(data)
    if not isinstance(decoded, DecodedImage):
        return []
    im = decoded.image
    quality = round(decoded.jpeg_quality or 90)
    rng = np.random.default_rng(seed)

    def jpeg(img: Image.Image, q: int = quality) -> bytes:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=q)
        return buf.getvalue()

    arr = np.asarray(im, dtype=np.float32)
    grain = np.clip(arr + rng.normal(0.0, 15.0, arr.shape), 0, 255).round().astype(np.uint8)
    return [
        jpeg(im.point(lambda v: min(255, int(v * 1.8)))),
        jpeg(im.point(lambda v: int(v * 0.5))),
        jpeg(ImageEnhance.Contrast(im).enhance(0.5)),
        jpeg(im.filter(ImageFilter.GaussianBlur(2))),
        jpeg(Image.fromarray(grain)),
        jpeg(im, 12),
    ]


def corrupted_measurements(path: str) -> list[dict[str, Any]]:
    """Properties of each synthetic corruption of the image at ``path``."""
    from firewall_proxy.images.reference import measure_bytes

    try:
        data = Path(path).read_bytes()
    except OSError:
        return []
    seed = sum(data[:64]) + len(data)
    out = []
    variants = _variants(data, seed)
    if len(variants) != len(SYNTHETIC_KINDS):  # undecodable reference: skipped
        return []
    for kind, variant in zip(SYNTHETIC_KINDS, variants, strict=True):
        props = measure_bytes(variant)
        if isinstance(props, dict):
            props["synthetic"] = kind
            out.append(props)
    return out
