"""CLI commands of the audit trail: verify (against an anchor kept elsewhere), anchor, backup
and restore (each backup records a signed anchor of the chain head in its manifest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from netralitas.cli.services import domain_errors, require_schema, services

if TYPE_CHECKING:
    from netralitas.config import Settings
    from netralitas.privacy.audit_chain import ChainHead

audit_app = typer.Typer(help="Jejak audit / audit trail.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(audit_app, name="audit")
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)


def _previous_anchor_keys(settings: Settings) -> list[bytes]:
    """``anchor_previous_keys``: hex keys, comma-separated (a malformed one is a usage error)."""
    found = []
    for part in settings.anchor_previous_keys.get_secret_value().split(","):
        if part.strip():
            try:
                found.append(bytes.fromhex(part.strip()))
            except ValueError:
                typer.echo(
                    "Galat: NETRALITAS_ANCHOR_PREVIOUS_KEYS harus heksadesimal / must be hex.", err=True
                )
                raise typer.Exit(2) from None
    return found


def _expected_head(
    expect_head: str | None, anchor_file: Path | None, key: bytes | list[bytes]
) -> ChainHead | None:
    """The head to check the chain against (``ChainHead``), from the option or the anchor file."""
    from netralitas.privacy.audit_chain import AnchorError, newest_anchor, parse_head

    try:
        if anchor_file is not None:
            return newest_anchor(anchor_file.read_text(encoding="utf-8").splitlines(), key).head
        return parse_head(expect_head) if expect_head else None
    except (AnchorError, OSError) as exc:
        message = exc.message if isinstance(exc, AnchorError) else f"{anchor_file}: {exc.strerror}"
        typer.echo(f"Galat [audit_anchor_invalid]: {message}", err=True)
        raise typer.Exit(2) from None


@audit_app.command("verify")
def verify_command(
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON / JSON output."),
    expect_head: str = typer.Option(
        None, "--expect-head", help="Kepala yang dicatat di luar (NOMOR:HASH) / head recorded elsewhere."
    ),
    anchor: Path = typer.Option(
        None, "--anchor", help="Berkas jangkar dari 'audit anchor' / anchor file from 'audit anchor'."
    ),
) -> None:
    """Periksa rantai hash audit / verify the audit hash chain. Exit 1 when broken."""
    from netralitas.cases.audit import anchor_key, verify_trail

    with services() as (make_uow, kit, settings):
        keys = [anchor_key(kit), *_previous_anchor_keys(settings)]
        expected = _expected_head(expect_head, anchor, keys)
        result = verify_trail(make_uow(), kit, expected)
    if as_json:
        typer.echo(json.dumps(result.to_dict()))
    else:
        typer.echo(f"{result.message} ({result.entries} entri diperiksa) / {result.message_en}")
    if not result.ok:
        raise typer.Exit(1)


@audit_app.command("anchor")
def anchor_command(
    output: Path = typer.Option(
        None,
        "-o",
        "--output",
        help="Tambahkan ke berkas ini / append to this file (keep it off this machine).",
    ),
) -> None:
    """Kepala rantai audit sebagai baris bertanda tangan / the chain head as a signed line."""
    from netralitas.cases.audit import anchor_key, current_anchor

    with services() as (make_uow, kit, _settings):
        line = current_anchor(make_uow(), kit).line(anchor_key(kit))
    if output is not None:
        with output.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
    typer.echo(line)


@audit_app.command("anchor-key")
def anchor_key_command() -> None:
    """Kunci jangkar saat ini, untuk disimpan sebelum kunci rahasia diganti / the current anchor
    key, to keep before the secret keys are rotated (then NETRALITAS_ANCHOR_PREVIOUS_KEYS)."""
    from netralitas.cases.audit import anchor_key
    from netralitas.privacy.audit_chain import key_id

    with services() as (_make_uow, kit, _settings):
        key = anchor_key(kit)
    typer.echo(
        "Rahasiakan seperti NETRALITAS_SECRET_KEY (dapat menandatangani jangkar) / "
        "keep as secret as NETRALITAS_SECRET_KEY (it can sign anchors).",
        err=True,
    )
    typer.echo(f"kid={key_id(key)} key={key.hex()}")


def backup_command(
    target: Path = typer.Argument(None, help="Direktori tujuan baru / new target directory."),
) -> None:
    """Cadangan daring SQLite + berkas bukti / online backup (SQLite; PostgreSQL: pg_dump)."""
    from netralitas.cases.audit import anchor_key
    from netralitas.clock import SystemClock
    from netralitas.composition import build_kit
    from netralitas.config import get_settings
    from netralitas.db.backup import backup_sqlite

    settings = get_settings()
    require_schema(settings.effective_database_url)
    stamp = SystemClock().now().strftime("%Y%m%dT%H%M%SZ")
    dest = target or settings.data_dir / "backups" / f"netralitas-{stamp}"
    key = anchor_key(build_kit(settings, screening=False))
    with domain_errors():
        info = backup_sqlite(settings.effective_database_url, settings.evidence_dir, dest, anchor_key=key)
    typer.echo(
        f"Cadangan / backup: {info.path} (audit #{info.audit_seq} {info.audit_hash[:16]}…, {info.integrity})"
    )
    typer.echo(f"Jangkar / anchor (simpan di tempat lain / keep elsewhere): {info.anchor}")


def restore_command(
    source: Path = typer.Argument(..., help="Direktori cadangan / backup directory."),
    force: bool = typer.Option(False, "--force", help="Timpa basis data yang ada / overwrite."),
) -> None:
    """Pulihkan cadangan SQLite (hentikan aplikasi dulu) / restore a SQLite backup (stop the app first)."""
    from netralitas.config import get_settings
    from netralitas.db.backup import restore_sqlite

    settings = get_settings()
    with domain_errors():
        info = restore_sqlite(settings.effective_database_url, settings.evidence_dir, source, force=force)
    typer.echo(
        f"Dipulihkan / restored: {info.path} (audit #{info.audit_seq}); jalankan 'netralitas audit verify'."
    )
