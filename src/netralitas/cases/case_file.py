"""The case file as an officer's page shows it, read in one unit of work: the case detail, the
probable duplicates, the agencies to choose a person's agency from, and what this officer may do.

What an officer may do is decided here, once, from the role sets the services themselves check
(``officer_actions``, ``decisions``, ``sensitive_reads``, ``triage``, ``maintenance``) and from the
transitions of the case's workflow; the pages only show it."""

from __future__ import annotations

from dataclasses import dataclass, field

from netralitas.cases import audit
from netralitas.cases.access_checks import load_case_in_scope
from netralitas.cases.case_lists import DuplicateSuggestion, duplicates_of
from netralitas.cases.decisions import ASSESSORS
from netralitas.cases.dependencies import Kit
from netralitas.cases.maintenance import HOLDERS
from netralitas.cases.officer_actions import IDENTIFIERS, MERGERS
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Agency, Case
from netralitas.cases.roles import CASE_READERS, REPORTER_CHANNEL_READERS, Actor, Role
from netralitas.cases.sanction_forms import SanctionForm, forms_for_case
from netralitas.cases.sensitive_reads import IDENTITY_READERS, CaseDetail, case_detail
from netralitas.cases.transitions import workflow_of
from netralitas.cases.triage import REVIEWERS
from netralitas.cases.workflow import Transition
from netralitas.errors import DomainError
from netralitas.privacy.evidence_capture import Capture, capture_of


@dataclass(frozen=True)
class Permissions:
    """What the viewing officer may do on this case now."""

    assess: bool
    identify: bool
    reveal: bool
    merge: bool
    hold: bool
    review: bool
    #: May write to the reporter and read the reporter channel (messages, identity marks, the
    #: reporting window); the PPK may not.
    message: bool
    #: May download sealed originals (their metadata can place the reporter); the PPK may not.
    originals: bool
    #: Plain status changes this officer may make (no dedicated service).
    moves: tuple[Transition, ...]
    #: Dedicated services whose transition this officer may take (``send_recommendation``...).
    services: frozenset[str]


@dataclass(frozen=True)
class Officer:
    """Who acted on a case, as the history names them: an officer account, never a reporter."""

    display_name: str
    role: Role
    #: Name of the officer's agency (their body, e.g. an inspectorate), None when not bound to one.
    agency_name: str | None
    region_code: str


@dataclass(frozen=True)
class CaseFile:
    detail: CaseDetail
    duplicates: tuple[DuplicateSuggestion, ...]
    #: Agencies to identify the reported person's agency from (empty when the officer may not).
    agencies: tuple[Agency, ...]
    can: Permissions
    #: The case's agency (the reported person's), to show by name.
    agency: Agency | None = None
    #: Officers who acted (history, assessments, recommendations, decisions), by user id.
    officers: dict[str, Officer] | None = None
    #: The reported person's agency (usually the case's), to show by name.
    person_agency: Agency | None = None
    #: The sanction forms a PPK picks from (only when this actor may record the decision).
    sanction_forms: tuple[SanctionForm, ...] = ()
    #: Capture time and place of photos, from their sealed originals' metadata, by evidence id
    #: (only for readers of originals; the read is audited as ``evidence.capture_read``).
    captures: dict[str, Capture] = field(default_factory=dict)


def permissions_for(kit: Kit, actor: Actor, case: Case) -> Permissions:
    """The one place deciding what an officer may do on a case (the services check again)."""
    role = actor.role
    mine = [t for t in workflow_of(kit, case).transitions_from(case.status) if role in t.roles]
    return Permissions(
        assess=role in ASSESSORS,
        identify=role in IDENTIFIERS,
        reveal=role in IDENTITY_READERS,
        merge=role in MERGERS,
        hold=role in HOLDERS,
        review=role in REVIEWERS,
        message=role in REPORTER_CHANNEL_READERS,
        originals=role in REPORTER_CHANNEL_READERS,
        moves=tuple(t for t in mine if t.via_service is None),
        services=frozenset(t.via_service for t in mine if t.via_service),
    )


def open_case_file(uow: UnitOfWork, kit: Kit, actor: Actor, case_id: str) -> CaseFile:
    """The case file in one unit of work: read from one snapshot (on SQLite without the write
    lock), then the read is audited (``case.viewed``) in a short transaction of its own."""
    with uow.reading():
        case = load_case_in_scope(uow, kit, actor, case_id, "view_case", CASE_READERS)
        can = permissions_for(kit, actor, case)
        detail = case_detail(uow, kit, actor, case)
        duplicates = tuple(duplicates_of(uow, kit, actor, case))
        found = uow.agencies.find() if can.identify else []
        agencies = tuple(sorted(found, key=lambda a: (a.region_code, a.name)))
        agency = uow.agencies.get(case.agency_id) if case.agency_id else None
        officers = _officers(uow, detail)
        person = detail.person
        person_agency = uow.agencies.get(person.agency_id) if person and person.agency_id else None
        forms = forms_for_case(uow, kit, case) if "record_ppk_decision" in can.services else ()
        uow.rollback()  # ends the read-only snapshot; the audit entry is written next
        captures = _captures(kit, detail) if can.originals else {}
        audit.record(uow, kit, actor.user_id, "case.viewed", "case", case.id, {})
        if captures:
            ids = {"evidence_ids": sorted(captures)}
            audit.record(uow, kit, actor.user_id, "evidence.capture_read", "case", case.id, ids)
        uow.commit()
    return CaseFile(detail, duplicates, agencies, can, agency, officers, person_agency, forms, captures)


def _captures(kit: Kit, detail: CaseDetail) -> dict[str, Capture]:
    """Capture summaries of the case's photos, read from their sealed originals."""
    out: dict[str, Capture] = {}
    for evidence in detail.evidence:
        if evidence.kind != "image":
            continue
        try:
            data = kit.files.read_original(evidence.sha256)
        except (OSError, KeyError, DomainError):  # a missing file is shown without a summary
            continue
        found = capture_of(data)
        if found is not None:
            out[evidence.id] = found
    return out


def _officers(uow: UnitOfWork, detail: CaseDetail) -> dict[str, Officer]:
    """The officer accounts behind the case's history entries and judgements (reporters never
    act under an account, so no reporter is ever named here)."""
    ids = {e.actor_id for e in detail.events}
    ids |= {a.actor_id for a in detail.assessments}
    ids |= {r.actor_id for r in detail.recommendations}
    ids |= {k.actor_id for k in detail.decisions}
    ids |= {f.actor_id for f in detail.followups}
    out: dict[str, Officer] = {}
    bodies: dict[str, str | None] = {}
    for user_id in sorted(ids):
        user = uow.users.get(user_id)
        if user is None:
            continue
        if user.agency_id and user.agency_id not in bodies:
            found = uow.agencies.get(user.agency_id)
            bodies[user.agency_id] = found.name if found else None
        body = bodies.get(user.agency_id) if user.agency_id else None
        out[user_id] = Officer(user.display_name, user.role, body, user.region_code)
    return out
