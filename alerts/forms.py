from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from alerts.models import FollowedSearch

FREQUENCIES = [(value, capfirst(label)) for value, label in FollowedSearch.Frequency.choices]


class FollowForm(forms.Form):
    """How often to e-mail a search about to be followed."""

    frequency = forms.ChoiceField(
        label=_("How often do you want an e-mail?"),
        choices=FREQUENCIES,
        initial=FollowedSearch.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        help_text=_("Only when new examples match the search."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No action: the form posts to its own address, whose query string is the search.
        self.helper = FormHelper()
        self.helper.add_input(Submit("follow", _("Follow this search")))


class FrequencyForm(forms.Form):
    """The frequency of one followed search on "My searches"; many on one page."""

    frequency = forms.ChoiceField(
        label=_("E-mail"),
        choices=FREQUENCIES,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, search, **kwargs):
        # One form per search on the page: ids must not repeat.
        super().__init__(*args, auto_id=f"id_%s_{search.pk}", **kwargs)
        self.search = search
