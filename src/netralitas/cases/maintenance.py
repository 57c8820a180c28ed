"""Retention: ``purge_cases`` removes the personal data of cases closed longer than the
retention period (``netralitas.privacy.retention`` decides which and what).

One transaction per case. What stays: the case and report rows as anonymised skeletons
(status, dates, region, agency, election, levels, rule ids, catalogue version) so statistics
keep adding up, and the audit chain (ids and actions). What goes: see
``privacy.retention.DELETED_ON_PURGE``. Each purge writes a ``case.purged`` audit entry."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from netralitas.cases import audit
from netralitas.cases.access_checks import check_version, load_case_in_scope
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Case, Report
from netralitas.cases.roles import Actor, Role
from netralitas.clock import JAKARTA
from netralitas.privacy.access_reasons import require_reason_text
from netralitas.privacy.retention import RetentionCandidate, evidence_to_delete, select_for_purge

PURGED_TEXT = "[dihapus sesuai masa retensi / purged after retention]"

#: Who may put a case on hold (kept past its retention date).
HOLDERS = frozenset({Role.SUPERVISOR})


@dataclass(frozen=True)
class PurgeResult:
    cases: int
    reports: int
    evidence_files: int

    def to_dict(self) -> dict[str, int]:
        return {"cases": self.cases, "reports": self.reports, "evidence_files": self.evidence_files}


def purge_cases(
    uow: UnitOfWork, kit: Kit, today: date, *, dry_run: bool = False, batch: int = 500
) -> PurgeResult:
    """Purge every closed case whose retention ended before ``today`` (WIB dates)."""
    cutoff = datetime.combine(today - timedelta(days=kit.retention_days), time.min, JAKARTA).astimezone(UTC)
    with uow:
        closed = uow.cases.closed_unpurged(cutoff, batch)
    candidates = [
        RetentionCandidate(c.id, c.closed_at.astimezone(JAKARTA).date(), on_hold=c.hold_reason is not None)
        for c in closed
        if c.closed_at
    ]
    due = select_for_purge(candidates, retention_days=kit.retention_days, today=today)
    cases = reports = files = 0
    for case_id in due:
        if dry_run:
            cases += 1
            continue
        n_reports, shas = _purge_case(uow, kit, case_id)
        cases, reports = cases + 1, reports + n_reports
        for sha in shas:  # files go only after the rows are gone for good
            kit.files.delete(sha)
        files += len(shas)
    return PurgeResult(cases, reports, files)


def set_hold(uow: UnitOfWork, kit: Kit, actor: Actor, case_id: str, version: int, reason: str | None) -> Case:
    """Keep a case beyond retention (reason given) or release the hold (reason None). Supervisors."""
    why = None
    if reason is not None:
        why = require_reason_text(reason, 10, what_id="penahanan", what_en="for the hold")
    with uow:
        case = load_case_in_scope(uow, kit, actor, case_id, "set_hold", HOLDERS)
        check_version(case, version)
        stored = uow.cases.update(replace(case, hold_reason=why, updated_at=kit.clock.now()), case.version)
        action = "case.hold_set" if why else "case.hold_released"
        audit.record(uow, kit, actor.user_id, action, "case", case.id, {"reason": why})
        uow.commit()
    return stored


def _purge_case(uow: UnitOfWork, kit: Kit, case_id: str) -> tuple[int, frozenset[str]]:
    with uow:
        case = uow.cases.get(case_id)
        if case is None or case.purged_at is not None or case.hold_reason is not None:
            return 0, frozenset()
        reports = uow.reports.find(case_id=case.id)
        purged_files = [sha for r in reports for sha in _scrub_report(uow, kit, r)]
        _scrub_case(uow, kit, case)
        kept = [sha for sha in set(purged_files) if uow.evidence.find(sha256=sha)]
        orphans = evidence_to_delete(purged_files, kept)
        detail = {"reports": len(reports), "files": len(orphans)}
        audit.record(uow, kit, audit.SYSTEM_ACTOR, "case.purged", "case", case.id, detail)
        uow.commit()
    return len(reports), orphans


def _scrub_report(uow: UnitOfWork, kit: Kit, report: Report) -> list[str]:
    shas = []
    for evidence in uow.evidence.find(report_id=report.id):
        shas.append(evidence.sha256)
        uow.evidence.delete(evidence.id)
    for identity in uow.identities.find(report_id=report.id):
        uow.identities.delete(identity.id)
    for message in uow.messages.find(report_id=report.id):
        uow.messages.delete(message.id)
    for screening in uow.screenings.find(report_id=report.id):  # evidence spans quote the text
        uow.screenings.replace(replace(screening, result={}))
    for review in uow.screening_reviews.find(report_id=report.id):
        uow.screening_reviews.replace(replace(review, note=None))
    uow.reports.replace(
        replace(
            report,
            description=PURGED_TEXT,
            links=(),
            place=None,
            act_on=None,
            person_name=None,
            person_nip=None,
            person_position=None,
            agency_name=None,
            receipt_tag=None,
            receipt_hash=None,
            known_on=None,
            purged_at=kit.clock.now(),
        )
    )
    return shas


def _scrub_case(uow: UnitOfWork, kit: Kit, case: Case) -> None:
    """Free text and personal fields of the case and its records."""
    for event in uow.events.find(case_id=case.id):
        if event.reason:
            uow.events.replace(replace(event, reason=None))
    for item in uow.assessments.find(case_id=case.id):
        uow.assessments.replace(replace(item, result={}, override_reason=None))
    for rec in uow.recommendations.find(case_id=case.id):
        uow.recommendations.replace(replace(rec, text=PURGED_TEXT))
    for dec in uow.decisions.find(case_id=case.id):
        uow.decisions.replace(replace(dec, form=PURGED_TEXT, decree_number="-"))
    for fu in uow.followups.find(case_id=case.id):
        uow.followups.replace(replace(fu, note=PURGED_TEXT))
    for esc in uow.escalations.find(case_id=case.id):
        uow.escalations.replace(replace(esc, reason=PURGED_TEXT))
    person_id = case.person_id
    scrubbed = replace(case, title=PURGED_TEXT, person_id=None, close_reason=None, purged_at=kit.clock.now())
    uow.cases.update(scrubbed, case.version)
    if person_id and not uow.cases.find(person_id=person_id):
        uow.persons.delete(person_id)
