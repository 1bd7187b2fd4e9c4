"""What the official business register (KBO/BCE open data) says about the tracked
enterprises, the syncs that read it, and the findings where it disagrees with Sillon
(docs/spec/reference.md, "KBO/BCE open data")."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sillon.accounts.models import Organisation
from sillon.codes import enterprise_numbers, legal_forms, nace
from sillon.kbo.choices import FindingKind, FindingStatus, SyncKind
from sillon.register.choices import ApplicationDecision
from sillon.register.models import Application, Enterprise, choice_check

# Language codes of denomination.csv.
NAME_LANGUAGES = {"1": "fr", "2": "nl", "3": "de", "4": "en"}
LEGAL_NAME = "001"
NORMAL_SITUATION = "000"
# The comparison group (docs/spec/comparison.md §4): applicants turned down or gone.
COMPARISON_GROUP = [ApplicationDecision.REJECTED, ApplicationDecision.WITHDRAWN]


def tracked_number_sources(organisation: Organisation | None = None) -> list[models.QuerySet]:
    """The enterprise numbers an organisation tracks (every organisation's, without one),
    as querysets of numbers the database can use as subqueries: its enterprises', and
    those of its rejected and withdrawn applicants, the comparison group, whose register
    entries are kept exactly like the others (they raise no finding: there is no record
    of theirs in Sillon to disagree with).

    The one rule of what is tracked: the sync reads these numbers, and every page, list
    and export reads register entries only through them (`RegisterEntry.objects.
    tracked_by`): an organisation never sees an entry it does not track, even though
    entries are kept once per number for the whole installation."""
    enterprises = Enterprise.objects.exclude(enterprise_number="")
    applicants = Application.objects.filter(decision__in=COMPARISON_GROUP).exclude(
        enterprise_number=""
    )
    if organisation is not None:
        enterprises = enterprises.filter(organisation=organisation)
        applicants = applicants.filter(organisation=organisation)
    return [
        enterprises.values_list("enterprise_number", flat=True),
        applicants.values_list("enterprise_number", flat=True),
    ]


def tracked_numbers(organisation: Organisation | None = None) -> list[str]:
    """The numbers of `tracked_number_sources`, sorted, each once."""
    numbers: set[str] = set()
    for source in tracked_number_sources(organisation):
        numbers.update(source)
    return sorted(numbers)


class SyncRun(models.Model):
    """One extract read successfully; a bad extract leaves no run and changes nothing."""

    kind = models.CharField(_("kind"), max_length=10, choices=SyncKind.choices)
    extract_number = models.PositiveIntegerField(_("extract number"))
    snapshot_date = models.DateField(_("snapshot date"))
    extract_timestamp = models.CharField(_("extract timestamp"), max_length=40, blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    checksum = models.CharField(_("checksum"), max_length=64)
    tracked = models.PositiveIntegerField(_("tracked enterprises"), default=0)
    found = models.PositiveIntegerField(_("found in the extract"), default=0)
    lines_read = models.PositiveBigIntegerField(_("lines matched"), default=0)
    findings_created = models.PositiveIntegerField(_("new findings"), default=0)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    read_seconds = models.FloatField(_("reading time (s)"))
    write_seconds = models.FloatField(_("writing time (s)"))

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("register sync")
        verbose_name_plural = _("register syncs")
        constraints = [choice_check("kind", SyncKind, "kbo_sync_kind_known")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.snapshot_date})"

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.write_seconds


class RegisterEntryQuerySet(models.QuerySet):
    def tracked_by(self, organisation: Organisation) -> "RegisterEntryQuerySet":
        """The entries of the numbers the organisation tracks: the only way a page, a
        list, an export or the API reads the register (entries are shared by every
        organisation of the installation)."""
        condition = Q()
        for source in tracked_number_sources(organisation):
            condition |= Q(enterprise_number__in=source)
        return self.filter(condition)


class RegisterEntry(models.Model):
    """The register's view of one tracked enterprise number, as of its last sync.
    Read it through `RegisterEntry.objects.tracked_by(organisation)`."""

    enterprise_number = models.CharField(
        _("enterprise number (BCE/KBO)"), max_length=10, unique=True
    )
    active = models.BooleanField(_("active in the register"), default=True)
    status = models.CharField(_("status"), max_length=2, blank=True)
    juridical_situation = models.CharField(_("juridical situation"), max_length=3, blank=True)
    # The extract's own labels of the situation ({"fr": ..., "nl": ..., "de": ...}).
    juridical_situation_labels = models.JSONField(_("juridical situation labels"), default=dict)
    type_of_enterprise = models.CharField(_("type of enterprise"), max_length=1, blank=True)
    juridical_form = models.CharField(_("legal form (register)"), max_length=3, blank=True)
    juridical_form_cac = models.CharField(
        _("legal form (Code of Companies)"), max_length=3, blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    nace_2008 = models.CharField(_("main activity (NACE-BEL 2008)"), max_length=5, blank=True)
    nace_2025 = models.CharField(_("main activity (NACE-BEL 2025)"), max_length=5, blank=True)
    # [[language, type of denomination, text], ...] as denomination.csv gives them.
    names = models.JSONField(_("names"), default=list)
    postcode = models.CharField(_("postcode of the registered office"), max_length=10, blank=True)
    # The snapshot date of the first extract that showed it stopped (no longer active, or
    # a juridical situation other than normal), kept while it stays so: the cessation
    # date of an applicant's enterprise (docs/spec/comparison.md §4), the date a manager's
    # acceptance of such a finding writes on an enterprise of Sillon.
    stopped_since = models.DateField(_("stopped since"), null=True, blank=True)
    sync_run = models.ForeignKey(
        SyncRun, on_delete=models.PROTECT, related_name="entries", verbose_name=_("sync")
    )
    extract_number = models.PositiveIntegerField(_("extract number"))
    snapshot_date = models.DateField(_("snapshot date"))

    objects = RegisterEntryQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise_number"]
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")

    def __str__(self) -> str:
        return enterprise_numbers.dotted(self.enterprise_number)

    @property
    def stopped(self) -> bool:
        """What makes a finding close an enterprise (findings.disagreements)."""
        situation = self.juridical_situation
        return not self.active or bool(situation and situation != NORMAL_SITUATION)

    @property
    def legal_form(self) -> str:
        """JuridicalFormCAC first: the form to read while the statutes are not adapted."""
        return self.juridical_form_cac or self.juridical_form

    @property
    def legal_form_label(self) -> str:
        return legal_forms.label(self.legal_form) if self.legal_form else ""

    @property
    def juridical_situation_label(self) -> str:
        labels = self.juridical_situation_labels or {}
        language = (get_language() or "fr")[:2]
        return labels.get(language) or labels.get("fr") or labels.get("nl") or ""

    @property
    def name(self) -> str:
        """The legal name, in the user's language when the register has it."""
        language = (get_language() or "fr")[:2]
        legal = [entry for entry in self.names if entry[1] == LEGAL_NAME] or self.names
        for code, _type, text in legal:
            if NAME_LANGUAGES.get(code) == language:
                return text
        return legal[0][2] if legal else ""

    def nace_activity(self, version: str) -> nace.NaceActivity | None:
        code = self.nace_2025 if version == "2025" else self.nace_2008
        return nace.lookup(version, code) if code else None

    def nace_activities(self) -> list[tuple[str, str, str]]:
        """(version, code, label) of the main activities the register knows."""
        rows = []
        for version, code in (("2008", self.nace_2008), ("2025", self.nace_2025)):
            if code:
                activity = nace.lookup(version, code)
                rows.append((version, code, activity.label() if activity else ""))
        return rows


class FindingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=FindingStatus.OPEN)


class Finding(models.Model):
    """A disagreement between the register and Sillon, for a manager to settle."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="findings", verbose_name=_("enterprise")
    )
    sync_run = models.ForeignKey(
        SyncRun, on_delete=models.PROTECT, related_name="findings", verbose_name=_("sync")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=FindingKind.choices)
    sillon_value = models.CharField(_("in Sillon"), max_length=200, blank=True)
    register_value = models.CharField(_("in the register"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("register finding")
        verbose_name_plural = _("register findings")
        constraints = [
            # Re-reading the same extract finds the same finding, never a second one.
            models.UniqueConstraint(
                fields=["enterprise", "kind", "register_value"], name="kbo_finding_unique"
            ),
            choice_check("kind", FindingKind, "kbo_finding_kind_known"),
            choice_check("status", FindingStatus, "kbo_finding_status_known"),
            models.CheckConstraint(
                condition=Q(status=FindingStatus.OPEN) | Q(decided_at__isnull=False),
                name="kbo_finding_decided_when_settled",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status", "kind"])]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()}"


class UploadStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being read")
    DONE = "done", _("Read")
    FAILED = "failed", _("Failed")


class ExtractUpload(models.Model):
    """An extract uploaded on the Official register page, read by a background task
    (sillon/kbo/tasks.py). The file is kept in the data folder until it is read."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file_name = models.CharField(_("file"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    folder = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=UploadStatus.choices, default=UploadStatus.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    sync_run = models.ForeignKey(
        SyncRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sync"),
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("uploaded extract")
        verbose_name_plural = _("uploaded extracts")
        constraints = [choice_check("status", UploadStatus, "kbo_upload_status_known")]

    def __str__(self) -> str:
        return self.file_name
