"""CLI commands of officers' notifications: find what happened (new cases, deadlines due soon or
missed, reporter replies) and e-mail the new notifications (run both every few minutes)."""

from __future__ import annotations

import json

import typer

from netralitas.cli.services import parse_day, services

notifications_app = typer.Typer(help="Notifikasi petugas / officers' notifications.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(notifications_app, name="notifications")


@notifications_app.command("sweep")
def sweep_command(
    on: str = typer.Option(
        None, "--on", help="Tanggal acuan TTTT-BB-HH (bawaan: hari ini) / reference date."
    ),
    email: bool = typer.Option(False, "--email", help="Kirim juga surelnya lewat SMTP / also e-mail them."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON / JSON output."),
) -> None:
    """Buat notifikasi baru (kasus baru, tenggat, balasan pelapor) / add new notifications."""
    from netralitas.cases.notifications import send_pending, sweep
    from netralitas.sending.notifications import SmtpNotificationMailer
    from netralitas.sending.settings import SendingSettings

    with services() as (make_uow, kit, _settings):
        today = parse_day(on) or kit.clock.today()
        result = sweep(make_uow(), kit, today)
        sent = skipped = 0
        if email:
            sending = SendingSettings()
            sent, skipped = send_pending(
                make_uow(), kit, SmtpNotificationMailer(sending), sending.public_base_url
            )
    summary = {
        "new_cases": result.new_cases,
        "deadlines_soon": result.deadlines_soon,
        "deadlines_missed": result.deadlines_missed,
        "replies": result.replies,
        "emailed": sent,
        "email_skipped": skipped,
    }
    if as_json:
        typer.echo(json.dumps(summary))
    else:
        typer.echo(
            f"{result.total} notifikasi baru / new notifications "
            f"(kasus baru {result.new_cases}, tenggat dekat {result.deadlines_soon}, "
            f"tenggat lewat {result.deadlines_missed}, balasan pelapor {result.replies}); "
            f"surel terkirim / e-mailed {sent}, dilewati / skipped {skipped}"
        )
