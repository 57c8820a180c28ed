"""Appending to and verifying the hash-chained audit trail (hashing by
``netralitas.intake.audit_chain``).

Every state change and every sensitive read calls ``record`` inside the same transaction,
so the trail and the data commit or roll back together. ``lock_head`` serialises appends;
the head (sequence, hash) is also kept apart from the entries so that cutting off the newest
entries is detected too."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from netralitas.cases.kit import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import AuditEntry
from netralitas.intake.audit_chain import (
    GENESIS_HASH,
    ChainedEntry,
    ChainHead,
    compute_entry_hash,
    verify_chain,
)

#: Actor id used for actions of the public (anonymous reporters) and of the system itself.
PUBLIC_ACTOR = "public"
SYSTEM_ACTOR = "system"


def entry_data(entry: AuditEntry) -> dict[str, Any]:
    """What the hash covers: every stored field except the chain fields themselves."""
    return {
        "at": entry.at,
        "actor_id": entry.actor_id,
        "action": entry.action,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "detail": entry.detail,
    }


def record(
    uow: UnitOfWork,
    kit: Kit,
    actor_id: str,
    action: str,
    subject_type: str,
    subject_id: str,
    detail: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain (the caller commits)."""
    uow.audit.lock_head()
    head = uow.audit.head() or (0, GENESIS_HASH)
    draft = AuditEntry(
        seq=head[0] + 1,
        at=kit.clock.now(),
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        detail=dict(detail or {}),
        prev_hash=head[1],
    )
    entry = replace(draft, hash=compute_entry_hash(head[1], draft.seq, entry_data(draft)))
    uow.audit.append(entry)
    return entry


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    entries: int
    broken_at: int | None
    problem: str | None
    message: str
    message_en: str

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def _chained(entries: Iterable[AuditEntry]) -> Iterable[ChainedEntry]:
    for e in entries:
        yield ChainedEntry(e.seq, entry_data(e), e.prev_hash, e.hash)


def verify_trail(uow: UnitOfWork, kit: Kit) -> AuditReport:
    """Walk the whole chain; report the first entry changed, inserted or deleted."""
    with uow.reading():
        head = uow.audit.head()
        expected = ChainHead(*head) if head else None
        result = verify_chain(_chained(uow.audit.iter_all()), expected_head=expected)
    return AuditReport(
        result.ok, result.checked, result.sequence, result.problem, result.message, result.message_en
    )
