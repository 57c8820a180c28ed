"""Who is asking: officer sessions for pages, bearer tokens for the API.

The session keeps only the user id, the account's session epoch and a display summary for the
menu; every request that acts reloads the user (so a deactivated account or a changed role takes
effect at once) and passes an ``Actor`` to the services, which enforce role and scope. Sessions and
API tokens carry the epoch they were issued under: a password change, a reset, a deactivation or a
change of role or scope raises the account's epoch, and every older session and token is refused
from the next request on (``accounts.session_is_current``).
"""

from __future__ import annotations

import logging
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from starlette.requests import Request

from netralitas.cases.accounts import actor_of, session_is_current
from netralitas.cases.records import User
from netralitas.cases.roles import Actor
from netralitas.web.context import WebContext, get_ctx
from netralitas.web.errors import UnauthenticatedError
from netralitas.web.session import session_user

log = logging.getLogger(__name__)
TOKEN_PREFIX = "ntr_"
TOKEN_MAX_AGE = 90 * 24 * 3600


def sign_in(request: Request, user: User) -> None:
    request.session.clear()
    request.session["user"] = {
        "id": user.id, "name": user.display_name, "role": user.role.value, "ep": user.session_epoch,
    }  # fmt: skip


def keep_session(request: Request, user: User) -> None:
    """After users changed their own password (which ended every session of the account), carry
    the session serving this request over to the new epoch: only the *other* sessions end."""
    data: Any = request.session.get("user")
    if isinstance(data, dict) and data.get("id") == user.id:
        request.session["user"] = {**data, "ep": user.session_epoch}


def load_actor(ctx: WebContext, user_id: str, epoch: int) -> Actor | None:
    """The actor of an active user whose sessions issued under ``epoch`` still stand, or None."""
    uow = ctx.backend.make_uow()
    with uow.reading():  # every signed-in request: never behind the SQLite write lock
        user = uow.users.get(user_id)
    if not session_is_current(user, epoch):
        if user is not None and user.active:
            log.info("refused a session or token of an earlier epoch (user %s)", user_id)
        return None
    assert user is not None
    return actor_of(user)


def _unauthenticated() -> UnauthenticatedError:
    return UnauthenticatedError("Silakan masuk terlebih dahulu.", message_en="Please sign in first.")


def require_actor(request: Request) -> Actor:
    """Dependency for console pages: the signed-in officer (the services check role and scope)."""
    summary = session_user(request)
    actor = load_actor(get_ctx(request), summary.id, summary.epoch) if summary else None
    if actor is None:
        request.session.pop("user", None)
        raise _unauthenticated()
    return actor


def token_serializer(ctx: WebContext) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(ctx.settings.secret_key.get_secret_value(), salt="netralitas-api-token")


def issue_token(ctx: WebContext, user: User) -> str:
    """A bearer token bound to the account's current session epoch."""
    return TOKEN_PREFIX + token_serializer(ctx).dumps({"uid": user.id, "ep": user.session_epoch})


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
    epoch = data.get("ep", 0) if isinstance(data, dict) else None  # tokens before epochs: epoch 0
    actor = load_actor(ctx, str(data.get("uid")), epoch) if isinstance(epoch, int) else None
    if actor is None:
        raise _unauthenticated()
    return actor
