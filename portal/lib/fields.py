from django.db import models


class WebAddressField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out.

    People type "roskildebib.dk"; Django 5 would make that http://, and
    Django 6 changes the default to https. This settles it now.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class ServedFieldFile(models.fields.files.FieldFile):
    """A stored file whose address is its model's page for it, not MEDIA_URL."""

    @property
    def url(self):
        if self.instance.pk is None:
            return super().url
        return self.instance.get_absolute_url()


class ServedFileField(models.FileField):
    """A FileField served by a view of the portal that checks who may see it.

    Every link, the admin's and the forms' "currently" links included, goes to
    the model's get_absolute_url(), so no page points past the access check.
    """

    attr_class = ServedFieldFile
