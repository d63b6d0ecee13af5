"""The store of allauth's rate-limit counters and "code already used" markers.

These entries are security state, not a cache: losing one unlocks an account or lets a
second-factor code be replayed. They live in a cache alias of their own (`ratelimit`,
RATELIMIT_CACHE_URL), apart from page caches that visitors can fill:

- in production, a Redis instance of their own (`ratelimit-redis` in docker-compose.yml)
  run with `maxmemory-policy noeviction`: Redis evicts per instance, so sharing one with
  page caches under an LRU policy would let a flood of pages push the markers out;
- on the embedded default, a database table of its own (`portal_ratelimit`) read by
  `NeverEvictingDatabaseCache`: every worker and app server sharing the database shares
  it, `add()` is a single INSERT guarded by the primary key (so a code is marked used
  once, whichever worker sees it first), and it only ever drops entries that have expired.
  A per-process cache (LocMem) would multiply the limits by the number of workers and let
  a TOTP code be replayed on another worker; the file cache culls live entries at random
  once full.

allauth reads `django.core.cache.cache` (the `default` alias) by a module-level name in its
rate-limit module and in its TOTP module, and has no setting to choose another alias; the
`default` alias belongs to page caches and sessions. So `use_ratelimit_store()` (called
from AccountsConfig.ready) rebinds those two names to the `ratelimit` alias, and the system
check `accounts.E001` fails start-up if a new allauth version stops reading them, instead
of silently falling back to a cache that evicts.
"""

from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections
from django.utils.connection import ConnectionProxy

ALIAS = "ratelimit"
# Like django.core.cache.cache, a proxy: each thread gets its own connection to the store.
store = ConnectionProxy(caches, ALIAS)


class NeverEvictingDatabaseCache(DatabaseCache):
    """The database cache, except that a full table drops only expired entries, never live ones.

    Django's DatabaseCache, once past MAX_ENTRIES, deletes the alphabetically first keys
    whatever their expiry: allauth's. Here past MAX_ENTRIES only expired rows go; the table
    may then hold more than MAX_ENTRIES live rows, which is the point (each is bounded by
    its own short timeout, and every one is created by a request that is itself limited).
    """

    def _cull(self, db, cursor, now, num):
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        cursor.execute(
            f"DELETE FROM {table} WHERE {connection.ops.quote_name('expires')} < %s",  # noqa: S608
            [connection.ops.adapt_datetimefield_value(now)],
        )


def _allauth_modules():
    from allauth.core.internal import ratelimit
    from allauth.mfa.totp.internal import auth as totp_auth

    return (ratelimit, totp_auth)


def use_ratelimit_store() -> None:
    """Point allauth's rate limits and TOTP single-use markers at the `ratelimit` alias."""
    for module in _allauth_modules():
        if hasattr(module, "cache"):
            module.cache = store


@checks.register(checks.Tags.security)
def check_ratelimit_store(app_configs, **kwargs):
    errors = []
    for module in _allauth_modules():
        if getattr(module, "cache", None) is not store:
            errors.append(
                checks.Error(
                    f"{module.__name__} does not keep its entries in the '{ALIAS}' cache.",
                    hint="allauth changed how it reads its cache: see accounts/ratelimit.py.",
                    id="accounts.E001",
                )
            )
    return errors
