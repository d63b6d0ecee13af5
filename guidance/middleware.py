"""Guidance pages for visitors without a session, answered before the session is read."""

from guidance import page_cache


class StoredGuidancePageMiddleware:
    """Sends a stored guidance page to a visitor who has no session (guidance/page_cache.py).

    Placed before the session, locale, CSRF, authentication and CSP middlewares: the stored
    response already carries what those added when it was made (its language, its security
    policy), and for such a visitor they would add nothing else. The outer middlewares
    (security headers, whitenoise) still run. A reader sent by a poster costs one cache
    read, close to Django's bare floor (issue 17).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_cache.whole_response_key(request)
        if key is None:
            return self.get_response(request)
        stored, version = page_cache.read_whole_response(key)
        if stored is not None:
            return stored
        response = self.get_response(request)
        if version is not None:
            page_cache.keep_whole_response(key, version, response)
        return response
