"""The officer queue's reads in SQL: the officers one may assign to are read for the actor's reach
only (the same set as the rule in Python over every user), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from netralitas.cases.assignment import HANDLERS, _assignable
from netralitas.cases.records import User
from netralitas.cases.roles import Actor, Role
from netralitas.db.uow import SqlUnitOfWork
from tests.factories import SEMARANG, SLEMAN, add_agencies

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
