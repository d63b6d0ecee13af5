"""Project-level views: home, health check, language switch, error pages."""

import json
import logging
import sys
from urllib.parse import urlsplit

from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from accounts.adapter import is_same_origin_path
from accounts.services import user_set_preferred_language
from portal.cache import CACHE_UNAVAILABLE
from portal.context_processors import portal as portal_context

csp_logger = logging.getLogger("portal.csp")
# A report is a small JSON object; anything longer is not read.
CSP_REPORT_MAX_BYTES = 8 * 1024

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
    """Switch the interface language and remember it on the account of a signed-in user.

    `next` may only be a path on this site: Django's own view also accepts a full address
    on the same host (or over http), which the portal never needs.
    """
    if "next" in request.POST and not is_same_origin_path(request.POST["next"]):
        request.POST = request.POST.copy()
        del request.POST["next"]
    # Django finds the page's address in the new language by resolving `next` under the
    # active language, which here (no prefix in /i18n/setlang/) comes from the cookie or the
    # browser: a Chinese browser on /en/privacy/ would stay there. Resolve it in its own.
    next_language = translation.get_language_from_path(request.POST.get("next", ""))
    if next_language:
        translation.activate(next_language)
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


def _error_page(request, template: str, status: int) -> HttpResponse:
    # The request's host may be the very thing that is wrong (a 400 for a bad Host header):
    # render with the portal's context but nothing that reads the host.
    # The language comes from the address: a bad host over http is refused by the first
    # middleware, before the one that reads the language.
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    context = {"request": request, **portal_context(request)}
    with translation.override(language):
        html = loader.render_to_string(template, context, request=None)
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    """The 400 page (a bad Host header among others), branded and in the page's language."""
    return _error_page(request, "400.html", 400)


def csrf_failure(request, reason=""):
    """The page for a form sent without a valid CSRF token (an expired page, often)."""
    return render(request, "403_csrf.html", status=403)


@require_GET
@cache_control(max_age=60 * 60 * 24)
def robots_txt(request):
    """Crawlers: the guidance is public; accounts, the number helper and the admin are not."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/accounts/", f"Disallow: /{code}/number/"]
    if settings.PUBLIC_BASE_URL:
        lines.append(f"Sitemap: {settings.PUBLIC_BASE_URL.rstrip('/')}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _path_only(url) -> str:
    """A reported address without its query string, which can hold a number (?number=)."""
    return urlsplit(str(url))._replace(query="", fragment="").geturl()[:500]


@csrf_exempt
@require_POST
def csp_report(request):
    """Browsers report Content-Security-Policy violations here; each is logged.

    No session or CSRF token (browsers send them without), so a limit per address keeps
    anyone from filling the log, and the body is read up to CSP_REPORT_MAX_BYTES only.
    """
    rates = {"csp_report": f"{settings.CSP_REPORTS_PER_MINUTE}/m/ip"}
    if not ratelimit.consume(request, app="portal", action="csp_report", config=rates):
        return HttpResponse(status=429)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > CSP_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(request.read(CSP_REPORT_MAX_BYTES) or b"{}").get("csp-report", {})
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    if not isinstance(report, dict):
        return HttpResponse(status=400)
    csp_logger.warning(
        "CSP violation: %s blocked %s on %s",
        str(report.get("effective-directive") or report.get("violated-directive", ""))[:100],
        _path_only(report.get("blocked-uri", "")),
        _path_only(report.get("document-uri", "")),
    )
    return HttpResponse(status=204)
