from django.core.management.base import BaseCommand
from django.db import transaction

from students.encryption import search_hash
from students.models import Registration


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored social-security number with the first key of "
        "FIELD_ENCRYPTION_KEYS and recompute the search hashes with NUMBER_SEARCH_KEY. "
        "Run after adding a new key, before removing the old ones."
    )

    def handle(self, *args, **options):
        count = 0
        registrations = Registration.objects.exclude(
            provisional_number="", definitive_number=""
        ).only("pk", "provisional_number", "definitive_number")
        for registration in registrations.iterator():
            with transaction.atomic():
                # Reading decrypts with any key; saving encrypts with the first one.
                registration.provisional_number_search_hash = search_hash(
                    registration.provisional_number
                )
                registration.definitive_number_search_hash = search_hash(
                    registration.definitive_number
                )
                registration.save(
                    update_fields=[
                        "provisional_number",
                        "provisional_number_search_hash",
                        "definitive_number",
                        "definitive_number_search_hash",
                    ]
                )
            count += 1
        self.stdout.write(self.style.SUCCESS(f"{count} registrations re-encrypted."))
