from django.urls import reverse

from tests.conftest import PASSWORD


def test_login_page_speaks_french_by_default(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
    assert "Connexion à Sillon" in response.content.decode()


def test_member_logs_in_and_lands_on_the_dashboard_of_their_organisation(client, org_a, coach):
    response = client.post(
        reverse("accounts:login"),
        {"username": coach.user.username, "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard", args=[org_a.slug])
    assert org_a.name in response.content.decode()


def test_wrong_password_is_refused_with_a_message(client, coach):
    response = client.post(
        reverse("accounts:login"), {"username": coach.user.username, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Saisissez" in response.content.decode()  # Django's French error message


def test_login_follows_next_within_the_site_only(client, org_a, coach):
    url = reverse("accounts:login") + "?next=https://evil.example.org/"
    response = client.post(url, {"username": coach.user.username, "password": PASSWORD})
    assert response["Location"] == reverse("home")


def test_logout_takes_post_only(org_a, coach):
    assert coach.client.get(reverse("accounts:logout")).status_code == 405
    response = coach.client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert coach.client.get(reverse("dashboard", args=[org_a.slug])).status_code == 302


def test_member_changes_password(client, coach):
    client.force_login(coach.user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-new-passphrase",
            "new_password2": "a-much-longer-new-passphrase",
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    coach.user.refresh_from_db()
    assert coach.user.check_password("a-much-longer-new-passphrase")


def test_password_change_rejects_a_weak_password_with_reasons(client, coach):
    client.force_login(coach.user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    assert "trop court" in response.content.decode()
