from django.conf import settings
from django.http import Http404
from django.shortcuts import render


def guide_index(request):
    return render(request, "guidance/index.html")


def privacy(request):
    return render(
        request,
        "guidance/privacy.html",
        {"session_minutes": settings.SESSION_COOKIE_AGE // 60},
    )


def accessibility(request):
    return render(request, "guidance/accessibility.html")


def guide_page(request, slug):
    # Guidance pages arrive with the guidance issue; until then no page exists.
    raise Http404
