"""Shared pytest configuration.

Rules for optional real dependencies: where CI=true, a missing PostgreSQL URL or Chromium is
a failure, never a silent skip. Locally they skip with a reason.
"""

from __future__ import annotations

import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_or_skip(condition: bool, reason: str) -> None:
    """Skip locally when a real dependency is absent; fail in CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("NETRALITAS_CHROMIUM") or shutil.which("chromium")
    require_or_skip(path is not None, "Debian's chromium is not installed (apt-get install chromium)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get("NETRALITAS_TEST_DATABASE_URL", "")
    require_or_skip(url.startswith("postgresql"), "NETRALITAS_TEST_DATABASE_URL is not set")
    return url


@pytest.fixture(scope="session")
def redis_url() -> str:
    """Redis on loopback (``NETRALITAS_TEST_REDIS_URL``, default 127.0.0.1:6379); required in CI."""
    import socket
    from urllib.parse import urlsplit

    url = os.environ.get("NETRALITAS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1).close()
        listening = True
    except OSError:
        listening = False
    require_or_skip(listening, f"no Redis at {url} (apt-get install redis-server)")
    return url
