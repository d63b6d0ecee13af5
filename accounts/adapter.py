from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme


def at_public_address(url: str) -> str:
    """The same link on the portal's public address (PUBLIC_BASE_URL), if one is set.

    allauth builds links from the request's Host header; ALLOWED_HOSTS already refuses
    unknown hosts, and this makes every account e-mail name the one address students know,
    whichever allowed name the request came in on (SECURITY.md rows 14 and 41).
    """
    if not settings.PUBLIC_BASE_URL:
        return url
    base = urlsplit(settings.PUBLIC_BASE_URL)
    parts = urlsplit(url)
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


def is_same_origin_path(url: str | None) -> bool:
    """True for a path on this site ("/en/…"), never for an address with a scheme or host.

    `next=` parameters (logout, language) may only lead back into the portal: not to
    another allowed host name, not to http, not to "//elsewhere".
    """
    return bool(
        url
        and url.startswith("/")
        and not url.startswith("//")
        and "\\" not in url
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    )


class AccountAdapter(DefaultAccountAdapter):
    """Sends people to their dashboard in the language saved on their account."""

    def is_safe_url(self, url):
        return is_same_origin_path(url)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's own key starts with the request's host, port included, so the same
        # account under "127.0.0.1:1" and "127.0.0.1:2" had two counters (issue 16, #2).
        # The key is the account *and* the client's address: five wrong passwords from a
        # stranger lock the stranger out, not the student (SECURITY.md row 3). The
        # account-wide limit is `login_failed_account` below.
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{login}|{get_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        login = credentials.get("email", credentials.get("username", "")).lower()
        self._account_failed_usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed_account", key=login
        )
        if not self._account_failed_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        # Like allauth's own per-address counter: a success takes back its own attempt
        # only, so a correct password slipped in between guesses resets nothing.
        usage = getattr(self, "_account_failed_usage", None)
        if user and usage:
            usage.rollback()
        return user

    def get_login_redirect_url(self, request):
        url = super().get_login_redirect_url(request)
        user = request.user
        if url == reverse("students:dashboard") and user.is_authenticated:
            with translation.override(user.preferred_language):
                return reverse("students:dashboard")
        return url

    def save_user(self, request, user, form, commit=True):
        # A new account speaks the language of the page it signed up on.
        user.preferred_language = translation.get_language() or user.preferred_language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        if settings.PUBLIC_BASE_URL:
            # Links (activate_url, password_reset_url, signup_url…) and the site's name.
            context = {
                key: at_public_address(value)
                if key.endswith("_url") and isinstance(value, str)
                else value
                for key, value in context.items()
            }
            context.setdefault(
                "current_site",
                SimpleNamespace(
                    name=str(settings.PORTAL_NAME),
                    domain=urlsplit(settings.PUBLIC_BASE_URL).netloc,
                ),
            )
        super().send_mail(template_prefix, email, context)
