"""`manage.py findpersonaldata`: find the privacy guard's warnings of the rows already there.

New and edited examples, attachments and adoptions find their own warnings
when they are saved (initiatives.privacy). Rows saved before the guard came,
or before its name list grew, get theirs from this command. Run it once after
the migration that adds the guard; it is safe to run again.
"""

from django.core.management.base import BaseCommand

from adoptions.models import Adoption
from initiatives import privacy
from initiatives.models import Attachment, Initiative

CHUNK = 500


class Command(BaseCommand):
    help = (
        "Find what looks like personal data (CPR and phone numbers, e-mail addresses, "
        "names next to words such as “barn”) in every example, attachment and adoption, "
        "and store the warnings curators see in the review queue."
    )

    def handle(self, *args, **options):
        files = self._attachments()
        examples = self._refresh(Initiative.objects.all())
        adoptions = self._refresh(Adoption.objects.all())
        self.stdout.write(
            self.style.SUCCESS(
                f"Read {files} attachments. With warnings: {examples} good examples "
                f"and {adoptions} adoptions."
            )
        )

    def _attachments(self):
        """Read every attachment's file again; written straight to the row, not the history."""
        count = 0
        for attachment in Attachment.objects.only("pk", "title", "file").iterator(CHUNK):
            found = privacy.file_warnings(attachment.file, title=attachment.title)
            Attachment.objects.filter(pk=attachment.pk).update(privacy_warnings=found)
            count += 1
        return count

    def _refresh(self, queryset):
        """Find each row's warnings again; return how many have some."""
        warned = 0
        for row in queryset.order_by("pk").iterator(CHUNK):
            row.refresh_privacy_warnings()
            warned += bool(row.privacy_warnings)
        return warned
