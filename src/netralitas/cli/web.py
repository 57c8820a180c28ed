"""CLI commands of the web area: ``serve`` and ``demo``."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import typer

#: The demo's receipts and passwords use a lighter argon2 cost (16 MiB, one pass instead of 64 MiB,
#: three): every one of its reports and accounts is hashed while seeding, and it is a throw-away
#: database on 127.0.0.1. ``serve`` keeps the configured (production) cost.
DEMO_HASH_TIME_COST, DEMO_HASH_MEMORY_KIB = 1, 16384


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("serve")(serve_command)
    app.command("demo")(demo_command)


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Alamat yang didengarkan / address to bind."),
    port: int = typer.Option(8000, "--port", help="Port / port."),
) -> None:
    """Jalankan aplikasi web (database dimigrasi dulu) / serve the web application."""
    import uvicorn

    from netralitas.config import get_settings
    from netralitas.db.migrate import upgrade
    from netralitas.web.app import create_app

    settings = get_settings()
    upgrade(settings.effective_database_url)
    uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=False)


def demo_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Alamat yang didengarkan / address to bind."),
    port: int = typer.Option(8000, "--port", help="Port / port."),
    data_dir: Path = typer.Option(
        Path("var") / "demo", "--data-dir", help="Folder demo (dibuat ulang) / demo folder (recreated)."
    ),
    seed_only: bool = typer.Option(False, "--seed-only", help="Isi data lalu berhenti / seed, then exit."),
) -> None:
    """Demo: database SQLite baru berisi data contoh, lalu jalankan di 127.0.0.1 / demo with sample data."""
    import uvicorn

    from netralitas.composition import build_backend
    from netralitas.config import Settings
    from netralitas.db.migrate import upgrade
    from netralitas.demo.seeding import seed_demo
    from netralitas.web.app import create_app

    folder = data_dir.resolve()
    if (folder / "netralitas.db").exists() or (folder / "evidence").exists():
        typer.echo(f"Menghapus demo lama di {folder} / removing the previous demo")
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        data_dir=folder,
        database_url="",
        secret_key=secrets.token_urlsafe(32),
        secure_cookies=False,
        receipt_hash_time_cost=DEMO_HASH_TIME_COST,
        receipt_hash_memory_kib=DEMO_HASH_MEMORY_KIB,
    )
    typer.echo("Menyiapkan database dan data contoh... / preparing the database and sample data...")
    upgrade(settings.effective_database_url)
    backend = build_backend(settings)
    result = seed_demo(backend.make_uow, backend.kit)
    _print_result(result, host, port)
    if not seed_only:
        uvicorn.run(create_app(settings, backend=backend), host=host, port=port, proxy_headers=False)


def _print_result(result: object, host: str, port: int) -> None:
    from netralitas.demo.seeding import DemoResult

    assert isinstance(result, DemoResult)
    typer.echo(f"\n{result.agencies} instansi, {result.cases} kasus / agencies, cases")
    for status, count in sorted(result.by_status.items()):
        typer.echo(f"  {status:<22} {count}")
    typer.echo("\nAkun demo / demo accounts (username  password  role  scope):")
    for username, password, role, scope in result.credentials:
        typer.echo(f"  {username:<18} {password:<22} {role:<15} {scope}")
    if result.receipts:
        typer.echo("\nContoh nomor tanda terima / sample receipts (Cek laporan):")
        for receipt in result.receipts:
            typer.echo(f"  {receipt}")
    typer.echo(f"\nBuka / open http://{host}:{port}/  (Ctrl+C untuk berhenti / to stop)\n")
