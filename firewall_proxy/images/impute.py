"""Image imputation: correct a failing image towards the reference, re-encoded
in the request's own format.

Flow position: rules -> **impute** -> ``Fix`` -> enforcement replaces the
image bytes. Exposure and contrast are moved with one linear tone map
``out = (in - mean) * gain + target_mean`` (per pixel, all channels alike so
hues stay), the mode is converted to RGB, and an image outside the reference
resolution is resized to fit the reference median size.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from firewall_proxy.images.decode import DecodedImage
    from firewall_proxy.images.rules import ImputeTargets

__all__ = ["TONE_RULES", "impute_image"]

TONE_RULES = frozenset(
    {
        "brightness",
        "highlight",
        "shadow",
        "contrast",
        "dynamic_range",
        "clipped",
        "color_clip",
    }
)
_MAX_GAIN = 4.0


def _tone(decoded: DecodedImage, props: dict[str, Any], targets: ImputeTargets) -> Any:
    from PIL import Image

    mean = float(props["brightness"])
    std = max(float(props["contrast"]), 1.0)
    gain = min(_MAX_GAIN, max(1.0 / _MAX_GAIN, targets.contrast / std))
    offset = targets.brightness - mean * gain
    lut = [min(255, max(0, round(v * gain + offset))) for v in range(256)]
    im: Image.Image = decoded.image
    return im.point(lut * 3)


def impute_image(
    decoded: DecodedImage,
    props: dict[str, Any],
    failed_rules: set[str],
    targets: ImputeTargets,
) -> tuple[bytes, list[str]] | None:
    """The corrected image bytes and what was done, or ``None`` if nothing applies."""
    from PIL import Image

    im = decoded.image
    done: list[str] = []
    if failed_rules & TONE_RULES:
        im = _tone(decoded, props, targets)
        done.append("exposure and contrast moved to the reference median")
    if failed_rules & {"min_side", "aspect"}:
        scale = min(targets.width / im.width, targets.height / im.height)
        size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
        if size != im.size:
            im = im.resize(size, Image.Resampling.LANCZOS)
            done.append(f"resized to {size[0]}x{size[1]}")
    if "mode" in failed_rules and decoded.mode != "RGB":
        done.append(f"converted from {decoded.mode} to RGB")
    if "grayscale" in failed_rules:
        # Grey stays grey, but as three channels: what a colour model expects.
        done.append("stored as 3-channel RGB")
    if not done:
        return None
    buf = io.BytesIO()
    fmt = decoded.format if decoded.format in ("JPEG", "PNG", "WEBP", "BMP", "TIFF") else "PNG"
    options: dict[str, Any] = {}
    if fmt == "JPEG":
        options["quality"] = round(decoded.jpeg_quality or 90)
    elif fmt == "WEBP":
        options["quality"] = 90
    im.save(buf, fmt, **options)
    return buf.getvalue(), done
