"""The composition root: the one place that assembles the case services for the web app, the
command line and the demo.

``build_backend(settings)`` gives a ``Backend``: a unit-of-work factory on the settings' database
(``netralitas.db``) and the ``Kit`` (``build_kit``): the legal catalogue and engine from
``netralitas.rules``, the text screener from ``netralitas.screening`` (the case core only sees the
typed ports of ``cases.dependencies``), the privacy blocks from ``netralitas.privacy``.
``build_outreach(settings, engine)`` gives the guidance services' unit-of-work factory, on the case
backend's engine when there is one."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from netralitas.cases.dependencies import Assessment, Assessor, Kit, ScreeningOutcome
from netralitas.cases.ports import UnitOfWork
from netralitas.clock import Clock, SystemClock
from netralitas.config import Settings
from netralitas.db.audit_group import AuditGroup
from netralitas.db.engine import create_db_engine
from netralitas.db.evidence_files import EvidenceStore
from netralitas.db.outreach_repositories import outreach_uow_factory
from netralitas.db.uow import uow_factory
from netralitas.outreach.ports import OutreachUnitOfWork
from netralitas.privacy.evidence_checks import EvidencePolicy
from netralitas.privacy.receipts import ReceiptHasher, lookup_key_from_settings
from netralitas.privacy.reporter_identity import keyring_from_settings
from netralitas.rules.catalogue import Catalogue as RulesCatalogue
from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.engine import Facts, assess


def engine_assessor(catalogue: RulesCatalogue) -> Assessor:
    """An assessor running ``rules.engine.assess`` on the facts a service gathered."""

    def run(facts: Facts) -> Assessment:
        return assess(facts, catalogue)

    return run


def text_screener(
    text: str,
    on: date | None,
    election_id: str | None,
    employee_type: str | None,
    /,
    *,
    kind: str | None = None,
) -> ScreeningOutcome:
    """``netralitas.screening.screen_text`` (imported on first use: loading the model takes a
    few seconds once per process)."""
    from netralitas.screening import screen_text

    return screen_text(text, on=on, election_id=election_id, employee_type=employee_type, kind=kind)


def build_kit(
    settings: Settings,
    catalogue: RulesCatalogue | None = None,
    clock: Clock | None = None,
    *,
    screening: bool = True,
) -> Kit:
    """The services' dependencies for one process (build once, share between requests).
    ``screening=False`` stores no text screening with new reports."""
    cat = catalogue if catalogue is not None else default_catalogue()
    return Kit(
        catalogue=cat,
        clock=clock or SystemClock(),
        receipts=ReceiptHasher.from_settings(settings),
        keyring=keyring_from_settings(settings),
        evidence_policy=EvidencePolicy.from_settings(settings),
        files=EvidenceStore(settings.evidence_dir),
        assessor=engine_assessor(cat),
        retention_days=settings.retention_days,
        password_time_cost=settings.password_hash_time_cost,
        password_memory_kib=settings.password_hash_memory_kib,
        screener=text_screener if screening else None,
        audit_key=audit_key_from_settings(settings),
        audit_group=AuditGroup(),
    )


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class Backend:
    """The case services as an adapter reaches them: a fresh unit of work per service call (one
    call = one transaction) and the kit. ``close`` releases the database connections."""

    make_uow: Callable[[], UnitOfWork]
    kit: Kit
    close: Callable[[], None] = field(default=_nothing, compare=False, repr=False)
    #: The SQLAlchemy engine (``/readyz`` pings it); None for backends built by tests without one.
    engine: Engine | None = field(default=None, compare=False, repr=False)


def build_backend(settings: Settings, clock: Clock | None = None, *, screening: bool = True) -> Backend:
    """The database named by ``settings`` (already migrated) and the real kit."""
    engine = create_db_engine(settings.effective_database_url, connect_timeout=settings.db_connect_timeout)
    kit = build_kit(settings, clock=clock, screening=screening)
    return Backend(uow_factory(engine), kit, engine.dispose, engine)


@dataclass(frozen=True)
class OutreachBackend:
    """The guidance (pembinaan) services as an adapter reaches them: a fresh unit of work per
    service call, on ``engine``."""

    make_uow: Callable[[], OutreachUnitOfWork]
    engine: Engine


def build_outreach(settings: Settings, engine: Engine | None = None) -> OutreachBackend:
    """On ``engine`` (pass the case backend's: one pool, one SQLite write lock) or, without one, on
    a new engine for the settings' database (already migrated; the caller disposes it)."""
    if engine is None:
        engine = create_db_engine(settings.effective_database_url)
    return OutreachBackend(outreach_uow_factory(engine), engine)


def audit_key_from_settings(settings: Settings) -> bytes:
    """The key of search-text digests in the audit trail, derived from the receipt lookup key
    (itself from ``secret_key`` unless set): stable across restarts, never stored."""
    base = lookup_key_from_settings(settings)
    return hmac.new(base, b"netralitas audit search digest", hashlib.sha256).digest()
