"""Read-only use cases: case lists within scope, breached deadlines, duplicate suggestions.

Every list of cases handed to a caller is audited (``cases.listed``): who, for what purpose,
which filters and scope, and how many rows — never the rows themselves nor a search text in
clear. The rows are read in a read-only transaction (a WAL snapshot on SQLite); the audit entry
is then committed in a short transaction of its own *before* the rows are returned, so a list
that could not be audited is never shown."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from netralitas.cases import audit
from netralitas.cases.access_checks import deny, load_case_in_scope
from netralitas.cases.deadlines import OverdueItem
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import CaseQuery, OverdueRow, UnitOfWork
from netralitas.cases.records import Case, Report
from netralitas.cases.roles import CASE_READERS, Actor, region_contains
from netralitas.cases.workflow import is_closed
from netralitas.identifiers.duplicates import DuplicateReason, ReportFeatures, index_keys
from netralitas.identifiers.duplicates import suggest_duplicates as rank_duplicates

#: Audit action of every list read.
LISTED = "cases.listed"


@dataclass(frozen=True)
class Page:
    items: tuple[Case, ...]
    total: int


@dataclass(frozen=True)
class QueueView:
    """What the officer queue shows, read at once, all within scope: a page of cases with the
    open deadlines of those cases due soon (badges), the counts per status, the number of
    breached deadlines and, for the overdue view, a page of breached deadlines."""

    page: Page
    due: tuple[OverdueItem, ...]
    counts: dict[str, int]
    overdue_total: int = 0
    #: The overdue view: a page of breached deadlines, most overdue first, and how many there are.
    late: tuple[OverdueItem, ...] = ()
    late_total: int = 0


def list_cases(uow: UnitOfWork, kit: Kit, actor: Actor, query: CaseQuery, *, purpose: str = "list") -> Page:
    """Cases matching ``query`` narrowed to the actor's scope (a wider request is narrowed, a
    request outside the scope is refused). Audited ``cases.listed`` with ``purpose`` (e.g.
    ``api``, ``ppk_waiting``)."""
    with uow.reading():
        if actor.role not in CASE_READERS:
            deny(uow, kit, actor, "list_cases", "case", "*")
        scoped = _narrow(uow, kit, actor, query)
        items, total = uow.cases.search(scoped)
    record_list(uow, kit, actor, purpose, scoped, {"rows": len(items), "total": total})
    return Page(tuple(items), total)


def queue_view(
    uow: UnitOfWork,
    kit: Kit,
    actor: Actor,
    query: CaseQuery,
    today: date,
    *,
    soon_days: int = 3,
    overdue: bool = False,
    purpose: str = "queue",
) -> QueueView:
    """The officer queue in one read and one audit entry: ``list_cases`` for ``query`` with the
    open deadlines of the listed cases due before ``today + soon_days``, ``status_counts`` and
    the number of deadlines in scope breached on ``today``. With ``overdue`` the page lists
    the breached deadlines instead (``list_overdue`` narrowed by the query's statuses and
    region, paged by its limit and offset) and no cases. Every filter runs in the database."""
    with uow.reading():
        scoped, view, counted = read_queue(
            uow, kit, actor, query, today, soon_days=soon_days, overdue=overdue
        )
    record_list(uow, kit, actor, purpose, scoped, counted)
    return view


def read_queue(
    uow: UnitOfWork,
    kit: Kit,
    actor: Actor,
    query: CaseQuery,
    today: date,
    *,
    soon_days: int = 3,
    overdue: bool = False,
) -> tuple[CaseQuery, QueueView, dict[str, Any]]:
    """``queue_view``'s reads inside the caller's read transaction, not yet audited: the query as
    narrowed, the view, and the counts its ``cases.listed`` entry records (``record_list``, which
    the caller must commit before handing anything out)."""
    if actor.role not in CASE_READERS:
        deny(uow, kit, actor, "list_cases", "case", "*")
    scoped = _narrow(uow, kit, actor, query)
    counts, overdue_total = uow.cases.scope_counts(actor.region_code, actor.agency_id, today)
    late, late_total = _late(uow, actor, scoped, today, overdue_total) if overdue else ([], 0)
    items = uow.cases.page(scoped) if scoped.limit and not overdue else []
    total = _total(uow, actor, scoped, counts)
    soon = today + timedelta(days=soon_days)
    due = _overdue_items(uow.deadlines.due_for_cases([c.id for c in items], soon), today, actor)
    counted: dict[str, Any] = {
        "rows": len(items), "total": total, "due_rows": len(due), "overdue_total": overdue_total,
    }  # fmt: skip
    if overdue:
        counted |= {"late_rows": len(late), "late_total": late_total}
    view = QueueView(Page(tuple(items), total), tuple(due), counts, overdue_total, tuple(late), late_total)
    return scoped, view, counted


def _late(
    uow: UnitOfWork, actor: Actor, scoped: CaseQuery, today: date, overdue_total: int
) -> tuple[list[OverdueItem], int]:
    """A page of the deadlines breached on ``today`` matching ``scoped`` and how many there are."""
    rows = uow.deadlines.overdue(today, scoped, limit=scoped.limit, offset=scoped.offset)
    whole = _whole_scope(actor, scoped) and not scoped.statuses
    total = overdue_total if whole else uow.deadlines.count_overdue(today, scoped)
    return _overdue_items(rows, today, actor), total


def _whole_scope(actor: Actor, q: CaseQuery) -> bool:
    """Whether ``q`` asks for the actor's whole scope: its own region and agency, no text (statuses aside)."""
    return (
        not q.text
        and q.region_prefix == actor.region_code
        and q.agency_id == actor.agency_id
        and q.assignee_id is None
    )


def _total(uow: UnitOfWork, actor: Actor, q: CaseQuery, counts: dict[str, int]) -> int:
    """The query's total; read from the counts per status when the query covers the whole scope."""
    if _whole_scope(actor, q):
        return sum(n for s, n in counts.items() if not q.statuses or s in {x.value for x in q.statuses})
    return uow.cases.count(q)


def status_counts(uow: UnitOfWork, kit: Kit, actor: Actor) -> dict[str, int]:
    """Cases per status within the actor's scope (the dashboard). Numbers only: not audited."""
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
    limit = min(query.limit, 500)
    return replace(query, region_prefix=region, agency_id=agency, text=query.text.strip(), limit=limit)


def list_overdue(
    uow: UnitOfWork, kit: Kit, on: date, actor: Actor | None = None, *, purpose: str = "overdue"
) -> list[OverdueItem]:
    """Open deadlines breached on ``on`` (the day after they fell due), earliest first.

    Without an actor (the ``netralitas cases overdue`` command) every case is listed and the
    audit entry names the system as reader. Audited ``cases.listed`` with ``purpose``."""
    scope = CaseQuery(region_prefix=actor.region_code, agency_id=actor.agency_id) if actor else CaseQuery()
    with uow.reading():
        rows = uow.deadlines.overdue(on, scope)  # narrowed to the scope in the database
    items = _overdue_items(rows, on, actor)
    record_list(uow, kit, actor, purpose, scope, {"rows": len(items), "on": on.isoformat()})
    return items


def overdue_page(
    uow: UnitOfWork,
    kit: Kit,
    on: date,
    actor: Actor | None,
    limit: int,
    offset: int = 0,
    *,
    purpose: str = "overdue",
) -> tuple[list[OverdueItem], int]:
    """A page of ``list_overdue`` (most overdue first, ``limit`` rows after ``offset``) and how
    many deadlines are breached in the scope: a province's whole list grows with the country
    (docs/operations.md), a page does not. Audited ``cases.listed`` with the page's limit and offset."""
    base = CaseQuery(region_prefix=actor.region_code, agency_id=actor.agency_id) if actor else CaseQuery()
    scope = replace(base, limit=max(1, min(limit, 5000)), offset=max(0, offset))
    with uow.reading():
        rows = uow.deadlines.overdue(on, scope, limit=scope.limit, offset=scope.offset)
        total = uow.deadlines.count_overdue(on, scope)
    items = _overdue_items(rows, on, actor)
    record_list(uow, kit, actor, purpose, scope, {"rows": len(items), "total": total, "on": on.isoformat()})
    return items, total


def _overdue_items(rows: list[OverdueRow], on: date, actor: Actor | None) -> list[OverdueItem]:
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


def search_digest(kit: Kit, text: str) -> str:
    """A keyed digest of a search text for the audit trail: the text may name a person, and the
    trail outlives every purge. Whoever holds the key can check whether someone searched for a
    given name (``search_digest(kit, name)``); the trail alone does not tell what was searched."""
    normalised = " ".join(text.casefold().split())
    return hmac.new(kit.audit_key, normalised.encode(), hashlib.sha256).hexdigest()[:32]


def record_list(
    uow: UnitOfWork, kit: Kit, actor: Actor | None, purpose: str, query: CaseQuery, counted: Mapping[str, Any]
) -> None:
    """Commit the ``cases.listed`` entry: who (and in which role and scope), the purpose, the
    filters as applied after narrowing, and how many rows were handed out."""
    text = query.text.strip()
    detail: dict[str, Any] = {
        "purpose": purpose[:40],
        "role": actor.role.value if actor else None,
        "scope": {"region": actor.region_code, "agency": actor.agency_id} if actor else None,
        "filters": {
            "statuses": sorted(s.value for s in query.statuses),
            "region": query.region_prefix,
            "agency": query.agency_id,
            "text": {"length": len(text), "digest": search_digest(kit, text)} if text else None,
            "limit": query.limit,
            "offset": query.offset,
        },
        **counted,
    }
    if query.assignee_id is not None:  # "Kasus saya" (``cases.assignment``)
        detail["filters"]["assignee"] = query.assignee_id
    if query.sort != "newest":
        detail["filters"]["sort"] = query.sort[:20]
    if query.after or query.before:  # a keyset page: which way it went from the row next to it
        detail["filters"]["keyset"] = "after" if query.after else "before"
    who = actor.user_id if actor else audit.SYSTEM_ACTOR
    if kit.audit_group is not None:  # concurrent list reads share one transaction and commit
        kit.audit_group.record(uow, kit, who, LISTED, "case", "*", detail)
        return
    with uow:
        audit.record(uow, kit, who, LISTED, "case", "*", detail)
        uow.commit()


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
    first (scored by ``identifiers.duplicates``). An officer confirms with ``merge_cases``."""
    with uow.reading():
        case = load_case_in_scope(uow, kit, actor, case_id, "suggest_duplicates", CASE_READERS)
        return duplicates_of(uow, kit, actor, case)


def duplicates_of(uow: UnitOfWork, kit: Kit, actor: Actor, case: Case) -> list[DuplicateSuggestion]:
    """The duplicate suggestions of a case already loaded in scope (inside the caller's transaction)."""
    found: dict[str, DuplicateSuggestion] = {}
    for new in uow.reports.find(case_id=case.id):
        keys = index_keys(features_of(new))
        pool = uow.reports.duplicate_candidates(keys.nip, new.agency_id, keys.links, new.region_code, 300)
        candidates = [(r.case_id, features_of(r)) for r in pool if r.case_id and r.case_id != case.id]
        for hit in rank_duplicates(features_of(new), candidates, limit=20, min_score=kit.duplicate_threshold):
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
