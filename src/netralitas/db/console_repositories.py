"""Repositories of the officer console: case assignments, notifications, e-mail preferences."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from netralitas.cases.records import CaseAssignment, Notification
from netralitas.db import console_models as cm
from netralitas.db.prepared import Prepared
from netralitas.db.repositories import SqlRepository, _table, record_columns
from netralitas.errors import ConflictError


def _stale(case_id: str, expected_version: int) -> ConflictError:
    return ConflictError(
        "Penugasan kasus ini telah diubah oleh pengguna lain; muat ulang lalu ulangi.",
        message_en="This case's assignment was changed by someone else; reload and try again.",
        details={"case_id": case_id, "expected_version": expected_version},
    )


_A = _table(cm.CaseAssignmentRow)
_N = _table(cm.NotificationRow)
#: Read on every queue view: built once.
_ASSIGNMENTS_OF = Prepared(
    record_columns(_A, CaseAssignment).where(_A.c.id.in_(bindparam("ids", expanding=True)))
)
_UNREAD = Prepared(
    select(func.count()).select_from(_N).where(_N.c.user_id == bindparam("user_id"), _N.c.read_at.is_(None))
)


class SqlAssignments(SqlRepository[CaseAssignment]):
    def put(self, item: CaseAssignment, expected_version: int) -> CaseAssignment:
        t, row = self.table, self.mapper.to_row(item)
        if expected_version == 0:
            try:
                with self.conn.begin_nested():
                    self.conn.execute(insert(t).values(**row))
            except IntegrityError as exc:
                raise _stale(item.id, expected_version) from exc
            return item
        done = self.conn.execute(
            update(t).where(t.c.id == item.id, t.c.version == expected_version).values(**row)
        )
        if done.rowcount != 1:
            raise _stale(item.id, expected_version)
        return item

    def for_cases(self, case_ids: Sequence[str]) -> dict[str, CaseAssignment]:
        found: dict[str, CaseAssignment] = {}
        ids = list(case_ids)
        for start in range(0, len(ids), 500):
            rows = _ASSIGNMENTS_OF.rows(self.conn, {"ids": ids[start : start + 500]})
            found |= {a.id: a for a in map(self.mapper.from_values, rows)}
        return found


class SqlNotifications(SqlRepository[Notification]):
    def for_user(self, user_id: str, *, unread_only: bool = False, limit: int = 50) -> list[Notification]:
        t = self.table
        stmt = select(t).where(t.c.user_id == user_id)
        if unread_only:
            stmt = stmt.where(t.c.read_at.is_(None))
        return self._rows(stmt.order_by(t.c.created_at.desc(), t.c.id.desc()).limit(limit))

    def count_unread(self, user_id: str) -> int:
        return int(_UNREAD.scalar(self.conn, {"user_id": user_id}))

    def existing(self, note_ids: Sequence[str]) -> set[str]:
        t = self.table
        return (
            set(self.conn.execute(select(t.c.id).where(t.c.id.in_(list(note_ids)))).scalars())
            if note_ids
            else set()
        )

    def unsent(self, limit: int) -> list[Notification]:
        t = self.table
        stmt = select(t).where(t.c.emailed_at.is_(None)).order_by(t.c.created_at, t.c.id).limit(limit)
        return self._rows(stmt)
