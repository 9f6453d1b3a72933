from django.db import models


class WebAddressField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out.

    People type "roskildebib.dk"; Django 5 would make that http://, and
    Django 6 changes the default to https. This settles it now.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
