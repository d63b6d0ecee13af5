from django.utils.functional import SimpleLazyObject

from guidance import selectors


def health_service(request):
    """The university's student health service, for any template (read only when used)."""
    return {"health_service": SimpleLazyObject(selectors.health_service)}
