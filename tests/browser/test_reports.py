"""The reports issue in a real browser: a manager produces the annual report, sees it
being produced (by a worker beside the server, as `make run` starts one), then
downloads the PDF, which opens."""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from sillon.reports.models import Report, Status
from tests.browser.test_register_journey import log_in
from tests.reports.conftest import hand_made  # noqa: F401 (the fixture)
from tests.worker import worker_beside

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_produces_and_downloads_the_annual_report(
    page,
    live_server,
    hand_made,  # noqa: F811 (the fixture imported above)
    manager,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    log_in(page, live_server, manager.user)
    page.goto(live_server.url + f"/o/{hand_made.slug}/reports/")
    page.locator("#id_kind").select_option("annual")
    page.locator("#id_period").fill("2025")
    page.locator("#id_format").select_option("pdf")
    page.locator("#id_language").select_option("nl")
    page.get_by_role("button", name="Produire le rapport").click()

    row = page.locator("#reports tbody tr").first
    expect(row).to_contain_text("Rapport annuel")
    # The page answered before the report was ready: it shows its progress...
    expect(row.locator("progress")).to_be_attached()
    # ...and, once the worker is done, its links (reloaded by reports.js).
    download_link = row.get_by_role("link", name="Télécharger")
    with worker_beside():
        expect(download_link).to_be_visible(timeout=90_000)
    expect(row).to_contain_text("Prêt")

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == f"sillon-{hand_made.slug}-annual-2025-nl.pdf"
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    assert "Jaarverslag 2025" in reader.pages[0].extract_text()
    report = Report.objects.get()
    assert report.status == Status.DONE and report.requested_by == manager.user
