"""Writes of the mission app that touch several rows, in one transaction each."""

from django.db import transaction
from django.db.models import Max

from sillon.mission.models import DefinitionVersion, MissionDefault


@transaction.atomic
def save_defaults(form) -> None:
    organisation = form.organisation
    for kind, mission in form.cleaned_data.items():
        if mission is None:
            MissionDefault.objects.filter(organisation=organisation, activity_kind=kind).delete()
        else:
            MissionDefault.objects.update_or_create(
                organisation=organisation, activity_kind=kind, defaults={"mission": mission}
            )


@transaction.atomic
def propose_definition(form) -> DefinitionVersion:
    """Save a proposal as the next version of its definition."""
    version = form.instance
    latest = (
        DefinitionVersion.objects.select_for_update()
        .filter(organisation=version.organisation, code=version.code)
        .aggregate(n=Max("version"))["n"]
    )
    version.version = (latest or 0) + 1
    return form.save()
