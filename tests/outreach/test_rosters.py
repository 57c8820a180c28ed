from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from netralitas.errors import PermissionDeniedError, ValidationError
from netralitas.outreach.ports import OutreachUnitOfWork
from netralitas.outreach.rosterfile import read_roster
from netralitas.outreach.rosters import ImportReport, export_roster, import_roster, purge_leavers
from tests.outreach.conftest import NOW, PPK_BANTUL, PPK_SLEMAN, SLEMAN
from tests.outreach.rosterdata import csv_bytes, nip, person, xlsx_bytes

MakeUow = Callable[[], OutreachUnitOfWork]


def run(make_uow: MakeUow, data: bytes, **kwargs: bool) -> ImportReport:
    rows = read_roster(io.BytesIO(data))
    return import_roster(make_uow, NOW, PPK_SLEMAN, SLEMAN.id, rows, **kwargs)


def members(make_uow: MakeUow, include_left: bool = True) -> dict[str, tuple[str, bool, str]]:
    found = export_roster(make_uow, NOW, PPK_SLEMAN, SLEMAN.id, include_left=include_left)
    return {m.nip: (m.name, m.active, m.unit_code) for m in found}


def test_import_then_reimport_updates_by_nip_and_marks_leavers(make_uow: MakeUow) -> None:
    first = run(make_uow, csv_bytes(person(1), person(2, "KEC-DEPOK", "Camat Depok"), person(3)))
    assert (first.applied, first.inserted, first.problem_count) == (True, 3, 0)
    renamed = person(1, name="Pegawai Satu Baru")
    again = run(make_uow, csv_bytes(renamed, person(2, "KEC-DEPOK", "Camat Depok")))
    assert (again.inserted, again.updated, again.unchanged, again.left) == (0, 1, 1, 1)
    people = members(make_uow)
    assert len(people) == 3  # no duplicates, nobody deleted
    assert people[nip(1)] == ("Pegawai Satu Baru", True, "DISDIK")
    assert people[nip(3)][1] is False  # left, kept
    back = run(make_uow, csv_bytes(person(1), person(2, "KEC-DEPOK"), person(3)))
    assert back.updated == 3 and members(make_uow)[nip(3)][1] is True


def test_bad_lines_are_reported_with_line_numbers_and_nothing_applied(make_uow: MakeUow) -> None:
    data = csv_bytes(
        person(1),
        "Salah NIP;19851312201001 1 004;DISDIK;Guru;PNS;;",  # month 13
        person(5, unit="DINAS-ANTAH"),
        person(1, name="Kembar"),
        person(6),
    )
    report = run(make_uow, data)
    problems = {(p.line, p.field) for p in report.problems}
    assert problems == {(3, "nip"), (4, "unit"), (5, "nip")}
    assert "baris 2" in next(p.message for p in report.problems if p.line == 5)
    assert not report.applied and members(make_uow) == {}
    partial = run(make_uow, data, valid_only=True)
    assert partial.applied and set(members(make_uow)) == {nip(1), nip(6)}
    assert members(make_uow)[nip(1)][0] == "Pegawai 1"  # the duplicate line did not overwrite


def test_dry_run_stores_nothing_but_reports_what_would_happen(make_uow: MakeUow) -> None:
    report = run(make_uow, csv_bytes(person(1), person(2)), dry_run=True)
    assert (report.inserted, report.applied) == (2, False)
    assert members(make_uow) == {}


def test_xlsx_rows_and_numeric_nips(make_uow: MakeUow) -> None:
    data = xlsx_bytes([["Ani", nip(7, 2), "Kecamatan Mlati", "Lurah Sendangadi", "pppk"],
                       ["Budi", float(nip(8)), "DISDIK", "Guru", "PNS"]])  # fmt: skip
    report = run(make_uow, data, valid_only=True)
    assert report.inserted == 1
    assert [(p.line, p.field) for p in report.problems] == [(3, "nip")]
    assert "Teks" in report.problems[0].message


def test_headers_missing_is_a_clear_error(make_uow: MakeUow) -> None:
    with pytest.raises(ValidationError) as caught:
        run(make_uow, csv_bytes("Ani;DISDIK", header="nama;unit"))
    assert caught.value.code == "roster_headers" and "nip" in caught.value.message


def test_rosters_are_scoped_by_agency_and_exports_audited(make_uow: MakeUow) -> None:
    run(make_uow, csv_bytes(person(1)))
    with pytest.raises(PermissionDeniedError):
        import_roster(make_uow, NOW, PPK_BANTUL, SLEMAN.id, read_roster(io.BytesIO(csv_bytes(person(2)))))
    with pytest.raises(PermissionDeniedError):
        list(export_roster(make_uow, NOW, PPK_BANTUL, SLEMAN.id))
    members(make_uow)
    with make_uow() as uow:
        actions = [e.action for e in uow.audit.for_subject("agency", SLEMAN.id)]
    assert actions.count("roster.imported") == 1 and "roster.exported" in actions


def test_retention_purge_removes_only_long_gone_leavers(make_uow: MakeUow) -> None:
    run(make_uow, csv_bytes(person(1), person(2)))
    run(make_uow, csv_bytes(person(1)))
    assert purge_leavers(make_uow, NOW, keep_days=30) == 0
    from datetime import timedelta

    assert purge_leavers(make_uow, NOW + timedelta(days=31), keep_days=30) == 1
    assert set(members(make_uow)) == {nip(1)}
