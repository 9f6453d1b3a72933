"""The contact page: a form that reaches the editors, whatever the set-up.

The message goes to CONTACT_EMAIL when the portal has one, else to every
active curator, so that the page works out of the box (in the demo the
e-mail is printed in the terminal). What the visitor writes is not stored:
it leaves in the e-mail, sent by the task worker like every other e-mail.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from initiatives.notifications import curators
from portal.lib import clients, ratelimit
from portal.lib.forms import HoneypotForm
from portal.lib.mailqueue import as_dict, deliver

# Messages a visitor (by address) may send an hour: enough to correct a typo, too few to spam.
MESSAGES_AN_HOUR = 5


class ContactForm(HoneypotForm):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"), help_text=_("So that the editors can answer you.")
    )
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


def recipients():
    """The editors' addresses: the portal's contact address, or else the curators'."""
    if settings.CONTACT_EMAIL:
        return [settings.CONTACT_EMAIL]
    return list(curators().values_list("email", flat=True))


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(
            f"contact:{clients.address(request)}", limit=MESSAGES_AN_HOUR, period=3600
        ):
            form.add_error(
                None,
                gettext("You have sent several messages in a short time. Try again in an hour."),
            )
        elif not recipients():
            form.add_error(None, gettext("The editors cannot be reached yet. Try again later."))
        else:
            _send(form.cleaned_data)
            messages.success(request, gettext("Thank you. Your message is sent to the editors."))
            return redirect("contact")
    context = {"form": form, "contact_email": settings.CONTACT_EMAIL}
    return render(request, "portal/contact.html", context)


def _send(data):
    body = gettext("%(name)s <%(email)s> writes through the contact page:") % data
    message = EmailMessage(
        subject=gettext("Message from %(name)s through Gode eksempler")
        % {"name": data["name"][:80]},
        body=f"{body}\n\n{data['message']}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients(),
        reply_to=[data["email"]],
    )
    transaction.on_commit(lambda: deliver.enqueue(as_dict(message)))
