import django_filters
from django.utils.translation import gettext_lazy as _

from sillon.kbo.choices import FindingKind, FindingStatus
from sillon.kbo.models import Finding
from sillon.register.filters import OrganisationFilterSet


class FindingFilter(OrganisationFilterSet):
    status = django_filters.ChoiceFilter(choices=FindingStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=FindingKind.choices, label=_("Kind"))

    class Meta:
        model = Finding
        fields = []
