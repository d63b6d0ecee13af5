"""Sign-up timing: an address that has an account must answer as fast as a new one.

SECURITY.md row 4 (and issue 16, #4): the difference of the medians over 20 tries stays
under 100 ms. Timed assertions do not belong in the test suite (they are flaky on a shared
machine), so this script measures it on purpose, with the production password hasher
(Argon2), DEBUG off, and a throw-away SQLite database:

    .venv/bin/python bench/signup_timing.py            # 20 tries of each
    .venv/bin/python bench/signup_timing.py --tries 50

It prints both medians and exits 1 when they differ by 100 ms or more. The test suite checks
the same thing by behaviour (tests/accounts/test_signup.py: the same answer, the same page
and a password hash for both).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THRESHOLD_SECONDS = 0.1


def configure(folder: str) -> None:
    from cryptography.fernet import Fernet

    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DEBUG": "false",
            "SECRET_KEY": "signup-timing-bench-only",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            # One process: an in-memory cache per alias is enough here.
            "CACHE_URL": "locmemcache://pages",
            "RATELIMIT_CACHE_URL": "locmemcache://ratelimit",
            "EMAIL_URL": "dummymail://",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
            "PRIVATE_STORAGE_ROOT": f"{folder}/private",
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "NUMBER_SEARCH_KEY": "signup-timing-bench-only",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def sign_up(email: str, n: int) -> float:
    from django.test import Client

    # A fresh visitor and address each time: the sign-up limit (20/m/ip) stays out of it.
    client = Client(REMOTE_ADDR=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}")
    password = "a-long-enough-secret-phrase"
    started = time.perf_counter()
    response = client.post(
        "/en/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )
    elapsed = time.perf_counter() - started
    if response.status_code != 302:
        raise SystemExit(f"sign-up of {email} answered {response.status_code}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        configure(folder)
        from accounts.models import User

        User.objects.create_user(email="known@example.org", password="x" * 16)
        new, known = [], []
        sign_up("warm-up@example.org", 0)
        for n in range(args.tries):
            # Interleaved, so a slow moment of the machine hits both sides alike.
            new.append(sign_up(f"new-{n}@example.org", 2 * n + 1))
            known.append(sign_up("known@example.org", 2 * n + 2))
    new_median, known_median = statistics.median(new), statistics.median(known)
    difference = abs(new_median - known_median)
    print(f"new address:   median {new_median * 1000:7.1f} ms over {args.tries} sign-ups")
    print(f"known address: median {known_median * 1000:7.1f} ms over {args.tries} sign-ups")
    bar = THRESHOLD_SECONDS * 1000
    print(f"difference:           {difference * 1000:7.1f} ms (bar: < {bar:.0f} ms)")
    return 0 if difference < THRESHOLD_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
