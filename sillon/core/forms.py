"""Form helpers shared by every app: forms scoped to one organisation, lists of codes
and free tags."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

# Django 6.1's label of an empty choice. Its Dutch catalogue lacks it, and Django then
# falls back to the default language (French): naming it here puts it in Sillon's
# catalogues, which take precedence.
BLANK_CHOICE_LABEL = _("- Select an option -")


class OrganisationModelForm(forms.ModelForm):
    """A ModelForm for a record of `organisation`.

    Every choice of a related record is limited to that organisation, and the saved
    record belongs to it — whatever the submitted data says.
    """

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "organisation"):
                field.queryset = queryset.filter(organisation=organisation)


class MultipleChoiceCheckboxes(forms.MultipleChoiceField):
    """A list of codes stored in a JSONField, picked with checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, choices: type[models.TextChoices], **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=choices.choices, **kwargs)


class TextListField(forms.CharField):
    """Short texts typed as "one, two"; stored as a list, in the order typed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Short texts, separated by commas."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        parts = [self.normalise(part.strip()) for part in (value or "").split(",")]
        return list(dict.fromkeys(part for part in parts if part))

    def normalise(self, text: str) -> str:
        return text


class TagsField(TextListField):
    """Free tags typed as "food, housing"; stored lowercase, in the order typed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Separate tags with commas, e.g. food, housing."))
        super().__init__(**kwargs)

    def normalise(self, text: str) -> str:
        return " ".join(text.lower().split())
