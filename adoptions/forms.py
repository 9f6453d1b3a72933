"""The "Vi har også gjort det" form: who took up an example, where, since when and how."""

import datetime
import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from adoptions.models import Adoption
from initiatives import writing
from initiatives.forms import _named_organisation, field_anchor
from initiatives.uploads import ACCEPT
from partnerships.models import Municipality, Organisation, Region
from portal.lib.forms import HONEYPOT, HoneypotForm

# Adoptions of the examples this portal collects, which began in 2020; older
# ones are rare, but an organisation may have run its version for years.
FIRST_YEAR = 1990


class AdoptionForm(HoneypotForm, forms.ModelForm):
    new_organisation = forms.CharField(
        label=_("…or name a new organisation"),
        required=False,
        max_length=200,
        help_text=_("If your organisation is not in the list. A curator confirms new names."),
    )
    started_month = forms.TypedChoiceField(label=_("Month"), coerce=int)
    started_year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    remove_attachment = forms.BooleanField(label=_("Remove the current file"), required=False)
    # A one-time key, so that a double click sends one adoption (see views.adoption_add).
    form_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    # The page's order, which the error summary follows.
    field_order = [
        HONEYPOT,
        "organisation",
        "new_organisation",
        "municipality",
        "nationwide",
        "started_month",
        "started_year",
        "adaptation",
        "result",
        "url",
        "remove_attachment",
        "attachment_title",
        "attachment",
        "attachment_licence",
    ]

    class Meta:
        model = Adoption
        fields = [
            "organisation",
            "municipality",
            "nationwide",
            "adaptation",
            "result",
            "url",
            "attachment_title",
            "attachment",
            "attachment_licence",
        ]
        labels = {
            "organisation": _("Your organisation"),
            "nationwide": _("Nationwide, not in one municipality"),
            "adaptation": _("How did you adapt it?"),
            "result": _("What came of it?"),
            "attachment": _("File"),
            "attachment_title": _("Title of the file"),
            "attachment_licence": _("Reuse licence"),
        }
        help_texts = {
            "organisation": _("Choose it from the list, or name it in the next field."),
            "municipality": _("Where you run it."),
            "nationwide": _("Tick this instead of a municipality if you run it across Denmark."),
            "adaptation": _("What you changed to fit your place and people, and what you kept."),
            "result": _("Optional: what happened, who came, what you learned."),
            "url": _("Optional: a page about your version, e.g. on your own website."),
            "attachment": _("Optional. PDF, image or office document, at most 10 MB."),
            "attachment_licence": _("May others reuse the file?"),
        }
        widgets = {
            "adaptation": forms.Textarea(attrs={"rows": 5}),
            "result": forms.Textarea(attrs={"rows": 4}),
            # Not Django's ClearableFileInput: its "currently" link would go to the
            # example's page; the form shows the current file and a remove box itself.
            "attachment": forms.FileInput(attrs={"accept": ACCEPT}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adoption = self.instance
        self.fields["organisation"].required = False
        # Confirmed organisations, plus the one this adoption names (which may
        # still wait for a curator), so that sending it again keeps it.
        self.fields["organisation"].queryset = Organisation.objects.confirmed(
            including=[adoption.organisation_id] if adoption.organisation_id else []
        ).order_by("name")
        self.fields["organisation"].empty_label = gettext("Choose…")
        self.fields["municipality"].choices = _municipalities_by_region()
        self._started_choices()
        if adoption.pk is None:
            self.fields["form_key"].initial = uuid.uuid4
        if not adoption.attachment:
            del self.fields["remove_attachment"]
        self.plain_labels = {name: field.label for name, field in self.fields.items()}
        # In the summary at the top, "Month" alone would not say of what.
        for name in ["started_month", "started_year"]:
            self.plain_labels[name] = format_html(
                "{}, {}", gettext("When it started"), self.fields[name].label.lower()
            )
        self.helper = self._helper()
        writing.attach(self)

    def _started_choices(self):
        """Month and year selects, with the adoption's own month chosen when there is one."""
        this_year = timezone.localdate().year
        choose = [("", gettext("Choose…"))]
        self.fields["started_month"].choices = choose + [
            (number, capfirst(name)) for number, name in MONTHS.items()
        ]
        self.fields["started_year"].choices = choose + [
            (year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]
        if self.instance.started:
            self.fields["started_month"].initial = self.instance.started.month
            self.fields["started_year"].initial = self.instance.started.year

    def _helper(self):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Div(Field(HONEYPOT), css_class="honeypot", aria_hidden="true"),
            "form_key",
            Fieldset(
                _("Who and where"),
                "organisation",
                "new_organisation",
                "municipality",
                "nationwide",
            ),
            Fieldset(
                _("When it started"),
                Div(
                    Div("started_month", css_class="col-sm-6"),
                    Div("started_year", css_class="col-sm-6"),
                    css_class="row",
                ),
            ),
            Fieldset(_("How you did it"), "adaptation", "result", "url"),
            self._attachment_fieldset(),
        )
        return helper

    def _attachment_fieldset(self):
        intro = gettext("Optional: a flyer, an agreement or a guide others may reuse.")
        current = []
        if self.instance.attachment:
            intro += " " + gettext("Choose a new file only to replace the current one.")
            current = ["remove_attachment"]
            # Not an HTML() layout object: that renders its text as a template, and
            # the title is the user's.
            self.fields["remove_attachment"].help_text = format_html(
                '{} <a href="{}">{}</a>',
                gettext("The current file:"),
                reverse("adoptions:attachment", kwargs={"pk": self.instance.pk}),
                self.instance.attachment_title or gettext("attachment"),
            )
        return Fieldset(
            _("Attachment"),
            HTML(format_html('<p class="form-text">{}</p>', intro)),
            *current,
            "attachment_title",
            "attachment",
            "attachment_licence",
        )

    def clean(self):
        cleaned = super().clean()
        self._clean_organisation(cleaned)
        self._clean_place(cleaned)
        self._clean_started(cleaned)
        self._clean_attachment(cleaned)
        return cleaned

    def _clean_organisation(self, cleaned):
        chosen, named = cleaned.get("organisation"), cleaned.get("new_organisation", "").strip()
        if chosen and named:
            self.add_error(
                "new_organisation",
                _("Choose an organisation from the list or name a new one, not both."),
            )
        elif not chosen and not named and "organisation" not in self.errors:
            self.add_error(
                "organisation",
                forms.ValidationError(
                    _("Choose your organisation, or name it below if it is not in the list."),
                    code="required",
                ),
            )

    def _clean_place(self, cleaned):
        if cleaned.get("municipality") and cleaned.get("nationwide"):
            self.add_error(
                "nationwide",
                _("Choose a municipality or tick nationwide, not both."),
            )
        elif not (cleaned.get("municipality") or cleaned.get("nationwide")) and (
            "municipality" not in self.errors
        ):
            self.add_error(
                "municipality",
                forms.ValidationError(
                    _("Choose the municipality, or tick nationwide."), code="required"
                ),
            )

    def _clean_started(self, cleaned):
        month, year = cleaned.get("started_month"), cleaned.get("started_year")
        if not (month and year):
            return
        started = datetime.date(year, month, 1)
        if started > timezone.localdate():
            self.add_error(
                "started_month",
                forms.ValidationError(
                    _("It cannot have started in a month that has not begun yet."),
                    code="future",
                ),
            )
        else:
            self.instance.started = started

    def _clean_attachment(self, cleaned):
        if cleaned.get("remove_attachment") and not self.files.get(self.add_prefix("attachment")):
            # The title field still holds the removed file's title.
            cleaned["attachment"] = cleaned["attachment_title"] = ""
        has_file = bool(cleaned.get("attachment"))
        if has_file and not cleaned.get("attachment_title", "").strip():
            self.add_error("attachment_title", _("Give the file a title."))
        # A file refused for its content already says so; "choose the file" would
        # contradict it.
        if cleaned.get("attachment_title") and not has_file and "attachment" not in self.errors:
            self.add_error("attachment", _("Choose the file."))

    def save(self, commit=True):
        """Save the adoption with the organisation named (a new one unconfirmed)."""
        named = self.cleaned_data.get("new_organisation", "").strip()
        if named:
            self.instance.organisation = _named_organisation(named)
        if not self.instance.attachment:
            self.instance.attachment_title = ""
        if self.instance.pk is None or not commit:
            return super().save(commit)
        # An edit writes only what the form holds: the state belongs to the workflow.
        edited = [f.name for f in self.instance._meta.concrete_fields if f.name in self.fields]
        self.instance.save(update_fields=[*edited, "started", "updated_at"])
        return self.instance

    def error_summary(self):
        """[(label, message, anchor)] for the summary at the top of the form."""
        summary = [("", message, None) for message in self.non_field_errors()]
        for name in self.fields:  # in the order the page shows them
            anchor = field_anchor(self, name)
            summary += [(self.plain_labels[name], m, anchor) for m in self.errors.get(name, [])]
        return summary


def _municipalities_by_region():
    """The select's choices: a blank first, then each region's municipalities, as people look."""
    by_region = {value: [] for value in Region.values}
    for municipality in Municipality.objects.order_by("name"):
        by_region[municipality.region].append((municipality.pk, municipality.name))
    return [("", gettext("Choose…"))] + [
        (label, by_region[value]) for value, label in Region.choices
    ]
