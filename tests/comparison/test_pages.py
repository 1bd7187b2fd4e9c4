"""The Comparison page (every member of a sharing organisation, viewers included: it is
aggregates) and the statements page (admin only, shows who published each)."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sillon.catalogue.indicators import CATALOGUE_VERSION
from sillon.comparison import statements
from sillon.comparison.models import Statement

NUMBERS = ["0123456749", "0202239951", "0403170701"]


def statement(number: str, share: float) -> bytes:
    return json.dumps(
        {
            "format": "sillon-statement/1",
            "organisation": {"name": f"Structure {number}", "enterprise_number": number},
            "period": {"id": "2024", "start": "2024-01-01", "end": "2024-12-31"},
            "as_of": "2024-12-31",
            "definitions": CATALOGUE_VERSION,
            "produced_at": "2025-02-01T10:00:00+01:00",
            "indicators": [{"id": "holders.women_share", "unit": "rate", "value": share}],
        }
    ).encode()


def test_a_viewer_of_a_sharing_organisation_sees_the_statistics_and_chart(viewer, org_a):
    for number, share in zip(NUMBERS, [0.4, 0.5, 0.7], strict=True):
        statements.store(statement(number, share))
    url = reverse("comparison", args=[org_a.slug]) + "?period=2024"
    page = viewer.client.get(url).content.decode()
    assert "ne partage pas" in page or "does not share" in page
    assert "Structure 0123456749" not in page
    org_a.shares_with_peers = True
    org_a.save()
    page = viewer.client.get(url).content.decode()
    assert "Structure 0123456749" in page
    assert "<svg" in page  # the box-and-dot chart of the women's share
    assert "50,0" in page  # the median, as the French locale writes it
    assert "Statbel" in page  # a baseline beside the survival rates


def test_an_outsider_gets_404_and_only_an_admin_imports(viewer, manager, admin, outsider, org_a):
    assert outsider.client.get(reverse("comparison", args=[org_a.slug])).status_code == 404
    url = reverse("comparison_statements", args=[org_a.slug])
    assert viewer.client.get(url).status_code == 403
    assert manager.client.get(url).status_code == 403
    assert admin.client.get(url).status_code == 200
    assert outsider.client.get(url).status_code == 404


def test_the_admin_imports_a_statement_and_sees_who_published_it(admin, org_a):
    url = reverse("comparison_statements", args=[org_a.slug])
    upload = SimpleUploadedFile("s.json", statement(NUMBERS[0], 0.5))
    response = admin.client.post(url, {"file": upload})
    assert response.status_code == 302
    stored = Statement.objects.get()
    assert (stored.imported_by, stored.imported_for) == (admin.user, org_a)
    page = admin.client.get(url).content.decode()
    assert "Structure 0123456749" in page and admin.user.username in page


def test_a_bad_statement_from_the_interface_shows_every_reason_and_stores_nothing(admin, org_a):
    url = reverse("comparison_statements", args=[org_a.slug])
    document = json.loads(statement("0123456748", 0.5))
    document["indicators"][0]["unit"] = "EUR"
    upload = SimpleUploadedFile("s.json", json.dumps(document).encode())
    response = admin.client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "organisation.enterprise_number" in page and "indicators[0].unit" in page
    assert not Statement.objects.exists()
