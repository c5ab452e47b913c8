"""Image properties of every batch image, for drift over time.

Flow position: rows -> **imageprops** -> RowResult.props -> bins/drift. The
image evaluator reports a property only when its rule fails; drift needs the
whole distribution (is the average brightness creeping down week by week,
long before images fall outside the fitted bounds?). So for image rows the
batch run measures every property with the image engineer's own code
(:func:`firewall_proxy.images.decode.decode_image` and
:func:`firewall_proxy.images.properties.measure`) — the same numbers the rules
are checked on. Pillow and numpy are imported only when an image is measured.
"""

from __future__ import annotations

import math

from firewall_proxy.extract.payload import Payload

__all__ = ["PREFIX", "image_properties"]

PREFIX = "image."


def image_properties(payload: Payload) -> dict[str, float]:
    """``image.<property>`` for the first decodable image of ``payload`` (or nothing)."""
    from firewall_proxy.images.decode import DecodedImage, decode_image
    from firewall_proxy.images.properties import PROPERTY_NAMES, measure

    for part in payload.images:
        if part.data is None:
            continue
        decoded = decode_image(part.data)
        if not isinstance(decoded, DecodedImage):
            continue
        props = measure(decoded)
        out: dict[str, float] = {}
        for name in PROPERTY_NAMES:
            value = props.get(name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if math.isfinite(value):
                out[PREFIX + name] = float(value)
        return out
    return {}
