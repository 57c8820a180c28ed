"""Applying a workflow transition to a stored case: status, deadlines, history, audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from netralitas.cases import audit
from netralitas.cases.deadlines import start_deadline
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Case, CaseEvent
from netralitas.cases.roles import Actor
from netralitas.cases.workflow import CaseStatus, Transition, Workflow, is_closed, workflow_on
from netralitas.privacy.access_reasons import normalise_reason, require_reason_text


def require_reason(transition: Transition, reason: str | None) -> str | None:
    if transition.needs_reason:
        target = transition.target.value
        return require_reason_text(
            reason, 5, what_id=f"perpindahan ke '{target}'", what_en=f"for moving to '{target}'"
        )
    return normalise_reason(reason or "") or None


def workflow_of(kit: Kit, case: Case) -> Workflow:
    """The workflow of the procedure in force on the act's date (the opening date when unknown)."""
    opened_on = case.opened_at.date()
    return workflow_on(kit.catalogue, case.act_on or opened_on, opened_on)


def move(
    uow: UnitOfWork,
    kit: Kit,
    actor: Actor,
    case: Case,
    target: CaseStatus,
    reason: str | None,
    service: str | None = None,
) -> Case:
    """Take the transition (role checked against the workflow table); the caller commits."""
    transition = workflow_of(kit, case).find_transition(case.status, target, actor.role, service)
    why = require_reason(transition, reason)
    today = kit.clock.today()
    _stop_deadlines(uow, case.id, transition, today)
    if transition.starts:
        deadline = start_deadline(kit.catalogue, transition.starts, case.id, today, kit.new_id)
        if deadline is not None:
            uow.deadlines.add(deadline)
    now = kit.clock.now()
    closing = is_closed(target)
    updated = replace(
        case,
        status=target,
        updated_at=now,
        closed_at=now if closing else None,
        close_reason=why if closing else case.close_reason,
    )
    stored = uow.cases.update(updated, case.version)
    if closing:
        _restart_retention(uow, kit, case.id)
    event = CaseEvent(kit.new_id(), case.id, now, actor.user_id, "transition", case.status, target, why)
    uow.events.add(event)
    audit.record(
        uow,
        kit,
        actor.user_id,
        "case.transition",
        "case",
        case.id,
        {"from": case.status.value, "to": target.value, "reason": why, "version": stored.version},
    )
    return stored


def _stop_deadlines(uow: UnitOfWork, case_id: str, transition: Transition, today: date) -> None:
    for deadline in uow.deadlines.open_for_case(case_id):
        if transition.stops_all or deadline.step_id in transition.stops:
            uow.deadlines.replace(replace(deadline, stopped_on=today))


def _restart_retention(uow: UnitOfWork, kit: Kit, case_id: str) -> None:
    """Closed cases keep their reports for ``retention_days`` counted from closure."""
    until = kit.clock.today() + timedelta(days=kit.retention_days)
    for report in uow.reports.find(case_id=case_id):
        uow.reports.replace(replace(report, retention_on=until))


def record_event(uow: UnitOfWork, kit: Kit, actor: Actor, case: Case, kind: str, reason: str | None) -> None:
    """An entry in the case history that does not change its status (identify, merge, assess...)."""
    status = case.status.value
    uow.events.add(
        CaseEvent(kit.new_id(), case.id, kit.clock.now(), actor.user_id, kind, status, status, reason)
    )
