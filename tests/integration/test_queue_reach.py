"""Reads done in SQL on SQLite and PostgreSQL: the officers one may assign to, for the actor's
reach only (the same set as the rule in Python over every user), and the notification sweep's
window of reporter messages; the overdue list by pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

from netralitas.cases.assignment import HANDLERS, _assignable
from netralitas.cases.case_lists import list_overdue, overdue_page
from netralitas.cases.dependencies import Kit
from netralitas.cases.records import CaseDeadline, Message, Sender, User
from netralitas.cases.reporting import submit_report
from netralitas.cases.roles import Actor, Role
from netralitas.db.uow import SqlUnitOfWork
from tests.factories import SEMARANG, SLEMAN, add_agencies, report

#: (region, agency) of the users stored: national, province, regency, another province, agencies.
PLACES = [("", None), ("34", None), ("34.04", None), ("34.04", SLEMAN.id), ("33", None),
          ("33.74", SEMARANG.id), ("34.02", None), ("340", None)]  # fmt: skip


def _users() -> list[User]:
    made = datetime(2024, 1, 1, tzinfo=UTC)
    users = []
    for n, ((region, agency), role) in enumerate((p, r) for p in PLACES for r in Role):
        user = User(f"u{n:03d}", f"user{n}", f"User {n}", role, region, agency, "x", True, made)
        users.append(replace(user, active=n % 5 != 0))  # every fifth one inactive
    return users


def test_officers_near_the_actor_match_the_rule(make_uow: Callable[[], SqlUnitOfWork]) -> None:
    add_agencies(make_uow)
    users = _users()
    with make_uow() as uow:
        for user in users:
            uow.users.add(user)
        uow.commit()
    roles = frozenset(r.value for r in HANDLERS)
    for region, agency in [*PLACES, ("34.04.01", None), ("31", None)]:
        actor = Actor("viewer", "viewer", Role.SUPERVISOR, region, agency)
        with make_uow().reading() as uow:
            found = _assignable(uow.users.active_near(region, agency, roles), actor)
        expected = _assignable(users, actor)
        assert [u.id for u in found] == [u.id for u in expected], (region, agency)
        assert expected  # national officers reach every region: never two empty lists


def test_reporter_messages_since_are_read_in_sql(make_uow: Callable[[], SqlUnitOfWork], kit: Kit) -> None:
    """The notification sweep's window: older messages and officers' messages are not read."""
    add_agencies(make_uow)
    receipt = submit_report(make_uow(), kit, report())
    with make_uow() as uow:
        report_id = uow.reports.find(case_id=receipt.case_id)[0].id
        for n, (sender, day) in enumerate([(Sender.REPORTER, 1), (Sender.REPORTER, 5), (Sender.OFFICER, 6),
                                           (Sender.REPORTER, 7), (Sender.REPORTER, 3)]):  # fmt: skip
            at = datetime(2024, 10, day, tzinfo=UTC)
            uow.messages.add(Message(f"m{n}", report_id, sender, None, "isi", at))
        uow.commit()
    with make_uow().reading() as uow:
        found = uow.messages.since(Sender.REPORTER.value, datetime(2024, 10, 3, tzinfo=UTC))
    assert [m.id for m in found] == ["m4", "m1", "m3"]


def test_overdue_pages_make_up_the_whole_list(make_uow: Callable[[], SqlUnitOfWork], kit: Kit) -> None:
    """``overdue_page`` (the API's ``?limit=``): pages in the order of ``list_overdue``, the total
    of the scope, nothing outside it."""
    add_agencies(make_uow)
    for n in range(5):
        receipt = submit_report(make_uow(), kit, report(description=f"Camat nomor {n} memasang baliho."))
        with make_uow() as uow:  # breached on different days: the order is the due day
            due = date(2024, 11, 1 + (n * 3) % 5)
            uow.deadlines.add(CaseDeadline(f"dl-{n}", receipt.case_id, "admin_check", date(2024, 10, 1), due,
                                           5, "work_days", "confirmed"))  # fmt: skip
            uow.commit()
    on, diy = date(2025, 6, 1), Actor("viewer", "viewer", Role.SUPERVISOR, "34")
    whole = list_overdue(make_uow(), kit, on, diy)
    assert len(whole) >= 3
    pages = [overdue_page(make_uow(), kit, on, diy, 2, offset) for offset in range(0, len(whole) + 2, 2)]
    assert [i.case_id for items, _ in pages for i in items] == [i.case_id for i in whole]
    assert {total for _, total in pages} == {len(whole)}
    assert overdue_page(make_uow(), kit, on, Actor("other", "other", Role.SUPERVISOR, "33"), 2) == ([], 0)
