"""Read-only use cases: case lists within scope, breached deadlines, duplicate suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netralitas.cases.deadlines import OverdueItem
from netralitas.cases.guard import deny, load_case_in_scope
from netralitas.cases.kit import Kit
from netralitas.cases.ports import CaseQuery, UnitOfWork
from netralitas.cases.records import Case, Report
from netralitas.cases.roles import CASE_READERS, Actor, region_contains
from netralitas.cases.workflow import is_closed
from netralitas.intake.dedup import DuplicateReason, ReportFeatures, index_keys
from netralitas.intake.dedup import suggest_duplicates as rank_duplicates


@dataclass(frozen=True)
class Page:
    items: tuple[Case, ...]
    total: int


def list_cases(uow: UnitOfWork, kit: Kit, actor: Actor, query: CaseQuery) -> Page:
    """Cases matching ``query`` narrowed to the actor's scope (a wider request is narrowed, a
    request outside the scope is refused)."""
    with uow.reading():
        if actor.role not in CASE_READERS:
            deny(uow, kit, actor, "list_cases", "case", "*")
        scoped = _narrow(uow, kit, actor, query)
        items, total = uow.cases.search(scoped)
    return Page(tuple(items), total)


def status_counts(uow: UnitOfWork, kit: Kit, actor: Actor) -> dict[str, int]:
    """Cases per status within the actor's scope (the dashboard)."""
    with uow.reading():
        if actor.role not in CASE_READERS:
            deny(uow, kit, actor, "status_counts", "case", "*")
        return uow.cases.count_by_status(actor.region_code, actor.agency_id)


def _narrow(uow: UnitOfWork, kit: Kit, actor: Actor, query: CaseQuery) -> CaseQuery:
    region = query.region_prefix
    if region_contains(actor.region_code, region):
        pass
    elif region_contains(region, actor.region_code):
        region = actor.region_code
    else:
        deny(uow, kit, actor, "list_cases", "region", region)
    agency = query.agency_id
    if actor.agency_id is not None:
        if agency not in (None, actor.agency_id):
            deny(uow, kit, actor, "list_cases", "agency", str(agency))
        agency = actor.agency_id
    return CaseQuery(query.statuses, region, agency, query.text, min(query.limit, 500), query.offset)


def list_overdue(uow: UnitOfWork, on: date, actor: Actor | None = None) -> list[OverdueItem]:
    """Open deadlines breached on ``on`` (the day after they fell due), earliest first.

    Without an actor (the ``netralitas cases overdue`` command) every case is listed."""
    with uow.reading():
        rows = uow.deadlines.overdue(on)
    return [
        OverdueItem(
            r.case_id,
            r.case_number,
            r.status,
            r.region_code,
            r.agency_id,
            r.step_id,
            r.started_on,
            r.due_on,
            (on - r.due_on).days,
            r.review_status,
        )
        for r in rows
        if actor is None or _visible_in(actor, r.region_code, r.agency_id)
    ]


def _visible(actor: Actor, case: Case) -> bool:
    return _visible_in(actor, case.region_code, case.agency_id)


def _visible_in(actor: Actor, region_code: str, agency_id: str | None) -> bool:
    return region_contains(actor.region_code, region_code) and (
        actor.agency_id is None or actor.agency_id == agency_id
    )


@dataclass(frozen=True)
class DuplicateSuggestion:
    case_id: str
    case_number: str
    status: str
    score: float
    reasons: tuple[DuplicateReason, ...]


def suggest_duplicates(uow: UnitOfWork, kit: Kit, actor: Actor, case_id: str) -> list[DuplicateSuggestion]:
    """Other open cases in the actor's scope probably about the same person or incident, best
    first (scored by ``intake.dedup``). An officer confirms with ``merge_cases``."""
    with uow.reading():
        case = load_case_in_scope(uow, kit, actor, case_id, "suggest_duplicates", CASE_READERS)
        found: dict[str, DuplicateSuggestion] = {}
        for new in uow.reports.find(case_id=case.id):
            keys = index_keys(features_of(new))
            pool = uow.reports.duplicate_candidates(keys.nip, new.agency_id, keys.links, new.region_code, 300)
            candidates = [(r.case_id, features_of(r)) for r in pool if r.case_id and r.case_id != case.id]
            for hit in rank_duplicates(
                features_of(new), candidates, limit=20, min_score=kit.duplicate_threshold
            ):
                other = uow.cases.get(hit.case_id)
                if other is None or is_closed(other.status) or not _visible(actor, other):
                    continue
                if other.id not in found or found[other.id].score < hit.score:
                    found[other.id] = DuplicateSuggestion(
                        other.id, other.number, other.status.value, hit.score, hit.reasons
                    )
    return sorted(found.values(), key=lambda s: (-s.score, s.case_number))


def features_of(report: Report) -> ReportFeatures:
    """The fields the duplicate scorer compares."""
    return ReportFeatures(
        person_name=report.person_name,
        nip=report.person_nip,
        agency_id=report.agency_id,
        links=report.links,
        description=report.description,
    )
