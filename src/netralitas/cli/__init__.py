"""The ``netralitas`` command. Each area registers its commands from its own module so that
the areas can grow independently; this module only composes them."""

from __future__ import annotations

import typer

from netralitas.cli import (
    audit,
    cases,
    monitoring,
    notifications,
    operations,
    outreach,
    oversight,
    rules,
    screening,
    web,
)

app = typer.Typer(
    name="netralitas",
    help="Netralitas: pengawasan netralitas ASN (Pemilu dan Pilkada).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Modules under ``netralitas.cli`` that expose ``register(app: typer.Typer) -> None``, in the order
#: of ``netralitas --help`` (imported plainly, so import-linter sees every edge).
_AREAS = (rules, cases, audit, screening, web, operations, outreach, oversight, notifications, monitoring)


def _register_all() -> None:
    for area in _AREAS:
        area.register(app)


@app.callback()
def root() -> None:
    """Netralitas: pengawasan netralitas ASN (Pemilu dan Pilkada)."""


@app.command("version")
def version_command() -> None:
    """Versi paket dan katalog / package version."""
    from netralitas import __version__

    typer.echo(__version__)


_register_all()


def main() -> None:
    app()
