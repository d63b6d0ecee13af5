from django.conf import settings


def portal(request):
    """Names shown in every page's header and footer."""
    return {"PORTAL_NAME": settings.PORTAL_NAME, "UNIVERSITY_NAME": settings.UNIVERSITY_NAME}
