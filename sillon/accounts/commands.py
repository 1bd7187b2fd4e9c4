"""What the `sillon` commands share about organisations."""

from django.core.management.base import CommandError

from sillon.accounts.models import Organisation


def organisation_named(slug: str) -> Organisation:
    """The organisation a command's --organisation names, or a clear error."""
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise CommandError(f"No organisation has the short name {slug!r}.")
    return found
