"""Domain records of the case area: frozen dataclasses, one per stored thing.

Field names equal the column names in ``netralitas.db``; the repositories map them one to
one. Ids are opaque strings (32 hex characters by default)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from netralitas.cases.roles import Role
from netralitas.cases.workflow import CaseStatus


class AgencyKind(StrEnum):
    CENTRAL = "central"
    REGIONAL = "regional"


class Channel(StrEnum):
    WEB = "web"
    BAWASLU = "bawaslu"
    TASKFORCE = "taskforce"
    OFFICER = "officer"
    OTHER = "other"


class Sender(StrEnum):
    REPORTER = "reporter"
    OFFICER = "officer"


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    kind: AgencyKind
    #: Kemendagri code of the region it serves ("" for central agencies).
    region_code: str
    #: Title of its PPK, e.g. "Bupati Sleman" or "Menteri Dalam Negeri".
    ppk_title: str
    #: The agency it belongs to (e.g. a kab/kota government's province, a ministry's regional office
    #: under the ministry); None at the top.
    parent_id: str | None = None


@dataclass(frozen=True)
class User:
    id: str
    username: str
    display_name: str
    role: Role
    region_code: str
    agency_id: str | None
    password_hash: str
    active: bool
    created_at: datetime
    #: Row version: every change of the account adds one; a change sent with an older one is refused.
    version: int = 1
    #: Sessions and API tokens carry the epoch they were issued under; a credential or scope change
    #: adds one, so every session and token issued before stops working.
    session_epoch: int = 0


@dataclass(frozen=True)
class ReportedPerson:
    id: str
    name: str
    nip: str | None
    employee_type: str
    position: str | None
    agency_id: str | None


@dataclass(frozen=True)
class Report:
    id: str
    case_id: str | None
    #: Indexed lookup tag and argon2id hash of the receipt (None for findings opened by officers).
    receipt_tag: str | None
    receipt_hash: str | None
    channel: Channel
    description: str
    act_on: date | None
    place: str | None
    region_code: str
    links: tuple[str, ...]
    person_name: str | None
    person_nip: str | None
    person_position: str | None
    employee_type: str
    agency_id: str | None
    agency_name: str | None
    election_id: str | None
    submitted_at: datetime
    retention_on: date
    purged_at: datetime | None = None
    #: When the reporter learnt of the act, if they said (report windows count from it).
    known_on: date | None = None


@dataclass(frozen=True)
class ReporterIdentity:
    """Stored apart from the report, encrypted at rest; ``ciphertext`` is opaque here."""

    id: str
    report_id: str
    #: ``netralitas.privacy.reporter_identity`` token, bound to the report id.
    token: str
    created_at: datetime


@dataclass(frozen=True)
class Evidence:
    """The original is stored once by its SHA-256 seal; the uploaded filename is not kept."""

    id: str
    report_id: str
    sha256: str
    size: int
    media_type: str
    kind: str
    #: Name of the metadata-free derivative beside the original (None: no derivative).
    derivative_name: str | None
    metadata_stripped: bool
    created_at: datetime


@dataclass(frozen=True)
class Case:
    id: str
    number: str
    status: CaseStatus
    title: str
    person_id: str | None
    agency_id: str | None
    region_code: str
    election_id: str | None
    act_on: date | None
    opened_at: datetime
    updated_at: datetime
    version: int = 1
    merged_into_id: str | None = None
    closed_at: datetime | None = None
    close_reason: str | None = None
    #: Set when ``purge_cases`` removed the personal data after retention.
    purged_at: datetime | None = None
    #: Why the case must be kept beyond retention (appeal, court, a request from an authority).
    hold_reason: str | None = None


@dataclass(frozen=True)
class CaseDeadline:
    id: str
    case_id: str
    step_id: str
    started_on: date
    due_on: date
    amount: int
    unit: str
    review_status: str
    stopped_on: date | None = None


@dataclass(frozen=True)
class CaseEvent:
    """One row of a case's history: a transition or another recorded act."""

    id: str
    case_id: str
    at: datetime
    actor_id: str
    kind: str
    from_status: str | None
    to_status: str | None
    reason: str | None


@dataclass(frozen=True)
class AssessmentRecord:
    id: str
    case_id: str
    catalogue_version: str
    rule_ids: tuple[str, ...]
    overall_level: str | None
    result: dict[str, Any]
    behaviours: tuple[str, ...]
    override_reason: str | None
    actor_id: str
    created_at: datetime


@dataclass(frozen=True)
class Recommendation:
    id: str
    case_id: str
    authority_id: str
    level: str
    text: str
    sent_on: date
    actor_id: str
    created_at: datetime


@dataclass(frozen=True)
class PpkDecision:
    id: str
    case_id: str
    level: str
    form: str
    decree_number: str
    decree_on: date
    actor_id: str
    created_at: datetime
    #: The signed decree (SK) file, sealed and stored like evidence (None when not uploaded).
    decree_sha256: str | None = None
    decree_media_type: str | None = None
    decree_size: int | None = None
    #: The form picked from the sanction ladder (``cases.sanction_forms`` code), "lainnya" for a
    #: form outside it, None when no ladder applied (or a decision recorded before the codes).
    form_code: str | None = None
    #: Why a form outside the ladder was chosen ("lainnya").
    form_other_reason: str | None = None


@dataclass(frozen=True)
class FollowUp:
    id: str
    case_id: str
    note: str
    confirmed_on: date
    actor_id: str
    created_at: datetime


@dataclass(frozen=True)
class Escalation:
    id: str
    case_id: str
    kind: str
    reason: str
    actor_id: str
    requested_at: datetime
    resolved_at: datetime | None = None


@dataclass(frozen=True)
class Message:
    id: str
    report_id: str
    sender: Sender
    author_id: str | None
    body: str
    created_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor_id: str
    action: str
    subject_type: str
    subject_id: str
    detail: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = ""
    hash: str = ""


class ScreeningStatus(StrEnum):
    """Where a report's screening stands: machine suggestion, or reviewed by an officer."""

    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"


@dataclass(frozen=True)
class Screening:
    """The screening of one report's text (``netralitas.screening``), kept with the report.

    ``result`` is ``ScreeningResult.to_dict()``: behaviours with confidence and evidence spans,
    candidates, ASN cues, rule findings, warnings. ``labels`` are the machine's suggestion and
    never change; an officer's review sets ``reviewed_labels``."""

    id: str
    report_id: str
    screened_at: datetime
    labels: tuple[str, ...]
    result: dict[str, Any]
    status: ScreeningStatus = ScreeningStatus.SUGGESTED
    reviewed_labels: tuple[str, ...] | None = None
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None

    @property
    def current_labels(self) -> tuple[str, ...]:
        """The officer's labels once reviewed, else the suggestion."""
        return self.reviewed_labels if self.reviewed_labels is not None else self.labels


@dataclass(frozen=True)
class ScreeningReview:
    """One officer confirmation or correction (kept forever, oldest first per screening)."""

    id: str
    screening_id: str
    case_id: str
    report_id: str
    actor_id: str
    at: datetime
    #: The labels before this review (the machine's suggestion, or the previous review's).
    original_labels: tuple[str, ...]
    labels: tuple[str, ...]
    outcome: ScreeningStatus
    note: str | None = None


@dataclass(frozen=True)
class CaseAssignment:
    """Which officer handles a case ("Kasus saya"); ``id`` is the case id (one per case)."""

    id: str
    assignee_id: str
    assigned_by: str
    assigned_at: datetime
    #: Every reassignment adds one; a reassignment sent with an older one is refused.
    version: int = 1


class NotificationKind(StrEnum):
    NEW_CASE = "new_case"
    DEADLINE_SOON = "deadline_soon"
    DEADLINE_MISSED = "deadline_missed"
    REPORTER_REPLY = "reporter_reply"
    ASSIGNED = "assigned"


@dataclass(frozen=True)
class Notification:
    """One note for one officer. The id is derived from what it is about, so a sweep run twice
    adds nothing. It names the case, never the reporter nor what they wrote."""

    id: str
    user_id: str
    kind: NotificationKind
    case_id: str
    case_number: str
    #: e.g. the due date (ISO) and step of a deadline; never personal data.
    detail: str
    created_at: datetime
    read_at: datetime | None = None
    #: When it was sent by e-mail or skipped (no address, opted out): set once either way.
    emailed_at: datetime | None = None


@dataclass(frozen=True)
class NotificationPrefs:
    """An officer's e-mail settings; ``id`` is the user id."""

    id: str
    email: str | None
    email_opt_out: bool = False
