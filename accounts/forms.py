from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from partnerships.models import Organisation


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.confirmed()
        self.fields["organisation"].empty_label = _("No organisation")
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))
