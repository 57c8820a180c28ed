"""Appending to and verifying the hash-chained audit trail.

Every state change and every sensitive read calls ``record`` inside the same transaction,
so the trail and the data commit or roll back together. ``lock_head`` serialises appends."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from netralitas.cases.kit import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import AuditEntry

#: Actor id used for actions of the public (anonymous reporters) and of the system itself.
PUBLIC_ACTOR = "public"
SYSTEM_ACTOR = "system"


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
    last = uow.audit.last()
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        at=kit.clock.now(),
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        detail=dict(detail or {}),
        prev_hash=last.hash if last else "",
    )
    entry = replace(entry, hash=kit.chain.entry_hash(entry.prev_hash, entry))
    uow.audit.append(entry)
    return entry


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    entries: int
    broken_at: int | None
    explanation: str

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "broken_at": self.broken_at,
            "explanation": self.explanation,
        }


def verify_trail(uow: UnitOfWork, kit: Kit) -> AuditReport:
    """Walk the whole chain; report the first entry changed, inserted or deleted."""
    with uow:
        entries = list(uow.audit.iter_all())
        head = uow.audit.head()
    broken, why = kit.chain.first_break(entries)
    if broken is None:
        broken, why = _check_head(entries, head)
    return AuditReport(ok=broken is None, entries=len(entries), broken_at=broken, explanation=why)


def _check_head(entries: list[AuditEntry], head: tuple[int, str] | None) -> tuple[int | None, str]:
    """The chain cannot see its own tail being cut off; the head row recorded apart can."""
    last = (entries[-1].seq, entries[-1].hash) if entries else None
    if last == head:
        return None, "Rantai audit utuh / audit chain intact"
    seq = head[0] if head else (last[0] if last else 0)
    return seq, (
        f"Kepala rantai {head} tidak cocok dengan entri terakhir {last}: entri di akhir dihapus atau diubah"
        " / chain head does not match the last entry"
    )
