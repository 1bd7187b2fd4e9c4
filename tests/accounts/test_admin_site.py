from django.urls import reverse


def test_superuser_manages_organisations_in_the_admin_site(client, django_user_model, org_a):
    client.force_login(django_user_model.objects.create_superuser("root", password="x" * 12))
    assert client.get(reverse("admin:accounts_organisation_changelist")).status_code == 200
    response = client.get(reverse("admin:accounts_organisation_change", args=[org_a.pk]))
    assert response.status_code == 200
    assert org_a.name in response.content.decode()


def test_members_who_are_not_staff_are_kept_out_of_the_admin_site(admin):
    response = admin.client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_superuser_browses_the_register_in_the_admin_site(client, django_user_model):
    from django.core.management import call_command

    call_command("demo", projects=5, verbosity=0)
    client.force_login(django_user_model.objects.create_superuser("root", password="x" * 12))
    for model in [
        "programme",
        "cohort",
        "project",
        "person",
        "enrolment",
        "enterprise",
        "activity",
    ]:
        response = client.get(reverse(f"admin:register_{model}_changelist"))
        assert response.status_code == 200, model


def test_staff_who_are_not_superusers_are_refused_by_the_admin_site(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x" * 12, is_staff=True)
    response = client.post(reverse("admin:login"), {"username": "staff", "password": "x" * 12})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    # Signed in elsewhere, still kept out of every page of the site.
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.get(reverse("admin:accounts_organisation_changelist")).status_code == 302


def test_a_superuser_signs_in_through_the_admin_login(client, django_user_model):
    django_user_model.objects.create_superuser("root", password="x" * 12)
    response = client.post(reverse("admin:login"), {"username": "root", "password": "x" * 12})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_superusers_read_events_without_an_organisation_in_the_admin_site(
    client, django_user_model, coach
):
    from sillon.accounts.audit import EventKind, record_event

    record_event(EventKind.SIGN_IN_FAILED, actor=coach.user, form="site")
    client.force_login(django_user_model.objects.create_superuser("root", password="x" * 12))
    response = client.get(reverse("admin:accounts_auditevent_changelist"))
    assert response.status_code == 200
    assert "sign_in.failed" in response.content.decode()
