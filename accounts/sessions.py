"""Sessions read from the shared cache (Redis) and written through to the database.

Django's cached_db keeps every session in the database and a copy in the cache, so a read
is one Redis round trip and an evicted or lost copy is read again from the database. This
store keeps working from the database alone while the cache is unreachable: a read falls
back to the database, a save is written to the database (Django logs the copy it could not
cache). A copy left in the cache meanwhile is an older state of the same live session, so
the worst it does is forget a recent change (an activity stamp, a message); it can never
bring back an ended session, because of the rule below.

A session is ended (logout, a new key at login) only once its cached copy is gone: if the
cache cannot be reached the error goes up and the person gets the "temporarily
unavailable" page, with the session untouched, rather than a copy the cache could serve
again after it comes back.
"""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

from portal.cache import CACHE_UNAVAILABLE, log_cache_unavailable


class SessionStore(CachedDBStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except CACHE_UNAVAILABLE:
            log_cache_unavailable("reading a session")
            data = None
        if data is not None:
            return data
        s = self._get_session_from_db()
        if not s:
            return {}
        data = self.decode(s.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=s.expire_date))
        except CACHE_UNAVAILABLE:
            log_cache_unavailable("reading a session")
        return data

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except CACHE_UNAVAILABLE:
            return bool(session_key) and super(CachedDBStore, self).exists(session_key)

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        # The cached copy first: if it cannot be removed, nothing is.
        self._cache.delete(self.cache_key_prefix + session_key)
        super(CachedDBStore, self).delete(session_key)
