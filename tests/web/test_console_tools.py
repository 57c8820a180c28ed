"""The officer console's tools: assignment and "Kasus saya", queue filters by region name, agency
and deadline order, bulk actions with per-case results, notifications and the audit viewer."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient

from netralitas.cases.notifications import sweep
from netralitas.cases.records import Case, CaseDeadline, Channel, Message, Report, Sender
from netralitas.cases.workflow import CaseStatus
from tests.factories import PASSWORD, SEMARANG, SLEMAN, World
from tests.web.helpers import csrf_from, login, parse, post_form, text_of

OPENED = datetime(2024, 10, 6, 3, 0, tzinfo=UTC)


def _case(world: World, case_id: str, region: str, agency: str | None = None, *, due: date | None = None,
          opened: datetime = OPENED) -> None:  # fmt: skip
    with world.backend.make_uow() as uow:
        uow.cases.add(Case(case_id, f"NTR-{case_id.upper()}", CaseStatus.RECEIVED, f"Perkara {case_id}", None,
                           agency, region, None, None, opened, opened))  # fmt: skip
        if due is not None:
            uow.deadlines.add(CaseDeadline(f"d-{case_id}", case_id, "admin_check", date(2024, 10, 1), due, 5,
                                           "working_days", "confirmed"))  # fmt: skip
        uow.commit()


def _numbers(html: str) -> list[str]:
    return [str(n) for n in parse(html).xpath("//table[@id='queue']//td[1]/a/text()")]


def _audit(world: World, action: str) -> list[object]:
    with world.backend.make_uow() as uow:
        return [e for e in uow.audit.iter_all() if e.action == action]


def _assign(client: TestClient, case_id: str, assignee: str, version: int) -> object:
    page = f"/petugas/penugasan/{case_id}"
    return post_form(client, page, page, {"assignee": assignee, "version": str(version)})


def test_assign_a_case_then_find_it_in_my_cases_and_a_stale_assignment_is_refused(
    client: TestClient, world: World
) -> None:
    _case(world, "a1", "34.04", SLEMAN.id)
    _case(world, "a2", "34.71")
    login(client, "intake", PASSWORD)
    satgas = world.user_ids["satgas"]
    done = _assign(client, "a1", satgas, 0)
    assert done.status_code == 200 and parse(done.text).xpath("//*[@id='ok-message']")  # type: ignore[attr-defined]
    entry = _audit(world, "case.assigned")[-1]
    assert entry.subject_id == "a1" and entry.detail == {"assignee": satgas, "previous": None, "version": 1}  # type: ignore[attr-defined]
    queue = parse(client.get("/petugas").text)
    assert text_of(queue, "//tr[@data-case-id='a1']/td[@class='assignee']") == "Satgas"
    assert text_of(queue, "//tr[@data-case-id='a2']/td[@class='assignee']") == "belum ditugaskan"
    stale = _assign(client, "a1", world.user_ids["bawaslu"], 0)  # the form shown before the first assignment
    assert stale.status_code == 409  # type: ignore[attr-defined]
    assert "diubah oleh pengguna lain" in text_of(parse(stale.text), "//*[@id='assignee-error']")  # type: ignore[attr-defined]
    assert _audit(world, "case.assigned")[-1].detail["version"] == 1  # type: ignore[attr-defined]
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/petugas").text)})
    login(client, "satgas", PASSWORD)
    mine = client.get("/petugas", params={"saya": "1"}).text
    assert _numbers(mine) == ["NTR-A1"]
    assert _audit(world, "cases.listed")[-1].detail["filters"]["assignee"] == satgas  # type: ignore[attr-defined]
    notes = parse(client.get("/petugas/notifikasi").text)
    assert notes.xpath("//ul[@id='notes']/li[@data-kind='assigned']//a[.='NTR-A1']")


def test_assignment_refusals_scope_role_and_csrf(client: TestClient, world: World) -> None:
    _case(world, "b1", "34.04", SLEMAN.id)
    login(client, "intake", PASSWORD)
    outside = _assign(
        client, "b1", world.user_ids["pemeriksa_jateng"], 0
    )  # the officer's scope misses the case
    assert outside.status_code == 422  # type: ignore[attr-defined]
    assert "tidak berwenang" in text_of(parse(outside.text), "//*[@id='assignee-error']")  # type: ignore[attr-defined]
    ppk = _assign(client, "b1", world.user_ids["ppk_sleman"], 0)  # not a handling officer
    assert ppk.status_code == 422  # type: ignore[attr-defined]
    forged = client.post("/petugas/penugasan/b1", data={"assignee": world.user_ids["satgas"], "version": "0"})
    assert forged.status_code == 403 and not _audit(world, "case.assigned")
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/petugas").text)})
    login(client, "intake_jateng", PASSWORD)  # a Central Java officer on a Sleman case
    assert client.get("/petugas/penugasan/b1").status_code == 403
    token = csrf_from(client.get("/petugas").text)
    denied = client.post("/petugas/penugasan/b1", data={"assignee": world.user_ids["satgas"], "version": "0",
                                                          "csrf_token": token})  # fmt: skip
    assert denied.status_code == 403 and not _audit(world, "case.assigned")
    assert any(e.detail.get("attempted") == "assign_case" for e in _audit(world, "access.denied"))  # type: ignore[attr-defined]


def test_queue_filters_by_region_name_agency_and_deadline_and_keeps_them_in_the_address(
    client: TestClient, world: World
) -> None:
    _case(world, "c1", "34.04", SLEMAN.id, due=date(2024, 10, 20), opened=OPENED)
    _case(world, "c2", "34.71", None, due=date(2024, 10, 9), opened=OPENED - timedelta(days=1))
    _case(world, "c3", "34.02", None, opened=OPENED + timedelta(hours=1))
    login(client, "intake", PASSWORD)
    page = parse(client.get("/petugas").text)
    assert page.xpath("//select[@id='provinsi']/option[@value='34']")  # by name, within the officer's scope
    assert not page.xpath("//select[@id='provinsi']/option[@value='33']")
    assert page.xpath("//select[@id='instansi']/option[@value='pemda-34.04']")
    both = client.get("/petugas", params={"provinsi": "34", "kabkota": "34.04"}).text
    assert _numbers(both) == ["NTR-C1"]
    doc = parse(both)
    assert doc.xpath("//select[@id='kabkota']/option[@value='34.04'][@selected]")
    assert text_of(doc, "//select[@id='kabkota']/option[@value='34.04']").upper().startswith("KAB")
    assert _numbers(client.get("/petugas", params={"instansi": SLEMAN.id}).text) == ["NTR-C1"]
    assert _numbers(client.get("/petugas").text) == ["NTR-C3", "NTR-C1", "NTR-C2"]  # newest first
    by_deadline = client.get("/petugas", params={"urut": "tenggat"}).text
    assert _numbers(by_deadline) == ["NTR-C2", "NTR-C1", "NTR-C3"]  # nearest first, none last
    assert parse(by_deadline).xpath("//select[@id='urut']/option[@value='tenggat'][@selected]")


def test_unknown_filter_values_are_named_beside_their_filter(client: TestClient, world: World) -> None:
    _case(world, "e1", "34.04", SLEMAN.id)
    login(client, "intake", PASSWORD)
    bad = {"provinsi": "99", "instansi": "ag-tidak-ada", "urut": "acak", "status": "bogus"}
    response = client.get("/petugas", params=bad)
    assert response.status_code == 200
    doc = parse(response.text)
    for name in ("provinsi", "instansi", "urut", "status"):
        assert doc.xpath(f"//*[@id='{name}-error']"), name
        assert doc.xpath(f"//*[@id='{name}'][@aria-invalid='true']"), name
    assert _numbers(response.text) == ["NTR-E1"]  # the unknown filters are not applied
    wrong = parse(client.get("/petugas", params={"provinsi": "34", "kabkota": "33.74"}).text)
    assert wrong.xpath("//*[@id='kabkota-error']")
    other_agency = parse(client.get("/petugas", params={"instansi": SEMARANG.id}).text)  # outside DIY
    assert other_agency.xpath("//*[@id='instansi-error']")


def test_bulk_assign_reports_each_case_and_checks_scope_per_case(client: TestClient, world: World) -> None:
    _case(world, "f1", "34.04")
    _case(world, "f2", "34.71")
    _case(world, "f3", "33.74", SEMARANG.id)  # outside the officer's scope
    login(client, "intake", PASSWORD)
    data = {"aksi": "tugaskan", "assignee": world.user_ids["satgas"], "case_ids": ["f1", "f2", "f3"],
            "v_f1": "0", "v_f2": "0", "v_f3": "0"}  # fmt: skip
    response = post_form(client, "/petugas", "/petugas/massal", data)
    assert response.status_code == 200  # type: ignore[attr-defined]
    doc = parse(response.text)  # type: ignore[attr-defined]
    assert doc.xpath("//tr[@data-case-id='f1'][@class='ok']") and doc.xpath(
        "//tr[@data-case-id='f2'][@class='ok']"
    )
    assert doc.xpath("//tr[@data-case-id='f3'][@class='bad']")
    assert not doc.xpath("//a[.='NTR-F3']")  # a case outside the scope is not named
    assert [e.subject_id for e in _audit(world, "case.assigned")] == ["f1", "f2"]  # type: ignore[attr-defined]
    again = post_form(client, "/petugas", "/petugas/massal", data)  # the same versions again: stale
    assert again.status_code == 409  # type: ignore[attr-defined]
    empty = post_form(client, "/petugas", "/petugas/massal", {"aksi": "tugaskan", "assignee": "x"})
    assert empty.status_code == 422 and parse(empty.text).xpath("//*[@id='bulk-error']")  # type: ignore[attr-defined]
    forged = client.post("/petugas/massal", data={"aksi": "tugaskan", "case_ids": ["f1"]})
    assert forged.status_code == 403


def test_export_selection_gives_a_row_per_case_and_refuses_outside_the_scope(
    client: TestClient, world: World
) -> None:
    _case(world, "g1", "34.04", SLEMAN.id, due=date(2024, 10, 9))
    _case(world, "g2", "33.74", SEMARANG.id)
    login(client, "intake", PASSWORD)
    response = post_form(
        client, "/petugas", "/petugas/massal", {"aksi": "ekspor", "case_ids": ["g1", "g2", "zz"]}
    )
    assert response.status_code == 200 and "kasus-pilihan" in response.headers["content-disposition"]  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(response.text)))  # type: ignore[attr-defined]
    assert rows[0][0] == "nomor" and rows[1][0] == "NTR-G1" and rows[1][7] == "2024-10-09"
    assert rows[1][3] == SLEMAN.name and rows[1][8] == "Diekspor."
    assert rows[2] == ["g2", "", "", "", "", "", "", "", "Di luar kewenangan Anda."]
    assert rows[3][8] == "Kasus tidak ditemukan."
    listed = _audit(world, "cases.listed")[-1]
    assert listed.detail["purpose"] == "bulk_export" and listed.detail["rows"] == 1  # type: ignore[attr-defined]
    assert any(e.subject_id == "g2" for e in _audit(world, "access.denied"))  # type: ignore[attr-defined]


def test_notifications_are_swept_listed_marked_read_and_never_name_the_reporter(
    client: TestClient, world: World
) -> None:
    today = world.clock.today()
    _case(world, "h1", "34.04", SLEMAN.id, due=today - timedelta(days=2), opened=world.clock.now())
    _case(world, "h2", "34.71", None, due=today + timedelta(days=1), opened=OPENED - timedelta(days=30))
    with world.backend.make_uow() as uow:
        person = (None, None, None, "pns", None, None, None)
        uow.reports.add(Report("r-h2", "h2", None, None, Channel.WEB, "cerita", None, None, "34.71", (),
                               *person, OPENED, date(2030, 1, 1)))  # fmt: skip
        uow.messages.add(
            Message("m1", "r-h2", Sender.REPORTER, None, "Saya Siti, ini buktinya", world.clock.now())
        )
        uow.commit()
    result = sweep(world.backend.make_uow(), world.backend.kit, today)
    # new case: the intake officer; 34.04: four handlers (the examiner's scope is Sleman), 34.71: three
    assert (result.new_cases, result.deadlines_missed, result.deadlines_soon, result.replies) == (1, 4, 3, 3)
    assert sweep(world.backend.make_uow(), world.backend.kit, today).total == 0  # nothing twice
    login(client, "intake", PASSWORD)
    queue = parse(client.get("/petugas").text)
    assert text_of(queue, "//*[@id='bell-count']") == "4"
    page = client.get("/petugas/notifikasi").text
    kinds = sorted(parse(page).xpath("//ul[@id='notes']/li/@data-kind"))
    assert kinds == ["deadline_missed", "deadline_soon", "new_case", "reporter_reply"]
    assert "Siti" not in page
    assert _audit(world, "notifications.listed")
    post_form(client, "/petugas/notifikasi", "/petugas/notifikasi/baca", {})
    assert not parse(client.get("/petugas").text).xpath("//*[@id='bell-count']")


def test_email_preference_is_checked_kept_and_audited(client: TestClient, world: World) -> None:
    login(client, "intake", PASSWORD)
    bad = post_form(client, "/petugas/notifikasi", "/petugas/notifikasi/surel", {"email": "bukan surel"})
    assert bad.status_code == 422  # type: ignore[attr-defined]
    doc = parse(bad.text)  # type: ignore[attr-defined]
    assert doc.xpath("//*[@id='email-error']") and doc.xpath("//input[@id='email'][@value='bukan surel']")
    ok = post_form(client, "/petugas/notifikasi", "/petugas/notifikasi/surel",
                   {"email": "intake@bkn.go.id", "email_opt_out": "1"})  # fmt: skip
    assert ok.status_code == 200  # type: ignore[attr-defined]
    doc = parse(ok.text)  # type: ignore[attr-defined]
    assert doc.xpath("//input[@id='email'][@value='intake@bkn.go.id']")
    assert doc.xpath("//input[@name='email_opt_out'][@checked]")
    entry = _audit(world, "notifications.prefs")[-1]
    assert entry.detail == {"email_set": True, "email_opt_out": True}  # type: ignore[attr-defined]
    assert client.post("/petugas/notifikasi/surel", data={"email": "x@y.id"}).status_code == 403  # no CSRF


def test_audit_viewer_for_supervisors_filters_verifies_and_is_itself_audited(
    client: TestClient, world: World
) -> None:
    _case(world, "j1", "34.04", SLEMAN.id)
    login(client, "intake", PASSWORD)
    assert client.get("/petugas/audit").status_code == 403  # not a supervisor
    _assign(client, "j1", world.user_ids["satgas"], 0)
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/petugas").text)})
    login(client, "pengawas", PASSWORD)
    page = parse(client.get("/petugas/audit").text)
    assert page.xpath("//*[@id='anchor']") and page.xpath("//a[@id='verify-link']")
    assert page.xpath("//table[@id='audit']//code[.='case.assigned']")
    by_actor = parse(client.get("/petugas/audit", params={"pelaku": "intake", "aksi": "case.assigned"}).text)
    assert by_actor.xpath("//table[@id='audit']/tbody/tr") and all(
        a == "case.assigned" for a in by_actor.xpath("//table[@id='audit']/tbody/tr/td[4]/code/text()")
    )
    by_case = parse(client.get("/petugas/audit", params={"kasus": "NTR-J1"}).text)
    assert by_case.xpath("//table[@id='audit']//code[.='case.assigned']")
    bad = client.get("/petugas/audit", params={"pelaku": "siapa", "dari": "2024-13-40", "aksi": "DROP TABLE"})
    assert bad.status_code == 422
    doc = parse(bad.text)
    assert (
        doc.xpath("//*[@id='pelaku-error']")
        and doc.xpath("//*[@id='dari-error']")
        and doc.xpath("//*[@id='aksi-error']")
    )
    assert doc.xpath("//input[@id='pelaku'][@value='siapa']")
    viewed = _audit(world, "audit.viewed")
    assert viewed and viewed[-1].actor_id == world.user_ids["pengawas"]  # type: ignore[attr-defined]
    checked = parse(client.get("/petugas/audit", params={"periksa": "1"}).text)
    assert checked.xpath("//*[@id='chain-broken']")  # test cases were stored without their creation entry
    assert _audit(world, "audit.verified")


def test_a_regional_supervisor_sees_only_entries_about_cases_in_scope(world: World) -> None:
    from netralitas.cases.accounts import create_user
    from netralitas.cases.audit_viewer import browse_audit
    from netralitas.cases.inputs import UserCreate
    from netralitas.cases.ports import AuditQuery
    from netralitas.cases.roles import Actor, Role
    from netralitas.errors import PermissionDeniedError

    _case(world, "k1", "34.04")
    _case(world, "k2", "33.74")
    kit = world.backend.kit
    with world.backend.make_uow() as uow:
        from netralitas.cases import audit

        audit.record(uow, kit, "x", "case.viewed", "case", "k1")
        audit.record(uow, kit, "x", "case.viewed", "case", "k2")
        uow.commit()
    payload = UserCreate(username="pengawas_diy", display_name="Pengawas DIY", role=Role.SUPERVISOR,
                         password=PASSWORD, region_code="34", agency_id=None)  # fmt: skip
    user = create_user(world.backend.make_uow(), kit, None, payload)
    actor = Actor(user.id, user.username, Role.SUPERVISOR, "34")
    found = browse_audit(world.backend.make_uow(), kit, actor, AuditQuery(action="case.viewed"))
    assert [e.subject_id for e in found.entries] == ["k1"]
    try:
        browse_audit(world.backend.make_uow(), kit, actor, AuditQuery(subject_type="case", subject_id="k2"))
    except PermissionDeniedError:
        pass
    else:
        raise AssertionError("a case outside the scope was shown")
