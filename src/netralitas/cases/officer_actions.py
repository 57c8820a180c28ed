"""Officer use cases that move a case along: open, transition, identify, merge, message.

Each function is one transaction on the unit of work it receives and checks role and
scope first; refusals are audited (``guard.deny``)."""

from __future__ import annotations

from dataclasses import replace

from netralitas.cases import audit
from netralitas.cases.access_checks import check_version, deny, load_case_in_scope, refuse_closed
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import CaseOpen, MergeRequest, PersonInput, TransitionRequest
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Case, Channel, Message, ReportedPerson, Sender
from netralitas.cases.reporting import message_text, new_report_and_case, screen_of
from netralitas.cases.roles import CASE_READERS, REPORTER_CHANNEL_READERS, Actor, Role, is_in_scope
from netralitas.cases.transitions import move, record_event
from netralitas.cases.triage import store_screening
from netralitas.cases.workflow import CaseStatus, is_closed
from netralitas.errors import ConflictError, NotFoundError, ValidationError
from netralitas.identifiers.nip import validate_nip

OPENERS = frozenset({Role.INTAKE_OFFICER, Role.TASKFORCE, Role.BAWASLU, Role.SUPERVISOR})
IDENTIFIERS = frozenset({Role.INTAKE_OFFICER, Role.TASKFORCE, Role.BAWASLU, Role.EXAMINER})
MERGERS = frozenset({Role.INTAKE_OFFICER, Role.TASKFORCE})
_CHANNEL_OF = {Role.BAWASLU: Channel.BAWASLU, Role.TASKFORCE: Channel.TASKFORCE}


def open_case(uow: UnitOfWork, kit: Kit, actor: Actor, payload: CaseOpen) -> Case:
    """An officer registers a finding (temuan): a report without receipt and its new case
    (its text screened like a public report's)."""
    screened = screen_of(kit, payload) if actor.role in OPENERS else None
    with uow:
        if actor.role not in OPENERS:
            deny(uow, kit, actor, "open_case", "case", "-")
        channel = _CHANNEL_OF.get(actor.role, Channel.OFFICER)
        report, case = new_report_and_case(uow, kit, payload, channel, None, None)
        if not is_in_scope(actor, case.region_code, case.agency_id):
            deny(uow, kit, actor, "open_case", "case", "-")
        store_screening(uow, kit, report.id, screened)
        audit.record(uow, kit, actor.user_id, "case.opened", "case", case.id, {"report_id": report.id})
        uow.commit()
    return case


def transition_case(uow: UnitOfWork, kit: Kit, actor: Actor, request: TransitionRequest) -> Case:
    """Move a case along a plain transition of the workflow table."""
    with uow:
        case = load_case_in_scope(uow, kit, actor, request.case_id, "transition", CASE_READERS)
        check_version(case, request.version)
        stored = move(uow, kit, actor, case, request.target, request.reason)
        uow.commit()
    return stored


def identify_person(
    uow: UnitOfWork, kit: Kit, actor: Actor, case_id: str, version: int, person: PersonInput
) -> Case:
    """Record who the reported ASN is (NIP checked for shape); may move the case's scope."""
    with uow:
        case = load_case_in_scope(uow, kit, actor, case_id, "identify_person", IDENTIFIERS)
        check_version(case, version)
        refuse_closed(case)
        region = case.region_code
        if person.agency_id is not None:
            agency = uow.agencies.get(person.agency_id)
            if agency is None:
                raise ValidationError(
                    f"Instansi '{person.agency_id}' tidak dikenal.",
                    message_en="Unknown agency.",
                    details={"field": "agency_id"},
                )
            region = agency.region_code or region
        nip = validate_nip(person.nip).nip if person.nip else None
        record = ReportedPerson(
            kit.new_id(), person.name, nip, person.employee_type, person.position, person.agency_id
        )
        uow.persons.add(record)
        updated = replace(
            case,
            person_id=record.id,
            agency_id=person.agency_id or case.agency_id,
            region_code=region,
            title=f"{person.name}{' — ' + person.position if person.position else ''}"[:200],
            updated_at=kit.clock.now(),
        )
        stored = uow.cases.update(updated, case.version)
        record_event(uow, kit, actor, case, "identify", None)
        audit.record(
            uow, kit, actor.user_id, "case.person_identified", "case", case.id, {"person_id": record.id}
        )
        uow.commit()
    return stored


def merge_cases(uow: UnitOfWork, kit: Kit, actor: Actor, request: MergeRequest) -> Case:
    """Merge the source case into the target: its reports move over, the source closes as merged."""
    if request.source_case_id == request.target_case_id:
        raise ValidationError("Kasus tidak dapat digabung dengan dirinya sendiri.", message_en="Same case.")
    with uow:
        source = load_case_in_scope(uow, kit, actor, request.source_case_id, "merge", MERGERS)
        target = load_case_in_scope(uow, kit, actor, request.target_case_id, "merge", MERGERS)
        check_version(source, request.source_version)
        if is_closed(target.status):
            raise ConflictError(
                f"Kasus tujuan {target.number} sudah ditutup.",
                message_en=f"Target case {target.number} is closed.",
                details={"case_id": target.id},
            )
        moved = move(uow, kit, actor, source, CaseStatus.MERGED, request.reason, service="merge_cases")
        stored = uow.cases.update(replace(moved, merged_into_id=target.id), moved.version)
        for report in uow.reports.find(case_id=source.id):
            uow.reports.replace(replace(report, case_id=target.id))
        record_event(uow, kit, actor, target, "merge_in", request.reason)
        audit.record(uow, kit, actor.user_id, "case.merged", "case", source.id, {"into": target.id})
        uow.commit()
    return stored


def post_officer_message(
    uow: UnitOfWork, kit: Kit, actor: Actor, case_id: str, report_id: str, body: str
) -> Message:
    """A message from an officer to the reporter of one report of the case."""
    text = message_text(body)
    with uow:
        case = load_case_in_scope(uow, kit, actor, case_id, "message", REPORTER_CHANNEL_READERS)
        report = uow.reports.get(report_id)
        if report is None or report.case_id != case.id:
            raise NotFoundError("Laporan tidak ada pada kasus ini.", message_en="Report not in this case.")
        message = Message(kit.new_id(), report.id, Sender.OFFICER, actor.user_id, text, kit.clock.now())
        uow.messages.add(message)
        audit.record(uow, kit, actor.user_id, "message.officer", "report", report.id, {"case_id": case.id})
        uow.commit()
    return message
