"""Property-based tests of the live API from its own OpenAPI schema: no input gives a 500, and
every answer matches the schema (status code, content type, body).

Driven through hypothesis directly (``operation.as_strategy()``) rather than schemathesis's
pytest plugin, whose ``from_fixture`` does not work with pytest 9.
"""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install 'medguard[server]')")
pytest.importorskip("uvicorn", reason="the server extra is not installed (pip install 'medguard[server]')")
pytest.importorskip("prometheus_client", reason="the server extra is not installed (pip install 'medguard[server]')")
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance, not_a_server_error, response_schema_conformance, status_code_conformance,
)

from .conftest import AUTH  # noqa: E402

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
OPERATIONS = [
    ("POST", "/v1/check", 60), ("GET", "/v1/policy", 3), ("POST", "/v1/reload", 3),
    ("GET", "/healthz", 3), ("GET", "/readyz", 3), ("GET", "/metrics", 3),
]


@pytest.fixture(scope="module")
def api_schema(server):
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json", headers=AUTH)


def test_schema_lists_every_operation(api_schema):
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert labels == {f"{method} {path}" for method, path, _ in OPERATIONS}


@pytest.mark.parametrize("method, path, examples", OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_api_from_its_schema(api_schema, method, path, examples):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers=AUTH, checks=CHECKS, timeout=10)

    run()
