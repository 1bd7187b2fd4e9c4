"""The OpenAPI schema validates, the docs load their assets from Sillon, and
schemathesis (property-based) finds no server error and no schema violation."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from sillon.api.throttling import BurstRateThrottle, SustainedRateThrottle
from tests.api.conftest import build_records, token_client

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(SCHEMA)
# A fixed, small number of examples for each operation: a minute or two in `make test`.
EXAMPLES = 3


def test_schema_is_valid_openapi_3():
    validate_schema(SCHEMA)
    assert SCHEMA["openapi"].startswith("3.")
    paths = SCHEMA["paths"]
    assert "/api/v1/organisations/{organisation}/projects/" in paths
    assert "/api/v1/organisations/{organisation}/indicators/" in paths
    assert SCHEMA["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_schema_and_docs_are_served_without_a_cdn(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "https://" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html


@pytest.fixture
def unthrottled(monkeypatch):
    rates = {"burst": "100000/min", "sustained": "1000000/day"}
    monkeypatch.setattr(BurstRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(SustainedRateThrottle, "THROTTLE_RATES", rates)


@pytest.fixture
def kept_connection():
    """Requests sent straight to the WSGI application close the database connection
    when they end, as in production; the test's transaction needs it kept (Django's
    test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def admin_token(admin, org_a, unthrottled, kept_connection):
    build_records(org_a)
    client = token_client(admin.user)
    return client._credentials["HTTP_AUTHORIZATION"]


APP = get_wsgi_application()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
def test_no_server_error_and_no_schema_violation(case, admin_token, org_a):
    if "organisation" in case.path_parameters:
        case.path_parameters["organisation"] = org_a.slug
    case.call_and_validate(
        app=APP,
        headers={"Authorization": admin_token},
        checks=[not_a_server_error, response_schema_conformance],
    )
