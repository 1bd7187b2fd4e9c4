"""The suggestion endpoints behind the searchable inputs: official codes (public,
in the user's language) and project references (only the organisation's own)."""

import pytest
from django.urls import reverse

from tests.register import factories as make


def code_search(client, kind: str, **params):
    return client.get(reverse("code_search", args=[kind]), params)


def test_nace_search_finds_restaurants_with_french_labels(coach):
    response = code_search(coach.client, "nace", q="restaur")
    assert response.status_code == 200
    results = response.json()["results"]
    assert {"code": "56101", "label": "Restauration à service complet"} in results


def test_nace_search_answers_in_dutch_for_a_dutch_speaking_user(coach):
    coach.client.cookies["django_language"] = "nl"
    results = code_search(coach.client, "nace", q="restaur").json()["results"]
    labels = {row["code"]: row["label"] for row in results}
    assert labels["56101"] == "Eetgelegenheden met volledige bediening"


def test_nace_search_finds_a_code_typed_with_its_dot(coach):
    results = code_search(coach.client, "nace", q="56.101").json()["results"]
    assert [row["code"] for row in results] == ["56101"]


def test_nace_search_of_an_unknown_version_finds_nothing(coach):
    results = code_search(coach.client, "nace", q="restaur", version="1999").json()["results"]
    assert results == []


@pytest.mark.parametrize(
    ("kind", "query", "code"),
    [("legal_form", "coopérative", "706"), ("joint_committee", "329", "329.02")],
)
def test_other_code_lists_are_searchable(kind, query, code, coach):
    results = code_search(coach.client, kind, q=query).json()["results"]
    assert code in [row["code"] for row in results]


def test_unknown_code_list_is_404(coach):
    assert code_search(coach.client, "colours", q="red").status_code == 404


def test_code_search_sends_the_anonymous_visitor_to_login(client):
    url = reverse("code_search", args=["nace"])
    response = client.get(url, {"q": "restaur"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_code_search_takes_only_get(coach):
    assert coach.client.post(reverse("code_search", args=["nace"])).status_code == 405


# Project references


def test_project_search_returns_only_projects_of_the_users_organisation(org_a, org_b, admin):
    make.project(org_a, "P-1", name="Boulangerie solidaire")
    make.project(org_b, "P-1", name="Boulangerie de B")
    make.project(org_b, "B-7", name="Boulangerie secrète")
    response = admin.client.get(make.url("project_search", org_a), {"q": "boulangerie"})
    assert response.json() == {"results": [{"code": "P-1", "label": "Boulangerie solidaire"}]}


def test_project_search_matches_reference_or_name(org_a, coach):
    make.project(org_a, "P-2024-017", name="Atelier vélo")
    make.project(org_a, "P-2024-018", name="Cantine")
    url = make.url("project_search", org_a)
    by_ref = coach.client.get(url, {"q": "017"}).json()["results"]
    by_name = coach.client.get(url, {"q": "cantine"}).json()["results"]
    assert [row["code"] for row in by_ref] == ["P-2024-017"]
    assert [row["code"] for row in by_name] == ["P-2024-018"]


def test_project_search_of_another_organisation_is_404(org_a, register_a, outsider):
    response = outsider.client.get(make.url("project_search", org_a), {"q": "P"})
    assert response.status_code == 404
