from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sillon.catalogue.periods import SEMESTER, parse_period, refuse_future
from sillon.reports.models import Format, Kind, Language

DEFAULT_THRESHOLD = 5


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=Kind.choices)
    period = forms.CharField(
        label=_("Period"),
        max_length=30,
        help_text=_("2025 for an annual report; 2025-S1 or 2025-S2 for a semester."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    language = forms.ChoiceField(label=_("Language of the report"), choices=Language.choices)
    suppress = forms.BooleanField(
        label=_("Hide small numbers (for a report leaving the organisation)"), required=False
    )
    threshold = forms.IntegerField(
        label=_("Hide breakdown cells below"),
        min_value=2,
        max_value=50,
        initial=DEFAULT_THRESHOLD,
        required=False,
    )

    def clean_period(self):
        period = parse_period(self.cleaned_data["period"])
        return refuse_future(period, timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        period, kind = cleaned.get("period"), cleaned.get("kind")
        if period and kind == Kind.ANNUAL and period.id != str(period.start.year):
            self.add_error("period", _("An annual report covers a whole year: write 2025."))
        if period and kind == Kind.SEMESTER and not SEMESTER.match(period.id):
            self.add_error(
                "period", _("A semester report covers one semester: write 2025-S1 or 2025-S2.")
            )
        if cleaned.get("suppress") and not cleaned.get("threshold"):
            cleaned["threshold"] = DEFAULT_THRESHOLD
        return cleaned

    def parameters(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "period": data["period"].id,
            "format": data["format"],
            "language": data["language"],
            "suppression": data["threshold"] if data["suppress"] else None,
        }


def check_period(kind: str, text: str):
    """The CLI's check: the same rules as the form, one message."""
    form = ReportForm({"kind": kind, "period": text, "format": Format.PDF, "language": Language.FR})
    if not form.is_valid():
        raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
    return form.cleaned_data["period"]
