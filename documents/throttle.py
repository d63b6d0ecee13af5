"""Upload rate limit per student (SECURITY.md row 35), counted in the rate-limit store.

The store shared by every app server that never evicts a live entry (accounts/ratelimit.py),
not the page cache, which a visitor can fill until counters are pushed out.
"""

import time

from django.conf import settings

from accounts.ratelimit import store as cache

WINDOW_SECONDS = 60 * 60


def upload_attempt_allowed(*, user) -> bool:
    """Count one upload attempt; False once the student passed the hourly limit."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"documents:uploads:{user.pk}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        attempts = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is the first attempt of a window.
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        attempts = 1
    return attempts <= settings.DOCUMENT_UPLOADS_PER_HOUR
