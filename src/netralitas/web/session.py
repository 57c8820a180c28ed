"""What a request's session says, read without deciding anything: the signed-in user as the menu
shows them and the CSRF token of the forms. The page chrome (``templating``), authentication
(``auth``) and the CSRF check (``security``) all read it here, so none of them imports another."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from netralitas.cases.roles import Role

OFFICER_ROLES = frozenset({Role.INTAKE_OFFICER, Role.TASKFORCE, Role.BAWASLU, Role.EXAMINER, Role.SUPERVISOR})
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class SessionUser:
    """What the menu needs; never trusted for authorisation."""

    id: str
    name: str
    role: str
    #: The account's session epoch when this session was issued (see ``session_is_current``).
    epoch: int = 0

    @property
    def is_officer(self) -> bool:
        return self.role in OFFICER_ROLES

    @property
    def is_ppk(self) -> bool:
        return self.role == Role.PPK

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


def session_user(request: Request) -> SessionUser | None:
    data: Any = request.session.get("user")
    if not isinstance(data, dict):
        return None
    epoch = data.get("ep", 0)  # sessions from before epochs existed were issued under epoch 0
    if not isinstance(epoch, int):
        return None
    return SessionUser(str(data.get("id")), str(data.get("name")), str(data.get("role")), epoch)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token
