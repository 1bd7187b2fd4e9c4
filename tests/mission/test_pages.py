"""The pages of the mission: missions and defaults, stakes and declarations, the
definitions register and the synergies with the partners."""

import datetime
from decimal import Decimal

import pytest

from sillon.mission.models import (
    CostLineMission,
    DefinitionVersion,
    InterestDeclaration,
    Mission,
    MissionDefault,
    Stake,
)
from sillon.outcomes.models import CostLine, Partner, PartnerInteraction, Transfer
from tests.register.factories import enterprise, project, url

D = datetime.date


def stake_data(enterprise_, **overrides):
    data = {
        "enterprise": enterprise_.pk,
        "acquired_date": "2025-01-15",
        "kind": "shares",
        "amount_eur": "5000",
        "capital_share": "0.1",
        "ended_date": "",
        "decision_ref": "CA 2025-01",
        "note": "",
    }
    return data | overrides


def test_manager_records_a_stake_and_a_declaration_with_history(org_a, manager):
    shop = enterprise(project(org_a, "P-1"))
    response = manager.client.post(url("stake_create", org_a), stake_data(shop))
    assert response.status_code == 302
    stake = Stake.objects.get()
    assert (stake.amount_eur, stake.capital_share) == (Decimal("5000"), Decimal("0.1"))
    response = manager.client.post(
        url("declaration_create", org_a),
        {
            "declarant": "Board member",
            "project": shop.project.pk,
            "date": "2025-02-01",
            "nature": "mandate",
            "measures": "Leaves the room",
        },
    )
    assert response.status_code == 302
    page = manager.client.get(url("stakes", org_a))
    assert page.status_code == 200
    assert "Leaves the room" in page.content.decode()
    assert len(page.context["history"]) == 2


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"amount_eur": "-1"}, "amount_eur"),
        ({"capital_share": "1.5"}, "capital_share"),
        ({"capital_share": "-0.1"}, "capital_share"),
        ({"ended_date": "2024-01-01"}, None),
    ],
)
def test_bad_stakes_are_refused(org_a, admin, overrides, field):
    shop = enterprise(project(org_a, "P-1"))
    response = admin.client.post(url("stake_create", org_a), stake_data(shop, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors if field else errors
    assert not Stake.objects.exists()


def test_stake_on_another_organisations_enterprise_is_refused(org_a, org_b, admin):
    foreign = enterprise(project(org_b, "P-9"))
    response = admin.client.post(url("stake_create", org_a), stake_data(foreign))
    assert "enterprise" in response.context["form"].errors
    assert not Stake.objects.exists()


def test_coach_and_viewer_never_see_stakes_or_declarations(org_a, coach, viewer, outsider):
    for persona in (coach, viewer):
        assert persona.client.get(url("stakes", org_a)).status_code == 403
        assert persona.client.get(url("declaration_create", org_a)).status_code == 403
    assert outsider.client.get(url("stakes", org_a)).status_code == 404
    assert outsider.client.get(url("missions", org_a)).status_code == 404


def test_admin_sets_missions_defaults_and_cost_line_mission(org_a, admin, manager):
    bruxeo = Partner.objects.get(organisation=org_a, code="bruxeo")
    response = admin.client.post(
        url("mission_create", org_a),
        {
            "code": "representation",
            "title_fr": "Représentation",
            "title_nl": "Vertegenwoordiging",
            "title_en": "Representation",
            "article": "3.1.11",
            "also_covered_by": [bruxeo.pk],
        },
    )
    assert response.status_code == 302
    mission = Mission.objects.get()
    assert list(mission.also_covered_by.all()) == [bruxeo]
    response = admin.client.post(url("mission_defaults", org_a), {"representation": mission.pk})
    assert response.status_code == 302
    assert MissionDefault.objects.get().activity_kind == "representation"
    line = CostLine.objects.create(
        organisation=org_a,
        period_start=D(2025, 1, 1),
        period_end=D(2025, 12, 31),
        amount_eur=100,
        category="staff",
        funding_source="region",
    )
    response = admin.client.post(url("cost_line_mission", org_a, line.pk), {"mission": mission.pk})
    assert response.status_code == 302
    assert CostLineMission.objects.get().mission == mission
    assert manager.client.get(url("mission_defaults", org_a)).status_code == 403
    assert admin.client.get(url("missions", org_a)).status_code == 200


def test_admin_proposes_a_version_and_records_its_agreement(org_a, admin, viewer):
    assert viewer.client.get(url("definitions", org_a)).status_code == 200
    esd = DefinitionVersion.objects.get(organisation=org_a, code="esd")
    assert esd.status == "draft"
    response = admin.client.post(
        url("definition_propose", org_a, esd.pk),
        {
            "text_fr": "FR",
            "text_nl": "NL",
            "text_en": "EN",
            "source": "Ordinance",
            "status": "in_concertation",
            "applies_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    proposal = DefinitionVersion.objects.get(organisation=org_a, code="esd", version=2)
    assert proposal.status == "in_concertation"
    too_early = proposal.created_date - datetime.timedelta(days=1)
    response = admin.client.post(
        url("definition_agree", org_a, proposal.pk),
        {"agreed_date": too_early.isoformat(), "agreed_by": "Brupartners"},
    )
    assert "agreed_date" in response.context["form"].errors
    proposal.refresh_from_db()
    assert proposal.status == "in_concertation"
    response = admin.client.post(
        url("definition_agree", org_a, proposal.pk),
        {"agreed_date": proposal.created_date.isoformat(), "agreed_by": "Brupartners"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.agreed_by) == ("agreed", "Brupartners")
    assert viewer.client.get(url("definition_agree", org_a, proposal.pk)).status_code == 403


def test_synergies_count_per_partner_for_the_period(org_a, viewer):
    trace = Partner.objects.get(organisation=org_a, code="trace")
    for day, kind in [
        (D(2025, 1, 1), "referral_in"),
        (D(2025, 12, 31), "referral_out"),
        (D(2025, 6, 1), "joint_action"),
        (D(2024, 12, 31), "referral_in"),  # outside 2025
    ]:
        PartnerInteraction.objects.create(organisation=org_a, partner=trace, date=day, kind=kind)
    Transfer.objects.create(
        organisation=org_a, project=project(org_a, "P-1"), partner=trace, date=D(2025, 3, 3)
    )
    mission = Mission.objects.create(
        organisation=org_a, code="prosp", title_fr="Prospection", title_nl="P", title_en="P"
    )
    mission.also_covered_by.set([trace])
    response = viewer.client.get(url("partner_synergies", org_a) + "?period=2025")
    row = next(p for p in response.context["partners"] if p.code == "trace")
    assert (row.referrals_in, row.referrals_out, row.joint_actions, row.transfers_in_period) == (
        1,
        1,
        1,
        1,
    )
    assert "Prospection" in response.content.decode()
    response = viewer.client.get(url("partner_synergies", org_a) + "?period=bad")
    assert response.context["period_error"]


def test_declarations_are_not_in_the_workbook_export(org_a, admin):
    shop = enterprise(project(org_a, "P-1"))
    InterestDeclaration.objects.create(
        organisation=org_a,
        declarant="Secret Name",
        project=shop.project,
        date=D(2025, 1, 1),
        nature="family",
    )
    import io

    from openpyxl import load_workbook

    from sillon.workbook.export import export_organisation

    buffer = io.BytesIO()
    export_organisation(org_a, buffer, personal=True)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    text = " ".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row)
    assert "Secret Name" not in text
