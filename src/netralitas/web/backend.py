"""The case services as the web app reaches them: a unit-of-work factory and the Kit.

Routes call the documented service functions of ``netralitas.cases`` with a fresh unit of work
per call (one call = one transaction). The real backend (database + kit) is built lazily on
first use, so public pages that only need the catalogue work without a database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from netralitas.cases.kit import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.clock import Clock
from netralitas.config import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(frozen=True)
class Backend:
    make_uow: Callable[[], UnitOfWork]
    kit: Kit
    #: The SQLAlchemy engine (``/readyz`` pings it); None for backends built by tests without one.
    engine: Engine | None = None


def build_backend(settings: Settings, clock: Clock | None = None) -> Backend:
    """The database named by ``settings`` (already migrated) and the real kit."""
    from netralitas.cases.wiring import build_kit
    from netralitas.db.engine import create_db_engine
    from netralitas.db.uow import uow_factory

    engine = create_db_engine(settings.effective_database_url, connect_timeout=settings.db_connect_timeout)
    make_uow = cast(Callable[[], UnitOfWork], uow_factory(engine))
    return Backend(make_uow, build_kit(settings, clock=clock), engine)
