"""Property-based API testing from the OpenAPI schema (schemathesis), on SQLite and PostgreSQL,
with a bounded budget: no 5xx, and every response matches what the schema documents (status,
content type, body shape). Operations come from the schema, so new API routes are included."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.factories import PASSWORD
from tests.security.conftest import SqlWorld

#: Examples per operation and backend; about 25 operations, so a few hundred calls in all.
EXAMPLES = 6


def _run_operation(operation: Any, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    def check(case: Any) -> None:
        response = case.call(headers=headers)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"
        # Every default check (status documented, content type, body schema, headers) except one:
        # the schema cannot say that no text field takes control characters or NUL, which the
        # app refuses everywhere with a documented 422 (tests/security/test_hostile.py).
        case.validate_response(response, headers=headers, excluded_checks=[positive_data_acceptance])

    check()


def test_api_matches_its_schema_without_server_errors(sql_world: SqlWorld) -> None:
    client = sql_world.client()
    token = client.post("/api/v1/token", json={"username": "pengawas", "password": PASSWORD}).json()["token"]
    headers = {"authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", sql_world.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    failures: list[str] = []
    for operation in operations:
        try:
            _run_operation(operation, headers)
        except Exception as exc:  # collect them all, then fail once with every operation named
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:600]}")
    if failures:
        pytest.fail("\n\n".join(failures))
