"""Environment for the test run, set before Django reads its settings."""

import os

import django

# pytest-django reads the settings module while loading the first conftests, before this
# file runs, when DJANGO_SETTINGS_MODULE comes from the ini file; naming it here instead
# lets the defaults below reach the settings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
# The test client speaks plain HTTP; production keeps the HTTPS redirect on.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Test-only keys for the encrypted social-security numbers (never used anywhere else).
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "qnxtrThEnQsewbbIcdR_-voD0aOqsN6PUlEFB7J1TCA=")
os.environ.setdefault("NUMBER_SEARCH_KEY", "tests-only-number-search-key")

# Set Django up now, as pytest-django would have, so that conftests below may import models.
django.setup()
