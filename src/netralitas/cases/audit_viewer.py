"""The audit-trail viewer for supervisors: who read or changed what, filtered by actor,
action, case and date, with the chain's verification status and its head (the anchor).

A national supervisor sees every entry; a supervisor with a region or agency scope sees only
the entries about cases inside it. Every view is itself audited (``audit.viewed``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from netralitas.cases import audit
from netralitas.cases.access_checks import deny, load_case_in_scope
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import AuditQuery, UnitOfWork
from netralitas.cases.records import AuditEntry
from netralitas.cases.roles import Actor, Role
from netralitas.privacy.audit_chain import Anchor

#: Roles that may read the trail.
AUDIT_VIEWERS: frozenset[Role] = frozenset({Role.SUPERVISOR})

VIEWED = "audit.viewed"


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[AuditEntry, ...]
    total: int
    query: AuditQuery


def browse_audit(uow: UnitOfWork, kit: Kit, actor: Actor, query: AuditQuery) -> AuditPage:
    """A page of entries (newest first) matching ``query`` inside the actor's scope."""
    with uow.reading():
        if actor.role not in AUDIT_VIEWERS:
            deny(uow, kit, actor, "view_audit", "audit", "*")
        scoped = replace(query, limit=max(1, min(query.limit, 200)), offset=max(0, query.offset))
        if not actor.is_national:
            scoped = replace(scoped, case_region_prefix=actor.region_code, case_agency_id=actor.agency_id)
            if scoped.subject_id and scoped.subject_type in ("", "case"):
                load_case_in_scope(uow, kit, actor, scoped.subject_id, "view_audit", AUDIT_VIEWERS)
        entries, total = uow.audit.search(scoped)
    detail = {
        "filters": {
            "actor": scoped.actor_id or None,
            "action": scoped.action or None,
            "subject_type": scoped.subject_type or None,
            "subject": scoped.subject_id or None,
            "since": scoped.since.isoformat() if scoped.since else None,
            "until": scoped.until.isoformat() if scoped.until else None,
            "scope": scoped.case_region_prefix,
            "limit": scoped.limit,
            "offset": scoped.offset,
        },
        "rows": len(entries),
        "total": total,
    }
    with uow:
        audit.record(uow, kit, actor.user_id, VIEWED, "audit", "*", detail)
        uow.commit()
    return AuditPage(tuple(entries), total, scoped)


def trail_status(
    uow: UnitOfWork, kit: Kit, actor: Actor, *, verify: bool
) -> tuple[audit.AuditReport | None, Anchor]:
    """The chain's head (anchor) and, with ``verify``, the result of walking the whole chain
    (``audit verify``; slow on a long trail, so on request)."""
    with uow.reading():
        if actor.role not in AUDIT_VIEWERS:
            deny(uow, kit, actor, "verify_audit", "audit", "*")
    report = audit.verify_trail(uow, kit) if verify else None
    if verify:
        with uow:
            detail = {"ok": report.ok if report else None, "entries": report.entries if report else 0}
            audit.record(uow, kit, actor.user_id, "audit.verified", "audit", "*", detail)
            uow.commit()
    return report, audit.current_anchor(uow, kit)
