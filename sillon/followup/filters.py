"""The filters of the follow-up's questionnaires, shared by the API's `followups` list
(docs/spec/api.md)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from sillon.followup.choices import QuestionnaireStatus, Wave
from sillon.followup.models import Questionnaire
from sillon.register.filters import OrganisationFilterSet

DATE = forms.DateInput(attrs={"type": "date"})


class QuestionnaireFilter(OrganisationFilterSet):
    project_ref = django_filters.CharFilter(field_name="project__ref", label=_("Project"))
    wave = django_filters.ChoiceFilter(choices=Wave.choices, label=_("Wave"))
    status = django_filters.ChoiceFilter(choices=QuestionnaireStatus.choices, label=_("Status"))
    due_from = django_filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label=_("Due from"), widget=DATE
    )
    due_to = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due until"), widget=DATE
    )
    sent_from = django_filters.DateFilter(
        field_name="sent_on", lookup_expr="gte", label=_("Sent from"), widget=DATE
    )
    sent_to = django_filters.DateFilter(
        field_name="sent_on", lookup_expr="lte", label=_("Sent until"), widget=DATE
    )

    class Meta:
        model = Questionnaire
        fields = []
