"""Response headers on every response, error pages included."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

from portal import languages


class SecurityHeadersMiddleware:
    """The outermost middleware: no response leaves without the portal's headers.

    A bad Host header raises in the request phase of SecurityMiddleware or CommonMiddleware;
    Django turns it into the 400 page at that layer, and the response phase of every
    middleware inside it (CSP, X-Frame-Options) never runs: the bad-host page went out bare
    (issue 16, #7). So the response phases of those middlewares are applied here too; each
    leaves a header already set alone, so a normal response is unchanged. Also sets what
    Django has no setting for (Permissions-Policy, Cross-Origin-Resource-Policy), and keeps
    pages seen by a signed-in person out of every cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._again = [
            SecurityMiddleware(get_response),
            XFrameOptionsMiddleware(get_response),
            CSPMiddleware(get_response),
        ]

    def __call__(self, request):
        response = self.get_response(request)
        for middleware in self._again:
            response = middleware.process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY
        )
        user = getattr(request, "user", None)
        # Authenticated pages hold personal data: no browser or proxy may keep a copy.
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class AdminLanguageMiddleware:
    """The admin speaks English or French only: other languages get it in English.

    The admin is not under /<lang>/ and follows the language cookie, which login sets from the
    person's saved language. Its labels, help texts, staff e-mails and the office's own
    screens are written and reviewed in English and French; Django's partial translations
    in other languages would mix three languages on one screen.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if (
            request.path_info.startswith(self.admin_prefix)
            and translation.get_language() not in languages.admin_codes()
        ):
            translation.activate(languages.ADMIN_FALLBACK)
            request.LANGUAGE_CODE = languages.ADMIN_FALLBACK
        return self.get_response(request)
