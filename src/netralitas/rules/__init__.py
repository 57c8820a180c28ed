"""The legal catalogue as data and the engine that applies it (pure: no I/O beyond reading
the packaged YAML, no database, no web)."""

from __future__ import annotations
