"""Django's own Danish for the messages that Django REST Framework words differently.

An installed app's catalogue outranks Django's, so DRF's Danish ("Angiv en
gyldig e-mailadresse.") would replace Django's ("Indtast en gyldig
e-mail-adresse.") in every form of the portal. Naming the messages here puts
them in the portal's own catalogue (locale/), which outranks both, translated
as Django translates them. tests/portal/test_django_wording.py finds any other
message an app rewords.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("Enter a valid email address."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
    gettext_noop("Value must be valid JSON."),
]
