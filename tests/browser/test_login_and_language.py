import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_logs_in_and_switches_language(page, live_server, org_a, coach):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Connexion à Sillon")).to_be_visible()

    page.get_by_label("Nom d’utilisateur").fill(coach.user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page).to_have_url(re.compile(r"/o/coop-a/$"))
    expect(page.get_by_role("heading", name=org_a.name)).to_be_visible()
    # Sillon's own stylesheet is served and applied (brand colour on the top bar).
    expect(page.locator(".topbar")).to_have_css("background-color", "rgb(31, 92, 74)")
    navigation = page.get_by_role("navigation", name="Sections")
    expect(navigation.get_by_role("link", name="Tableau de bord")).to_have_attribute(
        "aria-current", "page"
    )

    page.locator("button[name=language][value=nl]").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_url(re.compile(r"/o/coop-a/$"))
    expect(
        page.get_by_role("navigation", name="Onderdelen").get_by_role("link", name="Instellingen")
    ).to_be_visible()

    page.locator("button[name=language][value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", name="Settings", exact=True)).to_be_visible()
    expect(page.locator("button[name=language][value=en]")).to_have_attribute(
        "aria-pressed", "true"
    )


def test_outsider_sees_a_not_found_page_in_the_browser(page, live_server, org_a, outsider):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Nom d’utilisateur").fill(outsider.user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/o/coop-b/$"))

    response = page.goto(live_server.url + "/o/coop-a/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page introuvable")).to_be_visible()
