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
    engine: Engine
    #: True when ``engine`` was built for these pages alone (the case services do not run on SQL).
    owns_engine: bool = False
    _sender: Sender | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def sender(self) -> Sender:
        with self._lock:
            if self._sender is None:
                from netralitas.sending.jobs import Sender, build_huey
                from netralitas.sending.settings import SendingSettings

                sending = SendingSettings()
                huey = build_huey(self.ctx.settings, sending)
                self._sender = Sender(self.engine, self.ctx.settings, sending, self.ctx.clock, huey)
            return self._sender

    def close(self) -> None:
        """On app shutdown: dispose the engine if it is our own."""
        if self.owns_engine:
            self.engine.dispose()


def outreach(request: Request) -> OutreachWeb:
    state = request.app.state
    found = getattr(state, "outreach", None)
    if isinstance(found, OutreachWeb):
        return found
    from netralitas.composition import build_outreach
    from netralitas.sending.jobs import link_secret

    ctx = get_ctx(request)
    # The case services' engine when they run on SQL (one pool, one SQLite write lock), else our own.
    shared = ctx.backend.engine or getattr(ctx.backend.make_uow(), "engine", None)
    backend = build_outreach(ctx.settings, shared if isinstance(shared, Engine) else None)
    owned = not isinstance(shared, Engine)
    built = OutreachWeb(ctx, backend.make_uow, link_secret(ctx.settings), backend.engine, owned)
    state.outreach = built
    return built
