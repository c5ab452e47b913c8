"""Images generated on the fly (never ImageNet files) and a rules set fitted on them."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image, ImageDraw

from firewall_proxy.images.fitting import fit_rules, measure_bytes
from firewall_proxy.images.rules import RuleSet


def make_photo(seed: int, size: tuple[int, int] = (200, 150)) -> Image.Image:
    """A photo-like RGB image: smooth colour field, sharp shapes, light grain."""
    rng = np.random.default_rng(seed)
    w, h = size
    low = rng.uniform(40, 200, (3, 4, 3)).astype(np.uint8)
    im = Image.fromarray(low, "RGB").resize(size, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(im)
    for _ in range(4):
        x0, y0 = int(rng.integers(0, w - 20)), int(rng.integers(0, h - 20))
        x1, y1 = x0 + int(rng.integers(10, w // 2)), y0 + int(rng.integers(10, h // 2))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        draw.ellipse((x0, y0, x1, y1), fill=colour)
    draw.rectangle((w // 3, h // 3, w // 3 + 12, h // 3 + 12), fill=(250, 250, 250))
    draw.rectangle((w // 2, h // 2, w // 2 + 12, h // 2 + 12), fill=(5, 5, 5))
    arr = np.asarray(im, dtype=np.float32) + rng.normal(0, 2.0, (h, w, 3))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def encode(im: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG" and "quality" not in options:
        options["quality"] = 90
    im.save(buf, fmt, **options)
    return buf.getvalue()


@pytest.fixture(scope="session")
def photo() -> Callable[[int], bytes]:
    return lambda seed: encode(make_photo(seed))


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    rows = []
    for seed in range(40):
        props = measure_bytes(encode(make_photo(seed)))
        assert isinstance(props, dict)
        rows.append(props)
    return fit_rules(rows, [[0.8, 0.1, 0.1], [0.1, 0.85, 0.05]] * 10)
