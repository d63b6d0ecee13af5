import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devdata.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo staff accounts (local try-out only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo codes are for a local try-out with DEBUG=true only.")
        counter = int(time.time()) // 30
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
        seconds = 30 - int(time.time()) % 30
        self.stdout.write(f"{code}  (valid for about {seconds} more seconds; each code works once)")
