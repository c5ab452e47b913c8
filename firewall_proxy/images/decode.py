"""Safe image decoding: the first thing the image evaluator does with a request's bytes.

Flow position: extract (bytes from the transport) -> **decode** -> properties ->
profile checks. Every limit that protects the process is checked *before*
pixels are decoded: the byte size, the format allowlist (from the header
only), the pixel count from the header (decompression bombs), and the frame
count (animations). Decoding failures (truncated, corrupt, unknown bytes) are
returned as a :class:`DecodeProblem` — a finding waiting to happen — never
raised, so a hostile file cannot turn into a 500.

Unusual but valid inputs are normalised and reported in
:attr:`DecodedImage.notes`: EXIF orientation is applied, CMYK / palette /
16-bit / alpha images are converted to 8-bit RGB (alpha composited over
white), so every later step sees one pixel layout.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

__all__ = [
    "DEFAULT_FORMATS",
    "DecodeLimits",
    "DecodeProblem",
    "DecodedImage",
    "decode_image",
    "estimate_jpeg_quality",
]

DEFAULT_FORMATS: frozenset[str] = frozenset({"JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"})

# The IJG base luminance table's mean; libjpeg scales it linearly with quality.
_IJG_LUMA_MEAN = 57.625
# Largest side decoded at full resolution; bigger JPEGs use the DCT-domain
# draft mode so a 50-megapixel photo costs about as much as a normal one.
_FULL_RES_SIDE = 1600
_ORIENTATION = 0x0112


@dataclass(frozen=True, slots=True)
class DecodeLimits:
    """What the decoder accepts. Checked before any pixel is decoded."""

    max_bytes: int = 20 * 1024 * 1024
    max_pixels: int = 40_000_000
    formats: frozenset[str] = DEFAULT_FORMATS
    allow_animated: bool = False


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    """Why an input could not be decoded: ``category`` is the finding category."""

    category: Literal["corrupt", "malformed", "oversize"]
    rule: str
    message: str
    value: float | str | None = None
    expected: list[Any] | None = None


@dataclass(slots=True)
class DecodedImage:
    """An 8-bit RGB image plus the facts about its encoding the checks need.

    ``width``/``height`` are the encoded size after EXIF orientation (the
    ``image`` may be smaller when a huge JPEG was draft-decoded).
    """

    image: PILImage
    format: str
    mode: str
    width: int
    height: int
    jpeg_quality: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def media_type(self) -> str:
        return "image/" + ("jpeg" if self.format == "JPEG" else self.format.lower())


def estimate_jpeg_quality(luma_table: list[int] | tuple[int, ...]) -> float:
    """The libjpeg quality (1..100) whose luminance table matches ``luma_table`` best."""
    mean = sum(luma_table) / max(1, len(luma_table))
    scale = 100.0 * mean / _IJG_LUMA_MEAN
    quality = 5000.0 / scale if scale > 100.0 else (200.0 - scale) / 2.0
    return float(min(100.0, max(1.0, quality)))


def _open(data: bytes, limits: DecodeLimits) -> PILImage | DecodeProblem:
    from PIL import Image, UnidentifiedImageError

    if not data:
        return DecodeProblem("malformed", "empty", "the image is empty (0 bytes)", 0)
    if len(data) > limits.max_bytes:
        return DecodeProblem(
            "oversize",
            "bytes",
            f"the image is {len(data)} bytes; the limit is {limits.max_bytes}",
            len(data),
            [0, limits.max_bytes],
        )
    try:
        with warnings.catch_warnings():
            # Our own pixel limit below is the one that applies; Pillow's
            # process-wide one only warns at a different size.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # The warning arrives as an exception where warnings are errors (pytest, -W error,
        # or another thread's filters: catch_warnings is process-wide): the same verdict.
        return DecodeProblem("oversize", "pixels", "the image header declares too many pixels")
    except UnidentifiedImageError:
        return DecodeProblem("corrupt", "decode", "the bytes are not a recognisable image")
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return DecodeProblem("corrupt", "decode", f"the image header is corrupt ({exc})")
    except Exception as exc:  # anything else Pillow raises: see _unexpected
        return _unexpected(exc)
    fmt = im.format or ""
    if fmt not in limits.formats:
        allowed = sorted(limits.formats)
        return DecodeProblem(
            "malformed",
            "format",
            f"image format {fmt or 'unknown'} is not allowed (allowed: {', '.join(allowed)})",
            fmt,
            allowed,
        )
    width, height = im.size
    if width <= 0 or height <= 0:
        return DecodeProblem("corrupt", "decode", "the image header declares an empty size")
    if width * height > limits.max_pixels:
        return DecodeProblem(
            "oversize",
            "pixels",
            f"the image is {width}x{height} = {width * height} pixels; "
            f"the limit is {limits.max_pixels}",
            width * height,
            [0, limits.max_pixels],
        )
    return im


def _unexpected(exc: Exception) -> DecodeProblem:
    """Any other exception out of Pillow's parsers (``struct.error``, ``KeyError`` from a
    TIFF tag, ``ZeroDivisionError`` from a zero in a header, ``MemoryError`` ...) means
    the bytes are hostile or broken: a ``corrupt`` finding the policy acts on. Left to
    the evaluator chain it would be an *undecided* result, which a fail-open policy
    forwards, with the image never checked."""
    return DecodeProblem(
        "corrupt", "decode", f"the image cannot be decoded ({type(exc).__name__}: {exc})"
    )


def _frames(im: PILImage) -> int:
    # A frame that cannot even be counted is never decoded: only the first one is.
    try:
        return int(getattr(im, "n_frames", 1))
    except Exception:
        return 1


def _to_rgb(im: PILImage, notes: list[str]) -> PILImage:
    from PIL import Image

    mode = im.mode
    if mode == "RGB":
        return im
    if mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        notes.append(f"alpha channel ({mode}) composited over white")
        rgba = im.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if mode.startswith("I;16") or mode in ("I", "F"):
        notes.append(f"{mode} pixels scaled to 8 bits")
        import numpy as np

        # NaN and infinities (float TIFFs) become 0 and the type's extremes before the
        # cast: casting them to uint8 is undefined (and a RuntimeWarning).
        arr = np.nan_to_num(np.asarray(im, dtype=np.float64), posinf=65535.0, neginf=0.0)
        top = float(arr.max()) if arr.size else 0.0
        # 16-bit data rarely uses the full range: scale by the format's
        # nominal range, not by the image's own maximum, to keep exposure.
        nominal = 65535.0 if (mode.startswith("I;16") or top > 255.0) else 255.0
        arr8 = np.clip(arr * (255.0 / nominal), 0, 255).astype(np.uint8)
        return Image.fromarray(arr8, "L").convert("RGB")
    if mode == "CMYK":
        notes.append("CMYK converted to RGB")
    elif mode not in ("L", "P", "1"):
        notes.append(f"{mode} converted to RGB")
    return im.convert("RGB")


def decode_image(data: bytes, limits: DecodeLimits | None = None) -> DecodedImage | DecodeProblem:
    """Decode ``data`` to 8-bit RGB, or say precisely why it cannot be decoded."""
    from PIL import ImageOps

    limits = limits or DecodeLimits()
    opened = _open(data, limits)
    if isinstance(opened, DecodeProblem):
        return opened
    im = opened
    fmt, mode = im.format or "", im.mode
    frames = _frames(im)
    if frames > 1 and not limits.allow_animated:
        return DecodeProblem(
            "malformed",
            "animated",
            f"animated {fmt} with {frames} frames; a single still image is expected",
            frames,
            [1, 1],
        )
    quality = None
    notes: list[str] = []
    if frames > 1:
        notes.append(f"animated ({frames} frames): the first frame is checked")
    tables = getattr(im, "quantization", None)
    if fmt == "JPEG" and tables:
        quality = estimate_jpeg_quality(tables[min(tables)])
    width, height = im.size
    try:
        if fmt == "JPEG" and max(width, height) > 2 * _FULL_RES_SIDE:
            # max(1, ...): a 65000x1 strip must not ask for a zero-pixel draft.
            side = max(width, height)
            im.draft(
                "RGB",
                (
                    max(1, width * _FULL_RES_SIDE // side),
                    max(1, height * _FULL_RES_SIDE // side),
                ),
            )
            notes.append("large JPEG decoded at reduced size")
        im.load()
        orientation = int(im.getexif().get(_ORIENTATION, 1) or 1)
        if orientation != 1:
            transposed = ImageOps.exif_transpose(im)
            if transposed is not None:
                notes.append(f"EXIF orientation {orientation} applied")
                if transposed.size != im.size:
                    width, height = height, width
                im = transposed
        rgb = _to_rgb(im, notes)
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as exc:
        reason = "truncated" if "truncated" in str(exc) else "corrupt"
        return DecodeProblem("corrupt", "decode", f"the image data is {reason}: {exc}")
    except Exception as exc:  # anything else Pillow raises: see _unexpected
        return _unexpected(exc)
    return DecodedImage(rgb, fmt, mode, width, height, quality, notes)
