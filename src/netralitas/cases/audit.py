"""Appending to and verifying the hash-chained audit trail (hashing by
``netralitas.privacy.audit_chain``).

Every state change and every sensitive read calls ``record`` inside the same transaction,
so the trail and the data commit or roll back together. ``lock_head`` serialises appends;
the head (sequence, hash) is also kept apart from the entries so that cutting off the newest
entries is detected too."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import AuditRepository, UnitOfWork
from netralitas.cases.records import AuditEntry
from netralitas.privacy.audit_chain import (
    GENESIS_HASH,
    Anchor,
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
    return append_entry(uow.audit, kit.clock.now(), actor_id, action, subject_type, subject_id, detail)


def append_entry(
    trail: AuditRepository,
    at: datetime,
    actor_id: str,
    action: str,
    subject_type: str,
    subject_id: str,
    detail: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry at ``at`` to the chain of any unit of work's audit repository (the case
    services through ``record``, the guidance services directly); the caller commits."""
    trail.lock_head()
    seq, prev_hash = trail.head() or (0, GENESIS_HASH)
    seq += 1
    # ``entry_data`` of the entry, built once (not a draft and a copy of it with its hash)
    kept = dict(detail or {})
    data = {"at": at, "actor_id": actor_id, "action": action, "subject_type": subject_type,
            "subject_id": subject_id, "detail": kept}  # fmt: skip
    entry = AuditEntry(seq, at, actor_id, action, subject_type, subject_id, kept, prev_hash,
                       compute_entry_hash(prev_hash, seq, data))  # fmt: skip
    trail.append(entry)
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
    """The entries as the chain sees them."""
    for e in entries:
        yield ChainedEntry(e.seq, entry_data(e), e.prev_hash, e.hash)


#: Actions that create a case and its report (``report.submitted``: the public form and API;
#: ``case.opened``: an officer's intake). Every stored case and report must have one.
CREATION_ACTIONS = frozenset({"report.submitted", "case.opened"})


def _failed(problem: str, sequence: int | None, checked: int, texts: tuple[str, str]) -> AuditReport:
    return AuditReport(False, checked, sequence, problem, *texts)


def verify_trail(uow: UnitOfWork, kit: Kit, anchor: ChainHead | None = None) -> AuditReport:
    """Walk the whole chain; report the first entry changed, inserted or deleted, a cut end
    (against the head kept apart and, when given, an ``anchor`` kept outside the database), a
    missing head, and cases or reports whose creation left no audit entry.

    Memory stays bounded at any size: the chain is walked in pages, and the records without
    their creation entry are found by the store (an anti-join in the same snapshot as the walk,
    so against the entries just verified), which hands back only a count and a few ids."""
    with uow.reading():
        recorded = uow.audit.head()
        result = verify_chain(_chained(uow.audit.iter_all()), expected_head=anchor)
        if not result.ok:
            return AuditReport(
                False, result.checked, result.sequence, result.problem, result.message, result.message_en
            )
        has_records = (
            next(iter(uow.cases.ids()), None) is not None or next(iter(uow.reports.ids()), None) is not None
        )
        missing, sample = uow.audit.missing_creations(CREATION_ACTIONS, sample=3)
    head_problem = _head_problem(recorded, result.head, result.checked, has_records=has_records)
    if head_problem is not None:
        return head_problem
    if missing:
        return _failed("unaudited", None, result.checked, _unaudited_texts(missing, sample))
    return AuditReport(True, result.checked, None, None, result.message, result.message_en)


def _head_problem(
    recorded: tuple[int, str] | None, walked: ChainHead, checked: int, *, has_records: bool
) -> AuditReport | None:
    if recorded is None:
        if checked or has_records:
            texts = (
                "Kepala rantai audit hilang padahal ada entri atau kasus: jejak audit dipotong atau dihapus.",
                "The audit chain head is missing while entries or cases exist: the trail was cut or deleted.",
            )
            return _failed("head_missing", None, checked, texts)
        return None
    if recorded[0] > walked.sequence:
        texts = (
            f"Rantai audit berakhir di #{walked.sequence}, padahal kepalanya mencatat #{recorded[0]}: "
            "entri terakhir dihapus.",
            f"The audit chain ends at #{walked.sequence} but its head records #{recorded[0]}: "
            "the last entries were deleted.",
        )
        return _failed("truncated", walked.sequence + 1, checked, texts)
    if ChainHead(*recorded) != walked:
        texts = (
            f"Kepala rantai audit (#{recorded[0]}) tidak cocok dengan entri terakhir (#{walked.sequence}).",
            f"The audit chain head (#{recorded[0]}) does not match the last entry (#{walked.sequence}).",
        )
        return _failed("head_mismatch", recorded[0], checked, texts)
    return None


def _unaudited_texts(missing: int, sample: list[str]) -> tuple[str, str]:
    first = sample[0].replace(":", " ") if sample else "?"
    return (
        f"{missing} data tanpa entri audit pembuatannya (misalnya {first}): "
        "jejak audit dipotong atau data disisipkan di luar aplikasi.",
        f"{missing} records without their creation audit entry (e.g. {first}): "
        "the trail was cut or rows were inserted behind the application's back.",
    )


def anchor_key(kit: Kit) -> bytes:
    """Signs anchor lines; derived from the audit key (so from the installation's secrets)."""
    return hmac.new(kit.audit_key, b"netralitas audit anchor", hashlib.sha256).digest()


def current_anchor(uow: UnitOfWork, kit: Kit) -> Anchor:
    """The head as it is now, to be kept outside the database (``netralitas audit anchor``)."""
    with uow.reading():
        head = uow.audit.head()
    at = kit.clock.now().astimezone(UTC).isoformat().replace("+00:00", "Z")
    return Anchor(ChainHead(*head) if head else ChainHead(0, GENESIS_HASH), at)
