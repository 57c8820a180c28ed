"""``oversight_counts``: the facts pre-aggregated per election, province and value of each
dashboard dimension (cases, and the PPK figures of those with a recommendation).

The sync applies deltas (the old facts of a changed case subtracted, its new facts added) in the
same transaction that rewrites the facts, so the counts always equal a recount of the facts
(``tests/integration/test_oversight.py`` recounts). The dashboard reads these few thousand rows
instead of scanning every fact when the filter allows it: national or one province, optionally
one election, no agency, period or behaviour filter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Table, and_, case, delete, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement

from netralitas.analytics.filters import FactFilter
from netralitas.analytics.model import Dimension
from netralitas.db import models as m

CUBE: Table = m.OversightCount.__table__  # type: ignore[assignment]
FACTS: Table = m.OversightFact.__table__  # type: ignore[assignment]
DIMENSIONS = (*(d.value for d in Dimension), "opened_month")
MEASURES = ("n", "sent", "decided", "followed", "days_total", "days_count")
Key = tuple[str, str, str, str]


def serves(where: FactFilter) -> bool:
    """Can the counts answer this filter (national or one province, elections only)?"""
    return (
        where.agency_id is None
        and where.opened_from is None
        and where.opened_to is None
        and where.behaviour is None
        and len(where.region) in (0, 2)
    )


def _measures(row: Mapping[str, Any]) -> tuple[int, ...]:
    sent = row["recommended_on"] is not None
    days = row["decision_days"] if sent else None
    return (1, int(sent), int(sent and row["decided_on"] is not None), int(sent and bool(row["followed_up"])),
            int(days or 0), int(days is not None))  # fmt: skip


def _cells(row: Mapping[str, Any]) -> Iterable[Key]:
    for dim in DIMENSIONS:
        yield (row["election_id"] or "", row["province_code"], dim, str(row[dim] or ""))


def apply_deltas(
    conn: Connection, old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]]
) -> None:
    """Subtract the old facts and add the new ones (one upsert per changed cell)."""
    acc: dict[Key, list[int]] = {}
    for rows, sign in ((old, -1), (new, 1)):
        for row in rows:
            values = _measures(row)
            for key in _cells(row):
                cell = acc.setdefault(key, [0] * len(MEASURES))
                for i, v in enumerate(values):
                    cell[i] += sign * v
    changed = [
        dict(zip(("election_id", "province_code", "dimension", "key"), k, strict=True))
        | dict(zip(MEASURES, v, strict=True))
        for k, v in acc.items()
        if any(v)
    ]
    if not changed:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(CUBE).values(changed)
    add = {c: CUBE.c[c] + stmt.excluded[c] for c in MEASURES}
    keys = ["election_id", "province_code", "dimension", "key"]
    conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=add))


def rebuild(conn: Connection) -> None:
    """Recount everything from the facts (after a bulk load; the caller commits)."""
    conn.execute(delete(CUBE))
    f = FACTS.c
    sent = f.recommended_on.is_not(None)
    for dim in DIMENSIONS:
        stmt = select(
            func.coalesce(f.election_id, ""), f.province_code, literal(dim), func.coalesce(f[dim], ""),
            func.count(), func.sum(case((sent, 1), else_=0)),
            func.sum(case((and_(sent, f.decided_on.is_not(None)), 1), else_=0)),
            func.sum(case((and_(sent, f.followed_up), 1), else_=0)),
            func.coalesce(func.sum(case((sent, f.decision_days), else_=None)), 0),
            func.sum(case((and_(sent, f.decision_days.is_not(None)), 1), else_=0)),
        ).group_by(f.election_id, f.province_code, f[dim])  # fmt: skip
        conn.execute(
            CUBE.insert().from_select(["election_id", "province_code", "dimension", "key", *MEASURES], stmt)
        )


def cube_where(where: FactFilter, dimension: str) -> list[ColumnElement[bool]]:
    c = CUBE.c
    out: list[ColumnElement[bool]] = [c.dimension == dimension]
    if where.election_ids:
        out.append(c.election_id.in_(where.election_ids))
    if where.region:
        out.append(c.province_code == where.region)
    return out


def cube_counts(conn: Connection, dimension: str, where: FactFilter) -> dict[str, int]:
    c = CUBE.c
    stmt = select(c.key, func.sum(c.n)).where(*cube_where(where, dimension)).group_by(c.key)
    return {str(k): int(n) for k, n in conn.execute(stmt) if n}


def cube_ppk(
    conn: Connection, dimension: str, where: FactFilter
) -> list[tuple[str, int, int, int, int, int]]:
    c = CUBE.c
    stmt = (
        select(c.key, *(func.sum(c[x]) for x in MEASURES[1:]))
        .where(*cube_where(where, dimension))
        .group_by(c.key)
    )
    return [(str(k), int(s), int(d), int(f), int(t), int(n)) for k, s, d, f, t, n in conn.execute(stmt) if s]
