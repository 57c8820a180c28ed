"""What every request handler may reach: settings, templates, limits, clock, the services."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from netralitas.clock import Clock
from netralitas.composition import Backend, build_backend
from netralitas.config import Settings
from netralitas.guidance import Guide, load_topics
from netralitas.rules.catalogue import Catalogue, default_catalogue
from netralitas.web.ratelimit import RateLimits


@dataclass
class WebContext:
    settings: Settings
    templates: Jinja2Templates
    clock: Clock
    limits: RateLimits = field(default_factory=RateLimits)
    #: The case services; built on first use unless given (tests pass one).
    given_backend: Backend | None = None
    _guides: dict[date, Guide] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def backend(self) -> Backend:
        if self.given_backend is None:
            with self._lock:
                if self.given_backend is None:
                    self.given_backend = build_backend(self.settings, self.clock)
        return self.given_backend

    @property
    def catalogue(self) -> Catalogue:
        return default_catalogue()

    def guide(self) -> Guide:
        """The "Bolehkah?" guide for today's law (rebuilt once a day)."""
        today = self.clock.today()
        if today not in self._guides:
            self._guides.clear()
            self._guides[today] = Guide(load_topics(), self.catalogue, today)
        return self._guides[today]


def client_address(request: Request) -> str:
    """The peer address (or, behind a trusted proxy, the forwarded one): only ever used as a
    keyed, short-lived rate-limit key, never stored or logged."""
    return request.client.host if request.client else ""


def get_ctx(request: Request) -> WebContext:
    ctx = request.app.state.ctx
    assert isinstance(ctx, WebContext)
    return ctx
