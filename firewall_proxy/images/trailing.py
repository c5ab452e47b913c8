"""Where an image's encoded data ends, to find bytes hidden after it (polyglots).

Flow position: inside **decode**. A PNG followed by a ZIP, a GIF whose trailer is
followed by script, a JPEG with HTML after its end-of-image marker: each decodes
to the same pixels as the bare image, so the pixel checks pass, while the bytes
after the end reach the application unevaluated. This module walks each format's
own framing (PNG chunks, JPEG segments, GIF blocks, the RIFF size of WebP) to the
end of the image; the checker reports what follows as the ``trailing`` rule and,
by default, imputes the image cut at its end.

Formats without a defined end (BMP, TIFF: their data is reached through offsets)
give ``None``: nothing is claimed about them.
"""

from __future__ import annotations

__all__ = ["image_end", "trailing_bytes"]


def _png_end(data: bytes) -> int | None:
    pos = 8  # the signature
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        pos += 12 + length  # length, type, data, CRC
        if kind == b"IEND":
            return pos if pos <= len(data) else None
    return None


def _jpeg_end(data: bytes) -> int | None:
    pos = 2  # SOI
    n = len(data)
    while pos < n:
        if data[pos] != 0xFF:
            return None
        while pos < n and data[pos] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos >= n:
            return None
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            return pos
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # no length field
            continue
        if pos + 2 > n:
            return None
        pos += int.from_bytes(data[pos : pos + 2], "big")
        if marker == 0xDA:  # SOS: entropy-coded data runs to the next real marker
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= n:
                    return None
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    pos += 1 if following == 0xFF else 2  # stuffed byte, restart, fill
                    continue
                break
    return None


def _sub_blocks(data: bytes, pos: int) -> int | None:
    """Skip a chain of GIF data sub-blocks; the offset after its terminator."""
    n = len(data)
    while pos < n:
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos
    return None


def _gif_end(data: bytes) -> int | None:
    if len(data) < 13:
        return None
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    n = len(data)
    while pos < n:
        block = data[pos]
        if block == 0x3B:  # trailer
            return pos + 1
        if block == 0x21:  # extension: label, then sub-blocks
            end = _sub_blocks(data, pos + 2)
        elif block == 0x2C:  # image descriptor, local colour table, LZW code size, data
            if pos + 10 > n:
                return None
            local = data[pos + 9]
            pos += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0)
            end = _sub_blocks(data, pos + 1)
        else:
            return None
        if end is None:
            return None
        pos = end
    return None


def _webp_end(data: bytes) -> int | None:
    if len(data) < 12:
        return None
    size = int.from_bytes(data[4:8], "little")
    end = 8 + size + (size & 1)  # RIFF chunks are padded to an even size
    return end if end <= len(data) else None


_FINDERS = {"PNG": _png_end, "JPEG": _jpeg_end, "GIF": _gif_end, "WEBP": _webp_end}


def image_end(data: bytes, fmt: str) -> int | None:
    """The offset just past the image's last byte, or ``None`` when it cannot be told."""
    finder = _FINDERS.get(fmt)
    return finder(data) if finder is not None else None


def trailing_bytes(data: bytes, fmt: str) -> int:
    """How many bytes follow the end of the image (zero padding does not count)."""
    end = image_end(data, fmt)
    if end is None or end >= len(data):
        return 0
    return 0 if not data[end:].strip(b"\x00") else len(data) - end
