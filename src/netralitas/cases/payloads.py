"""Payload models of the case services (the edge the web and CLI fill in).

Parse untrusted data with ``parse_payload`` to get a domain ValidationError with an
Indonesian message listing each bad field."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from netralitas.cases.roles import Role
from netralitas.cases.workflow import CaseStatus
from netralitas.errors import ValidationError

M = TypeVar("M", bound=BaseModel)

_FROZEN = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class _Payload(BaseModel):
    model_config = _FROZEN


class PersonInput(_Payload):
    """Identifying the reported ASN (a matching step by staff, never a gate for the reporter)."""

    name: str = Field(min_length=2, max_length=200)
    nip: str | None = Field(default=None, max_length=40)
    employee_type: str = Field(default="unknown", max_length=20)
    position: str | None = Field(default=None, max_length=200)
    agency_id: str | None = Field(default=None, max_length=64)


class CaseOpen(_Payload):
    """An officer registering a finding (temuan) directly as a case."""

    description: str = Field(min_length=10, max_length=20_000)
    act_on: date | None = None
    place: str | None = Field(default=None, max_length=300)
    region_code: str = Field(default="", max_length=20)
    links: tuple[str, ...] = Field(default=(), max_length=20)
    person_name: str | None = Field(default=None, max_length=200)
    person_nip: str | None = Field(default=None, max_length=40)
    person_position: str | None = Field(default=None, max_length=200)
    employee_type: str = Field(default="unknown", max_length=20)
    agency_id: str | None = Field(default=None, max_length=64)
    election_id: str | None = Field(default=None, max_length=40)


class TransitionRequest(_Payload):
    case_id: str
    version: int = Field(ge=1)
    target: CaseStatus
    reason: str | None = Field(default=None, max_length=4000)


class AssessmentRequest(_Payload):
    case_id: str
    version: int = Field(ge=1)
    behaviours: tuple[str, ...] = Field(min_length=1)
    act_on: date
    election_id: str | None = None
    employee_type: str = "unknown"
    position: str | None = None
    qualifiers: tuple[str, ...] = ()
    candidate_stage: str | None = None
    override_reason: str | None = Field(default=None, max_length=4000)


class RecommendationCreate(_Payload):
    case_id: str
    version: int = Field(ge=1)
    level: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=10, max_length=20_000)


class PpkDecisionCreate(_Payload):
    case_id: str
    version: int = Field(ge=1)
    #: "none" records that the PPK found the violation not proven.
    level: str = Field(min_length=1, max_length=40)
    form: str = Field(min_length=2, max_length=400)
    decree_number: str = Field(min_length=2, max_length=100)
    decree_on: date
    reason: str | None = Field(default=None, max_length=4000)


class FollowUpCreate(_Payload):
    case_id: str
    version: int = Field(ge=1)
    note: str = Field(min_length=5, max_length=4000)
    confirmed_on: date


class EscalationCreate(_Payload):
    case_id: str
    version: int = Field(ge=1)
    reason: str = Field(min_length=5, max_length=4000)


class MergeRequest(_Payload):
    source_case_id: str
    source_version: int = Field(ge=1)
    target_case_id: str
    reason: str = Field(min_length=5, max_length=4000)


class MessageCreate(_Payload):
    body: str = Field(min_length=1, max_length=4000)


class UserCreate(_Payload):
    username: str = Field(min_length=3, max_length=64, pattern=r"^[a-z0-9_.-]+$")
    display_name: str = Field(min_length=2, max_length=200)
    role: Role
    password: str = Field(min_length=10, max_length=200)
    region_code: str = Field(default="", max_length=20)
    agency_id: str | None = None


def parse_payload(model: type[M], data: Any) -> M:
    """Validate untrusted data; bad fields become one ValidationError naming each field."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        fields = {".".join(str(p) for p in err["loc"]) or "_": err["msg"] for err in exc.errors()}
        listed = "; ".join(f"{k}: {v}" for k, v in fields.items())
        raise ValidationError(
            f"Data tidak valid — {listed}",
            message_en=f"Invalid data — {listed}",
            details={"fields": fields},
        ) from None
