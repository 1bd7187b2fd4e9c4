"""The mission and the partners involved, added to the register's activity form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sillon.mission.models import ActivityMission, Mission
from sillon.outcomes.models import Partner
from sillon.register.choices import OUTREACH_KINDS
from sillon.register.extensions import ActivityFormExtension


def mission_fields(missions, partners) -> dict[str, forms.Field]:
    """The two fields, choosing among the given querysets (the API's schema reads them
    with empty ones)."""
    return {
        "mission": forms.ModelChoiceField(
            queryset=missions,
            required=False,
            label=_("Mission"),
            help_text=_("Empty: the default mission of the activity's kind."),
        ),
        "partners": forms.ModelMultipleChoiceField(
            queryset=partners,
            required=False,
            label=_("Partners involved"),
            widget=forms.CheckboxSelectMultiple,
        ),
    }


def add_fields(form) -> None:
    organisation = form.organisation
    form.fields.update(
        mission_fields(
            Mission.objects.filter(organisation=organisation),
            Partner.objects.filter(organisation=organisation),
        )
    )
    link = None
    if form.instance.pk:
        link = ActivityMission.objects.filter(activity=form.instance).first()
    if link is not None:
        form.initial["mission"] = link.mission_id
        form.initial["partners"] = list(link.partners.values_list("pk", flat=True))


def clean(form, cleaned) -> None:
    if cleaned.get("partners") and cleaned.get("kind") not in OUTREACH_KINDS:
        form.add_error(
            "partners", ValidationError(_("Only for an outreach activity."), code="outreach")
        )


def save(form, activity) -> None:
    save_activity_mission(
        activity, form.cleaned_data.get("mission"), list(form.cleaned_data.get("partners") or [])
    )


def save_activity_mission(activity, mission, partners) -> None:
    if mission is None and not partners:
        ActivityMission.objects.filter(activity=activity).delete()
        return
    link, _created = ActivityMission.objects.update_or_create(
        activity=activity, defaults={"organisation": activity.organisation, "mission": mission}
    )
    link.partners.set(partners)


EXTENSION = ActivityFormExtension(add_fields=add_fields, clean=clean, save=save)
