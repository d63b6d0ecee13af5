"""Numbers are encrypted at rest, searchable by keyed hash, and keys can be rotated."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from students import encryption
from students.checks import number_encryption_keys
from students.models import Registration
from tests.students.conftest import DEFINITIVE, PROVISIONAL


def raw_columns(registration) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT provisional_number, definitive_number FROM students_registration WHERE id = %s",
            [registration.pk],
        )
        return cursor.fetchone()


def test_the_database_column_does_not_hold_the_number(alice_registration, bring_to):
    registration = bring_to(alice_registration, "definitive-number")

    provisional_column, definitive_column = raw_columns(registration)

    assert PROVISIONAL not in provisional_column
    assert DEFINITIVE not in definitive_column
    assert PROVISIONAL[:13] not in provisional_column
    assert registration.provisional_number == PROVISIONAL
    assert registration.definitive_number == DEFINITIVE


def test_the_search_hash_finds_the_number_and_reveals_nothing(alice_registration, bring_to):
    registration = bring_to(alice_registration, "provisional-number")

    assert registration.provisional_number_search_hash == encryption.search_hash(PROVISIONAL)
    assert PROVISIONAL not in registration.provisional_number_search_hash
    assert (
        Registration.objects.get(provisional_number_search_hash=encryption.search_hash(PROVISIONAL))
        == registration
    )


def test_the_search_hash_depends_on_the_key(settings):
    first = encryption.search_hash(PROVISIONAL)
    settings.NUMBER_SEARCH_KEY = "another-key"

    assert encryption.search_hash(PROVISIONAL) != first


def test_encryption_gives_a_new_token_each_time():
    assert encryption.encrypt(PROVISIONAL) != encryption.encrypt(PROVISIONAL)


def test_a_new_first_key_still_reads_old_numbers_and_the_command_reencrypts(
    alice_registration, bring_to, settings
):
    registration = bring_to(alice_registration, "provisional-number")
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]

    assert Registration.objects.get(pk=registration.pk).provisional_number == PROVISIONAL

    call_command("reencrypt_numbers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.FIELD_ENCRYPTION_KEYS = [new_key]

    assert Registration.objects.get(pk=registration.pk).provisional_number == PROVISIONAL


def test_a_removed_key_gives_a_clear_error(alice_registration, bring_to, settings):
    registration = bring_to(alice_registration, "provisional-number")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(ImproperlyConfigured, match="reencrypt_numbers"):
        Registration.objects.get(pk=registration.pk)


def test_without_keys_and_without_debug_the_portal_refuses_to_start(settings):
    settings.DEBUG = False
    settings.FIELD_ENCRYPTION_KEYS = []
    settings.NUMBER_SEARCH_KEY = ""

    errors = number_encryption_keys(None)

    assert [error.id for error in errors] == ["students.E001"]
    assert "FIELD_ENCRYPTION_KEYS" in errors[0].msg
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS"):
        encryption.encrypt(PROVISIONAL)


def test_a_malformed_key_is_reported(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-fernet-key"]

    errors = number_encryption_keys(None)

    assert any("key number 1 is not a Fernet key" in error.msg for error in errors)


def test_with_debug_and_no_keys_development_keys_come_from_the_secret_key(settings):
    settings.DEBUG = True
    settings.FIELD_ENCRYPTION_KEYS = []
    settings.NUMBER_SEARCH_KEY = ""

    assert number_encryption_keys(None) == []
    token = encryption.encrypt(PROVISIONAL)
    assert encryption.decrypt(token) == PROVISIONAL
    assert encryption.search_hash(PROVISIONAL) == encryption.search_hash(PROVISIONAL)

    settings.SECRET_KEY = "another-secret"
    with pytest.raises(ImproperlyConfigured):
        encryption.decrypt(token)


def test_the_check_passes_with_the_test_keys():
    assert number_encryption_keys(None) == []
