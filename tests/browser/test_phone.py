"""Every key screen on a phone (390 px wide): the page never scrolls sideways and no
visible table cell lies outside the screen (tables reflow into label/value pairs, long
values wrap); the section menu folds behind a button."""

import pytest
from playwright.sync_api import expect

from sillon.demo import outcomes, register
from sillon.register.models import Project
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PAGES = ["", "projects/", "holders/", "activities/", "enterprises/", "jobs/", "reports/"]

# What lies outside the screen: the page's sideways overflow, and every visible cell
# (not inside a visually hidden header) that starts left of 0 or ends right of the width.
OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width + 1) {
    found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  }
  for (const cell of document.querySelectorAll("td, th")) {
    const box = cell.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const head = cell.closest("thead");
    if (head && head.getBoundingClientRect().width <= 1) continue;
    if (box.left < -1 || box.right > width + 1) {
      found.push(`"${cell.textContent.trim().slice(0, 40)}" at ${box.left}–${box.right}`);
    }
  }
  // A caption squeezed to a few letters a line: far narrower than its table.
  for (const caption of document.querySelectorAll("caption")) {
    const box = caption.getBoundingClientRect();
    const table = caption.closest("table").getBoundingClientRect();
    if (box.height > 0 && box.width < table.width / 2) {
      found.push(`caption "${caption.textContent.trim().slice(0, 40)}" ${box.width} px wide`);
    }
  }
  return found;
}"""


@pytest.fixture
def phone(browser, live_server, org_a, admin):
    register.populate(org_a, 40, seed=3)
    outcomes.populate(org_a, 40, seed=3)
    # A long unbroken value, as people type them.
    Project.objects.filter(organisation=org_a).update(
        name="Coopérative-d'activités-et-d'emploi-bruxelloise-pour-l'alimentation-durable"
    )
    context = browser.new_context(locale="fr-BE", viewport=PHONE)
    page = context.new_page()
    # A first dashboard computes the whole catalogue: slow on a loaded machine.
    page.set_default_timeout(120_000)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Nom d’utilisateur").fill(admin.user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se connecter")).to_have_count(0)
    yield page
    context.close()


def test_key_pages_fit_a_phone_screen(phone, live_server, org_a):
    project = Project.objects.filter(organisation=org_a, enterprise__isnull=False).first()
    holder = project.holders.first()
    base = f"{live_server.url}/o/{org_a.slug}/"
    problems = {}
    # A drill-down page: its tables have captions.
    costs = "indicators/missions.cost/?period=2025"
    for path in [*PAGES, f"projects/{project.pk}/", f"holders/{holder.pk}/", costs]:
        phone.goto(base + path)
        assert phone.locator("main h1").count() == 1, path
        found = phone.evaluate(OUTSIDE)
        if found:
            problems[path or "dashboard"] = found[:5]
    assert problems == {}


def test_list_rows_read_as_label_value_pairs_on_a_phone(phone, live_server, org_a):
    phone.goto(f"{live_server.url}/o/{org_a.slug}/projects/")
    first = phone.locator("table.table tbody tr").first.locator("td").first
    label = first.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Nom"'


def test_section_menu_folds_behind_a_button_on_a_phone(phone, live_server, org_a):
    phone.goto(f"{live_server.url}/o/{org_a.slug}/projects/")
    sections = phone.get_by_role("navigation", name="Sections")
    activities = sections.get_by_role("link", name="Activités", exact=True)
    expect(activities).to_be_hidden()
    sections.get_by_text("Menu").click()
    expect(activities).to_be_visible()
    activities.click()
    expect(phone.locator("main h1")).to_contain_text("Activités")
