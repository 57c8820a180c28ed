"""Read queries over regions for the guidance pages: the vulnerability index's inputs and
recent case counts (counts only, never a case)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, and_, func, select
from sqlalchemy.dialects import postgresql, sqlite

from netralitas.db import models
from netralitas.db import outreach_models as om
from netralitas.db.outreach_tables import ACKS, CIRCULARS, MEMBERS, PLEDGES, RECIPIENTS, table
from netralitas.db.repositories import region_filter
from netralitas.outreach.records import RegionInputs

AGENCIES, CASES, FACTS = table(models.Agency), table(models.Case), table(om.RegionFactRow)


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, UTC)


def case_counts(conn: Connection, region_prefix: str, since: date, until: date) -> dict[str, int]:
    where = [CASES.c.opened_at >= _start(since), CASES.c.opened_at < _start(until + timedelta(days=1))]
    where.append(CASES.c.merged_into_id.is_(None))
    inside = region_filter(CASES.c.region_code, region_prefix)
    if inside is not None:
        where.append(inside)
    query = select(CASES.c.status, func.count()).where(*where).group_by(CASES.c.status)
    return {str(status): int(n) for status, n in conn.execute(query)}


def _count_cases(conn: Connection, region: str, *extra: object) -> int:
    inside = region_filter(CASES.c.region_code, region)
    where = [CASES.c.merged_into_id.is_(None), *([inside] if inside is not None else []), *extra]
    return int(conn.execute(select(func.count()).where(*where)).scalar_one())  # type: ignore[arg-type]


def _reached(conn: Connection, pledge_only: bool) -> dict[str, tuple[int, int]]:
    """Per agency region: (recipients, acknowledged) or, for pledges, (recipients, pledged)."""
    done = PLEDGES if pledge_only else ACKS
    on = and_(done.c.circular_id == RECIPIENTS.c.circular_id, done.c.member_id == RECIPIENTS.c.member_id)
    joined = (
        RECIPIENTS.join(CIRCULARS, CIRCULARS.c.id == RECIPIENTS.c.circular_id)
        .join(AGENCIES, AGENCIES.c.id == CIRCULARS.c.agency_id)
        .outerjoin(done, on)
    )
    query = select(AGENCIES.c.region_code, func.count(), func.count(done.c.member_id)).select_from(joined)
    if pledge_only:
        query = query.where(CIRCULARS.c.wants_pledge.is_(True))
    rows = conn.execute(query.group_by(AGENCIES.c.region_code))
    return {str(r[0]): (int(r[1]), int(r[2])) for r in rows}


def region_inputs(conn: Connection, since: date) -> dict[str, RegionInputs]:
    joined = MEMBERS.join(AGENCIES, AGENCIES.c.id == MEMBERS.c.agency_id)
    query = select(AGENCIES.c.region_code, func.count()).select_from(joined).where(MEMBERS.c.active.is_(True))
    asn = {str(r[0]): int(r[1]) for r in conn.execute(query.group_by(AGENCIES.c.region_code))}
    acks, pledges = _reached(conn, False), _reached(conn, True)
    facts = conn.execute(select(FACTS.c.region_code, FACTS.c.incumbent_runs))
    incumbents = {str(r[0]): bool(r[1]) for r in facts}
    found: dict[str, RegionInputs] = {}
    for region, count in asn.items():
        reports = _count_cases(conn, region, CASES.c.opened_at >= _start(since))
        violations = _count_cases(conn, region, CASES.c.status == "sanctioned")
        found[region] = RegionInputs(
            region, count, reports, violations, *acks.get(region, (0, 0)), *pledges.get(region, (0, 0)),
            incumbents.get(region, False),
        )  # fmt: skip
    return found


def set_incumbent(conn: Connection, region_code: str, runs: bool, at: datetime) -> None:
    values = {"region_code": region_code, "incumbent_runs": runs, "updated_at": at}
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = insert(FACTS).values(**values)
    changed = {"incumbent_runs": runs, "updated_at": at}
    conn.execute(stmt.on_conflict_do_update(index_elements=["region_code"], set_=changed))
