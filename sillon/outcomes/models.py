"""Outcomes of the accompaniment: jobs, accreditation, non-accreditation reasons,
transfers, partners and their interactions, impact assessments, the structure's own
actions, cost lines and targets (docs/spec/domain.md). Every record keeps its history."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, When
from django.db.models import Value as V
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sillon.catalogue.indicators import BY_ID
from sillon.catalogue.targets import Direction
from sillon.codes import joint_committees
from sillon.codes.validators import validate_joint_committee
from sillon.core.validators import validate_record_date
from sillon.outcomes.choices import (
    EMES_CRITERIA,
    ESD_EVENTS,
    AccreditationEventKind,
    ActionKind,
    ActionScope,
    Assessment,
    ContractType,
    CostCategory,
    FundingSource,
    InteractionKind,
    NonAccreditationReasonKind,
    PartnerKind,
    WorkerStatus,
)
from sillon.register.choices import Gender
from sillon.register.models import Enterprise, OrganisationRecord, Programme, Project, choice_check

FULL_TIME_HOURS = Decimal("38")


def short(day) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


class JobQuerySet(models.QuerySet):
    def for_list(self, organisation) -> "JobQuerySet":
        """The organisation's jobs as the list, its export and the API give them: by
        enterprise and job reference, with the enterprise and its project."""
        return (
            self.filter(organisation=organisation)
            .select_related("enterprise__project")
            .order_by("enterprise__name", "job_ref", "pk")
        )


class Job(OrganisationRecord):
    """One employment relation in an accompanied enterprise. Pseudonymous: no names."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("enterprise")
    )
    job_ref = models.CharField(
        _("job reference"), max_length=40, help_text=_("Unique within the enterprise, e.g. J1.")
    )
    start_date = models.DateField(_("start date"), validators=[validate_record_date])
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Empty while the job lasts."),
        validators=[validate_record_date],
    )
    worker_status = models.CharField(_("status"), max_length=30, choices=WorkerStatus.choices)
    contract_type = models.CharField(_("contract"), max_length=20, choices=ContractType.choices)
    weekly_hours = models.DecimalField(_("weekly hours"), max_digits=5, decimal_places=2)
    full_time_hours = models.DecimalField(
        _("full-time hours"), max_digits=5, decimal_places=2, default=FULL_TIME_HOURS
    )
    joint_committee = models.CharField(
        _("joint committee"),
        max_length=6,
        blank=True,
        help_text=_("Empty for self-employed."),
        validators=[validate_joint_committee],
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    history = HistoricalRecords()

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise__name", "job_ref"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "job_ref"],
                name="job_ref_unique_in_enterprise",
                violation_error_message=_("This enterprise already has a job with this reference."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="job_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(full_time_hours__gt=0)
                & Q(weekly_hours__gt=0)
                & Q(weekly_hours__lte=F("full_time_hours")),
                name="job_hours_within_full_time",
                violation_error_message=_(
                    "Weekly hours must be more than zero and at most the full-time hours."
                ),
            ),
            choice_check("worker_status", WorkerStatus, "job_worker_status_known"),
            choice_check("contract_type", ContractType, "job_contract_type_known"),
            choice_check("gender", Gender, "job_gender_known"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.job_ref}"

    @property
    def fte(self) -> Decimal:
        return self.weekly_hours / self.full_time_hours

    @property
    def is_full_time(self) -> bool:
        return self.fte >= 1

    @property
    def joint_committee_label(self) -> str:
        return joint_committees.label(self.joint_committee) if self.joint_committee else ""


class AccreditationEvent(OrganisationRecord):
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="accreditation_events",
        verbose_name=_("enterprise"),
    )
    event = models.CharField(_("event"), max_length=40, choices=AccreditationEventKind.choices)
    date = models.DateField(_("date"), validators=[validate_record_date])
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("accreditation event")
        verbose_name_plural = _("accreditation events")
        constraints = [choice_check("event", AccreditationEventKind, "accreditation_event_known")]

    def __str__(self) -> str:
        return f"{self.get_event_display()} · {short(self.date)}"


class NonAccreditationReason(OrganisationRecord):
    """Why a launched enterprise does not seek the ESD accreditation."""

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="non_accreditation_reasons",
        verbose_name=_("enterprise"),
    )
    reason = models.CharField(
        _("reason"), max_length=40, choices=NonAccreditationReasonKind.choices
    )
    note = models.TextField(_("note"), blank=True)
    date = models.DateField(_("date"), validators=[validate_record_date])
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("reason for not seeking accreditation")
        verbose_name_plural = _("reasons for not seeking accreditation")
        constraints = [
            choice_check("reason", NonAccreditationReasonKind, "non_accreditation_known")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · {short(self.date)}"


class Partner(OrganisationRecord):
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="partner_code_unique"),
            choice_check("kind", PartnerKind, "partner_kind_known"),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerInteraction(OrganisationRecord):
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="interactions", verbose_name=_("partner")
    )
    date = models.DateField(_("date"), validators=[validate_record_date])
    kind = models.CharField(_("kind"), max_length=20, choices=InteractionKind.choices)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("partner interaction")
        verbose_name_plural = _("partner interactions")
        constraints = [choice_check("kind", InteractionKind, "interaction_kind_known")]

    def __str__(self) -> str:
        return f"{self.partner} · {self.get_kind_display()} · {short(self.date)}"


class Transfer(OrganisationRecord):
    """A mature project handed to an official advisory agency."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="transfers", verbose_name=_("project")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("partner")
    )
    date = models.DateField(_("date"), validators=[validate_record_date])
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self) -> str:
        return f"{self.project.ref} → {self.partner} · {short(self.date)}"


def criterion_field(label) -> models.CharField:
    return models.CharField(label, max_length=10, choices=Assessment.choices)


class ImpactAssessment(OrganisationRecord):
    """The nine EMES criteria of a project at a date, and what it achieved."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="impact_assessments",
        verbose_name=_("project"),
    )
    date = models.DateField(_("date"), validators=[validate_record_date])
    continuous_activity = criterion_field(EMES_CRITERIA[0][1])
    economic_risk = criterion_field(EMES_CRITERIA[1][1])
    paid_work = criterion_field(EMES_CRITERIA[2][1])
    community_aim = criterion_field(EMES_CRITERIA[3][1])
    citizen_initiative = criterion_field(EMES_CRITERIA[4][1])
    limited_profit_distribution = criterion_field(EMES_CRITERIA[5][1])
    autonomy = criterion_field(EMES_CRITERIA[6][1])
    non_capital_decision = criterion_field(EMES_CRITERIA[7][1])
    participatory = criterion_field(EMES_CRITERIA[8][1])
    beneficiaries = models.PositiveIntegerField(
        _("beneficiaries"),
        null=True,
        blank=True,
        help_text=_("Number of people reached in the year."),
    )
    social_impact = models.TextField(_("social impact"), blank=True)
    environmental_actions = models.JSONField(_("environmental actions"), default=list, blank=True)
    diversity_actions = models.JSONField(_("diversity actions"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("impact assessment")
        verbose_name_plural = _("impact assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "date"],
                name="impact_assessment_one_per_project_and_date",
                violation_error_message=_("This project already has an assessment on this date."),
            ),
            *[
                choice_check(name, Assessment, f"impact_{name}_known")
                for name, _label, _dimension in EMES_CRITERIA
            ],
        ]

    def __str__(self) -> str:
        return f"{self.project.ref} · {short(self.date)}"

    @property
    def criteria(self) -> list[tuple[str, str, str]]:
        """(label, dimension, answer label) of the nine criteria."""
        return [
            (label, dimension, Assessment(getattr(self, name)).label)
            for name, label, dimension in EMES_CRITERIA
        ]


class InternalAction(OrganisationRecord):
    """An equality/diversity or environmental action of the structure itself."""

    date = models.DateField(_("date"), validators=[validate_record_date])
    kind = models.CharField(_("kind"), max_length=20, choices=ActionKind.choices)
    scope = models.CharField(_("aimed at"), max_length=20, choices=ActionScope.choices)
    description = models.TextField(_("description"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("internal action")
        verbose_name_plural = _("internal actions")
        constraints = [
            choice_check("kind", ActionKind, "internal_action_kind_known"),
            choice_check("scope", ActionScope, "internal_action_scope_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {short(self.date)}"


class CostLine(OrganisationRecord):
    """A cost of the structure over a period. Expert costs come from expert activities."""

    period_start = models.DateField(_("from"), validators=[validate_record_date])
    period_end = models.DateField(_("to"), validators=[validate_record_date])
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cost_lines",
        verbose_name=_("programme"),
    )
    category = models.CharField(_("category"), max_length=20, choices=CostCategory.choices)
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSource.choices
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "category", "pk"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="cost_line_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(amount_eur__gte=0),
                name="cost_line_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            choice_check("category", CostCategory, "cost_line_category_known"),
            choice_check("funding_source", FundingSource, "cost_line_funding_known"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_category_display()} · {short(self.period_start)} → {short(self.period_end)}"
        )


class Target(OrganisationRecord):
    """The value an indicator should reach in a period (figures of the funding agreement)."""

    indicator = models.CharField(_("indicator"), max_length=60)
    period = models.CharField(_("period"), max_length=30)
    value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=4, validators=[MinValueValidator(0)]
    )
    # Costs and cost ratios are `at_most` (default_direction); forms and the workbook
    # fill it from the indicator when it is left empty.
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.AT_LEAST
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "indicator"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "indicator", "period"],
                name="target_unique",
                violation_error_message=_("This indicator already has a target for this period."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="target_not_negative",
                violation_error_message=_("A target cannot be negative."),
            ),
            choice_check("direction", Direction, "target_direction_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_label} · {self.period}"

    @property
    def indicator_label(self) -> str:
        indicator = BY_ID.get(self.indicator)
        return str(indicator.label) if indicator else self.indicator


def enterprises_for_list(organisation, day) -> QuerySet:
    """The organisation's enterprises as the Enterprises page, its export and the API
    give them: by name, with the project and the latest ESD event on `day`. (Enterprise
    belongs to the register, which cannot know the outcomes: hence a function here.)"""
    return (
        Enterprise.objects.filter(organisation=organisation)
        .select_related("project")
        .annotate(latest_esd=latest_esd_event(day))
        .order_by("name", "pk")
    )


def with_active_jobs(enterprises: QuerySet, day) -> QuerySet:
    """Each enterprise's number of jobs running on `day`."""
    return enterprises.annotate(
        active_jobs=Count(
            "jobs",
            filter=Q(jobs__start_date__lte=day)
            & (Q(jobs__end_date__isnull=True) | Q(jobs__end_date__gte=day)),
        )
    )


# Two ESD events on the same date follow their meaning, not the order of writing
# (docs/spec/indicators.md, Conventions): a request comes first, then the refusal or
# the accreditation, then its renewal, and a withdrawal last.
ESD_MEANING_ORDER = {
    AccreditationEventKind.ESD_REQUESTED: 0,
    AccreditationEventKind.ESD_REFUSED: 1,
    AccreditationEventKind.ESD_OBTAINED: 1,
    AccreditationEventKind.ESD_RENEWED: 2,
    AccreditationEventKind.ESD_WITHDRAWN: 3,
}


def esd_meaning():
    """The rank of an ESD event's meaning, for ordering events of the same date."""
    return Case(
        *(When(event=event, then=V(rank)) for event, rank in ESD_MEANING_ORDER.items()),
        default=V(0),
        output_field=models.IntegerField(),
    )


def latest_esd_event(day) -> Subquery:
    """For an enterprise queryset: its latest ESD event dated on or before `day` (the
    rule of accreditation.accredited_end, also used by the enterprises list); on one
    date, the latest by meaning."""
    events = (
        AccreditationEvent.objects.filter(
            enterprise=OuterRef("pk"), event__in=ESD_EVENTS, date__lte=day
        )
        .annotate(meaning=esd_meaning())
        .order_by("-date", "-meaning", "-pk")
    )
    return Subquery(events.values("event")[:1])
