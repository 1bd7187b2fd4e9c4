from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from sillon.codes.fields import (
    CodeSearchInput,
    EnterpriseNumberField,
    JointCommitteesField,
    LegalFormField,
    NaceCodeField,
    check_nace,
)
from sillon.core.forms import MultipleChoiceCheckboxes, OrganisationModelForm, TagsField
from sillon.register.choices import OUTREACH_KINDS, ActivityKind, ProjectStatus, Topic
from sillon.register.extensions import activity_form_extensions
from sillon.register.models import (
    Activity,
    Application,
    Cohort,
    Enrolment,
    Enterprise,
    Person,
    Programme,
    Project,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def unique_in_organisation(form, field: str, message) -> str:
    """Check a per-organisation unique field (the organisation is not a form field)."""
    value = form.cleaned_data.get(field)
    model = form._meta.model
    taken = model.objects.filter(organisation=form.organisation, **{field: value})
    if value and taken.exclude(pk=form.instance.pk).exists():
        raise ValidationError(message, params={"value": value})
    return value


class ProgrammeForm(OrganisationModelForm):
    class Meta:
        model = Programme
        fields = ["code", "name_fr", "name_nl", "name_en", "kind"]

    def clean_code(self):
        return unique_in_organisation(
            self, "code", _("A programme already has the code %(value)s.")
        )


class CohortForm(OrganisationModelForm):
    class Meta:
        model = Cohort
        fields = ["programme", "name", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}


class ProjectForm(OrganisationModelForm):
    nace_code = NaceCodeField(label=_("NACE-BEL activity"))
    themes = TagsField(label=_("Themes"))

    class Meta:
        model = Project
        fields = [
            "ref",
            "name",
            "project_type",
            "sector_type",
            "nace_version",
            "nace_code",
            "themes",
            "intake_date",
            "status",
            "status_date",
            "stop_reason",
        ]
        widgets = {
            "intake_date": DATE,
            "status_date": DATE,
            "stop_reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"ref": _("Unique in the organisation, e.g. P-2024-017.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        activity = self.instance.nace_activity if self.instance.pk else None
        if activity is not None:
            self.initial["nace_code"] = f"{activity.code} {activity.label()}"

    def clean_ref(self):
        return unique_in_organisation(
            self, "ref", _("A project already has the reference %(value)s.")
        )

    def clean(self):
        cleaned = super().clean()
        check_nace(self, "nace_version", "nace_code")
        if cleaned.get("status") == ProjectStatus.STOPPED and not cleaned.get("stop_reason"):
            self.add_error("stop_reason", _("Say why the project stopped."))
        if cleaned.get("status") != ProjectStatus.ACTIVE and not cleaned.get("status_date"):
            self.add_error("status_date", _("Give the date of this status."))
        return cleaned


class PersonForm(OrganisationModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "email",
            "gender",
            "birth_year",
            "situation_at_intake",
            "language",
            "followup_consent",
            "followup_consent_date",
        ]
        # The year of birth is checked by the model field's validator (core/validators.py).
        widgets = {"followup_consent_date": DATE}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("followup_consent") and not cleaned.get("followup_consent_date"):
            self.add_error("followup_consent_date", _("Give the date on which the holder agreed."))
        if cleaned.get("followup_consent") and not cleaned.get("email"):
            self.add_error("email", _("Give an e-mail address to follow the holder up."))
        return cleaned


class EnrolmentForm(OrganisationModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = (
            self.fields["cohort"]
            .queryset.select_related("programme")
            .order_by("-start_date", "programme__code")
        )

    class Meta:
        model = Enrolment
        fields = ["programme", "cohort", "start_date", "end_date", "outcome"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def clean(self):
        cleaned = super().clean()
        cohort, programme = cleaned.get("cohort"), cleaned.get("programme")
        if cohort and programme and cohort.programme_id != programme.pk:
            self.add_error("cohort", _("This cohort belongs to another programme."))
        return cleaned


class EnterpriseForm(OrganisationModelForm):
    enterprise_number = EnterpriseNumberField(
        label=_("Enterprise number (BCE/KBO)"),
        help_text=_("Ten digits, e.g. 0123.456.749; empty while not registered."),
    )
    legal_form = LegalFormField(label=_("Legal form"))
    joint_committees = JointCommitteesField(label=_("Joint committees"))

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "enterprise_number",
            "legal_form",
            "created_during_accompaniment",
            "creation_date",
            "cessation_date",
            "cessation_reason",
            "joint_committees",
            "postcode",
        ]
        widgets = {"creation_date": DATE, "cessation_date": DATE}

    def clean_postcode(self):
        postcode = self.cleaned_data.get("postcode", "").strip()
        if postcode and not (postcode.isdigit() and len(postcode) == 4 and postcode[0] != "0"):
            raise ValidationError(_("A Belgian postcode has four digits, e.g. 1000."))
        return postcode

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("enterprise_number")
        if number:
            taken = Enterprise.objects.filter(
                organisation=self.organisation, enterprise_number=number
            )
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "enterprise_number",
                    _("Another enterprise of the organisation has this number."),
                )
        if cleaned.get("cessation_reason") and not cleaned.get("cessation_date"):
            self.add_error("cessation_date", _("Give the date of the cessation."))
        return cleaned


class ProjectRefsField(forms.CharField):
    """Projects typed as their references, "P-2024-017, P-2024-018", with suggestions."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Project references, separated by commas."))
        super().__init__(**kwargs)

    def to_python(self, value):
        parts = [part.strip().split(" ")[0] for part in (value or "").split(",")]
        return list(dict.fromkeys(part for part in parts if part))

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value


class ActivityForm(OrganisationModelForm):
    """One activity, for one or several projects: also the quick "log a session" form."""

    project_refs = ProjectRefsField(label=_("Projects"), required=False)
    topics = MultipleChoiceCheckboxes(Topic, label=_("Topics"))

    class Meta:
        model = Activity
        fields = [
            "date",
            "kind",
            "hours",
            "programme",
            "expert_type",
            "expert_name",
            "cost_eur",
            "topics",
            "attendees",
            "audience",
            "channel",
            "note",
        ]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 2})}
        labels = {"note": _("Note or description")}

    field_order = ["date", "kind", "project_refs", "hours"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["project_refs"].widget = CodeSearchInput(
            reverse_lazy("project_search", args=[organisation.slug]), multiple=True
        )
        if self.instance.pk:
            self.initial["project_refs"] = [p.ref for p in self.instance.projects.all()]
        for extension in activity_form_extensions():
            extension.add_fields(self)

    def clean(self):
        cleaned = super().clean()
        refs = cleaned.get("project_refs") or []
        projects = list(Project.objects.filter(organisation=self.organisation, ref__in=refs))
        missing = sorted(set(refs) - {p.ref for p in projects})
        if missing:
            self.add_error(
                "project_refs",
                ValidationError(
                    _("No project of the organisation has the reference %(refs)s."),
                    params={"refs": ", ".join(missing)},
                ),
            )
        kind = cleaned.get("kind")
        if kind in OUTREACH_KINDS:
            if refs:
                self.add_error("project_refs", _("An outreach activity has no project."))
            if not cleaned.get("channel"):
                self.add_error("channel", _("Required for an outreach activity."))
        else:
            if kind and kind != ActivityKind.EVENT and not refs:
                self.add_error(
                    "project_refs",
                    _("Name at least one project (only events and outreach may have none)."),
                )
            for field in ("audience", "channel"):
                if kind and cleaned.get(field) not in (None, ""):
                    self.add_error(field, _("Only for an outreach activity."))
        if kind == ActivityKind.EXPERT:
            for field in ("expert_type", "expert_name", "cost_eur"):
                if cleaned.get(field) in (None, ""):
                    self.add_error(field, _("Required for an expert intervention."))
        elif kind:
            for field in ("expert_type", "expert_name", "cost_eur"):
                if cleaned.get(field) not in (None, ""):
                    self.add_error(field, _("Only for an expert intervention."))
        if kind and kind != ActivityKind.EVENT and cleaned.get("attendees") is not None:
            self.add_error("attendees", _("Only for an event."))
        if cleaned.get("cost_eur") is not None and cleaned["cost_eur"] < 0:
            self.add_error("cost_eur", _("A cost cannot be negative."))
        self.projects = projects
        for extension in activity_form_extensions():
            extension.clean(self, cleaned)
        return cleaned


class ApplicationForm(OrganisationModelForm):
    """The project it became is chosen among the organisation's own projects only: a
    project of another organisation is refused."""

    nace_code = NaceCodeField(label=_("NACE-BEL activity"))
    enterprise_number = EnterpriseNumberField(label=_("enterprise number"))

    class Meta:
        model = Application
        fields = [
            "ref",
            "date",
            "programme",
            "name",
            "enterprise_number",
            "nace_version",
            "nace_code",
            "decision",
            "decision_date",
            "reason",
            "project",
        ]
        widgets = {"date": DATE, "decision_date": DATE}

    def clean_ref(self):
        return unique_in_organisation(
            self, "ref", _("An application already has the reference %(value)s.")
        )
