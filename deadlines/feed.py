"""The student's deadlines as an iCalendar document (RFC 5545), built with `icalendar`."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from accounts.models import User
from deadlines.selectors import Deadline, deadlines_for

PRODID = "-//health-portal//deadlines//EN"
# Calendar apps poll a subscribed feed; ask for twice a day (RFC 7986 REFRESH-INTERVAL).
REFRESH = timedelta(hours=12)


def _uid(student: User, deadline: Deadline) -> str:
    # Stable across token changes, and reveals nothing about the student.
    digest = hashlib.sha256(f"{student.uuid}:{deadline.key}".encode()).hexdigest()[:32]
    return f"{digest}@health-portal"


def absolute(path: str, *, base_url: str) -> str:
    return (settings.PUBLIC_BASE_URL or base_url).rstrip("/") + path


def feed_calendar(student: User, *, base_url: str) -> bytes:
    """The whole feed, in the student's language: all-day events, each linking back."""
    with translation.override(student.preferred_language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        name = _("Health insurance deadlines")
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        # An X- property has no known type in icalendar: give the duration as RFC 5545 text.
        calendar.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
        stamp = timezone.now()
        for deadline in deadlines_for(student):
            url = absolute(deadline.path, base_url=base_url)
            event = Event()
            event.add("uid", _uid(student, deadline))
            event.add("dtstamp", stamp)
            event.add("dtstart", deadline.day)
            event.add("dtend", deadline.day + timedelta(days=1))
            event.add("summary", deadline.summary)
            event.add("description", f"{deadline.description}\n\n{url}")
            event.add("url", url)
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
        return calendar.to_ical()
