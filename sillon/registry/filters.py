import django_filters
from django.utils.translation import gettext_lazy as _

from sillon.register.filters import OrganisationFilterSet
from sillon.registry.choices import FindingKind, FindingStatus
from sillon.registry.models import Finding


class FindingFilter(OrganisationFilterSet):
    status = django_filters.ChoiceFilter(choices=FindingStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=FindingKind.choices, label=_("Kind"))

    class Meta:
        model = Finding
        fields = []
