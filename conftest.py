"""Environment for the test run, set before Django reads its settings."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
# The test client speaks plain HTTP; production keeps the HTTPS redirect on.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
