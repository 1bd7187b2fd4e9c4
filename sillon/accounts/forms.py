from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from sillon.accounts.models import Organisation
from sillon.accounts.roles import Role

User = get_user_model()


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name"]


class AddMemberForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("An existing account, or a new one that Sillon creates with a first password."),
    )
    email = forms.EmailField(
        label=_("Email address"), required=False, help_text=_("Only used for a new account.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.COACH)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
