from __future__ import annotations

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter

from firewall_proxy.images.properties import DESCRIPTOR_SIZE, PROPERTY_NAMES, measure
from tests.images.conftest import make_photo


def test_every_property_is_measured() -> None:
    props = measure(make_photo(1))
    assert set(PROPERTY_NAMES) <= set(props)
    assert len(props["descriptor"]) == DESCRIPTOR_SIZE
    assert props["width"] == 200 and props["height"] == 150 and props["min_side"] == 150
    assert props["jpeg_quality"] is None  # not decoded from a JPEG


def test_properties_move_the_right_way() -> None:
    base = make_photo(2)
    p = measure(base)
    dark = measure(base.point(lambda v: int(v * 0.35)))
    assert dark["brightness"] < 0.5 * p["brightness"]
    assert dark["highlight"] < p["highlight"]
    flat = measure(ImageEnhance.Contrast(base).enhance(0.3))
    assert flat["dynamic_range"] < 0.5 * p["dynamic_range"]
    assert flat["contrast"] < 0.5 * p["contrast"]
    blurred = measure(base.filter(ImageFilter.GaussianBlur(3)))
    assert blurred["sharpness"] < 0.5 * p["sharpness"]
    arr = np.asarray(base, dtype=np.float32)
    noisy_arr = arr + np.random.default_rng(0).normal(0, 25, arr.shape)
    noisy = measure(Image.fromarray(np.clip(noisy_arr, 0, 255).astype(np.uint8)))
    assert noisy["noise"] > 5 * max(p["noise"], 1.0)
    gray = measure(base.convert("L").convert("RGB"))
    assert gray["colorfulness"] < 1.0 < p["colorfulness"]
    bright = measure(base.point(lambda v: min(255, int(v * 2.5))))
    assert bright["clipped"] > p["clipped"]
    assert bright["exposure"][0] > p["exposure"][0]  # share of clipped pixels
