"""The case workflow as data: statuses, transitions, who may take them, which deadlines they
start and stop, built from the procedure version in force on the case's act date
(``Catalogue.procedure_on``). Services look transitions up here; nothing else encodes the procedure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Protocol

from netralitas.cases.roles import Role
from netralitas.errors import TransitionNotAllowedError
from netralitas.rules.procedures import ProcedureStep


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

#: The procedure of ``rules/data/procedure.yaml`` a case follows.
PROCEDURE = "neutrality"
#: Deadline step id (catalogue ``deadline_on``) of the PPK's decision (escalation watches it).
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

#: The step of the ``neutrality`` procedure that is the escalation branch (a blocking request when
#: the PPK does not act), not a stage of the main line: a version with it lets a case be escalated.
ESCALATION_STEP = "personnel_blocking"

#: Who moves a case on from each status of the main line.
_MOVERS: dict[CaseStatus, frozenset[Role]] = {
    S.RECEIVED: _INTAKE,
    S.ADMIN_CHECK: _INTAKE,
    S.VERIFICATION: _TASKFORCE,
    S.VALIDATION: _BAWASLU,
    S.EXAMINATION: _EXAMINER,
    S.RECOMMENDATION_SENT: _PPK,
    S.PPK_DECIDED: _SUPERVISE,
    S.FOLLOWUP_CONFIRMED: _SUPERVISE,
}
#: Statuses entered only through a dedicated service (it records what the move is about).
_SERVICE_INTO: dict[CaseStatus, str] = {
    S.RECOMMENDATION_SENT: "send_recommendation",
    S.PPK_DECIDED: "record_ppk_decision",
    S.FOLLOWUP_CONFIRMED: "confirm_followup",
}


def _t(source: S, target: S, roles: frozenset[Role], **kw: object) -> Transition:
    return Transition(source, target, roles, **kw)  # type: ignore[arg-type]


def _closings(source: S, roles: frozenset[Role]) -> list[Transition]:
    return [
        _t(source, S.DISMISSED, roles, needs_reason=True),
        _t(source, S.OUT_OF_SCOPE, roles, needs_reason=True),
        _t(source, S.FORWARDED, roles | _FORWARDERS, needs_reason=True),
    ]


def _side_exits(status: CaseStatus, escalation: bool) -> list[Transition]:
    """The ways out of a status other than the next stage: closing, merging, escalating."""
    merge = {"needs_reason": True, "via_service": "merge_cases"}
    decision = {"needs_reason": True, "via_service": "record_ppk_decision"}
    exits: dict[CaseStatus, list[Transition]] = {
        S.RECEIVED: [*_closings(S.RECEIVED, _INTAKE), _t(S.RECEIVED, S.MERGED, _TRIAGE, **merge)],
        S.ADMIN_CHECK: [*_closings(S.ADMIN_CHECK, _INTAKE), _t(S.ADMIN_CHECK, S.MERGED, _TRIAGE, **merge)],
        S.VERIFICATION: [
            _t(S.VERIFICATION, S.NOT_PROVEN, _TASKFORCE, needs_reason=True),
            *_closings(S.VERIFICATION, _TASKFORCE),
            _t(S.VERIFICATION, S.MERGED, _TASKFORCE, **merge),
        ],
        S.VALIDATION: [
            _t(S.VALIDATION, S.NOT_PROVEN, _BAWASLU, needs_reason=True),
            _t(S.VALIDATION, S.FORWARDED, _BAWASLU | _FORWARDERS, needs_reason=True),
        ],
        S.EXAMINATION: [
            _t(S.EXAMINATION, S.NOT_PROVEN, _EXAMINER, needs_reason=True),
            _t(S.EXAMINATION, S.FORWARDED, _EXAMINER | _FORWARDERS, needs_reason=True),
        ],
        S.RECOMMENDATION_SENT: [
            _t(S.RECOMMENDATION_SENT, S.NOT_PROVEN, _PPK, **decision),
            *(_escalation() if escalation else ()),
        ],
    }
    return exits.get(status, [])


def _escalation() -> list[Transition]:
    """A PPK who does not act: a blocking request (SKB 2/2022), which the PPK's decision ends."""
    blocking = _t(
        S.RECOMMENDATION_SENT,
        S.ESCALATED,
        frozenset({R.SUPERVISOR}),
        needs_reason=True,
        stops=(),
        via_service="escalate_case",
    )
    return [blocking]


#: One step of a procedure version as the workflow reads it: (step id, deadline step id or None, the
#: case statuses the step covers: ``case_statuses`` in ``rules/data/procedure.yaml``).
StepStages = tuple[str, str | None, tuple[str, ...]]


def stages_of(steps: Sequence[ProcedureStep]) -> tuple[StepStages, ...]:
    return tuple((s.id, s.deadline.step_id if s.deadline else None, s.case_statuses) for s in steps)


def build_transitions(steps: Sequence[StepStages]) -> tuple[Transition, ...]:
    """The transition table of one version of the procedure, given in order as (step id, deadline
    step id or None, case statuses): its line of stages (the steps' statuses, as the dated data
    says), who moves a case on, the deadlines its steps carry (started on entering the step's first
    status), and the side exits."""
    line: list[CaseStatus] = []
    starts: dict[CaseStatus, str] = {}
    for _step, deadline, names in steps:
        statuses = [CaseStatus(name) for name in names]
        if statuses and deadline is not None:
            starts[statuses[0]] = deadline
        line.extend(statuses)
    if not line:
        return ()  # no procedure in force: no moves
    if line[0] != S.RECEIVED or len(set(line)) != len(line):
        raise ValueError(f"a case's stages must start at 'received' and not repeat: {line}")
    escalation = any(step == ESCALATION_STEP for step, _, _ in steps)
    table: list[Transition] = []
    for source, target in zip(line, [*line[1:], S.SANCTIONED], strict=True):
        forward = _t(source, target, _MOVERS[source], starts=starts.get(target))
        table += [replace(forward, via_service=_SERVICE_INTO.get(target)), *_side_exits(source, escalation)]
    if escalation:
        decision = {"via_service": "record_ppk_decision"}
        table += [
            _t(S.ESCALATED, S.PPK_DECIDED, _PPK, **decision),
            _t(S.ESCALATED, S.NOT_PROVEN, _PPK, needs_reason=True, **decision),
        ]
    return tuple(table)


@dataclass(frozen=True)
class Workflow:
    """The case workflow of the procedure version in force on a case's act date."""

    #: The ids of the procedure steps it was built from, in order.
    steps: tuple[str, ...]
    transitions: tuple[Transition, ...]

    def transitions_from(self, status: CaseStatus) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if t.source == status)

    def allowed_targets(self, status: CaseStatus, role: Role) -> tuple[CaseStatus, ...]:
        """Targets this role may move a case to from ``status`` (any service)."""
        return tuple(t.target for t in self.transitions_from(status) if role in t.roles)

    def find_transition(
        self, status: CaseStatus, target: CaseStatus, role: Role, service: str | None
    ) -> Transition:
        """The transition from ``status`` to ``target`` that ``role`` may take through ``service``.

        Raises TransitionNotAllowedError naming the allowed targets for this role."""
        for t in self.transitions_from(status):
            if t.target == target and role in t.roles and t.via_service == service:
                return t
        allowed = [t.target.value for t in self.transitions_from(status) if role in t.roles]
        names = ", ".join(allowed) or "tidak ada / none"
        raise TransitionNotAllowedError(
            f"Perpindahan status dari '{status.value}' ke '{target.value}' tidak diizinkan untuk peran "
            f"'{role.value}'. Yang diizinkan: {names}.",
            message_en=f"Moving from '{status.value}' to '{target.value}' is not allowed for role "
            f"'{role.value}'. Allowed: {names}.",
            details={"from": status.value, "to": target.value, "role": role.value, "allowed": allowed},
        )


class Procedures(Protocol):
    """Where the dated procedure comes from (``rules.catalogue.Catalogue``)."""

    def procedure_on(self, on: date, procedure: str = PROCEDURE) -> tuple[ProcedureStep, ...]: ...


def workflow_on(catalogue: Procedures, act_on: date, handled_on: date | None = None) -> Workflow:
    """The workflow of the ``neutrality`` procedure in force on ``act_on``: a case is judged under
    the law in force on the date of the act (DOMAIN.md), its process as its penalties.

    An act before the first version (15 Jan 2014, UU 5/2014: before it no neutrality procedure and
    no KASN existed, only discipline by the PPK) is handled by the version in force on
    ``handled_on`` (the case's opening day): a process needs bodies that exist when the case is
    handled, as KASN's files went to BKN when KASN stopped (SE MenPANRB 4/2024). The public report
    refuses such dates (``public_report.OLDEST_ACT_YEAR``); an officer's finding may carry one."""
    steps = catalogue.procedure_on(act_on, PROCEDURE)
    if not steps and handled_on is not None:
        steps = catalogue.procedure_on(handled_on, PROCEDURE)
    return _workflow(stages_of(steps))


@lru_cache(maxsize=16)
def _workflow(steps: tuple[StepStages, ...]) -> Workflow:
    return Workflow(tuple(step for step, _, _ in steps), build_transitions(steps))


def is_closed(status: CaseStatus) -> bool:
    return status in CLOSED_STATUSES
