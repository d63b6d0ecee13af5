import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devdata import synthetic
from students.models import StudentProfile

# A database holding more real students than this is not a benchmark database.
MAX_REAL_STUDENTS = 50


class Command(BaseCommand):
    help = (
        "Fill a BENCHMARK database with synthetic students (profiles, registrations, dated "
        "events, documents with small shared files), in batches, reproducibly from a seed. "
        "Never on production: it refuses to run without DEBUG or "
        "--i-know-this-is-not-production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--students", type=int, default=100_000, help="How many (100 000).")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data (1).")
        parser.add_argument(
            "--reset",
            action="store_true",
            help=f"First delete every account at @{synthetic.SYNTHETIC_DOMAIN} with its rows "
            "and files (nothing else).",
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="not_production",
            help="Required when DEBUG is off: this database is a benchmark one.",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or options["not_production"]):
            raise CommandError(
                "This fills the database with fake students. Run it only on a benchmark "
                "database, with DEBUG on or --i-know-this-is-not-production."
            )
        real = (
            StudentProfile.objects.exclude(user__email__endswith=f"@{synthetic.SYNTHETIC_DOMAIN}")
            .values("pk")[: MAX_REAL_STUDENTS + 1]
            .count()
        )
        if real > MAX_REAL_STUDENTS:
            raise CommandError(
                f"This database holds more than {MAX_REAL_STUDENTS} real students: it is not "
                "a benchmark database. Nothing was changed."
            )
        if options["students"] < 1:
            raise CommandError("--students must be at least 1.")
        started = time.monotonic()
        try:
            if options["reset"]:
                deleted = synthetic.reset()
                self.stdout.write(
                    f"Deleted {deleted} synthetic accounts ({time.monotonic() - started:.0f} s)."
                )
            summary = synthetic.generate(
                students=options["students"],
                seed=options["seed"],
                batch_size=options["batch_size"],
                progress=self._progress(started),
            )
        except synthetic.GenerationRefused as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.students} synthetic students in {elapsed:.0f} s "
                f"(seed {options['seed']}); {summary.files} file names, hard-linked to a few "
                "shared files."
            )
        )
        for label, count in sorted(summary.rows.items()):
            self.stdout.write(f"  {label:<36} {count:>10}")
        self.stdout.write(
            f"Log in as {synthetic.FULL_TIMELINE_EMAIL} (full timeline) or "
            f"{synthetic.UPLOADER_EMAIL} (no documents) through a session made by bench/run.py; "
            "synthetic accounts have no usable password."
        )

    def _progress(self, started: float):
        def report(done: int, total: int) -> None:
            if done == total or done % 10_000 < (done - 1) % 10_000:
                rate = done / max(time.monotonic() - started, 0.001)
                self.stdout.write(f"  {done}/{total} students ({rate:.0f}/s)")

        return report
