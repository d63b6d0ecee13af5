"""The signed-in person's account row from the shared cache, not a query on every request.

Every signed-in request needs the user (the session names only its id). Django reads the
row from the database each time; with Redis that query was the largest cost of a signed-in
page that is otherwise served from the cache (issue 17: the signed-in floor). Here the row
the authentication backend returned is kept in the default cache for USER_CACHE_SECONDS
(5 minutes with Redis; 0, no copy, with the database cache, where it would be a query
instead of a query),
and dropped whenever the account is saved or deleted (password, e-mail, `is_active`,
`is_staff`, language, last login: every change goes through `save()`; signals below), at
once and again when the transaction commits, so a request reading the row meanwhile cannot
put the old one back for long.

What is not cached: permissions and groups (Django reads them when a check needs them, per
request, as before), the MFA state (allauth's records, read by office.mfa). The checks
stay Django's own: the backend decides who may be signed in (`is_active`), and the
session's password hash is compared with the cached row's, so a password change signs out
the other sessions at once, as before. A change made around `save()` (a queryset update,
SQL) is seen within USER_CACHE_SECONDS. While the cache is unreachable the row is read from
the database.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, load_backend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from portal.cache import CACHE_UNAVAILABLE, log_cache_unavailable


def _key(user_id) -> str:
    return f"auth-user:{user_id}"


def forget_user(user_id) -> None:
    """The account changed: read it from the database next time (now and after the commit)."""

    def drop() -> None:
        try:
            cache.delete(_key(user_id))
        except CACHE_UNAVAILABLE:
            log_cache_unavailable("changing an account")

    drop()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(drop)


def user_saved_or_deleted(sender, instance, **kwargs) -> None:
    forget_user(instance.pk)


def _backend_user(backend, backend_path: str, user_id):
    if not settings.USER_CACHE_SECONDS:
        return backend.get_user(user_id)
    key = _key(user_id)
    try:
        found = cache.get(key)
    except CACHE_UNAVAILABLE:
        log_cache_unavailable("reading an account")
        return backend.get_user(user_id)
    if found is not None and found[0] == backend_path:
        return found[1]
    user = backend.get_user(user_id)
    if user is not None:
        try:
            cache.set(key, (backend_path, user), settings.USER_CACHE_SECONDS)
        except CACHE_UNAVAILABLE:
            log_cache_unavailable("reading an account")
    return user


def get_user(request):
    """django.contrib.auth.get_user, with the backend's answer from the cache."""
    from django.contrib.auth.models import AnonymousUser

    user = None
    try:
        user_id = auth._get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            backend = load_backend(backend_path)
            user = _backend_user(backend, backend_path, user_id)
            # Verify the session, as Django does.
            if hasattr(user, "get_session_auth_hash"):
                session_hash = request.session.get(HASH_SESSION_KEY)
                if not session_hash:
                    verified = False
                else:
                    session_auth_hash = user.get_session_auth_hash()
                    verified = constant_time_compare(session_hash, session_auth_hash)
                if not verified:
                    if session_hash and any(
                        constant_time_compare(session_hash, fallback)
                        for fallback in user.get_session_auth_fallback_hash()
                    ):
                        request.session.cycle_key()
                        request.session[HASH_SESSION_KEY] = session_auth_hash
                    else:
                        request.session.flush()
                        user = None
    return user or AnonymousUser()


def _lazy_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = get_user(request)
    return request._cached_user


class CachedUserAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, with the user read through the cache."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _lazy_user(request))
