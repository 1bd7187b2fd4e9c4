from django.db.models.signals import post_save
from django.dispatch import receiver

from sillon.accounts.models import Organisation
from sillon.mission.definitions import seed_definitions


@receiver(post_save, sender=Organisation, dispatch_uid="seed_definitions_of_new_organisations")
def seed_definitions_of_new_organisation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        seed_definitions(instance)
