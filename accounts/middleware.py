import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import translation

_PENDING = "_pending_language"
_AUTH_STARTED = "_auth_started"
_LAST_SEEN = "_last_seen"


def remember_language_for_response(request, language: str) -> None:
    """Ask the middleware to set the language cookie on this request's response."""
    request.session[_PENDING] = language
    translation.activate(language)
    request.LANGUAGE_CODE = language


def mark_session_start(request) -> None:
    """Record when this login happened, for the absolute session limit."""
    request.session[_AUTH_STARTED] = int(time.time())


class PreferredLanguageMiddleware:
    """Sets the language cookie after login so the user's saved language sticks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and _PENDING in session:
            language = session.pop(_PENDING)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class SessionPolicyMiddleware:
    """Idle timeouts by role (staff shorter than students) and an absolute session limit.

    SECURITY.md row 10: students 30 min idle, staff 15 min idle, 12 h absolute, even with
    continuous activity. Both are enforced here, on the server, from times kept in the
    session: the cookie itself is a browser-session cookie (no Max-Age), so closing the
    browser of a shared computer ends the session (issue 16, #6). The database row expires
    after SESSION_COOKIE_AGE, renewed on each request (SESSION_SAVE_EVERY_REQUEST).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _idle_limit(user) -> int:
        if user.is_staff:
            return settings.SESSION_IDLE_SECONDS_STAFF
        return settings.SESSION_IDLE_SECONDS_STUDENT

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            started = request.session.get(_AUTH_STARTED)
            last_seen = request.session.get(_LAST_SEEN, now)
            if started is None:
                mark_session_start(request)
            elif (
                now - started > settings.SESSION_ABSOLUTE_SECONDS
                or now - last_seen > self._idle_limit(user)
            ):
                logout(request)
                return redirect_to_login(request.get_full_path())
        response = self.get_response(request)
        # After the view, so it also applies to the response that logs the person in
        # (allauth sets the expiry at login).
        if request.user.is_authenticated:
            request.session[_LAST_SEEN] = int(time.time())
            request.session.set_expiry(0)
        return response
