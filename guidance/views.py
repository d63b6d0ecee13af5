from django.conf import settings
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
