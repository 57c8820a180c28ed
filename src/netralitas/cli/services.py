"""How a command reaches the services: the composition root's backend for one command, the
schema check that refuses an unmigrated database, domain errors as one line and exit code 1, and
the date option parser shared by the areas' commands."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # the commands import the services when they run (a fast --help)
    from netralitas.cases.dependencies import Kit
    from netralitas.cases.ports import UnitOfWork
    from netralitas.config import Settings


@contextmanager
def services() -> Iterator[tuple[Callable[[], UnitOfWork], Kit, Settings]]:
    """(unit-of-work factory, kit, settings) for one command; domain errors end the command
    with their Indonesian message and exit code 1."""
    from netralitas.composition import build_backend
    from netralitas.config import get_settings

    settings = get_settings()
    require_schema(settings.effective_database_url)
    backend = build_backend(settings)
    try:
        with domain_errors():
            yield backend.make_uow, backend.kit, settings
    finally:
        backend.close()


def require_schema(url: str) -> None:
    """Refuse a missing or unmigrated database with one bilingual line, without creating a file
    (a read command must not leave an empty ``var/netralitas.db`` behind)."""
    from netralitas.db.migrate import current_revision, head_revision, sqlite_file_missing

    missing = sqlite_file_missing(url)
    found = None if missing else current_revision(url)
    if found != head_revision():
        where = (
            f"{missing} belum ada / does not exist"
            if missing
            else f"skema {found or 'kosong'} ≠ {head_revision()}"
        )
        typer.echo(
            f"Galat: basis data {where}; jalankan 'netralitas db upgrade', "
            "atau untuk data demo: NETRALITAS_DATA_DIR=var/demo netralitas ... "
            "/ the database is not migrated: run 'netralitas db upgrade', or for the demo's data "
            "prefix the command with NETRALITAS_DATA_DIR=var/demo.",
            err=True,
        )
        raise typer.Exit(1)


@contextmanager
def domain_errors() -> Iterator[None]:
    from netralitas.errors import DomainError

    try:
        yield
    except DomainError as exc:
        english = f" / {exc.message_en}" if exc.message_en != exc.message else ""
        typer.echo(f"Galat [{exc.code}]: {exc.message}{english}", err=True)
        raise typer.Exit(1) from None


def parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"tanggal harus YYYY-MM-DD / date must be YYYY-MM-DD: {value!r}") from None
