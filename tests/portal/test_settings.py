import os
import secrets
import string
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

SETUP = "import django; django.setup()"


def start_django(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(overrides, DJANGO_SETTINGS_MODULE="portal.settings")
    return subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _dotenv() -> str:
    path = settings.BASE_DIR / ".env"
    return path.read_text() if path.exists() else ""


@pytest.mark.parametrize("secret_key", [None, ""], ids=["unset", "empty"])
def test_it_refuses_to_start_without_a_secret_key(secret_key):
    if secret_key is None and "SECRET_KEY" in _dotenv():
        pytest.skip("a local .env provides SECRET_KEY")
    overrides = {} if secret_key is None else {"SECRET_KEY": secret_key}

    result = start_django(**overrides)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_it_starts_without_a_secret_key_when_debug_is_on():
    result = start_django(DEBUG="true")

    assert result.returncode == 0, result.stderr


def test_it_starts_with_a_secret_key():
    result = start_django(SECRET_KEY="a-secret-for-this-test")

    assert result.returncode == 0, result.stderr


def test_debug_is_off_in_the_tests():
    assert settings.DEBUG is False


def test_it_rejects_a_common_password():
    with pytest.raises(ValidationError):
        validate_password("password1234")


def test_it_rejects_an_11_character_password():
    with pytest.raises(ValidationError) as excinfo:
        validate_password("vqzkmhtrwlp")

    assert any(error.code == "password_too_short" for error in excinfo.value.error_list)


def test_it_accepts_16_random_lowercase_letters():
    password = "".join(secrets.choice(string.ascii_lowercase) for _ in range(16))

    validate_password(password)
