from django.conf import settings
from django.utils import translation

_PENDING = "_pending_language"


def remember_language_for_response(request, language: str) -> None:
    """Ask the middleware to set the language cookie on this request's response."""
    request.session[_PENDING] = language
    translation.activate(language)
    request.LANGUAGE_CODE = language


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
