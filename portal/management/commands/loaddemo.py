"""`manage.py loaddemo`: load the portal's first real content from the seed text."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.demo import load_demo


class Command(BaseCommand):
    help = (
        "Load the portal's first content: the three partnerships from the 2020 blog post, "
        "their organisations, the categories and target groups, the sixteen library "
        "examples, a few libraries' adoptions of them and the search's synonym groups. "
        "Safe to run again; it only changes rows that differ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything in a transaction and roll it back, so nothing is saved.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        detail = self.stdout if verbosity >= 2 else None
        try:
            with transaction.atomic():
                counts = load_demo(stdout=detail)
                if dry_run:
                    transaction.set_rollback(True)
        except ObjectDoesNotExist as exc:
            raise CommandError(f"{exc} Run `manage.py migrate` first.") from exc

        self.stdout.write(
            self.style.SUCCESS(
                "Loaded {partnerships} partnerships, {initiatives} good examples, "
                "{adoptions} adoptions, "
                "{organisations} organisations, {memberships} memberships, {meetings} meetings, "
                "{categories} categories, {target_groups} target groups and "
                "{synonym_groups} synonym groups "
                "({created} created, {updated} updated).".format(**counts)
            )
        )
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
