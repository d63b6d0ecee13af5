from django.utils.functional import SimpleLazyObject

from messaging.selectors import unread_for_student


def unread_messages(request):
    """The header's "Messages" badge; counted only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_staff:
        return {}
    return {"unread_messages": SimpleLazyObject(lambda: unread_for_student(user))}
