"""A synthetic national case load for sizing, the scale benchmark and the query-plan tests.

Realistic in the ways the hot queries care about: regions weighted to Java by population (a
few cases without a region or at province level), two years of openings bunched around the
2024 elections, older cases mostly closed, a backlog of stale open ones whose deadlines are long
breached (so the breached set grows with the number of cases), one report per case and the
stopped deadlines of the steps closed cases went through. Deterministic for a seed.

Loaded in bulk: ``COPY`` on PostgreSQL, ``executemany`` in large transactions on SQLite, with
foreign-key checks off during the load (the rows are consistent by construction). Never run it
against a database holding real cases."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from netralitas.cases.workflow import CLOSED_STATUSES, CaseStatus
from netralitas.db import models
from netralitas.db.repositories import rebuild_status_counts

S = CaseStatus
#: (province code, share of cases in per mille, regencies/cities): population-weighted.
PROVINCES: tuple[tuple[str, int, int], ...] = (
    ("11", 20, 23), ("12", 54, 33), ("13", 20, 19), ("14", 24, 12), ("15", 13, 11), ("16", 32, 17),
    ("17", 7, 10), ("18", 33, 15), ("19", 5, 7), ("21", 8, 7), ("31", 39, 6), ("32", 180, 27),
    ("33", 135, 35), ("34", 14, 5), ("35", 150, 38), ("36", 44, 8), ("51", 16, 9), ("52", 20, 10),
    ("53", 20, 22), ("61", 20, 14), ("62", 10, 14), ("63", 15, 13), ("64", 14, 10), ("65", 3, 5),
    ("71", 9, 15), ("72", 11, 13), ("73", 34, 24), ("74", 10, 17), ("75", 4, 6), ("76", 5, 6),
    ("81", 7, 11), ("82", 5, 10), ("91", 15, 29), ("92", 4, 13),
)  # fmt: skip
#: The day the load is "as of": openings span the two years before it.
TODAY = date(2025, 6, 2)
SPAN_DAYS = 730
#: Election days around which reports bunch (pemilu, pilkada 2024).
PEAKS = (date(2024, 2, 14), date(2024, 11, 27))
OPEN_FLOW = (S.RECEIVED, S.ADMIN_CHECK, S.VERIFICATION, S.VALIDATION, S.EXAMINATION,
             S.RECOMMENDATION_SENT, S.ESCALATED, S.PPK_DECIDED, S.FOLLOWUP_CONFIRMED)  # fmt: skip
CLOSED = (S.SANCTIONED, S.NOT_PROVEN, S.DISMISSED, S.MERGED, S.OUT_OF_SCOPE, S.FORWARDED)
#: Open deadline (step, days to fall due) of a case waiting in this status.
WAITING = {S.VERIFICATION: ("taskforce_verification", 7), S.VALIDATION: ("bawaslu_validation", 5),
           S.RECOMMENDATION_SENT: ("ppk_decision", 14), S.ESCALATED: ("ppk_decision", 14)}  # fmt: skip


@dataclass(frozen=True)
class Loaded:
    cases: int
    reports: int
    deadlines: int
    seconds: float


def regions(rng: random.Random) -> Iterator[str]:
    """Region codes in proportion to population; 3% national-level (no region known yet), 2% at
    province level, the rest regencies (``PP.01``...) and cities (``PP.71``...)."""
    codes = [p for p, _, _ in PROVINCES]
    weights = [w for _, w, _ in PROVINCES]
    sizes = {p: n for p, _, n in PROVINCES}
    while True:
        roll = rng.random()
        if roll < 0.03:
            yield ""
            continue
        province = rng.choices(codes, weights)[0]
        if roll < 0.05:
            yield province
            continue
        k = rng.randrange(sizes[province])
        yield f"{province}.{k + 1:02d}" if k < sizes[province] * 3 // 4 else f"{province}.{71 + k % 10:02d}"


def agencies() -> list[dict[str, Any]]:
    """One regional government per generated regency/city code (ids ``pemda-<code>``)."""
    found: list[dict[str, Any]] = []
    for province, _, n in PROVINCES:
        for k in range(n):
            code = f"{province}.{k + 1:02d}" if k < n * 3 // 4 else f"{province}.{71 + k % 10:02d}"
            found.append(
                {
                    "id": f"pemda-{code}",
                    "name": f"Pemerintah Daerah {code}",
                    "kind": "regional",
                    "region_code": code,
                    "ppk_title": "Bupati/Wali Kota",
                    "parent_id": None,
                }
            )
    return found


def _opened(rng: random.Random, today: date) -> datetime:
    if rng.random() < 0.45:  # bunched within ~6 weeks after an election day
        day = rng.choice(PEAKS) + timedelta(days=int(abs(rng.gauss(0, 20))))
    else:
        day = today - timedelta(days=rng.randrange(SPAN_DAYS))
    day = min(max(day, today - timedelta(days=SPAN_DAYS)), today - timedelta(days=1))
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=rng.randrange(86400))


def _status(rng: random.Random, age: int) -> CaseStatus:
    """Older cases are mostly closed; what stays open past six months is the stale backlog."""
    closed_share = 0.93 if age > 180 else 0.6 if age > 60 else 0.2
    if rng.random() < closed_share:
        return rng.choices(CLOSED, (15, 30, 25, 8, 12, 10))[0]
    return rng.choices(OPEN_FLOW, (10, 12, 22, 14, 12, 14, 4, 6, 6))[0]


Rows = tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]


def generate(n: int, *, seed: int = 7, today: date = TODAY, start: int = 0) -> Iterator[Rows]:
    """Rows of cases ``start`` .. ``start + n - 1``: (case, report, deadlines) per case, as dicts
    keyed by column name. Case ``i`` is the same whatever ``start`` a run began with."""
    for i in range(start, start + n):
        rng = random.Random(seed * 1_000_003 + i)
        region = next(regions(rng))
        opened = _opened(rng, today)
        age = (today - opened.date()).days
        status = _status(rng, age)
        closed = status in CLOSED_STATUSES
        yield _rows(rng, i, region, opened, status, closed, today)


def _rows(
    rng: random.Random, i: int, region: str, opened: datetime, status: CaseStatus, closed: bool, today: date
) -> Rows:
    case_id = f"{i:08x}{rng.getrandbits(96):024x}"
    agency = f"pemda-{region}" if region.count(".") == 1 and rng.random() < 0.8 else None
    act_on = opened.date() - timedelta(days=rng.randrange(1, 20))
    election = "pemilu-2024" if opened.date() < date(2024, 6, 1) else "pilkada-2024"
    closed_at = opened + timedelta(days=rng.randrange(5, 120)) if closed else None
    updated = closed_at or opened + timedelta(days=rng.randrange(0, max(1, (today - opened.date()).days)))
    case = {
        "id": case_id,
        "number": f"NTR-{opened.year}-{i:08d}",
        "status": status.value,
        "title": f"Terlapor {i % 9973} — ASN",
        "person_id": None,
        "agency_id": agency,
        "region_code": region,
        "election_id": election,
        "act_on": act_on,
        "opened_at": opened,
        "updated_at": min(updated, datetime(today.year, today.month, today.day, tzinfo=UTC)),
        "version": 1 + rng.randrange(6),
        "merged_into_id": None,
        "closed_at": closed_at,
        "close_reason": "Selesai." if closed else None,
        "purged_at": None,
        "hold_reason": None,
    }
    report = {
        "id": f"r{case_id[1:]}",
        "case_id": case_id,
        "receipt_tag": f"{rng.getrandbits(32):08x}",
        "receipt_hash": None,
        "channel": "web",
        "act_on": act_on,
        "place": f"Kecamatan {i % 701}",
        "description": f"ASN diduga mengunggah dukungan kepada calon nomor {1 + i % 5} (laporan {i}).",
        "region_code": region,
        "links": "[]",
        "person_name": f"Terlapor {i % 9973}",
        "person_nip": None,
        "person_position": None,
        "employee_type": "pns",
        "agency_id": agency,
        "agency_name": None,
        "election_id": election,
        "submitted_at": opened,
        "retention_on": (closed_at or opened).date() + timedelta(days=1826),
        "purged_at": None,
        "known_on": None,
    }
    return case, report, _deadlines(rng, case, status, closed, today)


def _deadlines(
    rng: random.Random, case: dict[str, Any], status: CaseStatus, closed: bool, today: date
) -> list[dict[str, Any]]:
    """The open deadline of a waiting case (started a few days after opening; long breached for
    the stale backlog) and, for a third of the closed cases, the stopped deadline of a past step."""
    opened: date = case["opened_at"].date()
    found: list[tuple[str, date, int, date | None]] = []
    if status in WAITING:
        step, days = WAITING[status]
        started = min(opened + timedelta(days=rng.randrange(1, 30)), today)
        found.append((step, started, days, None))
    if closed and rng.random() < 0.33:
        started = opened + timedelta(days=rng.randrange(1, 10))
        found.append(("taskforce_verification", started, 7, started + timedelta(days=rng.randrange(1, 9))))
    return [
        {
            "id": f"d{k}{case['id'][2:]}",
            "case_id": case["id"],
            "step_id": step,
            "started_on": started,
            "due_on": started + timedelta(days=days),
            "amount": days,
            "unit": "days",
            "review_status": "confirmed" if step != "ppk_decision" else "needs_review",
            "stopped_on": stopped,
            "region_code": case["region_code"],
            "agency_id": case["agency_id"],
        }
        for k, (step, started, days, stopped) in enumerate(found)
    ]


def load(engine: Engine, n: int, *, start: int = 0, seed: int = 7, batch: int = 50_000) -> Loaded:
    """Append cases ``start`` .. ``start + n - 1`` (and their reports and deadlines) in bulk, with
    the agencies first when ``start == 0``, then refresh the planner's statistics."""
    began = time.perf_counter()
    totals = [0, 0, 0]
    raw = engine.raw_connection()
    pg = engine.dialect.name == "postgresql"
    try:
        if not pg:  # our own transactions (the engine's connections run in autocommit mode)
            raw.cursor().execute("PRAGMA foreign_keys = OFF")
            raw.cursor().execute("PRAGMA synchronous = OFF")
        if start == 0:
            _batch(raw, pg, [(models.Agency.__table__, [tuple(a.values()) for a in agencies()])])
        rows = generate(n, seed=seed, start=start)
        while chunk := [r for _, r in zip(range(batch), rows, strict=False)]:
            per_table = (
                [c for c, _, _ in chunk],
                [r for _, r, _ in chunk],
                [d for _, _, ds in chunk for d in ds],
            )
            work = []
            for k, (table, items) in enumerate(zip(_TABLES, per_table, strict=True)):
                cols = [c.name for c in table.columns]
                work.append((table, [tuple(item[c] for c in cols) for item in items]))
                totals[k] += len(items)
            _batch(raw, pg, work)
        _analyse(raw, pg)
    finally:
        # Never back to the pool: this connection ran with foreign keys and durability off (SQLite)
        # or in autocommit (PostgreSQL) until the end, and an error could leave it that way.
        raw.invalidate()
    with engine.begin() as conn:  # the bulk load went round the repository that keeps them in step
        rebuild_status_counts(conn)
    return Loaded(totals[0], totals[1], totals[2], time.perf_counter() - began)


_TABLES: tuple[Any, ...] = (models.Case.__table__, models.Report.__table__, models.CaseDeadline.__table__)


def _batch(raw: Any, pg: bool, work: Sequence[tuple[Any, Sequence[tuple[Any, ...]]]]) -> None:
    """One transaction: the rows of each table, in order."""
    cur = raw.cursor()
    if pg:
        cur.execute("SET LOCAL session_replication_role = replica")  # FK triggers off for the load
    else:
        cur.execute("BEGIN")
    for table, rows in work:
        cols = ", ".join(c.name for c in table.columns)
        if pg:
            with cur.copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in table.columns)
            cur.executemany(f"INSERT INTO {table.name} ({cols}) VALUES ({marks})", [_sqlite(r) for r in rows])
    raw.commit()


def _sqlite(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Values as SQLAlchemy stores them on SQLite (UTC datetimes as text, dates ISO)."""
    return tuple(
        v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        if isinstance(v, datetime)
        else v.isoformat()
        if isinstance(v, date)
        else v
        for v in row
    )


def _analyse(raw: Any, pg: bool) -> None:
    if pg:  # VACUUM sets the visibility map (index-only scans), as autovacuum would in service
        raw.commit()
        driver = raw.driver_connection
        driver.autocommit = True
        for table in ("agencies", "cases", "reports", "case_deadlines"):
            driver.execute(f"VACUUM ANALYZE {table}")
        driver.autocommit = False
        return
    cur = raw.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("ANALYZE")


def breached(engine: Engine, on: date) -> int:
    """Open deadlines of open cases due before ``on`` (for the benchmark's header)."""
    closed = ", ".join(f"'{s.value}'" for s in CLOSED_STATUSES)
    sql = (
        "SELECT count(*) FROM case_deadlines d JOIN cases c ON c.id = d.case_id "
        f"WHERE d.stopped_on IS NULL AND d.due_on < :on AND c.status NOT IN ({closed})"
    )
    with engine.connect() as conn:
        return int(conn.execute(text(sql), {"on": on}).scalar_one())
