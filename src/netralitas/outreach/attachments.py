"""Attachments of a circular: PDF only (the signed surat edaran as issued), sniffed from the
content, not the name; bounded in size and number."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from netralitas.errors import ValidationError

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 3
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass(frozen=True)
class Attachment:
    sha256: str
    filename: str
    size: int
    content: bytes


def _refuse(message: str) -> ValidationError:
    return ValidationError(
        message, message_en="Attachment refused.", details={"fields": {"attachments": message}}
    )


def check_attachments(files: list[tuple[str, bytes]]) -> tuple[Attachment, ...]:
    """Each (name, bytes) must be a PDF of at most 5 MB; at most 3 files."""
    if len(files) > MAX_FILES:
        raise _refuse(f"Paling banyak {MAX_FILES} lampiran.")
    found: dict[str, Attachment] = {}
    for name, data in files:
        if not data.startswith(b"%PDF-"):
            raise _refuse(f"Lampiran {name!r} bukan PDF: hanya berkas PDF yang diterima.")
        if len(data) > MAX_BYTES:
            raise _refuse(f"Lampiran {name!r} lebih dari {MAX_BYTES // (1024 * 1024)} MB.")
        clean = _UNSAFE.sub("_", name.rsplit("/", 1)[-1].rsplit("\\\\", 1)[-1]).strip() or "lampiran.pdf"
        digest = hashlib.sha256(data).hexdigest()
        found[digest] = Attachment(digest, clean[:200], len(data), data)
    return tuple(found.values())
