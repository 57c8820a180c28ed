"""The case store's scope filters, keyset pages and overdue reads, on SQLite and PostgreSQL:
same rows as the plain definitions (``region_contains``, offset pages, the Python filter they
replaced), whichever plan the database takes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from netralitas.cases.ports import CaseQuery
from netralitas.cases.records import Agency, AgencyKind, Case, CaseDeadline
from netralitas.cases.roles import region_contains
from netralitas.cases.workflow import CaseStatus, is_closed
from netralitas.db import repositories
from netralitas.db.uow import SqlUnitOfWork
from netralitas.errors import ConflictError

S = CaseStatus
BASE = datetime(2025, 1, 1, tzinfo=UTC)
#: Codes that trip naive ranges, LIKE patterns and language collations.
CODES = ["", "6", "64", "64.01", "64.01.05", "64.1", "64.10", "640", "64-x", "64/", "65", "64.", "6.4"]
STATUSES = [S.RECEIVED, S.VERIFICATION, S.VALIDATION, S.DISMISSED, S.SANCTIONED]
Uow = Callable[[], SqlUnitOfWork]


def _case(i: int, region: str, status: CaseStatus = S.VERIFICATION, agency: str | None = None) -> Case:
    opened = BASE + timedelta(hours=i // 3)  # ties on opened_at: the id breaks them
    return Case(f"c{i:05d}", f"NTR-T-{i:05d}", status, f"Terlapor {i}", None, agency, region, None, None,
                opened, opened)  # fmt: skip


def _fill(make_uow: Uow, cases: list[Case], due: dict[str, date] | None = None) -> None:
    with make_uow() as uow:
        for table in ("case_deadlines", "cases", "case_status_counts", "case_changes"):  # behind its back
            uow._conn.execute(text(f"DELETE FROM {table}"))  # type: ignore[union-attr]
        if uow.agencies.get("ag-x") is None:
            uow.agencies.add(Agency("ag-x", "Instansi X", AgencyKind.CENTRAL, "", "Menteri"))
        for c in cases:
            uow.cases.add(c)
        closed = {c.id for c in cases if is_closed(c.status)}
        for case_id, day in (due or {}).items():  # closing a case stops its deadlines (workflow)
            started = day - timedelta(days=7)
            stopped = started + timedelta(days=1) if case_id in closed else None
            d = CaseDeadline(f"d{case_id}", case_id, "step", started, day, 7, "days", "ok", stopped)
            uow.deadlines.add(d)
        uow.commit()


def _newest_first(cases: list[Case]) -> list[str]:
    return [c.id for c in sorted(cases, key=lambda c: (c.opened_at, c.id), reverse=True)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    regions=st.lists(st.sampled_from(CODES), min_size=1, max_size=30),
    scope=st.sampled_from([c for c in CODES if c]),
)
def test_scope_ranges_select_exactly_the_codes_in_scope(
    make_uow: Uow, regions: list[str], scope: str
) -> None:
    cases = [_case(i, r, STATUSES[i % len(STATUSES)]) for i, r in enumerate(regions)]
    _fill(make_uow, cases)
    inside = [c for c in cases if region_contains(scope, c.region_code)]
    with make_uow().reading() as uow:
        page, total = uow.cases.search(CaseQuery(region_prefix=scope, limit=500))
        counts = uow.cases.count_by_status(scope, None)
    assert [c.id for c in page] == _newest_first(inside)
    assert total == len(inside) == sum(counts.values())


@pytest.mark.parametrize("window", [repositories.RECENT_WINDOW, 7])  # 7: SQLite's window misses, then hits
def test_keyset_pages_walk_the_same_rows_as_offsets_both_ways(
    make_uow: Uow, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    monkeypatch.setattr(repositories, "RECENT_WINDOW", window)
    cases = [_case(i, ["33.01", "34.04", "33.74", "33"][i % 4], STATUSES[i % 3]) for i in range(60)]
    _fill(make_uow, cases)
    for query in (
        CaseQuery(region_prefix="33", limit=7),
        CaseQuery(statuses=frozenset({S.RECEIVED}), limit=4),
    ):
        with make_uow().reading() as uow:
            total = uow.cases.count(query)
            by_offset = [uow.cases.page(replace(query, offset=o)) for o in range(0, total, query.limit)]
            walked = [uow.cases.page(query)]
            while len(walked[-1]) == query.limit:
                last = walked[-1][-1]
                walked.append(uow.cases.page(replace(query, after=(last.opened_at, last.id))))
            pages = [p for p in walked if p]
            back = [uow.cases.page(replace(query, before=(p[0].opened_at, p[0].id))) for p in pages[1:]]
        assert [[c.id for c in p] for p in pages] == [[c.id for c in p] for p in by_offset]
        assert [[c.id for c in p] for p in back] == [[c.id for c in p] for p in by_offset[:-1]]


@pytest.mark.parametrize("window", [repositories.RECENT_WINDOW, 3])
def test_overdue_reads_filter_scope_and_status_in_the_database(
    make_uow: Uow, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    monkeypatch.setattr(repositories, "RECENT_WINDOW", window)
    on = date(2025, 6, 1)
    regions = ["33.01", "34.04", "33.74", "33", "", "330", "33.74.01"]
    cases = [_case(i, regions[i % 7], STATUSES[i % 5], "ag-x" if i % 4 == 0 else None) for i in range(70)]
    due = {c.id: on - timedelta(days=(i * 7) % 40 - 5) for i, c in enumerate(cases)}  # some not yet due
    _fill(make_uow, cases, due)
    by_id = {c.id: c for c in cases}
    everything = sorted((day, f"d{cid}", cid) for cid, day in due.items())
    received = frozenset({S.RECEIVED})
    for scope in (CaseQuery(region_prefix="33"), CaseQuery(region_prefix="33.74", statuses=received),
                  CaseQuery(agency_id="ag-x"), CaseQuery()):  # fmt: skip
        expected = [
            cid for day, _, cid in everything
            if day < on and by_id[cid].status not in (S.DISMISSED, S.SANCTIONED)
            and region_contains(scope.region_prefix, by_id[cid].region_code)
            and (scope.agency_id is None or by_id[cid].agency_id == scope.agency_id)
            and (not scope.statuses or by_id[cid].status in scope.statuses)
        ]  # fmt: skip
        with make_uow().reading() as uow:
            rows = uow.deadlines.overdue(on, scope)
            first = uow.deadlines.overdue(on, scope, limit=4)
            second = uow.deadlines.overdue(on, scope, limit=4, offset=4)
            counted = uow.deadlines.count_overdue(on, scope)
        assert [r.case_id for r in rows] == expected
        assert [r.case_id for r in first + second] == expected[:8]
        assert counted == len(expected)


def test_the_deadlines_copy_of_region_and_agency_follows_the_case(make_uow: Uow, engine: Engine) -> None:
    case = _case(1, "")
    _fill(make_uow, [case], {case.id: date(2025, 1, 10)})
    with make_uow() as uow:
        uow.cases.update(replace(case, region_code="34.04", agency_id=None), case.version)
        uow.commit()
    on = date(2025, 2, 1)
    with make_uow().reading() as uow:
        assert [r.case_id for r in uow.deadlines.overdue(on, CaseQuery(region_prefix="34"))] == [case.id]
        assert uow.deadlines.overdue(on, CaseQuery(region_prefix="33")) == []
        assert uow.deadlines.count_overdue(on, CaseQuery(region_prefix="34.04")) == 1
    with engine.connect() as conn:
        copied = conn.execute(text("SELECT region_code, agency_id FROM case_deadlines")).one()
    assert tuple(copied) == ("34.04", None)


def _recounted(engine: Engine) -> dict[tuple[str, str, str], int]:
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT region_code, agency_key, status, n FROM case_status_counts")).all()
        counted = conn.execute(
            text(
                "SELECT region_code, coalesce(agency_id, ''), status, count(*) FROM cases "
                "GROUP BY region_code, coalesce(agency_id, ''), status"
            )
        ).all()
        assert {(r, a, s): n for r, a, s, n in kept if n} == {(r, a, s): n for r, a, s, n in counted}
        return {(r, a, s): n for r, a, s, n in counted}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    regions=st.lists(st.sampled_from(CODES), min_size=1, max_size=12),
    moves=st.lists(
        st.tuples(st.integers(0, 11), st.sampled_from(STATUSES), st.sampled_from(CODES), st.booleans()),
        max_size=12,
    ),
    scope=st.sampled_from(CODES),
)
def test_status_counts_kept_in_step_equal_a_recount(
    make_uow: Uow,
    engine: Engine,
    regions: list[str],
    moves: list[tuple[int, CaseStatus, str, bool]],
    scope: str,
) -> None:
    """Adds and changes of status, region and agency (each in its transaction, one refused as
    stale) keep ``case_status_counts`` equal to a GROUP BY of the cases, and the queue's counts
    per status (read from it) equal a count of the cases in the scope."""
    cases = [_case(i, r, STATUSES[i % len(STATUSES)]) for i, r in enumerate(regions)]
    _fill(make_uow, cases)
    for index, status, region, with_agency in moves:
        with make_uow() as uow:
            case = uow.cases.get(cases[index % len(cases)].id)
            assert case is not None
            moved = replace(
                case, status=status, region_code=region, agency_id="ag-x" if with_agency else None
            )
            uow.cases.update(moved, case.version)
            uow.commit()
    with pytest.raises(ConflictError), make_uow() as uow:  # a stale change moves nothing
        case = uow.cases.get(cases[0].id)
        assert case is not None
        uow.cases.update(replace(case, status=S.DISMISSED), case.version - 1)
    counted = _recounted(engine)
    for agency in (None, "ag-x"):
        expected: dict[str, int] = {}
        for (region, key, status), n in counted.items():
            if region_contains(scope, region) and (agency is None or key == agency):
                expected[status] = expected.get(status, 0) + n
        with make_uow().reading() as uow:
            assert uow.cases.count_by_status(scope, agency) == expected
