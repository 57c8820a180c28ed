"""CLI commands of the web area: ``serve`` and ``demo``."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import typer

#: The demo's passwords use a lighter argon2 cost (16 MiB, one pass instead of 64 MiB, three): every
#: one of its accounts is hashed while seeding, and it is a throw-away database on 127.0.0.1.
#: Receipts use the production cost (already light, see docs/privacy.md). ``serve`` keeps the
#: configured (production) costs.
DEMO_HASH_TIME_COST, DEMO_HASH_MEMORY_KIB = 1, 16384


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("serve")(serve_command)
    app.command("demo")(demo_command)
    app.command("settings-doc")(settings_doc_command)


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Alamat yang didengarkan / address to bind."),
    port: int = typer.Option(8000, "--port", help="Port / port."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Proses pekerja / worker processes."),
    wait_db: float = typer.Option(
        30.0, "--wait-db", min=0, help="Detik menunggu database / seconds to wait for the database."
    ),
) -> None:
    """Jalankan layanan (kunci wajib, database dimigrasi dulu) / serve the web application."""
    import uvicorn

    from netralitas.config import get_settings
    from netralitas.web.asgi import startup_problem
    from netralitas.web.requestlog import logging_config

    settings = get_settings()
    problem = startup_problem(settings)
    if problem is not None:
        typer.echo(f"netralitas serve: {problem}", err=True)
        raise typer.Exit(2)
    _migrate_when_reachable(settings.effective_database_url, wait_db)
    if workers > 1 and settings.rate_limit_storage.startswith("memory"):
        typer.echo(
            f"Peringatan: batas percobaan dihitung per pekerja ({workers}x); atur "
            "NETRALITAS_RATE_LIMIT_STORAGE=database (atau redis://...) / warning: rate limits are "
            "per worker; set NETRALITAS_RATE_LIMIT_STORAGE=database or redis://...",
            err=True,
        )
    trusted = settings.trusted_proxies.strip()
    uvicorn.run(
        "netralitas.web.asgi:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
        log_config=logging_config(settings.log_format),
        access_log=False,
        timeout_graceful_shutdown=15,
    )


def _migrate_when_reachable(url: str, wait: float) -> None:
    """Migrate; while the database cannot be reached retry with backoff for up to ``wait``
    seconds, printing one line (never a traceback), then exit 3."""
    import time

    from sqlalchemy.engine import make_url

    from netralitas.db.health import describe, is_unavailable
    from netralitas.db.migrate import upgrade

    where = make_url(url).render_as_string(hide_password=True)
    deadline, delay, told = time.monotonic() + wait, 1.0, False
    while True:
        try:
            upgrade(url)
            return
        except Exception as error:
            if not is_unavailable(error):
                raise
            if time.monotonic() + delay > deadline:
                typer.echo(
                    f"netralitas serve: database {where} tidak dapat dihubungi / unreachable "
                    f"({describe(error)}); berhenti / giving up",
                    err=True,
                )
                raise typer.Exit(3) from None
            if not told:
                typer.echo(
                    f"netralitas serve: database {where} belum dapat dihubungi, mencoba lagi hingga "
                    f"{wait:.0f} detik / unreachable, retrying for up to {wait:.0f} s ({describe(error)})",
                    err=True,
                )
                told = True
            time.sleep(delay)
            delay = min(delay * 2, 10.0)


def settings_doc_command(
    check: Path | None = typer.Option(
        None, "--check", help="Bandingkan dengan berkas ini / compare with this file (exit 1 if stale)."
    ),
) -> None:
    """Referensi semua pengaturan (Markdown) / the settings reference page (docs/settings.md)."""
    from netralitas.config import settings_reference

    page = settings_reference()
    if check is None:
        typer.echo(page, nl=False)
        return
    if not check.exists() or check.read_text(encoding="utf-8") != page:
        typer.echo(f"{check} usang; jalankan / is stale; run: netralitas settings-doc > {check}", err=True)
        raise typer.Exit(1)


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
        password_hash_time_cost=DEMO_HASH_TIME_COST,
        password_hash_memory_kib=DEMO_HASH_MEMORY_KIB,
        demo_mode=True,
        log_format="text",
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
