"""``netralitas letter recommendation|summary|reporter-notice CASE_NUMBER --as USERNAME``."""

from __future__ import annotations

from pathlib import Path

import typer

from netralitas.cli.services import services

letter_app = typer.Typer(help="Surat resmi sebuah kasus / official letters of a case.", no_args_is_help=True)
KINDS = {"recommendation": "recommendation", "summary": "summary", "reporter-notice": "reporter_notice"}


def _letter(kind: str, number: str, username: str, fmt: str, out: Path, templates: Path | None) -> None:
    from netralitas.analytics.letter_service import issue_letter
    from netralitas.cases.accounts import actor_of
    from netralitas.db.analytics_queries import engine_of, next_letter_number
    from netralitas.errors import NotFoundError
    from netralitas.rules.catalogue import default_catalogue
    from netralitas.web.regions import region_name

    with services() as (make_uow, kit, _settings):
        with make_uow() as uow:
            user = uow.users.by_username(username)
            found = uow.cases.find(number=number.strip().upper())
        if user is None or not user.active:
            raise NotFoundError(
                f"Pengguna '{username}' tidak ada atau nonaktif.", message_en="No such active user."
            )
        if not found:
            raise NotFoundError(
                f"Kasus '{number}' tidak ditemukan.", message_en=f"Case '{number}' not found."
            )
        engine = engine_of(make_uow)
        letter = issue_letter(
            make_uow, kit, default_catalogue(), actor_of(user), found[0].id, kind, fmt,
            lambda key, k, year: next_letter_number(engine, key, k, year), region_name, templates,
        )  # fmt: skip
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(letter.content)
    typer.echo(f"{letter.number} -> {out}", err=True)


def _command(kind: str) -> None:
    def command(
        case_number: str = typer.Argument(..., help="Nomor kasus / case number."),
        username: str = typer.Option(..., "--as", help="Petugas penanda tangan (diaudit) / signing officer."),
        fmt: str = typer.Option("pdf", "--format", help="docx atau pdf."),
        out: Path = typer.Option(..., "-o", "--out", help="Berkas tujuan / output file."),
        templates: Path = typer.Option(
            None, "--templates", help="Folder templat instansi / template folder."
        ),
    ) -> None:
        _letter(KINDS[kind], case_number, username, fmt, out, templates)

    command.__doc__ = (
        f"Surat '{kind}' sebuah kasus sebagai DOCX/PDF (bernomor, diaudit) / the '{kind}' letter."
    )
    letter_app.command(kind)(command)


for _kind in KINDS:
    _command(_kind)
