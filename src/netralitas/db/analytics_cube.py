"""``oversight_cube``: the facts pre-aggregated per value of each dashboard dimension (cases, and
the PPK figures of those with a recommendation), at two levels:

* ``level`` "p": per province (``area``), election, and behaviour — each behaviour, and "*" for
  all of them;
* ``level`` "r": per kab/kota (``area``) and election, every behaviour ("*");
* ``level`` "m": per month opened (``area``, ``YYYY-MM``) and election, nationally, every
  behaviour ("*"): a national period is summed over its whole months, and its partial months at
  either end (a period is given by day) are read from the facts (``split_period``).

So a national, province or kab/kota view, with or without an election, and (national or province)
with or without a behaviour, reads a few hundred to a few thousand rows next to each other in the
primary key, whatever the number of cases: the cube grows with the number of distinct values,
not of cases. Narrower views (one agency, a kab/kota and a behaviour, a kecamatan, a period
inside a province) select a small share of the cases and read them from ``oversight_facts``
through an index.

The sync applies deltas (the old facts of a changed case subtracted, its new facts added) in the
same transaction that rewrites the facts, so the cube always equals a recount of the facts
(``tests/integration/test_oversight.py`` recounts, also after transitions and merges)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Table, and_, case, delete, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement

from netralitas.analytics.filters import FactFilter
from netralitas.analytics.model import Dimension
from netralitas.db import models as m

CUBE: Table = m.OversightCube.__table__  # type: ignore[assignment]
FACTS: Table = m.OversightFact.__table__  # type: ignore[assignment]
DIMENSIONS = (*(d.value for d in Dimension), "opened_month")
MEASURES = ("n", "sent", "decided", "followed", "days_total", "days_count")
KEYS = ("dimension", "level", "behaviour", "area", "election_id", "key")
ALL = "*"  # every behaviour
PROVINCE, REGENCY, MONTH = "p", "r", "m"
Key = tuple[str, str, str, str, str, str]
#: Rows per upsert statement (keeps the bound parameters well under SQLite's limit).
CHUNK = 1000


def serves(where: FactFilter) -> bool:
    """Can the cube answer this filter alone? National or one province with any election and
    behaviour, or one kab/kota with any election; no agency; a period only nationally, with no
    behaviour, and of whole months."""
    if where.agency_id is not None:
        return False
    if where.opened_from is not None or where.opened_to is not None:
        found = split_period(where)
        return found is not None and not found[1]
    return len(where.region) in (0, 2) or (len(where.region) == 5 and where.behaviour is None)


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def split_period(where: FactFilter) -> tuple[FactFilter, list[FactFilter]] | None:
    """A national period (no region, agency or behaviour) as (its whole months, read from the
    cube's month level; its partial months at either end, read from the facts); None when the
    cube cannot help (another filter, or no whole month inside the period)."""
    start, end = where.opened_from, where.opened_to
    if where.region or where.agency_id is not None or where.behaviour is not None or not (start or end):
        return None
    first = start if start is None or start.day == 1 else _month_end(start) + timedelta(days=1)
    last = end if end is None or end == _month_end(end) else end.replace(day=1) - timedelta(days=1)
    if first is not None and last is not None and first > last:
        return None
    edges = []
    if start is not None and first is not None and first != start:
        edges.append(replace(where, opened_from=start, opened_to=first - timedelta(days=1)))
    if end is not None and last is not None and last != end:
        edges.append(replace(where, opened_from=last + timedelta(days=1), opened_to=end))
    return replace(where, opened_from=first, opened_to=last), edges


def _measures(row: Mapping[str, Any]) -> tuple[int, ...]:
    sent = row["recommended_on"] is not None
    days = row["decision_days"] if sent else None
    return (1, int(sent), int(sent and row["decided_on"] is not None), int(sent and bool(row["followed_up"])),
            int(days or 0), int(days is not None))  # fmt: skip


def _cells(row: Mapping[str, Any]) -> Iterator[Key]:
    election, province, regency = row["election_id"] or "", row["province_code"], row["regency_code"]
    for dim in DIMENSIONS:
        key = str(row[dim] or "")
        yield (dim, PROVINCE, row["behaviour"], province, election, key)
        yield (dim, PROVINCE, ALL, province, election, key)
        if regency:
            yield (dim, REGENCY, ALL, regency, election, key)
        yield (dim, MONTH, ALL, row["opened_month"], election, key)


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
        dict(zip(KEYS, k, strict=True)) | dict(zip(MEASURES, v, strict=True))
        for k, v in acc.items()
        if any(v)
    ]
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    for start in range(0, len(changed), CHUNK):
        stmt = dialect.insert(CUBE).values(changed[start : start + CHUNK])
        add = {c: CUBE.c[c] + stmt.excluded[c] for c in MEASURES}
        conn.execute(stmt.on_conflict_do_update(index_elements=list(KEYS), set_=add))


def rebuild(conn: Connection) -> None:
    """Recount everything from the facts (after a bulk load; the caller commits)."""
    conn.execute(delete(CUBE))
    f = FACTS.c
    sent = f.recommended_on.is_not(None)
    sums = (
        func.count(),
        func.sum(case((sent, 1), else_=0)),
        func.sum(case((and_(sent, f.decided_on.is_not(None)), 1), else_=0)),
        func.sum(case((and_(sent, f.followed_up), 1), else_=0)),
        func.coalesce(func.sum(case((sent, f.decision_days), else_=None)), 0),
        func.sum(case((and_(sent, f.decision_days.is_not(None)), 1), else_=0)),
    )
    election = func.coalesce(f.election_id, "")
    for dim in DIMENSIONS:
        key = func.coalesce(f[dim], "")
        for level, area, behaviour in (
            (PROVINCE, f.province_code, f.behaviour),
            (PROVINCE, f.province_code, None),
            (REGENCY, f.regency_code, None),
            (MONTH, f.opened_month, None),
        ):
            groups = [area, election, key] + ([behaviour] if behaviour is not None else [])
            stmt = select(
                literal(dim), literal(level), behaviour if behaviour is not None else literal(ALL),
                area, election, key, *sums,
            ).group_by(*groups)  # fmt: skip
            if level == REGENCY:
                stmt = stmt.where(f.regency_code != "")
            conn.execute(CUBE.insert().from_select([*KEYS, *MEASURES], stmt))


def cube_where(where: FactFilter, dimension: str) -> list[ColumnElement[bool]]:
    """The cube's rows for ``where`` (a filter it ``serves``, or the whole months of a period)."""
    c = CUBE.c
    period = where.opened_from is not None or where.opened_to is not None
    level = MONTH if period else REGENCY if len(where.region) == 5 else PROVINCE
    out: list[ColumnElement[bool]] = [
        c.dimension == dimension,
        c.level == level,
        c.behaviour == (where.behaviour or ALL),
    ]
    if where.opened_from is not None:
        out.append(c.area >= f"{where.opened_from:%Y-%m}")
    if where.opened_to is not None:
        out.append(c.area <= f"{where.opened_to:%Y-%m}")
    if where.region:
        out.append(c.area == where.region)
    if where.election_ids:
        out.append(c.election_id.in_(where.election_ids))
    return out


def cube_counts(conn: Connection, dimension: str, where: FactFilter) -> dict[str, int]:
    c = CUBE.c
    stmt = select(c.key, func.sum(c.n)).where(*cube_where(where, dimension)).group_by(c.key)
    return {str(k): int(n) for k, n in conn.execute(stmt) if n}


def cube_total(conn: Connection, where: FactFilter) -> int:
    stmt = select(func.sum(CUBE.c.n)).where(*cube_where(where, "status"))
    return int(conn.execute(stmt).scalar() or 0)


def cube_by_province(conn: Connection, dimension: str, where: FactFilter) -> dict[tuple[str, str], int]:
    """Cases per (province, value of ``dimension``) (``where`` national or one province)."""
    c = CUBE.c
    stmt = select(c.area, c.key, func.sum(c.n)).where(*cube_where(where, dimension)).group_by(c.area, c.key)
    return {(str(a), str(k)): int(n) for a, k, n in conn.execute(stmt) if n}


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
