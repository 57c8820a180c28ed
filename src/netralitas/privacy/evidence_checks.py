"""Evidence intake: bound the size, sniff the type, refuse disguises, seal, derive.

``accept_evidence(data, policy)`` returns the SHA-256 seal of the original and, for images, an
officer-safe derivative: pixels re-encoded by Pillow as JPEG, orientation applied, dimensions
capped, colours converted to sRGB, and *nothing else* carried over (no EXIF, GPS, XMP, ICC
profile or comments). Other kinds (PDF, video, audio) get no derivative: their metadata is not
removed, so ``metadata_stripped`` is False and the original must be handled as sensitive.
The uploaded filename is deliberately not kept (it can name the reporter or their device).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import struct
import warnings
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from netralitas.errors import ValidationError
from netralitas.privacy.decode_budget import (
    DEFAULT_DECODE_BUDGET,
    DecodeBudget,
    decode_cost,
    shared_decode_budget,
)
from netralitas.privacy.evidence_types import (
    EvidenceKind,
    EvidenceType,
    check_magic,
    check_structure,
    sniff_type,
)

if TYPE_CHECKING:
    from netralitas.config import Settings

DERIVATIVE_MEDIA_TYPE = "image/jpeg"


@dataclass(frozen=True)
class EvidencePolicy:
    max_bytes: int = 10 * 1024 * 1024
    #: Refuse images that would decode to more pixels than this (JPEGs are decoded at 1/2 to 1/8
    #: scale when still at least ``max_dimension``, so a 48-megapixel photo decodes to 12).
    #: Checked from the header, before decoding (decompression bombs).
    max_pixels: int = 24_000_000
    #: Refuse any image declaring more pixels than this, whatever its decoded size.
    max_declared_pixels: int = 200_000_000
    #: Longest side of the officer derivative.
    max_dimension: int = 2048
    jpeg_quality: int = 85
    #: Bounds the memory of the decodes running at once in this process (shared by policies).
    decode_budget: DecodeBudget = field(default_factory=lambda: shared_decode_budget(DEFAULT_DECODE_BUDGET))

    @classmethod
    def from_settings(cls, settings: Settings) -> EvidencePolicy:
        return cls(
            max_bytes=settings.max_upload_bytes,
            max_pixels=settings.max_image_pixels,
            decode_budget=shared_decode_budget(settings.image_decode_budget_mib * 1024 * 1024),
        )


@dataclass(frozen=True)
class Derivative:
    data: bytes = field(repr=False)
    media_type: str
    width: int
    height: int


@dataclass(frozen=True)
class AcceptedEvidence:
    """A checked upload. Store ``original`` by ``sha256``; serve officers ``derivative``."""

    sha256: str
    size: int
    media_type: str
    extension: str
    kind: EvidenceKind
    original: bytes = field(repr=False)
    derivative: Derivative | None
    #: True only when a metadata-free derivative exists (images).
    metadata_stripped: bool


def too_large(size: int | None, max_bytes: int) -> ValidationError:
    limit_mb = max_bytes / (1024 * 1024)
    return ValidationError(
        f"Berkas terlalu besar; batasnya {limit_mb:.1f} MB per berkas.",
        message_en=f"File too large; the limit is {limit_mb:.1f} MB per file.",
        code="evidence_too_large",
        details={"max_bytes": max_bytes, "size": size},
    )


def read_bounded(stream: IO[bytes], max_bytes: int, chunk_size: int = 1 << 16) -> bytes:
    """Read an upload stream, refusing it as soon as it exceeds ``max_bytes`` (never reads more
    than ``max_bytes + chunk_size``)."""
    buffer = bytearray()
    while chunk := stream.read(chunk_size):
        buffer += chunk
        if len(buffer) > max_bytes:
            raise too_large(None, max_bytes)
    return bytes(buffer)


def seal(data: bytes) -> str:
    """The SHA-256 seal of an original (lower-case hex)."""
    return hashlib.sha256(data).hexdigest()


def accept_evidence(data: bytes, policy: EvidencePolicy) -> AcceptedEvidence:
    """Check one upload; raises ``ValidationError`` with codes ``evidence_empty``,
    ``evidence_too_large``, ``evidence_type_not_allowed``, ``evidence_disguised``,
    ``evidence_corrupt`` or ``evidence_image_too_large``."""
    if not data:
        raise ValidationError(
            "Berkas kosong.", message_en="The file is empty.", code="evidence_empty", details={"size": 0}
        )
    if len(data) > policy.max_bytes:
        raise too_large(len(data), policy.max_bytes)
    found = sniff_type(data)
    check_structure(data, found)
    check_magic(data, found)
    derivative = make_derivative(data, found, policy) if found.kind is EvidenceKind.IMAGE else None
    return AcceptedEvidence(
        sha256=seal(data),
        size=len(data),
        media_type=found.media_type,
        extension=found.extension,
        kind=found.kind,
        original=data,
        derivative=derivative,
        metadata_stripped=derivative is not None,
    )


def _corrupt(found: EvidenceType) -> ValidationError:
    return ValidationError(
        f"Berkas {found.extension.upper()} rusak atau tidak dapat dibaca.",
        message_en=f"The {found.extension.upper()} file is damaged or unreadable.",
        code="evidence_corrupt",
        details={"media_type": found.media_type},
    )


def _too_many_pixels(width: int, height: int, policy: EvidencePolicy) -> ValidationError:
    return ValidationError(
        f"Ukuran gambar terlalu besar ({width}×{height} piksel); "
        f"batasnya {policy.max_pixels // 1_000_000} megapiksel.",
        message_en=f"Image too large ({width}×{height} pixels); limit {policy.max_pixels // 1_000_000} MP.",
        code="evidence_image_too_large",
        details={"width": width, "height": height, "max_pixels": policy.max_pixels},
    )


def _open_header(data: bytes, found: EvidenceType, policy: EvidencePolicy) -> Image.Image:
    """Read the header only (no pixels) with the plugin of the format the signature claims, so
    Pillow's own bomb check (which hides the size) is not in the way; refuse too many pixels.

    JPEGs are set to decode at a reduced scale first (``draft``), and what counts is the number
    of pixels that will really be decoded."""
    Image.init()
    factory = Image.OPEN.get(found.pillow_format or "")
    if factory is None:
        raise _corrupt(found)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # damaged EXIF: the pixels still count
        try:
            image = factory[0](io.BytesIO(data), "")
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
            raise _corrupt(found) from exc
    width, height = image.size
    if image.format != found.pillow_format or width < 1 or height < 1:
        raise _corrupt(found)
    if width * height > policy.max_declared_pixels:
        raise _too_many_pixels(width, height, policy)
    if image.format == "JPEG":  # decode at 1/2, 1/4 or 1/8 when still >= the derivative size
        image.draft("RGB", (policy.max_dimension, policy.max_dimension))
    if image.width * image.height > policy.max_pixels:
        raise _too_many_pixels(width, height, policy)
    return image


def _decode(image: Image.Image, found: EvidenceType) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            image.load()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
            raise _corrupt(found) from exc


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert RGB pixels from their embedded profile to sRGB (the profile itself is dropped)."""
    if not icc or image.mode != "RGB":
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        srgb = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(image, source, srgb, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted if converted is not None else image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, transparent parts on white (pasting through the alpha channel keeps fewer copies
    than compositing two RGBA images)."""
    if image.mode == "LA" or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
    if image.mode == "RGBA":
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image.convert("RGB"), mask=image.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")


def _resizable(image: Image.Image) -> Image.Image:
    """A mode Pillow resamples well (palette and 16-bit images are converted first)."""
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image
    has_alpha = "transparency" in image.info or image.mode.endswith("A")
    converted = image.convert("RGBA" if has_alpha else "RGB")
    converted.info = image.info  # keep the EXIF orientation for later
    return converted


def _oriented(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation; damaged EXIF only means the orientation is not applied."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        with contextlib.suppress(OSError, SyntaxError, ValueError, KeyError, TypeError, struct.error):
            ImageOps.exif_transpose(image, in_place=True)
    return image


def make_derivative(data: bytes, found: EvidenceType, policy: EvidencePolicy) -> Derivative:
    """Officer-safe JPEG: orientation applied, sRGB, at most ``max_dimension``, no metadata.

    The size is checked from the header before any pixel is decoded; the decode then waits for
    room in the process's decode budget, and the image is shrunk first, so that only the decoded
    pixels (and at most one converted copy) are ever held at full size."""
    image = _open_header(data, found, policy)
    cost = decode_cost(image.width, image.height, policy.max_dimension)
    with policy.decode_budget.reserve(cost):
        _decode(image, found)
        icc = image.info.get("icc_profile")
        small = _resizable(image)
        small.thumbnail((policy.max_dimension, policy.max_dimension), Image.Resampling.LANCZOS)
        del image
        rgb = _to_srgb(_flatten(_oriented(small)), icc)
        # A fresh image from raw pixels: no info dict, so nothing (EXIF, XMP, ICC, comments) can leak.
        clean = Image.frombytes("RGB", rgb.size, rgb.tobytes())
        del small, rgb
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=policy.jpeg_quality)
    return Derivative(out.getvalue(), DERIVATIVE_MEDIA_TYPE, clean.width, clean.height)
