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
    """Record when this login happened, for the absolute limit and as the first activity."""
    now = int(time.time())
    request.session[_AUTH_STARTED] = now
    request.session[_LAST_SEEN] = now


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


def _idle_limit(user) -> int:
    return (
        settings.SESSION_IDLE_SECONDS_STAFF
        if user.is_staff
        else settings.SESSION_IDLE_SECONDS_STUDENT
    )


def _refresh_activity(request, now: float) -> None:
    # No set_expiry() here: a number would give the cookie a Max-Age, and the cookie must
    # end with the browser (shared computers, issue 16). The stored copy expires
    # SESSION_COOKIE_AGE after its last save, which happens at least once a minute while
    # the person is active, so an abandoned session still leaves the database and Redis.
    request.session[_LAST_SEEN] = int(now)


class SessionPolicyMiddleware:
    """Idle timeouts by role (staff shorter than students) and an absolute session limit.

    SECURITY.md row 10: students 30 min idle, staff 15 min idle, 12 h absolute, even with
    continuous activity. The idle timeout counts from an activity stamp kept in the
    session. Rewriting the session on every request would make every signed-in page a
    database write, so the stamp is refreshed at most once per
    SESSION_ACTIVITY_RESOLUTION (a minute), or whenever the session is saved anyway: a
    person is signed out between one minute before and the moment of their idle limit
    after their last request, never later. The absolute limit counts from the login. The
    cookie itself ends with the browser; both limits hold here, on the server.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        now = time.time()
        if user.is_authenticated:
            started = request.session.get(_AUTH_STARTED)
            last_seen = request.session.get(_LAST_SEEN)
            if started is None:
                mark_session_start(request)
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path())
            elif last_seen is not None and now - last_seen > _idle_limit(user):
                # As an expired session always was: the request goes on signed out, so a
                # public page is still served and a private one asks for the login.
                logout(request)
        response = self.get_response(request)
        # After the view, so it also applies to the response that logs the person in
        # (allauth resets the expiry at login).
        user = request.user
        if user.is_authenticated:
            last_seen = request.session.get(_LAST_SEEN)
            if (
                last_seen is None
                or request.session.modified
                or now - last_seen >= settings.SESSION_ACTIVITY_RESOLUTION
            ):
                _refresh_activity(request, now)
        return response
