"""The bulk loader of ``db.synthetic`` turns foreign keys and durability off on its own
connection (SQLite) or autocommit on (PostgreSQL, for VACUUM): that connection must never go
back to the pool, even when the load fails half-way, or later units of work would run without
them."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from netralitas.db import synthetic


def _state(engine: Engine) -> tuple[object, ...]:
    """What the loader changes, as a pooled connection now has it."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return (
                int(conn.execute(text("PRAGMA synchronous")).scalar_one()),
                int(conn.execute(text("PRAGMA foreign_keys")).scalar_one()),
            )
        return (bool(conn.connection.driver_connection.autocommit),)


def _expected(engine: Engine) -> tuple[object, ...]:
    return (2, 1) if engine.dialect.name == "sqlite" else (False,)  # FULL and on; own transactions


def test_pooled_connections_keep_their_settings_after_a_load(engine: Engine) -> None:
    synthetic.load(engine, 50)
    for _ in range(3):  # whichever pooled connection comes
        assert _state(engine) == _expected(engine)


def test_a_failed_load_returns_no_altered_connection(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(raw: Any, pg: bool) -> None:  # fails where the real one has changed the connection
        if pg:
            raw.commit()
            raw.driver_connection.autocommit = True
        raise RuntimeError("disk full")

    monkeypatch.setattr(synthetic, "_analyse", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        synthetic.load(engine, 20)
    for _ in range(3):
        assert _state(engine) == _expected(engine)
