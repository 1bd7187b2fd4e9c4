from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from sillon.kbo import uploads


class ExtractUploadForm(forms.Form):
    extract = forms.FileField(
        label=_("Extract of the register (zip)"),
        help_text=_("A full or update extract of KBO/BCE open data, as downloaded."),
    )

    def clean_extract(self):
        extract = self.cleaned_data["extract"]
        if not extract.name.lower().endswith(".zip"):
            raise forms.ValidationError(
                _("%(file)s is not a zip file: upload the extract as the register ships it."),
                params={"file": extract.name},
            )
        if extract.size > uploads.MAX_BYTES:
            raise forms.ValidationError(
                _("%(file)s is larger than %(most)s."),
                params={"file": extract.name, "most": filesizeformat(uploads.MAX_BYTES)},
            )
        return extract
