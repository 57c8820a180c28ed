"""The officer console on SQLite and PostgreSQL: assignment (stale refused) and "Kasus saya",
the deadline order, notifications swept once and e-mailed through a real SMTP server (aiosmtpd)
without the reporter's identity, and the audit-trail viewer's filters and scope."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest

from netralitas.cases.accounts import actor_of, create_user
from netralitas.cases.assignment import assign_case
from netralitas.cases.audit_viewer import browse_audit
from netralitas.cases.case_lists import queue_view
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import UserCreate
from netralitas.cases.notifications import send_pending, set_prefs, sweep
from netralitas.cases.ports import AuditQuery, CaseQuery
from netralitas.cases.records import CaseDeadline
from netralitas.cases.reporting import post_reporter_message, submit_report
from netralitas.cases.roles import Actor, Role
from netralitas.clock import FixedClock
from netralitas.db.uow import SqlUnitOfWork
from netralitas.errors import ConflictError
from netralitas.sending.notifications import SmtpNotificationMailer
from netralitas.sending.settings import SendingSettings
from tests.factories import report, seed_agencies
from tests.outreach.smtp_server import smtp_server


def _user(make_uow: Callable[[], SqlUnitOfWork], kit: Kit, name: str, role: Role, region: str) -> Actor:
    payload = UserCreate(username=name, display_name=name.title(), role=role, password="kata-sandi-uji-123",
                         region_code=region, agency_id=None)  # fmt: skip
    return actor_of(create_user(make_uow(), kit, None, payload))


@pytest.fixture
def people(make_uow: Callable[[], SqlUnitOfWork], kit: Kit) -> dict[str, Actor]:
    seed_agencies(make_uow, kit)
    return {
        "intake": _user(make_uow, kit, "intake", Role.INTAKE_OFFICER, "34"),
        "satgas": _user(make_uow, kit, "satgas", Role.TASKFORCE, "34"),
        "jateng": _user(make_uow, kit, "jateng", Role.INTAKE_OFFICER, "33"),
        "pengawas": _user(make_uow, kit, "pengawas", Role.SUPERVISOR, ""),
        "pengawas_diy": _user(make_uow, kit, "pengawas_diy", Role.SUPERVISOR, "34"),
    }


def test_assignment_my_cases_and_deadline_order(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, clock: FixedClock, people: dict[str, Actor]
) -> None:
    first = submit_report(make_uow(), kit, report())
    clock.advance(days=1)
    second = submit_report(
        make_uow(), kit, report(description="Kepala dinas membagikan kaos calon di kantor.")
    )
    intake, satgas = people["intake"], people["satgas"]
    stored = assign_case(make_uow(), kit, intake, first.case_id, satgas.user_id, 0)
    assert stored.version == 1
    with pytest.raises(ConflictError):
        assign_case(make_uow(), kit, intake, first.case_id, intake.user_id, 0)  # stale form
    again = assign_case(make_uow(), kit, intake, first.case_id, intake.user_id, 1)
    assert again.version == 2 and again.assignee_id == intake.user_id
    today = clock.today()
    mine = queue_view(
        make_uow(), kit, intake, CaseQuery(region_prefix="34", assignee_id=intake.user_id, limit=25), today
    )
    assert [c.id for c in mine.page.items] == [first.case_id] and mine.page.total == 1
    theirs = queue_view(
        make_uow(), kit, satgas, CaseQuery(region_prefix="34", assignee_id=satgas.user_id, limit=25), today
    )
    assert theirs.page.items == () and theirs.page.total == 0
    ordered = queue_view(
        make_uow(), kit, intake, CaseQuery(region_prefix="34", sort="deadline", limit=25), today
    )
    assert [c.id for c in ordered.page.items] == [second.case_id, first.case_id]  # no deadlines: newest first
    with make_uow() as uow:  # an open deadline on the older case only
        due = today + timedelta(days=5)
        step = ("admin_check", today, due, 5, "working_days", "confirmed")
        uow.deadlines.add(CaseDeadline("dl-older", first.case_id, *step))
        uow.commit()
    ordered = queue_view(
        make_uow(), kit, intake, CaseQuery(region_prefix="34", sort="deadline", limit=25), today
    )
    assert [c.id for c in ordered.page.items] == [
        first.case_id,
        second.case_id,
    ]  # a deadline first, none last
    pages = [CaseQuery(region_prefix="34", sort="deadline", limit=1, offset=n) for n in range(3)]
    paged = [queue_view(make_uow(), kit, intake, q, today).page.items for q in pages]
    assert [[c.id for c in p] for p in paged] == [[first.case_id], [second.case_id], []]  # across both parts
    newest = queue_view(make_uow(), kit, intake, CaseQuery(region_prefix="34", limit=25), today)
    assert [c.id for c in newest.page.items] == [second.case_id, first.case_id]


def test_notifications_are_e_mailed_once_without_the_reporter(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, clock: FixedClock, people: dict[str, Actor]
) -> None:
    sub = report(anonymous=False, reporter={"name": "Siti Pelapor", "contact": "0812-3456"})
    made = submit_report(make_uow(), kit, sub)
    post_reporter_message(make_uow(), kit, made.receipt, "Saya Siti, saya punya video lain dari acara itu.")
    result = sweep(make_uow(), kit, clock.today())
    assert result.new_cases == 1 and result.replies == 2  # the intake officer and the task force in DIY
    assert sweep(make_uow(), kit, clock.today()).total == 0
    set_prefs(make_uow(), kit, people["intake"], "intake@bkn.go.id", False)
    set_prefs(make_uow(), kit, people["satgas"], "satgas@bkn.go.id", True)  # opted out
    with smtp_server() as (inbox, port):
        mailer = SmtpNotificationMailer(SendingSettings(smtp_host="127.0.0.1", smtp_port=port))
        sent, skipped = send_pending(make_uow(), kit, mailer, "https://netralitas.example.go.id")
        assert (sent, skipped) == (2, 1)  # intake: new case + reply; satgas: reply (opted out)
        assert send_pending(make_uow(), kit, mailer, "https://netralitas.example.go.id") == (0, 0)
        messages = list(inbox.messages)
    assert {m["To"] for m in messages} == {"intake@bkn.go.id"}
    for m in messages:
        body = m.get_content()
        assert made.case_number in m["Subject"] and f"/petugas/kasus/{made.case_id}" in body
        for secret in ("Siti", "0812", "video", "Budi", "Camat"):
            assert secret not in body and secret not in m["Subject"]


def test_audit_viewer_filters_and_scope(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, clock: FixedClock, people: dict[str, Actor]
) -> None:
    diy = submit_report(make_uow(), kit, report())
    jateng = submit_report(make_uow(), kit, report(region_code="33.74", agency_id=None))
    assign_case(make_uow(), kit, people["intake"], diy.case_id, people["satgas"].user_id, 0)
    assign_case(make_uow(), kit, people["jateng"], jateng.case_id, people["jateng"].user_id, 0)
    everything = browse_audit(make_uow(), kit, people["pengawas"], AuditQuery(action="case.assigned"))
    assert [e.subject_id for e in everything.entries] == [
        jateng.case_id,
        diy.case_id,
    ] and everything.total == 2
    by_actor = browse_audit(
        make_uow(), kit, people["pengawas"], AuditQuery(actor_id=people["jateng"].user_id)
    )
    assert {e.action for e in by_actor.entries} == {"case.assigned"}
    regional = browse_audit(make_uow(), kit, people["pengawas_diy"], AuditQuery(action="case.assigned"))
    assert [e.subject_id for e in regional.entries] == [diy.case_id]
    tomorrow = AuditQuery(action="case.assigned", since=clock.now() + timedelta(days=1))
    later = browse_audit(make_uow(), kit, people["pengawas"], tomorrow)
    assert later.total == 0
    with make_uow() as uow:
        viewed = [e for e in uow.audit.iter_all() if e.action == "audit.viewed"]
    assert len(viewed) == 4 and viewed[-1].detail["filters"]["since"] is not None


def test_the_sweep_command_adds_and_e_mails_notifications(
    make_uow: Callable[[], SqlUnitOfWork],
    kit: Kit,
    people: dict[str, Actor],
    cli: Callable[..., tuple[int, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = submit_report(make_uow(), kit, report())
    set_prefs(make_uow(), kit, people["intake"], "intake@bkn.go.id", False)
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("NETRALITAS_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("NETRALITAS_SMTP_PORT", str(port))
        code, out = cli("notifications", "sweep", "--on", "2024-10-01", "--email", "--json")
        assert code == 0, out
        assert json.loads(out) == {"new_cases": 1, "deadlines_soon": 0, "deadlines_missed": 0, "replies": 0,
                                   "emailed": 1, "email_skipped": 0}  # fmt: skip
        assert [m["To"] for m in inbox.messages] == ["intake@bkn.go.id"]
        assert made.case_number in inbox.messages[0]["Subject"]
        code, out = cli("notifications", "sweep", "--on", "2024-10-01")
        assert code == 0 and out.startswith("0 notifikasi baru")
    code, out = cli("notifications", "sweep", "--on", "kemarin")
    assert code != 0
