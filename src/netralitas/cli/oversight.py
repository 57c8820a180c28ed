"""``netralitas export cases`` and ``netralitas letter …`` (oversight area)."""

from __future__ import annotations

from pathlib import Path

import typer

from netralitas.cli.services import services

export_app = typer.Typer(
    help="Ekspor daftar kasus (diaudit) / export the case list (audited).", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    from netralitas.cli.letters import letter_app

    app.add_typer(export_app, name="export")
    app.add_typer(letter_app, name="letter")


@export_app.command("cases")
def export_cases_command(
    out: Path = typer.Option(..., "-o", "--out", help="Berkas tujuan / output file."),
    fmt: str = typer.Option("csv", "--format", help="csv atau xlsx / csv or xlsx."),
    status: list[str] = typer.Option([], "--status", help="Status (boleh berulang) / status (repeatable)."),
    region: str = typer.Option("", "--region", help="Kode wilayah Kemendagri / region code, e.g. 33.74."),
    agency: str = typer.Option("", "--agency", help="Id instansi / agency id."),
    election: str = typer.Option("", "--election", help="Id pemilihan / election id."),
    text: str = typer.Option("", "--text", help="Cari di nomor/judul / search number or title."),
) -> None:
    """Daftar kasus sebagai CSV/XLSX, baris demi baris (memori tetap), diaudit `cases.listed` /
    the case list as CSV/XLSX, row by row (constant memory), audited."""
    from netralitas.analytics.exports import ExportQuery, write_csv, write_xlsx
    from netralitas.analytics.service import export_scope
    from netralitas.cases.workflow import CaseStatus
    from netralitas.db.analytics_queries import engine_of, export_count, export_rows, sync_facts
    from netralitas.rules.catalogue import default_catalogue

    if fmt not in ("csv", "xlsx"):
        raise typer.BadParameter("pilih csv atau xlsx / choose csv or xlsx", param_hint="--format")
    valid = {s.value for s in CaseStatus}
    unknown = [s for s in status if s not in valid]
    if unknown:
        raise typer.BadParameter(
            f"status tidak dikenal / unknown status: {', '.join(unknown)}", param_hint="--status"
        )
    query = ExportQuery(
        frozenset(CaseStatus(s) for s in status), region.strip(), agency or None, election or None, text
    )
    with services() as (make_uow, kit, _settings):
        engine = engine_of(make_uow)
        catalogue = default_catalogue()

        def classify(position: str) -> str | None:
            found = catalogue.position_for(position)
            return found.id if found else None

        with engine.begin() as conn:
            sync_facts(conn, classify, kit.clock.now())

        def count(q: ExportQuery) -> int:
            with engine.connect() as conn:
                return export_count(conn, q)

        query, _ = export_scope(make_uow(), kit, None, query, count, purpose=f"cli_ekspor_{fmt}")
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with engine.connect() as conn:
            if fmt == "csv":
                with partial.open("wb") as handle:
                    write_csv(export_rows(conn, query), handle)
            else:
                write_xlsx(export_rows(conn, query), partial)
        partial.replace(out)
        total = count(query)
    typer.echo(f"{total} kasus diekspor ke {out} / cases exported", err=True)
