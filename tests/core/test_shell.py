import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from sillon.accounts.models import Membership, Organisation
from sillon.accounts.roles import Role
from sillon.core.navigation import SECTIONS


def test_home_sends_a_member_to_their_organisation(org_a, coach):
    response = coach.client.get(reverse("home"))
    assert response["Location"] == reverse("dashboard", args=[org_a.slug])


def test_home_remembers_the_organisation_used_last(org_a, org_b, coach):
    Membership.objects.create(organisation=org_b, user=coach.user, role=Role.VIEWER)
    coach.client.get(reverse("dashboard", args=[org_b.slug]))
    assert coach.client.get(reverse("home"))["Location"] == reverse("dashboard", args=[org_b.slug])


def test_home_explains_when_the_user_belongs_to_no_organisation(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("loner"))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "membre d’aucune organisation" in response.content.decode()


def test_navigation_shows_every_section_and_marks_the_current_one(org_a, coach):
    content = coach.client.get(reverse("settings", args=[org_a.slug])).content.decode()
    for label in [
        "Tableau de bord",
        "Projets",
        "Activités",
        "Entreprises et emplois",
        "Suivi",
        "Comparaison",
        "Rapports",
        "Données",
        "Paramètres",
    ]:
        assert label in content
    assert f'href="{reverse("settings", args=[org_a.slug])}" aria-current="page"' in content
    assert len(SECTIONS) == 9


def test_navigation_hides_from_a_viewer_the_sections_of_records(org_a, viewer):
    content = viewer.client.get(reverse("settings", args=[org_a.slug])).content.decode()
    for name in ["dashboard", "followup", "reports", "settings"]:
        assert f'href="{reverse(name, args=[org_a.slug])}"' in content
    for name in ["projects", "activities", "enterprises", "data"]:
        assert f'href="{reverse(name, args=[org_a.slug])}"' not in content
    # Nor does the Settings page link to lists of records.
    for name in ["interaction_list", "internal_action_list", "cost_line_list"]:
        assert reverse(name, args=[org_a.slug]) not in content


def test_switcher_lists_the_organisations_of_the_user_only(org_a, org_b, coach):
    Organisation.objects.create(slug="coop-c", name="Troisième structure")
    single = coach.client.get(reverse("dashboard", args=[org_a.slug])).content.decode()
    assert "organisation-switcher" not in single
    Membership.objects.create(organisation=org_b, user=coach.user, role=Role.VIEWER)
    content = coach.client.get(reverse("dashboard", args=[org_a.slug])).content.decode()
    assert "organisation-switcher" in content
    assert reverse("dashboard", args=[org_b.slug]) in content
    assert "Troisième structure" not in content


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fr", "Paramètres"), ("nl", "Instellingen"), ("en", "Settings")],
)
def test_language_switcher_changes_the_interface_language(language, heading, org_a, coach):
    settings_url = reverse("settings", args=[org_a.slug])
    response = coach.client.post(
        reverse("set_language"), {"language": language, "next": settings_url}
    )
    assert response["Location"] == settings_url
    content = coach.client.get(settings_url).content.decode()
    assert f'<html lang="{language}">' in content
    assert f"<h1>{heading}</h1>" in content


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Du 1 janvier 2024 au 30 juin 2024."),
        ("nl", "Van 1 januari 2024 tot 30 juni 2024."),
        ("en", "From 1 Jan 2024 to 30 Jun 2024."),
    ],
)
def test_dashboard_writes_dates_in_the_user_language(language, expected, org_a, coach):
    coach.client.cookies["django_language"] = language
    url = reverse("dashboard", args=[org_a.slug])
    content = coach.client.get(url, {"period": "2024-S1"}).content.decode()
    assert expected in content


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "1\xa0234\xa0567,5"), ("nl", "1.234.567,5"), ("en", "1,234,567.5")],
)
def test_numbers_are_written_in_the_user_language(language, expected):
    with translation.override(language):
        rendered = Template("{{ value }}").render(Context({"value": 1234567.5}))
    assert rendered == expected


def test_pages_load_no_third_party_asset(org_a, coach):
    content = coach.client.get(reverse("dashboard", args=[org_a.slug])).content.decode()
    for attribute in ['src="http', 'src="//', 'href="http', 'href="//']:
        assert attribute not in content


def test_pages_send_a_strict_content_security_policy(org_a, coach):
    response = coach.client.get(reverse("dashboard", args=[org_a.slug]))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy


def test_dashboard_reads_cached_figures_in_a_fixed_small_number_of_queries(
    org_a, coach, django_assert_max_num_queries
):
    coach.client.get(reverse("dashboard", args=[org_a.slug]))  # computes and caches
    # session, user, membership, targets, switcher
    with django_assert_max_num_queries(5):
        coach.client.get(reverse("dashboard", args=[org_a.slug]))
