"""``netralitas rules review``: every needs_review item for legal officers, as text or CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Annotated, Literal

import typer

from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.review import ReviewItem, review_items

CSV_COLUMNS = ("no", "jenis", "butir", "sejak", "berkas", "sumber", "pertanyaan", "catatan")


def _row(n: int, item: ReviewItem) -> tuple[str, ...]:
    since = item.since.isoformat() if item.since is not None else ""
    return (
        str(n), item.kind, item.item, since, item.file,
        " | ".join(item.sources), item.question, " | ".join(item.notes),
    )  # fmt: skip


def render_csv(items: tuple[ReviewItem, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_row(n, item) for n, item in enumerate(items, start=1))
    return out.getvalue()


def render_text(items: tuple[ReviewItem, ...], version: str) -> str:
    lines = [
        f"Butir yang perlu ditinjau / items needing review: {len(items)} (katalog {version})",
        "Konfirmasi = ubah data: review_status: confirmed, reviewed_by, reviewed_on "
        "(lihat docs/rules-format.md).",
    ]
    for n, item in enumerate(items, start=1):
        since = f" sejak {item.since.isoformat()}" if item.since is not None else ""
        lines.append(f"{n}. [{item.kind}] {item.item}{since} — {item.file}")
        if item.sources:
            lines.append(f"   sumber: {'; '.join(item.sources)}")
        lines.append(f"   pertanyaan: {item.question}")
        lines += [f"   catatan: {note}" for note in item.notes]
    return "\n".join(lines) + "\n"


def review_command(
    fmt: Annotated[Literal["text", "csv"], typer.Option("--format", help="text atau csv.")] = "text",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Tulis ke berkas ini.")] = None,
) -> None:
    """Daftar butir perlu ditinjau untuk petugas hukum / needs_review items with the question to settle."""
    cat = default_catalogue()
    items = review_items(cat)
    text = render_csv(items) if fmt == "csv" else render_text(items, cat.version)
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    typer.echo(f"{len(items)} butir ditulis ke {output}")
