from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation


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


class AccountAdapter(DefaultAccountAdapter):
    """Sends people to their dashboard in the language saved on their account."""

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
