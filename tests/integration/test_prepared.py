"""``db.prepared``: the hot statements run on the driver's cursor give exactly the rows (values and
types) ``Connection.execute`` gives, on SQLite (datetimes and dates stored as strings, JSON as
text) and PostgreSQL; the ordinary path is taken when someone listens to the statements, for an
empty ``IN`` list and outside a transaction; driver errors are SQLAlchemy's."""

from __future__ import annotations

import gc
import logging
import sqlite3
import weakref
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, bindparam, event, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError

from netralitas.cases.ports import CaseQuery
from netralitas.cases.records import Case, User
from netralitas.db import console_models as cm
from netralitas.db import console_repositories as console
from netralitas.db import engine as engine_module
from netralitas.db import models, prepared, synthetic
from netralitas.db import repositories as repos
from netralitas.db.mapping import mapper_for
from netralitas.db.prepared import Prepared
from netralitas.db.uow import SqlUnitOfWork

AT = datetime(2025, 5, 1, 8, 30, 15, 123456, tzinfo=UTC)
AGENCY = "pemda-33.74"


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    synthetic.load(engine, 400)
    users, assigned = repos._table(models.User), repos._table(cm.CaseAssignmentRow)
    notes = repos._table(cm.NotificationRow)
    with engine.begin() as conn:
        c = repos._table(models.Case).c
        newest = select(c.id).where(c.region_code.startswith("33")).order_by(c.opened_at.desc()).limit(30)
        ids = list(conn.execute(newest).scalars())  # on the first page of a queue of 33
        conn.execute(insert(users), [_user(n) for n in range(6)])
        conn.execute(insert(assigned), [
            {"id": i, "assignee_id": f"user-{n % 6}", "assigned_by": "user-0",
             "assigned_at": AT + timedelta(hours=n), "version": 1 + n % 3}
            for n, i in enumerate(ids[:20])
        ])  # fmt: skip
        conn.execute(insert(notes), [
            {"id": f"note-{n}", "user_id": "user-1", "case_id": ids[n], "kind": "assigned",
             "case_number": "N", "detail": "x", "created_at": AT, "read_at": AT if n % 2 else None,
             "emailed_at": None}
            for n in range(5)
        ])  # fmt: skip
    return engine


def _user(n: int) -> dict[str, Any]:
    return {
        "id": f"user-{n}", "username": f"u{n}", "display_name": f"User {n}",
        "role": ("intake_officer", "taskforce", "supervisor")[n % 3],
        "region_code": ("33", "33.74", "", "34", "33.74.01", "33")[n], "agency_id": None if n % 2 else AGENCY,
        "password_hash": "h", "active": n != 5, "created_at": AT, "version": 1, "session_epoch": 0,
    }  # fmt: skip


@pytest.fixture
def no_ordinary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test fails if a statement takes SQLAlchemy's ordinary path."""

    def refuse(*_: object) -> None:
        raise AssertionError("the ordinary path was taken")

    monkeypatch.setattr(prepared, "_ordinary", refuse)


def _cases() -> Iterator[tuple[str, Prepared, dict[str, Any]]]:
    """The hot statements with the values of a queue view (and a few other shapes)."""
    scope = CaseQuery(region_prefix="33", limit=25)
    for query in (
        scope,
        CaseQuery(region_prefix="33", statuses=frozenset(list(synthetic.S)[:5]), limit=10, offset=2),
    ):
        shape = repos._filter_shape(query, walked=False)
        params = repos._filter_params(query) | {"page_limit": query.limit, "page_offset": query.offset}
        yield f"page {query.offset}", repos._case_page(shape, "offset"), params
    walked = repos._filter_shape(scope, walked=True)
    key = {"key_at": datetime(2025, 1, 1, tzinfo=UTC), "key_id": "0" * 32}
    yield "window", repos._case_window_page(walked, "offset"), repos._filter_params(scope) | {
        "page_limit": 25, "window": 50}  # fmt: skip
    yield "after", repos._case_window_page(walked, "after"), repos._filter_params(scope) | {
        "page_limit": 25, "window": 50, **key}  # fmt: skip
    yield "before none", repos._case_window_page(walked, "before"), repos._filter_params(scope) | {
        "page_limit": 25, "window": 50_000, **key}  # fmt: skip
    yield "counts", repos._status_counts(True, False), repos.region_bounds("33")
    yield (
        "overdue",
        repos._open_overdue_count(True, False),
        {"on": synthetic.TODAY, **repos.region_bounds("33")},
    )
    near = {"roles": ["intake_officer", "taskforce"], "above": ["", "33"], "agency": AGENCY}
    yield "users", repos._users_near(True, True), near | repos.region_bounds("33")
    yield "by id", repos._by_id(repos._table(models.User), User), {"item_id": "user-3"}
    yield "unread", console._UNREAD, {"user_id": "user-1"}
    yield "head", repos._HEAD, {}


def _ordinary_rows(conn: Connection, statement: Prepared, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in conn.execute(statement.statement, params)]  # type: ignore[call-overload]


@pytest.mark.usefixtures("no_ordinary")
def test_the_hot_statements_give_what_sqlalchemy_gives(loaded: Engine) -> None:
    with loaded.connect() as conn, conn.begin():
        ids = [r[0] for r in _ordinary_rows(conn, repos._case_page(
            repos._filter_shape(CaseQuery(limit=40), walked=False), "offset"),
            {"page_limit": 40, "page_offset": 0})]  # fmt: skip
        held = list(conn.execute(select(repos._table(cm.CaseAssignmentRow).c.id)).scalars())
        cases = [*_cases(), ("assignments", console._ASSIGNMENTS_OF, {"ids": [*held[:15], *ids[:10]]})]
        cases += [
            ("due", repos._due_for_cases(), {"before": synthetic.TODAY + timedelta(days=3), "case_ids": ids})
        ]
        for name, statement, params in cases:
            ours, theirs = statement.rows(conn, params), _ordinary_rows(conn, statement, params)
            assert ours == theirs, name
            assert [[type(v) for v in r] for r in ours] == [[type(v) for v in r] for r in theirs], name
            assert all(type(r) is tuple for r in ours)
        empty = [n for n, statement, p in cases if not statement.rows(conn, p)]
        assert empty == []  # every statement compared on rows
        page = repos._case_page(repos._filter_shape(CaseQuery(limit=5), walked=False), "offset")
        opened = page.rows(conn, {"page_limit": 5, "page_offset": 0})[0][
            mapper_for(Case).fields.index("opened_at")
        ]
        assert isinstance(opened, datetime)  # a string on SQLite until SQLAlchemy's processor


@pytest.mark.usefixtures("no_ordinary")
def test_an_expanding_list_of_each_length_is_its_own_statement(loaded: Engine) -> None:
    with loaded.connect() as conn, conn.begin():
        ids = list(conn.execute(select(repos._table(cm.CaseAssignmentRow).c.id).order_by("id")).scalars())
        for n in (1, 3, 20, 2, 3, 1):
            got = console._ASSIGNMENTS_OF.rows(conn, {"ids": ids[:n]})
            assert sorted(r[0] for r in got) == ids[:n]
        # values shared by two parameters and a parameter left at its default
        stmt = Prepared(select(bindparam("a", type_=models.UTC_TS), bindparam("b", 7)).where(
            repos._table(models.User).c.id.in_(bindparam("ids", expanding=True))))  # fmt: skip
        got = stmt.rows(conn, {"a": AT, "ids": ["user-1", "user-2"]})
        assert got == _ordinary_rows(conn, stmt, {"a": AT, "ids": ["user-1", "user-2"]})
        assert [r[1] for r in got] == [7, 7] and got[0][0].replace(tzinfo=UTC) == AT


def test_an_empty_list_and_listeners_take_the_ordinary_path(loaded: Engine) -> None:
    seen: list[str] = []

    def grab(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    with loaded.connect() as conn, conn.begin():
        assert console._ASSIGNMENTS_OF.rows(conn, {"ids": []}) == []
        assert repos._due_for_cases().rows(conn, {"before": synthetic.TODAY, "case_ids": []}) == []
        assert console._UNREAD.scalar(conn, {"user_id": "user-1"}) == 3
        assert seen == []
        event.listen(loaded, "before_cursor_execute", grab)
        try:
            assert console._UNREAD.scalar(conn, {"user_id": "user-1"}) == 3
        finally:
            event.remove(loaded, "before_cursor_execute", grab)
    assert len(seen) == 1 and "notifications" in seen[0]


def test_outside_a_transaction_sqlalchemy_begins_one(loaded: Engine) -> None:
    with loaded.connect() as conn:
        assert not conn.in_transaction()
        assert console._UNREAD.scalar(conn, {"user_id": "user-1"}) == 3
        assert conn.in_transaction()  # autobegun by the ordinary path: a writer's BEGIN on SQLite


@pytest.mark.usefixtures("no_ordinary")
def test_writes_store_what_sqlalchemy_stores(engine: Engine) -> None:
    """An audit entry inserted by ``Prepared`` is stored as ``Connection.execute`` stores it (the
    datetime's text on SQLite, the JSON text) and the head update counts its row."""
    t = repos._table(models.AuditEntry)
    row = {"at": AT, "actor_id": "a", "action": "x.y", "subject_type": "case", "subject_id": "*",
           "detail": {"b": [1, "é"], "a": None}, "prev_hash": "0" * 64, "hash": "1" * 64}  # fmt: skip
    with engine.connect() as conn, conn.begin():
        assert repos._ENTRY_INSERT.run(conn, {"seq": 1, **row}).rowcount == 1
        conn.execute(insert(t), {"seq": 2, **row})
        raw = "CAST(detail AS TEXT)" if engine.dialect.name == "postgresql" else "detail"
        stored = conn.exec_driver_sql(
            f"SELECT seq, CAST(at AS TEXT), {raw} FROM audit_entries ORDER BY seq"
        ).all()
        assert stored[0][1:] == stored[1][1:]
        assert repos._HEAD_UPDATE.run(conn, {"new_seq": 2, "new_hash": "1" * 64}).rowcount == 1
        assert repos._HEAD.rows(conn) == [(2, "1" * 64)]


def test_driver_errors_are_sqlalchemys(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    row = {"seq": 1, "at": AT, "actor_id": "a", "action": "x", "subject_type": "c", "subject_id": "*",
           "detail": {}, "prev_hash": "0", "hash": "1"}  # fmt: skip
    with engine.connect() as conn, conn.begin():
        repos._ENTRY_INSERT.run(conn, row)
        monkeypatch.setattr(prepared, "_ordinary", None)  # the fast path only
        with pytest.raises(IntegrityError):
            repos._ENTRY_INSERT.run(conn, row)
    with engine.connect() as conn, conn.begin():
        monkeypatch.undo()
        with pytest.raises(StatementError):  # a value left out: SQLAlchemy's own refusal
            console._UNREAD.rows(conn, {})


def test_a_queue_view_reads_the_same_through_either_path(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repositories' reads of a queue view, fast and with every statement on the ordinary path."""

    def read() -> tuple[Any, ...]:
        uow = SqlUnitOfWork(loaded)
        with uow.reading():
            query = CaseQuery(region_prefix="33", limit=25)
            page = uow.cases.page(query)
            ids = [c.id for c in page]
            return (
                page,
                uow.cases.count_by_status("33", None),
                uow.deadlines.count_overdue(synthetic.TODAY, query),
                uow.deadlines.due_for_cases(ids, synthetic.TODAY + timedelta(days=30)),
                uow.assignments.for_cases(ids),
                uow.users.active_near("33.74", AGENCY, frozenset({"taskforce", "intake_officer"})),
                uow.users.get("user-3"),
                uow.notifications.count_unread("user-1"),
                uow.audit.head(),
                uow.cases.scope_counts("33", None, synthetic.TODAY),
            )

    fast = read()
    monkeypatch.setattr(prepared, "_direct", lambda conn: False)
    assert read() == fast
    assert fast[0] and fast[1] and fast[3] and fast[4] and fast[5] and fast[6] is not None
    assert fast[9] == (fast[1], fast[2])


def test_a_writer_meeting_sqlites_lock_gets_sqlalchemys_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``BEGIN IMMEDIATE`` goes to the driver (``db.engine``); "database is locked" still comes as
    ``sqlalchemy.exc.OperationalError`` (answered 503), and the process's write lock is let go."""
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "locked.db"
    engine = engine_module.create_db_engine(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(OperationalError, match="locked"), engine.begin() as conn:
            conn.exec_driver_sql("SELECT 1")
        other.execute("ROLLBACK")
        with engine.begin() as conn:  # the in-process lock was released
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        assert other.execute("SELECT count(*) FROM t").fetchone() == (0,)
    finally:
        other.close()
        engine.dispose()


@pytest.mark.parametrize("window", [repos.RECENT_WINDOW, 5])
def test_a_region_page_is_one_statement_when_the_window_holds_it(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    """SQLite looks for a region's page among the newest cases first (``SqlCases._recent_page``):
    the window's edge is a subquery of the page's statement (it was a statement of its own); a
    window too small for the page (5 here) costs the indexed page after it, with the same rows."""
    monkeypatch.setattr(repos, "RECENT_WINDOW", window)
    seen: list[str] = []
    event.listen(loaded, "before_cursor_execute", lambda *a: seen.append(a[2]))
    query = CaseQuery(region_prefix="33", limit=10)
    uow = SqlUnitOfWork(loaded)
    with uow.reading():
        first = uow.cases.page(query)
        after = uow.cases.page(replace(query, after=(first[-1].opened_at, first[-1].id)))
        before = uow.cases.page(replace(query, before=(after[0].opened_at, after[0].id)))
        monkeypatch.setattr(repos, "_walks", lambda *_: False)
        indexed = uow.cases.page(replace(query, limit=20))
    assert [c.id for c in first + after] == [c.id for c in indexed]
    assert [c.id for c in before] == [c.id for c in first]
    reads = [s for s in seen if "FROM cases" in s]
    full = window != 5 or loaded.dialect.name != "sqlite"
    assert len(reads) == (3 if full else 6) + 1


def test_the_scope_counts_are_the_counts_per_status_and_the_overdue_count(loaded: Engine) -> None:
    """``SqlCases.scope_counts`` (one statement) gives what ``count_by_status`` and
    ``count_overdue`` give, for every shape of scope."""
    seen: list[str] = []

    def grab(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    uow = SqlUnitOfWork(loaded)
    for region, agency in (("33", None), ("", None), ("33.74", AGENCY), ("", AGENCY), ("99", None)):
        for on in (synthetic.TODAY, synthetic.TODAY - timedelta(days=40)):
            with uow.reading():
                scope = CaseQuery(region_prefix=region, agency_id=agency)
                apart = uow.cases.count_by_status(region, agency), uow.deadlines.count_overdue(on, scope)
                event.listen(loaded, "before_cursor_execute", grab)
                together = uow.cases.scope_counts(region, agency, on)
                event.remove(loaded, "before_cursor_execute", grab)
            assert together == apart and len(seen) == 1
            seen.clear()
            assert (region != "33" or apart[1] > 0) and (region == "99") == (apart[0] == {})


def test_what_is_compiled_for_an_engine_goes_with_it() -> None:
    """Compiled per dialect, kept on the dialect: the engines a process drops (tests make
    thousands) take their statements with them; only the last one used stays at hand."""
    gone = []
    for _ in range(3):
        engine = engine_module.create_db_engine("sqlite://")
        with engine.connect() as conn:
            conn.exec_driver_sql("CREATE TABLE notifications (user_id TEXT, read_at TEXT)")
            conn.commit()
            with conn.begin():
                assert console._UNREAD.scalar(conn, {"user_id": "x"}) == 0
        gone.append(weakref.ref(engine.dialect))
        engine.dispose()
        del engine, conn
    gc.collect()
    assert [r() is None for r in gone] == [True, True, False]


def test_an_engine_logging_its_sql_logs_these_statements_too(
    loaded: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="sqlalchemy.engine"), loaded.connect() as conn, conn.begin():
        assert console._UNREAD.scalar(conn, {"user_id": "user-1"}) == 3
    assert any("notifications" in r.getMessage() for r in caplog.records)


def test_the_type_codes_are_the_drivers_description(loaded: Engine) -> None:
    """``_type_codes`` reads psycopg's result (not its ``description``, ~14x dearer): the same
    codes as the description, and None exactly when the statement gave no rows."""
    with loaded.connect() as conn, conn.begin():
        for name, statement, params in _cases():
            compiled = statement._compiled(conn.dialect)
            shape = compiled.plain or compiled.expansion(params)
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.execute(shape.sql, shape.driver_params(params))
                assert prepared._type_codes(cursor) == tuple(d[1] for d in cursor.description), name
            finally:
                cursor.close()
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute("UPDATE users SET version = version WHERE 1 = 0")
            assert cursor.description is None and prepared._type_codes(cursor) is None
        finally:
            cursor.close()


def test_the_result_status_is_libpqs_tuples_ok() -> None:
    from psycopg import pq

    assert prepared._TUPLES_OK == pq.ExecStatus.TUPLES_OK
