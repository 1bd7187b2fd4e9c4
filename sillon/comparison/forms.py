from django import forms
from django.utils.translation import gettext_lazy as _


class StatementUploadForm(forms.Form):
    file = forms.FileField(label=_("Statement (JSON)"))
