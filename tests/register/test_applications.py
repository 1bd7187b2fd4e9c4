"""Applications and their decisions (docs/spec/comparison.md §4): forms scoped to the
organisation (a project of another organisation is refused), the list with its filters,
and the figures applications.received and applications.acceptance_rate."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sillon.catalogue.periods import parse_period
from sillon.indicators.applications import applications
from sillon.indicators.values import Scope
from sillon.register.models import Application
from tests.register import factories as make


def application(organisation, ref, programme, **fields) -> Application:
    fields.setdefault("date", datetime.date(2025, 3, 1))
    fields.setdefault("name", f"Projet {ref}")
    return Application.objects.create(
        organisation=organisation, ref=ref, programme=programme, **fields
    )


def form_data(programme, **overrides) -> dict:
    data = {
        "ref": "A-1",
        "date": "2025-03-01",
        "programme": programme.pk,
        "name": "Recyclerie",
        "enterprise_number": "0123.456.749",
        "nace_version": "2008",
        "nace_code": "",
        "decision": "accepted",
        "decision_date": "2025-04-01",
        "reason": "",
        "project": "",
    }
    return data | overrides


def test_a_coach_records_an_application_and_the_project_it_became(coach, org_a):
    seeds = make.programme(org_a)
    project = make.project(org_a, "P-1")
    url = reverse("application_create", args=[org_a.slug])
    response = coach.client.post(url, form_data(seeds, project=project.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Application.objects.get()
    assert (saved.project, saved.enterprise_number) == (project, "0123456749")
    assert saved.history.count() == 1


def test_a_project_of_another_organisation_is_refused(coach, org_a, org_b):
    seeds = make.programme(org_a)
    theirs = make.project(org_b, "P-9")
    url = reverse("application_create", args=[org_a.slug])
    response = coach.client.post(url, form_data(seeds, project=theirs.pk))
    assert response.status_code == 200
    assert not Application.objects.exists()
    # The model refuses it too, whatever writes it.
    record = Application(
        organisation=org_a,
        ref="A-2",
        date=datetime.date(2025, 3, 1),
        programme=seeds,
        name="X",
        decision="accepted",
        project=theirs,
    )
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert list(refused.value.message_dict) == ["project"]


def test_only_an_accepted_application_became_a_project(coach, org_a):
    seeds = make.programme(org_a)
    project = make.project(org_a, "P-1")
    url = reverse("application_create", args=[org_a.slug])
    response = coach.client.post(url, form_data(seeds, decision="rejected", project=project.pk))
    assert response.status_code == 200
    assert "accepted" in response.content.decode() or "acceptée" in response.content.decode()
    assert not Application.objects.exists()


def test_the_list_filters_and_who_sees_it(manager, viewer, outsider, org_a):
    seeds = make.programme(org_a)
    bloom = make.programme(org_a, "blossom")
    application(org_a, "A-1", seeds, decision="rejected", reason="capacity")
    application(org_a, "A-2", bloom, decision="accepted", date=datetime.date(2024, 5, 1))
    url = reverse("applications", args=[org_a.slug])
    page = manager.client.get(url).content.decode()
    assert "A-1" in page and "A-2" in page
    page = manager.client.get(url, {"decision": "rejected"}).content.decode()
    assert "A-1" in page and "A-2" not in page
    page = manager.client.get(url, {"year": "2024"}).content.decode()
    assert "A-1" not in page and "A-2" in page
    page = manager.client.get(url, {"programme": bloom.pk}).content.decode()
    assert "A-1" not in page and "A-2" in page
    assert viewer.client.get(url).status_code == 403  # a record list: not for viewers
    assert outsider.client.get(url).status_code == 404


def test_received_and_acceptance_rate(org_a):
    seeds = make.programme(org_a)
    bloom = make.programme(org_a, "blossom")
    application(org_a, "A-1", seeds, decision="accepted")
    application(org_a, "A-2", seeds, decision="rejected")
    application(org_a, "A-3", seeds, decision="waiting")
    application(org_a, "A-4", bloom, decision="withdrawn")
    application(org_a, "A-5", bloom, decision="accepted", date=datetime.date(2024, 12, 31))
    period = parse_period("2025")
    values = applications(Scope(org_a, period, period.end))
    received = values["applications.received"]
    assert received.value == 4
    assert received.breakdowns == {
        "programme": {"seeds": 3, "blossom": 1},
        "decision": {"accepted": 1, "rejected": 1, "waiting": 1, "withdrawn": 1},
    }
    rate = values["applications.acceptance_rate"]
    # Decided in 2025: A-1 accepted, A-2 rejected, A-4 withdrawn; A-3 waits.
    assert (rate.numerator, rate.denominator) == (1, 3)
    assert rate.value == pytest.approx(1 / 3)
    assert rate.breakdowns == {"programme": {"seeds": 0.5, "blossom": 0.0}}


def test_the_demo_records_applications_and_is_replaced_cleanly(db):
    from django.core.management import call_command

    from sillon.accounts.models import Organisation

    call_command("demo", organisation="demo-apps", projects=20, seed=5, verbosity=0)
    organisation = Organisation.objects.get(slug="demo-apps")
    found = Application.objects.filter(organisation=organisation)
    accepted = found.filter(decision="accepted")
    assert accepted.count() >= 15
    assert not accepted.exclude(project__organisation=organisation).exists()
    assert found.filter(decision__in=["rejected", "withdrawn"]).exists()
    assert found.exclude(enterprise_number="").exists()
    for application_ in found:
        application_.full_clean(exclude=["date", "decision_date"])
    # Loading the demo again purges its applications with the rest.
    call_command("demo", organisation="demo-apps", projects=10, seed=6, verbosity=0)
    organisation = Organisation.objects.get(slug="demo-apps")
    assert Application.objects.filter(organisation=organisation).exists()
    assert not Application.objects.exclude(organisation=organisation).exists()
