from __future__ import annotations

import hashlib
import io
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image

from netralitas.config import Settings
from netralitas.errors import ValidationError
from netralitas.privacy.evidence_checks import EvidencePolicy, accept_evidence, read_bounded
from netralitas.privacy.evidence_types import EvidenceKind, sniff_type

from .evidence_factories import (
    COMMENT,
    GPS,
    box,
    make_mp4,
    make_ogg,
    make_pdf,
    make_photo,
    make_png_header_only,
)

POLICY = EvidencePolicy(max_bytes=1_000_000, max_pixels=4_000_000, max_dimension=64)


def refused(data: bytes, policy: EvidencePolicy = POLICY) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        accept_evidence(data, policy)
    return info.value


def test_original_photo_really_carries_gps_and_metadata() -> None:
    """Guards the next test: the input has what the derivative must not."""
    photo = make_photo()
    exif = Image.open(io.BytesIO(photo)).getexif()
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) == GPS
    assert COMMENT in photo and b"xmpmeta" in photo and b"PhoneMaker" in photo


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_derivative_strips_gps_exif_xmp_icc_and_comment(fmt: str) -> None:
    accepted = accept_evidence(make_photo(fmt=fmt), POLICY)
    assert accepted.derivative is not None and accepted.metadata_stripped
    data = accepted.derivative.data
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    exif = image.getexif()
    assert len(exif) == 0
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert "icc_profile" not in image.info and "exif" not in image.info and "comment" not in image.info
    for leak in (b"Exif", b"PhoneMaker", b"Budi", b"xmpmeta", b"ICC_PROFILE", COMMENT):
        assert leak not in data


def test_seal_is_sha256_of_original_bytes() -> None:
    photo = make_photo()
    accepted = accept_evidence(photo, POLICY)
    assert accepted.sha256 == hashlib.sha256(photo).hexdigest()
    assert accepted.original == photo and accepted.size == len(photo)
    assert (accepted.media_type, accepted.extension, accepted.kind) == (
        "image/jpeg",
        "jpg",
        EvidenceKind.IMAGE,
    )
    assert "original=" not in repr(accepted)


def test_orientation_is_applied() -> None:
    accepted = accept_evidence(make_photo((40, 20), orientation=6), POLICY)
    assert accepted.derivative is not None
    assert (accepted.derivative.width, accepted.derivative.height) == (20, 40)
    plain = accept_evidence(make_photo((40, 20)), POLICY)
    assert plain.derivative is not None
    assert (plain.derivative.width, plain.derivative.height) == (40, 20)


def test_dimensions_capped_and_aspect_kept() -> None:
    accepted = accept_evidence(make_photo((400, 100)), POLICY)
    assert accepted.derivative is not None
    assert (accepted.derivative.width, accepted.derivative.height) == (64, 16)


def test_alpha_flattened_on_white() -> None:
    accepted = accept_evidence(make_photo((30, 30), fmt="PNG", mode="RGBA"), POLICY)
    assert accepted.derivative is not None
    pixel = Image.open(io.BytesIO(accepted.derivative.data)).convert("RGB").getpixel((15, 15))
    assert isinstance(pixel, tuple)
    assert pixel[0] > 200 and 100 < pixel[1] < 160  # red at half opacity over white


def test_non_images_accepted_without_derivative() -> None:
    for data, media_type in [
        (make_pdf(), "application/pdf"),
        (make_mp4(), "video/mp4"),
        (make_ogg(), "audio/ogg"),
    ]:
        accepted = accept_evidence(data, POLICY)
        assert accepted.media_type == media_type
        assert accepted.derivative is None and not accepted.metadata_stripped
    assert sniff_type(make_mp4(b"qt  ")).media_type == "video/quicktime"
    assert sniff_type(make_mp4(b"M4A ")).media_type == "audio/mp4"
    assert sniff_type(make_mp4(b"3gp5")).media_type == "video/3gpp"
    assert sniff_type(b"OggS\x00\x02" + b"\x00" * 30).media_type == "audio/ogg"
    assert sniff_type(b"ID3\x04\x00" + b"\x00" * 30).media_type == "audio/mpeg"


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "program Windows"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 50, "ELF"),
        (b"PK\x03\x04\x14\x00" + b"\x00" * 50, "ZIP"),
        (b"<html><body><img src=x onerror=alert(1)></body></html>", "HTML"),
        (b'  <svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "HTML/XML/SVG"),
        (b"#!/bin/sh\nrm -rf /\n", "skrip"),
        (b"GIF8 not really", "tidak dikenali"),
        (make_mp4(b"heic"), "HEIC"),
    ],
)
def test_disguised_or_foreign_types_refused(data: bytes, found: str) -> None:
    error = refused(data)
    assert error.code == "evidence_type_not_allowed"
    assert found in error.message and "bukan dari nama berkas" in error.message


@pytest.mark.parametrize(
    "make",
    [
        lambda: make_photo() + b"<script>alert(document.cookie)</script>",
        lambda: make_photo(fmt="PNG") + b"PK\x03\x04" + b"\x00" * 40,
        lambda: make_photo(fmt="PNG")[:-12] + b"<?php system($_GET['c']); ?>" + make_photo(fmt="PNG")[-12:],
        lambda: make_photo() + b"MZ\x90\x00This program cannot be run in DOS mode.",
        lambda: make_pdf(b"3 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n"),
        lambda: make_pdf(b"3 0 obj << /Type /EmbeddedFile >> endobj\n"),
        lambda: make_pdf() + b"PK\x03\x04 appended zip",
        lambda: make_mp4() + b"trailing payload",
        lambda: make_mp4()[:-10],
        lambda: make_photo(fmt="WEBP") + b"PK\x03\x04 appended zip",
        lambda: make_ogg() + b"trailing payload",
        lambda: make_ogg()[:-5],
    ],
)
def test_polyglots_refused(make: object) -> None:
    assert callable(make)
    error = refused(make())
    assert error.code == "evidence_disguised"
    assert "menyembunyikan" in error.message


def test_corrupt_image_refused() -> None:
    photo = make_photo()
    error = refused(photo[:40])
    assert error.code == "evidence_corrupt"
    assert refused(b"\xff\xd8\xff" + b"\x00" * 200).code == "evidence_corrupt"


def test_too_large_and_empty() -> None:
    assert refused(b"").code == "evidence_empty"
    error = refused(make_pdf(), EvidencePolicy(max_bytes=50))
    assert error.code == "evidence_too_large" and "MB" in error.message
    assert EvidencePolicy.from_settings(Settings(max_upload_bytes=123)).max_bytes == 123


def test_read_bounded_stops_early() -> None:
    class Endless(io.RawIOBase):
        reads = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            self.reads += 1
            buffer[:] = b"\x00" * len(buffer)
            return len(buffer)

    stream = Endless()
    with pytest.raises(ValidationError) as info:
        read_bounded(io.BufferedReader(stream), 100_000, chunk_size=10_000)
    assert info.value.code == "evidence_too_large"
    assert stream.reads < 30
    assert read_bounded(io.BytesIO(b"abc"), 3) == b"abc"


def test_bomb_refused_before_decoding_by_policy() -> None:
    error = refused(make_png_header_only(5000, 5000))
    assert error.code == "evidence_image_too_large"
    assert error.details["width"] == 5000 and "megapiksel" in error.message


def test_huge_image_refused_with_its_real_dimensions() -> None:
    """20000x20000 is past Pillow's own bomb limit: the message used to say "(0x0 piksel)"."""
    error = refused(make_png_header_only(20_000, 20_000), EvidencePolicy())
    assert error.code == "evidence_image_too_large"
    assert "20000×20000 piksel" in error.message
    assert (error.details["width"], error.details["height"]) == (20_000, 20_000)


def test_declared_ceiling_holds_even_with_a_lax_decode_limit() -> None:
    lax = EvidencePolicy(max_bytes=1_000_000, max_pixels=10**12, max_declared_pixels=100_000_000)
    error = refused(make_png_header_only(12_000, 12_000), lax)
    assert error.code == "evidence_image_too_large" and error.details["width"] == 12_000


def test_default_pixel_budget_is_below_50_megapixels() -> None:
    error = refused(make_png_header_only(7071, 7071), EvidencePolicy())
    assert error.code == "evidence_image_too_large" and "7071×7071" in error.message


def test_large_jpeg_is_counted_at_its_reduced_decode_size() -> None:
    """A 48 MP phone photo decodes at half scale (12 MP): accepted under a 24 MP budget."""
    image = Image.new("RGB", (8000, 6000), (10, 120, 30))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=30)
    accepted = accept_evidence(out.getvalue(), EvidencePolicy(max_bytes=50_000_000, max_pixels=13_000_000))
    assert accepted.derivative is not None and accepted.derivative.width == 2048


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        accept_evidence(data, POLICY)
    except ValidationError as error:
        assert error.code.startswith("evidence_")


@settings(max_examples=60, deadline=None)  # correctness, not speed: the machine may be busy
@given(st.integers(0, 400), st.integers(1, 255))
def test_bit_flips_in_a_photo_either_accepted_or_refused_cleanly(position: int, flip: int) -> None:
    photo = bytearray(make_photo())
    photo[position % len(photo)] ^= flip
    try:
        accepted = accept_evidence(bytes(photo), POLICY)
    except ValidationError as error:
        assert error.code.startswith("evidence_")
    else:
        assert accepted.sha256 == hashlib.sha256(bytes(photo)).hexdigest()


def test_gif_with_transparency_gets_derivative() -> None:
    image = Image.new("P", (10, 10), 0)
    image.putpalette([255, 0, 0] + [0, 0, 255] * 255)
    out = io.BytesIO()
    image.save(out, format="GIF", transparency=0, comment=COMMENT)
    assert COMMENT in out.getvalue()
    accepted = accept_evidence(out.getvalue(), POLICY)
    assert accepted.media_type == "image/gif" and accepted.derivative is not None
    assert COMMENT not in accepted.derivative.data
    pixel = Image.open(io.BytesIO(accepted.derivative.data)).getpixel((5, 5))
    assert isinstance(pixel, tuple) and min(pixel) > 240  # transparent → white


def test_mp4_with_free_box_and_64_bit_size_accepted() -> None:
    large = struct.pack(">I", 1) + b"mdat" + struct.pack(">Q", 16 + 10) + b"\x00" * 10
    accepted = accept_evidence(make_mp4() + box(b"free", b"") + large, POLICY)
    assert accepted.media_type == "video/mp4"


def test_libmagic_disagreement_is_a_refusal() -> None:
    """libmagic (Debian's ``file`` database) gives a second opinion on the sniffed type."""
    from netralitas.privacy.evidence_types import JPEG, PDF, check_magic

    check_magic(make_photo(), JPEG)  # agreement
    check_magic(make_pdf(), PDF)
    with pytest.raises(ValidationError) as info:
        check_magic(make_pdf(), JPEG)
    assert info.value.code == "evidence_disguised" and "application/pdf" in info.value.message
