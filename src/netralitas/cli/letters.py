"""``netralitas letter recommendation|summary|reporter-notice CASE_NUMBER`` (filled in below)."""

from __future__ import annotations

import typer

letter_app = typer.Typer(help="Surat resmi sebuah kasus / official letters of a case.", no_args_is_help=True)
