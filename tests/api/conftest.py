"""API clients for the personas: each with a personal token of its member."""

import pytest
from rest_framework.test import APIClient

from sillon.accounts.roles import Role
from sillon.api.actions import create_token
from sillon.register.models import Application
from tests.followup import factories as followup
from tests.outcomes import factories as out
from tests.register.conftest import build_register


def token_client(user, language: str = "en") -> APIClient:
    _token, secret = create_token(user, "tests")
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def api(personas) -> dict[Role, APIClient]:
    return {role: token_client(persona.user) for role, persona in personas.items()}


@pytest.fixture
def api_outsider(outsider) -> APIClient:
    return token_client(outsider.user)


def build_records(organisation, ref: str = "P-1"):
    """One record of every kind of the API, in `organisation`."""
    register = build_register(organisation, ref)
    partner = out.partner(organisation)
    return {
        "register": register,
        "job": out.job(register.enterprise),
        "accreditation": out.accreditation(register.enterprise),
        "transfer": out.transfer(register.project, partner),
        "impact": out.impact(register.project),
        "cost_line": out.cost_line(organisation, programme=register.programme),
        "target": out.target(organisation),
        "partner": partner,
        "questionnaire": followup.questionnaire(register.project),
        "application": Application.objects.create(
            organisation=organisation,
            ref="C-1",
            date=register.project.intake_date,
            programme=register.programme,
            name=register.project.name,
            decision="accepted",
            project=register.project,
        ),
    }


@pytest.fixture
def records_a(org_a):
    return build_records(org_a)


@pytest.fixture
def records_b(org_b):
    return build_records(org_b, ref="P-B1")


def base(organisation) -> str:
    return f"/api/v1/organisations/{organisation.slug}/"
