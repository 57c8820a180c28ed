"""Group commit of the audit entries that stand alone (the ``cases.listed`` entry of a list read):
threads of one process share one transaction and one commit. Infrastructure of the SQL adapter (it
exists for the database's write lock), handed to the case core through ``Kit.audit_group``
(``cases.dependencies.AuditGroupPort``) by the composition root."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from netralitas.cases.audit import record
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import UnitOfWork


@dataclass
class _Pending:
    actor_id: str
    action: str
    subject_type: str
    subject_id: str
    detail: Mapping[str, Any]
    done: threading.Event = field(default_factory=threading.Event)
    lead: bool = False
    error: BaseException | None = None


class AuditGroup:
    """Group commit for audit entries that stand alone (the ``cases.listed`` entry of a list
    read): callers of one process that arrive while another is writing have their entries
    appended together, in one transaction and one commit, by one of them (the leader); each
    caller returns only once the transaction holding its entry has committed, and raises if it
    failed. Under load this turns one write-lock wait and one commit per list read into one per
    batch. One group serves one database: ``Kit`` carries it, and a kit is used with one
    database. Single-threaded callers (tests, the CLI) write their entry alone, as before."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: list[_Pending] = []
        self._leading = False

    def record(
        self, uow: UnitOfWork, kit: Kit, actor_id: str, action: str, subject_type: str, subject_id: str,
        detail: Mapping[str, Any],
    ) -> None:  # fmt: skip
        item = _Pending(actor_id, action, subject_type, subject_id, detail)
        with self._lock:
            self._queue.append(item)
            leading = not self._leading
            self._leading = True
        if not leading:
            item.done.wait()  # written by a leader, or handed the lead (``item.lead``)
            if not item.lead:
                if item.error is not None:
                    raise RuntimeError("audit entry could not be written") from item.error
                return
        self._lead(uow, kit)
        if item.error is not None:
            raise item.error

    def _lead(self, uow: UnitOfWork, kit: Kit) -> None:
        """Take the write lock, then write everything queued by then (the leader's own entry and
        those of the callers that arrived while it waited) in one transaction; then hand the
        lead to the first caller that queued meanwhile, or give it up."""
        batch: list[_Pending] = []
        try:
            with uow:
                uow.audit.lock_head()  # SQLite: BEGIN IMMEDIATE already waited; PostgreSQL: waits here
                with self._lock:
                    batch, self._queue = self._queue, []
                for p in batch:
                    record(uow, kit, p.actor_id, p.action, p.subject_type, p.subject_id, p.detail)
                uow.commit()
        except BaseException as exc:  # every caller of the batch fails: nothing is handed out unaudited
            with self._lock:
                if not batch:  # failed before taking it
                    batch, self._queue = self._queue, []
            for p in batch:
                p.error = exc
        with self._lock:
            if self._queue:
                self._queue[0].lead = True
                self._queue[0].done.set()
            else:
                self._leading = False
        for p in batch:
            p.done.set()
