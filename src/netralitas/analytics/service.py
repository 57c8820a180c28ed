"""Oversight reads as use cases: role check, narrowing to the viewer's scope, and the audit entry.

Every dashboard, map and export view is a list read in the sense of ``cases.case_lists``: it writes
one ``cases.listed`` entry (purpose ``pantauan``, ``peta``, ``ekspor``…) with the role, scope and
filters as applied and the number of cases counted — before the figures are handed out. A viewer
without a case-reading role is refused (``access.denied``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from netralitas.analytics.exports import ExportQuery
from netralitas.analytics.filters import FactFilter, FieldError, OversightFilter, Scope, narrow
from netralitas.cases import audit
from netralitas.cases.access_checks import deny
from netralitas.cases.case_lists import LISTED, search_digest
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.roles import CASE_READERS, Actor

T = TypeVar("T")


@dataclass(frozen=True)
class Viewed(Generic[T]):
    result: T
    applied: FactFilter
    errors: tuple[FieldError, ...]


def scope_of(actor: Actor) -> Scope:
    return Scope(actor.region_code, actor.agency_id)


def require_reader(uow: UnitOfWork, kit: Kit, actor: Actor, action: str) -> None:
    """Refuse (and audit) anyone who may not read cases (the administrator)."""
    if actor.role not in CASE_READERS:
        with uow:
            deny(uow, kit, actor, action, "case", "*")


def oversight_view(
    uow: UnitOfWork,
    kit: Kit,
    actor: Actor,
    request: OversightFilter,
    read: Callable[[FactFilter], tuple[T, int]],
    *,
    purpose: str,
    extra: Mapping[str, Any] | None = None,
) -> Viewed[T]:
    """Narrow ``request`` to the actor's scope, run ``read`` (which returns its result and the
    number of cases it covers), audit, and hand the result out."""
    require_reader(uow, kit, actor, purpose)
    applied, errors = narrow(request, scope_of(actor))
    result, counted = read(applied)
    record_view(uow, kit, actor, purpose, applied, {"total": counted, **(extra or {})})
    return Viewed(result, applied, errors)


def filter_detail(applied: FactFilter) -> dict[str, Any]:
    return {
        "region": applied.region,
        "agency": applied.agency_id,
        "elections": list(applied.election_ids),
        "from": applied.opened_from.isoformat() if applied.opened_from else None,
        "to": applied.opened_to.isoformat() if applied.opened_to else None,
        "behaviour": applied.behaviour,
    }


def record_view(
    uow: UnitOfWork, kit: Kit, actor: Actor, purpose: str, applied: FactFilter, counted: Mapping[str, Any]
) -> None:
    detail: dict[str, Any] = {
        "purpose": purpose[:40],
        "role": actor.role.value,
        "scope": {"region": actor.region_code, "agency": actor.agency_id},
        "filters": filter_detail(applied),
        **counted,
    }
    if kit.audit_group is not None:
        kit.audit_group.record(uow, kit, actor.user_id, LISTED, "case", "*", detail)
        return
    with uow:
        audit.record(uow, kit, actor.user_id, LISTED, "case", "*", detail)
        uow.commit()


def export_scope(
    uow: UnitOfWork,
    kit: Kit,
    actor: Actor | None,
    query: ExportQuery,
    count: Callable[[ExportQuery], int],
    *,
    purpose: str,
) -> tuple[ExportQuery, tuple[FieldError, ...]]:
    """Narrow an export to the actor's scope (None = the command line, national) and audit it
    (``cases.listed``: filters, the search text only as length and keyed digest, the number of
    rows) before any row is written."""
    errors: tuple[FieldError, ...] = ()
    if actor is not None:
        require_reader(uow, kit, actor, purpose)
        applied, errors = narrow(
            OversightFilter(region=query.region, agency_id=query.agency_id), scope_of(actor)
        )
        query = replace(query, region=applied.region, agency_id=applied.agency_id)
    total = count(query)
    text = query.text.strip()
    detail: dict[str, Any] = {
        "purpose": purpose[:40],
        "role": actor.role.value if actor else None,
        "scope": {"region": actor.region_code, "agency": actor.agency_id} if actor else None,
        "filters": {
            "statuses": sorted(s.value for s in query.statuses),
            "region": query.region,
            "agency": query.agency_id,
            "election": query.election_id,
            "text": {"length": len(text), "digest": search_digest(kit, text)} if text else None,
        },
        "rows": total,
        "total": total,
    }
    who = actor.user_id if actor else audit.SYSTEM_ACTOR
    with uow:
        audit.record(uow, kit, who, LISTED, "case", "*", detail)
        uow.commit()
    return query, errors
