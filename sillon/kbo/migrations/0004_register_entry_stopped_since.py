from django.db import migrations, models
from django.db.models import Q


def stopped_at_last_snapshot(apps, schema_editor):
    """Entries already stopped: the first extract that showed it is not known any more,
    the last one read is the best date there is."""
    RegisterEntry = apps.get_model("kbo", "RegisterEntry")
    stopped = Q(active=False) | (~Q(juridical_situation="") & ~Q(juridical_situation="000"))
    RegisterEntry.objects.filter(stopped).update(stopped_since=models.F("snapshot_date"))


class Migration(migrations.Migration):
    dependencies = [
        ("kbo", "0003_extract_upload"),
    ]

    operations = [
        migrations.AddField(
            model_name="registerentry",
            name="stopped_since",
            field=models.DateField(blank=True, null=True, verbose_name="stopped since"),
        ),
        migrations.RunPython(stopped_at_last_snapshot, migrations.RunPython.noop),
    ]
