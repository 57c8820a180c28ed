"""What the guidance pages reach: the guidance unit of work, the sender and the link secret,
built once per app from its settings (on first use, like the case backend)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from starlette.requests import Request

from netralitas.outreach.ports import OutreachUnitOfWork
from netralitas.web.context import WebContext, get_ctx

if TYPE_CHECKING:  # the sender pulls in huey and smtplib: built on first use
    from netralitas.sending.jobs import Sender


@dataclass
class OutreachWeb:
    ctx: WebContext
    make_uow: Callable[[], OutreachUnitOfWork]
    secret: str
    _sender: Sender | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def sender(self) -> Sender:
        with self._lock:
            if self._sender is None:
                from netralitas.sending.jobs import Sender, build_huey
                from netralitas.sending.settings import SendingSettings

                engine = self.make_uow().engine  # type: ignore[attr-defined]
                sending = SendingSettings()
                huey = build_huey(self.ctx.settings, sending)
                self._sender = Sender(engine, self.ctx.settings, sending, self.ctx.clock, huey)
            return self._sender


def outreach(request: Request) -> OutreachWeb:
    state = request.app.state
    found = getattr(state, "outreach", None)
    if isinstance(found, OutreachWeb):
        return found
    from netralitas.db.engine import create_db_engine
    from netralitas.db.outreach_repositories import outreach_uow_factory
    from netralitas.sending.jobs import link_secret

    ctx = get_ctx(request)
    # The case services' engine when they run on SQL (one pool, one SQLite write lock), else our own.
    shared = getattr(ctx.backend.make_uow(), "engine", None)
    engine = shared if isinstance(shared, Engine) else create_db_engine(ctx.settings.effective_database_url)
    built = OutreachWeb(ctx, outreach_uow_factory(engine), link_secret(ctx.settings))
    state.outreach = built
    return built
