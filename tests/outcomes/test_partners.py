"""Every organisation starts with the partners of docs/spec/domain.md (Tracé and FeBISP as
advisory agencies; FeBIO, FeBISP and BRUXEO as federations), which it may edit."""

from django.contrib import messages

from sillon.accounts.models import Organisation
from sillon.outcomes.models import Partner
from tests.outcomes import factories as out
from tests.register import factories as make

DEFAULTS = {
    "trace": "advisory_agency",
    "febisp-agency": "advisory_agency",
    "febio": "federation",
    "febisp": "federation",
    "bruxeo": "federation",
}


def test_a_new_organisation_gets_the_five_default_partners(db):
    organisation = Organisation.objects.create(slug="coop-n", name="Nouvelle")
    kinds = dict(Partner.objects.filter(organisation=organisation).values_list("code", "kind"))
    assert kinds == DEFAULTS


def test_default_partners_belong_to_each_organisation_separately(org_a, org_b):
    assert Partner.objects.filter(organisation=org_a).count() == 5
    assert Partner.objects.filter(organisation=org_b).count() == 5
    assert out.partner(org_a, "trace").pk != out.partner(org_b, "trace").pk


def test_renaming_the_organisation_does_not_seed_partners_again(org_a):
    org_a.name = "Coopérative A renommée"
    org_a.save()
    assert Partner.objects.filter(organisation=org_a).count() == 5


def test_manager_edits_a_default_partner(org_a, manager):
    trace = out.partner(org_a, "trace")
    response = manager.client.post(
        make.url("partner_edit", org_a, trace.pk),
        out.partner_data(code="trace", name="Tracé Brussels", kind="advisory_agency"),
    )
    assert response.status_code == 302
    trace.refresh_from_db()
    assert trace.name == "Tracé Brussels"
    assert trace.history.first().history_user == manager.user


def test_manager_adds_a_partner_and_the_code_must_be_new(org_a, manager):
    url = make.url("partner_create", org_a)
    assert manager.client.post(url, out.partner_data()).status_code == 302
    assert out.partner(org_a, "financite").kind == "other"
    response = manager.client.post(url, out.partner_data(code="trace"))
    assert response.status_code == 200
    assert "code" in response.context["form"].errors


def test_a_partner_used_by_a_transfer_cannot_be_deleted(org_a, manager):
    agency = out.partner(org_a, "febisp-agency")
    out.transfer(make.project(org_a, "P-1"), agency)
    response = manager.client.post(
        make.url("partner_delete", org_a, agency.pk), {"reason": "Doublon"}, follow=True
    )
    assert response.status_code == 200
    levels = [message.level for message in response.context["messages"]]
    assert messages.ERROR in levels
    assert Partner.objects.filter(pk=agency.pk).exists()


def test_a_partner_used_by_an_interaction_cannot_be_deleted(org_a, manager):
    federation = out.partner(org_a, "febio")
    out.interaction(org_a, federation)
    response = manager.client.post(
        make.url("partner_delete", org_a, federation.pk), {"reason": "Doublon"}
    )
    assert response.status_code == 302
    assert Partner.objects.filter(pk=federation.pk).exists()


def test_an_unused_partner_is_deleted(org_a, manager):
    bruxeo = out.partner(org_a, "bruxeo")
    response = manager.client.post(
        make.url("partner_delete", org_a, bruxeo.pk), {"reason": "Doublon"}
    )
    assert response.status_code == 302
    assert not Partner.objects.filter(pk=bruxeo.pk).exists()


def test_partner_list_shows_the_default_partners_to_a_viewer(org_a, viewer):
    response = viewer.client.get(make.url("partner_list", org_a))
    assert response.status_code == 200
    content = response.content.decode()
    for name in ["Tracé", "FeBISP (agence-conseil)", "FeBIO", "BRUXEO"]:
        assert name in content
