"""Measuring an image: the properties the profile checks, in a few milliseconds.

Flow position: decode -> **properties** -> profile checks / impute. Everything
is computed from one luminance plane at full resolution (blur and noise live
in the finest scale; draft-decoding at half size loses them) and one colour
plane box-reduced 4x. Histograms replace sorting wherever a
percentile is needed, so the cost is a handful of vectorised passes.

Properties (all floats, names are the rule names of a rules file):

- ``brightness`` mean luminance 0..255; ``highlight`` the 99.5th percentile
  level (a darkened photo has no bright pixels left); ``shadow`` the 0.5th.
- ``contrast`` luminance standard deviation; ``dynamic_range`` p99 - p1.
- ``saturation`` mean HSV saturation; ``colorfulness`` mean channel spread
  (near 0 for grayscale stored as RGB).
- ``sharpness`` strongest edges relative to the brightness range (blur).
- ``noise`` the residual of a Laplacian in the *flattest* 8x8 block: real
  photos always have some smooth area, added noise covers every area and
  survives JPEG re-encoding there.
- ``blockiness`` edge strength on the 8-pixel JPEG grid relative to elsewhere,
  ``jpeg_quality`` the quality the quantisation tables were made with.
- ``clipped`` share of pixels at the top; ``color_clip`` share of pixels with
  one channel clipped but not all (an exposure boost saturates colours,
  a naturally over-exposed sky is white).
- ``width``, ``height``, ``min_side``, ``aspect``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from PIL.Image import Image as PILImage

    from firewall_proxy.images.decode import DecodedImage

__all__ = ["DESCRIPTOR_SIZE", "PROPERTY_NAMES", "measure"]

PROPERTY_NAMES: tuple[str, ...] = (
    "brightness",
    "highlight",
    "shadow",
    "contrast",
    "dynamic_range",
    "saturation",
    "colorfulness",
    "sharpness",
    "noise",
    "blockiness",
    "clipped",
    "color_clip",
    "width",
    "height",
    "min_side",
    "aspect",
    "jpeg_quality",
)
DESCRIPTOR_SIZE = 17
_BLOCK = 8


def _percentiles(hist: NDArray[Any], qs: tuple[float, ...]) -> list[float]:
    import numpy as np

    cdf = np.cumsum(hist)
    total = float(cdf[-1]) or 1.0
    return [float(np.searchsorted(cdf, q * total, side="left")) for q in qs]


def _noise(lum: NDArray[Any]) -> tuple[float, float]:
    """(flattest-block residual, median-block residual) of a 4-neighbour Laplacian."""
    import numpy as np

    h, w = lum.shape
    if h < 3 or w < 3:
        return 0.0, 0.0
    x = lum.astype(np.int16)
    # Second differences along both axes: smooth gradients cancel, grain stays.
    lap = np.abs(4 * x[1:-1, 1:-1] - x[:-2, 1:-1] - x[2:, 1:-1] - x[1:-1, :-2] - x[1:-1, 2:])
    bh, bw = (h - 2) // _BLOCK, (w - 2) // _BLOCK
    if bh == 0 or bw == 0:
        value = float(lap.mean())
        return value, value
    # Two single-axis sums: several times faster than one sum over axes (1, 3).
    rows = lap[: bh * _BLOCK, : bw * _BLOCK].reshape(bh, _BLOCK, bw * _BLOCK)
    means = rows.sum(axis=1, dtype=np.int32).reshape(bh, bw, _BLOCK).sum(axis=2).ravel()
    scale = 1.0 / (_BLOCK * _BLOCK)
    return float(means.min()) * scale, float(np.median(means)) * scale


def _edges(lum: NDArray[Any], dynamic_range: float) -> tuple[float, float, float]:
    """(sharpness, edge density, blockiness) from horizontal/vertical differences."""
    import numpy as np
    from PIL import Image

    h, w = lum.shape
    if w < 2 or h < 2:
        return 0.0, 0.0, 1.0
    # |a - b| in uint8 without widening: max(a, b) - min(a, b).
    left, right = lum[:, :-1], lum[:, 1:]
    gx = np.maximum(left, right) - np.minimum(left, right)
    top, bottom = lum[:-1, :], lum[1:, :]
    gy = np.maximum(top, bottom) - np.minimum(top, bottom)
    # Pillow's histogram is several times faster than np.bincount here.
    hist = np.asarray(Image.fromarray(gx).histogram(), dtype=np.float64) + np.asarray(
        Image.fromarray(gy).histogram()
    )
    p999 = _percentiles(hist, (0.999,))[0]
    total = float(hist.sum()) or 1.0
    edge_density = float(hist[24:].sum()) / total
    # JPEG blocks: differences across column 8k-1 | 8k against all columns.
    col = gx.sum(axis=0, dtype=np.uint32)
    blockiness = 1.0
    if col.size >= 16:
        grid = float(col[7::8].mean())
        blockiness = grid / max(float(col.mean()), 1e-3 * h)
    return p999 / max(dynamic_range, 16.0), edge_density, blockiness


def _colour(small: PILImage) -> tuple[float, float, float, NDArray[Any]]:
    """(saturation, colorfulness, color_clip, HSV sample) of a reduced copy."""
    import numpy as np

    hsv = np.asarray(small.convert("HSV"), dtype=np.float32).reshape(-1, 3)
    sat, val = hsv[:, 1], hsv[:, 2]
    spread = sat * val * (1.0 / 255.0)  # = max - min of the RGB channels
    saturation = float(sat.mean()) / 255.0
    colorfulness = float(spread.mean())
    color_clip = float(((val >= 254.0) & (val - spread < 235.0)).mean())
    return saturation, colorfulness, color_clip, hsv


def _exposure(small: PILImage, hist: NDArray[Any], saturation: float) -> list[float]:
    """Inputs of the exposure-boost detector: how and where the image clips.

    A photo brightened after capture clips wherever *any* channel was above
    a mid-tone, so its clipped area is fragmented, often coloured, and
    reaches into regions with texture; a naturally bright photo clips in
    compact white areas (sky, studio backgrounds).
    """
    import numpy as np

    rgb = np.asarray(small)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    # Per-channel planes: reductions over a length-3 last axis are slow in numpy.
    n_top = (r >= 250).view(np.uint8) + (g >= 250).view(np.uint8) + (b >= 250).view(np.uint8)
    mn = np.minimum(np.minimum(r, g), b)
    clip = n_top > 0
    edges = (
        np.count_nonzero(clip[:, 1:] != clip[:, :-1])
        + np.count_nonzero(clip[1:, :] != clip[:-1, :])
    ) / max(1, clip.size)
    lum = np.asarray(small.convert("L"))
    total = float(hist.sum()) or 1.0
    cdf = np.cumsum(hist) / total
    levels = [float(np.searchsorted(cdf, q)) / 255.0 for q in (0.005, 0.05, 0.5, 0.95)]
    mid = float(hist[100:225].sum()) / total
    size = float(max(1, clip.size))
    counts = [
        np.count_nonzero(clip),
        np.count_nonzero(mn >= 250),
        np.count_nonzero(clip & (mn < 235)),
        np.count_nonzero(clip & (mn < 150)),
    ]
    tail = [
        np.count_nonzero(n_top == 1),
        np.count_nonzero(n_top == 2),
        np.count_nonzero(clip & (lum < 200)),
    ]
    return [
        *(float(c) / size for c in counts),
        float(edges),
        float(hist[225:250].sum()) / total / (mid + 1e-3),
        *levels,
        saturation,
        *(float(c) / size for c in tail),
    ]


def _descriptor(small_rgb: PILImage, hist: NDArray[Any], extra: list[float]) -> list[float]:
    """A compact colour + texture signature (``DESCRIPTOR_SIZE`` numbers)."""
    import numpy as np

    rgb = np.asarray(small_rgb)
    planes = [rgb[..., c].astype(np.float32) for c in range(3)]
    means = [float(p.mean()) / 255.0 for p in planes]
    stds = [float(p.std()) / 128.0 for p in planes]
    coarse = hist.reshape(8, 32).sum(axis=1) / max(1.0, float(hist.sum()))
    return [float(v) for v in (*means, *stds, *np.sqrt(coarse).tolist(), *extra)]


def measure(decoded: DecodedImage | PILImage) -> dict[str, Any]:
    """Every property of an image, plus its ``descriptor`` list, as one dict."""
    import numpy as np

    from firewall_proxy.images.decode import DecodedImage

    if isinstance(decoded, DecodedImage):
        im = decoded.image
        width, height, quality = decoded.width, decoded.height, decoded.jpeg_quality
    else:
        im = decoded.convert("RGB") if decoded.mode != "RGB" else decoded
        (width, height), quality = im.size, None
    lum_im = im.convert("L")
    lum = np.asarray(lum_im)
    hist = np.asarray(lum_im.histogram(), dtype=np.float64)
    levels = np.arange(256, dtype=np.float64)
    total = float(hist.sum()) or 1.0
    mean = float((hist * levels).sum()) / total
    var = float((hist * (levels - mean) ** 2).sum()) / total
    p005, p01, p99, p995 = _percentiles(hist, (0.005, 0.01, 0.99, 0.995))
    dynamic_range = p99 - p01
    sharpness, edge_density, blockiness = _edges(lum, dynamic_range)
    noise, texture = _noise(lum)
    # Colour statistics do not need every pixel: a 4x box-reduced copy keeps
    # them within noise and costs a sixteenth.
    small = im.reduce(4) if min(im.size) >= 16 else im
    saturation, colorfulness, color_clip, _ = _colour(small)
    props: dict[str, Any] = {
        "brightness": mean,
        "highlight": p995,
        "shadow": p005,
        "contrast": var**0.5,
        "dynamic_range": dynamic_range,
        "saturation": saturation,
        "colorfulness": colorfulness,
        "sharpness": sharpness,
        "noise": noise,
        "blockiness": blockiness,
        "clipped": float(hist[250:].sum()) / total,
        "color_clip": color_clip,
        "width": float(width),
        "height": float(height),
        "min_side": float(min(width, height)),
        "aspect": float(width) / float(max(1, height)),
        "jpeg_quality": quality,
    }
    props["exposure"] = _exposure(small, hist, saturation)
    props["descriptor"] = _descriptor(
        small, hist, [edge_density, float(np.log1p(noise)), float(np.log1p(texture))]
    )
    return props
