"""A student's dashboard and document list, rendered once per change of their file.

Both pages are read far more often than the file behind them changes, and each costs a
dozen queries and 20 KB of templates. The whole page is kept in the shared cache for one
student, under a version made of:

- the student's **file stamp**, a random value every service that changes what the pages
  show replaces once its transaction has committed (`student_file_changed`, called from
  the services of students, documents, messaging and expenses: registration steps, the
  timeline, the profile, "better reimbursed" ticks, documents and their reviews, messages
  and their read marks, care expenses and claims, and the retention purge of documents and
  old expenses). Notices (e-mails) and calendar feeds are not shown on these pages, so
  their services leave the stamp alone;
- the guidance content version (`guidance.page_cache.VERSION_KEY`): the tariffs, facts and
  the health service shown on the dashboard are guidance content;
- the e-mail address and staff flag the header shows (changed through allauth, not a
  service of ours).

The key holds the language and the day (the "days left", overdue claims and the time in a
step are counted to the day), and a copy lives 15 minutes at most, which also bounds how
old the office-wide waiting times are and how long an undo button outlives its 14-day
window (the undo service checks the window itself).

What is per request is never taken from the cache: CSRF tokens (a placeholder in the
cached HTML, replaced by this request's token, as for guidance pages); flash messages (a
request with a message to show is rendered afresh); the page is served from the cache only
for a GET without a query string. The pages use no CSP nonce; if one is added, it must be
replaced like the token. Headers (no-store, CSP, frame options) are added by the middleware
to every response, cached or not.

A cache outage never stops a page: it is rendered as if there were no cache. A stamp that
could not be replaced because the cache was unreachable leaves copies that expire within
15 minutes.
"""

import hashlib
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from portal.cache import CACHE_UNAVAILABLE, log_cache_unavailable, version_stamp

# Longer than any copy (PERSONAL_PAGE_TIMEOUT, 15 minutes by default; 0 renders every
# view), so that a stamp outlives the pages cached under it.
STAMP_TIMEOUT = 24 * 60 * 60
TOKEN_PLACEHOLDER = "csrf-token-placeholder-personal-page"  # noqa: S105


def _stamp_key(student_id: int) -> str:
    return f"student-file:{student_id}"


def student_file_changed(student_id: int) -> None:
    """The student's file changed: their cached pages are stale once this commits.

    Called by every service that changes what the dashboard or the document list shows.
    The stamp is replaced at once, so no copy made before is served again, and once more
    when the transaction commits, because a view rendering meanwhile reads the database as
    it was before the change and would store its copy under the first new stamp.
    """

    def bump() -> None:
        try:
            cache.set(_stamp_key(student_id), uuid.uuid4().hex, STAMP_TIMEOUT)
        except CACHE_UNAVAILABLE:
            log_cache_unavailable("changing a student's file")

    bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump)


def _servable_from_cache(request) -> bool:
    return (
        settings.PERSONAL_PAGE_TIMEOUT > 0
        and request.method == "GET"
        and not request.GET
        and request.user.is_authenticated
        and len(messages.get_messages(request)) == 0
    )


def cached_personal_page(request, name: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The signed-in student's page `name`, from the cache when their file has not changed."""
    if not _servable_from_cache(request):
        return render()
    from guidance.page_cache import _TOKEN_INPUT, VERSION_KEY, canonical_host

    user = request.user
    stamp_key = _stamp_key(user.pk)
    day = timezone.localdate().isoformat()
    key = f"personal:{name}:{user.pk}:{translation.get_language()}:{day}:{canonical_host(request)}"
    try:
        found = cache.get_many([stamp_key, VERSION_KEY, key])
        stamp = version_stamp(found, stamp_key, STAMP_TIMEOUT)
    except CACHE_UNAVAILABLE:
        log_cache_unavailable("serving a personal page")
        return render()
    header = hashlib.sha256(f"{user.email}\n{user.is_staff}".encode()).hexdigest()
    version = (stamp, found.get(VERSION_KEY), header)
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return HttpResponse(entry[1].replace(TOKEN_PLACEHOLDER, get_token(request)))
    # Rendered from what the database holds now, stored under the stamp read before: if a
    # change commits meanwhile, this copy is already stale and will not be served.
    response = render()
    # A message added while rendering is in the HTML: that copy is this request's only.
    added_message = len(messages.get_messages(request)) > 0
    if response.status_code == 200 and not response.streaming and not added_message:
        html = _TOKEN_INPUT.sub(rf"\g<1>{TOKEN_PLACEHOLDER}\g<2>", response.content.decode())
        try:
            cache.set(key, (version, html), settings.PERSONAL_PAGE_TIMEOUT)
        except CACHE_UNAVAILABLE:
            log_cache_unavailable("serving a personal page")
    return response
