"""The SQL adapter: SQLAlchemy tables (``schema``, ``models``), the repositories and unit of work
implementing ``cases.ports`` and ``outreach.ports``, the read queries of ``analytics``, the audit
group commit, Alembic migrations, backups, health checks and a synthetic case load for sizing.
The demo's sample data is ``netralitas.demo`` (seeded through the services, no SQL)."""

from __future__ import annotations
