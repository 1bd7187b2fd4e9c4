import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sillon.codes import joint_committees
from sillon.codes.legal_forms import Family
from sillon.outcomes.choices import ACCREDITED_EVENTS, ContractType, WorkerStatus
from sillon.outcomes.models import Job
from sillon.register.filters import OrganisationFilterSet
from sillon.register.models import Enterprise

STATE_CHOICES = [("active", _("Active")), ("ceased", _("Ceased"))]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class EnterpriseFilter(OrganisationFilterSet):
    """Expects the queryset annotated with `latest_esd` (models.latest_esd_event)."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    legal_form_family = django_filters.ChoiceFilter(
        choices=Family.choices, label=_("Legal-form family")
    )
    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="in_state", label=_("Active or ceased")
    )
    accredited = django_filters.ChoiceFilter(
        choices=YES_NO, method="is_accredited", label=_("ESD accredited")
    )
    created = django_filters.ChoiceFilter(
        choices=YES_NO, method="was_created", label=_("Created during the accompaniment")
    )

    class Meta:
        model = Enterprise
        fields = []

    def search(self, queryset, name, value):
        digits = "".join(char for char in value if char.isdigit())
        condition = Q(name__icontains=value) | Q(project__ref__icontains=value)
        if digits:
            condition |= Q(enterprise_number__contains=digits)
        return queryset.filter(condition)

    def in_state(self, queryset, name, value):
        return queryset.filter(cessation_date__isnull=(value == "active"))

    def is_accredited(self, queryset, name, value):
        accredited = Q(latest_esd__in=ACCREDITED_EVENTS)
        return queryset.filter(accredited if value == "yes" else ~accredited | Q(latest_esd=None))

    def was_created(self, queryset, name, value):
        return queryset.filter(created_during_accompaniment=(value == "yes"))


class JobFilter(OrganisationFilterSet):
    worker_status = django_filters.ChoiceFilter(choices=WorkerStatus.choices, label=_("Status"))
    contract_type = django_filters.ChoiceFilter(choices=ContractType.choices, label=_("Contract"))
    joint_committee = django_filters.CharFilter(
        method="under_committee", label=_("Joint committee")
    )
    active_on = django_filters.DateFilter(
        method="active_on_day",
        label=_("Active on"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Job
        fields = []

    def under_committee(self, queryset, name, value):
        # "32902" or "CP 329.02" find the jobs stored under "329.02".
        return queryset.filter(joint_committee=joint_committees.normalise(value) or value.strip())

    def active_on_day(self, queryset, name, value):
        return queryset.filter(
            Q(start_date__lte=value) & (Q(end_date__isnull=True) | Q(end_date__gte=value))
        )
