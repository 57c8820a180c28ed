"""Accounts on SQLite and PostgreSQL: a credential change ends the account's sessions and API
tokens through the real web app, and a stale account change is refused by the database."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import replace

import pytest

from netralitas.cases.accounts import change_password, create_user
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import UserCreate
from netralitas.cases.roles import Role
from netralitas.clock import FixedClock
from netralitas.composition import Backend
from netralitas.config import Settings
from netralitas.db.uow import SqlUnitOfWork
from netralitas.errors import ConflictError
from netralitas.web.app import create_app
from netralitas.web.ratelimit import RateLimits
from tests.factories import seed_agencies
from tests.web.helpers import csrf_from

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD, NEW = "sandi-yang-panjang-1", "sandi-baru-yang-panjang"


def _user(username: str, role: Role, region: str = "34") -> UserCreate:
    return UserCreate(username=username, display_name=username.title(), role=role, password=PASSWORD,
                      region_code=region)  # fmt: skip


def _login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    token = csrf_from(client.get("/masuk").text)
    form = {"username": username, "password": password, "csrf_token": token}
    assert client.post("/masuk", data=form, follow_redirects=False).status_code == 303


def test_a_reset_ends_every_session_and_token_and_an_own_change_keeps_one(
    settings: Settings, kit: Kit, clock: FixedClock, make_uow: Callable[[], SqlUnitOfWork]
) -> None:
    kit = replace(kit, screener=None)
    seed_agencies(make_uow, kit)
    for name, role in (("admin", Role.ADMIN), ("satgas", Role.TASKFORCE)):
        create_user(make_uow(), kit, None, _user(name, role))
    web_settings = settings.model_copy(update={"secure_cookies": False})
    app = create_app(web_settings, clock=clock, backend=Backend(make_uow, kit))  # type: ignore[arg-type]
    with TestClient(app) as admin, TestClient(app) as phone, TestClient(app) as laptop:
        _login(phone, "satgas")
        _login(laptop, "satgas")
        token = phone.post("/api/v1/token", json={"username": "satgas", "password": PASSWORD}).json()
        auth = {"authorization": f"Bearer {token['token']}"}
        assert phone.get("/api/v1/cases", headers=auth).status_code == 200
        _login(admin, "admin")
        reset = {"new_password": NEW, "csrf_token": csrf_from(admin.get("/admin").text)}
        done = admin.post("/admin/pengguna/satgas/sandi", data=reset, follow_redirects=False)
        assert done.status_code == 303
        for session in (phone, laptop):
            assert session.get("/petugas", follow_redirects=False).status_code == 303
        assert phone.get("/api/v1/cases", headers=auth).status_code == 401
        app.state.ctx.limits = RateLimits()  # five sign-ins per account name; the test needs more
        _login(phone, "satgas", NEW)
        _login(laptop, "satgas", NEW)
        own = {"current_password": NEW, "new_password": PASSWORD, "new_password_again": PASSWORD,
               "csrf_token": csrf_from(phone.get("/akun/sandi").text)}  # fmt: skip
        assert phone.post("/akun/sandi", data=own, follow_redirects=False).status_code == 303
        assert phone.get("/petugas").status_code == 200
        assert laptop.get("/petugas", follow_redirects=False).status_code == 303
    with make_uow() as uow:
        satgas = uow.users.by_username("satgas")
        assert satgas is not None and (satgas.version, satgas.session_epoch) == (3, 2)
        entries = uow.audit.for_subject("user", satgas.id)
    ended = [(e.detail["cause"], e.detail["kept"]) for e in entries if e.action == "user.sessions_ended"]
    assert ended == [("password_reset", "none"), ("password_changed", "current_session")]


def test_a_stale_account_change_is_refused_by_the_database(
    kit: Kit, make_uow: Callable[[], SqlUnitOfWork]
) -> None:
    user = create_user(make_uow(), kit, None, _user("satgas", Role.TASKFORCE))
    change_password(make_uow(), kit, None, "satgas", NEW)  # version 2 now
    with make_uow() as uow:
        with pytest.raises(ConflictError) as err:
            uow.users.update(replace(user, region_code="33"), user.version)
        assert err.value.details == {"username": "satgas", "current_version": 2, "sent_version": 1}
    with make_uow() as uow:
        stored = uow.users.get(user.id)
    assert stored is not None and stored.region_code == "34" and stored.version == 2
