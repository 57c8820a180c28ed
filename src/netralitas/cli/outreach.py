"""Guidance commands: rosters (import, export, units, purge), circulars, briefs, the send worker."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import typer

roster_app = typer.Typer(help="Daftar ASN per instansi / rosters.", no_args_is_help=True)
circular_app = typer.Typer(help="Surat edaran dan tanda terima / circulars.", no_args_is_help=True)
region_app = typer.Typer(help="Wilayah: indeks kerawanan / regions.", no_args_is_help=True)

EXPORT_COLUMNS = (
    "nip",
    "name",
    "unit_code",
    "position",
    "employee_type",
    "email",
    "phone",
    "active",
    "left_on",
)


def register(app: typer.Typer) -> None:
    app.add_typer(roster_app, name="roster")
    app.add_typer(circular_app, name="circular")
    app.add_typer(region_app, name="region")
    app.command("brief")(brief_command)


@contextmanager
def _outreach() -> Iterator[tuple[Callable[[], Any], Any]]:
    """(unit-of-work factory, settings); domain errors end the command with exit code 1."""
    from netralitas.composition import build_outreach
    from netralitas.config import get_settings
    from netralitas.db.migrate import current_revision, head_revision
    from netralitas.errors import DomainError

    settings = get_settings()
    url = settings.effective_database_url
    if current_revision(url) != head_revision():
        typer.echo("Galat: skema basis data belum mutakhir; jalankan 'netralitas db upgrade'.", err=True)
        raise typer.Exit(1)
    backend = build_outreach(settings)
    try:
        yield backend.make_uow, settings
    except DomainError as exc:
        typer.echo(f"Galat [{exc.code}]: {exc.message}", err=True)
        raise typer.Exit(1) from None
    finally:
        backend.engine.dispose()


def _now() -> datetime:
    return datetime.now(UTC)


@roster_app.command("units")
def units_command(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV: kode,nama"),
    agency: str = typer.Option(..., "--agency", help="ID instansi / agency id."),
) -> None:
    """Daftarkan unit kerja instansi (CSV kode,nama) / register an agency's units."""
    from netralitas.outreach.access import OPERATOR
    from netralitas.outreach.rosters import register_units

    with file.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.reader(handle) if r and r[0].strip().lower() not in ("kode", "code")]
    with _outreach() as (make_uow, _settings):
        added = register_units(
            make_uow, _now(), OPERATOR, agency, ((r[0], r[1] if len(r) > 1 else "") for r in rows)
        )
    typer.echo(f"{added} unit baru / new units.")


@roster_app.command("import")
def import_command(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV atau XLSX."),
    agency: str = typer.Option(..., "--agency", help="ID instansi / agency id."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Periksa saja, tidak ada yang disimpan."),
    valid_only: bool = typer.Option(False, "--valid-only", help="Terapkan baris yang sah, laporkan sisanya."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Impor daftar ASN: NIP diperiksa, baris bermasalah dilaporkan dengan nomor barisnya."""
    from netralitas.outreach.access import OPERATOR
    from netralitas.outreach.rosterfile import read_roster
    from netralitas.outreach.rosters import import_roster

    with _outreach() as (make_uow, _settings), file.open("rb") as handle:
        rows = read_roster(handle, file.name)
        report = import_roster(
            make_uow, _now(), OPERATOR, agency, rows, dry_run=dry_run, valid_only=valid_only
        )
    if as_json:
        typer.echo(json.dumps(asdict(report), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    raise typer.Exit(0 if report.applied or (dry_run and report.problem_count == 0) else 2)


def _print_report(report: Any) -> None:
    for p in report.problems:
        typer.echo(f"baris {p.line}: [{p.field}] {p.message}")
    if report.problem_count > len(report.problems):
        typer.echo(f"... dan {report.problem_count - len(report.problems)} masalah lain")
    typer.echo(
        f"{report.lines} baris, {report.valid} sah, {report.problem_count} masalah; baru {report.inserted}, "
        f"diubah {report.updated}, tetap {report.unchanged}, keluar {report.left}."
    )
    if report.dry_run:
        typer.echo("Uji coba (--dry-run): tidak ada yang disimpan / nothing was stored.")
    elif report.applied:
        typer.echo("Diterapkan / applied.")
    else:
        typer.echo("Tidak ada yang diterapkan: perbaiki barisnya, atau pakai --valid-only / nothing applied.")


@roster_app.command("export")
def export_command(
    agency: str = typer.Option(..., "--agency", help="ID instansi / agency id."),
    out: Path | None = typer.Option(None, "--out", help="Berkas CSV (bawaan: layar)."),
    include_left: bool = typer.Option(False, "--include-left", help="Sertakan yang sudah keluar."),
) -> None:
    """Ekspor daftar ASN (tercatat di jejak audit) / export a roster (audited)."""
    from netralitas.outreach.access import OPERATOR
    from netralitas.outreach.rosters import export_roster

    with _outreach() as (make_uow, _settings):
        handle = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            writer = csv.writer(handle)
            writer.writerow(EXPORT_COLUMNS)
            for m in export_roster(make_uow, _now(), OPERATOR, agency, include_left=include_left):
                writer.writerow([getattr(m, c) if getattr(m, c) is not None else "" for c in EXPORT_COLUMNS])
        finally:
            if out:
                handle.close()


@roster_app.command("purge")
def purge_command(
    keep_days: int = typer.Option(365, "--keep-days", help="Hari menyimpan data ASN yang sudah keluar."),
) -> None:
    """Hapus data ASN yang sudah keluar lebih lama dari masa simpan / retention purge."""
    from netralitas.outreach.rosters import purge_leavers

    with _outreach() as (make_uow, _settings):
        removed = purge_leavers(make_uow, _now(), keep_days)
    typer.echo(f"{removed} data dihapus / removed.")


def _day(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else datetime.now(UTC).date()
    except ValueError:
        raise typer.BadParameter(f"tanggal harus YYYY-MM-DD: {value!r}") from None


@circular_app.command("draft")
def draft_command(
    election: str = typer.Option(..., "--election"),
    on: str | None = typer.Option(None, "--on", help="Tanggal YYYY-MM-DD (bawaan: hari ini)."),
    agency_name: str = typer.Option("instansi Anda", "--agency-name"),
) -> None:
    """Draf surat edaran dari katalog untuk tahap pemilihan pada tanggal itu."""
    from netralitas.outreach.drafting import draft_circular
    from netralitas.rules.catalogue import default_catalogue

    catalogue = default_catalogue()
    if election not in catalogue.elections:
        raise typer.BadParameter(f"pemilihan tidak dikenal: {election}")
    draft = draft_circular(catalogue, catalogue.elections[election], _day(on), agency_name)
    typer.echo(draft.title + "\n\n" + draft.body)


def brief_command(
    election: str = typer.Option(..., "--election"),
    region: str = typer.Option("", "--region", help="Kode wilayah Kemendagri, mis. 34.04."),
    on: str | None = typer.Option(None, "--on", help="Tanggal YYYY-MM-DD (bawaan: hari ini)."),
    pdf: Path | None = typer.Option(None, "--pdf", help="Tulis juga PDF siap cetak ke berkas ini."),
) -> None:
    """Amanat apel / bahan rapat koordinasi untuk tanggal, pemilihan dan wilayah."""
    from netralitas.outreach.briefs import brief_pdf, build_brief

    with _outreach() as (make_uow, _settings):
        brief = build_brief(make_uow, election, region, _day(on))
    typer.echo(brief.text)
    if pdf is not None:
        pdf.write_bytes(brief_pdf(brief))
        typer.echo(f"PDF: {pdf}")


@contextmanager
def _sender() -> Iterator[tuple[Callable[[], Any], Any]]:
    """(unit-of-work factory, sender) on the configured database and queue."""
    from netralitas.clock import SystemClock
    from netralitas.sending.jobs import Sender, build_huey
    from netralitas.sending.settings import SendingSettings

    with _outreach() as (make_uow, settings):
        engine = make_uow().engine
        sending = SendingSettings()
        yield make_uow, Sender(engine, settings, sending, SystemClock(), build_huey(settings, sending))


@circular_app.command("send")
def send_command(
    circular_id: str = typer.Argument(..., help="ID surat edaran."),
    reminder: bool = typer.Option(
        False, "--reminder", help="Pengingat ke unit di bawah ambang yang belum membaca."
    ),
    wait: bool = typer.Option(False, "--wait", help="Kirim sekarang di proses ini (tanpa pekerja terpisah)."),
) -> None:
    """Antrekan surel surat edaran (sekali per penerima) / queue a circular's e-mails."""
    from netralitas.outreach.access import OPERATOR
    from netralitas.outreach.circulars import circular_rates
    from netralitas.sending import store

    with _sender() as (make_uow, sender):
        now = _now()
        view = circular_rates(make_uow, now, OPERATOR, circular_id)
        if reminder:
            behind = [r.key for r in view.below_threshold]
            kind = f"reminder-{now.date().isoformat()}"
            added = store.queue_deliveries(sender.engine, view.circular, kind, now, units=behind,
                                           unacknowledged_only=True)  # fmt: skip
        else:
            added = store.queue_deliveries(sender.engine, view.circular, "initial", now)
        tasks = sender.enqueue(store.pending_keys(sender.engine, circular_id))
        typer.echo(f"{added} pesan baru diantrekan dalam {tasks} tugas / queued.")
        if wait:
            sender.drain()
        typer.echo(json.dumps(store.progress(sender.engine, circular_id)))


@circular_app.command("progress")
def progress_command(circular_id: str = typer.Argument(..., help="ID surat edaran.")) -> None:
    """Kemajuan pengiriman: antre, dikirim, gagal / sending progress."""
    from netralitas.sending import store

    with _sender() as (_make_uow, sender):
        typer.echo(json.dumps(store.progress(sender.engine, circular_id)))


@circular_app.command("worker")
def worker_command(workers: int = typer.Option(2, "--workers", min=1, max=32)) -> None:
    """Pekerja pengiriman: lanjutkan yang belum terkirim, lalu layani antrean / run the send worker."""
    with _sender() as (_make_uow, sender):
        resumed = sender.resume()
        typer.echo(f"{resumed} tugas dilanjutkan / resumed.")
        sender.huey.create_consumer(workers=workers, worker_type="thread").run()


@circular_app.command("whatsapp")
def whatsapp_command(circular_id: str = typer.Argument(..., help="ID surat edaran.")) -> None:
    """Teks siap tempel ke grup WhatsApp / a text for WhatsApp groups."""
    from netralitas.outreach.access import OPERATOR
    from netralitas.outreach.circulars import circular_rates
    from netralitas.outreach.messages import whatsapp_text

    with _outreach() as (make_uow, _settings):
        view = circular_rates(make_uow, _now(), OPERATOR, circular_id)
    typer.echo(whatsapp_text(view.circular, view.below_threshold, view.unit_names))


@region_app.command("incumbent")
def incumbent_command(
    region: str = typer.Argument(..., help="Kode wilayah, mis. 34.04."),
    runs: bool = typer.Option(True, "--runs/--not-running", help="Petahana maju lagi atau tidak."),
) -> None:
    """Catat apakah petahana maju (masukan indeks kerawanan) / record whether the incumbent runs."""
    with _outreach() as (make_uow, _settings), make_uow() as uow:
        uow.set_incumbent(region.strip(), runs, _now())
        uow.commit()
    typer.echo("tersimpan / saved.")


@region_app.command("index")
def index_command(as_json: bool = typer.Option(False, "--json")) -> None:
    """Indeks kerawanan per wilayah dengan masukannya / the vulnerability index with its inputs."""
    from netralitas.outreach.vulnerability import region_index

    with _outreach() as (make_uow, _settings):
        index = region_index(make_uow, _now().date())
    rows = [
        {"region": k, "index": v.value, **asdict(v.inputs), "factors": dict(v.factors)}
        for k, v in index.items()
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        head = f"{row['region']}: {row['index']} (ASN {row['asn']}, laporan {row['reports']}, "
        typer.echo(
            head + f"pelanggaran {row['violations']}, membaca {row['acknowledged']}/{row['recipients']})"
        )
