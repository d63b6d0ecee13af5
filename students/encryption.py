"""Application-level encryption of social-security numbers, and the keyed hash to find them.

The CNIL treats the NIR as sensitive: a database dump or backup must not reveal it
(SECURITY.md, "Data minimisation"). Numbers are encrypted with Fernet (AES-128-CBC with an
HMAC) through MultiFernet, so keys can be rotated: the first key of FIELD_ENCRYPTION_KEYS
encrypts, every key decrypts. Because Fernet tokens differ at every encryption, staff search
uses a separate HMAC-SHA256 of the number under NUMBER_SEARCH_KEY.
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

MISSING_KEYS_MESSAGE = (
    "FIELD_ENCRYPTION_KEYS and NUMBER_SEARCH_KEY must be set when DEBUG is off: they encrypt "
    "and index students' social-security numbers. See .env.example (section 'Social-security "
    "numbers') for how to generate them."
)


def _development_key(label: str) -> bytes:
    # Only with DEBUG on: a stable key per purpose, so a local database stays readable.
    digest = hashlib.sha256(f"{label}:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def _configured_keys() -> list[bytes]:
    return [key.strip().encode() for key in settings.FIELD_ENCRYPTION_KEYS if key.strip()]


def configuration_problems() -> list[str]:
    """What is wrong with the key settings, in words for the operator (empty when fine)."""
    keys = _configured_keys()
    problems = []
    if not settings.DEBUG and (not keys or not settings.NUMBER_SEARCH_KEY):
        problems.append(MISSING_KEYS_MESSAGE)
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            problems.append(
                f"FIELD_ENCRYPTION_KEYS: key number {position} is not a Fernet key "
                "(32 url-safe base64-encoded bytes)."
            )
    return problems


def _check_configuration() -> None:
    problems = configuration_problems()
    if problems:
        raise ImproperlyConfigured(" ".join(problems))


def _fernet() -> MultiFernet:
    _check_configuration()
    keys = _configured_keys() or [_development_key("field-encryption")]
    return MultiFernet([Fernet(key) for key in keys])


def _search_key() -> bytes:
    _check_configuration()
    if settings.NUMBER_SEARCH_KEY:
        return settings.NUMBER_SEARCH_KEY.encode()
    return _development_key("number-search")


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A stored social-security number cannot be decrypted with FIELD_ENCRYPTION_KEYS: "
            "was a key removed before `manage.py reencrypt_numbers` ran?"
        ) from error


def search_hash(normalised_number: str) -> str:
    """Keyed hash of a normalised number: equal numbers give equal hashes, nothing else."""
    if not normalised_number:
        return ""
    return hmac.new(_search_key(), normalised_number.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; it cannot be filtered on (use the search hash)."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(value)
