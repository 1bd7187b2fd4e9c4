from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from sillon.accounts.models import Organisation
from sillon.accounts.roles import Role
from sillon.codes import enterprise_numbers

User = get_user_model()


class OrganisationForm(forms.ModelForm):
    # Longer than the ten stored digits: "BE 0123.456.749" is read too.
    enterprise_number = forms.CharField(
        label=_("enterprise number"),
        max_length=20,
        required=False,
        help_text=_("Ten digits, as the KBO/BCE writes them (0123.456.749)."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "enterprise_number", "shares_with_peers"]
        help_texts = {
            "shares_with_peers": _(
                "The organisation's comparable figures (rates and ratios, never records) are "
                "compared with those of the other sharing organisations, which see its name."
            ),
        }

    def clean_enterprise_number(self) -> str:
        text = self.cleaned_data.get("enterprise_number", "").strip()
        if not text:
            return ""
        number = enterprise_numbers.normalise(text)
        if number is None:
            raise forms.ValidationError(
                _("%(value)s is not a valid enterprise number: ten digits, the last two a check."),
                params={"value": text},
                code="enterprise_number_invalid",
            )
        return number


class AddMemberForm(forms.Form):
    """Three ways in, none of which attaches an account without its owner's say:
    an e-mail invitation, an invitation to an existing account, or a new account with a
    first password shown once."""

    EMAIL = "email"
    ACCOUNT = "account"
    PASSWORD = "password"

    way = forms.ChoiceField(
        label=_("How"),
        widget=forms.RadioSelect,
        initial=EMAIL,
        choices=[
            (EMAIL, _("Send an invitation link by e-mail")),
            (ACCOUNT, _("Invite an existing Sillon account (they accept when they sign in)")),
            (PASSWORD, _("Create an account now, with a first password shown once")),
        ],
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        help_text=_("For an invitation by e-mail; also kept on a new account."),
    )
    username = forms.CharField(
        label=_("Username"),
        max_length=100,
        required=False,
        validators=[UnicodeUsernameValidator()],
        help_text=_(
            "The existing account to invite, or the name of the new account "
            "(it is prefixed with the organisation's short name)."
        ),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.COACH)

    def clean(self):
        cleaned = super().clean()
        way = cleaned.get("way")
        if way == self.EMAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Give the address to send the invitation to."))
        needs_name = way in (self.ACCOUNT, self.PASSWORD)
        if needs_name and not cleaned.get("username") and "username" not in self.errors:
            self.add_error("username", _("Give a username."))
        return cleaned


class NewAccountForm(SetPasswordForm):
    """The addressee of an e-mail invitation names their account and chooses a password."""

    username = forms.CharField(
        label=_("Username"),
        max_length=100,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Your account will be named %(prefix)s followed by this name."),
    )
    field_order = ["username", "new_password1", "new_password2"]

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(None, *args, **kwargs)
        self.organisation = organisation
        self.fields["username"].help_text = self.fields["username"].help_text % {
            "prefix": f"{organisation.slug}."
        }

    def clean(self):
        # The password is compared with the account it is for (similarity validator).
        name = self.cleaned_data.get("username", "")
        self.user = User(username=f"{self.organisation.slug}.{name}")
        return super().clean()

    def save(self, commit=True):
        raise NotImplementedError("accounts.actions.accept_invitation_with_new_account saves it")


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Event"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        from sillon.accounts.audit import EventKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *EventKind.choices]

    def filter(self, events):
        if not self.is_valid():
            return events.none()
        data = self.cleaned_data
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["since"]:
            events = events.filter(created_at__date__gte=data["since"])
        if data["until"]:
            events = events.filter(created_at__date__lte=data["until"])
        return events
