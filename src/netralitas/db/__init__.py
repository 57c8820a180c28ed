"""The SQL adapter: SQLAlchemy tables, the repositories and unit of work implementing
``cases.ports``, Alembic migrations, backups and the demo seed."""

from __future__ import annotations
