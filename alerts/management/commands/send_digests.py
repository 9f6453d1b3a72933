"""`manage.py send_digests --frequency daily|weekly`: e-mail followed searches' new examples."""

from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand, DjangoHelpFormatter

from alerts.digests import send_digests
from alerts.models import FollowedSearch


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's help layout, keeping the line breaks of the cron example."""


class Command(BaseCommand):
    help = """E-mail each followed search of one frequency the examples published since its
last e-mail: one digest per search, and none when nothing is new. With
TASKS_BACKEND=database the e-mails are queued for the task worker, which
sends them and tries again while the mail server is down.

Running it again sends nothing twice. Schedule it daily for the daily
searches and on Mondays for the weekly ones; cron (crontab -e as the user
that runs the site, in its folder):

  15 7 * * *  cd /srv/gode-eksempler && .venv/bin/python manage.py send_digests --frequency daily
  45 7 * * 1  cd /srv/gode-eksempler && .venv/bin/python manage.py send_digests --frequency weekly
"""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            required=True,
            choices=FollowedSearch.Frequency.values,
            help="Which followed searches to send: the daily or the weekly ones.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the digests that would be sent; send and change nothing.",
        )

    def handle(self, *args, frequency, dry_run, **options):
        checked, queued = send_digests(frequency=frequency, dry_run=dry_run)
        verb = "would be sent" if dry_run else "queued"
        self.stdout.write(
            f"{frequency}: {checked} followed search(es) checked, {queued} digest(s) {verb}."
        )
