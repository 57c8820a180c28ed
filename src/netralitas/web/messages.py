"""Indonesian wording for the field messages pydantic produces inside the services' errors."""

from __future__ import annotations

import re
from collections.abc import Mapping

from netralitas.errors import DomainError, ValidationError

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Field required"), "wajib diisi"),
    (re.compile(r"^String should have at least (\d+) characters?"), r"minimal \1 karakter"),
    (re.compile(r"^String should have at most (\d+) characters?"), r"maksimal \1 karakter"),
    (re.compile(r"^String should match pattern"), "bentuknya tidak sesuai"),
    (re.compile(r"^Input should be a valid date"), "tanggal tidak sah (TTTT-BB-HH)"),
    (re.compile(r"^Input should be a valid integer"), "harus berupa angka"),
    (re.compile(r"^Input should be greater than or equal to (\S+)"), r"minimal \1"),
    (re.compile(r"^Input should be (.+)$"), r"pilih salah satu: \1"),
    (re.compile(r"^Extra inputs are not permitted"), "isian tidak dikenal"),
    (re.compile(r"^Tuple should have at least (\d+) items?"), r"pilih minimal \1"),
    (re.compile(r"^List should have at least (\d+) items?"), r"pilih minimal \1"),
)

#: Field names as officers know them.
FIELD_LABELS: dict[str, str] = {
    "username": "nama pengguna", "display_name": "nama lengkap", "password": "kata sandi",
    "role": "peran", "region_code": "kode wilayah", "agency_id": "instansi", "level": "tingkat",
    "text": "isi rekomendasi", "form": "bentuk hukuman", "decree_number": "nomor SK",
    "decree_on": "tanggal SK", "reason": "alasan", "note": "catatan", "confirmed_on": "tanggal konfirmasi",
    "behaviours": "perbuatan", "act_on": "tanggal perbuatan", "name": "nama", "nip": "NIP",
    "target": "status tujuan", "target_case_id": "kasus tujuan", "version": "versi", "body": "pesan",
    "description": "cerita kejadian",
}  # fmt: skip


def indonesian(message: str) -> str:
    """The Indonesian reading of one pydantic message (unchanged when no pattern fits)."""
    for pattern, replacement in _PATTERNS:
        if pattern.search(message):
            return pattern.sub(replacement, message, count=1)
    return message


def field_messages(error: DomainError) -> dict[str, str]:
    """Field → Indonesian message for a validation error carrying ``details['fields']``."""
    fields = error.details.get("fields")
    if isinstance(fields, Mapping):
        return {str(k).split(".")[0]: indonesian(str(v)) for k, v in fields.items()}
    field = error.details.get("field")
    return {str(field): error.message} if field else {}


def readable(error: DomainError) -> DomainError:
    """A validation error rewritten as one Indonesian sentence naming each field."""
    fields = field_messages(error) if isinstance(error.details.get("fields"), Mapping) else {}
    if not fields:
        return error
    listed = "; ".join(f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in fields.items())
    return ValidationError(
        f"Periksa isian — {listed}.", message_en=error.message_en, code=error.code, details=error.details
    )
