"""The contributor's submission form, in the sections a reader of Vidensportalen knows."""

import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.db import transaction
from django.forms import inlineformset_factory
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from initiatives import knowledge, writing
from initiatives.models import Attachment, Initiative, Link
from initiatives.search import similar_examples
from initiatives.uploads import ACCEPT
from partnerships.models import Municipality, Organisation, Partnership, Region
from portal.lib.forms import HONEYPOT, HoneypotForm

NEEDED_FOR_REVIEW = _("needed for review")
# The contributor's notes on running the example elsewhere; the judgement
# (Initiative.transferability) is the curators' and is not in this form.
TRANSFER_NOTES = [
    "transfer_preconditions",
    "transfer_adaptable",
    "transfer_essential",
    "transfer_pitfalls",
]


class InitiativeForm(HoneypotForm, forms.ModelForm):
    new_lead_organisation = forms.CharField(
        label=_("…or name a new organisation"),
        required=False,
        max_length=200,
        help_text=_("If your organisation is not in the list. A curator confirms new names."),
    )
    new_partner_organisations = forms.CharField(
        label=_("Other partners not in the list"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One organisation per line."),
    )
    not_a_duplicate = forms.BooleanField(
        label=_("My example is a different one; send it anyway"),
        required=False,
    )
    # A new example's one-time key; see Initiative.form_key.
    form_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    # The writing help (initiatives.writing): the LIX beside these, and an
    # e-mail address is no warning where it belongs.
    writing_lix = ("summary", "description")
    writing_emails_allowed = ("contact_name",)

    class Meta:
        model = Initiative
        fields = [
            "title",
            "summary",
            "description",
            "category",
            "format",
            "status",
            "start_date",
            "end_date",
            "target_groups",
            "nationwide",
            "municipalities",
            "lead_organisation",
            "partner_organisations",
            "partnership",
            "uses_volunteers",
            "evidence",
            "evaluation_summary",
            "evaluation_url",
            "outcomes",
            "how_to_start",
            "resources",
            "costs",
            "cost_level",
            "staff_hours",
            *TRANSFER_NOTES,
            *(name for d in knowledge.DIMENSIONS for name in (d.field, d.why_field)),
            "contact_name",
            "contact_email",
            "photo_consent",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "evaluation_summary": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
            "how_to_start": forms.Textarea(attrs={"rows": 4}),
            "resources": forms.Textarea(attrs={"rows": 3}),
            "costs": forms.Textarea(attrs={"rows": 3}),
            "cost_level": forms.RadioSelect,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "target_groups": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
            "partner_organisations": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 2}) for name in TRANSFER_NOTES},
            **{d.field: forms.RadioSelect for d in knowledge.DIMENSIONS},
            "photo_consent": forms.RadioSelect,
        }
        labels = {
            "photo_consent": _(
                "Do you have consent from the people shown – for children, from those with "
                "parental responsibility?"
            ),
        }
        help_texts = {
            "title": _("A short name others will recognise, e.g. “Biblioteket Kommer”."),
            "description": _("What you do, step by step, so that others can do the same."),
            "target_groups": _("Who the example is for (målgruppe)."),
            "municipalities": _("Where the example runs. Type in the box to find a municipality."),
            "evidence": _("How well the effect is documented."),
            "how_to_start": _("What others need to do to get started (implementering)."),
            "costs": _("Anything else about the money it takes, and what it pays for (økonomi)."),
            "staff_hours": _("A rough estimate is fine."),
            "contact_email": _("Shown only to signed-in users, never to anonymous visitors."),
            # What each level means for this dimension, in plain words.
            **{d.field: d.guidance for d in knowledge.DIMENSIONS},
        }

    def __init__(self, *args, duplicates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = list(duplicates)
        if self.instance.pk is None:
            self.fields["form_key"].initial = uuid.uuid4
        self.fields["lead_organisation"].required = False
        # Confirmed organisations, plus those this example already names (which
        # may wait for a curator), so that saving a draft again keeps them.
        named = []
        if self.instance.pk:
            named = [self.instance.lead_organisation_id]
            named += self.instance.partner_organisations.values_list("pk", flat=True)
        organisations = Organisation.objects.confirmed(including=named).order_by("name")
        self.fields["lead_organisation"].queryset = organisations
        self.fields["partner_organisations"].queryset = organisations
        self.fields["partnership"].queryset = Partnership.objects.order_by("name")
        for name in ["format", "status", "evidence"]:
            field = self.fields[name]
            field.choices = [
                (value, capfirst(label) if value else gettext("Choose…"))
                for value, label in field.choices
            ]
        cost_level = self.fields["cost_level"]
        cost_level.choices = [(v, capfirst(label)) for v, label in Initiative.CostLevel.choices]
        # No blank option: a level is blank until the contributor chooses one.
        for dimension in knowledge.DIMENSIONS:
            self.fields[dimension.field].choices = [
                (value, format_lazy("{}: {}", value, label))
                for value, label in knowledge.Level.choices
            ]
        self._ask_photo_consent()
        # A draft may leave these empty; the label says they are needed before review.
        self.plain_labels = {name: field.label for name, field in self.fields.items()}
        for name in Initiative.NEEDED_FOR_REVIEW:
            field = self.fields[name]
            field.label = format_lazy("{} ({})", field.label, NEEDED_FOR_REVIEW)
        # Municipalities grouped by region, as people look for them.
        by_region = {value: [] for value in Region.values}
        for municipality in Municipality.objects.order_by("name"):
            by_region[municipality.region].append((municipality.pk, municipality.name))
        self.fields["municipalities"].choices = [
            (label, by_region[value]) for value, label in Region.choices
        ]
        self.helper = self._helper()
        writing.attach(self)

    def _ask_photo_consent(self):
        """The consent question, only for an example with photos for a vulnerable group."""
        if not self.instance.needs_photo_consent():
            del self.fields["photo_consent"]
            return
        field = self.fields["photo_consent"]
        field.choices = list(Initiative.PhotoConsent.choices)  # no blank option

    def _helper(self):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Div(Field(HONEYPOT), css_class="honeypot", aria_hidden="true"),
            "form_key",
            self._method_fieldset(),
            Fieldset(_("For whom: the target group"), "target_groups"),
            _where_fieldset(),
            Fieldset(
                _("Evidence and results: the effect"),
                "evidence",
                "evaluation_summary",
                "evaluation_url",
                "outcomes",
            ),
            Fieldset(
                _("Practical matters: implementation"),
                "how_to_start",
                "resources",
            ),
            Fieldset(_("Transferability: doing it elsewhere"), *TRANSFER_NOTES),
            Fieldset(
                _("Economy: what it costs"),
                "cost_level",
                "staff_hours",
                "costs",
            ),
            _knowledge_fieldset(),
            Fieldset(_("Contact"), "contact_name", "contact_email"),
        )
        return helper

    def _method_fieldset(self):
        duplicate_field = [Field("not_a_duplicate")] if self.duplicates else []
        return Fieldset(
            _("What: the method"),
            "title",
            "summary",
            *duplicate_field,
            "description",
            "category",
            _side_by_side("format", "status"),
            _side_by_side("start_date", "end_date"),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if cleaned.get("lead_organisation") and cleaned.get("new_lead_organisation"):
            self.add_error(
                "new_lead_organisation",
                _("Choose an organisation from the list or name a new one, not both."),
            )
        return cleaned

    def save(self, commit=True):
        """Save the example with the organisations the contributor named (new ones unconfirmed)."""
        if self.instance.pk is None:
            self.instance.form_key = self.cleaned_data.get("form_key")
        new_lead = self.cleaned_data.get("new_lead_organisation", "").strip()
        if new_lead:
            self.instance.lead_organisation = _named_organisation(new_lead)
        if self.instance.pk is None or not commit:
            return super().save(commit)
        # An edit writes only the fields the form holds: the state belongs to the
        # workflow, and another request may have sent the example a moment ago.
        edited = [f.name for f in self.instance._meta.concrete_fields if f.name in self.fields]
        self.instance.save(update_fields=[*edited, "slug", "updated_at"])
        self._save_m2m()
        return self.instance

    def _save_m2m(self):
        super()._save_m2m()
        for name in self.cleaned_data.get("new_partner_organisations", "").splitlines():
            if name.strip():
                self.instance.partner_organisations.add(_named_organisation(name.strip()))


def _side_by_side(first, second):
    return Div(Div(first, css_class="col-md-6"), Div(second, css_class="col-md-6"), css_class="row")


def _where_fieldset():
    municipality_filter = format_html(
        '<div class="municipality-filter" hidden><label class="form-label" '
        'for="municipality-search">{}</label><input class="form-control" '
        'type="search" id="municipality-search" autocomplete="off"></div>',
        gettext("Find a municipality"),
    )
    return Fieldset(
        _("Where and with whom"),
        "nationwide",
        HTML(municipality_filter),
        Div("municipalities", css_class="municipality-list"),
        "lead_organisation",
        "new_lead_organisation",
        Div("partner_organisations", css_class="organisation-list"),
        "new_partner_organisations",
        "partnership",
        "uses_volunteers",
    )


def _knowledge_fieldset():
    """The knowledge declaration: per dimension a level and what it rests on."""
    intro = format_html(
        '<p class="form-text">{} <a href="{}#knowledge">{}</a></p>',
        gettext(
            "For each of the five parts, choose how much is known and say in one line "
            "what it rests on. A curator confirms or changes the levels before the "
            "example is published."
        ),
        reverse("evidence"),
        gettext("What the levels mean"),
    )
    # The level's radio group is a fieldset of its own, with the dimension in its legend.
    dimensions = [
        Div(dimension.field, dimension.why_field, css_class="knowledge-choice")
        for dimension in knowledge.DIMENSIONS
    ]
    return Fieldset(
        _("How much is known?"), HTML(intro), *dimensions, css_id="knowledge-declaration"
    )


def _named_organisation(name):
    existing = Organisation.objects.filter(name__iexact=name[:200]).first()
    return existing or Organisation.objects.create(name=name[:200], confirmed=False)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file", "licence"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ACCEPT})}
        help_texts = {
            "file": _("PDF, image or office document, at most 10 MB."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A row left empty is skipped; a row half filled says what it lacks.
        self.fields["title"].required = self.fields["file"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") and not cleaned.get("title"):
            self.add_error("title", _("Give the file a title."))
        # A file refused for its content already says so; "choose the file" would
        # contradict it.
        if cleaned.get("title") and not cleaned.get("file") and "file" not in self.errors:
            self.add_error("file", _("Choose the file."))
        return cleaned


class LinkForm(forms.ModelForm):
    class Meta:
        model = Link
        fields = ["title", "url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = self.fields["url"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("url") and not cleaned.get("title"):
            self.add_error("title", _("Give the link a title."))
        if cleaned.get("title") and not cleaned.get("url") and "url" not in self.errors:
            self.add_error("url", _("Give the web address."))
        return cleaned


LinkFormSet = inlineformset_factory(
    Initiative, Link, form=LinkForm, extra=2, max_num=20, can_delete=True
)
AttachmentFormSet = inlineformset_factory(
    Initiative, Attachment, form=AttachmentForm, extra=2, max_num=20, can_delete=True
)


DUPLICATE_HINT = _("Check the similar examples above; tick the box if yours is a different one.")


class Submission:
    """The submission form with its link and attachment rows, validated and saved as one."""

    def __init__(self, instance, data=None, files=None):
        duplicates = []
        if data is not None:
            duplicates = similar_examples(
                Initiative.objects.published().exclude(pk=instance.pk),
                title=data.get("title", ""),
                summary=data.get("summary", ""),
            )
        self.form = InitiativeForm(data, instance=instance, duplicates=duplicates)
        self.links = LinkFormSet(data, instance=instance, prefix="links")
        self.attachments = AttachmentFormSet(data, files, instance=instance, prefix="attachments")

    def is_valid(self, *, sending):
        """Valid to save; when `sending`, a likely duplicate must also be confirmed as different."""
        valid = all([self.form.is_valid(), self.links.is_valid(), self.attachments.is_valid()])
        confirmed = self.form.cleaned_data.get("not_a_duplicate") if valid else True
        if sending and self.form.duplicates and not confirmed:
            self.form.add_error("not_a_duplicate", DUPLICATE_HINT)
            return False
        return valid

    def save(self):
        with transaction.atomic():
            initiative = self.form.save()
            self.links.save()
            self.attachments.save()
        return initiative

    def error_summary(self):
        """[(label, message, anchor)] for the summary at the top of the form."""
        form = self.form
        summary = [("", message, None) for message in form.non_field_errors()]
        for name, errors in form.errors.items():
            if name in form.fields:
                summary += [
                    (form.plain_labels[name], message, field_anchor(form, name))
                    for message in errors
                ]
        for formset in [self.links, self.attachments]:
            item = capfirst(formset.model._meta.verbose_name)
            for number, subform in enumerate(formset, start=1):
                for name, errors in subform.errors.items():
                    if name in subform.fields:
                        label = gettext("%(item)s %(number)d, %(field)s") % {
                            "item": item,
                            "number": number,
                            "field": subform[name].label.lower(),
                        }
                        summary += [(label, message, subform[name].auto_id) for message in errors]
        return summary

    def missing_summary(self):
        """[(label, message, anchor)] for what a curator needs before this example can be sent."""
        instance, form = self.form.instance, self.form
        if instance.pk is None or not instance.is_editable_by_submitter:
            return []
        return [
            (form.plain_labels[name], message, field_anchor(form, name))
            for name, message in instance.missing_for_review().items()
        ]


def field_anchor(form, name):
    # Radio buttons and checkbox lists (a subclass) have no element with the
    # field's own id; the link goes to the first option, inside the group's fieldset.
    field = form[name]
    return (
        f"{field.auto_id}_0" if isinstance(field.field.widget, forms.RadioSelect) else field.auto_id
    )
