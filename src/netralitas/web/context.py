"""What every request handler may reach: settings, templates, limits, clock, the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from netralitas.clock import Clock
from netralitas.config import Settings
from netralitas.web.ratelimit import RateLimits


@dataclass
class WebContext:
    settings: Settings
    templates: Jinja2Templates
    clock: Clock
    limits: RateLimits = field(default_factory=RateLimits)
    #: The case services bundle (set by ``create_app`` when the database layer is available).
    backend: Any = None


def get_ctx(request: Request) -> WebContext:
    ctx = request.app.state.ctx
    assert isinstance(ctx, WebContext)
    return ctx
