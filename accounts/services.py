"""Writes on accounts."""

from django.conf import settings

from accounts.models import User


def user_set_preferred_language(*, user: User, language: str | None) -> None:
    """Remember the interface language a signed-in person chose."""
    if language not in dict(settings.LANGUAGES) or user.preferred_language == language:
        return
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
