"""Who is asking: officer sessions for pages, bearer tokens for the API.

The session keeps only the user id and a display summary for the menu; every request that acts
reloads the user (so a deactivated account or a changed role takes effect at once) and passes an
``Actor`` to the services, which enforce role and scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from starlette.requests import Request

from netralitas.cases.accounts import actor_of
from netralitas.cases.roles import Actor, Role
from netralitas.web.context import WebContext, get_ctx
from netralitas.web.errors import UnauthenticatedError

OFFICER_ROLES = frozenset({Role.INTAKE_OFFICER, Role.TASKFORCE, Role.BAWASLU, Role.EXAMINER, Role.SUPERVISOR})
TOKEN_PREFIX = "ntr_"
TOKEN_MAX_AGE = 90 * 24 * 3600


@dataclass(frozen=True)
class SessionUser:
    """What the menu needs; never trusted for authorisation."""

    id: str
    name: str
    role: str

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
    return SessionUser(str(data.get("id")), str(data.get("name")), str(data.get("role")))


def sign_in(request: Request, actor: Actor, display_name: str) -> None:
    request.session.clear()
    request.session["user"] = {"id": actor.user_id, "name": display_name, "role": actor.role.value}


def load_actor(ctx: WebContext, user_id: str) -> Actor | None:
    """The actor of an active user, or None."""
    uow = ctx.backend.make_uow()
    with uow.reading():  # every signed-in request: never behind the SQLite write lock
        user = uow.users.get(user_id)
    return actor_of(user) if user is not None and user.active else None


def _unauthenticated() -> UnauthenticatedError:
    return UnauthenticatedError("Silakan masuk terlebih dahulu.", message_en="Please sign in first.")


def require_actor(request: Request) -> Actor:
    """Dependency for console pages: the signed-in officer (the services check role and scope)."""
    summary = session_user(request)
    actor = load_actor(get_ctx(request), summary.id) if summary else None
    if actor is None:
        request.session.pop("user", None)
        raise _unauthenticated()
    return actor


def token_serializer(ctx: WebContext) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(ctx.settings.secret_key.get_secret_value(), salt="netralitas-api-token")


def issue_token(ctx: WebContext, actor: Actor) -> str:
    return TOKEN_PREFIX + token_serializer(ctx).dumps({"uid": actor.user_id})


def require_api_actor(request: Request) -> Actor:
    """Dependency for ``/api``: ``Authorization: Bearer ntr_...``, never a cookie."""
    ctx = get_ctx(request)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.startswith(TOKEN_PREFIX):
        raise _unauthenticated()
    try:
        data = token_serializer(ctx).loads(token[len(TOKEN_PREFIX) :], max_age=TOKEN_MAX_AGE)
    except (BadSignature, SignatureExpired):
        raise _unauthenticated() from None
    actor = load_actor(ctx, str(data.get("uid"))) if isinstance(data, dict) else None
    if actor is None:
        raise _unauthenticated()
    return actor
