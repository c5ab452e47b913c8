"""Hostile images against the image decoder and checker: truncated and bit-flipped
files, polyglots (PNG+ZIP, GIF+JS, JPEG+HTML), decompression bombs, thousands of
animation frames, odd TIFF/ICO/BMP files.

Every input ends as a report: decoded and measured, or one finding saying why not
(``corrupt``, ``malformed``, ``oversize``). Never an exception, and never a warning
(pytest turns Pillow's ``DecompressionBombWarning`` into an error here, as
``-W error`` would in production): the pixel limit is checked from the header,
before any pixel is decoded.
"""

from __future__ import annotations

import asyncio
import io
import struct
import zlib

import httpx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from firewall_proxy import FirewallMiddleware, load_policy_text
from firewall_proxy.images.checker import ImageChecker, ImageReport
from firewall_proxy.images.decode import DecodedImage, DecodeLimits, decode_image
from firewall_proxy.images.rules import ImageLimits, ImageRule, RuleSet
from firewall_proxy.images.trailing import image_end
from tests.hardening.recording import RecordingUpstream

FUZZ = settings.get_profile("hardening")
CATEGORIES = {"corrupt", "malformed", "oversize"}


def _encode(im: Image.Image, fmt: str, **options: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **options)
    return buf.getvalue()


def _photo(size: tuple[int, int] = (48, 32)) -> Image.Image:
    rng = np.random.default_rng(7)
    return Image.fromarray(rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8), "RGB")


SEEDS: dict[str, bytes] = {
    fmt: _encode(_photo(), fmt) for fmt in ("JPEG", "PNG", "GIF", "BMP", "TIFF", "WEBP")
}
SEEDS["PROGRESSIVE"] = _encode(_photo(), "JPEG", progressive=True)
SEEDS["ICO"] = _encode(_photo(), "ICO")


def _check(data: bytes, rules: RuleSet | None = None) -> ImageReport:
    report = ImageChecker(rules or RuleSet()).check_bytes(data)
    for result in report.failed:
        if result.rule not in ("mode", "trailing"):
            assert result.category in CATEGORIES, result
        assert result.message
    return report


@st.composite
def mutated_images(draw: st.DrawFn) -> bytes:
    """A valid image of some format, truncated, bit-flipped, spliced or extended."""
    data = bytearray(draw(st.sampled_from(sorted(SEEDS.items())))[1])
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["flip", "truncate", "append", "overwrite", "insert"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if how == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif how == "truncate":
            del data[at:]
        elif how == "append":
            data += draw(st.binary(max_size=64))
        elif how == "overwrite":
            # Header fields (sizes, counts, offsets) live in the first bytes.
            at = draw(st.integers(0, min(64, len(data))))
            data[at : at + 4] = draw(st.sampled_from([b"\xff\xff\xff\xff", b"\x00\x00\x00\x00"]))
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


@settings(FUZZ, max_examples=400)
@given(st.one_of(mutated_images(), st.binary(max_size=200)))
def test_any_bytes_give_a_report_never_an_exception(data: bytes) -> None:
    _check(data)


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _png(width: int, height: int, idat: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        # 3.6 billion pixels declared in a 100-byte file: refused from the header.
        pytest.param(_png(60000, 60000, zlib.compress(b"\0" * 100)), "pixels", id="png-60000sq"),
        pytest.param(_png(1_000_000, 1, zlib.compress(b"\0" * 100)), "decode", id="png-wide"),
        pytest.param(
            # 9 000 x 9 000 zeros compress to ~80 KB; over the limit, never inflated.
            _png(9000, 9000, zlib.compress(b"\0" * 27001 * 300, 9)),
            "pixels",
            id="png-zlib-bomb",
        ),
        pytest.param(
            b"GIF89a"
            + struct.pack("<HH", 65535, 65535)
            + b"\0\0\0,\0\0\0\0"
            + struct.pack("<HH", 65535, 65535)
            + b"\0\x02\x02D\x01\0;",
            "pixels",
            id="gif-65535sq",
        ),
        pytest.param(
            b"BM"
            + struct.pack("<IHHI", 0, 0, 0, 54)
            + struct.pack("<IiiHHIIiiII", 40, 30000, -30000, 1, 24, 0, 0, 0, 0, 0, 0),
            "pixels",
            id="bmp-30000sq",
        ),
        pytest.param(_png(0, 0, b""), "decode", id="png-zero-size"),
        pytest.param(SEEDS["PNG"][:60], "decode", id="truncated-png"),
        pytest.param(SEEDS["JPEG"][:200], "decode", id="truncated-jpeg"),
        pytest.param(SEEDS["ICO"], "format", id="ico-not-allowed"),
        pytest.param(b"", "empty", id="empty"),
    ],
)
def test_bombs_and_broken_files_are_one_finding(data: bytes, rule: str) -> None:
    report = _check(data)
    assert [r.rule for r in report.failed] == [rule]
    assert report.failed[0].action == "block"


def test_pillow_bomb_limit_is_ours_to_apply() -> None:
    """A rules file may allow more pixels than Pillow's own warning limit (89 M): the
    image is then judged by our limit, never by a stray ``DecompressionBombWarning``."""
    data = _png(10_000, 10_000, zlib.compress(b"\0" * 100))  # 100 M pixels, truncated data
    rules = RuleSet(limits=ImageLimits(max_pixels=150_000_000))
    assert [r.rule for r in _check(data, rules).failed] == ["decode"]
    assert [r.rule for r in _check(data).failed] == ["pixels"]


def test_a_gif_with_thousands_of_frames_is_one_animated_finding() -> None:
    frames = [Image.new("L", (4, 4), i % 256) for i in range(3000)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=1)
    report = _check(buf.getvalue())
    assert [(r.rule, r.value) for r in report.failed] == [("animated", 3000)]


POLYGLOTS = {
    "png+zip": SEEDS["PNG"] + b"PK\x03\x04" + b"\0" * 26 + b"payload.html",
    "jpeg+html": SEEDS["JPEG"] + b"<html><script>alert(1)</script></html>",
    "gif+js": SEEDS["GIF"] + b"*/=alert(1);//",
    "webp+zip": SEEDS["WEBP"] + b"PK\x05\x06" + b"\0" * 18,
}


@pytest.mark.parametrize("name", sorted(POLYGLOTS))
def test_a_polyglot_is_reported_and_imputed_without_its_trailer(name: str) -> None:
    """Regression: the bytes after the end of an image decode to nothing, so every pixel
    rule passed and the ZIP, script or HTML reached the application unread."""
    data = POLYGLOTS[name]
    report = _check(data)
    assert [r.rule for r in report.failed] == ["trailing"]
    assert report.failed[0].category == "corrupt"
    assert report.failed[0].action == "impute"
    assert report.fixed is not None
    original = next(seed for seed in SEEDS.values() if data.startswith(seed))
    assert report.fixed == original
    assert _check(report.fixed).failed == []


def test_a_rules_file_can_block_polyglots() -> None:
    rules = RuleSet(rules=[ImageRule(rule="trailing", category="corrupt", action="block")])
    report = _check(POLYGLOTS["png+zip"], rules)
    assert [(r.rule, r.action) for r in report.failed] == [("trailing", "block")]
    assert report.fixed is None


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_a_clean_image_has_no_trailer(name: str) -> None:
    data = SEEDS[name]
    decoded = decode_image(data, DecodeLimits(formats=frozenset({"ICO", *SEEDS})))
    assert isinstance(decoded, DecodedImage)
    end = image_end(data, decoded.format)
    assert end is None or end == len(data)


@pytest.mark.parametrize(
    ("mode", "value"),
    [("F", float("nan")), ("F", float("inf")), ("F", -5.0), ("I", -70_000), ("I", 70_000)],
)
def test_odd_tiff_pixel_values_decode_without_a_warning(mode: str, value: float) -> None:
    """Regression: a float TIFF of NaN was cast to uint8 with a RuntimeWarning."""
    decoded = decode_image(_encode(Image.new(mode, (10, 10), value), "TIFF"))
    assert isinstance(decoded, DecodedImage)
    assert decoded.image.mode == "RGB"


def test_a_one_pixel_high_strip_of_a_jpeg_decodes() -> None:
    """Regression: a 65000x1 JPEG asked Pillow for a 1600x0 draft: ZeroDivisionError."""
    decoded = decode_image(_encode(Image.new("L", (65000, 1), 128), "JPEG"))
    assert isinstance(decoded, DecodedImage)
    assert (decoded.width, decoded.height) == (65000, 1)


@pytest.mark.parametrize(
    "image",
    [
        Image.new("1", (9, 9)),
        Image.new("LA", (9, 9)),
        Image.new("CMYK", (9, 9)),
        Image.new("I;16", (9, 9), 1000),
        Image.new("P", (9, 9)),
        Image.new("RGBA", (1, 1)),
        Image.new("L", (1, 30000)),
    ],
    ids=lambda im: f"{im.mode}-{im.size[0]}x{im.size[1]}",
)
def test_unusual_modes_and_shapes_are_measured(image: Image.Image) -> None:
    fmt = "TIFF" if image.mode in ("CMYK", "I;16") else "PNG"
    report = _check(_encode(image, fmt))
    assert report.properties is not None


def test_a_huge_idat_behind_a_small_header_inflates_only_what_the_header_declares() -> None:
    """50 MB of zeros compressed into a 10x10 PNG: Pillow inflates the 310 bytes the
    pixels need and stops; the image is measured like any other."""
    report = _check(_png(10, 10, zlib.compress(b"\0" * 50_000_000, 9)))
    assert report.failed == []
    assert report.properties is not None


@pytest.mark.parametrize(
    "error", [struct.error("unpack requires a buffer"), KeyError(273), ZeroDivisionError()]
)
def test_any_exception_out_of_pillow_is_a_corrupt_finding(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """Pillow's parsers raise more than OSError/ValueError on hostile bytes. Left to the
    evaluator chain such an exception was an *undecided* result, which a fail-open
    policy forwards unchecked; it is a ``corrupt`` finding the policy blocks."""

    def broken_load(self: Image.Image) -> None:
        raise error

    monkeypatch.setattr(Image.Image, "load", broken_load)
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", broken_load)
    report = _check(SEEDS["PNG"])
    assert [(r.rule, r.category, r.action) for r in report.failed] == [
        ("decode", "corrupt", "block")
    ]
    assert type(error).__name__ in (report.failed[0].message or "")


def test_the_upstream_gets_a_polyglot_cut_at_the_end_of_its_image() -> None:
    """End to end through the middleware: the application receives the bare PNG (the
    pixels that were checked), never the ZIP that followed it."""
    policy = load_policy_text(
        "routes:\n  - {path: /classify, extractor: image}\nevaluators:\n  - name: image_quality\n"
    )
    upstream = RecordingUpstream()
    app = FirewallMiddleware(upstream, policy)

    async def post() -> httpx.Response:
        transport = httpx.ASGITransport(app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post(
                "/classify", content=POLYGLOTS["png+zip"], headers={"content-type": "image/png"}
            )

    response = asyncio.run(post())
    assert response.status_code == 200
    assert response.headers["x-firewall-action"] == "impute"
    assert [s.body for s in upstream.seen] == [SEEDS["PNG"]]
