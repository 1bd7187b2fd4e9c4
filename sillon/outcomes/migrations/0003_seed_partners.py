"""Give the organisations that existed before outcomes their default partners."""

from django.db import migrations

DEFAULT_PARTNERS = [
    ("trace", "Tracé", "advisory_agency"),
    ("febisp-agency", "FeBISP (agence-conseil)", "advisory_agency"),
    ("febio", "FeBIO", "federation"),
    ("febisp", "FeBISP", "federation"),
    ("bruxeo", "BRUXEO", "federation"),
]


def seed(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    Partner = apps.get_model("outcomes", "Partner")
    for organisation in Organisation.objects.all():
        existing = set(
            Partner.objects.filter(organisation=organisation).values_list("code", flat=True)
        )
        Partner.objects.bulk_create(
            Partner(organisation=organisation, code=code, name=name, kind=kind)
            for code, name, kind in DEFAULT_PARTNERS
            if code not in existing
        )


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0002_initial"), ("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
