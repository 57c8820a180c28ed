"""What the JSON API routers share: strict input models, the error schema, JSON output."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field

from netralitas.web.context import WebContext


class In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ErrorDetail(BaseModel):
    code: str = Field(description="Kode stabil, mis. validation_error, permission_denied, receipt_unknown.")
    message: str = Field(description="Pesan dalam bahasa Indonesia.")
    message_en: str = Field(description="The same message in English.")
    details: dict[str, Any] = Field(
        default_factory=dict, description="Mis. fields: {nama isian: pesan} pada validation_error."
    )


class ErrorOut(BaseModel):
    """Every API error, whatever its status: ``{"error": {code, message, message_en, details}}``."""

    error: ErrorDetail


_STATUS_TEXT = {
    400: "Permintaan tidak sah",
    401: "Token tidak ada atau tidak berlaku",
    403: "Peran atau wilayah tidak berwenang",
    404: "Tidak ditemukan",
    409: "Konflik: versi usang, status tidak mengizinkan, atau kasus ditutup",
    413: "Berkas atau isi permintaan terlalu besar",
    422: "Isian tidak sah (details.fields menyebut setiap isian)",
    429: "Terlalu banyak percobaan (lihat Retry-After)",
}
#: Documented on every API route, so OpenAPI shows the shape the API really answers with.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text} for status, text in _STATUS_TEXT.items()
}

#: Never leaves the server, not even to officers: the receipt's lookup tag and hash.
SECRET_FIELDS = frozenset({"receipt_tag", "receipt_hash"})


def to_json(value: Any) -> Any:
    data = jsonable_encoder(asdict(value) if hasattr(value, "__dataclass_fields__") else value)
    return drop_secrets(data)


def drop_secrets(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: drop_secrets(v) for k, v in data.items() if k not in SECRET_FIELDS}
    if isinstance(data, list):
        return [drop_secrets(v) for v in data]
    return data


def services(ctx: WebContext) -> tuple[Any, Any]:
    """A fresh unit of work and the kit: the first two arguments of every service."""
    return ctx.backend.make_uow(), ctx.backend.kit
