"""The public questionnaire /f/<token>/: pre-filled, validated like the forms, final on
submit, clear pages for unknown, expired and answered links, throttled."""

import datetime
import re

import pytest
from django.test import Client

from sillon.followup import public
from sillon.followup.choices import ChangeKind, QuestionnaireStatus
from sillon.followup.models import Answer, Questionnaire, Unsubscribe
from sillon.followup.sending import send_due
from sillon.outcomes.models import Job
from tests.register import factories as make

LINK = re.compile(r"/f/([A-Za-z0-9_-]+)/")
TODAY = datetime.date.today()


@pytest.fixture
def sent(followed, outbox):
    """The wave of `followed` sent today (its exit a year ago), to two holders."""
    make.holder(
        followed,
        "Jo",
        "Claes",
        email="jo@ex.org",
        followup_consent=True,
        followup_consent_date=datetime.date(2024, 1, 1),
    )
    exit = TODAY - datetime.timedelta(days=366)
    followed.enrolments.update(end_date=exit)
    send_due(followed.organisation, TODAY)
    return [LINK.search(message.body).group(1) for message in outbox]


def answer(job, **overrides):
    data = {
        "enterprise-still_active": "yes",
        f"job-{job.pk}-still_in_post": "no",
        f"job-{job.pk}-end_date": "2025-03-31",
        "new-TOTAL_FORMS": "2",
        "new-INITIAL_FORMS": "0",
        "new-0-start_date": "2025-02-03",
        "new-0-worker_status": "employee",
        "new-0-contract_type": "permanent",
        "new-0-weekly_hours": "19",
        "new-0-joint_committee": "200",
        "new-0-gender": "f",
        "esd-accreditation": "not_sought",
        "esd-reason": "not_relevant",
        "impact-beneficiaries": "120",
        "impact-social_impact": "Repas pour 120 personnes.",
    }
    return data | overrides


def test_the_form_is_prefilled_pseudonymously(sent, followed):
    response = Client().get(f"/f/{sent[0]}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert followed.enterprise.name in page and "J1" in page
    assert "Claes" not in page and "Vanderelst" not in page  # no person's name
    assert 'name="new-0-weekly_hours"' in page


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"new-0-weekly_hours": "50"}, "new-0-weekly_hours", "au plus 38"),
        ({"job-%d-end_date": "2023-12-31"}, "job-%d-end_date", "ne peut pas précéder"),
        ({"esd-reason": ""}, "esd-reason", "pas demandé"),
    ],
)
def test_impossible_answers_are_refused_where_they_are(sent, followed, overrides, field, message):
    job = Job.objects.get()
    overrides = {key.replace("%d", str(job.pk)): value for key, value in overrides.items()}
    field = field.replace("%d", str(job.pk))
    response = Client().post(f"/f/{sent[0]}/", answer(job, **overrides))
    assert response.status_code == 400
    page = response.content.decode()
    block = page[page.index(f'data-field="{field}"') :]
    assert message in block[: block.index("</div>")]
    assert not Answer.objects.exists()
    assert Questionnaire.objects.get().status == QuestionnaireStatus.SENT


def test_an_answer_is_final_writes_no_record_and_closes_every_link(sent, followed):
    job = Job.objects.get()
    response = Client().post(f"/f/{sent[0]}/", answer(job))
    assert response.status_code == 200 and "Merci" in response.content.decode()
    stored = Answer.objects.get()
    assert stored.data["impact"]["beneficiaries"] == 120
    assert sorted(stored.changes.values_list("kind", flat=True)) == sorted(
        [
            ChangeKind.JOB_ENDED,
            ChangeKind.NEW_JOB,
            ChangeKind.NON_ACCREDITATION_REASON,
            ChangeKind.IMPACT_ASSESSMENT,
        ]
    )
    job.refresh_from_db()
    assert job.end_date is None and Job.objects.count() == 1  # nothing written yet
    # The other holder's link, and the same one again: already answered.
    for token in sent:
        again = Client().get(f"/f/{token}/")
        assert again.status_code == 410 and "impact-social_impact" not in again.content.decode()
        posted = Client().post(f"/f/{token}/", answer(job))
        assert posted.status_code == 410
    assert Answer.objects.count() == 1


def test_unknown_and_expired_links_show_a_clear_page(sent, followed):
    unknown = Client().get("/f/" + "x" * 32 + "/")
    assert unknown.status_code == 404 and "impact-social_impact" not in unknown.content.decode()
    Questionnaire.objects.update(sent_on=TODAY - datetime.timedelta(days=60))
    expired = Client().get(f"/f/{sent[0]}/")
    assert expired.status_code == 410 and "expiré" in expired.content.decode()
    Questionnaire.objects.update(sent_on=TODAY - datetime.timedelta(days=59))
    assert Client().get(f"/f/{sent[0]}/").status_code == 200  # its last day


def test_requests_are_throttled_per_token(sent):
    client = Client()
    for _ in range(public.PER_TOKEN):
        assert client.get(f"/f/{sent[0]}/").status_code == 200
    assert client.get(f"/f/{sent[0]}/").status_code == 429


def test_requests_are_throttled_per_address(db):
    client = Client()
    for number in range(public.PER_ADDRESS):
        assert client.get(f"/f/guess{number:040d}/").status_code == 404
    assert client.get("/f/another" + "y" * 30 + "/").status_code == 429


def test_unsubscribing_stops_later_messages(sent, followed):
    page = Client().get(f"/f/{sent[0]}/unsubscribe/")
    assert page.status_code == 200 and "Se désinscrire" in page.content.decode()
    assert not Unsubscribe.objects.exists()
    done = Client().post(f"/f/{sent[0]}/unsubscribe/")
    assert done.status_code == 200
    assert Unsubscribe.objects.get().person.last_name == "Vanderelst"


def test_the_page_speaks_the_recipients_language(sent, followed):
    followed.holders.filter(last_name="Vanderelst").update(language="en")
    Questionnaire.objects.get().invitations.update(language="en")
    page = Client().get(f"/f/{sent[0]}/").content.decode()
    assert "Send my answer" in page
