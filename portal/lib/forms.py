"""Form pieces the portal's public forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT = "website"


class HoneypotForm(forms.Form):
    """A field people never see (the templates hide it) and bots fill in; filled, the form fails."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT):
            raise forms.ValidationError(
                _("The form could not be sent. Leave the hidden field empty."), code="spam"
            )
        return ""
