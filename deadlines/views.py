"""The calendar page (subscribe, download, revoke) and the private feed it gives out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from deadlines import services
from deadlines.feed import absolute, feed_calendar
from deadlines.models import CalendarFeed
from deadlines.selectors import deadlines_for, feed_for_token

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@login_required
@never_cache
@require_GET
def calendar_page(request):
    feed = CalendarFeed.objects.filter(student=request.user).first()
    feed_url = webcal_url = ""
    if feed is not None:
        feed_url = absolute(
            reverse("deadlines_feed", kwargs={"token": feed.token}), base_url=_base_url(request)
        )
        webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    return render(
        request,
        "deadlines/calendar.html",
        {
            "feed": feed,
            "feed_url": feed_url,
            "webcal_url": webcal_url,
            "deadlines": deadlines_for(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def calendar_link(request):
    """Create the secret link, or replace it (GET asks first when one exists)."""
    exists = CalendarFeed.objects.filter(student=request.user).exists()
    if request.method == "POST":
        services.feed_regenerate(student=request.user)
        if exists:
            messages.success(request, _("New link created. The old one no longer works."))
        else:
            messages.success(request, _("Your private calendar link is ready."))
        return redirect("deadlines:calendar")
    return render(request, "deadlines/confirm.html", {"action": "regenerate", "exists": exists})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def calendar_revoke(request):
    if request.method == "POST":
        if services.feed_revoke(student=request.user):
            messages.success(request, _("Link revoked: calendars subscribed to it stop updating."))
        return redirect("deadlines:calendar")
    if not CalendarFeed.objects.filter(student=request.user).exists():
        return redirect("deadlines:calendar")
    return render(request, "deadlines/confirm.html", {"action": "revoke"})


@login_required
@never_cache
@require_GET
def calendar_download(request):
    """The same events as a file to import once (no link to keep secret)."""
    response = HttpResponse(
        feed_calendar(request.user, base_url=_base_url(request)), content_type=CALENDAR_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="health-insurance-deadlines.ics"'
    return response


@never_cache
@require_GET
def feed(request, token):
    """The subscription feed: its token is the only key, so any miss is the same 404."""
    found = feed_for_token(token)
    if found is None:
        raise Http404
    CalendarFeed.objects.filter(pk=found.pk).update(last_read_at=timezone.now())
    response = HttpResponse(
        feed_calendar(found.student, base_url=_base_url(request)), content_type=CALENDAR_TYPE
    )
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
