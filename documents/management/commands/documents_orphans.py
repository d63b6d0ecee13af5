from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from documents.models import DocumentPage
from documents.storage import delete_files, stored_file_names


class Command(BaseCommand):
    help = (
        "List files in private storage that no document row names, and rows whose file is "
        "missing. With --delete, remove the orphan files (rows are only reported)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete orphan files (not rows).")
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            help=(
                "Only delete orphan files older than this (default 60), so a file whose "
                "upload is still being recorded is never removed."
            ),
        )

    def handle(self, *args, **options):
        stored = set(stored_file_names())
        named = dict(DocumentPage.objects.exclude(file="").values_list("file", "uuid").iterator())
        orphan_files = sorted(stored - named.keys())
        missing = sorted(name for name in named if name not in stored)

        for name in orphan_files:
            self.stdout.write(f"orphan file: {name}")
        for name in missing:
            self.stdout.write(f"row without file: page {named[name]} ({name})")

        deleted = 0
        if options["delete"] and orphan_files:
            cutoff = timezone.now() - timedelta(minutes=options["min_age_minutes"])
            old_enough = [
                name for name in orphan_files if default_storage.get_modified_time(name) < cutoff
            ]
            delete_files(old_enough)
            deleted = len(old_enough)
        self.stdout.write(
            f"{len(orphan_files)} orphan file(s), {len(missing)} row(s) without file"
            + (f", {deleted} file(s) deleted" if options["delete"] else "")
        )
