"""The follow-up's whole journey, in a real browser and with a real mail server: a
local SMTP server receives the invitation that `sillon followup send` delivers, the
holder opens its link on a phone (390 px) and answers, a coach accepts the answer on
the Follow-up page, and the employment figures change."""

import datetime
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from sillon.catalogue.periods import parse_period
from sillon.indicators.engine import compute
from sillon.outcomes.models import Job
from tests.browser.test_register_journey import log_in
from tests.followup.conftest import followed_project
from tests.outcomes import factories as outcome
from tests.register import factories as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LINK = re.compile(r"(https?://\S+/f/[A-Za-z0-9_-]+/)")


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    # As EMAIL_URL=smtp://127.0.0.1:<port> would configure it (sillon/config.py).
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    yield inbox
    controller.stop()


def jobs_active(organisation) -> int:
    year = timezone.localdate().year
    values = {r.indicator.id: r.value for r in compute(organisation, parse_period(str(year)))}
    return values["jobs.active_end"].value


def test_holder_answers_on_a_phone_and_a_coach_accepts(
    browser, live_server, smtp, settings, org_a, coach
):
    settings.SILLON_BASE_URL = live_server.url
    today = timezone.localdate()
    exit = today - datetime.timedelta(days=370)
    project = followed_project(org_a, exit=exit, email="zoe@example.org", language="fr")
    enterprise = make.enterprise(
        project,
        enterprise_number="0123456749",
        created_during_accompaniment=True,
        creation_date=exit - datetime.timedelta(days=200),
    )
    job = outcome.job(enterprise, "J1", start_date=exit - datetime.timedelta(days=100))
    outcome.impact(project)  # the EMES criteria an accepted answer copies
    before = jobs_active(org_a)

    call_command("followup", "send", "--organisation", org_a.slug)
    assert len(smtp.messages) == 1
    recipients, content = smtp.messages[0]
    assert recipients == ["zoe@example.org"]
    link = LINK.search(content.replace("=\n", "")).group(1)
    assert link.startswith(live_server.url)

    # The holder, on a phone.
    phone = browser.new_context(locale="fr-BE", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.set_default_timeout(60_000)
    page.goto(link)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator('[name="enterprise-still_active"][value="yes"]').check()
    page.locator(f'[name="job-{job.pk}-still_in_post"][value="no"]').check()
    ended = today - datetime.timedelta(days=30)
    page.locator(f'[name="job-{job.pk}-end_date"]').fill(ended.isoformat())
    page.locator('[name="esd-accreditation"]').select_option("not_sought")
    page.locator('[name="esd-reason"]').select_option("not_relevant")
    page.locator('[name="impact-beneficiaries"]').fill("120")
    page.locator('[name="impact-social_impact"]').fill("Repas pour 120 personnes.")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.locator("main")).to_contain_text("Merci")
    phone.close()
    assert Job.objects.get(pk=job.pk).end_date is None  # nothing written yet

    # The coach reviews and accepts.
    context = browser.new_context(locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    log_in(page, live_server, coach.user)
    page.goto(live_server.url + f"/o/{org_a.slug}/followup/")
    page.get_by_role("button", name="Tout accepter").first.click()
    expect(page.locator(".messages")).to_contain_text("modifications")
    context.close()

    assert Job.objects.get(pk=job.pk).end_date == ended
    assert jobs_active(org_a) == before - 1
