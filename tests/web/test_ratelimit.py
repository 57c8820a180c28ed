"""Rate limits (issue 10 item 6): per client and per account, failures only, no global counter,
shared through Redis between workers, and no address or account name in the store."""

from __future__ import annotations

import secrets
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from netralitas.errors import RateLimitedError
from netralitas.web.ratelimit import RateLimits, client_network, receipt_prefix
from tests.factories import PASSWORD, World
from tests.web.helpers import csrf_from, login, make_settings, parse, text_of
from tests.web.test_report_flow import GOOD, submit


def _client(app: FastAPI, address: str) -> TestClient:
    return TestClient(app, raise_server_exceptions=False, client=(address, 40000))


@pytest.fixture
def clients(app: FastAPI) -> Iterator[tuple[TestClient, TestClient]]:
    with _client(app, "203.0.113.7") as attacker, _client(app, "198.51.100.20") as reporter:
        yield attacker, reporter


def _check(client: TestClient, receipt: str) -> int:
    token = csrf_from(client.get("/status").text)
    return int(client.post("/status", data={"receipt": receipt, "csrf_token": token}).status_code)


def _random_receipt() -> str:
    return "-".join(secrets.token_hex(2).upper().replace("0", "Z") for _ in range(5))


def test_one_client_guessing_receipts_does_not_lock_out_other_reporters(
    clients: tuple[TestClient, TestClient],
) -> None:
    attacker, reporter = clients
    receipt = text_of(parse(submit(reporter, GOOD).text), "//*[@id='receipt']")
    codes = [_check(attacker, _random_receipt()) for _ in range(25)]
    assert codes[0] == 404 and codes[-1] == 429
    assert _check(reporter, "ABCD-EFGH-JKMN-PQRS-TVWX") == 404  # not 429: the attacker's count is theirs
    assert _check(reporter, receipt) == 200


def test_a_leading_dash_does_not_escape_the_receipt_prefix_limit() -> None:
    assert receipt_prefix("-zzzz 0000-1111") == receipt_prefix("ZZZZ-0000") == "ZZZZ"
    assert receipt_prefix(" -o1l2") == "0112"
    limits = RateLimits()
    for n in range(60):  # sixty clients, one wrong try each, all on one prefix
        limits.receipt_failed(f"10.0.{n}.1", f"ZZZZ-{n:04d}")
    with pytest.raises(RateLimitedError):
        limits.check_receipt("10.9.9.9", "-zzzz 9999")
    limits.check_receipt("10.9.9.9", "YYYY-0000")


def test_wrong_passwords_from_one_client_do_not_lock_the_user_out_elsewhere(
    clients: tuple[TestClient, TestClient],
) -> None:
    attacker, officer = clients
    codes = [login(attacker, "intake", "salah-sandi").status_code for _ in range(6)]  # type: ignore[attr-defined]
    assert codes == [401] * 5 + [429]
    assert login(officer, "intake", PASSWORD).status_code == 200  # type: ignore[attr-defined]
    token = attacker.post("/api/v1/token", json={"username": "intake", "password": "salah"})
    assert token.status_code == 429 and int(token.headers["retry-after"]) <= 60
    assert officer.post("/api/v1/token", json={"username": "intake", "password": PASSWORD}).status_code == 200


def test_successful_sign_ins_do_not_count(app: FastAPI, world: World) -> None:
    with _client(app, "192.0.2.1") as client:
        for _ in range(8):
            assert login(client, "satgas", PASSWORD).status_code == 200  # type: ignore[attr-defined]
            client.cookies.clear()
        for _ in range(8):
            answer = client.post("/api/v1/token", json={"username": "satgas", "password": PASSWORD})
            assert answer.status_code == 200


def test_ipv6_clients_are_keyed_by_their_network() -> None:
    assert client_network("2001:db8:1:2:aaaa::1") == client_network("2001:db8:1:2:bbbb::9")
    assert client_network("2001:db8:1:3::1") != client_network("2001:db8:1:2::1")
    assert client_network("192.0.2.1") == "192.0.2.1"


def test_settings_name_the_store(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, rate_limit_storage="memory://")
    assert RateLimits.from_settings(settings).storage_url == "memory://"


def test_memory_counters_are_per_process() -> None:
    """What Redis is for: two workers with memory storage each allow the full count."""
    key = secrets.token_bytes(32)
    one, two = RateLimits("memory://", key), RateLimits("memory://", key)
    for _ in range(5):
        one.login_failed("192.0.2.9", "siti")
    with pytest.raises(RateLimitedError):
        one.check_login("192.0.2.9", "Siti ")
    two.check_login("192.0.2.9", "siti")


def test_redis_counters_are_shared_between_workers_and_hold_no_address(redis_url: str) -> None:
    import redis

    key = secrets.token_bytes(32)
    one, two = RateLimits(redis_url, key), RateLimits(redis_url, key)
    address, account = "198.51.100.77", f"akun-{secrets.token_hex(4)}"
    for _ in range(5):
        one.login_failed(address, account)
    with pytest.raises(RateLimitedError) as caught:
        two.check_login(address, account)
    assert 0 < caught.value.details["retry_after"] <= 60
    two.check_login("198.51.100.78", account)  # another client is not locked out
    store = redis.Redis.from_url(redis_url)
    ours = [k.decode() for k in store.scan_iter("netralitas-limits*")]
    assert ours and not any(address in k or account in k for k in ours)
    assert all(0 < store.ttl(k) <= 3600 for k in ours[:50])  # short-lived keys


def test_an_unreachable_redis_falls_back_to_process_memory() -> None:
    limits = RateLimits("redis://127.0.0.1:1/0", secrets.token_bytes(32))
    for _ in range(5):
        limits.login_failed("192.0.2.5", "budi")
    with pytest.raises(RateLimitedError):
        limits.check_login("192.0.2.5", "budi")


def _concurrent_wrong_guesses(limits: RateLimits, address: str, account: str, n: int) -> tuple[int, int]:
    """``n`` sign-ins with a wrong password at the same moment: every one that gets past the
    check holds it until all have been checked, then counts its failure."""
    entered, refused, lock, release = 0, 0, threading.Lock(), threading.Event()

    def guess() -> None:
        nonlocal entered, refused
        try:
            with limits.login_attempt(address, account) as attempt:
                with lock:
                    entered += 1
                release.wait(10)
                attempt.failed()
        except RateLimitedError:
            with lock:
                refused += 1

    threads = [threading.Thread(target=guess) for _ in range(n)]
    for thread in threads:
        thread.start()
    for _ in range(1000):
        with lock:
            if entered + refused == n:
                break
        time.sleep(0.01)
    release.set()
    for thread in threads:
        thread.join()
    return entered, refused


@pytest.mark.parametrize("store", ["memory", "redis"])
def test_concurrent_failures_do_not_slip_past_the_limit(store: str, request: pytest.FixtureRequest) -> None:
    """Checking and counting are one step: 12 wrong guesses at once from one client on one
    account let through only the 5 a minute allows (check-then-count let all 12 through)."""
    url = "memory://" if store == "memory" else str(request.getfixturevalue("redis_url"))
    limits = RateLimits(url, secrets.token_bytes(32))
    account = f"akun-{secrets.token_hex(4)}"
    assert _concurrent_wrong_guesses(limits, "192.0.2.44", account, 12) == (5, 7)
    with pytest.raises(RateLimitedError):
        limits.check_login("192.0.2.44", account)
    with limits.login_attempt("192.0.2.45", account) as attempt:  # another client still may try
        attempt.succeeded()
