"""Upload rate limit per student (SECURITY.md row 35), counted in the shared cache."""

import time

from django.conf import settings
from django.core.cache import cache

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
