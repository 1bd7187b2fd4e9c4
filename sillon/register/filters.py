"""Filters of the record lists, shared by the pages (and later the API and exports)."""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from sillon.codes import nace
from sillon.register.choices import (
    ActivityKind,
    ApplicationDecision,
    ExpertType,
    OutreachChannel,
    ProjectStatus,
    ProjectType,
    SectorType,
)
from sillon.register.models import (
    Activity,
    Application,
    Enrolment,
    Person,
    Programme,
    Project,
)

DATE = forms.DateInput(attrs={"type": "date"})


class OrganisationFilterSet(django_filters.FilterSet):
    """A FilterSet whose choices of related records are those of one organisation."""

    def __init__(self, data=None, queryset=None, *, organisation, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.organisation = organisation
        for filter_ in self.filters.values():
            # ModelChoiceFilter keeps its choices in `queryset` (QuerySetRequestMixin).
            choices = getattr(filter_, "queryset", None)
            if choices is not None and hasattr(choices.model, "organisation"):
                filter_.queryset = choices.filter(organisation=organisation)
                filter_.extra["empty_label"] = settings.FILTERS_EMPTY_CHOICE_LABEL


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorting with the primary key as last key, so that pages never repeat nor skip rows
    that share a value (many projects share an intake date)."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "pk") if value else qs


def nace_section_choices() -> list[tuple[str, str]]:
    """Sections of both NACE-BEL versions: the letters moved between 2008 and 2025."""
    return [
        (f"{version}:{letter}", f"{label} (NACE-BEL {version})")
        for version in nace.VERSIONS
        for letter, label in nace.sections(version)
    ]


class ProjectFilter(OrganisationFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), method="in_programme", label=_("Programme")
    )
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, label=_("Status"))
    project_type = django_filters.ChoiceFilter(choices=ProjectType.choices, label=_("Type"))
    sector_type = django_filters.ChoiceFilter(choices=SectorType.choices, label=_("Sector"))
    nace_section = django_filters.ChoiceFilter(
        choices=nace_section_choices, method="in_nace_section", label=_("NACE-BEL section")
    )
    year = django_filters.NumberFilter(
        field_name="intake_date__year", label=_("Intake year"), min_value=1900, max_value=2100
    )
    sort = StableOrderingFilter(
        fields=[
            ("ref", "ref"),
            ("name", "name"),
            ("intake_date", "intake_date"),
            ("status", "status"),
            ("nace_code", "nace_code"),
        ],
        label=_("Sort by"),
    )

    class Meta:
        model = Project
        fields = []

    def in_programme(self, queryset, name, value):
        return queryset.filter(
            Exists(Enrolment.objects.filter(project=OuterRef("pk"), programme=value))
        )

    def in_nace_section(self, queryset, name, value):
        version, letter = value.split(":")
        return queryset.filter(nace_version=version, nace_section=letter)

    def __init__(self, *args, search_people: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.search_people = search_people

    def search(self, queryset, name, value):
        condition = Q(ref__icontains=value) | Q(name__icontains=value)
        condition |= Q(enterprise__name__icontains=value)
        if self.search_people:  # holders' names, for roles that may see them
            people = Person.objects.filter(
                Q(first_name__icontains=value) | Q(last_name__icontains=value),
                projects=OuterRef("pk"),
            )
            condition |= Exists(people)
        return queryset.filter(condition)


class ActivityFilter(OrganisationFilterSet):
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("From"), widget=DATE
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("To"), widget=DATE
    )
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("Kind"))
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), label=_("Programme")
    )
    expert_type = django_filters.ChoiceFilter(
        choices=ExpertType.choices, label=_("Type of expertise")
    )
    channel = django_filters.ChoiceFilter(choices=OutreachChannel.choices, label=_("Channel"))
    project = django_filters.CharFilter(method="of_project", label=_("Project reference"))

    class Meta:
        model = Activity
        fields = []

    def of_project(self, queryset, name, value):
        # Exists, not a join: the totals and the count stay free of DISTINCT.
        links = Activity.projects.through.objects.filter(
            activity=OuterRef("pk"), project__ref=value.strip()
        )
        return queryset.filter(Exists(links))


class HolderFilter(OrganisationFilterSet):
    """The project holders' list: only for members who may see personal data."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    without_project = django_filters.BooleanFilter(
        method="holding_none",
        label=_("Without project"),
        widget=forms.CheckboxInput,
    )
    sort = StableOrderingFilter(
        fields=[("last_name", "last_name"), ("ref", "ref"), ("project_count", "projects")],
        label=_("Sort by"),
    )

    class Meta:
        model = Person
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
            | Q(ref__icontains=value)
            | Exists(
                Project.holders.through.objects.filter(
                    person=OuterRef("pk"), project__ref__icontains=value
                )
            )
        )

    def holding_none(self, queryset, name, value):
        return queryset.without_project() if value else queryset


class ApplicationFilter(OrganisationFilterSet):
    """The applications list's filters (docs/spec/comparison.md §4), for the page and the
    API alike: a value that is not one of the choices is left out."""

    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), label=_("Programme")
    )
    decision = django_filters.ChoiceFilter(choices=ApplicationDecision.choices, label=_("Decision"))
    year = django_filters.NumberFilter(
        field_name="date__year", label=_("Year"), min_value=1900, max_value=2100
    )

    class Meta:
        model = Application
        fields = []
