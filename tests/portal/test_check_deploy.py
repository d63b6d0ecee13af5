"""`manage.py check --deploy --fail-level WARNING` passes with production settings (SECURITY.md
row 36), with nothing silenced."""

import os
import secrets
import subprocess
import sys

from cryptography.fernet import Fernet
from django.conf import settings

# Settings a test run sets and production must not inherit.
TEST_ONLY = {"DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS"}


def production_environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.example.org",
        CSRF_TRUSTED_ORIGINS="https://portal.example.org",
        PUBLIC_BASE_URL="https://portal.example.org",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        NUMBER_SEARCH_KEY=secrets.token_urlsafe(50),
    )
    return env


def check_deploy(**overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={**production_environment(), **overrides},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_checklist_passes_with_production_settings():
    result = check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_nothing_is_silenced():
    assert getattr(settings, "SILENCED_SYSTEM_CHECKS", []) == []


def test_it_would_fail_if_a_production_default_were_weakened():
    result = check_deploy(SESSION_COOKIE_SECURE="false")

    assert result.returncode != 0
    assert "security.W012" in result.stdout + result.stderr
