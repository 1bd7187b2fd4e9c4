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
