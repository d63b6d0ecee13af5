"""What counts as "the shared cache is unreachable", for the places that can do without it.

With Redis as the cache (CACHE_URL=redis://…) a page that only reads the cache to go
faster (guidance pages, waiting-time medians, filter options, sessions) is served from the
database while Redis is down. A rate limit or a single-use marker cannot be checked without
it: those let the error through, and portal.views.server_error answers 503 with a clear
message rather than a 500 (and rather than letting the attempt through unchecked).
"""

import logging
import uuid

from django.core.cache import cache
from django.core.cache.backends.base import InvalidCacheBackendError

logger = logging.getLogger("portal.cache")

try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError:  # pragma: no cover - redis is a locked dependency
    CACHE_UNAVAILABLE: tuple[type[BaseException], ...] = (InvalidCacheBackendError,)
else:
    CACHE_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


def log_cache_unavailable(action: str) -> None:
    logger.warning("Shared cache unreachable, %s without it", action)


def version_stamp(found: dict, key: str, timeout: int | None) -> str:
    """The stamp stored under `key` (as read into `found` by get_many), or a new one.

    A new stamp is added, not set: when two requests make one at once, the first stored wins
    and both use it. Raises what the cache raises (CACHE_UNAVAILABLE) for the caller to handle.
    """
    stamp = found.get(key)
    if stamp is None:
        stamp = uuid.uuid4().hex
        if not cache.add(key, stamp, timeout):
            stamp = cache.get(key, stamp)
    return stamp


def get_or_compute(key: str, compute, timeout: int):
    """The cached value of `key`, or `compute()` stored for `timeout` seconds.

    Only for values the database can always give again: while the cache is unreachable,
    they are computed on every call.
    """
    from django.core.cache import cache

    try:
        value = cache.get(key)
    except CACHE_UNAVAILABLE:
        log_cache_unavailable(f"computing {key}")
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except CACHE_UNAVAILABLE:
            log_cache_unavailable(f"computing {key}")
    return value


def get_or_refresh(key: str, compute, *, fresh_for: int, keep_for: int):
    """Like get_or_compute, for a value slow to compute (seconds): once it is older than
    `fresh_for` seconds, one request computes it again (the one that takes the refresh
    lock) while the others are still served the older copy, kept `keep_for` seconds.
    Only computed by every request when no copy exists at all (or the cache is down).
    """
    import time

    from django.core.cache import cache

    try:
        entry = cache.get(key)
    except CACHE_UNAVAILABLE:
        log_cache_unavailable(f"computing {key}")
        return compute()
    now = time.time()
    if entry is not None:
        computed_at, value = entry
        if now - computed_at < fresh_for:
            return value
        try:
            refreshing = not cache.add(f"{key}:refreshing", 1, fresh_for)
        except CACHE_UNAVAILABLE:
            refreshing = True
        if refreshing:  # another request is computing it: the older copy meanwhile
            return value
    value = compute()
    try:
        cache.set(key, (time.time(), value), keep_for)
    except CACHE_UNAVAILABLE:
        log_cache_unavailable(f"computing {key}")
    return value
