"""The services' field errors as the officer pages show them: beside the field, or listed in one
Indonesian sentence naming each field. The messages themselves are made, from pydantic's error
types, by ``netralitas.cases.field_errors`` (never by reading pydantic's English)."""

from __future__ import annotations

from collections.abc import Mapping

from netralitas.errors import DomainError, ValidationError

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


def phrase(message: str) -> str:
    """A field message as a phrase to list after the field's name ("Wajib diisi." -> "wajib diisi")."""
    text = message.strip().removesuffix(".")
    return text[:1].lower() + text[1:]


def field_messages(error: DomainError) -> dict[str, str]:
    """Field → Indonesian message for a validation error carrying ``details['fields']``."""
    fields = error.details.get("fields")
    if isinstance(fields, Mapping):
        return {str(k).split(".")[0]: phrase(str(v)) for k, v in fields.items()}
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
