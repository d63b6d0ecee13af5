"""Project-level views: home, health check, language switch, error pages."""

import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from accounts.services import user_set_preferred_language
from portal.cache import CACHE_UNAVAILABLE
from portal.context_processors import portal as portal_context

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def home(request):
    return render(request, "home.html")


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@require_GET
def bench_floor(request):
    """The benchmark's floor: the whole middleware stack and a short template, no database.

    Routed only when settings.BENCH_FLOOR is on (bench/run.py sets it).
    """
    return render(request, "bench/floor.html")


@login_required
@require_GET
def bench_floor_signed_in(request):
    """The signed-in floor: the floor's template for a signed-in person (their session and
    user read, the idle stamp refreshed at most once a minute). Routed with the floor."""
    return render(request, "bench/floor.html")


@require_POST
def set_language(request):
    """Switch the interface language and remember it on the account of a signed-in user."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and response.status_code in (200, 302):
        user_set_preferred_language(user=request.user, language=language)
    return response


def server_error(request):
    """The 500 page, or 503 when the database or the shared cache is unreachable.

    Neither page touches the database or the cache. The cache is needed by what cannot be
    done safely without it (rate limits on signing in, upload limits): those pages say the
    service is unavailable for a moment instead of letting the attempt through unchecked.
    """
    context = {"request": request, **portal_context(request)}
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE + CACHE_UNAVAILABLE):
        context["cache_down"] = isinstance(error, CACHE_UNAVAILABLE)
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html", context))
