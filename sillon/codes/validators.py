"""Model-level validators: whatever writes a record (forms, admin site, imports) can
only store codes the official lists know, in their stored form."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sillon.codes import enterprise_numbers, joint_committees, legal_forms


def validate_enterprise_number(value: str) -> None:
    if value and enterprise_numbers.normalise(value) != value:
        raise ValidationError(
            _("%(value)s is not a valid enterprise number, written as ten digits."),
            params={"value": value},
            code="enterprise_number_invalid",
        )


def validate_legal_form(value: str) -> None:
    if value and legal_forms.normalise(value) != value:
        raise ValidationError(
            _("%(value)s is not a legal form of the KBO/BCE."),
            params={"value": value},
            code="legal_form_unknown",
        )


def validate_joint_committee(value: str) -> None:
    if value and joint_committees.normalise(value) != value:
        raise ValidationError(
            _("Unknown joint committee: %(codes)s."),
            params={"codes": value},
            code="joint_committee_unknown",
        )


def validate_joint_committees(values: list) -> None:
    if not isinstance(values, list):
        raise ValidationError(_("A list of joint committees is expected."), code="invalid")
    unknown = [str(v) for v in values if joint_committees.normalise(str(v)) != v]
    if unknown:
        raise ValidationError(
            _("Unknown joint committee: %(codes)s."),
            params={"codes": ", ".join(unknown)},
            code="joint_committee_unknown",
        )
