"""``netralitas screening export-corrections`` (owned by the cases area; registered on the
screening command group by ``netralitas.cli.screening``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from netralitas.cli.services import parse_day, services


def export_corrections_command(
    out: Path = typer.Option(None, "--out", help="Berkas JSONL tujuan (bawaan: stdout) / output file."),
    since: str = typer.Option(None, "--since", help="Hanya tinjauan sejak YYYY-MM-DD / reviews since."),
    only_corrected: bool = typer.Option(
        False, "--only-corrected", help="Tanpa label yang hanya dikonfirmasi / corrections only."
    ),
) -> None:
    """Label hasil tinjauan petugas dalam format korpus latih (untuk tim screening; diaudit) /
    officer-reviewed labels in the training-corpus format (for the screening team; audited)."""
    from netralitas.cases.corrections import export_corrections

    day = parse_day(since)
    with services() as (make_uow, kit, _settings):
        rows = export_corrections(make_uow(), kit, since=day, only_corrected=only_corrected)
    lines = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows)
    if out is None:
        typer.echo(lines, nl=False)
    else:
        _write_atomically(out, lines)
    typer.echo(f"{len(rows)} contoh diekspor / examples exported", err=True)


def _write_atomically(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)
