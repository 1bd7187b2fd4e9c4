"""The public questionnaire (docs/spec/followup.md): the enterprise, each known job,
new jobs, the accreditation and the impact of the year. Every field goes through the
validators of the register's own forms (core/validators.py, the models' fields)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sillon.core.validators import validate_record_date
from sillon.followup.choices import AccreditationAnswer
from sillon.outcomes.choices import NonAccreditationReasonKind
from sillon.outcomes.models import FULL_TIME_HOURS, Job
from sillon.register.choices import Gender

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def not_in_future(value) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."), code="future")


class EnterpriseForm(forms.Form):
    still_active = forms.ChoiceField(
        label=_("Is the enterprise still active?"), choices=YES_NO, widget=forms.RadioSelect
    )
    cessation_date = forms.DateField(
        label=_("Date of cessation"),
        required=False,
        widget=DATE,
        validators=[validate_record_date, not_in_future],
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("still_active") == "no" and not cleaned.get("cessation_date"):
            self.add_error("cessation_date", _("Give the date on which the enterprise ceased."))
        return cleaned


class KnownJobForm(forms.Form):
    still_in_post = forms.ChoiceField(
        label=_("Still in post?"), choices=YES_NO, widget=forms.RadioSelect
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DATE,
        validators=[validate_record_date, not_in_future],
    )

    def __init__(self, *args, job: Job, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job

    def clean(self):
        cleaned = super().clean()
        end = cleaned.get("end_date")
        if cleaned.get("still_in_post") == "no" and not end:
            self.add_error("end_date", _("Give the date on which the job ended."))
        if end and end < self.job.start_date:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned


class NewJobForm(forms.ModelForm):
    """A job created since; the fields and validators of the job form."""

    class Meta:
        model = Job
        fields = [
            "start_date",
            "worker_status",
            "contract_type",
            "weekly_hours",
            "joint_committee",
            "gender",
        ]
        widgets = {"start_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].validators.append(not_in_future)
        self.fields["joint_committee"].help_text = _("For example 200; empty for self-employed.")
        # No value chosen ahead, so that an empty block stays empty (and is skipped).
        gender = self.fields["gender"]
        gender.required, gender.initial = False, ""
        gender.choices = [("", "—"), *Gender.choices]

    def clean(self):
        cleaned = super().clean()
        hours = cleaned.get("weekly_hours")
        if hours is not None and not 0 < hours <= FULL_TIME_HOURS:
            self.add_error(
                "weekly_hours",
                _("Weekly hours must be more than 0 and at most %(hours)s (full time).")
                % {"hours": FULL_TIME_HOURS},
            )
        return cleaned

    def validate_unique(self):
        """A proposal, not a record yet: its reference is chosen on acceptance."""


NewJobFormSet = forms.formset_factory(NewJobForm, extra=2, max_num=20, absolute_max=20)


class AccreditationForm(forms.Form):
    accreditation = forms.ChoiceField(
        label=_("ESD accreditation (social enterprise, Brussels)"),
        choices=[("", _("Don't know")), *AccreditationAnswer.choices],
        required=False,
    )
    reason = forms.ChoiceField(
        label=_("Why not?"),
        choices=[("", "—"), *NonAccreditationReasonKind.choices],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accreditation") == AccreditationAnswer.NOT_SOUGHT and not cleaned.get(
            "reason"
        ):
            self.add_error("reason", _("Say why the accreditation is not sought."))
        if cleaned.get("reason") and cleaned.get("accreditation") != AccreditationAnswer.NOT_SOUGHT:
            self.add_error("reason", _("Only when the accreditation is not sought."))
        return cleaned


class ImpactForm(forms.Form):
    beneficiaries = forms.IntegerField(
        label=_("People reached in the last year"),
        required=False,
        min_value=0,
        max_value=10_000_000,
    )
    social_impact = forms.CharField(
        label=_("Your social impact, in a few words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
