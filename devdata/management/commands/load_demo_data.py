from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from devdata.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, PAST_CASES, load_demo_data
from devdata.demo_documents import load_demo_documents
from devdata.demo_expenses import load_demo_expenses


class Command(BaseCommand):
    help = "Create the demo accounts (idempotent). For a local try-out only, never production."

    def handle(self, *args, **options):
        # The demo superuser's password is in the README and its TOTP key is public: on a
        # server (DEBUG off) these accounts would be open doors (issue 16, #5).
        if not settings.DEBUG:
            raise CommandError(
                "Demo data (accounts with a published password and second-factor key) is for "
                "a local try-out with DEBUG=true only."
            )
        people = load_demo_data()
        load_demo_documents(reviewer=User.objects.get(email="admin@example.org"))
        load_demo_expenses()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded. Demo accounts (password for all: {DEMO_PASSWORD}):"
            )
        )
        for person in people:
            self.stdout.write(f"  {person.email:<32} {person.role}")
        self.stdout.write(
            f"  (and {len(PAST_CASES)} past students, who cannot log in, whose finished "
            "registrations give the waiting-time medians)"
        )
        self.stdout.write(
            "Staff accounts need a two-factor code after the password. Demo key (TOTP, "
            f"base32, demo only): {DEMO_TOTP_SECRET}\n"
            "  Add it to an authenticator app, or print the current code with:\n"
            "  DEBUG=true python manage.py demo_totp_code"
        )
