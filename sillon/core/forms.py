"""Form helpers shared by every app: forms scoped to one organisation, lists of codes
and free tags."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class TagsField(forms.CharField):
    """Free tags typed as "food, housing"; stored as a list of lowercase words."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Separate tags with commas, e.g. food, housing."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        words = [word.strip().lower().replace(" ", "_") for word in (value or "").split(",")]
        return list(dict.fromkeys(word for word in words if word))
