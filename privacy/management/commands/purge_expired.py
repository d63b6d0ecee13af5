from django.core.management.base import BaseCommand

from privacy.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Delete what is past its retention period: inactive student accounts, documents after "
        "the definitive number or the end of the academic year, old notices and access-log "
        "entries (docs/retention.md). Run it daily; a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        purged = apply_retention(dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb}: {purged.accounts} accounts, {purged.documents} documents, "
            f"{purged.files} files, {purged.notices_deleted} notices "
            f"({purged.notices_emptied} more emptied), "
            f"{purged.access_log_entries} access-log entries, "
            f"{purged.care_expenses} care expenses"
        )
