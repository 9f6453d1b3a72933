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


class DeleteAccountForm(forms.Form):
    """Confirm deleting an account: the password, or the e-mail address where there is none."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=_("Your password"),
                strip=False,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            )
        else:
            self.fields["email"] = forms.EmailField(
                label=_("Your e-mail address"),
                help_text=_("Type the address you log in with."),
            )
        self.helper = FormHelper()
        delete = Submit("delete", _("Delete my account"))
        delete.field_classes = "btn btn-danger"  # Submit's own classes would add btn-primary
        self.helper.add_input(delete)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.casefold() != self.user.email.casefold():
            raise forms.ValidationError(
                _("That is not the address you log in with."), code="wrong_email"
            )
        return email
