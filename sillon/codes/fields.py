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


class NaceCodeField(forms.CharField):
    """A NACE-BEL subclass; the form checks it against the chosen version in clean()."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Type a code or words of the activity, e.g. restaur."))
        super().__init__(widget=CodeSearchInput(code_search_url("nace")), **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        code = nace.normalise(value)
        if code is None:
            raise ValidationError(
                _("%(value)s is not a NACE-BEL code: five digits are expected, e.g. 56101."),
                params={"value": value},
                code="nace_shape",
            )
        return code


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


class LegalFormField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("KBO code, abbreviation or words, e.g. 017, ASBL or cooperative.")
        )
        super().__init__(widget=CodeSearchInput(code_search_url("legal_form")), **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        code = legal_forms.normalise(value)
        if code is None:
            raise ValidationError(
                _("%(value)s is not a legal form of the KBO/BCE."),
                params={"value": value},
                code="legal_form_unknown",
            )
        return code

    def prepare_value(self, value):
        # A stored code gets its label; what the user typed is shown back as typed.
        if value and legal_forms.normalise(value) == value and len(value) == 3:
            return f"{value} {legal_forms.label(value)}"
        return value


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


class JointCommitteeField(forms.CharField):
    """One joint committee, e.g. 329.02, checked against the official list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("E.g. 329.02; empty for self-employed."))
        super().__init__(widget=CodeSearchInput(code_search_url("joint_committee")), **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        code = joint_committees.normalise(value)
        if code is None:
            raise ValidationError(
                _("Unknown joint committee: %(codes)s."),
                params={"codes": value},
                code="joint_committee_unknown",
            )
        return code

    def prepare_value(self, value):
        # A stored code gets its label; what the user typed is shown back as typed.
        if value and joint_committees.normalise(value) == value:
            return f"{value} {joint_committees.label(value)}"
        return value


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
