from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, formset_factory
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from sillon.catalogue.indicators import scalar_choices
from sillon.catalogue.periods import parse_period
from sillon.catalogue.targets import Direction, default_direction
from sillon.codes.fields import JointCommitteeField
from sillon.core.forms import OrganisationModelForm, TextListField
from sillon.outcomes.choices import ContractType, PartnerKind, WorkerStatus
from sillon.outcomes.models import (
    AccreditationEvent,
    CostLine,
    ImpactAssessment,
    InternalAction,
    Job,
    NonAccreditationReason,
    Partner,
    PartnerInteraction,
    Target,
    Transfer,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ChildForm(OrganisationModelForm):
    """A record of a project or of its enterprise (`parent_field`), given by the page."""

    parent_field = "project"

    def __init__(self, *args, parent=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parent is not None:
            setattr(self.instance, self.parent_field, parent)
        self.parent = getattr(self.instance, self.parent_field, None)


class JobForm(ChildForm):
    parent_field = "enterprise"
    joint_committee = JointCommitteeField(label=_("Joint committee"))

    class Meta:
        model = Job
        fields = [
            "job_ref",
            "start_date",
            "end_date",
            "worker_status",
            "contract_type",
            "weekly_hours",
            "full_time_hours",
            "joint_committee",
            "gender",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}

    def check_within_enterprise_life(self, start, end) -> None:
        """A job exists while its enterprise does: from its creation to its cessation."""
        enterprise = self.parent
        if enterprise is None:
            return
        created, ceased = enterprise.creation_date, enterprise.cessation_date
        if start and created and start < created:
            self.add_error(
                "start_date",
                _("The enterprise was created later, on %(date)s.")
                % {"date": date_format(created, "SHORT_DATE_FORMAT")},
            )
        if ceased and start and start > ceased:
            self.add_error(
                "start_date",
                _("The enterprise ceased before, on %(date)s.")
                % {"date": date_format(ceased, "SHORT_DATE_FORMAT")},
            )
        elif ceased and end and end > ceased:
            self.add_error(
                "end_date",
                _("The enterprise ceased before, on %(date)s.")
                % {"date": date_format(ceased, "SHORT_DATE_FORMAT")},
            )

    def clean_job_ref(self):
        ref = self.cleaned_data.get("job_ref", "").strip()
        if ref and self.parent is not None:
            taken = Job.objects.filter(enterprise=self.parent, job_ref=ref)
            if taken.exclude(pk=self.instance.pk).exists():
                raise ValidationError(_("This enterprise already has a job with this reference."))
        return ref

    def clean(self):
        cleaned = super().clean()
        weekly = cleaned.get("weekly_hours")
        full_time = cleaned.get("full_time_hours") or self.instance.full_time_hours
        if weekly is not None and full_time and not 0 < weekly <= full_time:
            self.add_error(
                "weekly_hours",
                _("Weekly hours must be more than zero and at most the full-time hours."),
            )
        self.check_within_enterprise_life(cleaned.get("start_date"), cleaned.get("end_date"))
        status, contract = cleaned.get("worker_status"), cleaned.get("contract_type")
        self_employed = status == WorkerStatus.SELF_EMPLOYED_PARTNER
        if self_employed and contract and contract != ContractType.NONE:
            self.add_error(
                "contract_type", _("A self-employed partner has no employment contract.")
            )
        if status and not self_employed and contract == ContractType.NONE:
            self.add_error("contract_type", _("Choose the contract of this employee."))
        if self_employed and cleaned.get("joint_committee"):
            self.add_error("joint_committee", _("No joint committee for a self-employed partner."))
        return cleaned


class QuickJobForm(JobForm):
    """A row of the several-jobs-at-once form: a row left empty is skipped."""

    class Meta(JobForm.Meta):
        fields = [
            "job_ref",
            "start_date",
            "worker_status",
            "contract_type",
            "weekly_hours",
            "joint_committee",
            "gender",
        ]

    # Prefilled (reference, start date) or defaulted (gender): they alone do not make a job.
    MEANINGFUL = ("worker_status", "contract_type", "weekly_hours", "joint_committee")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_permitted = True
        self.use_required_attribute = False

    def has_changed(self) -> bool:
        return any(self.data.get(self.add_prefix(name)) for name in self.MEANINGFUL)


class EndJobForm(OrganisationModelForm):
    class Meta:
        model = Job
        fields = ["end_date"]
        widgets = {"end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = True
        self.fields["end_date"].help_text = _("The last day of the job.")

    def clean_end_date(self):
        end = self.cleaned_data.get("end_date")
        if end and end < self.instance.start_date:
            raise ValidationError(_("The end date cannot be before the start date."))
        return end


class AccreditationEventForm(ChildForm):
    parent_field = "enterprise"

    class Meta:
        model = AccreditationEvent
        fields = ["event", "date"]
        widgets = {"date": DATE}


class NonAccreditationReasonForm(ChildForm):
    parent_field = "enterprise"

    class Meta:
        model = NonAccreditationReason
        fields = ["reason", "date", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class TransferForm(ChildForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A transfer hands a project to an official advisory agency (docs/spec/domain.md).
        self.fields["partner"].queryset = self.fields["partner"].queryset.filter(
            kind=PartnerKind.ADVISORY_AGENCY
        )

    class Meta:
        model = Transfer
        fields = ["partner", "date", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class ImpactAssessmentForm(ChildForm):
    environmental_actions = TextListField(label=_("Environmental actions"))
    diversity_actions = TextListField(label=_("Diversity actions"))

    class Meta:
        model = ImpactAssessment
        fields = [
            "date",
            "continuous_activity",
            "economic_risk",
            "paid_work",
            "community_aim",
            "citizen_initiative",
            "limited_profit_distribution",
            "autonomy",
            "non_capital_decision",
            "participatory",
            "beneficiaries",
            "social_impact",
            "environmental_actions",
            "diversity_actions",
        ]
        widgets = {"date": DATE, "social_impact": forms.Textarea(attrs={"rows": 3})}

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and self.parent is not None:
            taken = ImpactAssessment.objects.filter(project=self.parent, date=date)
            if taken.exclude(pk=self.instance.pk).exists():
                raise ValidationError(_("This project already has an assessment on this date."))
        return date


class PartnerForm(OrganisationModelForm):
    class Meta:
        model = Partner
        fields = ["code", "name", "kind"]

    def clean_code(self):
        code = self.cleaned_data.get("code")
        taken = Partner.objects.filter(organisation=self.organisation, code=code)
        if code and taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("A partner already has this code."))
        return code


class PartnerInteractionForm(OrganisationModelForm):
    class Meta:
        model = PartnerInteraction
        fields = ["partner", "date", "kind", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class InternalActionForm(OrganisationModelForm):
    class Meta:
        model = InternalAction
        fields = ["date", "kind", "scope", "description"]
        widgets = {"date": DATE, "description": forms.Textarea(attrs={"rows": 3})}


class CostLineForm(OrganisationModelForm):
    class Meta:
        model = CostLine
        fields = [
            "period_start",
            "period_end",
            "category",
            "programme",
            "amount_eur",
            "funding_source",
            "note",
        ]
        widgets = {"period_start": DATE, "period_end": DATE}


class TargetForm(OrganisationModelForm):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=scalar_choices)
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=[("", _("As the indicator reads (costs: at most)")), *Direction.choices],
        required=False,
        help_text=_("At most: lower is better, as for a cost."),
    )

    class Meta:
        model = Target
        fields = ["indicator", "period", "value", "direction"]
        help_texts = {
            "period": _(
                "2025, 2025-S1, 2025-S2 or 2024-07-01..2025-06-30: a target belongs to "
                "this exact period and is never prorated."
            ),
            "value": _("Rates as fractions: 0.6 for 60 %."),
        }

    def clean_direction(self):
        return self.cleaned_data.get("direction") or default_direction(
            self.cleaned_data.get("indicator", "")
        )

    def clean_period(self):
        return parse_period(self.cleaned_data.get("period", "")).id

    def clean(self):
        cleaned = super().clean()
        taken = Target.objects.filter(
            organisation=self.organisation,
            indicator=cleaned.get("indicator"),
            period=cleaned.get("period"),
        )
        if taken.exclude(pk=self.instance.pk).exists():
            self.add_error("period", _("This indicator already has a target for this period."))
        return cleaned


class BaseQuickJobFormSet(BaseFormSet):
    def clean(self):
        if not any(form.has_changed() for form in self.forms):
            raise ValidationError(_("Fill in at least one job."), code="empty")
        refs = [form.cleaned_data.get("job_ref") for form in self.forms if form.cleaned_data]
        duplicated = sorted({ref for ref in refs if ref and refs.count(ref) > 1})
        if duplicated:
            raise ValidationError(
                _("The same job reference is used twice: %(refs)s."),
                params={"refs": ", ".join(duplicated)},
            )


QUICK_JOB_ROWS = 5
# No extra rows: the page gives QUICK_JOB_ROWS rows of initial values, on GET and on
# POST alike, so that a row left as it was counts as unchanged and is skipped.
QuickJobFormSet = formset_factory(
    QuickJobForm,
    formset=BaseQuickJobFormSet,
    extra=0,
    max_num=50,
    absolute_max=50,
    validate_max=True,
)
