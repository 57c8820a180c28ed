"""Sensitive reads: the case file, a reporter's identity, an evidence original.

Each read writes an audit entry (who, what, why) in its own committed transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace

from netralitas.cases import audit
from netralitas.cases.access_checks import load_case_in_scope
from netralitas.cases.deadlines import ReportWindow, report_window
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import (
    AssessmentRecord,
    AuditEntry,
    Case,
    CaseDeadline,
    CaseEvent,
    Escalation,
    Evidence,
    FollowUp,
    Message,
    PpkDecision,
    Recommendation,
    Report,
    ReportedPerson,
)
from netralitas.cases.roles import CASE_READERS, REPORTER_CHANNEL_READERS, Actor, Role
from netralitas.cases.transitions import workflow_of
from netralitas.cases.triage import TriageItem, case_triage
from netralitas.clock import JAKARTA
from netralitas.errors import NotFoundError, ValidationError
from netralitas.privacy.access_reasons import require_reason_text
from netralitas.privacy.pdf_clean import PDF_MEDIA_TYPE, PdfNotCleanedError, strip_pdf_metadata
from netralitas.privacy.reporter_identity import ReporterIdentity
from netralitas.privacy.reporter_identity import reveal_identity as open_identity

IDENTITY_READERS = frozenset({Role.TASKFORCE, Role.BAWASLU, Role.SUPERVISOR})


@dataclass(frozen=True)
class CaseDetail:
    case: Case
    person: ReportedPerson | None
    reports: tuple[Report, ...]
    evidence: tuple[Evidence, ...]
    deadlines: tuple[CaseDeadline, ...]
    events: tuple[CaseEvent, ...]
    assessments: tuple[AssessmentRecord, ...]
    recommendations: tuple[Recommendation, ...]
    decisions: tuple[PpkDecision, ...]
    followups: tuple[FollowUp, ...]
    escalations: tuple[Escalation, ...]
    messages: tuple[Message, ...]
    #: Which reports carry a sealed reporter identity (never the identity itself).
    reports_with_identity: frozenset[str]
    #: Statuses the viewing actor may move the case to.
    next_statuses: tuple[str, ...]
    #: Per report: was it within the election law's reporting window (for the admin check)?
    report_windows: tuple[ReportWindow, ...] = ()
    #: Per screened report: suggested labels, evidence, candidates, ASN cues, findings, reviews.
    triage: tuple[TriageItem, ...] = ()
    #: False for a reader outside the reporter channel (the PPK): no messages, no identity marks,
    #: no receipt or reporter dates, no reporting windows in this detail.
    reporter_channel: bool = True


def view_case(uow: UnitOfWork, kit: Kit, actor: Actor, case_id: str) -> CaseDetail:
    """The whole case file; the read is audited."""
    with uow:
        case = load_case_in_scope(uow, kit, actor, case_id, "view_case", CASE_READERS)
        detail = case_detail(uow, kit, actor, case)
        audit.record(uow, kit, actor.user_id, "case.viewed", "case", case.id, {})
        uow.commit()
    return detail


def case_detail(uow: UnitOfWork, kit: Kit, actor: Actor, case: Case) -> CaseDetail:
    """The file of a case already loaded in scope (inside the caller's transaction; not audited).

    A reader outside ``REPORTER_CHANNEL_READERS`` (the PPK) gets the facts without the reporter
    channel: see ``for_ppk``."""
    reports = tuple(uow.reports.find(case_id=case.id))
    ids = [r.id for r in reports]
    detail = CaseDetail(
        case=case,
        person=uow.persons.get(case.person_id) if case.person_id else None,
        reports=reports,
        evidence=tuple(e for rid in ids for e in uow.evidence.find(report_id=rid)),
        deadlines=tuple(uow.deadlines.find(case_id=case.id)),
        events=tuple(uow.events.find(case_id=case.id)),
        assessments=tuple(uow.assessments.find(case_id=case.id)),
        recommendations=tuple(uow.recommendations.find(case_id=case.id)),
        decisions=tuple(uow.decisions.find(case_id=case.id)),
        followups=tuple(uow.followups.find(case_id=case.id)),
        escalations=tuple(uow.escalations.find(case_id=case.id)),
        messages=tuple(m for rid in ids for m in uow.messages.find(report_id=rid)),
        reports_with_identity=frozenset(rid for rid in ids if uow.identities.find(report_id=rid)),
        next_statuses=tuple(t.value for t in workflow_of(kit, case).allowed_targets(case.status, actor.role)),
        report_windows=_windows(kit, reports),
        triage=case_triage(uow, reports),
    )
    return detail if actor.role in REPORTER_CHANNEL_READERS else for_ppk(detail)


def for_ppk(detail: CaseDetail) -> CaseDetail:
    """What the reported person's superior reads: the facts (report texts, place, act date,
    links, the evidence list), the assessment, recommendation, decisions and history; never the
    messages with the reporter, which report carries an identity, the receipt, when the reporter
    learnt of the act, or the reporting windows computed from it."""
    reports = tuple(replace(r, receipt_tag=None, receipt_hash=None, known_on=None) for r in detail.reports)
    return replace(
        detail,
        reports=reports,
        messages=(),
        reports_with_identity=frozenset(),
        report_windows=(),
        reporter_channel=False,
    )


def reveal_identity(uow: UnitOfWork, kit: Kit, actor: Actor, report_id: str, reason: str) -> ReporterIdentity:
    """Decrypt a reporter's identity for an officer who states why; audited with the reason."""
    why = _reason(reason)
    with uow:
        report = _report(uow, report_id)
        load_case_in_scope(uow, kit, actor, report.case_id or "", "reveal_identity", IDENTITY_READERS)
        found = uow.identities.find(report_id=report.id)
        if not found:
            raise NotFoundError("Pelapor tidak memberikan identitas.", message_en="No identity was given.")
        identity = open_identity(found[0].token, keyring=kit.keyring, bound_to=report.id, reason=why)
        audit.record(uow, kit, actor.user_id, "identity.revealed", "report", report.id, {"reason": why})
        uow.commit()
    return identity


def read_evidence(
    uow: UnitOfWork, kit: Kit, actor: Actor, evidence_id: str, *, original: bool = False, reason: str = ""
) -> tuple[Evidence, bytes]:
    """The metadata-free derivative, or the sealed original (reason required, audited). A file
    without a derivative (PDF, audio, video) is only served as the original, with a reason. A
    PDF original is served rebuilt without its metadata (``privacy.pdf_clean``; the stored
    original keeps its seal); one that cannot be rebuilt is served as stored, and the audit
    entry says which (``metadata_removed``). Audio and video keep their metadata."""
    why = _reason(reason) if original else None
    with uow:
        evidence = uow.evidence.get(evidence_id)
        if evidence is None:
            raise NotFoundError("Bukti tidak ditemukan.", message_en="Evidence not found.")
        report = _report(uow, evidence.report_id)
        readers = REPORTER_CHANNEL_READERS if original else CASE_READERS
        load_case_in_scope(uow, kit, actor, report.case_id or "", "read_evidence", readers)
        detail: dict[str, object] = {"reason": why}
        if original:
            data = kit.files.read_original(evidence.sha256)
            action = "evidence.original_read"
            if evidence.media_type == PDF_MEDIA_TYPE:
                data, detail["metadata_removed"] = _without_pdf_metadata(data)
        elif evidence.derivative_name is None:
            raise _original_only()
        else:
            data = kit.files.read_derivative(evidence.sha256, evidence.derivative_name)
            action = "evidence.derivative_read"
        audit.record(uow, kit, actor.user_id, action, "evidence", evidence.id, detail)
        uow.commit()
    return evidence, data


def _without_pdf_metadata(data: bytes) -> tuple[bytes, bool]:
    try:
        return strip_pdf_metadata(data), True
    except PdfNotCleanedError:
        return data, False


def read_decree(uow: UnitOfWork, kit: Kit, actor: Actor, decision_id: str) -> tuple[PpkDecision, bytes]:
    """The PPK's signed decree file, for users in the case's scope (officers of its region, the
    PPK of its agency, supervisors); every read is audited. An unknown decision is ``not_found``;
    a decision outside the actor's scope is refused (audited) before anyone learns whether it has
    a file; a decision in scope without a file is ``not_found``."""
    with uow:
        decision = uow.decisions.get(decision_id)
        if decision is None:
            raise NotFoundError("Keputusan tidak ditemukan.", message_en="Decision not found.")
        load_case_in_scope(uow, kit, actor, decision.case_id, "read_decree", CASE_READERS)
        if decision.decree_sha256 is None:
            raise NotFoundError("Berkas SK tidak ditemukan.", message_en="Decree file not found.")
        data = kit.files.read_original(decision.decree_sha256)
        details = {"case_id": decision.case_id, "sha256": decision.decree_sha256}
        audit.record(uow, kit, actor.user_id, "decree.read", "decision", decision.id, details)
        uow.commit()
    return decision, data


def case_audit_trail(uow: UnitOfWork, kit: Kit, actor: Actor, case_id: str) -> list[AuditEntry]:
    """Audit entries about one case (for supervisors and the case file's history tab)."""
    roles = frozenset({Role.SUPERVISOR, Role.TASKFORCE, Role.BAWASLU, Role.EXAMINER})
    with uow.reading():
        case = load_case_in_scope(uow, kit, actor, case_id, "case_audit_trail", roles)
        return uow.audit.for_subject("case", case.id)


def _windows(kit: Kit, reports: tuple[Report, ...]) -> tuple[ReportWindow, ...]:
    found = (
        report_window(
            kit.catalogue,
            r.id,
            r.election_id,
            r.act_on,
            r.submitted_at.astimezone(JAKARTA).date(),
            r.known_on,
        )
        for r in reports
    )
    return tuple(w for w in found if w is not None)


def _report(uow: UnitOfWork, report_id: str) -> Report:
    report = uow.reports.get(report_id)
    if report is None or report.purged_at is not None:
        raise NotFoundError("Laporan tidak ditemukan.", message_en="Report not found.")
    return report


def _original_only() -> ValidationError:
    return ValidationError(
        "Berkas ini tidak punya salinan tanpa metadata (PDF, rekaman, video dapat memuat nama atau lokasi). "
        "Unduh berkas aslinya dengan menyebutkan alasan; pembukaan dicatat dalam audit.",
        message_en="This file has no metadata-free copy (PDF, audio and video may carry names or places). "
        "Download the original with a reason; the read is audited.",
        code="evidence_original_reason_required",
        details={"field": "reason"},
    )


def _reason(reason: str) -> str:
    return require_reason_text(
        reason, 10, what_id="membuka data rahasia ini", what_en="for opening this confidential data"
    )
