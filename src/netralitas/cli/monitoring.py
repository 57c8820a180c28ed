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
