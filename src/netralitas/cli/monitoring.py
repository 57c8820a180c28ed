"""``netralitas pantau …``: the worker that screens media monitoring batches uploaded on the web
(``NETRALITAS_MONITORING_RUNNER=queue``), and running a batch by hand."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from netralitas.sending.monitoring_jobs import MonitorJobs

monitoring_app = typer.Typer(
    help="Pantau media: saring unggahan pos di latar belakang / media monitoring worker.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(monitoring_app, name="pantau")


@contextmanager
def _jobs(runner: str) -> Iterator[MonitorJobs]:
    from netralitas.clock import SystemClock
    from netralitas.composition import text_screener
    from netralitas.config import get_settings
    from netralitas.db.engine import create_db_engine
    from netralitas.db.migrate import current_revision, head_revision
    from netralitas.db.monitoring_repositories import monitoring_uow_factory
    from netralitas.sending.monitoring_jobs import MonitorJobs, build_monitoring_huey
    from netralitas.sending.settings import SendingSettings

    settings = get_settings()
    url = settings.effective_database_url
    if current_revision(url) != head_revision():
        typer.echo("Galat: skema basis data belum mutakhir; jalankan 'netralitas db upgrade'.", err=True)
        raise typer.Exit(1)
    engine = create_db_engine(url)
    huey = build_monitoring_huey(settings, SendingSettings()) if runner == "queue" else None
    try:
        yield MonitorJobs(monitoring_uow_factory(engine), SystemClock(), text_screener, runner, huey)
    finally:
        engine.dispose()


@monitoring_app.command("worker")
def worker_command(workers: int = typer.Option(1, "--workers", min=1, max=32)) -> None:
    """Pekerja antrean: lanjutkan pantauan yang belum selesai, lalu layani antrean / run the queue worker."""
    with _jobs("queue") as jobs:
        typer.echo(f"{jobs.resume()} pantauan dilanjutkan / resumed.")
        assert jobs.huey is not None
        jobs.huey.create_consumer(workers=workers, worker_type="thread").run()


@monitoring_app.command("run")
def run_command(batch_id: str = typer.Argument(..., help="ID pantauan / batch id.")) -> None:
    """Saring satu pantauan sekarang di proses ini / screen one batch now, in this process."""
    with _jobs("web") as jobs:
        done = jobs.run(batch_id)
    typer.echo(f"{done} pos disaring / posts screened.")


def _operator() -> str:
    """Who ran the command, for the audit trail (the operating-system account)."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"[:64]
    except Exception:  # no user name in this environment
        return "cli"


@monitoring_app.command("clean")
def clean_command(
    older_than: int | None = typer.Option(
        None, "--older-than", min=1, max=36_500, metavar="DAYS",
        help="Hapus pantauan yang diunggah lebih dari DAYS hari lalu (bawaan: "
        "NETRALITAS_MONITORING_RETENTION_DAYS) / delete batches uploaded more than DAYS days ago.",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Hanya hitung, tidak menghapus / only count, delete nothing."
    ),
) -> None:  # fmt: skip
    """Hapus pantauan lama beserta pos dan hasilnya, tercatat di audit / delete old batches (audited)."""
    from netralitas.clock import SystemClock
    from netralitas.config import get_settings
    from netralitas.db.engine import create_db_engine
    from netralitas.db.migrate import current_revision, head_revision
    from netralitas.db.monitoring_repositories import monitoring_uow_factory
    from netralitas.monitoring.service import clean_batches

    settings = get_settings()
    url = settings.effective_database_url
    if current_revision(url) != head_revision():
        typer.echo("Galat: skema basis data belum mutakhir; jalankan 'netralitas db upgrade'.", err=True)
        raise typer.Exit(1)
    days = older_than if older_than is not None else settings.monitoring_retention_days
    engine = create_db_engine(url)
    try:
        make_uow = monitoring_uow_factory(engine)
        done = clean_batches(make_uow, SystemClock(), _operator(), days, dry_run=dry_run)
    finally:
        engine.dispose()
    before = done.cutoff.strftime("%Y-%m-%d %H:%M UTC")
    if done.dry_run:
        typer.echo(
            f"Uji coba: {done.batches} pantauan ({done.posts} pos) diunggah sebelum {before} akan dihapus; "
            f"tidak ada yang diubah / dry run: {done.batches} batches ({done.posts} posts) would be deleted."
        )
    else:
        typer.echo(
            f"{done.batches} pantauan ({done.posts} pos) diunggah sebelum {before} dihapus dan dicatat di "
            f"audit / {done.batches} batches ({done.posts} posts) deleted."
        )
