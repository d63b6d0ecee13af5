from allauth.account.signals import user_logged_in
from django.dispatch import receiver

from accounts.middleware import mark_session_start, remember_language_for_response


@receiver(user_logged_in)
def apply_preferred_language(sender, request, user, **kwargs):
    """After login, the portal speaks the language the person chose last time."""
    remember_language_for_response(request, user.preferred_language)
    mark_session_start(request)
