"""The case workflow as data: statuses, transitions, who may take them, which deadlines they
start and stop. Services look transitions up here; nothing else encodes the procedure."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from netralitas.cases.roles import Role
from netralitas.errors import TransitionNotAllowedError


class CaseStatus(StrEnum):
    RECEIVED = "received"
    ADMIN_CHECK = "admin_check"
    VERIFICATION = "verification"
    VALIDATION = "validation"
    EXAMINATION = "examination"
    RECOMMENDATION_SENT = "recommendation_sent"
    PPK_DECIDED = "ppk_decided"
    FOLLOWUP_CONFIRMED = "followup_confirmed"
    ESCALATED = "escalated"
    # closing outcomes
    SANCTIONED = "sanctioned"
    NOT_PROVEN = "not_proven"
    DISMISSED = "dismissed"
    MERGED = "merged"
    OUT_OF_SCOPE = "out_of_scope"
    FORWARDED = "forwarded"


STATUS_LABELS: dict[CaseStatus, tuple[str, str]] = {
    CaseStatus.RECEIVED: ("Diterima", "Received"),
    CaseStatus.ADMIN_CHECK: ("Pemeriksaan administratif", "Administrative check"),
    CaseStatus.VERIFICATION: ("Verifikasi Satgas", "Task-force verification"),
    CaseStatus.VALIDATION: ("Validasi Bawaslu", "Bawaslu validation"),
    CaseStatus.EXAMINATION: ("Pemeriksaan oleh Tim Pemeriksa", "Examination"),
    CaseStatus.RECOMMENDATION_SENT: ("Rekomendasi dikirim ke PPK", "Recommendation sent to the PPK"),
    CaseStatus.PPK_DECIDED: ("Diputus PPK", "Decided by the PPK"),
    CaseStatus.FOLLOWUP_CONFIRMED: ("Tindak lanjut terkonfirmasi", "Follow-up confirmed"),
    CaseStatus.ESCALATED: ("Dieskalasi (permohonan pemblokiran)", "Escalated (blocking request)"),
    CaseStatus.SANCTIONED: ("Selesai: dijatuhi sanksi", "Closed: sanctioned"),
    CaseStatus.NOT_PROVEN: ("Selesai: tidak terbukti", "Closed: not proven"),
    CaseStatus.DISMISSED: ("Selesai: tidak ditindaklanjuti (dengan alasan)", "Closed: dismissed"),
    CaseStatus.MERGED: ("Digabung dengan kasus lain", "Merged into another case"),
    CaseStatus.OUT_OF_SCOPE: ("Di luar kewenangan (bukan ASN)", "Out of scope (not ASN)"),
    CaseStatus.FORWARDED: ("Diteruskan ke instansi lain (mis. Gakkumdu)", "Forwarded (e.g. Gakkumdu)"),
}

CLOSED_STATUSES: frozenset[CaseStatus] = frozenset(
    {
        CaseStatus.SANCTIONED,
        CaseStatus.NOT_PROVEN,
        CaseStatus.DISMISSED,
        CaseStatus.MERGED,
        CaseStatus.OUT_OF_SCOPE,
        CaseStatus.FORWARDED,
    }
)

#: Deadline step ids (catalogue ``deadline_on``) started when a case enters a status.
TASKFORCE_VERIFICATION = "taskforce_verification"
BAWASLU_VALIDATION = "bawaslu_validation"
PPK_DECISION = "ppk_decision"

_ALL = "*"


@dataclass(frozen=True)
class Transition:
    source: CaseStatus
    target: CaseStatus
    roles: frozenset[Role]
    #: A reason is mandatory (closing without a decision, forwarding, escalation).
    needs_reason: bool = False
    #: Deadline step started on entering ``target``.
    starts: str | None = None
    #: Open deadline steps stopped by the move; ``_ALL`` stops every open one.
    stops: tuple[str, ...] = (_ALL,)
    #: Only reachable through a dedicated service (merge, PPK decision, escalation...).
    via_service: str | None = None

    @property
    def stops_all(self) -> bool:
        return _ALL in self.stops


S = CaseStatus
R = Role
_INTAKE = frozenset({R.INTAKE_OFFICER})
_TASKFORCE = frozenset({R.TASKFORCE})
_BAWASLU = frozenset({R.BAWASLU})
_EXAMINER = frozenset({R.EXAMINER})
_PPK = frozenset({R.PPK})
_SUPERVISE = frozenset({R.SUPERVISOR, R.EXAMINER})
_TRIAGE = frozenset({R.INTAKE_OFFICER, R.TASKFORCE})
_FORWARDERS = frozenset({R.TASKFORCE, R.BAWASLU, R.SUPERVISOR})


def _t(source: S, target: S, roles: frozenset[Role], **kw: object) -> Transition:
    return Transition(source, target, roles, **kw)  # type: ignore[arg-type]


def _closings(source: S, roles: frozenset[Role]) -> list[Transition]:
    return [
        _t(source, S.DISMISSED, roles, needs_reason=True),
        _t(source, S.OUT_OF_SCOPE, roles, needs_reason=True),
        _t(source, S.FORWARDED, roles | _FORWARDERS, needs_reason=True),
    ]


TRANSITIONS: tuple[Transition, ...] = (
    _t(S.RECEIVED, S.ADMIN_CHECK, _INTAKE),
    *_closings(S.RECEIVED, _INTAKE),
    _t(S.RECEIVED, S.MERGED, _TRIAGE, needs_reason=True, via_service="merge_cases"),
    _t(S.ADMIN_CHECK, S.VERIFICATION, _INTAKE, starts=TASKFORCE_VERIFICATION),
    *_closings(S.ADMIN_CHECK, _INTAKE),
    _t(S.ADMIN_CHECK, S.MERGED, _TRIAGE, needs_reason=True, via_service="merge_cases"),
    _t(S.VERIFICATION, S.VALIDATION, _TASKFORCE, starts=BAWASLU_VALIDATION),
    _t(S.VERIFICATION, S.NOT_PROVEN, _TASKFORCE, needs_reason=True),
    *_closings(S.VERIFICATION, _TASKFORCE),
    _t(S.VERIFICATION, S.MERGED, _TASKFORCE, needs_reason=True, via_service="merge_cases"),
    _t(S.VALIDATION, S.EXAMINATION, _BAWASLU),
    _t(S.VALIDATION, S.NOT_PROVEN, _BAWASLU, needs_reason=True),
    _t(S.VALIDATION, S.FORWARDED, _BAWASLU | _FORWARDERS, needs_reason=True),
    _t(
        S.EXAMINATION,
        S.RECOMMENDATION_SENT,
        _EXAMINER,
        starts=PPK_DECISION,
        via_service="send_recommendation",
    ),
    _t(S.EXAMINATION, S.NOT_PROVEN, _EXAMINER, needs_reason=True),
    _t(S.EXAMINATION, S.FORWARDED, _EXAMINER | _FORWARDERS, needs_reason=True),
    _t(S.RECOMMENDATION_SENT, S.PPK_DECIDED, _PPK, via_service="record_ppk_decision"),
    _t(S.RECOMMENDATION_SENT, S.NOT_PROVEN, _PPK, needs_reason=True, via_service="record_ppk_decision"),
    _t(
        S.RECOMMENDATION_SENT,
        S.ESCALATED,
        frozenset({R.SUPERVISOR}),
        needs_reason=True,
        stops=(),
        via_service="escalate_case",
    ),
    _t(S.ESCALATED, S.PPK_DECIDED, _PPK, via_service="record_ppk_decision"),
    _t(S.ESCALATED, S.NOT_PROVEN, _PPK, needs_reason=True, via_service="record_ppk_decision"),
    _t(S.PPK_DECIDED, S.FOLLOWUP_CONFIRMED, _SUPERVISE, via_service="confirm_followup"),
    _t(S.FOLLOWUP_CONFIRMED, S.SANCTIONED, _SUPERVISE),
)


def transitions_from(status: CaseStatus) -> tuple[Transition, ...]:
    return tuple(t for t in TRANSITIONS if t.source == status)


def allowed_targets(status: CaseStatus, role: Role) -> tuple[CaseStatus, ...]:
    """Targets this role may move a case to from ``status`` (any service)."""
    return tuple(t.target for t in transitions_from(status) if role in t.roles)


def find_transition(status: CaseStatus, target: CaseStatus, role: Role, service: str | None) -> Transition:
    """The transition from ``status`` to ``target`` that ``role`` may take through ``service``.

    Raises TransitionNotAllowedError naming the allowed targets for this role."""
    for t in transitions_from(status):
        if t.target == target and role in t.roles and t.via_service == service:
            return t
    allowed = [t.target.value for t in transitions_from(status) if role in t.roles]
    names = ", ".join(allowed) or "tidak ada / none"
    raise TransitionNotAllowedError(
        f"Perpindahan status dari '{status.value}' ke '{target.value}' tidak diizinkan untuk peran "
        f"'{role.value}'. Yang diizinkan: {names}.",
        message_en=f"Moving from '{status.value}' to '{target.value}' is not allowed for role "
        f"'{role.value}'. Allowed: {names}.",
        details={"from": status.value, "to": target.value, "role": role.value, "allowed": allowed},
    )


def is_closed(status: CaseStatus) -> bool:
    return status in CLOSED_STATUSES
