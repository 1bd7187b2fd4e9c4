"""The centre's whole mission (docs/spec/mission.md): the missions of the funding
agreement and what is assigned to them, the partners of outreach activities, stakes in
accompanied enterprises, declarations of interest and the definitions register."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sillon.core.validators import validate_record_date
from sillon.mission.choices import DefinitionStatus, InterestNature, StakeKind
from sillon.outcomes.models import CostLine, Partner
from sillon.register.choices import ActivityKind
from sillon.register.models import (
    Activity,
    Enterprise,
    OrganisationRecord,
    Project,
    choice_check,
)


class Mission(OrganisationRecord):
    """A mission of the organisation's funding agreement."""

    code = models.SlugField(_("code"), max_length=40)
    title_fr = models.CharField(_("title in French"), max_length=200)
    title_nl = models.CharField(_("title in Dutch"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    article = models.CharField(
        _("article"), max_length=80, blank=True, help_text=_("e.g. 3.1.10 communication")
    )
    also_covered_by = models.ManyToManyField(
        Partner,
        related_name="missions_also_covered",
        blank=True,
        verbose_name=_("also covered by"),
    )
    history = HistoricalRecords(m2m_fields=[also_covered_by])

    class Meta:
        ordering = ["code"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="mission_code_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        language = (get_language() or "fr")[:2]
        return getattr(self, f"title_{language}", "") or self.title_fr


class MissionDefault(OrganisationRecord):
    """The mission an activity of a kind goes to unless it names its own (set by the admin)."""

    activity_kind = models.CharField(
        _("activity kind"), max_length=20, choices=ActivityKind.choices
    )
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="defaults", verbose_name=_("mission")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity_kind"]
        verbose_name = _("default mission")
        verbose_name_plural = _("default missions")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "activity_kind"], name="mission_default_kind_unique"
            ),
            choice_check("activity_kind", ActivityKind, "mission_default_kind_known"),
        ]


class ActivityMission(OrganisationRecord):
    """What an activity adds for the mission: its own mission (else its kind's default)
    and, for outreach, the partner organisations involved."""

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="mission_link", verbose_name=_("activity")
    )
    mission = models.ForeignKey(
        Mission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activity_links",
        verbose_name=_("mission"),
    )
    partners = models.ManyToManyField(
        Partner, related_name="outreach_links", blank=True, verbose_name=_("partners involved")
    )
    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        verbose_name = _("mission of an activity")
        verbose_name_plural = _("missions of activities")


class CostLineMission(OrganisationRecord):
    cost_line = models.OneToOneField(
        CostLine, on_delete=models.CASCADE, related_name="mission_link", verbose_name=_("cost line")
    )
    mission = models.ForeignKey(
        Mission, on_delete=models.PROTECT, related_name="cost_links", verbose_name=_("mission")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mission of a cost line")
        verbose_name_plural = _("missions of cost lines")


class Stake(OrganisationRecord):
    """A stake of the centre in an accompanied enterprise."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="stakes", verbose_name=_("enterprise")
    )
    acquired_date = models.DateField(_("date acquired"), validators=[validate_record_date])
    kind = models.CharField(_("kind"), max_length=20, choices=StakeKind.choices)
    amount_eur = models.DecimalField(
        _("amount (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    capital_share = models.DecimalField(
        _("share of capital"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Between 0 and 1, e.g. 0.15 for 15 %."),
    )
    ended_date = models.DateField(
        _("date ended"), null=True, blank=True, validators=[validate_record_date]
    )
    decision_ref = models.CharField(
        _("decision reference"), max_length=200, blank=True, help_text=_("e.g. board minutes")
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-acquired_date", "-pk"]
        verbose_name = _("stake")
        verbose_name_plural = _("stakes")
        constraints = [
            choice_check("kind", StakeKind, "stake_kind_known"),
            models.CheckConstraint(
                condition=Q(amount_eur__isnull=True) | Q(amount_eur__gte=0),
                name="stake_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(capital_share__isnull=True) | Q(capital_share__range=(0, 1)),
                name="stake_capital_share_between_0_and_1",
                violation_error_message=_("A share of capital is between 0 and 1."),
            ),
            models.CheckConstraint(
                condition=Q(ended_date__isnull=True) | Q(ended_date__gte=F("acquired_date")),
                name="stake_ends_after_acquired",
                violation_error_message=_("The end date cannot be before the date acquired."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()}"


class InterestDeclaration(OrganisationRecord):
    """A declaration of interest: admin and manager only, never exported."""

    declarant = models.CharField(
        _("member of the structure"), max_length=200, help_text=_("Staff or board member.")
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="interest_declarations",
        verbose_name=_("project or enterprise concerned"),
    )
    date = models.DateField(_("date"), validators=[validate_record_date])
    nature = models.CharField(_("nature"), max_length=20, choices=InterestNature.choices)
    measures = models.TextField(_("measures taken"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("declaration of interest")
        verbose_name_plural = _("declarations of interest")
        constraints = [choice_check("nature", InterestNature, "interest_nature_known")]

    def __str__(self) -> str:
        return f"{self.project.ref} · {self.get_nature_display()}"


class DefinitionVersion(OrganisationRecord):
    """One version of a definition used by the reports (docs/spec/mission.md)."""

    code = models.CharField(_("definition"), max_length=80)
    version = models.PositiveIntegerField(_("version"))
    text_fr = models.TextField(_("text in French"))
    text_nl = models.TextField(_("text in Dutch"))
    text_en = models.TextField(_("text in English"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DefinitionStatus.choices, default="draft"
    )
    agreed_date = models.DateField(
        _("date agreed"), null=True, blank=True, validators=[validate_record_date]
    )
    agreed_by = models.CharField(
        _("body that agreed"), max_length=200, blank=True, help_text=_("e.g. Brupartners")
    )
    applies_from = models.DateField(_("applies from"), validators=[validate_record_date])
    created_date = models.DateField(_("date created"), default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("definition version")
        verbose_name_plural = _("definition versions")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code", "version"], name="definition_version_unique"
            ),
            choice_check("status", DefinitionStatus, "definition_status_known"),
            models.CheckConstraint(
                condition=~Q(status="agreed") | Q(agreed_date__isnull=False) & ~Q(agreed_by=""),
                name="definition_agreed_has_date_and_body",
                violation_error_message=_("An agreed definition has a date and a body."),
            ),
            models.CheckConstraint(
                condition=Q(agreed_date__isnull=True) | Q(agreed_date__gte=F("created_date")),
                name="definition_agreed_after_created",
                violation_error_message=_(
                    "The agreement cannot be dated before the definition was created."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def text(self) -> str:
        language = (get_language() or "fr")[:2]
        return getattr(self, f"text_{language}", "") or self.text_fr
