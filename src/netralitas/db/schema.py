"""The whole schema: every table module imported once, so ``metadata`` holds every table (Alembic's
autogenerate and the tests compare against it). Import ``metadata`` from here, not
``models.Base.metadata``, when every table must be present."""

from __future__ import annotations

from netralitas.db import console_models, models, monitoring_models, outreach_models, rate_limits

#: Every table of the database (the case store, the guidance tables, media monitoring and the
#: shared rate-limit counters).
metadata = models.Base.metadata
TABLE_MODULES = (models, outreach_models, console_models, monitoring_models, rate_limits)
