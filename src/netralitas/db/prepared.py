"""Statements run on every request, compiled once and run on the driver's cursor.

``Connection.execute`` costs ~100 µs of Python per statement before and after the driver's own
work (looking the compiled form up in the cache, building an execution context, processing each
parameter, post-compiling expanding ``IN`` lists, building the result's metadata). A
``Prepared`` statement does that work once per dialect (and, for an expanding ``IN``, once per
number of values) and then hands the driver the SQL string and the parameters, converted by
SQLAlchemy's own bind processors, and converts the values fetched with SQLAlchemy's own result
processors: the rows are those ``Connection.execute`` gives (e.g. SQLite's datetimes, stored as
strings, come back as datetimes), as plain tuples.

The ordinary path is taken instead whenever its extra work could matter: outside an active
transaction (SQLAlchemy begins one itself, or refuses), when anyone listens to the engine's
statement events (``before_cursor_execute`` and its kin: tests capturing the statements,
instrumentation) or the engine logs its SQL (``echo``, the ``sqlalchemy.engine`` logger at
INFO), for a parameter left out (SQLAlchemy's error) and for an empty ``IN`` list (SQLAlchemy
renders a special form). Driver
errors go through SQLAlchemy's handling (wrapped as ``sqlalchemy.exc.DBAPIError``, a lost
connection invalidated)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement, Executable
from sqlalchemy.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class Fetched:
    """What a statement gave: its rows (tuples, in the order of its columns) and, for a change,
    how many rows it touched (the driver's ``rowcount``)."""

    rows: list[tuple[Any, ...]]
    rowcount: int


@dataclass(frozen=True)
class _Expansion:
    """The SQL string and how to make the driver's parameters from the caller's, for one number of
    values in each expanding parameter."""

    sql: str
    #: per parameter sent: (caller's key, index in its list or -1, value when the key is absent)
    slots: tuple[tuple[str, int, Any], ...]
    #: (position, bind processor) of the parameters sent that are converted
    convert: tuple[tuple[int, Callable[[Any], Any]], ...]
    #: the driver's names of the parameters (None: positional)
    names: tuple[str, ...] | None

    def driver_params(self, values: Mapping[str, Any]) -> Any:
        """The driver's parameters for the caller's ``values`` (a tuple, or a dict by name)."""
        sent = [values[k][i] if i >= 0 else values.get(k, d) for k, i, d in self.slots]
        for at, process in self.convert:
            sent[at] = process(sent[at])
        return tuple(sent) if self.names is None else dict(zip(self.names, sent, strict=True))


class _Compiled:
    """A statement compiled for one dialect."""

    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        if compiled.literal_execute_params:
            raise ValueError("a Prepared statement may not render values into its SQL (literal_execute)")
        self.compiled = compiled
        self.expanding = tuple(sorted(b.key for b in compiled.binds.values() if b.expanding))
        #: the caller's keys without a default (absent: SQLAlchemy's error, by the ordinary path)
        self.required = frozenset(b.key for b in compiled.binds.values() if b.required or b.expanding)
        self.expansions: dict[tuple[int, ...], _Expansion] = {}
        #: the one expansion of a statement without expanding parameters, once built
        self.plain: _Expansion | None = None
        #: the driver's rows are tuples already (sqlite3's and psycopg's default rows)
        self.tuples = dialect.driver in ("pysqlite", "psycopg")
        #: the driver's column type codes never change (sqlite3 gives none)
        self.fixed_codes = dialect.driver == "pysqlite"
        #: result processors per tuple of the driver's column type codes
        self.readers: dict[tuple[Any, ...], tuple[tuple[int, Callable[[Any], Any]], ...]] = {}
        self._lock = threading.Lock()

    def expansion(self, params: Mapping[str, Any]) -> _Expansion:
        key = tuple([len(params[k]) for k in self.expanding])
        found = self.expansions.get(key)
        if found is None:
            with self._lock:  # the compiler is not thread-safe; building twice would be harmless
                found = self._expand(params)
            self.expansions[key] = found
            if not self.expanding:
                self.plain = found
        return found

    def _expand(self, params: Mapping[str, Any]) -> _Expansion:
        compiled = self.compiled
        state = compiled.construct_expanded_state(dict(params))
        key_of = {b.key: b for b in compiled.binds.values()}
        escaped = {v: k for k, v in (compiled.escaped_bind_names or {}).items()}
        origin: dict[str, tuple[str, int]] = {}
        for name, expanded in state.parameter_expansion.items():
            for i, sent in enumerate(expanded):
                origin[sent] = (compiled.binds[escaped.get(name, name)].key, i)
        # as ``DefaultExecutionContext._init_compiled`` does: the compiled statement's processors,
        # and those of the values of the expanded parameters
        processors = {**compiled._bind_processors, **state.processors}
        order = list(state.positiontup) if state.positiontup is not None else list(state.parameters)
        slots, convert = [], []
        for at, sent in enumerate(order):
            if sent in origin:
                key, index = origin[sent]
                default = None
            else:
                bind = compiled.binds[escaped.get(sent, sent)]
                key, index = bind.key, -1
                default = None if bind.required else bind.effective_value
                assert key_of[key] is bind
            slots.append((key, index, default))
            process = processors.get(sent, processors.get(escaped.get(sent, sent)))
            if process is not None:
                if not callable(process):
                    raise ValueError("a Prepared statement may not have tuple parameters")
                convert.append((at, cast(Callable[[Any], Any], process)))
        names = None if state.positiontup is not None else tuple(order)
        return _Expansion(state.statement, tuple(slots), tuple(convert), names)

    def result_processors(
        self, dialect: Dialect, codes: tuple[Any, ...]
    ) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
        """(position, result processor) of the columns whose values are converted, for the
        driver's column type codes (``_type_codes``)."""
        if self.fixed_codes and self.readers:
            return next(iter(self.readers.values()))
        found = self.readers.get(codes)
        if found is None:
            columns = self.compiled._result_columns  # what SQLAlchemy's result reads its types from
            every = [
                c.type.dialect_impl(dialect).result_processor(dialect, code)
                for c, code in zip(columns, codes, strict=True)
            ]
            found = self.readers[codes] = tuple((i, f) for i, f in enumerate(every) if f is not None)
        return found


#: libpq's ``PGRES_TUPLES_OK`` (``psycopg.pq.ExecStatus.TUPLES_OK``), not imported: SQLite-only
#: processes need not load psycopg.
_TUPLES_OK = 2

#: The attribute of a dialect holding the statements compiled for it.
_KEPT = "_netralitas_prepared"


class Prepared:
    """One statement (built once, with ``bindparam``s for every value of a call) run on the
    driver's cursor with SQLAlchemy's conversions, compiled once per dialect."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._last: tuple[Dialect, _Compiled] | None = None  # one dialect per process, usually

    def _compiled(self, dialect: Dialect) -> _Compiled:
        last = self._last
        if last is not None and last[0] is dialect:
            return last[1]
        # kept on the dialect (one per engine), so forgotten with it: tests make thousands of engines
        kept: dict[Prepared, _Compiled] = vars(dialect).setdefault(_KEPT, {})
        found = kept.get(self)
        if found is None:
            found = kept[self] = _Compiled(self.statement, dialect)
        self._last = (dialect, found)
        return found

    def run(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Fetched:
        """Run with ``params`` (the values of the statement's parameters, lists for the expanding
        ones) and fetch every row; for a change, how many rows it touched."""
        rows, rowcount = self._execute(conn, params or {})
        return Fetched(rows, rowcount)

    def rows(self, conn: Connection, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self._execute(conn, params or {})[0]

    def scalar(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Any:
        """The first column of the first row, or None without rows."""
        rows = self._execute(conn, params or {})[0]
        return rows[0][0] if rows else None

    def _execute(self, conn: Connection, values: Mapping[str, Any]) -> tuple[list[tuple[Any, ...]], int]:
        if not _direct(conn):
            return _ordinary(conn, self.statement, values)
        compiled = self._compiled(conn.dialect)
        if not compiled.required <= values.keys():  # SQLAlchemy's error
            return _ordinary(conn, self.statement, values)
        if compiled.expanding:
            for key in compiled.expanding:
                if not values[key]:  # SQLAlchemy's empty IN
                    return _ordinary(conn, self.statement, values)
            shape = compiled.expansion(values)
        else:
            shape = compiled.plain or compiled.expansion(values)
        driver_params = shape.driver_params(values)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]  # checked out
        try:
            cursor.execute(shape.sql, driver_params)
            codes = _type_codes(cursor)
            raw = None if codes is None else cursor.fetchall()
            rowcount = cursor.rowcount
        except Exception as exc:  # SQLAlchemy's own handling: wrapped, a lost connection invalidated
            cursor.close()
            conn._handle_dbapi_exception(exc, shape.sql, driver_params, cursor, None)
        cursor.close()
        if raw is None or codes is None:
            return [], rowcount
        readers = compiled.result_processors(conn.dialect, codes)
        if not readers:
            return cast(list[tuple[Any, ...]], raw) if compiled.tuples else [tuple(r) for r in raw], -1
        rows = []
        for r in raw:
            row = list(r)
            for at, read in readers:
                row[at] = read(row[at])
            rows.append(tuple(row))
        return rows, -1


def _type_codes(cursor: Any) -> tuple[Any, ...] | None:
    """The driver's type code of each column of the statement's rows, or None when it returned
    no rows (as ``cursor.description is None``). psycopg's ``description`` builds a ``Column``
    per column on every call (~10 µs for a case row): its result's type OIDs are read instead
    (~0.7 µs), the same codes (tests/integration/test_prepared.py)."""
    result = getattr(cursor, "pgresult", None)  # psycopg
    if result is None:
        description = cursor.description
        return None if description is None else tuple([d[1] for d in description])
    if result.status != _TUPLES_OK:
        return None
    return tuple([result.ftype(i) for i in range(result.nfields)])


def _direct(conn: Connection) -> bool:
    """Whether the driver's cursor may be used directly: an active transaction, no listener to
    the statement events."""
    tx = conn.get_transaction()
    if tx is None or not tx.is_active:
        return False
    if conn._has_events or conn._echo:  # listeners on the connection itself; SQL logged (echo)
        return False
    if not conn.engine._has_events:  # nothing listens to anything
        return True
    d = conn.engine.dispatch  # not ``conn.dispatch``: joining it to the engine's costs ~5 µs
    return not (d.before_cursor_execute or d.after_cursor_execute or d.before_execute or d.after_execute)


def _ordinary(
    conn: Connection, statement: ClauseElement, values: Mapping[str, Any]
) -> tuple[list[tuple[Any, ...]], int]:
    result = conn.execute(cast(Executable, statement), dict(values))
    if result.returns_rows:
        return [tuple(r) for r in result], -1
    return [], result.rowcount
