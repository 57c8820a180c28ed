from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest

from netralitas.cases import audit
from netralitas.cases.case_lists import list_cases, status_counts, suggest_duplicates
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import (
    MergeRequest,
)
from netralitas.cases.officer_actions import merge_cases, open_case
from netralitas.cases.ports import CaseQuery
from netralitas.cases.reporting import report_status, submit_report
from netralitas.cases.roles import Actor, Role
from netralitas.cases.sensitive_reads import view_case
from netralitas.cases.workflow import CaseStatus
from netralitas.clock import FixedClock
from netralitas.db.uow import SqlUnitOfWork
from netralitas.errors import ConflictError, PermissionDeniedError, ValidationError
from tests.factories import (
    INTAKE,
    SUPERVISOR,
    current,
    move,
    png,
    report,
    seed_agencies,
)
from tests.integration.conftest import Raw

MakeUow = Callable[[], SqlUnitOfWork]


def test_stale_write_is_refused_and_the_first_survives(make_uow: MakeUow, kit: Kit) -> None:
    seed_agencies(make_uow, kit)
    case = open_case(make_uow(), kit, INTAKE, report())
    first = move(make_uow, kit, INTAKE, case, CaseStatus.ADMIN_CHECK)
    with pytest.raises(ConflictError):
        move(make_uow, kit, INTAKE, case, CaseStatus.DISMISSED, "Bukan pelanggaran netralitas")
    assert current(make_uow, case.id) == first
    with make_uow() as uow:
        events = uow.events.find(case_id=case.id)
    assert [e.to_status for e in events] == ["admin_check"]


def test_failed_service_writes_nothing(make_uow: MakeUow, kit: Kit, raw: Raw) -> None:
    seed_agencies(make_uow, kit)
    before = raw.scalar("SELECT count(*) FROM audit_entries")
    with pytest.raises(ValidationError):
        submit_report(make_uow(), kit, report(person_nip="12345"))
    with pytest.raises(ValidationError):
        submit_report(make_uow(), kit, report(), files=[png(), b"%PDF-1.4 broken"])
    assert raw.scalar("SELECT count(*) FROM reports") == 0
    assert raw.scalar("SELECT count(*) FROM cases") == 0
    assert raw.scalar("SELECT count(*) FROM audit_entries") == before


def test_scope_narrows_lists_and_refusals_are_audited(make_uow: MakeUow, kit: Kit, raw: Raw) -> None:
    seed_agencies(make_uow, kit)
    for place in ("pemda-34.04", "pemda-34.71", "pemda-34.02"):
        open_case(make_uow(), kit, INTAKE, report(agency_id=place))
    city = Actor("u-kota", "kota", Role.EXAMINER, "34.71")
    page = list_cases(make_uow(), kit, city, CaseQuery())
    assert page.total == 1 and page.items[0].region_code == "34.71"
    assert list_cases(make_uow(), kit, INTAKE, CaseQuery(region_prefix="34.0")).total == 0
    assert list_cases(make_uow(), kit, INTAKE, CaseQuery(region_prefix="34.04")).total == 1
    assert sum(status_counts(make_uow(), kit, INTAKE).values()) == 3
    with pytest.raises(PermissionDeniedError):
        list_cases(make_uow(), kit, city, CaseQuery(region_prefix="33"))
    assert raw.scalar("SELECT count(*) FROM audit_entries WHERE action = 'access.denied'") == 1
    assert audit.verify_trail(make_uow(), kit).ok


def test_duplicates_and_merge_on_sql(make_uow: MakeUow, kit: Kit) -> None:
    seed_agencies(make_uow, kit)
    first = submit_report(make_uow(), kit, report())
    second = submit_report(make_uow(), kit, report(description="Foto yang sama dilaporkan warga lain."))
    found = suggest_duplicates(make_uow(), kit, INTAKE, second.case_id)
    assert [s.case_id for s in found] == [first.case_id]
    case = current(make_uow, second.case_id)
    merge_cases(
        make_uow(),
        kit,
        INTAKE,
        MergeRequest(
            source_case_id=case.id,
            source_version=case.version,
            target_case_id=first.case_id,
            reason="Peristiwa yang sama",
        ),
    )
    assert report_status(make_uow(), kit, second.receipt).case_number == first.case_number


def test_concurrent_appends_keep_one_unbroken_chain(make_uow: MakeUow, kit: Kit) -> None:
    seed_agencies(make_uow, kit)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(5):
                open_case(make_uow(), kit, INTAKE, report())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = audit.verify_trail(make_uow(), kit)
    assert result.ok and result.entries == 1 + 20


def test_concurrent_edits_of_one_case_let_exactly_one_win(make_uow: MakeUow, kit: Kit) -> None:
    seed_agencies(make_uow, kit)
    case = open_case(make_uow(), kit, INTAKE, report())
    outcomes: list[str] = []

    def worker(target: CaseStatus, reason: str | None) -> None:
        try:
            move(make_uow, kit, INTAKE, case, target, reason)
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")

    threads = [
        threading.Thread(target=worker, args=(CaseStatus.ADMIN_CHECK, None)),
        threading.Thread(target=worker, args=(CaseStatus.DISMISSED, "Bukan peristiwa netralitas")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    assert current(make_uow, case.id).version == case.version + 1


def test_case_file_shows_the_reporting_window(make_uow: MakeUow, kit: Kit, clock: FixedClock) -> None:
    seed_agencies(make_uow, kit)
    late = open_case(make_uow(), kit, INTAKE, report(act_on=date(2024, 9, 20)))  # pilkada: 7 days
    timely = open_case(make_uow(), kit, INTAKE, report(act_on=date(2024, 9, 28)))
    (w_late,) = view_case(make_uow(), kit, SUPERVISOR, late.id).report_windows
    (w_ok,) = view_case(make_uow(), kit, SUPERVISOR, timely.id).report_windows
    assert (w_late.step_id, w_late.due_on, w_late.is_within) == (
        "pilkada_report_window",
        date(2024, 9, 27),
        False,
    )
    assert (w_ok.due_on, w_ok.is_within) == (date(2024, 10, 5), True)
    # the reporter learnt of the old act only on 26 Sep: the window counts from then
    learnt = open_case(make_uow(), kit, INTAKE, report(act_on=date(2024, 9, 20), known_on=date(2024, 9, 26)))
    (w_known,) = view_case(make_uow(), kit, SUPERVISOR, learnt.id).report_windows
    assert (w_known.counted_from, w_known.basis, w_known.due_on, w_known.is_within) == (
        date(2024, 9, 26), "known_on", date(2024, 10, 3), True,
    )  # fmt: skip
    assert (w_late.basis, w_late.counted_from) == ("act_on", date(2024, 9, 20))


def test_constraint_violations_become_conflicts(make_uow: MakeUow, kit: Kit) -> None:
    from netralitas.cases.records import Agency, AgencyKind

    seed_agencies(make_uow, kit)
    with make_uow() as uow, pytest.raises(ConflictError) as err:
        uow.agencies.add(Agency("pemda-34.04", "Duplikat", AgencyKind.REGIONAL, "34.04", "Bupati"))
    assert err.value.code == "integrity_conflict"
