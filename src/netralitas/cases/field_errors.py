"""Indonesian (and English) messages for pydantic's validation errors, per field.

The one place that turns pydantic's errors into words for people: by error *type* and its context,
never by reading pydantic's English wording. Our own errors (``PydanticCustomError``) carry their
Indonesian text as the message and their English as ``message_en`` in the context."""

from __future__ import annotations

from typing import Any

import pydantic

#: pydantic error type → (Indonesian, English) template; ``{...}`` filled from the error's ctx.
STANDARD_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("Wajib diisi.", "Required."),
    "string_too_short": ("Minimal {min_length} karakter.", "At least {min_length} characters."),
    "string_too_long": ("Maksimal {max_length} karakter.", "At most {max_length} characters."),
    "string_pattern_mismatch": ("Bentuknya tidak sesuai.", "Not in the expected form."),
    "too_long": ("Paling banyak {max_length} isian.", "At most {max_length} items."),
    "too_short": ("Pilih minimal {min_length}.", "Choose at least {min_length}."),
    "int_type": ("Harus berupa angka.", "Must be a number."),
    "int_parsing": ("Harus berupa angka.", "Must be a number."),
    "greater_than_equal": ("Minimal {ge}.", "At least {ge}."),
    "literal_error": ("Pilih salah satu: {expected}.", "Choose one of: {expected}."),
    "string_type": ("Harus berupa teks.", "Must be text."),
    "date_type": ("Tanggal tidak dikenali; gunakan format TTTT-BB-HH.", "Invalid date; use YYYY-MM-DD."),
    "date_parsing": ("Tanggal tidak dikenali; gunakan format TTTT-BB-HH.", "Invalid date; use YYYY-MM-DD."),
    "date_from_datetime_parsing": (
        "Tanggal tidak dikenali; gunakan format TTTT-BB-HH.",
        "Invalid date; use YYYY-MM-DD.",
    ),
    "date_from_datetime_inexact": ("Isi tanggal saja, tanpa jam.", "Give a date without a time."),
    "enum": ("Pilih salah satu: {expected}.", "Choose one of: {expected}."),
    "bool_parsing": ("Harus ya atau tidak.", "Must be yes or no."),
    "bool_type": ("Harus ya atau tidak.", "Must be yes or no."),
    "tuple_type": ("Harus berupa daftar.", "Must be a list."),
    "list_type": ("Harus berupa daftar.", "Must be a list."),
    "model_type": ("Bentuk isian tidak sah.", "Invalid shape."),
    "model_attributes_type": ("Bentuk isian tidak sah.", "Invalid shape."),
    "extra_forbidden": (
        "Isian tidak dikenal dan tidak disimpan. Alamat IP dan perangkat pelapor tidak pernah dicatat.",
        "Unknown field, not stored. The reporter's IP address and device are never recorded.",
    ),
}

FALLBACK = ("Isian tidak sah.", "Invalid value.")


def field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "__all__"


def _fill(template: str, ctx: dict[str, Any]) -> str:
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return template.split(";")[0] + "."


def message_for(error: Any) -> tuple[str, str]:
    """(Indonesian, English) message for one pydantic error dict."""
    kind = str(error.get("type", ""))
    ctx = dict(error.get("ctx") or {})
    if kind in STANDARD_MESSAGES:
        message_id, message_en = STANDARD_MESSAGES[kind]
        return _fill(message_id, ctx), _fill(message_en, ctx)
    if "message_en" in ctx:
        return str(error.get("msg") or FALLBACK[0]), str(ctx["message_en"])
    if kind == "value_error" and "error" in ctx:  # our validators raise ValueError in Indonesian
        return str(ctx["error"]), str(ctx["error"])
    return FALLBACK[0], str(error.get("msg") or FALLBACK[1])


def field_messages(exc: pydantic.ValidationError) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """First message per field: Indonesian, English, and the stable error code (pydantic's type)."""
    fields: dict[str, str] = {}
    fields_en: dict[str, str] = {}
    codes: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        path = field_path(tuple(error["loc"]))
        if path not in fields:
            fields[path], fields_en[path] = message_for(error)
            codes[path] = str(error["type"])
    return fields, fields_en, codes
