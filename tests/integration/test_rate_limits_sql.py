"""Rate-limit counters in the application's database (issue 10, Deliver 4): the embedded default
shares its counts between workers without Redis, on SQLite and PostgreSQL."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, insert, select

from netralitas.config import Settings
from netralitas.db.engine import create_db_engine
from netralitas.db.rate_limits import DatabaseRateLimitStorage, RateLimitCounterRow, RateLimitEventRow
from netralitas.errors import RateLimitedError
from netralitas.web.ratelimit import DATABASE, RateLimits
from tests.web.test_ratelimit import _concurrent_wrong_guesses

EVENTS = RateLimitEventRow.__table__


@pytest.fixture
def pair(db_url: str) -> Iterator[tuple[RateLimits, RateLimits]]:
    """Two workers' limits over one database (the same secret, so the same keys)."""
    key = secrets.token_bytes(32)
    one, two = RateLimits(DATABASE, key, database_url=db_url), RateLimits(DATABASE, key, database_url=db_url)
    yield one, two
    one.close()
    two.close()


def test_workers_share_failures_through_the_database_and_store_no_address(
    db_url: str, pair: tuple[RateLimits, RateLimits]
) -> None:
    one, two = pair
    address, account = "198.51.100.61", f"akun-{secrets.token_hex(4)}"
    for _ in range(5):
        one.login_failed(address, account)
    with pytest.raises(RateLimitedError) as caught:
        two.check_login(address, "  " + account.upper())
    assert 0 < caught.value.details["retry_after"] <= 60
    two.check_login("198.51.100.62", account)  # another client is not locked out
    engine = create_db_engine(db_url)
    try:
        with engine.connect() as conn:
            keys = list(conn.execute(select(EVENTS.c.key)).scalars())
    finally:
        engine.dispose()
    assert keys and not any(address in k or account in k for k in keys)


def test_concurrent_wrong_guesses_across_two_workers_let_through_only_the_limit(
    pair: tuple[RateLimits, RateLimits],
) -> None:
    one, two = pair
    account = f"akun-{secrets.token_hex(4)}"
    assert _concurrent_wrong_guesses(one, "192.0.2.44", account, 6) == (5, 1)
    assert _concurrent_wrong_guesses(two, "192.0.2.44", account, 6) == (0, 6)
    with one.login_attempt("192.0.2.45", account) as attempt:  # another client still may try
        attempt.succeeded()


def test_a_sign_in_on_one_worker_clears_the_failures_the_other_counted(
    pair: tuple[RateLimits, RateLimits],
) -> None:
    one, two = pair
    for _ in range(5):
        one.login_failed("192.0.2.70", "dewi")
    two.login_succeeded("192.0.2.70", "dewi")
    one.check_login("192.0.2.70", "dewi")


def test_events_outside_the_window_neither_count_nor_stay(db_url: str) -> None:
    storage = DatabaseRateLimitStorage(database_url=db_url)
    try:
        engine = create_db_engine(db_url)
        with engine.begin() as conn:
            conn.execute(insert(EVENTS), [{"key": "k", "at": time.time() - 120}] * 3)
        assert storage.get_moving_window("k", 3, 60)[1] == 0
        assert storage.acquire_entry("k", 3, 60, amount=3)
        assert not storage.acquire_entry("k", 3, 60)
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(EVENTS)).scalar_one() == 3
        storage.clear("k")
        assert storage.get_moving_window("k", 3, 60)[1] == 0
        engine.dispose()
    finally:
        storage.close()


def test_counters_add_atomically_and_expire(db_url: str) -> None:
    storage = DatabaseRateLimitStorage(database_url=db_url)
    try:
        assert [storage.incr("p", 60, 1) for _ in range(3)] == [1, 2, 3]
        assert storage.incr("p", 60, -1) == 2 and storage.get("p") == 2
        assert storage.get_expiry("p") > time.time()
        engine = create_db_engine(db_url)
        counters = RateLimitCounterRow.__table__
        with engine.begin() as conn:
            conn.execute(counters.update().values(expires_at=time.time() - 1))
        engine.dispose()
        assert storage.get("p") == 0
        assert storage.incr("p", 60, 1) == 1  # an expired counter starts again
        assert storage.check() and storage.reset() is not None and storage.get("p") == 0
    finally:
        storage.close()


def test_an_unreachable_database_falls_back_to_process_memory() -> None:
    limits = RateLimits(
        DATABASE, secrets.token_bytes(32), database_url="postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    for _ in range(5):
        limits.login_failed("192.0.2.5", "budi")
    with pytest.raises(RateLimitedError):
        limits.check_login("192.0.2.5", "budi")


def test_settings_database_counts_in_the_application_database(settings: Settings) -> None:
    limits = RateLimits.from_settings(settings.model_copy(update={"rate_limit_storage": DATABASE}))
    try:
        for _ in range(5):
            limits.login_failed("192.0.2.90", "rina")
        engine = create_db_engine(settings.effective_database_url)
        with engine.connect() as conn:
            # per failure: the pair's two windows, the client's two, the account's one
            assert conn.execute(select(func.count()).select_from(EVENTS)).scalar_one() == 25
        engine.dispose()
    finally:
        limits.close()
