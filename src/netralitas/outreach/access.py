"""Who may do guidance work for an agency: its own officers, or officers whose region holds it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from netralitas.cases.audit import append_entry
from netralitas.cases.records import Agency
from netralitas.cases.roles import Actor, Role, is_in_scope
from netralitas.errors import NotFoundError, PermissionDeniedError
from netralitas.outreach.ports import OutreachUnitOfWork

#: Roles that run guidance: the PPK's office, the inspectorate (examiners), the task force, BKN.
OUTREACH_ROLES: frozenset[Role] = frozenset({Role.PPK, Role.EXAMINER, Role.TASKFORCE, Role.SUPERVISOR})


def can_guide(actor: Actor, agency: Agency) -> bool:
    return actor.role in OUTREACH_ROLES and is_in_scope(actor, agency.region_code, agency.id)


def require_agency(uow: OutreachUnitOfWork, actor: Actor, agency_id: str) -> Agency:
    """The agency, if it exists and the actor may guide it (else a clear refusal)."""
    agency = uow.agency(agency_id)
    if agency is None:
        raise NotFoundError(
            f"Instansi {agency_id!r} tidak ditemukan.",
            message_en=f"Unknown agency {agency_id!r}",
            details={"field": "agency_id"},
        )
    if not can_guide(actor, agency):
        raise PermissionDeniedError(
            "Anda tidak berwenang melakukan pembinaan untuk instansi ini.",
            message_en="You may not run guidance for this agency.",
        )
    return agency


def record(
    uow: OutreachUnitOfWork, at: datetime, actor_id: str, action: str, subject_type: str, subject_id: str,
    detail: Mapping[str, object] | None = None,
) -> None:  # fmt: skip
    """Append one entry to the shared audit chain, in the caller's transaction
    (``cases.audit.append_entry``: one way to extend the chain)."""
    append_entry(uow.audit, at, actor_id, action, subject_type, subject_id, detail)


#: Who the command line acts as: the server's operator, national in scope (audited as ``system``).
OPERATOR = Actor(user_id="system", username="operator", role=Role.SUPERVISOR)


def agencies_for(uow: OutreachUnitOfWork, actor: Actor) -> list[Agency]:
    """The agencies the actor may guide (empty for roles that do not run guidance)."""
    return [a for a in uow.agencies() if can_guide(actor, a)]
