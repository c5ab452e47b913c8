from __future__ import annotations

import io
import struct
import zlib

import numpy as np
from PIL import Image

from firewall_proxy.images.decode import (
    DecodedImage,
    DecodeLimits,
    DecodeProblem,
    decode_image,
    estimate_jpeg_quality,
)
from tests.images.conftest import encode, make_photo


def _problem(data: bytes, limits: DecodeLimits | None = None) -> DecodeProblem:
    result = decode_image(data, limits)
    assert isinstance(result, DecodeProblem), result
    return result


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    idat = b"IDAT" + zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + struct.pack(">I", len(idat) - 4)
        + idat
        + struct.pack(">I", zlib.crc32(idat))
    )


def test_jpeg_decodes_with_quality_estimate() -> None:
    result = decode_image(encode(make_photo(1), quality=75))
    assert isinstance(result, DecodedImage)
    assert (result.format, result.width, result.height) == ("JPEG", 200, 150)
    assert result.jpeg_quality is not None and abs(result.jpeg_quality - 75) < 3


def test_quality_estimate_of_heavy_compression() -> None:
    im = Image.open(io.BytesIO(encode(make_photo(1), quality=5)))
    # Tables saturate at 255 for very low qualities, so the estimate is a bound.
    assert estimate_jpeg_quality(im.quantization[0]) < 20  # type: ignore[attr-defined]


def test_empty_bytes_are_malformed() -> None:
    assert _problem(b"").category == "malformed"


def test_random_bytes_are_corrupt() -> None:
    data = np.random.default_rng(0).integers(0, 256, 5000, dtype=np.uint8).tobytes()
    problem = _problem(data)
    assert problem.category == "corrupt"
    assert "not a recognisable image" in problem.message


def test_truncated_jpeg_is_corrupt() -> None:
    data = encode(make_photo(2))
    problem = _problem(data[: len(data) // 2])
    assert problem.category == "corrupt"
    assert "truncated" in problem.message


def test_format_outside_allowlist_is_malformed() -> None:
    data = encode(make_photo(3), "PNG")
    problem = _problem(data, DecodeLimits(formats=frozenset({"JPEG"})))
    assert (problem.category, problem.rule) == ("malformed", "format")
    assert "PNG" in problem.message


def test_byte_limit_checked_first() -> None:
    problem = _problem(encode(make_photo(4)), DecodeLimits(max_bytes=100))
    assert (problem.category, problem.rule) == ("oversize", "bytes")


def test_decompression_bomb_rejected_from_header() -> None:
    # A header that declares 30000 x 30000 pixels: rejected without decoding.
    problem = _problem(_png_header(30000, 30000))
    assert problem.category == "oversize"
    problem = _problem(_png_header(5000, 5000), DecodeLimits(max_pixels=1_000_000))
    assert (problem.rule, problem.value) == ("pixels", 25_000_000)


def test_animated_gif_is_malformed_unless_allowed() -> None:
    frames = [make_photo(i, (40, 30)).convert("P") for i in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=50)
    problem = _problem(buf.getvalue())
    assert (problem.category, problem.rule, problem.value) == ("malformed", "animated", 3)
    ok = decode_image(buf.getvalue(), DecodeLimits(allow_animated=True))
    assert isinstance(ok, DecodedImage) and "first frame" in ok.notes[0]


def test_exif_orientation_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees
    data = encode(make_photo(5), exif=exif.tobytes())
    result = decode_image(data)
    assert isinstance(result, DecodedImage)
    assert (result.width, result.height) == (150, 200)
    assert result.image.size == (150, 200)
    assert any("orientation" in n for n in result.notes)


def test_cmyk_sixteen_bit_and_alpha_become_rgb_with_notes() -> None:
    cmyk = encode(make_photo(6).convert("CMYK"))
    rgba = make_photo(7).convert("RGBA")
    rgba.putalpha(128)
    wide = Image.fromarray((np.arange(64 * 64).reshape(64, 64) * 16).astype(np.uint16))
    for data, note in (
        (cmyk, "CMYK"),
        (encode(rgba, "PNG"), "alpha"),
        (encode(wide, "PNG"), "8 bits"),
    ):
        result = decode_image(data)
        assert isinstance(result, DecodedImage)
        assert result.image.mode == "RGB"
        assert any(note in n for n in result.notes), result.notes
