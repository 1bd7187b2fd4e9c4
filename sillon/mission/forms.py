from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sillon.core.forms import OrganisationModelForm
from sillon.mission.choices import DefinitionStatus
from sillon.mission.models import (
    DefinitionVersion,
    InterestDeclaration,
    Mission,
    MissionDefault,
    Stake,
)
from sillon.register.choices import ActivityKind

DATE = forms.DateInput(attrs={"type": "date"})


class MissionForm(OrganisationModelForm):
    class Meta:
        model = Mission
        fields = ["code", "title_fr", "title_nl", "title_en", "article", "also_covered_by"]
        widgets = {"also_covered_by": forms.CheckboxSelectMultiple}

    def clean_code(self):
        code = self.cleaned_data["code"]
        taken = Mission.objects.filter(organisation=self.organisation, code=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Another mission has this code."))
        return code


class MissionDefaultsForm(forms.Form):
    """The default mission of each activity kind (admin setting)."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        missions = Mission.objects.filter(organisation=organisation)
        current = dict(
            MissionDefault.objects.filter(organisation=organisation).values_list(
                "activity_kind", "mission_id"
            )
        )
        for kind, label in ActivityKind.choices:
            self.fields[kind] = forms.ModelChoiceField(
                queryset=missions, required=False, label=label, initial=current.get(kind)
            )


class CostLineMissionForm(forms.Form):
    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission"] = forms.ModelChoiceField(
            queryset=Mission.objects.filter(organisation=organisation),
            required=False,
            label=_("Mission"),
        )


class StakeForm(OrganisationModelForm):
    class Meta:
        model = Stake
        fields = [
            "enterprise",
            "acquired_date",
            "kind",
            "amount_eur",
            "capital_share",
            "ended_date",
            "decision_ref",
            "note",
        ]
        widgets = {
            "acquired_date": DATE,
            "ended_date": DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        amount, share = cleaned.get("amount_eur"), cleaned.get("capital_share")
        if amount is not None and amount < 0:
            self.add_error("amount_eur", _("An amount cannot be negative."))
        if share is not None and not 0 <= share <= 1:
            self.add_error("capital_share", _("A share of capital is between 0 and 1."))
        return cleaned


class DeclarationForm(OrganisationModelForm):
    class Meta:
        model = InterestDeclaration
        fields = ["declarant", "project", "date", "nature", "measures"]
        widgets = {"date": DATE, "measures": forms.Textarea(attrs={"rows": 3})}


class DefinitionProposalForm(OrganisationModelForm):
    """A new version of a definition, proposed as a draft or put in concertation."""

    class Meta:
        model = DefinitionVersion
        fields = ["text_fr", "text_nl", "text_en", "source", "status", "applies_from"]
        widgets = {
            "applies_from": DATE,
            "text_fr": forms.Textarea(attrs={"rows": 4}),
            "text_nl": forms.Textarea(attrs={"rows": 4}),
            "text_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label)
            for value, label in DefinitionStatus.choices
            if value != DefinitionStatus.AGREED
        ]
        self.instance.code = code


class AgreementForm(OrganisationModelForm):
    """Record that a version was agreed, when and by which body."""

    class Meta:
        model = DefinitionVersion
        fields = ["agreed_date", "agreed_by"]
        widgets = {"agreed_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_date"].required = True
        self.fields["agreed_by"].required = True

    def clean_agreed_date(self):
        day = self.cleaned_data["agreed_date"]
        if day and day < self.instance.created_date:
            raise ValidationError(
                _("The agreement cannot be dated before the definition was created (%(day)s)."),
                params={"day": self.instance.created_date.isoformat()},
            )
        return day

    def save(self, commit=True):
        self.instance.status = DefinitionStatus.AGREED
        return super().save(commit)
