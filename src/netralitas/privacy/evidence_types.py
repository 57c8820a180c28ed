"""Evidence file types, sniffed from the bytes only (never the filename or the declared type).

Minimal signature checks, a second opinion from libmagic (``check_magic``), plus the
structural checks that catch polyglots: bytes appended after a PNG's IEND, a PDF's last %%EOF
or an MP4's last box, and active content (HTML, script, PHP, an embedded Windows program, PDF
JavaScript) hidden anywhere in an allowed file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from netralitas.errors import ValidationError


class EvidenceKind(StrEnum):
    IMAGE = "image"
    DOCUMENT = "document"
    VIDEO = "video"
    AUDIO = "audio"


EVIDENCE_KIND_LABELS_ID = {
    EvidenceKind.IMAGE: "gambar",
    EvidenceKind.DOCUMENT: "dokumen",
    EvidenceKind.VIDEO: "video",
    EvidenceKind.AUDIO: "rekaman suara",
}


@dataclass(frozen=True)
class EvidenceType:
    media_type: str
    extension: str
    kind: EvidenceKind
    #: Pillow's format name for images (the decoded format must agree with the signature).
    pillow_format: str | None = None


JPEG = EvidenceType("image/jpeg", "jpg", EvidenceKind.IMAGE, "JPEG")
PNG = EvidenceType("image/png", "png", EvidenceKind.IMAGE, "PNG")
WEBP = EvidenceType("image/webp", "webp", EvidenceKind.IMAGE, "WEBP")
GIF = EvidenceType("image/gif", "gif", EvidenceKind.IMAGE, "GIF")
PDF = EvidenceType("application/pdf", "pdf", EvidenceKind.DOCUMENT)
MP4 = EvidenceType("video/mp4", "mp4", EvidenceKind.VIDEO)
QUICKTIME = EvidenceType("video/quicktime", "mov", EvidenceKind.VIDEO)
THREE_GP = EvidenceType("video/3gpp", "3gp", EvidenceKind.VIDEO)
M4A = EvidenceType("audio/mp4", "m4a", EvidenceKind.AUDIO)
OGG = EvidenceType("audio/ogg", "ogg", EvidenceKind.AUDIO)
MP3 = EvidenceType("audio/mpeg", "mp3", EvidenceKind.AUDIO)

ALLOWED_TYPES = (JPEG, PNG, WEBP, GIF, PDF, MP4, QUICKTIME, THREE_GP, M4A, OGG, MP3)

_MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"dash",
    b"M4V ",
    b"MSNV",
}
_3GP_BRANDS = {b"3gp4", b"3gp5", b"3gp6", b"3gp7", b"3g2a", b"3g2b"}

#: Recognised but refused, to name what was found in the error message.
_REFUSED_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "program Windows (.exe/.dll)"),
    (b"\x7fELF", "program Linux (ELF)"),
    (b"PK\x03\x04", "arsip ZIP (termasuk .docx/.apk)"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf\x27\x1c", "arsip 7z"),
    (b"#!", "skrip"),
    (b"\xca\xfe\xba\xbe", "program Java/macOS"),
)
_HEIF_BRANDS = {b"heic", b"heix", b"mif1", b"msf1", b"avif"}

#: Active content that has no business inside a photo, a PDF or a recording.
_ACTIVE_MARKERS = (
    b"<script",
    b"<html",
    b"<!doctype html",
    b"<?php",
    b"<iframe",
    b"<svg",
    b"javascript:",
    b"this program cannot be run in dos mode",
)
_PDF_ACTIVE_MARKERS = (b"/javascript", b"/launch", b"/embeddedfile", b"/richmedia")


def type_not_allowed(found: str) -> ValidationError:
    allowed = ", ".join(sorted({t.extension.upper() for t in ALLOWED_TYPES}))
    return ValidationError(
        f"Jenis berkas tidak diizinkan ({found}). Berkas yang diterima: {allowed}. "
        "Jenis berkas diperiksa dari isinya, bukan dari nama berkas.",
        message_en=f"File type not allowed ({found}). Accepted: {allowed}. Type read from content.",
        code="evidence_type_not_allowed",
        details={"found": found, "allowed": allowed},
    )


def disguised(reason_id: str, reason_en: str) -> ValidationError:
    return ValidationError(
        f"Berkas ditolak karena menyembunyikan isi lain: {reason_id}. "
        "Kirim ulang berkas asli (misalnya tangkapan layar baru).",
        message_en=f"File refused because it hides other content: {reason_en}.",
        code="evidence_disguised",
        details={"reason": reason_en},
    )


def _iso_bmff_type(data: bytes) -> EvidenceType | None:
    if data[4:8] != b"ftyp":
        return None
    brand = data[8:12]
    if brand == b"qt  ":
        return QUICKTIME
    if brand == b"M4A ":
        return M4A
    if brand in _3GP_BRANDS:
        return THREE_GP
    if brand in _MP4_BRANDS:
        return MP4
    if brand in _HEIF_BRANDS:
        raise type_not_allowed("foto HEIC/AVIF; simpan ulang sebagai JPEG")
    raise type_not_allowed(f"video dengan merek {brand.decode('latin-1')!r}")


def sniff_type(data: bytes) -> EvidenceType:
    """The allowed type the bytes start with, or ``ValidationError`` naming what was found."""
    head = data[:16]
    signatures = (
        (head.startswith(b"\xff\xd8\xff"), JPEG),
        (head.startswith(b"\x89PNG\r\n\x1a\n"), PNG),
        (head[:4] == b"RIFF" and head[8:12] == b"WEBP", WEBP),
        (head[:6] in (b"GIF87a", b"GIF89a"), GIF),
        (head.startswith(b"%PDF-"), PDF),
        (head.startswith(b"OggS"), OGG),
        (head.startswith(b"ID3"), MP3),
    )
    for matched, found in signatures:
        if matched:
            return found
    bmff = _iso_bmff_type(data)
    if bmff is not None:
        return bmff
    for signature, name in _REFUSED_SIGNATURES:
        if head.startswith(signature):
            raise type_not_allowed(name)
    if head.lstrip().startswith(b"<"):
        raise type_not_allowed("HTML/XML/SVG")
    raise type_not_allowed("tidak dikenali")


def check_structure(data: bytes, found: EvidenceType) -> None:
    """Refuse polyglots: active content anywhere, or bytes after the format's end."""
    lowered = data.lower()
    for marker in _ACTIVE_MARKERS:
        if marker in lowered:
            raise disguised(f"ditemukan {marker.decode()!r}", f"found {marker.decode()!r}")
    if found is PNG:
        _check_png_end(data)
    elif found is PDF:
        _check_pdf(data, lowered)
    elif found is WEBP:
        _check_riff_end(data)
    elif found is OGG:
        _check_ogg_pages(data)
    elif found.kind in (EvidenceKind.VIDEO, EvidenceKind.AUDIO) and data[4:8] == b"ftyp":
        _check_boxes(data)


def _check_png_end(data: bytes) -> None:
    end = data.rfind(b"IEND")
    if end < 0 or len(data) != end + 8:
        raise disguised("ada data setelah akhir gambar PNG", "data after the end of the PNG image")


def _check_riff_end(data: bytes) -> None:
    declared = int.from_bytes(data[4:8], "little") + 8
    if len(data) not in (declared, declared + 1):
        raise disguised("ukuran WebP tidak sesuai isi berkas", "WebP size does not match the file")


def _check_ogg_pages(data: bytes) -> None:
    """Ogg: pages (``OggS`` + 27-byte header + segment table + body) must tile the file."""
    offset = 0
    while offset < len(data):
        header = data[offset : offset + 27]
        if len(header) < 27 or header[:4] != b"OggS":
            raise disguised(
                "struktur Ogg tidak utuh atau ada data tambahan", "broken Ogg pages or extra data"
            )
        segments = data[offset + 27 : offset + 27 + header[26]]
        offset += 27 + header[26] + sum(segments)
    if offset != len(data):
        raise disguised("struktur Ogg tidak utuh", "truncated Ogg page")


def _check_pdf(data: bytes, lowered: bytes) -> None:
    for marker in _PDF_ACTIVE_MARKERS:
        if marker in lowered:
            raise disguised(
                f"PDF memuat {marker.decode()[1:]} (skrip/berkas tersemat)",
                f"PDF contains {marker.decode()[1:]}",
            )
    eof = data.rfind(b"%%EOF")
    if eof < 0 or data[eof + 5 :].strip(b" \t\r\n\x00"):
        raise disguised("ada data setelah akhir dokumen PDF", "data after the end of the PDF")


def _check_boxes(data: bytes) -> None:
    """ISO BMFF (MP4/MOV/3GP/M4A): the top-level boxes must tile the file exactly."""
    offset, count = 0, 0
    while offset < len(data):
        count += 1
        size = int.from_bytes(data[offset : offset + 4], "big")
        box_type = data[offset + 4 : offset + 8]
        header = 8
        if size == 1:
            size, header = int.from_bytes(data[offset + 8 : offset + 16], "big"), 16
        elif size == 0:
            size = len(data) - offset
        if len(box_type) < 4 or not all(32 <= b < 127 for b in box_type) or size < header or count > 10_000:
            raise disguised("struktur video tidak sah", "invalid video box structure")
        offset += size
    if offset != len(data):
        raise disguised(
            "video terpotong atau ada data setelah akhirnya", "truncated video or data after its end"
        )


#: What libmagic may call each allowed type. "application/octet-stream" (no verdict) is left to the
#: structural checks above; any other answer is a disagreement, and the file is refused.
MAGIC_NAMES: dict[EvidenceType, frozenset[str]] = {
    JPEG: frozenset({"image/jpeg"}),
    PNG: frozenset({"image/png"}),
    WEBP: frozenset({"image/webp"}),
    GIF: frozenset({"image/gif"}),
    PDF: frozenset({"application/pdf"}),
    MP4: frozenset({"video/mp4", "video/x-m4v", "video/quicktime", "audio/x-m4a", "audio/mp4"}),
    QUICKTIME: frozenset({"video/quicktime", "video/mp4"}),
    THREE_GP: frozenset({"video/3gpp", "video/3gpp2", "video/mp4"}),
    M4A: frozenset({"audio/x-m4a", "audio/mp4", "video/mp4"}),
    OGG: frozenset({"audio/ogg", "application/ogg", "video/ogg", "audio/x-vorbis+ogg", "audio/x-opus+ogg"}),
    MP3: frozenset({"audio/mpeg", "audio/mp3"}),
}
NO_VERDICT = frozenset({"application/octet-stream", "", "application/x-empty"})


def check_magic(data: bytes, found: EvidenceType) -> None:
    """Second opinion from libmagic (``file``'s database): a file it identifies as something
    else than the signature check found (an HTML page, a program, an archive ...) is refused."""
    import magic  # python-magic over Debian's libmagic1

    named = magic.from_buffer(data[: 1 << 20], mime=True)
    if named in NO_VERDICT or named in MAGIC_NAMES.get(found, frozenset()):
        return
    raise disguised(
        f"isinya dikenali sebagai {named}, bukan {found.extension.upper()}",
        f"its content is identified as {named}, not {found.extension.upper()}",
    )
