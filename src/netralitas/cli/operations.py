"""CLI commands for running the service: repairs after a crash."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("evidence-sweep")(evidence_sweep_command)


def evidence_sweep_command(
    grace_minutes: float = typer.Option(
        60.0, "--grace-minutes", min=0, help="Biarkan berkas yang lebih baru / keep younger files."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Hanya tampilkan / only list."),
) -> None:
    """Hapus berkas bukti tanpa laporan (sisa proses yang mati) / remove evidence files no report uses."""
    from netralitas.cases import audit
    from netralitas.composition import build_backend
    from netralitas.config import get_settings
    from netralitas.db.evidence_sweep import unreferenced_files

    settings = get_settings()
    backend = build_backend(settings)
    engine, kit = backend.engine, backend.kit
    assert engine is not None
    try:
        found = unreferenced_files(engine, settings.evidence_dir, grace_minutes * 60)
        if not dry_run and found:
            for sha256 in found:
                kit.files.delete(sha256)
            with backend.make_uow() as uow:
                detail = {"files": len(found), "grace_minutes": grace_minutes}
                audit.record(
                    uow, kit, audit.SYSTEM_ACTOR, "evidence.swept", "evidence", "unreferenced", detail
                )
                uow.commit()
    finally:
        engine.dispose()
    verb = "akan dihapus / would remove" if dry_run else "dihapus / removed"
    typer.echo(f"{len(found)} berkas bukti tanpa laporan {verb}")
