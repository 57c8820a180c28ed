"""Access to the data files shipped in ``netralitas/screening/data``."""

from __future__ import annotations

import io
from importlib import resources


def read_data_text(name: str) -> str:
    """The text of a packaged data file (UTF-8)."""
    return resources.files("netralitas.screening").joinpath("data", name).read_text(encoding="utf-8")


def data_lines(name: str) -> io.StringIO:
    """A packaged data file as a text stream suitable for ``csv`` readers."""
    return io.StringIO(read_data_text(name), newline="")
