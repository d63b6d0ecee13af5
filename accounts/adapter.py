from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation


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
