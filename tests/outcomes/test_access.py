"""Who reaches which page of the outcomes: every URL of sillon/outcomes/urls.py, with
real records. An outsider gets 404; a record of another organisation behind one's own
URL is 404; a role without the right gets 403; a wrong method gets 405; the anonymous
visitor is sent to the login page."""

import pytest
from django.urls import reverse

from sillon.accounts.roles import Ability, Role
from sillon.outcomes import urls as outcomes_urls
from sillon.outcomes.models import (
    AccreditationEvent,
    CostLine,
    ImpactAssessment,
    InternalAction,
    Job,
    NonAccreditationReason,
    Partner,
    PartnerInteraction,
    Target,
    Transfer,
)
from tests.register import factories as make

ACCOMPANIMENT = Ability.EDIT_ACCOMPANIMENT


def _project(o):
    return [o.project.pk]


# Each URL name, the ability it asks, and the record ids it takes from an Outcomes
# (None: the URL takes no id).
PAGES = {
    "enterprises": (Ability.VIEW_RECORDS, None),
    "jobs": (Ability.VIEW_RECORDS, None),
    "jobs_quick": (ACCOMPANIMENT, _project),
    "job_end": (ACCOMPANIMENT, lambda o: [o.job.pk]),
    "job_create": (ACCOMPANIMENT, _project),
    "job_edit": (ACCOMPANIMENT, lambda o: [o.job.pk]),
    "job_delete": (Ability.EDIT_RECORDS, lambda o: [o.job.pk]),
    "accreditation_create": (ACCOMPANIMENT, _project),
    "accreditation_edit": (ACCOMPANIMENT, lambda o: [o.accreditation.pk]),
    "accreditation_delete": (ACCOMPANIMENT, lambda o: [o.accreditation.pk]),
    "non_accreditation_create": (ACCOMPANIMENT, _project),
    "non_accreditation_edit": (ACCOMPANIMENT, lambda o: [o.non_accreditation.pk]),
    "non_accreditation_delete": (ACCOMPANIMENT, lambda o: [o.non_accreditation.pk]),
    "transfer_create": (ACCOMPANIMENT, _project),
    "transfer_edit": (ACCOMPANIMENT, lambda o: [o.transfer.pk]),
    "transfer_delete": (ACCOMPANIMENT, lambda o: [o.transfer.pk]),
    "impact_create": (ACCOMPANIMENT, _project),
    "impact_edit": (ACCOMPANIMENT, lambda o: [o.impact.pk]),
    "impact_delete": (ACCOMPANIMENT, lambda o: [o.impact.pk]),
    "partner_list": (Ability.VIEW, None),
    "partner_create": (Ability.EDIT_RECORDS, None),
    "partner_edit": (Ability.EDIT_RECORDS, lambda o: [o.partner.pk]),
    "partner_delete": (Ability.EDIT_RECORDS, lambda o: [o.partner.pk]),
    "interaction_list": (Ability.VIEW_RECORDS, None),
    "interaction_create": (Ability.EDIT_RECORDS, None),
    "interaction_edit": (Ability.EDIT_RECORDS, lambda o: [o.interaction.pk]),
    "interaction_delete": (Ability.EDIT_RECORDS, lambda o: [o.interaction.pk]),
    "internal_action_list": (Ability.VIEW_RECORDS, None),
    "internal_action_create": (Ability.EDIT_RECORDS, None),
    "internal_action_edit": (Ability.EDIT_RECORDS, lambda o: [o.internal_action.pk]),
    "internal_action_delete": (Ability.EDIT_RECORDS, lambda o: [o.internal_action.pk]),
    "cost_line_list": (Ability.VIEW_RECORDS, None),
    "cost_line_create": (Ability.MANAGE_ORGANISATION, None),
    "cost_line_edit": (Ability.MANAGE_ORGANISATION, lambda o: [o.cost_line.pk]),
    "cost_line_delete": (Ability.MANAGE_ORGANISATION, lambda o: [o.cost_line.pk]),
    "target_list": (Ability.VIEW, None),
    "target_create": (Ability.MANAGE_ORGANISATION, None),
    "target_edit": (Ability.MANAGE_ORGANISATION, lambda o: [o.target.pk]),
    "target_delete": (Ability.MANAGE_ORGANISATION, lambda o: [o.target.pk]),
}
ALL = sorted(PAGES)
READ = sorted(
    name for name, (ability, _) in PAGES.items() if ability in (Ability.VIEW, Ability.VIEW_RECORDS)
)
WRITE = sorted(set(ALL) - set(READ))
WITH_RECORD = sorted(name for name, (_, ids) in PAGES.items() if ids is not None)
MODELS = [
    Job,
    AccreditationEvent,
    NonAccreditationReason,
    Transfer,
    ImpactAssessment,
    Partner,
    PartnerInteraction,
    InternalAction,
    CostLine,
    Target,
]


def page_url(name, organisation, outcomes) -> str:
    ids = PAGES[name][1]
    return make.url(name, organisation, *(ids(outcomes) if ids else []))


def snapshot() -> dict:
    """How many records of each kind exist, to show that a refused request wrote nothing."""
    return {model.__name__: model.objects.count() for model in MODELS}


def test_every_outcomes_url_is_covered_here():
    assert {pattern.name for pattern in outcomes_urls.urlpatterns} == set(PAGES)


def test_pages_with_a_record_are_the_ones_whose_url_takes_an_id():
    taking_ids = {p.name for p in outcomes_urls.urlpatterns if p.pattern.converters}
    assert set(WITH_RECORD) == taking_ids


# Outsiders


@pytest.mark.parametrize("name", ALL)
def test_outsider_gets_404_on_every_outcomes_page_of_another_organisation(
    name, org_a, outcomes_a, outsider
):
    assert outsider.client.get(page_url(name, org_a, outcomes_a)).status_code == 404


@pytest.mark.parametrize("name", WRITE)
def test_outsider_posting_to_another_organisation_gets_404_and_changes_nothing(
    name, org_a, outcomes_a, outsider
):
    before = snapshot()
    response = outsider.client.post(page_url(name, org_a, outcomes_a), {"job_ref": "Piraté"})
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("name", WITH_RECORD)
def test_record_of_another_organisation_behind_own_url_is_404(
    name, org_a, outcomes_a, outcomes_b, admin
):
    assert admin.client.get(page_url(name, org_a, outcomes_b)).status_code == 404


@pytest.mark.parametrize("name", sorted(set(WITH_RECORD) & set(WRITE)))
def test_posting_to_a_record_of_another_organisation_behind_own_url_changes_nothing(
    name, org_a, outcomes_a, outcomes_b, admin
):
    before = snapshot()
    response = admin.client.post(page_url(name, org_a, outcomes_b), {"end_date": "2024-12-31"})
    assert response.status_code == 404
    assert snapshot() == before
    outcomes_b.job.refresh_from_db()
    assert outcomes_b.job.end_date is None


# Roles


@pytest.mark.parametrize("name", ALL)
def test_each_role_opens_the_outcomes_pages_its_abilities_allow(name, org_a, outcomes_a, personas):
    ability = PAGES[name][0]
    url = page_url(name, org_a, outcomes_a)
    statuses = {role: personas[role].client.get(url).status_code for role in Role}
    expected = {role: 200 if ability in role.abilities else 403 for role in Role}
    assert statuses == expected


def test_roles_match_the_brief():
    """Jobs and accreditation for coaches up; partners for managers up; costs for admins."""
    assert PAGES["job_create"][0] in Role.COACH.abilities
    assert PAGES["partner_create"][0] not in Role.COACH.abilities
    assert PAGES["partner_create"][0] in Role.MANAGER.abilities
    assert PAGES["cost_line_create"][0] not in Role.MANAGER.abilities
    assert PAGES["target_create"][0] not in Role.MANAGER.abilities


@pytest.mark.parametrize("name", WRITE)
def test_viewer_is_refused_every_outcomes_write_page(name, org_a, outcomes_a, viewer):
    before = snapshot()
    url = page_url(name, org_a, outcomes_a)
    assert viewer.client.get(url).status_code == 403
    assert viewer.client.post(url, {"job_ref": "Vu"}).status_code == 403
    assert snapshot() == before


NOT_FOR_COACHES = ("partner_", "interaction_", "internal_action_", "cost_line_", "target_")


@pytest.mark.parametrize("name", sorted(n for n in WRITE if n.startswith(NOT_FOR_COACHES)))
def test_coach_may_not_write_partners_interactions_internal_actions_costs_or_targets(
    name, org_a, outcomes_a, coach
):
    before = snapshot()
    assert coach.client.post(page_url(name, org_a, outcomes_a)).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("name", sorted(n for n in WRITE if n.startswith(("cost_line", "target"))))
def test_manager_may_not_write_cost_lines_or_targets(name, org_a, outcomes_a, manager):
    before = snapshot()
    assert manager.client.post(page_url(name, org_a, outcomes_a)).status_code == 403
    assert snapshot() == before


# Methods and the anonymous visitor


@pytest.mark.parametrize("name", READ)
def test_posting_to_an_outcomes_list_is_405(name, org_a, outcomes_a, admin):
    assert admin.client.post(page_url(name, org_a, outcomes_a)).status_code == 405


@pytest.mark.parametrize("name", WRITE)
def test_other_methods_on_an_outcomes_form_page_are_405(name, org_a, outcomes_a, admin):
    before = snapshot()
    url = page_url(name, org_a, outcomes_a)
    assert admin.client.put(url).status_code == 405
    assert admin.client.delete(url).status_code == 405
    assert snapshot() == before


@pytest.mark.parametrize("name", ALL)
def test_anonymous_visitor_is_sent_to_login(name, client, org_a, outcomes_a):
    url = page_url(name, org_a, outcomes_a)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


# Enterprise records on a project without an enterprise


@pytest.mark.parametrize(
    "name", ["job_create", "jobs_quick", "accreditation_create", "non_accreditation_create"]
)
def test_enterprise_records_of_a_project_without_enterprise_are_404_not_500(
    name, org_a, outcomes_a, coach
):
    url = make.url(name, org_a, outcomes_a.bare_project.pk)
    assert coach.client.get(url).status_code == 404
    assert coach.client.post(url, {"job_ref": "J9"}).status_code == 404
    assert not Job.objects.filter(job_ref="J9").exists()


def test_project_records_of_a_project_without_enterprise_open(org_a, outcomes_a, coach):
    for name in ["transfer_create", "impact_create"]:
        url = make.url(name, org_a, outcomes_a.bare_project.pk)
        assert coach.client.get(url).status_code == 200, name
