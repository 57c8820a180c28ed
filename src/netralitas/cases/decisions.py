"""Use cases that record judgements: assessment, recommendation, PPK decision, follow-up,
escalation (blocking request). Each is one transaction, role- and scope-checked."""

from __future__ import annotations

from dataclasses import replace

from netralitas.cases import audit
from netralitas.cases.access_checks import check_version, load_case_in_scope, refuse_closed
from netralitas.cases.deadlines import is_breached
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import (
    AssessmentRequest,
    EscalationCreate,
    FollowUpCreate,
    PpkDecisionCreate,
    RecommendationCreate,
)
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import (
    AssessmentRecord,
    Case,
    Escalation,
    FollowUp,
    PpkDecision,
    Recommendation,
)
from netralitas.cases.roles import Actor, Role
from netralitas.cases.sanction_forms import choose_form, forms_for_case
from netralitas.cases.transitions import move, record_event
from netralitas.cases.workflow import PPK_DECISION, CaseStatus
from netralitas.errors import ConflictError, ValidationError
from netralitas.privacy.evidence_checks import AcceptedEvidence, accept_evidence
from netralitas.privacy.evidence_types import EvidenceKind
from netralitas.rules.engine import Facts

ASSESSORS = frozenset({Role.TASKFORCE, Role.BAWASLU, Role.EXAMINER, Role.SUPERVISOR})
#: Authority function whose holder sends recommendations (KASN until 2024, then BKN).
SUPERVISION_FUNCTION = "neutrality_supervision"
NOT_PROVEN_LEVEL = "none"
#: A decree (SK) is a signed document: a PDF or a scan/photo of it.
DECREE_KINDS = frozenset({EvidenceKind.DOCUMENT, EvidenceKind.IMAGE})


def assess_case(uow: UnitOfWork, kit: Kit, actor: Actor, request: AssessmentRequest) -> AssessmentRecord:
    """Run the rule engine on the officer's facts and keep its result with the catalogue version."""
    facts = Facts(
        behaviours=frozenset(request.behaviours),
        act_on=request.act_on,
        election_id=request.election_id,
        employee_type=request.employee_type,
        position=request.position,
        qualifiers=frozenset(request.qualifiers),
        candidate_stage=request.candidate_stage,
        candidate_stage_reason=request.override_reason if request.candidate_stage else None,
    )
    with uow:
        case = load_case_in_scope(uow, kit, actor, request.case_id, "assess", ASSESSORS)
        check_version(case, request.version)
        refuse_closed(case)
        result = kit.assessor(facts)
        record = AssessmentRecord(
            id=kit.new_id(),
            case_id=case.id,
            catalogue_version=str(result.catalogue_version),
            rule_ids=tuple(f.rule_id for f in result.findings),
            overall_level=None if result.overall_level is None else str(result.overall_level),
            result=result.to_dict(),
            behaviours=tuple(sorted(request.behaviours)),
            override_reason=request.override_reason,
            actor_id=actor.user_id,
            created_at=kit.clock.now(),
        )
        uow.assessments.add(record)
        _touch(uow, kit, case)
        record_event(uow, kit, actor, case, "assessment", request.override_reason)
        audit.record(
            uow,
            kit,
            actor.user_id,
            "case.assessed",
            "case",
            case.id,
            {"rule_ids": list(record.rule_ids), "catalogue_version": record.catalogue_version},
        )
        uow.commit()
    return record


def send_recommendation(uow: UnitOfWork, kit: Kit, actor: Actor, request: RecommendationCreate) -> Case:
    """The examination result goes to the PPK; the PPK's decision deadline starts."""
    with uow:
        case = load_case_in_scope(
            uow, kit, actor, request.case_id, "send_recommendation", frozenset({Role.EXAMINER})
        )
        check_version(case, request.version)
        authority = kit.catalogue.authority_on(SUPERVISION_FUNCTION, kit.clock.today())
        stored = move(
            uow, kit, actor, case, CaseStatus.RECOMMENDATION_SENT, None, service="send_recommendation"
        )
        uow.recommendations.add(
            Recommendation(
                kit.new_id(),
                case.id,
                str(authority.id),
                request.level,
                request.text,
                kit.clock.today(),
                actor.user_id,
                kit.clock.now(),
            )
        )
        uow.commit()
    return stored


def record_ppk_decision(
    uow: UnitOfWork, kit: Kit, actor: Actor, request: PpkDecisionCreate, *, decree: bytes | None = None
) -> Case:
    """The PPK's decision (level, concrete form, decree number and date, optionally the decree
    file); level ``none`` closes the case as not proven. Open escalations are resolved.

    The decree file is checked like evidence (size bound, sniffed type, PDF or image only),
    sealed by SHA-256 and stored before the transaction opens (as ``submit_report`` does)."""
    accepted = accept_decree(kit, decree) if decree else None
    if accepted is not None:
        kit.files.put_original(accepted.original)
    with uow:
        case = load_case_in_scope(
            uow, kit, actor, request.case_id, "record_ppk_decision", frozenset({Role.PPK})
        )
        check_version(case, request.version)
        chosen = choose_form(
            forms_for_case(uow, kit, case),
            request.level,
            request.form_code,
            request.form,
            request.form_other_reason,
        )
        not_proven = request.level == NOT_PROVEN_LEVEL
        target = CaseStatus.NOT_PROVEN if not_proven else CaseStatus.PPK_DECIDED
        reason = (request.reason or chosen.form) if not_proven else None
        stored = move(uow, kit, actor, case, target, reason, service="record_ppk_decision")
        decision = PpkDecision(
            kit.new_id(),
            case.id,
            request.level,
            chosen.form,
            request.decree_number,
            request.decree_on,
            actor.user_id,
            kit.clock.now(),
            decree_sha256=accepted.sha256 if accepted else None,
            decree_media_type=accepted.media_type if accepted else None,
            decree_size=accepted.size if accepted else None,
            form_code=chosen.code,
            form_other_reason=chosen.other_reason,
        )
        uow.decisions.add(decision)
        if accepted is not None:
            details = {"case_id": case.id, "sha256": accepted.sha256, "size": accepted.size}
            audit.record(uow, kit, actor.user_id, "decree.stored", "decision", decision.id, details)
        for escalation in uow.escalations.find(case_id=case.id, resolved_at=None):
            uow.escalations.replace(replace(escalation, resolved_at=kit.clock.now()))
        uow.commit()
    return stored


def accept_decree(kit: Kit, data: bytes) -> AcceptedEvidence:
    """Check a decree file with the evidence rules; only PDFs and images are decrees."""
    accepted = accept_evidence(data, kit.evidence_policy)
    if accepted.kind not in DECREE_KINDS:
        raise ValidationError(
            "Berkas SK harus PDF atau gambar (hasil pindai/foto).",
            message_en="The decree file must be a PDF or an image (scan/photo).",
            code="evidence_type_not_allowed",
            details={"field": "decree", "media_type": accepted.media_type},
        )
    return accepted


def confirm_followup(uow: UnitOfWork, kit: Kit, actor: Actor, request: FollowUpCreate) -> Case:
    """The PPK's decision was carried out (e.g. recorded in I'DIS)."""
    roles = frozenset({Role.SUPERVISOR, Role.EXAMINER})
    with uow:
        case = load_case_in_scope(uow, kit, actor, request.case_id, "confirm_followup", roles)
        check_version(case, request.version)
        stored = move(uow, kit, actor, case, CaseStatus.FOLLOWUP_CONFIRMED, None, service="confirm_followup")
        uow.followups.add(
            FollowUp(
                kit.new_id(), case.id, request.note, request.confirmed_on, actor.user_id, kit.clock.now()
            )
        )
        uow.commit()
    return stored


def escalate_case(uow: UnitOfWork, kit: Kit, actor: Actor, request: EscalationCreate) -> Case:
    """A blocking request against a PPK whose decision deadline has passed."""
    with uow:
        case = load_case_in_scope(uow, kit, actor, request.case_id, "escalate", frozenset({Role.SUPERVISOR}))
        check_version(case, request.version)
        today = kit.clock.today()
        late = [
            d
            for d in uow.deadlines.open_for_case(case.id)
            if d.step_id == PPK_DECISION and is_breached(d, today)
        ]
        if case.status == CaseStatus.RECOMMENDATION_SENT and not late:
            raise ConflictError(
                "Tenggat keputusan PPK belum terlampaui; eskalasi belum dapat diajukan.",
                message_en="The PPK's deadline has not passed yet; escalation is not possible.",
                code="not_overdue",
                details={"case_id": case.id},
            )
        stored = move(uow, kit, actor, case, CaseStatus.ESCALATED, request.reason, service="escalate_case")
        uow.escalations.add(
            Escalation(
                kit.new_id(), case.id, "blocking_request", request.reason, actor.user_id, kit.clock.now()
            )
        )
        uow.commit()
    return stored


def _touch(uow: UnitOfWork, kit: Kit, case: Case) -> Case:
    return uow.cases.update(replace(case, updated_at=kit.clock.now()), case.version)
