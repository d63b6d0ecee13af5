"""Whole guidance pages for visitors who are not signed in, kept in the shared cache.

Guidance pages are read far more often than edited, and are the same for every visitor who
is not signed in. Their language switch is a set of plain links (no form, no CSRF token,
templates/includes/language_switcher.html), so a cached page is sent as stored: one cache
read and the bytes. Should a page ever carry a POST form for anonymous visitors, its CSRF
token is stored as a placeholder and replaced by each visitor's own token, so no visitor
ever receives another's.

Any save or deletion of a page, a text or an old address sets a new content version once
the transaction has committed (signals connected in apps.py); a cached page rendered under
an older version is ignored. The version is read in the same cache round trip as the page.

Visitors who bring no session cookie (most readers sent by the health service's posters and
links) are answered one step earlier, by guidance.middleware.StoredGuidancePageMiddleware:
the whole response, headers included, is stored as it left the middlewares inside it, and
sent again before the session, the user, the locale and the URL are even looked at. Without a
session there is no user and no message to show, so the page is the one every such visitor
gets. A page that needs a CSRF token, or sets a cookie, is never stored there.
"""

import re
import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from portal import languages
from portal.cache import CACHE_UNAVAILABLE, log_cache_unavailable, version_stamp

VERSION_KEY = "guidance:content-version"
PAGE_TIMEOUT = 24 * 60 * 60
# Fixed, so that every app server recognises it in a page another one cached.
TOKEN_PLACEHOLDER = "csrf-token-placeholder-guidance-cache"  # noqa: S105
_TOKEN_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _pages_path():
    codes = "|".join(re.escape(language.code) for language in languages.PORTAL_LANGUAGES)
    # /<lang>/guide/ and /<lang>/guide/<slug>/: the addresses of guide_index and guide_page;
    # /<lang>/guide/links/ is the link kit's (guidance/urls.py routes it before the pages).
    return re.compile(rf"^/(?:{codes})/guide/(?:(?!links/)[-\w]+/)?$")


_PAGES_PATH = _pages_path()


def content_changed(**kwargs) -> None:
    """Every cached guidance page is stale from the moment the change is committed.

    The cache is asked once before the commit: while it cannot be reached the edit is
    refused (the error rolls it back, the editor gets the "temporarily unavailable" page),
    so a page cached before an edit is never served after it once the cache is back.
    """
    cache.get(VERSION_KEY)
    transaction.on_commit(_new_version)


def _servable_from_cache(request) -> bool:
    # Signed-in people see their own header; a query string or a message to show makes the
    # page unlike the cached one.
    return (
        request.method == "GET"
        and not request.GET
        and not request.user.is_authenticated
        and len(messages.get_messages(request)) == 0
    )


def _canonical_host(request) -> str:
    """The host a page is cached for: the public address, never what the visitor typed.

    Keyed by the request's Host header (port included), 350 requests with
    "Host: 127.0.0.1:<n>" made 350 entries (issue 16, #1). Pages hold absolute links built
    from PUBLIC_BASE_URL when it is set; without it (development) from the host name, whose
    values ALLOWED_HOSTS bounds (the port is left out: any port passes that check).
    """
    if settings.PUBLIC_BASE_URL:
        return urlsplit(settings.PUBLIC_BASE_URL).netloc
    domain, _port = split_domain_port(request.get_host())
    return domain


# The personal pages' cache (portal.personal_pages) keys its copies on the same host.
canonical_host = _canonical_host


def _read_current(key: str) -> tuple[tuple | None, str | None]:
    """The entry stored under `key` if made under the current content version (else None),
    and that version, in one cache round trip; (None, None) while the cache is unreachable."""
    try:
        found = cache.get_many([VERSION_KEY, key])
        version = version_stamp(found, VERSION_KEY, None)
    except CACHE_UNAVAILABLE:
        log_cache_unavailable("serving a guidance page")
        return None, None
    entry = found.get(key)
    return (entry if entry is not None and entry[0] == version else None), version


def cached_page(request, name: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The page `name` from the cache for anonymous visitors, else rendered (and cached)."""
    if not _servable_from_cache(request):
        return render()
    # The day is part of the key: a page's dated figures are filled in for the day shown.
    day = timezone.localdate().isoformat()
    key = f"guidance:page:{name}:{translation.get_language()}:{day}:{_canonical_host(request)}"
    entry, version = _read_current(key)
    if version is None:
        # The page needs only the database: served as for a signed-in visitor.
        return render()
    if entry is not None and len(entry) == 3:
        _version, body, needs_token = entry
        if needs_token:
            body = body.replace(TOKEN_PLACEHOLDER.encode(), get_token(request).encode())
        response = HttpResponse(body)
        if not needs_token:
            response.storable_whole = True  # type: ignore[attr-defined]
        return response
    # Rendered from what the database holds now, stored under the version read before: if
    # an edit commits meanwhile, this copy is already stale and will not be served.
    response = render()
    if response.status_code == 200 and not response.streaming:
        html, tokens = _TOKEN_INPUT.subn(
            rf"\g<1>{TOKEN_PLACEHOLDER}\g<2>", response.content.decode()
        )
        try:
            # Bytes, encoded once here rather than on every view.
            cache.set(key, (version, html.encode(), tokens > 0), PAGE_TIMEOUT)
        except CACHE_UNAVAILABLE:
            log_cache_unavailable("serving a guidance page")
        if tokens == 0:
            response.storable_whole = True  # type: ignore[attr-defined]
    return response


# --- Whole responses, for visitors without a session (StoredGuidancePageMiddleware) -------

# Headers that belong to one answer: the date, a cookie (a response setting one is never
# stored), and the length, which the sent response counts again.
_NOT_STORED = {"date", "set-cookie", "content-length"}


def whole_response_key(request) -> str | None:
    """The key of the stored response for this request, or None if it may not have one.

    Only a plain GET of a guidance page's address, without a query string and without a
    session cookie: with a session the visitor may be signed in or have a message waiting.
    The Host header is checked as CommonMiddleware would (a bad one gets Django's 400 page
    from the middlewares behind, as before).
    """
    if (
        request.method != "GET"
        or request.META.get("QUERY_STRING")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or not _PAGES_PATH.match(request.path_info)
    ):
        return None
    try:
        request.get_host()
    except DisallowedHost:
        return None
    day = timezone.localdate().isoformat()
    return f"guidance:response:{request.path_info}:{day}:{_canonical_host(request)}"


def read_whole_response(key: str) -> tuple[HttpResponse | None, str | None]:
    """The stored response under `key` if still current, and the content version read.

    (None, None) when the cache cannot be reached: the page is then made as usual.
    """
    entry, version = _read_current(key)
    if entry is None:
        return None, version
    _version, body, headers = entry
    return HttpResponse(body, headers=headers), version


def keep_whole_response(key: str, version: str, response: HttpResponse) -> None:
    """Store `response` under `key`, if the page said it is the same for every visitor."""
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or not getattr(response, "storable_whole", False)
    ):
        return
    headers = {name: value for name, value in response.items() if name.lower() not in _NOT_STORED}
    try:
        cache.set(key, (version, response.content, headers), PAGE_TIMEOUT)
    except CACHE_UNAVAILABLE:
        log_cache_unavailable("storing a guidance page")
