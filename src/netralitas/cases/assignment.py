"""Assigning cases to officers ("Kasus saya") and bulk actions over a selection of cases.

An officer (or a supervisor) assigns a case inside their scope to an active handling officer
whose own scope covers the case. The form carries the assignment version it was shown; a
reassignment sent with an older one is refused (``conflict``). Every assignment is audited
(``case.assigned``) and notifies the new assignee. Bulk actions run case by case, each in its
own transaction, and report the outcome of every case (one refusal does not undo the others)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from netralitas.cases import audit
from netralitas.cases.access_checks import deny, load_case_in_scope
from netralitas.cases.accounts import actor_of, session_is_current
from netralitas.cases.case_lists import QueueView, read_queue, record_list
from netralitas.cases.dependencies import Kit
from netralitas.cases.notifications import notify
from netralitas.cases.ports import CaseQuery, UnitOfWork
from netralitas.cases.records import CaseAssignment, NotificationKind, User
from netralitas.cases.roles import CASE_READERS, Actor, Role, is_in_scope, region_contains
from netralitas.cases.workflow import is_closed
from netralitas.errors import DomainError, ValidationError

#: Roles that handle cases and can be assigned one.
HANDLERS: frozenset[Role] = frozenset({Role.INTAKE_OFFICER, Role.TASKFORCE, Role.BAWASLU, Role.EXAMINER})
#: Roles that may assign: the handlers themselves and supervisors.
ASSIGNERS: frozenset[Role] = HANDLERS | {Role.SUPERVISOR}
#: At most this many cases in one bulk action.
MAX_BULK = 100

ASSIGNED = "case.assigned"


def _covers(user: User, region_code: str, agency_id: str | None) -> bool:
    actor = Actor(user.id, user.username, user.role, user.region_code, user.agency_id)
    return is_in_scope(actor, region_code, agency_id)


def assign_case(
    uow: UnitOfWork, kit: Kit, actor: Actor, case_id: str, assignee_id: str, expected_version: int
) -> CaseAssignment:
    """Assign the case to ``assignee_id``; ``expected_version`` is the assignment version the
    actor saw (0 when the case had none)."""
    with uow:
        case = load_case_in_scope(uow, kit, actor, case_id, "assign_case", ASSIGNERS)
        if is_closed(case.status):
            raise ValidationError(
                f"Kasus {case.number} sudah ditutup; tidak dapat ditugaskan.",
                message_en=f"Case {case.number} is closed; it cannot be assigned.",
                code="case_closed",
                details={"case_id": case.id},
            )
        user = uow.users.get(assignee_id)
        if user is None or not user.active or user.role not in HANDLERS:
            raise ValidationError(
                "Pilih petugas aktif yang menangani kasus.",
                message_en="Choose an active case-handling officer.",
                code="assignee_unknown",
                details={"field": "assignee"},
            )
        if not _covers(user, case.region_code, case.agency_id):
            raise ValidationError(
                f"{user.display_name} tidak berwenang atas wilayah atau instansi kasus {case.number}.",
                message_en=f"{user.display_name} may not handle the region or agency of case {case.number}.",
                code="assignee_out_of_scope",
                details={"field": "assignee", "case_id": case.id},
            )
        before = uow.assignments.get(case.id)
        stored = uow.assignments.put(
            CaseAssignment(case.id, user.id, actor.user_id, kit.clock.now(), expected_version + 1),
            expected_version,
        )
        previous = before.assignee_id if before else None
        detail = {"assignee": user.id, "previous": previous, "version": stored.version}
        audit.record(uow, kit, actor.user_id, ASSIGNED, "case", case.id, detail)
        if user.id != actor.user_id:
            notify(uow, kit, user.id, NotificationKind.ASSIGNED, case.id, case.number, f"v{stored.version}")
        uow.commit()
    return stored


def assignable_officers(uow: UnitOfWork, actor: Actor) -> list[User]:
    """Active handling officers whose scope meets the actor's (the picker's choices), by name."""
    with uow.reading():
        return _assignable(uow.users.find(active=True), actor)


def assignments_of(uow: UnitOfWork, case_ids: Sequence[str]) -> dict[str, CaseAssignment]:
    """The assignments of cases already listed to the caller (no case data read)."""
    if not case_ids:
        return {}
    with uow.reading():
        return uow.assignments.for_cases(case_ids)


@dataclass(frozen=True)
class BulkOutcome:
    """What happened to one case of a bulk action."""

    case_id: str
    ok: bool
    message: str
    message_en: str
    code: str = ""


def _bulk_ids(case_ids: Sequence[str]) -> list[str]:
    unique = list(dict.fromkeys(i.strip() for i in case_ids if i.strip()))
    if not unique:
        raise ValidationError(
            "Pilih sedikitnya satu kasus.", message_en="Select at least one case.", code="nothing_selected",
            details={"field": "case_ids"},
        )  # fmt: skip
    if len(unique) > MAX_BULK:
        raise ValidationError(
            f"Paling banyak {MAX_BULK} kasus sekaligus.", message_en=f"At most {MAX_BULK} cases at once.",
            code="too_many", details={"field": "case_ids"},
        )  # fmt: skip
    return unique


def assign_many(
    make_uow: Callable[[], UnitOfWork],
    kit: Kit,
    actor: Actor,
    case_ids: Sequence[str],
    assignee_id: str,
    versions: Mapping[str, int],
) -> list[BulkOutcome]:
    """``assign_case`` for each selected case (its own transaction, scope checked per case);
    the outcome of every case, in the order given."""
    outcomes: list[BulkOutcome] = []
    for case_id in _bulk_ids(case_ids):
        try:
            stored = assign_case(make_uow(), kit, actor, case_id, assignee_id, versions.get(case_id, 0))
        except DomainError as exc:
            outcomes.append(BulkOutcome(case_id, False, exc.message, exc.message_en or exc.message, exc.code))
        else:
            outcomes.append(
                BulkOutcome(
                    case_id,
                    True,
                    f"Ditugaskan (versi {stored.version}).",
                    f"Assigned (version {stored.version}).",
                )
            )
    return outcomes


@dataclass(frozen=True)
class SelectedCase:
    """One row of an exported selection: what the queue shows of a case, no personal data."""

    case_id: str
    number: str
    status: str
    region_code: str
    agency_id: str | None
    act_on: date | None
    opened_at: datetime
    assignee_id: str | None
    next_due: date | None


def export_selection(
    uow: UnitOfWork, kit: Kit, actor: Actor, case_ids: Sequence[str]
) -> tuple[list[SelectedCase], list[BulkOutcome]]:
    """The selected cases the actor may read (scope checked per case) and the outcome of every
    case asked for; cases outside the scope are refused one by one (each ``access.denied``) and
    the export is audited as a list (``cases.listed``, purpose ``bulk_export``, counts only)."""
    ids = _bulk_ids(case_ids)
    rows: list[SelectedCase] = []
    outcomes: list[BulkOutcome] = []
    refused: list[str] = []
    with uow.reading():
        if actor.role not in CASE_READERS:
            deny(uow, kit, actor, "export_selection", "case", "*")
        found = {i: c for i in ids if (c := uow.cases.get(i)) is not None}
        visible = [
            i for i in ids if i in found and is_in_scope(actor, found[i].region_code, found[i].agency_id)
        ]
        holders = uow.assignments.for_cases(visible)
        due: dict[str, date] = {}
        for d in uow.deadlines.due_for_cases(visible, date.max):
            due[d.case_id] = min(d.due_on, due.get(d.case_id, date.max))
    for i in ids:
        case = found.get(i)
        if case is None:
            outcomes.append(BulkOutcome(i, False, "Kasus tidak ditemukan.", "Case not found.", "not_found"))
        elif i not in visible:
            refused.append(i)
            outcomes.append(
                BulkOutcome(i, False, "Di luar kewenangan Anda.", "Outside your scope.", "permission_denied")
            )
        else:
            holder = holders.get(i)
            assignee = holder.assignee_id if holder else None
            where = (case.region_code, case.agency_id)
            rows.append(SelectedCase(case.id, case.number, case.status.value, *where,
                                     case.act_on, case.opened_at, assignee, due.get(i)))  # fmt: skip
            outcomes.append(BulkOutcome(i, True, "Diekspor.", "Exported.", ""))
    with uow:
        for i in refused:
            why = {"attempted": "export_selection", "role": actor.role.value}
            scope = {"scope": actor.region_code, "agency": actor.agency_id}
            audit.record(uow, kit, actor.user_id, "access.denied", "case", i, why | scope)
        audit.record(uow, kit, actor.user_id, "cases.listed", "case", "*",
                     {"purpose": "bulk_export", "role": actor.role.value,
                      "scope": {"region": actor.region_code, "agency": actor.agency_id},
                      "requested": len(ids), "rows": len(rows), "refused": len(refused)})  # fmt: skip
        uow.commit()
    return rows, outcomes


@dataclass(frozen=True)
class QueueExtras:
    """What the console adds to a queue page, read in the queue's transaction: the listed cases'
    assignments and their assignees' names, the officers one may assign to, the unread
    notifications of the viewer."""

    holders: dict[str, CaseAssignment]
    officers: tuple[User, ...]
    names: dict[str, str]
    unread: int


@dataclass(frozen=True)
class SignedIn:
    """A session or token as the web layer holds it: the user id and the epoch it was issued under."""

    user_id: str
    epoch: int


@dataclass(frozen=True)
class OfficerQueue:
    """A queue page: who read it (the signed-in account as read in the same transaction), the
    query as asked, the view and what the console adds."""

    actor: Actor
    query: CaseQuery
    view: QueueView
    extras: QueueExtras


def officer_queue(
    uow: UnitOfWork,
    kit: Kit,
    who: Actor | SignedIn,
    query_for: Callable[[Actor], CaseQuery],
    today: date,
    *,
    overdue: bool = False,
) -> OfficerQueue | None:
    """The officer queue page (``case_lists.queue_view``) and what the console adds to it, in one
    read transaction and one ``cases.listed`` entry (committed before anything is returned).

    ``who`` may be a session (``SignedIn``): the account is then read in the same transaction
    (``accounts.session_is_current``), and None is returned when the session no longer stands
    (nothing read, nothing audited). ``query_for`` makes the query from the actor (the filters
    of the address are checked against the actor's scope). The officers are read for the actor's
    reach only (handling roles, in SQL); the names of assignees not among them (inactive, or out
    of reach) are read by id."""
    with uow.reading():
        if isinstance(who, SignedIn):
            user = uow.users.get(who.user_id)
            if not session_is_current(user, who.epoch):
                return None
            assert user is not None
            actor = actor_of(user)
        else:
            actor = who
        query = query_for(actor)
        scoped, view, counted = read_queue(uow, kit, actor, query, today, overdue=overdue)
        holders = uow.assignments.for_cases([c.id for c in view.page.items]) if view.page.items else {}
        near = uow.users.active_near(actor.region_code, actor.agency_id, _HANDLER_ROLES)
        officers = _assignable(near, actor)
        unread = uow.notifications.count_unread(actor.user_id)
        names = {u.id: u.display_name for u in officers}
        for uid in sorted({a.assignee_id for a in holders.values()} - set(names)):
            found = uow.users.get(uid)
            names[uid] = found.display_name if found else uid[:8]
    record_list(uow, kit, actor, "queue", scoped, counted)
    return OfficerQueue(actor, query, view, QueueExtras(holders, tuple(officers), names, unread))


#: ``HANDLERS`` as stored (the role column).
_HANDLER_ROLES: frozenset[str] = frozenset(r.value for r in HANDLERS)


def _assignable(users: Sequence[User], actor: Actor) -> list[User]:
    found = [
        u
        for u in users
        if u.active
        and u.role in HANDLERS
        and (
            region_contains(actor.region_code, u.region_code)
            or region_contains(u.region_code, actor.region_code)
        )
        and (actor.agency_id is None or u.agency_id in (None, actor.agency_id))
    ]
    return sorted(found, key=lambda u: (u.display_name.casefold(), u.username))
