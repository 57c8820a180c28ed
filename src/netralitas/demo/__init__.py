"""The demo: realistic sample cases, accounts and reports seeded through the case services (no SQL
of its own), for ``netralitas demo``. It gets its services from the composition root like the web
app and the CLI."""

from __future__ import annotations
