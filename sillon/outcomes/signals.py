"""Every organisation starts with the partners of docs/spec/domain.md, which it may then edit."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from sillon.accounts.models import Organisation
from sillon.outcomes.partners import seed_partners


@receiver(post_save, sender=Organisation, dispatch_uid="seed_partners_of_new_organisations")
def seed_partners_of_new_organisation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        seed_partners(instance)
