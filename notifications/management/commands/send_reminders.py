import logging

from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications.reminders import due_reminders
from notifications.services import notices_retry_failed, notify

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Send the reminders due today (idempotent: each is sent once per window, even when "
        "two runs overlap), then retry notices whose sending failed. Run it daily."
    )

    def handle(self, *args, **options):
        sent = skipped = 0
        for reminder in due_reminders(today=timezone.localdate()):
            notice = notify(
                recipient=reminder.recipient,
                kind=reminder.kind,
                template="reminder",
                url_name=reminder.url_name,
                dedup_key=reminder.dedup_key,
                context={
                    **reminder.context,
                    "subject_template": f"emails/reminders/{reminder.topic}_subject.txt",
                    "body_template": f"emails/reminders/{reminder.topic}_body.txt",
                },
            )
            if notice is None:
                skipped += 1
            else:
                sent += 1
        retried = notices_retry_failed()
        # Counts only: no names or addresses in the log.
        summary = (
            f"Reminders: {sent} sent, {skipped} already sent or switched off; {retried} retried."
        )
        logger.info(summary)
        self.stdout.write(summary)
