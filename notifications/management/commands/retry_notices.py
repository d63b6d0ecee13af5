from django.core.management.base import BaseCommand

from notifications.services import notices_retry_failed


class Command(BaseCommand):
    help = "Send again the notices whose last attempt failed (run by cron or the worker)."

    def handle(self, *args, **options):
        count = notices_retry_failed()
        self.stdout.write(f"Retried {count} notice(s).")
