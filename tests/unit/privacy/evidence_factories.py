"""Plain functions that build small evidence files in memory for the intake tests."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image, ImageCms

GPS = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)}
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>Budi Santoso</rdf:Description></x:xmpmeta>'
COMMENT = b"difoto oleh Budi Santoso"


def make_photo(
    size: tuple[int, int] = (40, 20), *, orientation: int | None = None, fmt: str = "JPEG", mode: str = "RGB"
) -> bytes:
    """A photo with EXIF (GPS, camera, orientation), XMP, a comment and an ICC profile."""
    colour: tuple[int, ...] = (200, 10, 10, 128) if mode == "RGBA" else (200, 10, 10)
    image = Image.new(mode, size, colour)
    image.putpixel((0, 0), (0, 0, 255, 255) if mode == "RGBA" else (0, 0, 255))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Budi's phone"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = GPS
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    extra: dict[str, object] = {"exif": exif.tobytes(), "icc_profile": icc}
    if fmt == "JPEG":
        extra.update(comment=COMMENT, xmp=XMP)
    image.save(out, format=fmt, **extra)
    return out.getvalue()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def make_png_header_only(width: int, height: int) -> bytes:
    """A PNG declaring huge dimensions with almost no data (a decompression bomb's header)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def make_pdf(extra: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        + extra
        + b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body) + 8) + kind + body


def make_mp4(brand: bytes = b"isom") -> bytes:
    ftyp = box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand + b"mp41")
    return ftyp + box(b"moov", b"\x00" * 32) + box(b"mdat", b"\x01\x02" * 50)


def make_ogg(pages: int = 2) -> bytes:
    """Ogg pages with dummy bodies (the CRC is not checked by intake)."""
    out = b""
    for number in range(pages):
        body = bytes([number]) * 40
        header = b"OggS\x00" + bytes([2 if number == 0 else 0]) + b"\x00" * 8 + b"\x01\x00\x00\x00"
        header += number.to_bytes(4, "little") + b"\x00" * 4 + b"\x01"
        out += header + bytes([len(body)]) + body
    return out
