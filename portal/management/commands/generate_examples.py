"""`manage.py generate_examples --count N [--seed S]`: synthetic examples for the benchmark."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.synthetic import generate


class Command(BaseCommand):
    help = (
        "Add N published synthetic good examples with Danish texts, spread over the "
        "categories, target groups and municipalities, with organisations (about one per "
        "50 examples) and partnerships (one per 500) made for them, search documents filled. "
        "The same seed on the same database gives the same examples. For the benchmark "
        "(benchmarks/run.py); never run it against the real portal's database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many examples to add.")
        parser.add_argument("--seed", type=int, default=0, help="The random seed (default 0).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything in a transaction and roll it back, so nothing is saved.",
        )

    def handle(self, *args, count, seed, dry_run=False, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        try:
            if dry_run:
                with transaction.atomic():
                    report = generate(count=count, seed=seed, stdout=self.stdout)
                    transaction.set_rollback(True)
            else:
                # Outside a transaction of its own, so it can VACUUM ANALYZE afterwards.
                report = generate(count=count, seed=seed, stdout=self.stdout)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {report.examples} examples, {report.organisations} organisations and "
                f"{report.partnerships} partnerships in {report.seconds:.1f} s (seed {seed})."
            )
        )
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
