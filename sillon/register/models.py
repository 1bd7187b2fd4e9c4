"""The accompaniment register: programmes, cohorts, projects, holders, enrolments,
enterprises and activities (docs/spec/domain.md). Every record belongs to one
organisation and keeps its history."""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, StrIndex
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sillon.accounts.models import Organisation
from sillon.codes import enterprise_numbers, joint_committees, legal_forms, nace
from sillon.codes.validators import (
    validate_enterprise_number,
    validate_joint_committees,
    validate_legal_form,
)
from sillon.core.validators import (
    validate_birth_year,
    validate_record_date,
    validate_session_hours,
)
from sillon.register.choices import (
    GOVERNANCE_TOPICS,
    OUTREACH_KINDS,
    ActivityKind,
    ApplicationDecision,
    CessationReason,
    DecisionReason,
    EnrolmentOutcome,
    ExpertType,
    Gender,
    Language,
    NaceVersion,
    OutreachChannel,
    ProgrammeKind,
    ProjectStatus,
    ProjectType,
    SectorType,
    Situation,
    Topic,
)


def choice_check(
    field: str, choices: type[models.TextChoices], name: str, blank: bool = False
) -> models.CheckConstraint:
    values = list(choices.values) + ([""] if blank else [])
    return models.CheckConstraint(condition=Q(**{f"{field}__in": values}), name=name)


class OrganisationRecord(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    # Provenance: empty when typed in Sillon; "demo", or the imported file and checksum.
    source = models.CharField(_("source"), max_length=200, blank=True, editable=False)

    class Meta:
        abstract = True


class Programme(OrganisationRecord):
    code = models.SlugField(_("code"), max_length=40)
    name_fr = models.CharField(_("name in French"), max_length=120)
    name_nl = models.CharField(_("name in Dutch"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="programme_code_unique"),
            choice_check("kind", ProgrammeKind, "programme_kind_known"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "fr")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fr


class Cohort(OrganisationRecord):
    # A programme's cohorts go with it; its enrolments still protect it.
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="cohorts", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=120)
    start_date = models.DateField(_("start date"), validators=[validate_record_date])
    end_date = models.DateField(_("end date"), validators=[validate_record_date])
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme__code", "start_date"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="cohort_name_unique"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="cohort_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} — {self.name}"


# References are written in lists ("P-2024-017, P-2024-018"): no spaces, no commas.
project_ref_validator = RegexValidator(
    r"^[^\s,]+$", _("A reference holds no spaces and no commas, e.g. P-2024-017.")
)


def new_ref(prefix: str) -> str:
    """A reference for a record typed in Sillon, so that an exported workbook re-imports
    as updates, not duplicates. Random rather than sequential: no counter to race on."""
    return f"{prefix}-{secrets.token_hex(6).upper()}"


class PersonQuerySet(models.QuerySet):
    def for_list(self, organisation: Organisation) -> "PersonQuerySet":
        """The organisation's project holders, with how many projects each holds (0 for
        a holder taken off their last project, who keeps a page), by name."""
        project_count = (
            Project.holders.through.objects.filter(person=OuterRef("pk"))
            .order_by()
            .values("person")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.filter(organisation=organisation)
            .annotate(project_count=Coalesce(Subquery(project_count), 0))
            .order_by("last_name", "first_name", "pk")
        )

    def without_project(self) -> "PersonQuerySet":
        return self.exclude(Exists(Project.holders.through.objects.filter(person=OuterRef("pk"))))


class Person(OrganisationRecord):
    """A project holder. Personal data: never shown to a viewer."""

    # The workbook's person_ref; given on creation when left empty.
    ref = models.CharField(
        _("holder reference"), max_length=40, blank=True, validators=[project_ref_validator]
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email address"), blank=True)
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[validate_birth_year]
    )
    situation_at_intake = models.CharField(
        _("situation at intake"),
        max_length=20,
        choices=Situation.choices,
        default=Situation.UNKNOWN,
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        blank=True,
        help_text=_("Empty: the organisation's language."),
    )
    # docs/spec/followup.md: written to after the accompaniment only with this consent.
    followup_consent = models.BooleanField(
        _("agrees to be followed up"),
        default=False,
        help_text=_("Questionnaires one and two years after the accompaniment, by e-mail."),
    )
    followup_consent_date = models.DateField(
        _("date of the consent"), null=True, blank=True, validators=[validate_record_date]
    )
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("project holder")
        verbose_name_plural = _("project holders")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "ref"], condition=~Q(ref=""), name="person_ref_unique"
            ),
            choice_check("gender", Gender, "person_gender_known"),
            choice_check("situation_at_intake", Situation, "person_situation_known"),
            choice_check("language", Language, "person_language_known", blank=True),
            models.CheckConstraint(
                condition=Q(followup_consent=False) | Q(followup_consent_date__isnull=False),
                name="person_consent_dated",
                violation_error_message=_("Give the date on which the holder agreed."),
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__range=(1900, 2100)),
                name="person_birth_year_plausible",
                violation_error_message=_("Give a year between 1900 and this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs) -> None:
        if not self.ref:
            self.ref = new_ref("H")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("holder", args=[self.organisation.slug, self.pk])


def nace_section_expression() -> Case:
    """The section letter of the NACE code, computed by the database itself."""
    whens = [
        When(
            Q(
                nace_version=version,
                nace_code__gte=f"{first:02d}000",
                nace_code__lte=f"{last:02d}999",
            ),
            then=Value(letter),
        )
        for version, table in nace.SECTION_DIVISIONS.items()
        for letter, first, last in table
    ]
    return Case(*whens, default=Value(""), output_field=models.CharField(max_length=1))


class ProjectQuerySet(models.QuerySet):
    """The record lists are QuerySet methods shared by the list page, its export
    (workbook/lists.py) and the API."""

    def for_list(self, organisation: Organisation) -> "ProjectQuerySet":
        """The organisation's projects in the order of the list: by reference."""
        return self.filter(organisation=organisation).select_related("enterprise").order_by("ref")

    def with_holder_count(self) -> "ProjectQuerySet":
        # A subquery: it runs for the rows of a page only, where a Count() would group
        # every matching project first.
        holder_count = (
            Project.holders.through.objects.filter(project=OuterRef("pk"))
            .order_by()
            .values("project")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(holder_count=Coalesce(Subquery(holder_count), 0))

    def with_enrolments(self) -> "ProjectQuerySet":
        """Each project's enrolments with their programme, by start date."""
        return self.prefetch_related(
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.select_related("programme").order_by("start_date"),
            )
        )


class Project(OrganisationRecord):
    ref = models.CharField(
        _("project reference"), max_length=40, validators=[project_ref_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    project_type = models.CharField(_("project type"), max_length=20, choices=ProjectType.choices)
    sector_type = models.CharField(_("sector"), max_length=20, choices=SectorType.choices)
    nace_version = models.CharField(
        _("NACE-BEL version"), max_length=4, choices=NaceVersion.choices, default=NaceVersion.V2008
    )
    nace_code = models.CharField(_("NACE-BEL activity"), max_length=5, blank=True)
    nace_section = models.GeneratedField(
        expression=nace_section_expression(),
        output_field=models.CharField(max_length=1),
        db_persist=True,
        verbose_name=_("NACE-BEL section"),
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    intake_date = models.DateField(_("intake date"), validators=[validate_record_date])
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    status_date = models.DateField(
        _("status date"), null=True, blank=True, validators=[validate_record_date]
    )
    stop_reason = models.TextField(_("reason for stopping"), blank=True)
    holders = models.ManyToManyField(
        Person, related_name="projects", blank=True, verbose_name=_("project holders")
    )
    history = HistoricalRecords(m2m_fields=[holders])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["ref"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "ref"], name="project_ref_unique"),
            choice_check("project_type", ProjectType, "project_type_known"),
            choice_check("sector_type", SectorType, "project_sector_known"),
            choice_check("status", ProjectStatus, "project_status_known"),
            choice_check("nace_version", NaceVersion, "project_nace_version_known"),
            models.CheckConstraint(
                condition=Q(status_date__isnull=True) | Q(status_date__gte=F("intake_date")),
                name="project_status_after_intake",
                violation_error_message=_("The status date cannot be before the intake date."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "intake_date"])]

    def __str__(self) -> str:
        return f"{self.ref} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("project", args=[self.organisation.slug, self.pk])

    def clean(self) -> None:
        super().clean()
        if self.nace_code and self.nace_activity is None:
            raise ValidationError(
                {
                    "nace_code": _("%(code)s is not a NACE-BEL %(version)s subclass.")
                    % {"code": self.nace_code, "version": self.nace_version}
                }
            )

    @property
    def nace_activity(self) -> nace.NaceActivity | None:
        return nace.lookup(self.nace_version, self.nace_code) if self.nace_code else None


class Enrolment(OrganisationRecord):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("project")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("programme")
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("cohort"),
    )
    start_date = models.DateField(_("start date"), validators=[validate_record_date])
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Empty while the enrolment goes on."),
        validators=[validate_record_date],
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=EnrolmentOutcome.choices,
        default=EnrolmentOutcome.ONGOING,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="enrolment_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            choice_check("outcome", EnrolmentOutcome, "enrolment_outcome_known"),
        ]
        indexes = [
            models.Index(fields=["organisation", "start_date"]),
            # Whether a project was enrolled on or before a day, read from the index alone.
            models.Index(fields=["project", "start_date"], name="enrolment_project_start"),
        ]

    def __str__(self) -> str:
        return f"{self.project.ref} · {self.programme}"


class Enterprise(OrganisationRecord):
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="enterprise", verbose_name=_("project")
    )
    enterprise_number = models.CharField(
        _("enterprise number (BCE/KBO)"),
        max_length=10,
        blank=True,
        validators=[validate_enterprise_number],
        help_text=_("Ten digits, e.g. 0123.456.749; empty while not registered."),
    )
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(
        _("legal form"), max_length=3, blank=True, validators=[validate_legal_form]
    )
    legal_form_family = models.GeneratedField(
        expression=Case(
            # No legal form: a natural person's enterprise if registered, else not known yet.
            When(legal_form="", enterprise_number="", then=Value(legal_forms.Family.UNKNOWN.value)),
            When(legal_form="", then=Value(legal_forms.Family.SOLE_TRADER.value)),
            *[
                When(legal_form__in=sorted(codes), then=Value(family.value))
                for family, codes in legal_forms.FAMILY_CODES.items()
            ],
            When(
                Q(legal_form__gte="1", legal_form__lt="2")
                | Q(legal_form__gte="3", legal_form__lt="5"),
                then=Value(legal_forms.Family.PUBLIC.value),
            ),
            default=Value(legal_forms.Family.OTHER.value),
            output_field=models.CharField(max_length=20),
        ),
        output_field=models.CharField(max_length=20, choices=legal_forms.Family.choices),
        db_persist=True,
        verbose_name=_("legal-form family"),
    )
    created_during_accompaniment = models.BooleanField(
        _("created during the accompaniment"),
        default=True,
        help_text=_(
            "Counts as an enterprise created; untick for an enterprise that existed before."
        ),
    )
    creation_date = models.DateField(
        _("creation date"), null=True, blank=True, validators=[validate_record_date]
    )
    cessation_date = models.DateField(
        _("cessation date"), null=True, blank=True, validators=[validate_record_date]
    )
    cessation_reason = models.CharField(
        _("reason for cessation"), max_length=20, blank=True, choices=CessationReason.choices
    )
    joint_committees = models.JSONField(
        _("joint committees"), default=list, blank=True, validators=[validate_joint_committees]
    )
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "enterprise_number"],
                condition=~Q(enterprise_number=""),
                name="enterprise_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(cessation_date__isnull=True)
                | Q(creation_date__isnull=True)
                | Q(cessation_date__gte=F("creation_date")),
                name="enterprise_ceases_after_creation",
                violation_error_message=_("The cessation date cannot be before the creation date."),
            ),
            choice_check(
                "cessation_reason", CessationReason, "enterprise_cessation_reason_known", blank=True
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def enterprise_number_dotted(self) -> str:
        return enterprise_numbers.dotted(self.enterprise_number)

    @property
    def legal_form_family_label(self) -> str:
        return legal_forms.Family(self.legal_form_family).label if self.legal_form_family else ""

    @property
    def legal_form_label(self) -> str:
        return legal_forms.label(self.legal_form) if self.legal_form else ""

    @property
    def joint_committee_labels(self) -> list[tuple[str, str]]:
        return [(code, joint_committees.label(code)) for code in self.joint_committees]

    @property
    def is_active(self) -> bool:
        return self.cessation_date is None


class ActivityQuerySet(models.QuerySet):
    def for_list(self, organisation: Organisation) -> "ActivityQuerySet":
        """The organisation's activities as the list, its export and the API give them:
        latest first, with the programme and the references of their projects."""
        return (
            self.filter(organisation=organisation)
            .select_related("programme")
            .prefetch_related(Prefetch("projects", queryset=Project.objects.only("id", "ref")))
            .order_by("-date", "-pk")
        )


class Activity(OrganisationRecord):
    # The workbook's activity_ref; given on creation when left empty.
    ref = models.CharField(
        _("activity reference"), max_length=40, blank=True, validators=[project_ref_validator]
    )
    date = models.DateField(_("date"), validators=[validate_record_date])
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    hours = models.DecimalField(
        _("hours"), max_digits=6, decimal_places=2, validators=[validate_session_hours]
    )
    projects = models.ManyToManyField(
        Project, related_name="activities", blank=True, verbose_name=_("projects")
    )
    # Derived from the links and kept by `register.linkcounts`: the indicators sum
    # hours × projects from the activities alone instead of joining every link row.
    project_count = models.PositiveIntegerField(_("number of projects"), default=0, editable=False)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("programme"),
    )
    expert_type = models.CharField(
        _("type of expertise"), max_length=20, blank=True, choices=ExpertType.choices
    )
    expert_name = models.CharField(_("expert or firm"), max_length=200, blank=True)
    cost_eur = models.DecimalField(
        _("cost (EUR, VAT included)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    # Derived by the database, so that the projects trained in governance are found
    # through an index instead of reading the topics of every activity of a period.
    # STRPOS/INSTR rather than LIKE: PostgreSQL finds no collation for LIKE there.
    governance_topic = models.GeneratedField(
        expression=Case(
            When(
                Q(
                    *[
                        GreaterThan(
                            StrIndex(Cast("topics", models.TextField()), Value(f'"{topic}"')), 0
                        )
                        for topic in GOVERNANCE_TOPICS
                    ],
                    _connector=Q.OR,
                ),
                then=Value(True),
            ),
            default=Value(False),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("governance topic"),
    )
    attendees = models.PositiveIntegerField(_("attendees"), null=True, blank=True)
    # Outreach activities only (docs/spec/mission.md).
    audience = models.PositiveIntegerField(
        _("audience"), null=True, blank=True, help_text=_("Number of people reached.")
    )
    channel = models.CharField(
        _("channel"), max_length=20, blank=True, choices=OutreachChannel.choices
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords(m2m_fields=[projects], excluded_fields=["project_count"])

    objects = ActivityQuerySet.as_manager()

    LIST_CHOICES = {"topics": Topic}

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "ref"], condition=~Q(ref=""), name="activity_ref_unique"
            ),
            choice_check("kind", ActivityKind, "activity_kind_known"),
            choice_check("expert_type", ExpertType, "activity_expert_type_known", blank=True),
            models.CheckConstraint(
                condition=Q(hours__gte=0),
                name="activity_hours_not_negative",
                violation_error_message=_("Hours cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(cost_eur__isnull=True) | Q(cost_eur__gte=0),
                name="activity_cost_not_negative",
                violation_error_message=_("A cost cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(kind=ActivityKind.EXPERT)
                | Q(expert_type="", expert_name="", cost_eur__isnull=True),
                name="activity_expert_fields_for_experts_only",
                violation_error_message=_(
                    "Expert type, expert and cost are only for an expert intervention."
                ),
            ),
            choice_check("channel", OutreachChannel, "activity_channel_known", blank=True),
            models.CheckConstraint(
                condition=Q(kind__in=sorted(OUTREACH_KINDS)) | Q(audience__isnull=True, channel=""),
                name="activity_outreach_fields_for_outreach_only",
                violation_error_message=_("Audience and channel are only for outreach activities."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "date"]),
            # Indicators count sessions, experts, events and desk-days of a period: with
            # the programme, hours and attendees in the index, SQLite reads no table row.
            models.Index(
                fields=[
                    "organisation",
                    "kind",
                    "date",
                    "programme",
                    "hours",
                    "attendees",
                    "project_count",
                ],
                name="activity_period_figures",
            ),
            models.Index(
                fields=["organisation", "governance_topic", "date"], name="activity_governance"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {date_format(self.date, 'SHORT_DATE_FORMAT')}"

    def save(self, *args, **kwargs) -> None:
        if not self.ref:
            self.ref = new_ref("A")
        super().save(*args, **kwargs)


class Application(OrganisationRecord):
    """An application to a programme and its decision (docs/spec/comparison.md §4): the
    rejected and withdrawn applicants are the comparison group."""

    ref = models.CharField(
        _("application reference"), max_length=40, validators=[project_ref_validator]
    )
    date = models.DateField(_("application date"), validators=[validate_record_date])
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("programme applied to"),
    )
    name = models.CharField(_("project name"), max_length=200)
    enterprise_number = models.CharField(
        _("enterprise number"),
        max_length=10,
        blank=True,
        validators=[validate_enterprise_number],
    )
    nace_version = models.CharField(
        _("NACE-BEL version"), max_length=4, choices=NaceVersion.choices, default=NaceVersion.V2008
    )
    nace_code = models.CharField(_("NACE-BEL activity"), max_length=5, blank=True)
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=ApplicationDecision.choices,
        default=ApplicationDecision.WAITING,
    )
    decision_date = models.DateField(
        _("decision date"), null=True, blank=True, validators=[validate_record_date]
    )
    reason = models.CharField(
        _("reason of the decision"), max_length=20, choices=DecisionReason.choices, blank=True
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("project it became"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "ref"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "ref"], name="application_ref_unique"),
            choice_check("decision", ApplicationDecision, "application_decision_known"),
            choice_check("reason", DecisionReason, "application_reason_known", blank=True),
            choice_check("nace_version", NaceVersion, "application_nace_version_known"),
            models.CheckConstraint(
                condition=Q(decision_date__isnull=True) | Q(decision_date__gte=F("date")),
                name="application_decision_after_date",
                violation_error_message=_(
                    "The decision date cannot be before the application date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(project__isnull=True) | Q(decision=ApplicationDecision.ACCEPTED),
                name="application_project_when_accepted",
                violation_error_message=_("Only an accepted application became a project."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "date"]),
            # The comparison group's register entries are found by their number.
            models.Index(fields=["organisation", "enterprise_number"], name="application_number"),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.name}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.project_id and self.project.organisation_id != self.organisation_id:
            errors["project"] = _("The project belongs to another organisation.")
        if self.programme_id and self.programme.organisation_id != self.organisation_id:
            errors["programme"] = _("The programme belongs to another organisation.")
        if self.nace_code and nace.lookup(self.nace_version, self.nace_code) is None:
            errors["nace_code"] = _("%(code)s is not a NACE-BEL %(version)s subclass.") % {
                "code": self.nace_code,
                "version": self.nace_version,
            }
        if errors:
            raise ValidationError(errors)
