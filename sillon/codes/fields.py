"""Form fields for official codes: they accept what a person types or pastes, and
clean it to the stored code, or explain why not in the user's language."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from sillon.codes import enterprise_numbers, joint_committees, legal_forms, nace


class CodeSearchInput(forms.TextInput):
    """A text input that suggests official codes as the user types (static/sillon/suggest.js).

    Without JavaScript it stays a plain text input: the field accepts the code, or the
    code followed by its label.
    """

    def __init__(self, url, *, multiple=False, attrs=None):
        attrs = {"autocomplete": "off", "data-suggest": url, **(attrs or {})}
        if multiple:
            attrs["data-multiple"] = "true"
        super().__init__(attrs)


def code_search_url(kind: str) -> str:
    return reverse_lazy("code_search", args=[kind])


class CodeField(forms.CharField):
    """One official code, typed or picked among the suggestions, cleaned to the stored
    form; a stored code is shown back with its label, what was typed as typed."""

    search_kind = ""
    help = ""
    invalid = ""
    invalid_code = ""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", self.help)
        super().__init__(widget=CodeSearchInput(code_search_url(self.search_kind)), **kwargs)

    def normalise(self, text: str) -> str | None:
        raise NotImplementedError

    def code_label(self, code: str) -> str | None:
        return None

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        code = self.normalise(value)
        if code is None:
            raise ValidationError(
                self.invalid, params={"value": value, "codes": value}, code=self.invalid_code
            )
        return code

    def prepare_value(self, value):
        label = self.code_label(value) if value and self.normalise(value) == value else None
        return f"{value} {label}" if label else value


class NaceCodeField(CodeField):
    """A NACE-BEL subclass; the form checks it against the chosen version in clean()."""

    search_kind = "nace"
    help = _("Type a code or words of the activity, e.g. restaur.")
    invalid = _("%(value)s is not a NACE-BEL code: five digits are expected, e.g. 56101.")
    invalid_code = "nace_shape"

    def normalise(self, text: str) -> str | None:
        return nace.normalise(text)


def check_nace(form: forms.Form, version_field: str, code_field: str) -> None:
    """Add an error when the code does not exist in the chosen NACE-BEL version."""
    code = form.cleaned_data.get(code_field)
    version = form.cleaned_data.get(version_field)
    if code and version and nace.lookup(version, code) is None:
        form.add_error(
            code_field,
            ValidationError(
                _("%(code)s is not a NACE-BEL %(version)s subclass."),
                params={"code": code, "version": version},
                code="nace_unknown",
            ),
        )


class LegalFormField(CodeField):
    search_kind = "legal_form"
    help = _("KBO code, abbreviation or words, e.g. 017, ASBL or cooperative.")
    invalid = _("%(value)s is not a legal form of the KBO/BCE.")
    invalid_code = "legal_form_unknown"

    def normalise(self, text: str) -> str | None:
        return legal_forms.normalise(text)

    def code_label(self, code: str) -> str:
        return legal_forms.label(code)


class JointCommitteesField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One or more, separated by commas, e.g. 329.02, 337."))
        widget = CodeSearchInput(code_search_url("joint_committee"), multiple=True)
        super().__init__(widget=widget, **kwargs)

    def to_python(self, value):
        codes, unknown = [], []
        for part in re.split(r"[,;\s]+", super().to_python(value) or ""):
            if not part or part.upper() in {"CP", "PC", "JC"}:
                continue
            code = joint_committees.normalise(part)
            if code is None:
                unknown.append(part.strip())
            elif code not in codes:
                codes.append(code)
        if unknown:
            raise ValidationError(
                _("Unknown joint committee: %(codes)s."),
                params={"codes": ", ".join(unknown)},
                code="joint_committee_unknown",
            )
        return codes

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value


class JointCommitteeField(CodeField):
    """One joint committee, e.g. 329.02, checked against the official list."""

    search_kind = "joint_committee"
    help = _("E.g. 329.02; empty for self-employed.")
    invalid = _("Unknown joint committee: %(codes)s.")
    invalid_code = "joint_committee_unknown"

    def normalise(self, text: str) -> str | None:
        return joint_committees.normalise(text)

    def code_label(self, code: str) -> str:
        return joint_committees.label(code)


class EnterpriseNumberField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        number = enterprise_numbers.normalise(value)
        if number is None:
            raise ValidationError(
                _(
                    "%(value)s is not a valid enterprise number: ten digits are expected, "
                    "the last two being the check of the first eight (e.g. 0123.456.749)."
                ),
                params={"value": value},
                code="enterprise_number_invalid",
            )
        return number

    def prepare_value(self, value):
        return enterprise_numbers.dotted(value) if value else value
