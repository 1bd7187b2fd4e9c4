import datetime

import pytest
from django.core import mail

from tests.outcomes import factories as outcome
from tests.register import factories as make

EXIT = datetime.date(2024, 6, 30)


def followed_project(
    organisation, ref="P-1", exit=EXIT, consent=True, email="zoe@example.org", **holder
):
    """A project whose only enrolment ended on `exit`, with one holder."""
    project = make.project(organisation, ref, intake_date=datetime.date(2023, 1, 9))
    programme = make.programme(organisation, f"prog-{ref.lower()}")
    make.enrolment(
        project, programme, start_date=datetime.date(2023, 1, 9), end_date=exit, outcome="completed"
    )
    make.holder(
        project,
        email=email,
        followup_consent=consent,
        followup_consent_date=datetime.date(2023, 1, 9) if consent else None,
        **holder,
    )
    return project


@pytest.fixture
def followed(org_a):
    project = followed_project(org_a)
    enterprise = make.enterprise(project, enterprise_number="0123456749")
    outcome.job(enterprise, "J1", start_date=datetime.date(2024, 1, 8))
    return project


@pytest.fixture
def outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox
