"""Service calls block (database, argon2, screening): routes must never run them on the event loop,
or one slow submission would stall every other request of the worker."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from netralitas.web import casepage
from netralitas.web.routes import account, api_reports, report
from tests.factories import PASSWORD
from tests.web.helpers import csrf_from, login
from tests.web.test_api import REPORT
from tests.web.test_consoles import act, case_url_from_queue, file_report
from tests.web.test_report_flow import GOOD, submit


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[bool]]:
    """For each watched service: whether each call ran on the event loop."""
    seen: dict[str, list[bool]] = {}

    def watch(module: Any, name: str) -> None:
        real: Callable[..., Any] = getattr(module, name)

        def spy(*args: Any, **kwargs: Any) -> Any:
            seen.setdefault(name, []).append(_on_event_loop())
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)

    watch(report, "submit_report")
    watch(report, "report_status")
    watch(account, "check_credentials")
    watch(casepage, "transition_case")
    watch(api_reports.reporting, "submit_report")  # the API's (same name: both must be off the loop)
    return seen


def test_services_run_off_the_event_loop(client: TestClient, calls: dict[str, list[bool]]) -> None:
    receipt, number = file_report(client)
    client.post("/status", data={"receipt": receipt, "csrf_token": csrf_from(client.get("/status").text)})
    login(client, "intake", PASSWORD)
    moved = act(client, case_url_from_queue(client, number), "status", {"target": "admin_check"})
    assert moved.status_code == 303
    assert submit(client, GOOD).status_code == 201
    assert client.post("/api/v1/reports", json=REPORT).status_code == 201
    assert set(calls) == {"submit_report", "report_status", "check_credentials", "transition_case"}
    assert not any(flag for flags in calls.values() for flag in flags), calls
